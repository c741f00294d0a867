"""Products of Jacobians through time and the bounds on their norms (documents 000-003).

``∂z_T/∂z_t = D_T ⋯ D_{t+1}`` with ``D_r = diag(φ'(a_r)) W``; since ``‖diag(φ')‖₂ ≤ γ = sup|φ'|`` and
the spectral norm is submultiplicative, ``‖∂z_T/∂z_t‖₂ ≤ (γ σ_max(W))^{T-t}``. The bound is checked
on the implementation's Jacobians at every horizon of runs of up to 12 steps (96 in the full profile)
with the search pushed to the tightest instance, and its limit on runs of 300 steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from impls.rnn import ACTIVATIONS, GAIN
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_least,
    at_most,
    bound,
    for_all,
    rate,
    that,
    within_tolerance,
)
from theorems.topics.backprop.chain import agree

from . import TOPIC
from .bptt import Pass, product
from .strategies import Problem, at_rest, examples, matrix, problems

HORIZON = 300
"""The long horizon, in steps, on which the limit of the bound is checked."""


def _norm(a: np.ndarray) -> float:
    return float(np.linalg.norm(a, 2))


JACOBIAN_PRODUCT = Formula(r"\frac{\partial z^T}{\partial z^0} = \dot\Phi^T U \cdots \dot\Phi^1 U",
                           lambda w, slopes: product(s[:, None] * w for s in slopes))


@TOPIC.claim(
    "rnn.gradient_product_jacobians",
    method="property",
    canonical=JACOBIAN_PRODUCT,
    faithful=("000",),
    printed={
        key: Printed(Formula(r"\Big[\prod_{j=1}^{s} W^\top S(h^j)\Big]^\top",
                             lambda w, slopes: np.linalg.multi_dot([np.eye(len(w)), *(w.T * s for s in slopes)]).T),
                     reading=f"the gradient with respect to the hidden state (x^t read as the state at t, J as "
                             f"its transpose): ∇_{{z^t}}R = [Π_{{j=t+1}}^s WᵀS(z^j)] J_Gᵀ ∇_y R, the product "
                             f"running left to right in increasing j; its transpose is ∂z^s/∂z^t, checked "
                             f"at t = 0 ({doc})")
        for key, doc in (("001", "document 001 line 719"), ("003", "document 003 line 797"))
    },
)
def gradient_product_jacobians(ctx: Context, stated: Formula) -> Outcome:
    """The Jacobian of the last state with respect to the first is a product of one-step Jacobians.

    For ``z^t = φ(W z^{t-1} + U x^t + b)``: ``∂z^T/∂z^0 = Φ'^T W ⋯ Φ'^1 W``, ``Φ'^t = diag(φ'(a^t))``,
    the latest factor on the left (document 000 line 359, with its U the recurrent weight).
    Compared with the implementation's ``∂z_T/∂z_0`` on random networks of 1-6 steps.
    """
    impl = ctx.impl()

    def prop(p: Problem) -> Comparison:
        run = Pass.of(impl, p)
        mag = run.magnitudes(p.net)
        return agree(impl.jacobians(p.net, p.x)[0], stated(p.net.recurrent, run.slopes),
                     stated(np.abs(p.net.recurrent), mag.slopes), label="∂z_T/∂z_0")

    return for_all(ctx, problems(), prop, describe=Problem.describe, max_examples=examples(ctx))


@dataclass(frozen=True)
class Vanishing:
    """A bound on ``‖∂z_T/∂z_{T-k}‖₂`` as a function of ``γ``, ``σ_max(W)`` and ``k``, the activations
    it is stated for, and the limit it is said to have as ``k → ∞`` when its base is below 1."""

    latex: str
    bound: Callable[[float, float, Any], Any]
    activations: tuple[str, ...]
    limit: float

    def __repr__(self) -> str:
        return f"Vanishing({self.latex!r}, limit {self.limit})"


TANH_FAMILY = ("tanh", "scaled_tanh")
"""The activations with ``φ(0) = 0`` and ``|φ'|`` largest at 0: a network at rest is their equality case."""
SLOPE_AT_MOST_ONE = tuple(a for a in ACTIVATIONS if GAIN[a] <= 1)
WITHOUT_GAIN = Vanishing(r"\sigma_{\max}(W)^{k} \to 0 \ (|\varphi'| \le 1)", lambda g, s, k: s ** k,
                         SLOPE_AT_MOST_ONE, 0.0)


