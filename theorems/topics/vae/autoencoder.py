"""The linear autoencoder min_{C,D} ‖X - DCX‖²_F: its optimum is PCA, its landscape has no spurious local
minima, and it is not convex (Baldi & Hornik 1989).

For centred X with distinct eigenvalues λ₁ > … > λ_d of XXᵀ (eigenvectors u_i), the critical points are, up
to an invertible k × k change of basis, C = U_Iᵀ, D = U_I for the k-subsets I of eigenvectors (Baldi &
Hornik 1989, Thm 1); only the top-k subset is a local minimum, the others are saddles. The check enumerates
every k-subset and computes the exact Hessian of the quartic loss there (its quadratic form is
f''(0) = 2‖(ΔD C + D ΔC)X‖² - 4⟨X - DCX, ΔD ΔC X⟩ along (ΔC, ΔD)).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Outcome, Printed, close, for_all, that, within_tolerance

from . import BALDI, TOPIC


@dataclass(frozen=True)
class Landscape:
    """What a statement says of the loss: convex or not, spurious local minima or not (None: not said)."""

    convex: bool | None
    spurious_minima: bool | None


@dataclass(frozen=True)
class Data:
    """Centred data X (d × n) with XXᵀ = U diag(λ) Uᵀ, λ decreasing, and the code size k."""

    X: np.ndarray
    eigenvalues: np.ndarray
    U: np.ndarray
    k: int


@st.composite
def centred_data(draw: st.DrawFn, d: int = 3, n: int = 8) -> Data:
    """Centred data on R^d whose covariance eigenvalues are separated by at least 0.2 (distinct, as Baldi-Hornik
    assume), and a code size 1 ≤ k < d."""
    steps = draw(st.lists(st.floats(0.2, 5.0), min_size=d, max_size=d))
    eigenvalues = np.cumsum(steps)[::-1]
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    U, _ = np.linalg.qr(rng.standard_normal((d, d)))
    noise = rng.standard_normal((n, d))
    V, _ = np.linalg.qr(noise - noise.mean(axis=0))  # orthonormal columns orthogonal to 1: centred rows of X
    return Data(U @ np.diag(np.sqrt(eigenvalues)) @ V.T, eigenvalues, U, draw(st.integers(1, d - 1)))


def loss(X: np.ndarray, C: np.ndarray, D: np.ndarray) -> float:
    return float(np.sum((X - D @ C @ X) ** 2))


def hessian(X: np.ndarray, C: np.ndarray, D: np.ndarray) -> np.ndarray:
    """The exact Hessian of the loss in (C, D), by polarisation of its quadratic form."""
    residual = X - D @ C @ X

    def form(delta: np.ndarray) -> float:
        dC, dD = delta[: C.size].reshape(C.shape), delta[C.size:].reshape(D.shape)
        return 2 * float(np.sum(((dD @ C + D @ dC) @ X) ** 2)) - 4 * float(np.sum(residual * (dD @ dC @ X)))

    basis = np.eye(C.size + D.size)
    diagonal = [form(e) for e in basis]
    return np.array([[(form(ei + ej) - diagonal[i] - diagonal[j]) / 2 for j, ej in enumerate(basis)]
                     for i, ei in enumerate(basis)])


LANDSCAPE = Landscape(convex=False, spurious_minima=False)


@TOPIC.claim(
    "vae.linear_autoencoder_landscape",
    method="property",
    canonical=LANDSCAPE,
    printed={
        "000": Printed(Landscape(convex=None, spurious_minima=True),
                       reading="'Equivalent to PCA, but generally has non-global minima': read as local minima that "
                               "are not global. (Non-global critical points exist, but they are saddles.)"),
        "003": Printed(Landscape(convex=True, spurious_minima=False),
                       reading="Two statements: the objective is convex, and it has no spurious local minima."),
    },
    references=(BALDI,),
    uses_impl=False,
)
def linear_autoencoder_landscape(ctx: Context, stated: Landscape) -> Outcome:
    """The linear autoencoder is PCA, has no spurious local minima, and is not convex.

    For centred X (d × n) whose covariance has distinct eigenvalues, min_{C,D} ‖X - DCX‖²_F = Σ_{i>k} λ_i, attained at
    the top-k eigenvectors (PCA; Eckart–Young); every other critical point is a saddle (Baldi & Hornik 1989), so
    every local minimum is global; the loss is not convex: (C*, D*) and (-C*, -D*) are both minimisers, and their
    midpoint (0, 0) has loss ‖X‖²_F > Σ_{i>k} λ_i. Checked at every k-subset critical point of generated data;
    a Hessian eigenvalue counts as negative beyond the rounding allowance of its entries.
    """

    def prop(data: Data) -> list[Comparison]:
        d = len(data.eigenvalues)
        best = float(np.sum(data.eigenvalues[data.k:]))
        minima, saddles = [], []
        for subset in combinations(range(d), data.k):
            U = data.U[:, list(subset)]
            H = hessian(data.X, U.T, U)
            lowest = float(np.linalg.eigvalsh(H)[0])
            (minima if lowest >= -within_tolerance(H, operations=4 * H.size) else saddles).append((subset, lowest))
        top = data.U[:, : data.k]
        found = [close(loss(data.X, top.T, top), best, label="loss at the top-k eigenvectors = Σ_{i>k} λ_i",
                       atol=within_tolerance(data.eigenvalues, operations=4 * data.X.size)),
                 that(minima == [] or minima[0][0] == tuple(range(data.k)), label="the top-k subset is a local minimum",
                      message=f"local minima at subsets {minima}")]
        spurious = [(s, round(h, 6)) for s, h in minima if s != tuple(range(data.k))]
        described = f"non-global critical points (subset, lowest Hessian eigenvalue): {saddles or 'none'}"
        if stated.spurious_minima is not None:
            found.append(that(bool(spurious) == stated.spurious_minima,
                              label="spurious local minima" if stated.spurious_minima else "no spurious local minima",
                              message=f"spurious local minima {spurious or 'none'}; {described}"))
        if stated.convex is not None:
            midpoint, ends = loss(data.X, 0 * top.T, 0 * top), best
            found.append(that((midpoint <= ends + within_tolerance(midpoint, ends)) == stated.convex,
                              label="convex" if stated.convex else "not convex",
                              message=f"loss at the midpoint (0, 0) of the minimisers (C*, D*), (-C*, -D*) is "
                                      f"{midpoint:.6g}; at both ends {ends:.6g}"))
        return found

    return for_all(ctx, centred_data(), prop, max_examples=25)
