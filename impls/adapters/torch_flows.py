"""``torch.distributions.transforms`` behind the :class:`impls.flows.FlowsImpl` protocol (float64).

* An :class:`~impls.flows.Affine` layer is ``AffineTransform(loc, scale, event_dim=1)``; planar and
  coupling layers, which PyTorch does not ship, are ``Transform`` subclasses written here with the
  log-determinants of the papers (``log|1 + h'(wᵀz + b) uᵀw|``, ``Σ_j s_j``).
* The flow is ``ComposeTransform(layers)``, its inverse ``.inv``; per-layer log-determinants come from
  each part's ``log_abs_det_jacobian``, the density from ``TransformedDistribution(N(0, I), flow)``.
* Jacobians are ``torch.autograd.functional.jacobian`` of the forward and inverse maps: independent
  of every log-determinant formula, which is what the claims compare them with.

::

    theorems check flows --impl impls.adapters.torch_flows:TorchFlows
"""

from __future__ import annotations

import numpy as np
import torch
from torch.distributions import Independent, Normal, TransformedDistribution, constraints
from torch.distributions.transforms import AffineTransform, ComposeTransform, Transform

from impls.flows import Affine, Coupling, Flow, Layer, Planar

BISECTION_STEPS = 80
"""Halvings of the planar pre-image bracket (width ≤ 2(|wᵀu| + 1)): far below float64 resolution."""


def _tensor(values: np.ndarray | float) -> torch.Tensor:
    return torch.as_tensor(np.asarray(values, dtype=np.float64), dtype=torch.float64)


class PlanarTransform(Transform):
    """``x = z + u tanh(wᵀz + b)``; the inverse solves for ``α = wᵀz`` by bisection, then one Newton step
    carries the implicit derivative for autograd."""

    domain = constraints.real_vector
    codomain = constraints.real_vector
    bijective = True

    def __init__(self, layer: Planar) -> None:
        super().__init__(cache_size=0)
        self.u, self.w, self.b = _tensor(layer.u), _tensor(layer.w), float(layer.b)

    def _call(self, z: torch.Tensor) -> torch.Tensor:
        return z + self.u * torch.tanh(z @ self.w + self.b)

    def _inverse(self, x: torch.Tensor) -> torch.Tensor:
        wx, wu = x @ self.w, self.u @ self.w
        low, high = wx - wu.abs() - 1, wx + wu.abs() + 1
        for _ in range(BISECTION_STEPS):  # α + wᵀu tanh(α + b) = wᵀx is increasing in α
            mid = (low + high) / 2
            above = mid + wu * torch.tanh(mid + self.b) > wx
            low, high = torch.where(above, low, mid), torch.where(above, mid, high)
        alpha = ((low + high) / 2).detach()
        # one Newton step from the root: the same value, and autograd's derivative ∂α/∂x of the implicit equation
        h = torch.tanh(alpha + self.b)
        alpha = alpha - (alpha + wu * h - wx) / (1 + wu * (1 - h**2))
        return x - self.u * torch.tanh(alpha + self.b)

    def log_abs_det_jacobian(self, z: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        h_prime = 1 - torch.tanh(z @ self.w + self.b) ** 2
        return torch.log(torch.abs(1 + h_prime * (self.u @ self.w)))


class CouplingTransform(Transform):
    """RealNVP's affine coupling: the first ``d`` coordinates scale and shift the others."""

    domain = constraints.real_vector
    codomain = constraints.real_vector
    bijective = True

    def __init__(self, layer: Coupling) -> None:
        super().__init__(cache_size=0)
        self.d = layer.d
        self.S, self.s0, self.T, self.t0 = (_tensor(p) for p in (layer.S, layer.s0, layer.T, layer.t0))

    def _scale_shift(self, a: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.tanh(a @ self.S.T + self.s0), torch.sin(a @ self.T.T) + self.t0

    def _call(self, x: torch.Tensor) -> torch.Tensor:
        a, rest = x[..., : self.d], x[..., self.d:]
        s, t = self._scale_shift(a)
        return torch.cat([a, rest * torch.exp(s) + t], dim=-1)

    def _inverse(self, y: torch.Tensor) -> torch.Tensor:
        a, rest = y[..., : self.d], y[..., self.d:]
        s, t = self._scale_shift(a)
        return torch.cat([a, (rest - t) * torch.exp(-s)], dim=-1)

    def log_abs_det_jacobian(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self._scale_shift(x[..., : self.d])[0].sum(-1)


def transform(layer: Layer) -> Transform:
    """The PyTorch transform of one layer."""
    if isinstance(layer, Affine):
        return AffineTransform(_tensor(layer.loc), _tensor(layer.scale), event_dim=1)
    if isinstance(layer, Planar):
        return PlanarTransform(layer)
    return CouplingTransform(layer)


class TorchFlows:
    """A flow as ``ComposeTransform([F_1, …, F_L])`` (applied first to last, as PyTorch documents)."""

    def compose(self, flow: Flow) -> ComposeTransform:
        return ComposeTransform([transform(layer) for layer in flow])

    def forward(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.compose(flow)(_tensor(z)).numpy()

    def inverse(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.compose(flow).inv(_tensor(x)).numpy()

    def jacobian(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        return torch.autograd.functional.jacobian(self.compose(flow), _tensor(z)).numpy()

    def inverse_jacobian(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        return torch.autograd.functional.jacobian(self.compose(flow).inv, _tensor(x)).numpy()

    def log_abs_det_jacobians(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        logs = []
        with torch.no_grad():
            z_i = _tensor(z)
            for part in self.compose(flow).parts:
                x_i = part(z_i)
                logs.append(float(part.log_abs_det_jacobian(z_i, x_i)))
                z_i = x_i
        return np.array(logs)

    def log_density(self, flow: Flow, x: np.ndarray) -> float:
        D = len(x)
        base = Independent(Normal(torch.zeros(D, dtype=torch.float64), torch.ones(D, dtype=torch.float64)), 1)
        with torch.no_grad():
            return float(TransformedDistribution(base, self.compose(flow).parts, validate_args=False)
                         .log_prob(_tensor(x)))
