"""Normalising flows: the protocol the ``flows`` claims check, and a NumPy float64 reference.

A flow is a tuple of layers ``(F_1, …, F_L)`` applied in that order, ``F = F_L ∘ … ∘ F_1``, pushing
the base density ``p_Z = N(0, I_D)`` forward to ``p_X``. The layers are plain data (their parameters);
an implementation says what a flow does with a point:

* :class:`Affine`   — ``x = loc + scale ⊙ z`` (element-wise; a negative scale reverses orientation);
* :class:`Planar`   — ``x = z + u tanh(wᵀz + b)`` with ``wᵀu > -1`` (Rezende & Mohamed 2015);
* :class:`Coupling` — ``y_{1:d} = x_{1:d}``, ``y_{d+1:D} = x_{d+1:D} ⊙ exp(s(x_{1:d})) + t(x_{1:d})``
  with ``s(a) = tanh(S a + s0)`` and ``t(a) = sin(T a) + t0`` (Dinh, Sohl-Dickstein & Bengio 2017).

The layer classes also define ``s``, ``t`` and the planar ``h'`` (what the layer *is*); how a flow is
evaluated, inverted and differentiated is the implementation's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from scipy.optimize import brentq
from scipy.stats import norm


@dataclass(frozen=True)
class Affine:
    """``x = loc + scale ⊙ z``, every ``scale`` entry non-zero."""

    loc: np.ndarray
    scale: np.ndarray


@dataclass(frozen=True)
class Planar:
    """``x = z + u h(wᵀz + b)``, ``h = tanh``; invertible because ``wᵀu > -1``."""

    u: np.ndarray
    w: np.ndarray
    b: float

    @staticmethod
    def h(a: np.ndarray | float) -> np.ndarray | float:
        return np.tanh(a)

    @staticmethod
    def h_prime(a: np.ndarray | float) -> np.ndarray | float:
        return 1.0 / np.cosh(a) ** 2


@dataclass(frozen=True)
class Coupling:
    """The affine coupling layer of RealNVP on ``D = d + len(s0)`` coordinates."""

    d: int
    S: np.ndarray
    s0: np.ndarray
    T: np.ndarray
    t0: np.ndarray

    def s(self, a: np.ndarray) -> np.ndarray:
        """The log-scales ``s(x_{1:d})`` (one per transformed coordinate)."""
        return np.tanh(self.S @ a + self.s0)

    def t(self, a: np.ndarray) -> np.ndarray:
        """The shifts ``t(x_{1:d})``."""
        return np.sin(self.T @ a) + self.t0


Layer = Affine | Planar | Coupling
Flow = tuple[Layer, ...]
"""``(F_1, …, F_L)``: ``F_1`` is applied first."""


class FlowsImpl(Protocol):
    """A normalising-flow implementation: every method takes the flow and one point of ℝ^D (float64)."""

    def forward(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        """``x = F(z) = F_L(…F_1(z))``."""
        ...

    def inverse(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        """``z = F⁻¹(x)``."""
        ...

    def jacobian(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        """``J_F(z) = ∂F/∂z``, a D × D matrix."""
        ...

    def inverse_jacobian(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        """``J_{F⁻¹}(x) = ∂F⁻¹/∂x``, a D × D matrix."""
        ...

    def log_abs_det_jacobians(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        """``log|det ∂F_i(z_{i-1})|`` for i = 1…L, where ``z_0 = z`` and ``z_i = F_i(z_{i-1})``."""
        ...

    def log_density(self, flow: Flow, x: np.ndarray) -> float:
        """``log p_X(x)`` of the pushforward of ``N(0, I_D)`` by ``F``."""
        ...


def standard_normal_log_density(z: np.ndarray) -> float:
    """``log N(z; 0, I)``."""
    return float(np.sum(norm.logpdf(np.asarray(z, dtype=float))))


def _planar_preimage(layer: Planar, x: np.ndarray) -> np.ndarray:
    """The ``z`` with ``z + u h(wᵀz + b) = x``: ``α = wᵀz`` solves the increasing scalar equation
    ``α + wᵀu h(α + b) = wᵀx`` (its slope ``1 + wᵀu h' > 0``), bracketed by ``wᵀx ± |wᵀu|``."""
    wx, wu = float(layer.w @ x), float(layer.w @ layer.u)
    if wu == 0.0:
        alpha = wx
    else:
        def residual(a: float) -> float:
            return a + wu * float(layer.h(a + layer.b)) - wx

        radius = abs(wu) + 1.0
        alpha = brentq(residual, wx - radius, wx + radius, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    return x - layer.u * layer.h(alpha + layer.b)


class Flows:
    """The reference: each layer's map, inverse and Jacobian in closed form, composed by the chain rule."""

    def forward(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        x = np.asarray(z, dtype=float)
        for layer in flow:
            x = _forward(layer, x)
        return x

    def inverse(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        z = np.asarray(x, dtype=float)
        for layer in reversed(flow):
            z = _inverse(layer, z)
        return z

    def jacobian(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        J = np.eye(len(z))
        for layer in flow:
            J = _jacobian(layer, z) @ J
            z = _forward(layer, z)
        return J

    def inverse_jacobian(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        return np.linalg.inv(self.jacobian(flow, self.inverse(flow, x)))

    def log_abs_det_jacobians(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        logs = []
        for layer in flow:
            logs.append(_log_abs_det(layer, z))
            z = _forward(layer, z)
        return np.array(logs)

    def log_density(self, flow: Flow, x: np.ndarray) -> float:
        z = self.inverse(flow, x)
        return standard_normal_log_density(z) - float(np.sum(self.log_abs_det_jacobians(flow, z)))


def _forward(layer: Layer, z: np.ndarray) -> np.ndarray:
    if isinstance(layer, Affine):
        return layer.loc + layer.scale * z
    if isinstance(layer, Planar):
        return z + layer.u * layer.h(layer.w @ z + layer.b)
    a = z[: layer.d]
    return np.concatenate([a, z[layer.d:] * np.exp(layer.s(a)) + layer.t(a)])


def _inverse(layer: Layer, x: np.ndarray) -> np.ndarray:
    if isinstance(layer, Affine):
        return (x - layer.loc) / layer.scale
    if isinstance(layer, Planar):
        return _planar_preimage(layer, x)
    a = x[: layer.d]
    return np.concatenate([a, (x[layer.d:] - layer.t(a)) * np.exp(-layer.s(a))])


def _jacobian(layer: Layer, z: np.ndarray) -> np.ndarray:
    if isinstance(layer, Affine):
        return np.diag(layer.scale)
    if isinstance(layer, Planar):
        return np.eye(len(z)) + layer.h_prime(layer.w @ z + layer.b) * np.outer(layer.u, layer.w)
    a, d = z[: layer.d], layer.d
    s = layer.s(a)
    # ∂s/∂a = diag(1 - s²) S and ∂t/∂a = diag(cos(T a)) T
    lower = (z[d:] * np.exp(s) * (1 - s**2))[:, None] * layer.S + np.cos(layer.T @ a)[:, None] * layer.T
    J = np.eye(len(z))
    J[d:, :d] = lower
    J[d:, d:] = np.diag(np.exp(s))
    return J


def _log_abs_det(layer: Layer, z: np.ndarray) -> float:
    if isinstance(layer, Affine):
        return float(np.sum(np.log(np.abs(layer.scale))))
    if isinstance(layer, Planar):
        return float(np.log(abs(1 + layer.h_prime(layer.w @ z + layer.b) * (layer.u @ layer.w))))
    return float(np.sum(layer.s(z[: layer.d])))
