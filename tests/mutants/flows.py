"""Wrong flows and wrong formulas that the normalising-flow claims must reject."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import Any

import numpy as np
import sympy

from impls.flows import Coupling, Flow, Flows, Planar, standard_normal_log_density
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.flows.cost import DENSE_DET, n
from theorems.topics.flows.density import r, theta


class PlusLogDet(Flows):
    """log p_X(x) = log p_Z(z) + Σ log|det ∂F_i|: the determinant of J_F where J_{F⁻¹} belongs."""

    def log_density(self, flow: Flow, x: np.ndarray) -> float:
        z = self.inverse(flow, x)
        return standard_normal_log_density(z) + float(np.sum(self.log_abs_det_jacobians(flow, z)))


class _ReplacedLogDet(Flows):
    """A flow whose log|det| of one kind of layer is replaced by ``wrong(layer, z_{i-1})``."""

    kind: type
    wrong: Callable[[Any, np.ndarray], float]

    def log_abs_det_jacobians(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        logs = super().log_abs_det_jacobians(flow, z)
        point = np.asarray(z, dtype=float)
        for i, layer in enumerate(flow):
            if isinstance(layer, self.kind):
                logs[i] = type(self).wrong(layer, point)
            point = self.forward((layer,), point)
        return logs


class PlanarMissingOne(_ReplacedLogDet):
    """The planar log-determinant log|h'(wᵀz + b) uᵀw|, without the 1 +."""

    kind = Planar

    @staticmethod
    def wrong(layer: Planar, z: np.ndarray) -> float:
        return float(np.log(abs(layer.h_prime(layer.w @ z + layer.b) * (layer.u @ layer.w))))


class CouplingSumsScales(_ReplacedLogDet):
    """The coupling log-determinant Σ_j exp(s_j) (the scales) instead of Σ_j s_j (the log-scales)."""

    kind = Coupling

    @staticmethod
    def wrong(layer: Coupling, z: np.ndarray) -> float:
        return float(np.sum(np.exp(layer.s(z[: layer.d]))))


