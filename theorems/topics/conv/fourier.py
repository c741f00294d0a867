"""The Fourier transform and convolution: the convolution theorem, the inverse transform, and
convolution computed by the FFT.

Convention (document 004:271): (Ff)(v) = ∫ f(t) e^{-2πivt} dt, inverse ∫ g(v) e^{2πivt} dv with no
factor. Discrete analogue (the implementation's ``dft``): X[k] = Σ_n x[n] e^{-2πikn/N}, inverse with
1/N, and the circular convolution (f ⊛ h)[n] = Σ_m f[m] h[(n - m) mod N] of signals of one length N.

The continuous statements are proved with SymPy on Gaussians e^{-a t² + b t + c} (a > 0, b, c complex),
every integral evaluated by the one lemma ∫ e^{-a t² + b t + c} dt = √(π/a) e^{b²/(4a) + c}.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    for_all,
    symbolic,
    within_tolerance,
)

from . import OPPENHEIM, TOPIC
from .strategies import ENTRY, signals

t, v, w = sympy.symbols("t v w", real=True)
TWO_PI_I = 2 * sympy.pi * sympy.I


def gaussian_integral(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """∫_ℝ expr d(var) for expr = C e^{q(var)}, q quadratic with negative leading coefficient:
    C √(π/a) e^{b²/(4a) + c} where q = -a var² + b var + c."""
    constant, gaussian = sympy.powsimp(sympy.expand(expr)).as_independent(var)
    q = sympy.Poly(sympy.expand(gaussian.exp), var)
    a, b, c = -q.coeff_monomial(var**2), q.coeff_monomial(var), q.coeff_monomial(1)
    return constant * sympy.sqrt(sympy.pi / a) * sympy.exp(b**2 / (4 * a) + c)


def fourier(f: sympy.Expr) -> sympy.Expr:
    """(Ff)(v) = ∫ f(t) e^{-2πivt} dt."""
    return gaussian_integral(f * sympy.exp(-TWO_PI_I * v * t), t)


def convolution(f: sympy.Expr, h: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """(f * h)(var) = ∫ f(w) h(var - w) dw, for Gaussians in ``var``."""
    return gaussian_integral(f.subs(var, w) * h.subs(var, var - w), w)


def circular(f: np.ndarray, h: np.ndarray) -> np.ndarray:
    """(f ⊛ h)[n] = Σ_m f[m] h[(n - m) mod N], by the definition."""
    n = len(f)
    return np.array([sum(f[m] * h[(k - m) % n] for m in range(n)) for k in range(n)])


def complex_close(actual: Any, expected: Any, *, label: str, operations: int) -> Comparison:
    """Complex arrays compared as (real, imaginary) pairs, to the rounding of ``operations`` float operations."""
    a, e = (np.asarray(z, dtype=complex) for z in (actual, expected))
    a, e = np.stack([a.real, a.imag]), np.stack([e.real, e.imag])
    return close(a, e, label=label, rtol=0.0, atol=within_tolerance(a, e, operations=operations))


PRODUCT = Formula(r"\mathcal{F}f\cdot\mathcal{F}h", lambda ff, fh, conv: ff * fh)


def same_length_pairs() -> st.SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    return st.integers(1, 8).flatmap(lambda n: st.tuples(*[st.lists(ENTRY, min_size=n, max_size=n).map(np.array)] * 2))


@TOPIC.claim(
    "conv.fourier_convolution_theorem",
    method="sympy",
    canonical=PRODUCT,
    faithful=("002", "003", "004"),
    printed={"000": Printed(Formula(r"\mathcal{F}f*\mathcal{F}g", lambda ff, fh, conv: conv(ff, fh)),
                            reading="Read as printed: the transform of a convolution is the convolution of the "
                                    "transforms ('*' on both sides). The theorem has the pointwise product there.")},
    references=(OPPENHEIM,),
)
def fourier_convolution_theorem(ctx: Context, form: Formula) -> Outcome:
    """The convolution theorem.

    F(f * h) = Ff · Fh (pointwise product). Discrete: DFT(f ⊛ h) = DFT(f) · DFT(h) for the circular
    convolution, checked with the implementation's ``dft`` on integer signals of length 1-8. Continuous:
    proved for f = e^{-π(t-1)²}, h = e^{-2πt²} with the convention (Ff)(v) = ∫ f(t) e^{-2πivt} dt.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        f, h = pair
        n = len(f)
        stated = form(impl.dft(f), impl.dft(h), lambda a, b: circular(a, b))
        return complex_close(impl.dft(circular(f, h)), stated, label="DFT(f ⊛ h)", operations=64 * n * n)

    f, h = sympy.exp(-sympy.pi * (t - 1) ** 2), sympy.exp(-2 * sympy.pi * t**2)
    return all_of({
        "discrete": lambda: for_all(ctx, same_length_pairs(), prop, max_examples=30,
                                    describe=lambda p: {"f": p[0].tolist(), "h": p[1].tolist()}),
        "Gaussians": lambda: symbolic(ctx, (r"\mathcal{F}(f*h)", fourier(convolution(f, h, t))),
                                      (form.latex, form(fourier(f), fourier(h), lambda a, b: convolution(a, b, v)))),
    })