@TOPIC.claim(
    "rnn.vanishing_gradient_bound",
    method="property",
    canonical=Vanishing(r"(\gamma\,\sigma_{\max}(W))^{k} \to 0", lambda g, s, k: (g * s) ** k, tuple(ACTIVATIONS), 0.0),
    printed={
        "000": Printed(Vanishing(r"(|\alpha|\sigma_1(U))^t \to \infty", lambda g, s, k: (g * s) ** k,
                                 tuple(ACTIVATIONS), np.inf),
                       reading="α the bound on |φ'| (γ here), U the recurrent weight; the bound is the canonical "
                               "one but said to tend to ∞ under σ_1(U) < 1/|α|, where it tends to 0"),
        "001": Printed(WITHOUT_GAIN, reading="stated for |σ'| ≤ 1 (σ_max(W)^{s-t}‖J_Hᵀ∇_yR‖ bounds the gradient "
                                             "since ‖J_Hᵀ∇_yR‖ is a common factor); checked on the activations "
                                             "with γ ≤ 1"),
        "002": Printed(WITHOUT_GAIN, reading="'vanishing if σ_max(U) < 1' read with |φ'| ≤ 1 (tanh, as the "
                                             "section uses): ‖∂z_t/∂z_{t-k}‖ ≤ σ_max(U)^k → 0"),
        "003": Printed(WITHOUT_GAIN, reading="stated for |φ'| ≤ 1 (tanh, logistic, ReLU): ‖Π WᵀS(z^r)‖₂ ≤ "
                                             "σ_max(W)^{s-t}"),
    },
)
def vanishing_gradient_bound(ctx: Context, stated: Vanishing) -> Outcome:
    """The norm of a product of ``k`` one-step Jacobians is at most ``(γ σ_max(W))^k``.

    With ``γ = sup|φ'|``: ``‖∂z_T/∂z_{T-k}‖₂ ≤ (γ σ_max(W))^k``, which tends to 0 as ``k → ∞`` when
    ``γ σ_max(W) < 1`` (Pascanu, Mikolov & Bengio 2013, §3.1; documents 000 line 363, 001 line 723,
    003 line 799). (a) On runs of 1-12 steps with ``γ σ_max(W)`` drawn from [0.3, 1.5], every horizon
    ``k`` of the implementation's Jacobians, the search pushed towards the tightest run (LeCun's
    scaled tanh, ``γ ≈ 1.14``, among the activations) and the equality case tried first: a scalar
    network at rest, where every slope is ``φ'(0) = γ`` and the norm is exactly ``(γ σ_max(W))^k``; (b) on
    runs of 300 steps with ``γ σ_max(W) ≤ 0.9``, the norm at the full horizon against the stated limit.
    """
    impl = ctx.impl()
    per_run = examples(ctx)

    def norms(p: Problem) -> np.ndarray:
        return np.array([_norm(j) for j in impl.jacobians(p.net, p.x)[::-1]])  # index k = T - t

    def limit(p: Problem, k: np.ndarray) -> np.ndarray:
        return stated.bound(GAIN[p.net.activation], _norm(p.net.recurrent), k.astype(float))

    def horizon(p: Problem) -> Comparison:
        at_end = norms(p)[-1]
        if stated.limit == 0.0:
            return at_most(at_end, limit(p, np.array([HORIZON]))[0], label=f"‖∂z_T/∂z_0‖₂ at T = {HORIZON}",
                           atol=within_tolerance(at_end))
        return at_least(at_end, 1.0, label=f"‖∂z_T/∂z_0‖₂ at T = {HORIZON} grows (≥ 1) as the printed limit says")

    return all_of({
        "the bound at every horizon": lambda: rate(
            ctx, problems(stated.activations, steps=(1, ctx.scaled(12)), gain=(0.3, 1.5)), norms, limit,
            label="‖∂z_T/∂z_{T-k}‖₂ ≤ bound", quantity="‖∂z_T/∂z_{T-k}‖₂", describe=Problem.describe,
            max_examples=per_run, explicit=[at_rest(a, 1.2, ctx.scaled(12)) for a in stated.activations
                                            if a in TANH_FAMILY]),
        f"the limit over {HORIZON} steps": lambda: for_all(
            ctx, problems(stated.activations, steps=(HORIZON, HORIZON), gain=(0.5, 0.9)), horizon,
            describe=Problem.describe, max_examples=max(2, per_run // 4)),
    })


@dataclass(frozen=True)
class Explosion:
    """A condition on ``(γ, σ_max(W))`` said to be necessary (or sufficient) for exploding gradients."""

    latex: str
    condition: Callable[[float, float], bool]
    necessary: bool

    def __repr__(self) -> str:
        return f"Explosion({self.latex!r}, {'necessary' if self.necessary else 'sufficient'})"


@TOPIC.claim(
    "rnn.exploding_gradient_condition",
    method="property",
    canonical=Explosion(r"\text{explodes} \Rightarrow \gamma\,\sigma_{\max}(W) > 1", lambda g, s: g * s > 1, True),
    printed={"002": Printed(
        Explosion(r"\sigma_{\max}(U) > 1 \Rightarrow \text{explodes}", lambda g, s: s > 1, False),
        reading="'Exploding gradient: if σ_max(U) > 1' read as a sufficient condition; 'explodes' read as "
                "weakly as possible: ‖∂z_T/∂z_0‖₂ > 1 after T = 20-40 steps")},
    depends=("rnn.vanishing_gradient_bound",),
)
def exploding_gradient_condition(ctx: Context, stated: Explosion) -> Outcome:
    """Exploding gradients need ``γ σ_max(W) > 1``; a large ``σ_max(W)`` alone does not make them explode.

    By the vanishing bound, ``‖∂z_T/∂z_0‖₂ > 1`` implies ``γ σ_max(W) > 1``: the condition is necessary
    (Pascanu et al. 2013, §3.1), not sufficient — saturating units (tanh, logistic) or a nilpotent
    ``W`` keep the product small whatever ``σ_max(W)``. Checked on the implementation's ``∂z_T/∂z_0``
    over runs of 20-40 steps with ``γ σ_max(W)`` drawn from [0.3, 3].
    """
    impl = ctx.impl()

    def prop(p: Problem) -> Comparison:
        grown = _norm(impl.jacobians(p.net, p.x)[0])
        explodes = grown > 1 + within_tolerance(grown)
        condition = stated.condition(GAIN[p.net.activation], _norm(p.net.recurrent))
        ok = condition or not explodes if stated.necessary else explodes or not condition
        return that(ok, label="the condition and the growth of ‖∂z_T/∂z_0‖₂",
                    message=f"‖∂z_T/∂z_0‖₂ = {grown:.4g} after {len(p.x)} steps with γ σ_max(W) = {p.gain:.4g}, "
                            f"σ_max(W) = {_norm(p.net.recurrent):.4g}: the condition "
                            f"{'holds' if condition else 'fails'} and the gradient "
                            f"{'explodes' if explodes else 'does not explode'}")

    return for_all(ctx, problems(steps=(20, 40), gain=(0.3, 3.0)), prop, describe=Problem.describe,
                   max_examples=examples(ctx))


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    p, q, r = (draw(st.integers(1, 4)) for _ in range(3))
    return draw(matrix(p, q)), draw(matrix(q, r))


@TOPIC.claim(
    "rnn.spectral_norm_submultiplicative",
    method="property",
    canonical=Formula(r"\|AB\|_2 \le \|A\|_2 \|B\|_2", lambda a, b: a * b),
    faithful=("001",),
    uses_impl=False,
)
def spectral_norm_submultiplicative(ctx: Context, stated: Formula) -> Outcome:
    """The spectral norm is submultiplicative.

    ``‖AB‖₂ ≤ ‖A‖₂‖B‖₂`` for every ``A`` (``p × q``) and ``B`` (``q × r``): ``‖ABx‖ ≤ ‖A‖₂‖Bx‖ ≤
    ‖A‖₂‖B‖₂‖x‖`` (document 001 line 720). Random matrices of sizes 1-4, the search pushed towards
    equality (``B``'s top left singular vector aligned with ``A``'s top right one).
    """
    return bound(ctx, _pairs(), lambda ab: _norm(ab[0] @ ab[1]), lambda ab: stated(_norm(ab[0]), _norm(ab[1])),
                 label="‖AB‖₂ ≤ stated", describe=lambda ab: {"A": ab[0].tolist(), "B": ab[1].tolist()})