class SwappedComposition(Flows):
    """F = F_1 ∘ … ∘ F_L: the layers applied last to first."""

    def forward(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        return super().forward(tuple(reversed(flow)), z)


class InverseJacobianAtX(Flows):
    """J_{F⁻¹}(x) taken as J_F(x)⁻¹: the forward Jacobian at x instead of at F⁻¹(x)."""

    def inverse_jacobian(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        return np.linalg.inv(self.jacobian(flow, x))


class CouplingInverseSignFlip(Flows):
    """The coupling inverse with exp(+s): (y - t) ⊙ exp(s)."""

    def inverse(self, flow: Flow, x: np.ndarray) -> np.ndarray:
        z = np.asarray(x, dtype=float)
        for layer in reversed(flow):
            if isinstance(layer, Coupling):
                a = z[: layer.d]
                z = np.concatenate([a, (z[layer.d:] - layer.t(a)) * np.exp(layer.s(a))])
            else:
                z = super().inverse((layer,), z)
        return z


class TransposedJacobian(Flows):
    """The Jacobian transposed (∂F_j/∂z_i): the coupling block lands above the diagonal."""

    def jacobian(self, flow: Flow, z: np.ndarray) -> np.ndarray:
        return super().jacobian(flow, z).T


HERE = "tests.mutants.flows"
CID = "flows."


def _phi(z: np.ndarray) -> float:
    return float(np.exp(standard_normal_log_density(z)))


MUTANTS = [
    Mutant(CID + "change_of_variables", "|det J_F| instead of |det J_{F⁻¹}|",
           form=Formula(r"p_Z(F^{-1}(x))|\det J_F(F^{-1}(x))|",
                        lambda impl, flow, x: _phi(z := impl.inverse(flow, x))
                        * abs(np.linalg.det(impl.jacobian(flow, z))))),
    Mutant(CID + "change_of_variables", "log-density with + log|det|", impl=f"{HERE}:PlusLogDet"),
    Mutant(CID + "log_change_of_variables", "+ ln|det ∂f/∂z|",
           form=Formula(r"\ln p_Z(z)+\ln|\det\partial F|",
                        lambda impl, flow, x: standard_normal_log_density(z := impl.inverse(flow, x))
                        + np.linalg.slogdet(impl.jacobian(flow, z))[1])),
    Mutant(CID + "log_change_of_variables", "log-density with + log|det|", impl=f"{HERE}:PlusLogDet"),
    Mutant(CID + "inverse_composition", "F_L⁻¹ ∘ … ∘ F_1⁻¹: the order not reversed",
           form=Formula(r"F_L^{-1}\circ\dots\circ F_1^{-1}",
                        lambda impl, flow, x: reduce(lambda p, layer: impl.inverse((layer,), p), flow, x))),
    Mutant(CID + "inverse_composition", "layers applied last to first", impl=f"{HERE}:SwappedComposition"),
    Mutant(CID + "jacobian_determinant_product", "Σ_i det ∂F_i", form=Formula(r"\sum_i\det\partial F_i", sum)),
    Mutant(CID + "jacobian_determinant_product", "planar log-det without the 1 +", impl=f"{HERE}:PlanarMissingOne"),
    Mutant(CID + "inverse_jacobian_determinant", "|det J_T| without the reciprocal",
           form=Formula(r"|\det J_T|", abs)),
    Mutant(CID + "inverse_jacobian_determinant", "J_{F⁻¹}(x) = J_F(x)⁻¹", impl=f"{HERE}:InverseJacobianAtX"),
    Mutant(CID + "diffeomorphism_nonzero_det", "J_{F⁻¹}(x) = J_F(x)⁻¹", impl=f"{HERE}:InverseJacobianAtX"),
    Mutant(CID + "planar_flow_determinant", "|h' uᵀw| without the 1 +",
           form=Formula(r"|h'u^\top w|", lambda layer, z: np.exp(PlanarMissingOne.wrong(layer, z)))),
    Mutant(CID + "planar_flow_determinant", "planar log-det without the 1 +", impl=f"{HERE}:PlanarMissingOne"),
    Mutant(CID + "realnvp_logdet", "det J = Σ_j exp(s_j)",
           form=Formula(r"\sum_j\exp(s_j)", lambda layer, x: float(np.sum(np.exp(layer.s(x[: layer.d])))))),
    Mutant(CID + "realnvp_logdet", "log-det Σ_j exp(s_j) instead of Σ_j s_j", impl=f"{HERE}:CouplingSumsScales"),
    Mutant(CID + "realnvp_logdet", "the Jacobian transposed", impl=f"{HERE}:TransposedJacobian"),
    Mutant(CID + "coupling_layers", "inverse with exp(+s)",
           form=Formula(r"(y-t)\odot\exp(s)",
                        lambda layer, y: np.concatenate([y[: layer.d], (y[layer.d:] - layer.t(y[: layer.d]))
                                                         * np.exp(layer.s(y[: layer.d]))]))),
    Mutant(CID + "coupling_layers", "inverse with exp(+s)", impl=f"{HERE}:CouplingInverseSignFlip"),
    Mutant(CID + "spherical_jacobian", "r² sin θ (colatitude's Jacobian)", form=r**2 * sympy.sin(theta)),
    Mutant(CID + "spherical_density_transform", "multiplied by the Jacobian",
           form=Formula(r"p(r,\theta,\phi)\,|J|", lambda p, jacobian: p * jacobian)),
    Mutant(CID + "linear_flow_cost", "det in n² operations",
           form=Formula("n^2, 2n^3", lambda k: (k**2, 2 * k**3))),
    Mutant(CID + "triangular_jacobian_cost", "a triangular det costs as much as a dense one",
           form=Formula(r"\tfrac{d^3-d}{3}+d-1 \text{ twice}", lambda k: (DENSE_DET.subs(n, k),) * 2)),
]
