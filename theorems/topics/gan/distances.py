"""Distances between the real and generated laws: the range and saturation of JS, Wasserstein-1 and its
Kantorovich–Rubinstein dual, the WGAN objective and its gradient penalty."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_least,
    at_most,
    bound,
    close,
    for_all,
)
from theorems.topics.infotheory.strategies import Pair, discrete_pairs, example_count, for_all_pairs

from . import TOPIC
from .discriminator import LN2
from .strategies import disjoint_atoms, gradient_norms, line_distributions


@dataclass(frozen=True)
class Interval:
    """A stated range [lower, upper(n)] of JS for distributions on n points."""

    latex: str
    upper: Callable[[int], float]

    def __repr__(self) -> str:
        return f"Interval({self.latex!r})"


JS_RANGE = Interval(r"0 \le JS \le \ln 2", lambda n: LN2)


LOG_SUPPORT_SIZE = Interval(r"JSD \in [0, \log n]", lambda n: math.log(n))


@TOPIC.claim(
    "gan.js_bounds",
    method="property",
    canonical=JS_RANGE,
    faithful=("003",),
    printed={
        "002:173": Printed(LOG_SUPPORT_SIZE,
                           reading="n is not defined in the context. Read as the size of the common support (the only "
                                   "n the two distributions have); with n the number of distributions compared (n = 2) "
                                   "it is the canonical range. For n ≥ 3 the bound is valid but loose."),
        "002:193": Printed(LOG_SUPPORT_SIZE, reading="Repetition of line 173, read the same way."),
    },
    depends=("infotheory.js_divergence_def",),
    references=("Lin (1991), Divergence measures based on the Shannon entropy",),
)
def js_bounds(ctx: Context, stated: Interval) -> Outcome:
    """The Jensen–Shannon divergence lies between 0 and ln 2.

    0 ≤ JS(p, q) ≤ ln 2 (nats) for any two distributions, 0 iff p = q and ln 2 iff their supports are
    disjoint; checked on the implementation's JS, with the upper bound pushed towards its limit.
    """
    impl = ctx.impl()

    def prop(pair: Pair) -> list[Comparison]:
        js = impl.js(pair.p, pair.q, pair.dx)
        return [at_least(js, 0.0, label="JS ≥ 0", atol=pair.tolerance),
                at_most(js, stated.upper(pair.size), label="JS ≤ stated upper bound", rtol=pair.tolerance)]

    return for_all_pairs(ctx, prop, discrete_pairs())


def on_union(real_x: np.ndarray, real_m: np.ndarray, fake_x: np.ndarray,
             fake_m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both distributions as mass vectors on the union of their atoms."""
    support = np.union1d(real_x, fake_x)
    p, q = np.zeros(support.size), np.zeros(support.size)
    np.add.at(p, np.searchsorted(support, real_x), real_m)
    np.add.at(q, np.searchsorted(support, fake_x), fake_m)
    return support, p, q


@TOPIC.claim(
    "gan.js_saturation",
    method="property",
    canonical=Formula(r"JS(p_r\|p_{\theta}) = \ln 2,\ \partial_\theta JS = 0", lambda: (LN2, 0.0)),
    printed={"003": Printed(Formula(r"JS = \ln 2,\ \partial_\theta JS = 0", lambda: (LN2, 0.0)),
                            reading="Read as: for disjoint supports JS is the constant ln 2 under small moves of the "
                                    "generator, so a JS-based objective gives it zero gradient.")},
    depends=("gan.js_bounds",),
)
def js_saturation(ctx: Context, stated: Formula) -> Outcome:
    """Disjoint supports saturate JS at ln 2 and leave the generator without gradient.

    If p_r and p_θ have disjoint supports, JS(p_r ‖ p_θ) = ln 2, and it stays ln 2 while the generated
    atoms move by less than their distance to the real ones: ∂_θ JS = 0 for p_θ = p shifted by θ.
    Checked on atoms on the line with a central difference; the figure shows JS and W₁ for δ_0 vs δ_θ.
    """
    impl = ctx.impl()
    value, gradient = stated()

    def js_at(shift: float, atoms: tuple[np.ndarray, ...]) -> float:
        real_x, real_m, fake_x, fake_m = atoms
        _, p, q = on_union(real_x, real_m, fake_x + shift, fake_m)
        return impl.js(p, q)

    def prop(atoms: tuple[np.ndarray, ...]) -> list[Comparison]:
        h = float(np.min(np.abs(atoms[0][:, None] - atoms[2][None, :]))) / 4
        slope = (js_at(h, atoms) - js_at(-h, atoms)) / (2 * h)
        return [close(js_at(0.0, atoms), value, label="JS on disjoint supports", rtol=1e-12),
                close(slope, gradient, label="∂_θ JS (central difference)", rtol=0, atol=1e-9)]

    shifts = np.linspace(-2, 2, 401)
    point = (np.array([0.0]), np.array([1.0]), np.array([0.0]), np.array([1.0]))
    with ctx.figure("δ_0 against δ_θ: JS saturates, W₁ = |θ| does not") as (_, ax):
        ax.plot(shifts, [js_at(s, point) for s in shifts], label="JS(δ_0 ‖ δ_θ)")
        ax.plot(shifts, [impl.wasserstein(*on_union(point[0], point[1], point[2] + s, point[3])) for s in shifts],
                label="W₁(δ_0, δ_θ)")
        ax.set_xlabel("θ")
        ax.legend()
    return for_all(ctx, disjoint_atoms(), prop, max_examples=example_count(ctx), describe=lambda t: {
        k: v.tolist() for k, v in zip(("real atoms", "real masses", "fake atoms", "fake masses"), t, strict=True)})


