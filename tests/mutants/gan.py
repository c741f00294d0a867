"""Wrong divergences and wrong formulas that the GAN / information-theory claims must reject."""

from __future__ import annotations

import math

import numpy as np
import sympy

from impls.gan import Divergences
from tests.mutants import Mutant
from theorems.engine import Formula, at_most
from theorems.gan import (
    LINEAR_VALUE,
    LOGISTIC_WITHOUT_Y,
    D,
    Direction,
    Estimator,
    Interval,
    LowerBound,
    OptimumValue,
    Utility,
    a,
    b,
    discriminator_formula,
    extragradient_as_printed,
    lipschitz_dual,
    mutual_information,
    simultaneous,
)


class JsWithoutHalves(Divergences):
    """JS = KL(p‖m) + KL(q‖m): the ½ weights dropped."""

    def js(self, p, q, dx=None):
        return 2 * super().js(p, q, dx)


class Bits(Divergences):
    """Every divergence in bits (log₂) instead of nats: a log-base mix-up."""

    def entropy(self, p, dx=None):
        return super().entropy(p, dx) / math.log(2)

    def kl(self, p, q, dx=None):
        return super().kl(p, q, dx) / math.log(2)

    def js(self, p, q, dx=None):
        return super().js(p, q, dx) / math.log(2)


class FakeOverTotal(Divergences):
    """The discriminator p_θ/(p + p_θ): the probability of 'fake' instead of 'real'."""

    def optimal_discriminator(self, p, q):
        return super().optimal_discriminator(q, p)


class SwappedLabels(Divergences):
    """p̃ with the real and fake columns exchanged."""

    def balanced_mixture(self, p, q):
        return super().balanced_mixture(p, q)[:, ::-1]


class ReversedKL(Divergences):
    """KL(q‖p) returned for KL(p‖q)."""

    def kl(self, p, q, dx=None):
        return super().kl(q, p, dx)


class SymmetrisedKL(Divergences):
    """KL replaced by the symmetric ½(KL(p‖q) + KL(q‖p))."""

    def kl(self, p, q, dx=None):
        return 0.5 * (super().kl(p, q, dx) + super().kl(q, p, dx))


class SmoothedKL(Divergences):
    """KL(p‖q + ε): finite even without absolute continuity, and then wrong."""

    def kl(self, p, q, dx=None):
        q = np.asarray(q, dtype=float) + 1e-12
        return super().kl(p, q / q.sum() if dx is None else q, dx)


class HalfJS(Divergences):
    """JS computed as KL(p‖m): asymmetric."""

    def js(self, p, q, dx=None):
        return self.kl(p, 0.5 * (np.asarray(p, float) + np.asarray(q, float)), dx)


class LinearValue(Divergences):
    """V(D, G) without logarithms (000's printed objective)."""

    def gan_value(self, p, q, d, dx=None):
        w = np.ones(len(p)) if dx is None else dx
        return float(np.sum(w * (np.asarray(p) * d + np.asarray(q) * (1 - np.asarray(d)))))


class TotalVariationW(Divergences):
    """W₁ replaced by the total variation ½Σ|p − q| (ignores where the mass sits)."""

    def wasserstein(self, x, p, q):
        return 0.5 * float(np.sum(np.abs(np.asarray(p) - np.asarray(q))))


class UnsortedW(Divergences):
    """W₁ from CDFs accumulated in the given order of the points, not along the line."""

    def wasserstein(self, x, p, q):
        gap = np.cumsum(np.asarray(p, float) - np.asarray(q, float))
        return float(np.sum(np.abs(gap[:-1]) * np.abs(np.diff(np.asarray(x, float)))))


class ReversedCrossEntropy(Divergences):
    """H(p, q) computed as −Σ q ln p: the arguments exchanged."""

    def cross_entropy(self, p, q, dx=None):
        return super().cross_entropy(q, p, dx)


class SignlessCrossEntropy(Divergences):
    """H(p, q) returned as Σ p ln q."""

    def cross_entropy(self, p, q, dx=None):
        return -super().cross_entropy(p, q, dx)


