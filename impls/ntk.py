"""The neural tangent kernel: the protocol an NTK implementation is checked through, a NumPy reference
with explicit Jacobians of a ReLU MLP, and the closed-form infinite-width kernels of ReLU networks.

The network. ``widths = (d, m_1, …, m_L)`` gives the input dimension and the L hidden widths of a
bias-free ReLU MLP with one output, in the NTK parameterisation (σ_w = 1)::

    h⁰ = x,   zˡ = W^{l-1} h^{l-1} / √m_{l-1},   hˡ = relu(zˡ)  (l = 1 … L),   f(θ)(x) = w^L · h^L / √m_L

with m_0 = d. The parameters θ are the entries of W⁰ (m_1 × d), W¹ (m_2 × m_1), …, w^L (m_L) in this
order, each matrix row-major: :func:`parameter_count` of them. At initialisation every entry is
N(0, 1), so ``theta = rng.standard_normal(parameter_count(widths))`` is a draw of the NTK
initialisation. relu'(0) is taken to be 0 (as autograd does).

The infinite-width limits (Jacot, Gabriel & Hongler 2018; Arora et al. 2019, with the arc-cosine
expectations of Cho & Saul 2009; the degree-1 kernel is :func:`impls.gp.arccos_relu`): Σ¹(x, x') = x·x'/d
and, for c = Σˡ(x, x')/√(Σˡ(x, x)Σˡ(x', x')) = cos φ,

    Σ^{l+1}(x, x') = √(Σˡ(x, x)Σˡ(x', x')) (sin φ + (π − φ) cos φ)/(2π)     (= E relu(u) relu(u'))
    Σ̇^{l+1}(x, x') = (π − φ)/(2π)                                           (= E relu'(u) relu'(u'))
    Θ¹ = Σ¹,   Θ^{l+1} = Θˡ Σ̇^{l+1} + Σ^{l+1},   k_∞ = Θ^{L+1}.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from impls.gp import arccos_relu

Widths = Sequence[int]


class NTKImpl(Protocol):
    """A ReLU MLP in the NTK parameterisation (see the module), its empirical NTK, and kernel regression.

    All arrays are float64; ``x`` has shape (n, d), ``theta`` shape (parameter_count(widths),).
    """

    def output(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        """f(θ)(x) for each row of ``x``: shape (n,)."""
        ...

    def jacobian(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        """∇_θ f(θ)(x) for each row of ``x``: shape (n, P)."""
        ...

    def ntk(self, theta: np.ndarray, widths: Widths, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        """The empirical NTK k_θ(x, ξ) = ∇f(θ)(x) · ∇f(θ)(ξ) for x in ``x1``, ξ in ``x2``: shape (n1, n2)."""
        ...

    def coefficients(self, gram: np.ndarray, residual: np.ndarray) -> np.ndarray:
        """α* = K⁺ r, the minimum-norm minimiser of ‖Kα − r‖² (K symmetric positive semi-definite)."""
        ...

    def predict(self, cross: np.ndarray, gram: np.ndarray, f0_test: np.ndarray, f0_train: np.ndarray,
                y: np.ndarray) -> np.ndarray:
        """The trained linearised model h*(x) = f₀(x) + k(x)ᵀ K⁺ (y − f₀) at the test points; ``cross`` is
        k(x_test, X_train) of shape (n_test, n)."""
        ...

    def dynamics(self, gram: np.ndarray, f0: np.ndarray, y: np.ndarray, eta: float, t: float) -> np.ndarray:
        """The solution of ḟ = η K (y − f) at time t from f₀: f_t = f₀ − (I − e^{−ηKt})(f₀ − y)."""
        ...


def parameter_count(widths: Widths) -> int:
    """P = Σ m_l m_{l+1} over the layers, the readout included."""
    sizes = [*widths, 1]
    return sum(a * b for a, b in itertools.pairwise(sizes))


def layers(theta: np.ndarray, widths: Widths) -> list[np.ndarray]:
    """The weight matrices W⁰ … W^L (the readout as a 1 × m_L matrix) read from the flat ``theta``."""
    sizes = [*widths, 1]
    out, start = [], 0
    for fan_in, fan_out in itertools.pairwise(sizes):
        out.append(np.asarray(theta[start:start + fan_in * fan_out], dtype=np.float64).reshape(fan_out, fan_in))
        start += fan_in * fan_out
    return out


def preactivations(theta: np.ndarray, widths: Widths, x: np.ndarray) -> list[np.ndarray]:
    """z¹ … z^L and the output, each of shape (n, width)."""
    h = np.asarray(x, dtype=np.float64)
    zs = []
    for W in layers(theta, widths):
        z = h @ W.T / np.sqrt(W.shape[1])
        zs.append(z)
        h = np.maximum(z, 0.0)
    return zs


def activation_pattern(theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
    """Which hidden units are active (z > 0), all layers concatenated: shape (n, m_1 + … + m_L)."""
    return np.concatenate([z > 0 for z in preactivations(theta, widths, x)[:-1]], axis=1)


class MLP:
    """The reference: forward pass and explicit backpropagation of the Jacobian in NumPy."""

    def output(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        return preactivations(theta, widths, x)[-1][:, 0]

    def jacobian(self, theta: np.ndarray, widths: Widths, x: np.ndarray) -> np.ndarray:
        Ws = layers(theta, widths)
        zs = preactivations(theta, widths, x)
        inputs = [np.asarray(x, dtype=np.float64)] + [np.maximum(z, 0.0) for z in zs[:-1]]
        delta = np.ones((len(inputs[0]), 1))  # ∂f/∂z^{L+1}
        blocks = []
        for layer in reversed(range(len(Ws))):
            scale = 1.0 / np.sqrt(Ws[layer].shape[1])
            # ∂f/∂W[a, b] = δ_a h_b / √fan_in, flattened row-major
            blocks.append((delta[:, :, None] * inputs[layer][:, None, :] * scale).reshape(len(delta), -1))
            if layer:
                delta = (delta @ Ws[layer] * scale) * (zs[layer - 1] > 0)
        return np.concatenate(blocks[::-1], axis=1)

    def ntk(self, theta: np.ndarray, widths: Widths, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        return self.jacobian(theta, widths, x1) @ self.jacobian(theta, widths, x2).T

    def coefficients(self, gram: np.ndarray, residual: np.ndarray) -> np.ndarray:
        return np.linalg.pinv(np.asarray(gram, dtype=np.float64), hermitian=True) @ np.asarray(residual, float)

    def predict(self, cross: np.ndarray, gram: np.ndarray, f0_test: np.ndarray, f0_train: np.ndarray,
                y: np.ndarray) -> np.ndarray:
        return np.asarray(f0_test, float) + np.asarray(cross, float) @ self.coefficients(gram, np.subtract(y, f0_train))

    def dynamics(self, gram: np.ndarray, f0: np.ndarray, y: np.ndarray, eta: float, t: float) -> np.ndarray:
        eigenvalues, Q = np.linalg.eigh(np.asarray(gram, dtype=np.float64))
        decay = Q @ (np.exp(-eta * t * np.maximum(eigenvalues, 0.0))[:, None] * Q.T)  # e^{−ηKt}
        return np.asarray(y, float) + decay @ (np.asarray(f0, float) - np.asarray(y, float))


# --- the infinite-width kernels of ReLU networks ------------------------------------------------


def arccos_angle(K: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The angle φᵢⱼ = arccos(Kᵢⱼ/√(KᵢᵢKⱼⱼ)) of a covariance matrix (φ = 0 where a variance is 0) and its cosine."""
    K = np.asarray(K, dtype=np.float64)
    norms = np.sqrt(np.outer(np.diag(K), np.diag(K)))
    cos = np.clip(K / np.where(norms > 0, norms, 1.0), -1.0, 1.0)
    return np.arccos(np.where(norms > 0, cos, 1.0)), np.where(norms > 0, cos, 1.0)


def arccos_relu_derivative(K: np.ndarray) -> np.ndarray:
    """E relu'(uᵢ) relu'(uⱼ) = (π − φᵢⱼ)/(2π) for u ~ N(0, K) (the arc-cosine kernel of degree 0)."""
    return (np.pi - arccos_angle(K)[0]) / (2 * np.pi)


def relu_ntk_limit(x1: np.ndarray, x2: np.ndarray, depth: int) -> np.ndarray:
    """k_∞(x, ξ) of a bias-free ReLU MLP with ``depth`` hidden layers (NTK parameterisation, σ_w = 1), for x in
    ``x1`` and ξ in ``x2``: the recursion of the module on the covariance of all the inputs together."""
    points = np.vstack([np.asarray(x1, dtype=np.float64), np.asarray(x2, dtype=np.float64)])
    sigma = points @ points.T / points.shape[1]
    theta = sigma
    for _ in range(depth):
        sigma_next = arccos_relu(sigma)
        theta, sigma = theta * arccos_relu_derivative(sigma) + sigma_next, sigma_next
    return theta[: len(x1), len(x1):]