@TOPIC.claim(
    "conv.fourier_inverse",
    method="sympy",
    canonical=sympy.Integer(1),
    faithful=("004",),
    references=(OPPENHEIM,),
)
def fourier_inverse(ctx: Context, factor: sympy.Expr) -> Outcome:
    """The inverse Fourier transform in the e^{-2πivt} convention has no factor.

    With (Ff)(v) = ∫ f(t) e^{-2πivt} dt, (F⁻¹g)(t) = 1 · ∫ g(v) e^{2πivt} dv inverts F: proved for
    f = e^{-π(t-1)²} and f = e^{-3t² + t}; the implementation's ``idft`` inverts its ``dft``.
    """
    impl = ctx.impl()

    def inverse_of_transform(f: sympy.Expr) -> Callable[[], Outcome]:
        back = factor * gaussian_integral(fourier(f) * sympy.exp(TWO_PI_I * v * t), v)
        return lambda: symbolic(ctx, (r"c\int(\mathcal{F}f)(v)e^{2\pi ivt}dv", back), ("f(t)", f))

    def prop(x: np.ndarray) -> Comparison:
        return complex_close(impl.idft(impl.dft(x)), x, label="idft(dft(x))", operations=64 * len(x) ** 2)

    return all_of({
        "discrete": lambda: for_all(ctx, signals(8), prop, max_examples=30, describe=lambda x: x.tolist()),
        "shifted Gaussian": inverse_of_transform(sympy.exp(-sympy.pi * (t - 1) ** 2)),
        "e^{-3t²+t}": inverse_of_transform(sympy.exp(-3 * t**2 + t)),
    })


@TOPIC.claim(
    "conv.convolution_via_fft",
    method="property",
    canonical=Formula(r"L = n+k-1", lambda n, k: n + k - 1),
    printed={"004": Printed(Formula(r"L = n+k-1", lambda n, k: n + k - 1),
                            reading="The continuous F⁻¹(Ff · Fh) = f * h; executed as the discrete statement it "
                                    "licenses: the full convolution of finite signals is the inverse DFT of the "
                                    "product of DFTs after zero-padding both to L = n + k - 1.")},
    depends=("conv.fourier_convolution_theorem", "conv.fourier_inverse"),
    references=(OPPENHEIM,),
)
def convolution_via_fft(ctx: Context, length: Formula) -> Outcome:
    """Convolution by the FFT.

    f * h = F⁻¹(Ff · Fh): for f of length n and h of length k zero-padded to L = n + k - 1 (so that the
    circular convolution has no wrap-around), idft(dft(f) · dft(h)) equals the implementation's full
    convolution, with a vanishing imaginary part.
    """
    impl = ctx.impl()

    def prop(pair: tuple[np.ndarray, np.ndarray]) -> Comparison:
        f, h = pair
        full, size = len(f) + len(h) - 1, length(len(f), len(h))
        padded = [np.pad(x, (0, max(size - len(x), 0))) for x in (f, h)]
        result = impl.idft(impl.dft(padded[0]) * impl.dft(padded[1]))
        result = np.pad(result, (0, max(full - len(result), 0)))[:full]
        return complex_close(result, impl.convolve(f, h), label="idft(dft f · dft h)", operations=64 * full**2)

    return for_all(ctx, st.tuples(signals(), signals()), prop, max_examples=30,
                   describe=lambda p: {"f": p[0].tolist(), "h": p[1].tolist()})


TOPIC.not_checkable(
    "conv.fourier_transform",
    title="The Fourier transform",
    statement="(Ff)(v) := ∫ f(t) e^{-2πivt} dt (ordinary-frequency convention).",
    reason="A definition (the convention the other Fourier claims use); its inverse and the convolution theorem "
           "in this convention are conv.fourier_inverse and conv.fourier_convolution_theorem.",
    references=(OPPENHEIM,),
)