class SortedKL(Divergences):
    """KL between the sorted masses: blind to which point carries which mass."""

    def kl(self, p, q, dx=None):
        return super().kl(np.sort(p), np.sort(q), dx)


class CrossEntropyInBits(Divergences):
    """H(p, q) in bits while H(p) and KL stay in nats."""

    def cross_entropy(self, p, q, dx=None):
        return super().cross_entropy(p, q, dx) / math.log(2)


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
    Mutant("infotheory.entropy_def", "entropy in bits", impl=_impl("Bits")),
    Mutant("infotheory.kl_definition", "KL(q‖p) for KL(p‖q)", impl=_impl("ReversedKL")),
    Mutant("infotheory.kl_definition", "KL in bits", impl=_impl("Bits")),
    Mutant("infotheory.js_divergence_def", "JS without the ½ weights", impl=_impl("JsWithoutHalves")),
    Mutant("infotheory.cross_entropy_decomposition", "cross-entropy in bits", impl=_impl("CrossEntropyInBits")),
    Mutant("infotheory.kl_cross_entropy_identity", "KL(q‖p) for KL(p‖q)", impl=_impl("ReversedKL")),
    Mutant("infotheory.entropy_nonneg", "stated bound H ≥ ln n",
           form=LowerBound("H ≥ ln n", lambda impl, pair: impl.entropy(pair.p),
                           lambda impl, pair: math.log(pair.size))),
    Mutant("infotheory.cross_entropy_nonneg", "stated bound H(p, q) ≥ ln n",
           form=LowerBound("H(p, q) ≥ ln n", lambda impl, pair: impl.cross_entropy(pair.p, pair.q),
                           lambda impl, pair: math.log(pair.size))),
    Mutant("infotheory.cross_entropy_nonneg", "H(p, q) = Σ p ln q (sign lost)", impl=_impl("SignlessCrossEntropy")),
    Mutant("infotheory.kl_nonneg", "KL with the sign of ln(q/p)",
           form=LowerBound("-KL ≥ 0", lambda impl, pair: -impl.kl(pair.p, pair.q), lambda impl, pair: 0.0)),
    Mutant("infotheory.cross_entropy_minimizer", "H(p, q) with p and q exchanged", impl=_impl("ReversedCrossEntropy")),
    Mutant("infotheory.kl_zero_iff_equal", "KL of the sorted masses: 0 for permuted p ≠ q", impl=_impl("SortedKL")),
    Mutant("infotheory.jsd_symmetric", "JS computed as KL(p‖m)", impl=_impl("HalfJS")),
    Mutant("infotheory.kl_asymmetric", "a symmetrised KL", impl=_impl("SymmetrisedKL")),
    Mutant("infotheory.kl_absolute_continuity", "KL(p‖q + ε), finite everywhere", impl=_impl("SmoothedKL")),
    Mutant("infotheory.reverse_kl_mode_seeking", "KL(p‖q + ε), finite everywhere", impl=_impl("SmoothedKL")),
    Mutant("infotheory.mle_forward_kl", "reverse KL(q‖p̂)",
           form=Formula("KL(q‖p̂)", lambda impl, emp, q: impl.kl(q, emp))),
    Mutant("infotheory.perplexity_cross_entropy", "2^H with H in nats",
           form=Formula("2^{H_nats}", lambda log_q: 2.0 ** (-float(np.mean(log_q))))),
    Mutant("infotheory.cross_entropy_empirical", "sample estimate in bits",
           form=Estimator("−mean log₂ q", lambda log_q: -float(np.mean(log_q)) / math.log(2))),
    Mutant("infotheory.cross_entropy_empirical", "cross-entropy in bits", impl=_impl("CrossEntropyInBits")),
    Mutant("infotheory.predictive_utility_cmi", "unconditional I(Y; X_j)",
           form=Utility("I(Y; X_j)", mutual_information)),
    Mutant("infotheory.predictive_utility_cmi", "KL(q‖p) for KL(p‖q)", impl=_impl("ReversedKL")),
]
