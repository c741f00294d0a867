"""Muon: the update and the spectral steepest-descent step it takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from theorems.engine import Comparison, Context, Outcome, Printed, at_most, for_all, that

from . import TOPIC
from .adaptive import MUON, Rule, same_iterates
from .strategies import matrices


@TOPIC.claim(
    "optim.muon_update",
    method="property",
    canonical=MUON,
    printed={
        "002": Printed(MUON, reading="orthogonalize(M) read as the exact polar factor U Vᵀ of M = UΣVᵀ."),
    },
    references=("Jordan et al. (2024), Muon", "Bernstein & Newhouse (2024), Modular duality in deep learning"),
)
def muon_update(ctx: Context, rule: Rule) -> Outcome:
    """Muon update

    M_t = μM_{t-1} + ∇L(W_t), W_{t+1} = W_t - η √(d_out/d_in) U Vᵀ with M_t = UΣVᵀ: a step of RMS→RMS operator
    norm exactly η.
    """
    return same_iterates(ctx, rule, "muon")


# --- Muon as spectral steepest descent -------------------------------------------------------


@dataclass(frozen=True)
class SteepestStep:
    """A step ΔW(G) claimed to minimize ⟨G, ΔW⟩ + ½ (d_in/d_out) ‖ΔW‖², in the norm ``norm`` ('op' or 'fro')."""

    latex: str
    delta: Callable[[np.ndarray], np.ndarray]
    norm: str


def nuclear(G: np.ndarray) -> float:
    return float(np.linalg.svd(G, compute_uv=False).sum())


def svd_step(G: np.ndarray, *, transposed_factors: bool, aspect: Callable[[int, int], float]) -> np.ndarray:
    U, _, Vt = np.linalg.svd(G, full_matrices=False)
    d_out, d_in = G.shape
    direction = U.T @ Vt.T if transposed_factors else U @ Vt
    return -nuclear(G) * aspect(d_out, d_in) * direction


MUON_STEEPEST = SteepestStep(r"\Delta W=-\|G\|_*\frac{d_{out}}{d_{in}}UV^\top",
                             lambda G: svd_step(G, transposed_factors=False, aspect=lambda o, i: o / i), "op")


@TOPIC.claim(
    "optim.muon_spectral_steepest_descent",
    method="property",
    canonical=MUON_STEEPEST,
    printed={
        "003": Printed(SteepestStep(r"\Delta W=-\|G\|_*\frac{d_{out}}{d_{out}}U^\top V",
                                    lambda G: svd_step(G, transposed_factors=True, aspect=lambda o, i: 1.0), "fro"),
                       reading="Read as printed: aspect d_out/d_out = 1, factors U^⊤V (conformable only when "
                               "d_out = d_in), Frobenius norm in the model. The catalogue's reading (d_out/d_in, "
                               "UV^⊤, spectral norm) is the canonical statement."),
    },
    references=["Bernstein & Newhouse (2024), Old optimizer, new norm"],
    uses_impl=False,
)
def muon_spectral_steepest_descent(ctx: Context, step: SteepestStep) -> Outcome:
    """Muon's step minimizes the spectral-norm model

    For G = ∇L(W) = UΣVᵀ (d_out × d_in) and c = d_in/d_out, ΔW = -‖G‖_* (d_out/d_in) UVᵀ minimizes
    ⟨G, ΔW⟩_F + (c/2)‖ΔW‖²_op: by duality ⟨G, Δ⟩ ≥ -‖G‖_*‖Δ‖_op, so the model is ≥ -‖G‖²_*/(2c), which this
    ΔW attains. (With the Frobenius norm the minimum is -‖G‖²_F/(2c), at ΔW = -G/c.)
    """

    def prop(G: np.ndarray) -> list[Comparison]:
        d_out, d_in = G.shape
        c = d_in / d_out
        try:
            delta = np.asarray(step.delta(G), dtype=float)
        except ValueError as exc:
            return [that(False, label="ΔW is defined", message=f"the formula is not defined for {G.shape}: {exc}")]
        if delta.shape != G.shape:
            return [that(False, label="ΔW has the shape of W", message=f"ΔW is {delta.shape}, W is {G.shape}")]
        size = np.linalg.norm(delta, 2) if step.norm == "op" else np.linalg.norm(delta)
        dual = nuclear(G) if step.norm == "op" else np.linalg.norm(G)
        model = float(np.sum(G * delta) + 0.5 * c * size**2)
        minimum = -(dual**2) / (2 * c)
        return [at_most(model, minimum, label="model value at ΔW vs its minimum", rtol=1e-9, atol=1e-9 * abs(minimum))]

    return for_all(ctx, matrices, prop, max_examples=100)