HIGHS_TOLERANCE = 1e-7
"""The primal and dual feasibility tolerance of HiGHS (its default, passed explicitly): it accepts a solution whose
constraints, and whose optimality conditions (reduced costs), are violated by up to this much."""

HIGHS_OPTIONS = {"primal_feasibility_tolerance": HIGHS_TOLERANCE, "dual_feasibility_tolerance": HIGHS_TOLERANCE}


def lp_error(x: np.ndarray) -> float:
    """How far the optimum HiGHS reports for the transport LP or the Lipschitz-critic LP on the points ``x`` may be
    from the true one. A residual of at most τ in each constraint or reduced cost moves the objective by τ times the
    size of the other side's solution: the masses and flows total at most n, the potentials and critic values
    (f(x_0) = 0) are at most the diameter of ``x``. (Costs below τ, e.g. two points 10⁻⁸ apart, are not resolved.)"""
    return HIGHS_TOLERANCE * x.size * (1 + 2 * float(np.ptp(x)))


def optimal_transport(x: np.ndarray, p: np.ndarray, q: np.ndarray, cost: Callable[[Any, Any], Any]) -> float:
    """inf over couplings γ ∈ Π(p, q) of Σ γ_ij cost(x_i, x_j), by linear programming (to within ``lp_error``)."""
    n = x.size
    marginals = np.vstack([np.kron(np.eye(n), np.ones(n)), np.kron(np.ones(n), np.eye(n))])
    result = linprog(cost(x[:, None], x[None, :]).ravel(), A_eq=marginals, b_eq=np.concatenate([p, q]),
                     bounds=(0, None), method="highs", options=HIGHS_OPTIONS)
    return float(result.fun)


def lipschitz_dual(x: np.ndarray, p: np.ndarray, q: np.ndarray, lipschitz: float) -> float:
    """sup over f with |f(x_i) − f(x_j)| ≤ L|x_i − x_j| of E_p f − E_q f, by linear programming (to within
    ``lp_error``)."""
    n = x.size
    rows, bounds = [], []
    for i in range(n):
        for j in range(n):
            if i != j:
                row = np.zeros(n)
                row[i], row[j] = 1.0, -1.0
                rows.append(row)
                bounds.append(lipschitz * abs(x[i] - x[j]))
    free = [(0, 0)] + [(None, None)] * (n - 1)  # f is defined up to a constant: pin f(x_0) = 0
    result = linprog(-(p - q), A_ub=np.array(rows) if rows else None, b_ub=np.array(bounds) if rows else None,
                     bounds=free, method="highs", options=HIGHS_OPTIONS)
    return float(-result.fun)


ABSOLUTE_COST = Formula(r"\|x - y\|", lambda x, y: np.abs(x - y))
LIPSCHITZ_DUAL = Formula(r"\sup_{\|f\|_L \le 1} E_{p_r} f - E_{p_\theta} f",
                         lambda x, p, q: lipschitz_dual(x, p, q, 1.0))


def describe_line_pair(example: tuple[np.ndarray, Pair]) -> dict[str, Any]:
    x, pair = example
    return {"x": x.tolist(), **pair.describe()}


