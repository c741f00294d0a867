"""Wrong normalisation layers and wrong formulas that the normalisation claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.normalization import Normalization, standardized
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.normalization.weightnorm import dot, norm


class WrongAxisBatchNorm(Normalization):
    """Batch norm that standardises each sample over its features (layer norm's axis)."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        return gamma * standardized(x, 1, eps) + beta


class UnbiasedBatchNorm(Normalization):
    """Batch norm with the unbiased batch variance (divides by b - 1): V[x̃] = (b - 1)/b."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        b = np.shape(x)[0]
        return gamma * standardized(x, 0, eps * b / (b - 1)) * np.sqrt((b - 1) / b) + beta


class EpsOutsideLayerNorm(Normalization):
    """Layer norm that adds ε to the standard deviation instead of the variance."""

    def layer_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        centred = x - x.mean(axis=1, keepdims=True)
        return gamma * centred / (np.sqrt(np.mean(centred**2, axis=1, keepdims=True)) + eps) + beta


class SwappedAffineLayerNorm(Normalization):
    """Layer norm that applies γ and β the wrong way round: β x̃ + γ."""

    def layer_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        return beta * standardized(x, 1, eps) + gamma


class VarianceDividingBatchNorm(Normalization):
    """Batch norm that divides by the variance instead of the standard deviation: not scale-invariant."""

    def batch_norm(self, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
        centred = x - x.mean(axis=0, keepdims=True)
        return gamma * centred / (np.mean(centred**2, axis=0, keepdims=True) + eps) + beta


class UnscaledWeightNorm(Normalization):
    """Weight normalisation without the gain: w_i = v_i/‖v_i‖ (still scale-invariant)."""

    def weight_norm(self, v: np.ndarray, g: np.ndarray) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


HERE = "tests.mutants.normalization"
CID = "normalization."

MUTANTS = [
    Mutant(CID + "standardization", "batch norm over the features", impl=f"{HERE}:WrongAxisBatchNorm"),
    Mutant(CID + "standardization", "batch norm with the unbiased variance", impl=f"{HERE}:UnbiasedBatchNorm"),
    Mutant(CID + "standardization", "layer norm with γ and β swapped", impl=f"{HERE}:SwappedAffineLayerNorm"),
    Mutant(CID + "batchnorm_def", "batch norm over the features", impl=f"{HERE}:WrongAxisBatchNorm"),
    Mutant(CID + "batchnorm_def", "batch norm with the unbiased variance", impl=f"{HERE}:UnbiasedBatchNorm"),
    Mutant(CID + "batchnorm_def", "σ_B with 1/(b - 1)",
           form=Formula(r"\frac{z-\mu_B}{s_B}", lambda x, eps: standardized(x, 0, eps * len(x) / (len(x) - 1))
                        * np.sqrt((len(x) - 1) / len(x)))),
    Mutant(CID + "layernorm_def", "ε added to the standard deviation", impl=f"{HERE}:EpsOutsideLayerNorm"),
    Mutant(CID + "layernorm_def", "layer norm over the batch", form=Formula("over the batch",
                                                                           lambda x, eps: standardized(x, 0, eps))),
    Mutant(CID + "scale_invariance", "dividing by the variance", impl=f"{HERE}:VarianceDividingBatchNorm"),
    Mutant(CID + "scale_invariance", "weight norm without the gain g", impl=f"{HERE}:UnscaledWeightNorm"),
    Mutant(CID + "scale_invariance", "N_ε(cz) = N_ε(z) for ε > 0",
           form=Formula(r"N_\varepsilon(cz) = N_\varepsilon(z)",
                        lambda normalise, batch, c: normalise(batch.x, batch.gamma, batch.beta, batch.eps))),
    Mutant(CID + "weightnorm_gamma_gradient", "∇_w E·v without dividing by ‖v‖",
           form=Formula(r"\nabla_w E\cdot v", lambda v, gamma, g: dot(g, v))),
    Mutant(CID + "weightnorm_v_gradient", "no projection: (γ/‖v‖)∇_w E",
           form=Formula(r"\frac{\gamma}{\|v\|}\nabla_w E", lambda v, gamma, g: gamma / norm(v) * g)),
    Mutant(CID + "weightnorm_v_gradient", "γ‖v‖ for γ/‖v‖",
           form=Formula(r"\gamma\|v\|(I - ww^\top/\|w\|^2)\nabla_w E",
                        lambda v, gamma, g: gamma * norm(v) * (sympy.eye(len(v)) - v * v.T / dot(v, v)) * g)),
]
