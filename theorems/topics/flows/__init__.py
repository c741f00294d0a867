"""Normalising flows: change of variables, compositions, planar and coupling log-determinants (documents 001-003).

The implementation under test (``impls.flows``, or ``torch.distributions.transforms`` through
``--impl``) evaluates, inverts and differentiates flows ``F = F_L ∘ … ∘ F_1`` of affine, planar and
RealNVP coupling layers on ℝ¹…ℝ³. The printed formulas are applied to what it returns and compared
with independent quantities: masses of intervals ``P(Z ∈ [a, b])`` under the standard normal (by
quadrature of the stated density), Jacobians from autograd (PyTorch) or the chain rule (NumPy),
and the implementation's own log-densities. Identities of the spherical change of coordinates and
the determinant lemma behind the planar flow are proved in SymPy; costs are counted operation by
operation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.flows import Flow, FlowsImpl
from theorems.engine import Boundary, Topic, as_array


def point(result: Any, flow: Flow, p: np.ndarray) -> np.ndarray:
    """A point of ℝ^D, as the input point."""
    return as_array(result, what="the image point", shape=np.shape(p))


def matrix(result: Any, flow: Flow, p: np.ndarray) -> np.ndarray:
    """A D × D Jacobian."""
    return as_array(result, what="the Jacobian", shape=(len(p), len(p)))


def per_layer(result: Any, flow: Flow, p: np.ndarray) -> np.ndarray:
    """One log-determinant per layer."""
    return as_array(result, what="the per-layer log|det|", shape=(len(flow),), finite=False)


def scalar(result: Any, flow: Flow, p: np.ndarray) -> float:
    return float(as_array(result, what="the log-density", shape=(), finite=False))


TOPIC = Topic(
    "flows",
    "Normalising flows",
    summary="Change of variables for densities, inverses and Jacobian determinants of compositions, planar and "
            "RealNVP coupling log-determinants, spherical coordinates, cost of determinants; checked by "
            "quadrature, against autograd Jacobians of torch.distributions.transforms, and in SymPy.",
    sections=("density", "jacobians", "layers", "cost"),
    boundary=Boundary(
        FlowsImpl,
        reference="impls.flows:Flows",
        outputs={"forward": point, "inverse": point, "jacobian": matrix, "inverse_jacobian": matrix,
                 "log_abs_det_jacobians": per_layer, "log_density": scalar},
    ),
    libraries=("torch", "scipy"),
)

REZENDE = "Rezende & Mohamed (2015), Variational inference with normalizing flows, eq. (10)-(12)"
DINH = "Dinh, Sohl-Dickstein & Bengio (2017), Density estimation using Real NVP, eq. (4)-(6)"
PAPAMAKARIOS = "Papamakarios et al. (2021), Normalizing flows for probabilistic modeling and inference, §2.1"