def equals_transport(ctx: Context, value: Callable[[np.ndarray, Pair], float], cost: Callable[[Any, Any], Any], *,
                     label: str, programmes: int) -> Outcome:
    """``value(x, pair)`` equals the optimal transport cost of the pair on the points ``x``, up to the error of the
    ``programmes`` linear programmes solved for the comparison (``lp_error`` each)."""

    def prop(example: tuple[np.ndarray, Pair]) -> Comparison:
        x, pair = example
        return close(value(x, pair), optimal_transport(x, pair.p, pair.q, cost), label=label, rtol=0.0,
                     atol=programmes * lp_error(x))

    return for_all(ctx, line_distributions(), prop, max_examples=example_count(ctx), describe=describe_line_pair)


@TOPIC.claim("gan.wasserstein_primal", method="property", canonical=ABSOLUTE_COST,
             printed={"003": Printed(ABSOLUTE_COST, reading="A definition; checked as: the implementation's W₁ is this "
                                                            "infimum (an LP).")})
def wasserstein_primal(ctx: Context, cost: Formula) -> Outcome:
    """The Wasserstein-1 distance is the cheapest transport plan.

    W(p, q) = inf_{γ ∈ Π(p, q)} E_γ‖x − y‖; on the line this equals ∫|F_p − F_q| dx. The implementation's
    wasserstein is compared with the optimal-transport linear programme over couplings.
    """
    impl = ctx.impl()
    return equals_transport(ctx, lambda x, pair: impl.wasserstein(x, pair.p, pair.q), cost, label="W₁ vs transport LP",
                            programmes=1)


@TOPIC.claim(
    "gan.kantorovich_rubinstein",
    method="property",
    canonical=LIPSCHITZ_DUAL,
    faithful=("003",),
    depends=("gan.wasserstein_primal",),
    uses_impl=False,
    references=("Villani (2009), Optimal Transport, Theorem 5.10 and Remark 6.5",),
)
def kantorovich_rubinstein(ctx: Context, dual: Formula) -> Outcome:
    """Kantorovich–Rubinstein duality: W₁ is the largest mean gap of a 1-Lipschitz critic.

    W(p, q) = sup_{‖f‖_L ≤ 1} E_p f − E_q f. Both sides are linear programmes on a finite support of the
    line; their optimal values must agree (strong LP duality).
    """
    return equals_transport(ctx, lambda x, pair: dual(x, pair.p, pair.q), ABSOLUTE_COST, label="dual sup vs primal inf",
                            programmes=2)


TOPIC.not_checkable(
    "gan.wgan_objective",
    title="The WGAN objective",
    statement="min_θ max_w E_{p_r} f_w(x) − E_{p_z} f_w(G_θ(z)) over (approximately) 1-Lipschitz critics f_w.",
    reason="A definition of a training objective; what it computes (its inner maximum over 1-Lipschitz critics "
           "is W₁) is checked by gan.kantorovich_rubinstein.",
)

PENALTY = Formula(r"\lambda\,E_{\hat x}[(\|\nabla f_w(\hat x)\|_2 - 1)^2]",
                  lambda norms, lam: lam * float(np.mean((norms - 1.0) ** 2)))


@TOPIC.claim(
    "gan.gradient_penalty",
    method="property",
    canonical=PENALTY,
    printed={"003": Printed(Formula(r"\lambda\,(E_{\hat x}[\|\nabla f_w(\hat x)\|_2 - 1])^2",
                                    lambda norms, lam: lam * float(np.mean(norms - 1.0)) ** 2),
                            reading="As printed the square is outside the expectation: λ(E[‖∇f‖ − 1])². WGAN-GP "
                                    "(Gulrajani et al. 2017) squares inside: λE[(‖∇f‖ − 1)²].")},
    uses_impl=False,
    references=("Gulrajani et al. (2017), Improved Training of Wasserstein GANs, eq. (3)",),
)
def gradient_penalty(ctx: Context, penalty: Formula) -> Outcome:
    """The gradient penalty charges every interpolate whose critic gradient norm is not 1.

    P = λ E_x̂[(‖∇f_w(x̂)‖₂ − 1)²] ≥ λ max_i (‖∇f_w(x̂_i)‖ − 1)² / n on n interpolates (empirical
    expectation), so P = 0 only when the critic has unit gradient norm at every interpolate.
    """
    lam = 10.0
    return bound(ctx, gradient_norms(), lambda norms: penalty(norms, lam),
                 lambda norms: lam * float(np.max((norms - 1.0) ** 2)) / norms.size,
                 label="P ≥ λ max_i (‖∇f‖ − 1)² / n", upper=False, rtol=1e-9, max_examples=example_count(ctx))
