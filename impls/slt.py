"""Statistical learning theory: shattering, VC and PAC-Bayes bounds, Donsker–Varadhan, Rademacher complexity.

A finite class on a finite domain is a 0/1 ``table`` of shape (|F|, |X|): row f is (f(x₁), …, f(x_k)).
Risks are of losses in [0, 1]. Any implementation of :class:`SLTImpl` can be checked::

    theorems check slt --impl mypackage.module:MySLT
"""

from __future__ import annotations

import itertools
import math
from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import logsumexp


@runtime_checkable
class SLTImpl(Protocol):
    def growth_function(self, table: np.ndarray, n: int) -> int:
        """S_F(n): the largest number of distinct patterns (f(x_{i₁}), …, f(x_{iₙ})) that the rows of
        ``table`` cut out on n distinct points of the domain (on all of it when n exceeds its size)."""
        ...

    def vc_dimension(self, table: np.ndarray) -> int:
        """The size of the largest set of domain points on which the rows of ``table`` realise all 2ⁿ patterns."""
        ...

    def sauer_bound(self, d: int, n: int) -> int:
        """Sauer–Shelah: Σ_{i=0}^{d} C(n, i), which bounds S_F(n) when VC-dim F = d."""
        ...

    def vc_radius(self, growth_2n: int, n: int, delta: float) -> float:
        """The Vapnik–Chervonenkis deviation 2√(2 (ln S_F(2n) + ln(2/δ))/n)."""
        ...

    def pac_bayes_bound(self, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
        """Maurer's PAC-Bayes bound on E_Q R: E_Q R̂ + √((KL(Q‖P) + ln(2√n/δ))/(2n)), element-wise over the
        posteriors whose E_Q R̂ and KL(Q‖P) are given (arrays of one shape)."""
        ...

    def kl_diag_gaussians(self, theta: np.ndarray, sigma: np.ndarray, lam: np.ndarray) -> float:
        """KL(N(θ, diag σ²) ‖ N(0, diag λ²))."""
        ...

    def perturb(self, theta: np.ndarray, sigma: np.ndarray, noise: np.ndarray) -> np.ndarray:
        """A draw θ̂ ∼ Q = N(θ, diag σ²) from standard normal ``noise`` ε: θ + σ ⊙ ε (one row per draw)."""
        ...

    def log_mgf(self, phi: np.ndarray, p: np.ndarray) -> float:
        """ln E_P[e^φ] for a distribution ``p`` on finitely many atoms."""
        ...

    def dv_lower_bound(self, phi: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
        """The Donsker–Varadhan functional E_Q[φ] - KL(Q‖P) (Q ≪ P), which is at most ln E_P[e^φ]."""
        ...

    def gibbs(self, phi: np.ndarray, p: np.ndarray) -> np.ndarray:
        """The Gibbs measure G ∝ P e^φ, at which the Donsker–Varadhan functional equals ln E_P[e^φ]."""
        ...

    def empirical_risks(self, losses: np.ndarray) -> np.ndarray:
        """R̂(h) for every column h of an (n, |H|) matrix of losses on n samples."""
        ...

    def rademacher_complexity(self, values: np.ndarray) -> float:
        """The empirical Rademacher complexity E_σ sup_g (1/n) Σᵢ σᵢ g(zᵢ) of the class whose values on the
        n samples are the columns of ``values`` (exact: all 2ⁿ sign vectors)."""
        ...

    def min_norm_solution(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The minimum-norm θ among the minimisers of ‖Xθ - y‖²: X⁺y."""
        ...


class SLT:
    """NumPy float64 reference."""

    def growth_function(self, table: np.ndarray, n: int) -> int:
        table = np.asarray(table, dtype=int)
        size = min(n, table.shape[1])
        return max(len({tuple(row) for row in table[:, list(points)]})
                   for points in itertools.combinations(range(table.shape[1]), size))

    def vc_dimension(self, table: np.ndarray) -> int:
        table = np.asarray(table, dtype=int)
        return max(n for n in range(table.shape[1] + 1) if self.growth_function(table, n) == 2**n)

    def sauer_bound(self, d: int, n: int) -> int:
        return sum(math.comb(n, i) for i in range(d + 1))

    def vc_radius(self, growth_2n: int, n: int, delta: float) -> float:
        return 2 * math.sqrt(2 * (math.log(growth_2n) + math.log(2 / delta)) / n)

    def pac_bayes_bound(self, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
        return np.asarray(empirical_risk, dtype=float) + np.sqrt(
            (np.asarray(kl, dtype=float) + math.log(2 * math.sqrt(n) / delta)) / (2 * n))

    def kl_diag_gaussians(self, theta: np.ndarray, sigma: np.ndarray, lam: np.ndarray) -> float:
        theta, sigma, lam = (np.asarray(a, dtype=float) for a in (theta, sigma, lam))
        return float(np.sum(np.log(lam / sigma) + (sigma**2 + theta**2) / (2 * lam**2) - 0.5))

    def perturb(self, theta: np.ndarray, sigma: np.ndarray, noise: np.ndarray) -> np.ndarray:
        return np.asarray(theta, dtype=float) + np.asarray(sigma, dtype=float) * np.asarray(noise, dtype=float)

    def log_mgf(self, phi: np.ndarray, p: np.ndarray) -> float:
        return float(logsumexp(phi, b=p))

    def dv_lower_bound(self, phi: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
        phi, p, q = (np.asarray(a, dtype=float) for a in (phi, p, q))
        kept = q > 0
        kl = float(np.sum(q[kept] * np.log(q[kept] / p[kept])))
        return float(q[kept] @ phi[kept]) - kl

    def gibbs(self, phi: np.ndarray, p: np.ndarray) -> np.ndarray:
        log_weights = np.log(np.asarray(p, dtype=float)) + np.asarray(phi, dtype=float)
        return np.exp(log_weights - logsumexp(log_weights))

    def empirical_risks(self, losses: np.ndarray) -> np.ndarray:
        return np.asarray(losses, dtype=float).mean(axis=0)

    def rademacher_complexity(self, values: np.ndarray) -> float:
        values = np.asarray(values, dtype=float)
        n = values.shape[0]
        signs = np.array(list(itertools.product((-1.0, 1.0), repeat=n)))
        return float(np.mean(np.max(signs @ values, axis=1)) / n)

    def min_norm_solution(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.linalg.pinv(np.asarray(X, dtype=float)) @ np.asarray(y, dtype=float)
