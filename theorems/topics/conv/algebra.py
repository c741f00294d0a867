"""The algebra of the true convolution: commutativity, associativity, shift equivariance, linearity,
linear shift-equivariant maps as convolutions, the d-dimensional sum and the Toeplitz matrix.

Here ``*`` is the flipped-kernel convolution ``(f * h)(u) = ∫ f(t) h(u - t) dt`` (``Σ_t`` on ℤ),
not the cross-correlation of deep-learning layers. Continuous identities are proved with SymPy by the
change of variables that proves them, on undefined functions f and h; the same printed integrand is
summed over ℤ on integer-valued signals and compared with the implementation's convolution.
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    equal,
    for_all,
    for_each,
    symbolic,
    that,
)

from . import GOODFELLOW, OPPENHEIM, TOPIC
from .signals import Seq, convolve, sums_match
from .strategies import arrays_of_rank, signals

t, u, s, delta = sympy.symbols("t u s Delta", real=True)
F, H = sympy.Function("f"), sympy.Function("h")


CONVOLUTION_FORMS = (Formula(r"h(u-t)f(t)", lambda f, h, u, t: h(u - t) * f(t)),
                     Formula(r"f(u-t)h(t)", lambda f, h, u, t: f(u - t) * h(t)))


def integral(form: Formula, *args: object) -> sympy.Integral:
    return sympy.Integral(form(F, H, *args), (t, -sympy.oo, sympy.oo))


def same_integral(difference: sympy.Expr) -> sympy.Expr:
    """Two integrals that differ only in the name of their integration variable are equal."""
    return sympy.simplify(difference.as_dummy())


def split_integrals(expr: sympy.Expr) -> sympy.Expr:
    """The linearity of the integral, ∫ Σᵢ cᵢ rᵢ(t) dt = Σᵢ cᵢ ∫ rᵢ(t) dt (cᵢ free of t), applied throughout."""

    def split(integral_: sympy.Integral) -> sympy.Expr:
        terms = sympy.expand(integral_.function).as_ordered_terms()
        parts = [term.as_independent(*integral_.variables) for term in terms]
        return sympy.Add(*[c * sympy.Integral(rest, *integral_.limits) for c, rest in parts])

    return sympy.simplify(expr.replace(lambda e: isinstance(e, sympy.Integral), split))


def integrals_agree(ctx: Context, forms: tuple[Formula, Formula], substitution: sympy.Expr) -> Outcome:
    """``∫ lhs dt = ∫ rhs dt``, proved by substituting ``t = substitution(s)`` in the left side."""
    left, right = integral(forms[0], u, t), integral(forms[1], u, t)
    substituted = left.transform(t, (substitution, s))
    return symbolic(ctx, (rf"\int {forms[0].latex}\,dt,\ t = {sympy.latex(substitution)}", substituted),
                    (rf"\int {forms[1].latex}\,dt", right), simplify=same_integral)


@TOPIC.claim(
    "conv.convolution_commutative",
    method="sympy",
    canonical=CONVOLUTION_FORMS,
    faithful=("000", "001", "002", "003", "004"),
    references=(OPPENHEIM,),
)
def convolution_commutative(ctx: Context, forms: tuple[Formula, Formula]) -> Outcome:
    """Convolution is commutative.

    (f * h)(u) = ∫ h(u - t) f(t) dt = ∫ f(u - t) h(t) dt = (h * f)(u) (documents 000, 001, 002, 004
    write the two integrals, 003 writes f * g = g * f). Proved for arbitrary f, h by the substitution
    t = u - s; each integrand summed over ℤ on integer signals equals the implementation's f * h and h * f.
    """
    impl = ctx.impl()

    def on_signals(pair: tuple[np.ndarray, np.ndarray]) -> list:
        f, h = Seq(pair[0]), Seq(pair[1])
        return [*sums_match(forms, f, h, convolve(impl, f, h), label="Σ_t = f * h"),
                *sums_match(forms, f, h, convolve(impl, h, f), label="Σ_t = h * f")]

    return all_of({
        "on ℤ": lambda: for_all(ctx, st.tuples(signals(), signals()), on_signals, max_examples=20),
        "algebra": lambda: integrals_agree(ctx, forms, u - s),
    })


@TOPIC.claim(
    "conv.commutative_associative",
    method="property",
    printed={"002": Printed(None, reading="A theorem heading with no formula: read as f * h = h * f and "
                                          "(f * g) * h = f * (g * h) for the true convolution."),
             "004": Printed(None, reading="'Comms' is OCR for 'Convs' (document 002 prints the same heading); "
                                          "read as f * h = h * f and (f * g) * h = f * (g * h).")},
    references=(OPPENHEIM,),
)
def commutative_associative(ctx: Context) -> Outcome:
    """Convolution is commutative and associative.

    f * h = h * f and (f * g) * h = f * (g * h) for finite signals, checked on the implementation's full
    convolution of integer-valued signals (exact in float64).
    """
    impl = ctx.impl()

    def prop(triple: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list:
        f, g, h = triple
        return [close(impl.convolve(f, h), impl.convolve(h, f), label="f * h = h * f"),
                close(impl.convolve(impl.convolve(f, g), h), impl.convolve(f, impl.convolve(g, h)),
                      label="(f * g) * h = f * (g * h)")]

    return for_all(ctx, st.tuples(signals(), signals(), signals()), prop, max_examples=30)


SHIFTED = Formula(r"(f*h)(u+\Delta)", lambda conv, u, shift: conv(u + shift))


@TOPIC.claim(
    "conv.shift_equivariance",
    method="sympy",
    canonical=SHIFTED,
    faithful=("001", "002", "004"),
    references=(OPPENHEIM,),
)
def shift_equivariance(ctx: Context, shifted: Formula) -> Outcome:
    """Convolution commutes with shifts.

    With f_Δ(t) = f(t + Δ): (f_Δ * h)(u) = (f * h)(u + Δ) = (f * h)_Δ(u). Proved by the substitution
    t = s - Δ; checked on the implementation with the shift made by zero-padding the array it receives.
    """
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, np.ndarray, int]) -> object:
        values, h, shift = case
        f = Seq(np.pad(values, (4, 0)), -4)
        f_shift = Seq(np.pad(values, (4 - shift, 0)), -4)  # f_Δ(t) = f(t + Δ)
        left, right = convolve(impl, f_shift, Seq(h)), convolve(impl, f, Seq(h))
        us = range(-12, 16)
        return close([left(v) for v in us], [shifted(right, v, shift) for v in us], label="(f_Δ * h)(u)")

    lhs = sympy.Integral(H(u - t) * F(t + delta), (t, -sympy.oo, sympy.oo))
    rhs = shifted(lambda v: sympy.Integral(F(t) * H(v - t), (t, -sympy.oo, sympy.oo)), u, delta)
    return all_of({
        "on ℤ": lambda: for_all(ctx, st.tuples(signals(), signals(), st.integers(-4, 4)), prop, max_examples=30),
        "algebra": lambda: symbolic(ctx, (r"(f_\Delta*h)(u),\ t = s-\Delta", lhs.transform(t, (s - delta, s))),
                                    (shifted.latex, rhs), simplify=same_integral),
    })


@TOPIC.claim(
    "conv.integral_transform_linear",
    method="sympy",
    faithful=("002", "004"),
)
def integral_transform_linear(ctx: Context) -> Outcome:
    """Every integral transform is linear.

    (Tf)(u) = ∫ K(t, u) f(t) dt satisfies T(αf + βg) = αTf + βTg, proved for arbitrary K, f, g by the
    linearity of the integral; the implementation's convolution (the transform with K(t, u) = h(u - t))
    is checked to be linear in f on integer signals.
    """
    impl = ctx.impl()
    kernel, g = sympy.Function("K"), sympy.Function("g")
    a, b = sympy.symbols("alpha beta")
    transform = lambda fn: sympy.Integral(kernel(t, u) * fn, (t, -sympy.oo, sympy.oo))  # noqa: E731

    def prop(case: tuple[np.ndarray, np.ndarray, np.ndarray, int, int]) -> object:
        f, g_, h, alpha, beta = case
        g_ = np.resize(g_, len(f))
        return close(impl.convolve(alpha * f + beta * g_, h),
                     alpha * impl.convolve(f, h) + beta * impl.convolve(g_, h), label="T(αf + βg) = αTf + βTg")

    cases = st.tuples(signals(), signals(), signals(), st.integers(-5, 5), st.integers(-5, 5))
    return all_of({
        "convolution": lambda: for_all(ctx, cases, prop, max_examples=30),
        "algebra": lambda: symbolic(ctx, (r"T(\alpha f+\beta g)", transform(a * F(t) + b * g(t))),
                                    (r"\alpha Tf + \beta Tg", a * transform(F(t)) + b * transform(g(t))),
                                    simplify=split_integrals),
    })


def circulant_shift(n: int) -> np.ndarray:
    """The cyclic shift S on ℤ_n: (S f)[t] = f[t - 1]."""
    return np.roll(np.eye(n), 1, axis=0)


IMPULSE_RESPONSE = Formula(r"h = T\delta", lambda T: T[:, 0])


@TOPIC.claim(
    "conv.lti_is_convolution",
    method="property",
    canonical=IMPULSE_RESPONSE,
    faithful=("001",),
    printed={
        "002": Printed(IMPULSE_RESPONSE, reading="'translation-invariant' in the signal-processing sense (a "
                       "time-invariant system: T commutes with translations), i.e. equivariant; a literally "
                       "invariant T(f_Δ) = Tf would be no convolution but a constant map."),
        "004": Printed(IMPULSE_RESPONSE, reading="As document 002: 'translation-invariant' read as commuting with "
                       "translations."),
        "003": Printed(IMPULSE_RESPONSE, reading="'=' read as both inclusions: every translation-equivariant "
                       "operator is a convolution (checked here) and every convolution is "
                       "translation-equivariant (conv.shift_equivariance)."),
    },
    depends=("conv.shift_equivariance",),
    references=(OPPENHEIM,),
)
def lti_is_convolution(ctx: Context, kernel_of: Formula) -> Outcome:
    """Linear shift-equivariant maps are convolutions.

    On periodic signals (ℤ_n, where the statement needs no regularity assumption) a linear map T with
    T S = S T is the circular convolution with its impulse response h = Tδ: Tf = f ⊛ h. T is drawn as
    the average of S⁻ᵏ M Sᵏ over k for an integer matrix M; f ⊛ h is the implementation's full
    convolution folded modulo n.
    """
    impl = ctx.impl()

    def prop(case: tuple[int, list[int], list[int]]) -> list:
        n, entries, f = case[0], np.array(case[1][: case[0] ** 2], float), np.array(case[2][: case[0]], float)
        shift = circulant_shift(n)
        m = entries.reshape(n, n)
        T = sum(np.linalg.matrix_power(shift.T, k) @ m @ np.linalg.matrix_power(shift, k) for k in range(n))
        full = impl.convolve(f, kernel_of(T))
        folded = np.zeros(n)
        np.add.at(folded, np.arange(len(full)) % n, full)
        return [close(T @ shift, shift @ T, label="T S = S T"), close(T @ f, folded, label="T f = f ⊛ Tδ")]

    ints = st.lists(st.integers(-5, 5), min_size=36, max_size=36)
    return for_all(ctx, st.tuples(st.integers(1, 6), ints, ints), prop, max_examples=30)


@TOPIC.claim(
    "conv.discrete_convolution_commutative",
    method="exhaustive",
    canonical=(Formula(r"f[t]h[u-t]", lambda f, h, u, t: f(t) * h(u - t)), CONVOLUTION_FORMS[1]),
    faithful=("002", "004"),
    references=(OPPENHEIM,),
)
def discrete_convolution_commutative(ctx: Context, forms: tuple[Formula, Formula]) -> Outcome:
    """The two sums of the discrete convolution agree.

    (f * h)[u] = Σ_t f[t] h[u - t] = Σ_t f[u - t] h[t] on ℤ: every pair of signals of length ≤ 2 with
    entries in {-1, 0, 1} or of length 3 with entries ±1, both sums exact, equal to the implementation's
    convolution at every u.
    """
    impl = ctx.impl()
    short = [np.array(v, float) for n, entries in ((1, (-1, 0, 1)), (2, (-1, 0, 1)), (3, (-1, 1)))
             for v in itertools.product(entries, repeat=n)]

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> list:
        f, h = Seq(pair[0]), Seq(pair[1])
        return sums_match(forms, f, h, convolve(impl, f, h), label="Σ_t = f * h")

    return for_each(ctx, itertools.product(short, short), prop, complete=False,
                    domain_name="pairs of signals: length 1-2, entries in {-1, 0, 1}, or length 3, entries ±1")


def nd_sum(f: np.ndarray, h: np.ndarray, u: tuple[int, ...], swap: bool) -> float:
    """Σ_t f(t) h(u - t) (or Σ_t f(u - t) h(t) when ``swap``) over the whole of ℤ^d where a term is non-zero."""
    inner, outer = (h, f) if swap else (f, h)
    total_ = 0.0
    for t in np.ndindex(inner.shape):
        rest = tuple(a - b for a, b in zip(u, t, strict=True))
        if all(0 <= r < n for r, n in zip(rest, outer.shape, strict=True)):
            total_ += inner[t] * outer[rest]
    return total_


@TOPIC.claim(
    "conv.multidim_discrete_convolution",
    method="property",
    canonical=(False, True),
    faithful=("002", "004"),
    references=(OPPENHEIM,),
)
def multidim_discrete_convolution(ctx: Context, orders: tuple[bool, ...]) -> Outcome:
    """The d-dimensional discrete convolution, and its commutativity.

    (f * h)[u] = Σ_{t ∈ ℤ^d} f(t) h(u - t) = Σ_{t ∈ ℤ^d} f(u - t) h(t): both sums, evaluated at every u of
    the full output, equal the implementation's convolution of integer arrays in 1, 2 and 3 dimensions.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> list:
        f, h = pair
        out = impl.convolve(f, h)
        shape = tuple(a + b - 1 for a, b in zip(f.shape, h.shape, strict=True))
        if out.shape != shape:
            return [that(False, label="shape of f * h", message=f"{out.shape}, expected {shape}")]
        return [close(out, np.array([nd_sum(f, h, v, swap) for v in np.ndindex(shape)]).reshape(shape),
                      label=f"Σ_t {'f(u-t)h(t)' if swap else 'f(t)h(u-t)'} = (f*h)[u]") for swap in orders]

    return for_all(ctx, arrays_of_rank(), prop, max_examples=30,
                   describe=lambda p: {"f": p[0].tolist(), "h": p[1].tolist()})


