"""Wrong divergences and wrong formulas that the information-theory claims must reject."""

from __future__ import annotations

import math

import numpy as np

from impls.infotheory import Divergences
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.infotheory.inequalities import LowerBound
from theorems.topics.infotheory.learning import Estimator, Utility, mutual_information


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
    return f"tests.mutants.infotheory:{name}"


MUTANTS: list[Mutant] = [
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
