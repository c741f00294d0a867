"""Wrong implementations and wrong formulas that the miscellaneous claims must reject."""

from __future__ import annotations

import numpy as np
import sympy

from impls.misc import Misc, kernel_spectrum
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.misc.fourier import TWO_PI_I
from theorems.topics.misc.identities import criteria, independent
from theorems.topics.misc.units import switched_output

HERE = "tests.mutants.misc"
CID = "misc."


class WeightsOnlyCount(Misc):
    """The parameter count m·n: the bias forgotten."""

    def dense_num_parameters(self, n_in: int, n_out: int) -> int:
        return n_in * n_out


class ResidualWithoutOffset(Misc):
    """The residual layer x + σ(Wx + b), without - σ(0): F[0, 0](x) = x + 1/2."""

    def residual(self, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=float) + self.dense(x, weight, bias)


class UnshiftedSoftmax(Misc):
    """The softmax without subtracting the largest score: exp overflows for scores above 709.8."""

    def word2vec_probabilities(self, center: np.ndarray, outputs: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            e = np.exp(np.asarray(outputs, dtype=float) @ np.asarray(center, dtype=float))
            return e / e.sum()


class GaussianWithoutTwoPi(Misc):
    """The Gaussian normalised by 1/σ² instead of 1/(2πσ²)."""

    def gaussian_kernel(self, sigma: float, radius: int) -> np.ndarray:
        return super().gaussian_kernel(sigma, radius) * 2 * np.pi


class PrewittAsSobel(Misc):
    """The Prewitt kernel [1, 1, 1]ᵀ[-1, 0, 1] for Sobel: it estimates 6 ∂/∂x."""

    def sobel_x(self) -> np.ndarray:
        return np.outer([1.0, 1.0, 1.0], [-1.0, 0.0, 1.0])


class VerticalMotionBlur(Misc):
    """The box laid along y instead of x."""

    def motion_blur_kernel(self, half_length: int) -> np.ndarray:
        return super().motion_blur_kernel(half_length).T


class OrthonormalDFT(Misc):
    """The DFT scaled by 1/√(MN) (numpy's norm="ortho"): DFT(1) = √(MN) δ."""

    def dft2(self, x: np.ndarray) -> np.ndarray:
        return np.fft.fft2(np.asarray(x, dtype=complex), norm="ortho")


class PositiveExponentDFT(Misc):
    """The DFT with e^{+2πi(km/M + ln/N)}: the transform of a shifted impulse has the conjugate phase."""

    def dft2(self, x: np.ndarray) -> np.ndarray:
        return np.conj(np.fft.fft2(np.conj(np.asarray(x, dtype=complex))))


class ConjugateInverseFilter(Misc):
    """The inverse filter 1/conj(F[h]): the inverse of the flipped kernel."""

    def inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        return np.fft.ifft2(1 / np.conj(kernel_spectrum(np.asarray(kernel, dtype=float), shape))).real


class PrintedRegularizedFilter(Misc):
    """The regularised inverse filter as document 000:1325 prints it, F[h]/(|F[h]|² + ε)."""

    def regularized_inverse_filter(self, kernel: np.ndarray, shape: tuple[int, int], eps: float) -> np.ndarray:
        spectrum = kernel_spectrum(np.asarray(kernel, dtype=float), shape)
        return np.fft.ifft2(spectrum / (np.abs(spectrum) ** 2 + eps)).real


class StrictThreshold(Misc):
    """The McCulloch–Pitts unit firing only for Σ σ_i x_i > θ."""

    def mcculloch_pitts(self, x: np.ndarray, sigma: np.ndarray, theta: int) -> np.ndarray:
        return (np.asarray(x) @ np.asarray(sigma) > theta).astype(np.int64)


class AndForNand(Misc):
    """The unit computes AND (Π x_i) instead of NAND."""

    def nand(self, x: np.ndarray) -> np.ndarray:
        return np.prod(np.asarray(x, dtype=np.int64), axis=1)


class PassThroughSwitch(Misc):
    """The switch passes its signal unchanged (c · y) instead of NAND(c, y): A(1, NAND(x₁, x₁)) = x̄₁."""

    def switch(self, control: np.ndarray, signal: np.ndarray) -> np.ndarray:
        return np.asarray(control, dtype=np.int64) * np.asarray(signal, dtype=np.int64)


def opportunity_on_negatives(p: np.ndarray) -> dict[str, bool]:
    """Equality of opportunity taken on the slice Y = 0 (equal false-positive rates)."""
    return {**criteria(p), "equality of opportunity": independent(p[:, 0, :])}


MUTANTS = [
    Mutant(CID + "dense_layer_param_count", "the bias forgotten in the count", impl=f"{HERE}:WeightsOnlyCount"),
    Mutant(CID + "dense_layer_param_count", "m·n parameters", form=Formula("mn", lambda n, m: m * n)),
    Mutant(CID + "residual_identity_at_zero", "no - φ(0) in the residual layer", impl=f"{HERE}:ResidualWithoutOffset"),
    Mutant(CID + "residual_paths_exponential", "L + 1 paths", form=Formula("L+1", lambda blocks: blocks + 1)),
    Mutant(CID + "word2vec_softmax", "softmax without the max shift", impl=f"{HERE}:UnshiftedSoftmax"),
    Mutant(CID + "word2vec_softmax", "scores not exponentiated",
           form=Formula(r"s_\nu/\sum_u s_u", lambda scores: scores / scores.sum())),
    Mutant(CID + "gaussian_kernel_2d", "normalised by 1/σ²", impl=f"{HERE}:GaussianWithoutTwoPi"),
    Mutant(CID + "sobel_kernel", "Prewitt for Sobel", impl=f"{HERE}:PrewittAsSobel"),
    Mutant(CID + "sobel_kernel", "the transposed kernel (Sobel_y)",
           form=Formula(r"[-1,0,1]^\top[1,2,1]", lambda: np.outer([-1.0, 0.0, 1.0], [1.0, 2.0, 1.0]))),
    Mutant(CID + "motion_blur_kernel", "vertical blur", impl=f"{HERE}:VerticalMotionBlur"),
    Mutant(CID + "delta_fourier_integral", "orthonormal DFT", impl=f"{HERE}:OrthonormalDFT"),
    Mutant(CID + "fourier_shifted_delta", "DFT with e^{+2πi}", impl=f"{HERE}:PositiveExponentDFT"),
    Mutant(CID + "fourier_shifted_delta", "phase e^{+i2πux₀}",
           form=Formula(r"e^{i2\pi u x_0}", lambda frequency, shift: sympy.exp(TWO_PI_I * frequency * shift))),
    Mutant(CID + "fourier_linearity", "β dropped",
           form=Formula(r"\alpha F_1 + F_2", lambda al, be, f1, f2: al * f1 + f2)),
    Mutant(CID + "fourier_duality", "F[F] = f(u), no reflection", form=Formula("f(u)", lambda f, point: f(point))),
    Mutant(CID + "inverse_filter", "1/conj(F[h])", impl=f"{HERE}:ConjugateInverseFilter"),
    Mutant(CID + "regularized_inverse_filter", "the printed F[h]/(|F[h]|² + ε)",
           impl=f"{HERE}:PrintedRegularizedFilter"),
    Mutant(CID + "mcculloch_pitts_dnf", "> θ for ≥ θ", impl=f"{HERE}:StrictThreshold"),
    Mutant(CID + "turing_type_a_nand", "AND for NAND", impl=f"{HERE}:AndForNand"),
    Mutant(CID + "turing_type_a_nand", "x₁x₂ for 1 - x₁x₂", form=Formula("x_1x_2", lambda x1, x2: x1 * x2)),
    Mutant(CID + "turing_type_b_switch", "a switch that passes y unchanged", impl=f"{HERE}:PassThroughSwitch"),
    Mutant(CID + "turing_type_b_output", "'A ← 1' read as the control c = 1 (cases swapped)",
           form=Formula("swapped", lambda control, x: switched_output(1 - control, x))),
    Mutant(CID + "square_of_sum", "the factor 2 dropped",
           form=Formula(r"\sum a_i^2 + \sum_{i<j} a_i a_j", lambda terms: sum(a**2 for a in terms) + sum(
               a * b for i, a in enumerate(terms) for b in terms[i + 1:]))),
    Mutant(CID + "pascal_rule", "C(n-1, k) + C(n-1, k+1)",
           form=Formula(r"\binom{n-1}{k}+\binom{n-1}{k+1}",
                        lambda choose, n, k: choose(n - 1, k) + choose(n - 1, k + 1))),
    Mutant(CID + "fairness_criteria", "equality of opportunity on Y = 0",
           form=Formula("Y=0", opportunity_on_negatives)),
    Mutant(CID + "sobel_kernel", "Sobel_x scaled by 1/8",
           form=Formula(r"\frac18 S_x", lambda: np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0]) / 8)),
]
