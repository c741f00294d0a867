"""``normflows`` (an optional extra: ``pip install normflows``) behind :class:`impls.flows.FlowsImpl` (float64).

* :class:`~impls.flows.Affine` is ``AffineConstFlow`` (``z ⊙ exp(s) + t``): only positive scales exist
  there, so an orientation-reversing affine layer is refused with a ValueError that says so.
* :class:`~impls.flows.Planar` is ``Planar(act="tanh")``. normflows keeps ``wᵀu > -1`` by replacing u by
  ``û = u + (softplus(wᵀu) - 1 - wᵀu) w/‖w‖²``; the adapter passes the u whose û is the layer's u.
  normflows has no inverse of the tanh planar flow (``inverse`` raises NotImplementedError): every
  check that inverts such a flow reports that error.
* :class:`~impls.flows.Coupling` is ``MaskedAffineFlow`` with the mask of the first d coordinates.
* Densities come from ``NormalizingFlow(DiagGaussian, flows).log_prob``; Jacobians from autograd.

::

    theorems check flows --impl impls.adapters.normflows_flows:NormflowsFlows
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from impls.flows import Affine, Coupling, Flow, Layer, Planar

try:
    import normflows as nf
except ImportError as exc:  # an optional extra: say so, never skip silently
    raise ImportError("normflows is not installed: it is an optional extra of the flows topic "
                      "(pip install normflows)") from exc


def _tensor(values: np.ndarray | float) -> torch.Tensor:
    return torch.as_tensor(np.asarray(values, dtype=np.float64), dtype=torch.float64)


class _Padded(nn.Module):
    """``x ↦ [0, …, 0, f(x_{1:d})]``: a coupling network on normflows' masked input."""

    def __init__(self, d: int, f: Callable[[torch.Tensor], torch.Tensor]) -> None:
        super().__init__()
        self.d, self.f = d, f

    def forward(self, masked: torch.Tensor) -> torch.Tensor:
        head = masked[:, : self.d]
        return torch.cat([torch.zeros_like(head), self.f(head)], dim=1)


def _planar(layer: Planar) -> nf.flows.Planar:
    w, u_hat = layer.w, layer.u
    inner = np.log(np.expm1(w @ u_hat + 1))  # wᵀu with softplus(wᵀu) - 1 = wᵀû (wᵀû > -1)
    u = u_hat - (w @ u_hat - inner) * w / (w @ w)
    return nf.flows.Planar((len(w),), act="tanh", u=_tensor(u)[None], w=_tensor(w)[None], b=_tensor([layer.b]))


def _coupling(layer: Coupling) -> nf.flows.MaskedAffineFlow:
    S, s0, T, t0 = (_tensor(p) for p in (layer.S, layer.s0, layer.T, layer.t0))
    mask = _tensor(np.arange(layer.d + len(layer.s0)) < layer.d)
    return nf.flows.MaskedAffineFlow(mask, t=_Padded(layer.d, lambda a: torch.sin(a @ T.T) + t0),
                                     s=_Padded(layer.d, lambda a: torch.tanh(a @ S.T + s0)))


def _affine(layer: Affine) -> nf.flows.AffineConstFlow:
    if np.any(layer.scale < 0):
        raise ValueError(f"normflows' AffineConstFlow scales by exp(s) > 0: the scale {layer.scale.tolist()} "
                         "(reversing orientation) has no normflows layer")
    flow = nf.flows.AffineConstFlow((len(layer.loc),)).double()  # float64 before the parameters are set
    with torch.no_grad():
        flow.s.copy_(_tensor(np.log(layer.scale))[None])
        flow.t.copy_(_tensor(layer.loc)[None])
    return flow


def module(layer: Layer) -> nf.flows.Flow:
    """The normflows flow of one layer, in float64."""
    if isinstance(layer, Affine):
        return _affine(layer).double()
    if isinstance(layer, Planar):
        return _planar(layer).double()
    return _coupling(layer).double()


class NormflowsFlows:
    """A flow as normflows' list of ``Flow`` modules, applied first to last."""

    def modules(self, flow: Flow) -> list[nf.flows.Flow]:
        return [module(layer) for layer in flow]

    def _forward(self, flow: Flow) -> Callable[[torch.Tensor], torch.Tensor]:
        parts = self.modules(flow)

        def apply(z: torch.Tensor) -> torch.Tensor:
            z = z[None]
            for part in parts:
                z, _ = part(z)
            return z[0]

        return apply

    def _inverse(self, flow: Flow) -> Callable[[torch.Tensor], torch.Tensor]:
        parts = self.modules(flow)

        def apply(x: torch.Tensor) -> torch.Tensor:
            x = x[None]
            for part in reversed(parts):
                x, _ = part.inverse(x)
            return x[0]

        return apply

    def forward(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        return self._forward(flow)(_tensor(z)).detach().numpy()

    def inverse(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        return self._inverse(flow)(_tensor(x)).detach().numpy()

    def jacobian(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        return torch.autograd.functional.jacobian(self._forward(flow), _tensor(z)).numpy()

    def inverse_jacobian(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        return torch.autograd.functional.jacobian(self._inverse(flow), _tensor(x)).numpy()

    def log_abs_det_jacobians(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        logs, point = [], _tensor(z)[None]
        for part in self.modules(flow):
            with torch.no_grad():
                point, log_det = part(point)
            logs.append(float(log_det.reshape(-1)[0]))
        return np.array(logs)

    def log_density(self, flow: Flow, x: np.ndarray) -> float:
        base = nf.distributions.DiagGaussian(len(x), trainable=False).double()
        model = nf.NormalizingFlow(q0=base, flows=self.modules(flow))
        return float(model.log_prob(_tensor(x)[None])[0].detach())
