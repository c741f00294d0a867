"""Wrong attacks and wrong formulas that the adversarial claims must reject."""

from __future__ import annotations

import numpy as np

from impls.adversarial import Adversarial, dual_order
from tests.mutants import Mutant
from theorems.engine import Formula


class GradientFGSM(Adversarial):
    """FGSM with the gradient itself instead of its sign."""

    def fgsm(self, gradient: np.ndarray, eps: float) -> np.ndarray:
        return eps * np.asarray(gradient, dtype=float)


class UnnormalisedDirection(Adversarial):
    """The ℓ2 steepest-ascent direction taken as z, not z/‖z‖₂."""

    def steepest_ascent(self, z: np.ndarray, p: float) -> np.ndarray:
        return np.asarray(z, dtype=float) if p == 2 else super().steepest_ascent(z, p)


class UnnormalisedL2Step(Adversarial):
    """The ℓ2 PGD step δ + α∇ℓ without normalising the gradient."""

    def pgd_step(self, delta: np.ndarray, gradient: np.ndarray, eps: float, alpha: float, p: float) -> np.ndarray:
        if p == 2:
            return self.project(np.asarray(delta) + alpha * np.asarray(gradient), eps, p)
        return super().pgd_step(delta, gradient, eps, alpha, p)


class ClipToPositive(Adversarial):
    """The ℓ∞ projection clipping to [0, ε] instead of [-ε, ε]."""

    def project(self, delta: np.ndarray, eps: float, p: float) -> np.ndarray:
        return np.clip(delta, 0.0, eps) if p == np.inf else super().project(delta, eps, p)


class SphereProjection(Adversarial):
    """The ℓ2 'projection' ε z/‖z‖₂, which pushes points inside the ball out to the sphere."""

    def project(self, delta: np.ndarray, eps: float, p: float) -> np.ndarray:
        delta = np.asarray(delta, dtype=float)
        return eps * delta / np.linalg.norm(delta) if p == 2 else super().project(delta, eps, p)


class NormNotSquared(Adversarial):
    """The minimal perturbation |h| a/‖a‖₂ (divided by ‖a‖ instead of ‖a‖²)."""

    def minimal_perturbation(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray) -> np.ndarray:
        scores = weights @ x + biases
        label = int(np.argmax(scores))
        others = [j for j in range(len(scores)) if j != label]
        normals = weights[others] - weights[label]
        norms = np.linalg.norm(normals, axis=1)
        gaps = scores[label] - scores[others]
        j = int(np.argmin(gaps / norms))
        return gaps[j] * normals[j] / norms[j]


class RunnerUpClass(Adversarial):
    """The minimal perturbation towards the class with the second-highest score, not the nearest boundary."""

    def minimal_perturbation(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray) -> np.ndarray:
        scores = weights @ x + biases
        first, second = np.argsort(scores)[-1], np.argsort(scores)[-2]
        a = weights[second] - weights[first]
        return (scores[first] - scores[second]) * a / (a @ a)


class NoOvershoot(Adversarial):
    """DeepFool without the overshoot: it stops on the boundary."""

    def deepfool(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float,
                 overshoot: float) -> np.ndarray:
        return self._closest_step(np.asarray(weights, float), np.asarray(biases, float), np.asarray(x, float), p)


class DeepFoolByNorm(Adversarial):
    """DeepFool's step |h_j| v*(∇h_j): divided by ‖∇h_j‖_q^{q-1} only (p = 2: by ‖w‖ instead of ‖w‖²)."""

    def deepfool(self, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, p: float,
                 overshoot: float) -> np.ndarray:
        r = super().deepfool(weights, biases, x, p, overshoot)
        label = int(np.argmax(weights @ x + biases))
        normal = weights - weights[label]
        scale = min(np.linalg.norm(a, dual_order(p)) for i, a in enumerate(normal) if i != label)
        return r * scale


HERE = "tests.mutants.adversarial"

MUTANTS = [
    Mutant("adversarial.fgsm", "FGSM with the gradient instead of its sign", impl=f"{HERE}:GradientFGSM"),
    Mutant("adversarial.lp_steepest_ascent_direction", "ℓ2 direction z without normalisation",
           impl=f"{HERE}:UnnormalisedDirection"),
    Mutant("adversarial.pgd_step", "ℓ2 PGD step without normalising the gradient", impl=f"{HERE}:UnnormalisedL2Step"),
    Mutant("adversarial.pgd_linf_projection", "ℓ∞ projection clipping to [0, ε]", impl=f"{HERE}:ClipToPositive"),
    Mutant("adversarial.pgd_l2_step", "ℓ2 projection onto the sphere", impl=f"{HERE}:SphereProjection"),
    Mutant("adversarial.linear_l2_optimal", "minimal perturbation divided by ‖w‖ instead of ‖w‖²",
           impl=f"{HERE}:NormNotSquared"),
    Mutant("adversarial.multiclass_linear", "towards the runner-up class, not the nearest boundary",
           impl=f"{HERE}:RunnerUpClass"),
    Mutant("adversarial.deepfool_binary_step", "DeepFool without the overshoot", impl=f"{HERE}:NoOvershoot"),
    Mutant("adversarial.deepfool_multiclass_step", "DeepFool step divided by ‖w‖ instead of ‖w‖²",
           impl=f"{HERE}:DeepFoolByNorm"),
    Mutant("adversarial.linear_linf_optimal", "the ℓ2 direction -εyw/‖w‖₂ for the ℓ∞ budget",
           form=Formula(r"-\varepsilon y w/\|w\|_2", lambda w, y, eps: -eps * y * w / np.linalg.norm(w))),
    Mutant("adversarial.linear_flip_condition", "threshold +y(wᵀx + b)",
           form=Formula(r"y(w^\top x + b)", lambda w, x, bias, label: label * (w.dot(x) + bias))),
    Mutant("adversarial.multiclass_boundary_distance", "m_j/‖w_y - w_j‖² (squared norm)",
           form=Formula(r"m_j/\|w_y - w_j\|^2", lambda model, j: (model.scores[model.label] - model.scores[j])
                        / np.linalg.norm(model.weights[model.label] - model.weights[j]) ** 2)),
    Mutant("adversarial.deepfool_linearized_constraint", "gᵀr - (f₁ - f₂) < 0",
           form=Formula(r"g^\top r - (f_1 - f_2) < 0", lambda g, gap, r: g @ r - gap < 0)),
    Mutant("adversarial.linearization", "Jacobian VW without the activation's derivative",
           form=Formula(r"VW", lambda v, w, c, x: v @ w)),
    Mutant("adversarial.operator_norm_bound", "Frobenius norm for σ(J)",
           form=Formula(r"\|J\|_F", lambda j: np.linalg.norm(j))),
    Mutant("adversarial.spectral_norm_product_bound", "the first layer left out of the product",
           form=Formula(r"\prod_{i \ge 2} \sigma(W^i)", lambda ws: np.prod([np.linalg.norm(w, 2) for w in ws[1:]]))),
]