TOEPLITZ_ENTRY = Formula(r"T(g)_{ut} = g[u-t]", lambda g, row, col: g(row - col))


@TOPIC.claim(
    "conv.toeplitz_representation",
    method="property",
    canonical=TOEPLITZ_ENTRY,
    faithful=("000", "003"),
    printed={
        "001": Printed(TOEPLITZ_ENTRY, reading="A remark without formula: a 1-D convolution (layer) is a dense layer "
                                               "whose weight matrix is Toeplitz; read as f * g = T(g) f."),
        "002": Printed(TOEPLITZ_ENTRY, reading="The kernel copied into the columns, each shifted down by one: the "
                                               "banded Toeplitz matrix T(g)_{ut} = g[u - t], so f * g = T(g) f."),
    },
    references=(GOODFELLOW,),
)
def toeplitz_representation(ctx: Context, entry: Formula) -> Outcome:
    """Convolution with a fixed kernel is multiplication by a Toeplitz matrix.

    f * g = T(g) f with the (n + k - 1) × n matrix T(g)_{ut} = g[u - t] (constant along each diagonal,
    banded); checked against the implementation's full convolution.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> list:
        f, g = pair
        matrix = np.array([[entry(Seq(g), row, col) for col in range(len(f))] for row in range(len(f) + len(g) - 1)])
        diagonals_constant = all(len(set(np.diagonal(matrix, k))) <= 1 for k in range(-len(matrix), len(f)))
        return [equal(diagonals_constant, True, label="T(g) is constant along its diagonals"),
                close(impl.convolve(f, g), matrix @ f, label="f * g = T(g) f")]

    return for_all(ctx, st.tuples(signals(), signals()), prop, max_examples=30)


TOPIC.not_checkable(
    "conv.discrete_convolution_def",
    title="Discrete convolution",
    statement="(f * h)[u] := Σ_t f[t] h[u - t] for f, h: ℤ → ℝ.",
    reason="A definition: it names an operation and asserts nothing. The implementation's convolution is checked "
           "against it in conv.discrete_convolution_commutative and conv.multidim_discrete_convolution.",
    references=(OPPENHEIM,),
)

TOPIC.not_checkable(
    "conv.conv2d_def",
    title="2-D discrete convolution",
    statement="(F * G)[i, j] = Σ_k Σ_l F[i - k, j - l] G[k, l].",
    reason="A definition (the d = 2 case of the d-dimensional sum); the implementation's 2-D convolution is "
           "checked against that sum in conv.multidim_discrete_convolution.",
    references=(OPPENHEIM,),
)

TOPIC.not_checkable(
    "conv.finite_support_window",
    title="A kernel of finite support",
    statement="h(t) = 0 for t ∉ [t_min, t_max] (printed '[t_min, t_min]', a typo for t_max).",
    reason="A definition of finite support (with the interval's upper end misprinted as t_min): it restricts the "
           "kernels considered and asserts nothing; every check here uses finitely supported signals.",
)
