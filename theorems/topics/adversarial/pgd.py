"""Projected gradient ascent: its step, and the projections onto the ℓ2 and ℓ∞ balls.

π is the Euclidean projection of z onto the convex ball C = {‖δ‖_p ≤ ε} iff π ∈ C and (z - π)·(c - π) ≤ 0
for every c ∈ C. The largest (z - π)·c over C is ε‖z - π‖_q (Hölder), so the test is one inequality,
ε‖z - π‖_q ≤ (z - π)·π, computed without the projection's own formula.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from impls.adversarial import dual_order
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, at_most, close, for_all
from theorems.engine import within_tolerance as tol

from . import HOLDER, MADRY, TOPIC
from .norms import steepest
from .strategies import budgets, nonzero_vectors, orders, vectors


def clip(z: np.ndarray, eps: float) -> np.ndarray:
    return np.clip(z, -eps, eps)


def shrink(z: np.ndarray, eps: float) -> np.ndarray:
    return z * min(1.0, eps / np.linalg.norm(z))


CLIP = Formula(r"\mathrm{clip}(z, -\varepsilon, \varepsilon)", clip)
SHRINK = Formula(r"z \min(1, \varepsilon/\|z\|_2)", shrink)
PROJECTIONS = {2.0: SHRINK, np.inf: CLIP}


def projection_holds(ctx: Context, stated: Formula, p: float) -> Outcome:
    """The stated map is the Euclidean projection onto the ℓp ε-ball (variational inequality), and the
    implementation's ``project`` agrees with it, on nonzero z inside and outside the ball."""
    impl = ctx.impl()
    q = dual_order(p)

    def nearest(case: tuple[np.ndarray, float]) -> list[Comparison]:
        z, eps = case
        pi = np.asarray(stated(z, eps), dtype=float)
        slack = tol(z * eps, pi * z)
        return [at_most(np.linalg.norm(pi, p), eps, label="π in the ball", atol=tol(eps)),
                at_most(eps * np.linalg.norm(z - pi, q), (z - pi) @ pi,
                        label="sup_{c in ball} (z - π)·c ≤ (z - π)·π (π is the nearest point)", atol=slack),
                close(impl.project(z, eps, p), pi, label="implementation = stated π", rtol=1e-12, atol=tol(pi, eps, z))]

    return for_all(ctx, st.tuples(nonzero_vectors(), budgets()), nearest,
                   describe=lambda c: {"z": c[0].tolist(), "eps": c[1]})


@TOPIC.claim(
    "adversarial.pgd_linf_projection",
    method="property",
    canonical=CLIP,
    faithful=("003",),
    printed={"000": Printed(Formula(r"\varepsilon z/\|z\|_\infty", lambda z, eps: eps * z / np.max(np.abs(z))),
                            reading="ν_{t+1} = ε Π[ν_t + α sign(∇ℓ)] with Π[z] = z/‖z‖_∞: the 'projection' is "
                                    "ε z/‖z‖_∞, checked as the projection onto the ℓ∞ ε-ball it stands for")},
    references=(MADRY, HOLDER),
)
def pgd_linf_projection(ctx: Context, stated: Formula) -> Outcome:
    """The ℓ∞ projection of PGD is a clip.

    The Euclidean projection of z onto {‖δ‖_∞ ≤ ε} is clip(z, -ε, ε), coordinate by coordinate; PGD
    (ℓ∞) iterates δ_{t+1} = clip(δ_t + α sign(∇ₓℓ), -ε, ε) (document 003 takes α = ε). Checked by the
    variational inequality of the projection (with the dual norm ‖·‖₁) and against the implementation.
    """
    return projection_holds(ctx, stated, np.inf)


@TOPIC.claim(
    "adversarial.pgd_l2_step",
    method="property",
    canonical=SHRINK,
    printed={"000": Printed(Formula(r"\varepsilon z/\|z\|_2", lambda z, eps: eps * z / np.linalg.norm(z)),
                            reading="ν_{t+1} = ε Π[ν_t + α∇ℓ] with Π[z] = z/‖z‖₂: the 'projection' is ε z/‖z‖₂ "
                                    "(onto the sphere), checked as the projection onto the ℓ2 ε-ball it stands "
                                    "for; the raw gradient step α∇ℓ is a valid ascent step and is not at issue")},
    references=(MADRY, HOLDER),
)
def pgd_l2_step(ctx: Context, stated: Formula) -> Outcome:
    """The ℓ2 projection of PGD rescales only outside the ball.

    The Euclidean projection of z onto {‖δ‖₂ ≤ ε} is z min(1, ε/‖z‖₂): a point inside the ball is its own
    projection. Checked by the variational inequality of the projection and against the implementation.
    """
    return projection_holds(ctx, stated, 2.0)


PGD_STEP = Formula(r"\Pi_{B^p_\varepsilon}\big(\delta + \alpha \arg\max_{\|v\|_p \le 1} v^\top \nabla\ell\big)",
                   lambda delta, g, eps, alpha, p: PROJECTIONS[p](delta + alpha * steepest(g, p), eps))


@TOPIC.claim("adversarial.pgd_step", method="property", canonical=PGD_STEP, faithful=("001",),
             depends=("adversarial.lp_steepest_ascent_direction", "adversarial.pgd_linf_projection",
                      "adversarial.pgd_l2_step"),
             references=(MADRY,))
def pgd_step(ctx: Context, stated: Formula) -> Outcome:
    """A PGD step: steepest ascent, then projection.

    x_k = Π_{B^p_ε(x)}(x_{k-1} + α v*), v* = argmax_{‖v‖_p ≤ 1} vᵀ∇ₓℓ (p = 2: ∇ℓ/‖∇ℓ‖₂, p = ∞: sign ∇ℓ).
    The implementation's step is compared with it from perturbations δ anywhere (inside, on and outside
    the ball); and from δ = 0 with α = ε, one step on the linear loss ∇ℓ·δ reaches its maximum ε‖∇ℓ‖_q
    over the ball (Hölder).
    """
    impl = ctx.impl()

    def agrees(case: tuple[np.ndarray, np.ndarray, float, float, float]) -> Comparison:
        delta, g, eps, alpha, p = case
        expected = np.asarray(stated(delta, g, eps, alpha, p), dtype=float)
        return close(impl.pgd_step(delta, g, eps, alpha, p), expected, label="implementation = stated step",
                     rtol=1e-9, atol=tol(delta, alpha, eps))

    def reaches(case: tuple[np.ndarray, float, float]) -> Comparison:
        g, eps, p = case
        step = np.asarray(stated(np.zeros_like(g), g, eps, eps, p), dtype=float)
        best = eps * np.linalg.norm(g, dual_order(p))
        return close(g @ step, best, label="∇ℓ·δ₁ = ε‖∇ℓ‖_q", rtol=1e-9, atol=tol(g * eps))

    steps = st.integers(1, 5).flatmap(lambda d: st.tuples(vectors(d, d), nonzero_vectors(d, d), budgets(),
                                                          budgets(), orders(2.0, np.inf)))
    return all_of({
        "step": lambda: for_all(ctx, steps, agrees, max_examples=60, describe=lambda c: {
            "delta": c[0].tolist(), "gradient": c[1].tolist(), "eps": c[2], "alpha": c[3], "p": c[4]}),
        "linear loss": lambda: for_all(ctx, st.tuples(nonzero_vectors(), budgets(), orders(2.0, np.inf)), reaches,
                                       max_examples=30,
                                       describe=lambda c: {"gradient": c[0].tolist(), "eps": c[1], "p": c[2]}),
    })
