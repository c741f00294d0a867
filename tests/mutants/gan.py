"""Wrong discriminator games and wrong formulas that the GAN claims must reject."""

from __future__ import annotations

import math

import numpy as np
import sympy

from impls.gan import GanGame
from tests.mutants import Mutant, infotheory
from theorems.engine import Formula, at_most
from theorems.topics.gan.discriminator import LOGISTIC_WITHOUT_Y, D, a, b, discriminator_formula
from theorems.topics.gan.distances import Interval, lipschitz_dual
from theorems.topics.gan.training import extragradient_as_printed, simultaneous
from theorems.topics.gan.value import LINEAR_VALUE, Direction, OptimumValue


class JsWithoutHalves(infotheory.JsWithoutHalves, GanGame):
    """JS = KL(p‖m) + KL(q‖m) in the game: the ½ weights dropped."""


class Bits(infotheory.Bits, GanGame):
    """The game's divergences in bits (log₂) instead of nats: a log-base mix-up."""


class FakeOverTotal(GanGame):
    """The discriminator p_θ/(p + p_θ): the probability of 'fake' instead of 'real'."""

    def optimal_discriminator(self, p, q):
        return super().optimal_discriminator(q, p)


class SwappedLabels(GanGame):
    """p̃ with the real and fake columns exchanged."""

    def balanced_mixture(self, p, q):
        return super().balanced_mixture(p, q)[:, ::-1]


class LinearValue(GanGame):
    """V(D, G) without logarithms (000's printed objective)."""

    def gan_value(self, p, q, d, dx=None):
        w = np.ones(len(p)) if dx is None else dx
        return float(np.sum(w * (np.asarray(p) * d + np.asarray(q) * (1 - np.asarray(d)))))


class TotalVariationW(GanGame):
    """W₁ replaced by the total variation ½Σ|p − q| (ignores where the mass sits)."""

    def wasserstein(self, x, p, q):
        return 0.5 * float(np.sum(np.abs(np.asarray(p) - np.asarray(q))))


class UnsortedW(GanGame):
    """W₁ from CDFs accumulated in the given order of the points, not along the line."""

    def wasserstein(self, x, p, q):
        gap = np.cumsum(np.asarray(p, float) - np.asarray(q, float))
        return float(np.sum(np.abs(gap[:-1]) * np.abs(np.diff(np.asarray(x, float)))))


def _impl(name: str) -> str:
    return f"tests.mutants.gan:{name}"


MUTANTS: list[Mutant] = [
    Mutant("gan.balanced_mixture_def", "real and fake labels swapped", impl=_impl("SwappedLabels")),
    Mutant("gan.optimal_discriminator", "discriminator p_θ/(p + p_θ)", impl=_impl("FakeOverTotal")),
    Mutant("gan.optimal_discriminator", "stated D* = p_θ/(p + p_θ)",
           form=discriminator_formula(r"\frac{p_\theta}{p+p_\theta}", b / (a + b))),
    Mutant("gan.js_identity", "JS without the ½ weights", impl=_impl("JsWithoutHalves")),
    Mutant("gan.js_identity", "integrand without the y (001 as printed)", form=LOGISTIC_WITHOUT_Y),
    Mutant("gan.minimax_objective", "objective without logarithms", form=LINEAR_VALUE),
    Mutant("gan.value_at_optimum", "V(D*, G) = JS − log 4 (factor 2 lost)",
           form=OptimumValue("JS - log 4", lambda js: js - math.log(4), -math.log(4))),
    Mutant("gan.value_at_optimum", "V without logarithms", impl=_impl("LinearValue")),
    Mutant("gan.bayes_classifier_upper_bound", "discriminator p_θ/(p + p_θ)", impl=_impl("FakeOverTotal")),
    Mutant("gan.bayes_classifier_upper_bound", "inequality reversed",
           form=Direction("ℓ* ≤ ℓ", lambda star, other: at_most(star, other, label="ℓ* ≤ ℓ(θ, φ)"))),
    Mutant("gan.parameter_roles", "roles swapped (000 as printed)", form={"generator": "φ", "discriminator": "θ"}),
    Mutant("gan.alternating_gda", "simultaneous instead of alternating",
           form=Formula("simultaneous GDA", simultaneous)),
    Mutant("gan.extragradient", "gradients at mixed points (000 as printed)",
           form=Formula("000's extra-gradient", extragradient_as_printed)),
    Mutant("gan.js_bounds", "JS in bits (log-base mix-up)", impl=_impl("Bits")),
    Mutant("gan.js_bounds", "JS without the ½ weights", impl=_impl("JsWithoutHalves")),
    Mutant("gan.js_bounds", "upper bound ½ ln 2", form=Interval("JS ≤ ½ ln 2", lambda n: math.log(2) / 2)),
    Mutant("gan.js_saturation", "JS in bits (log-base mix-up)", impl=_impl("Bits")),
    Mutant("gan.wasserstein_primal", "total variation for W₁", impl=_impl("TotalVariationW")),
    Mutant("gan.wasserstein_primal", "CDFs accumulated in the wrong order", impl=_impl("UnsortedW")),
    Mutant("gan.kantorovich_rubinstein", "2-Lipschitz critics",
           form=Formula("sup over 2-Lipschitz f", lambda x, p, q: lipschitz_dual(x, p, q, 2.0))),
    Mutant("gan.gradient_penalty", "square outside the expectation (003 as printed)",
           form=Formula("λ(E[‖∇f‖ − 1])²", lambda norms, lam: lam * float(np.mean(norms - 1.0)) ** 2)),
    Mutant("gan.non_saturating_loss", "maximise −log(1 − D) (the saturating loss)",
           form=Formula("-log(1 - D)", lambda: -sympy.log(1 - D))),
    Mutant("gan.non_saturating_loss", "maximise log(1 − D) (wrong direction)",
           form=Formula("log(1 - D)", lambda: sympy.log(1 - D))),
]
