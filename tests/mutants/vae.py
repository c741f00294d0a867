"""Wrong VAE building blocks and wrong formulas that the vae claims must reject."""

from __future__ import annotations

import numpy as np

from impls.vae import VAE
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.ddpm.formulas import log
from theorems.topics.vae.autoencoder import Landscape
from theorems.topics.vae.elbo import reconstruction_estimate, two_pi
from theorems.topics.vae.gaussians import Reparameterization


class VarianceReparameterization(VAE):
    """Draws z = μ + Σε: the covariance where its square root belongs (σ² for σ)."""

    def rsample(self, mu: np.ndarray, scale: np.ndarray, n: int, seed: int) -> np.ndarray:
        return super().rsample(mu, scale @ scale.T, n, seed)


class NoiselessScaleGradient(VAE):
    """The gradient in L taken as the gradient in μ copied to every column: the factor εᵀ of the chain rule lost."""

    def rsample_gradient(self, mu: np.ndarray, scale: np.ndarray, A: np.ndarray, b: np.ndarray, n: int,
                         seed: int) -> tuple[np.ndarray, np.ndarray]:
        grad_mu, _ = super().rsample_gradient(mu, scale, A, b, n, seed)
        return grad_mu, np.tile(grad_mu[:, None], len(mu))


class KLWithoutHalf(VAE):
    """KL(N(μ, diag σ²) ‖ N(0, I)) without the factor ½."""

    def diagonal_kl(self, mu: np.ndarray, log_var: np.ndarray) -> float:
        return 2 * super().diagonal_kl(mu, log_var)


class KLWithLogSigma(VAE):
    """KL(N(μ, diag σ²) ‖ N(0, I)) with log σ where log σ² belongs."""

    def diagonal_kl(self, mu: np.ndarray, log_var: np.ndarray) -> float:
        return 0.5 * float(np.sum(np.exp(log_var) + mu**2 - 1.0 - log_var / 2))


class PlugInReconstruction(VAE):
    """E_q log p(x|z) replaced by log p(x|z = μ): the spread term -tr(WΣWᵀ)/(2s) dropped."""

    def expected_log_likelihood(self, x: np.ndarray, W: np.ndarray, c: np.ndarray, noise_var: float,
                                mu: np.ndarray, scale: np.ndarray) -> float:
        return super().expected_log_likelihood(x, W, c, noise_var, mu, 0 * scale)


MUTANTS = [
    Mutant("vae.gaussian_reparameterization", "rsample draws z = μ + Σε (σ² for σ)",
           impl="tests.mutants.vae:VarianceReparameterization"),
    Mutant("vae.gaussian_reparameterization", "the pathwise gradient in L loses the factor ε",
           impl="tests.mutants.vae:NoiselessScaleGradient"),
    Mutant("vae.gaussian_reparameterization", "stated map z = μ + Σε",
           form=Reparameterization(Formula(r"z=\mu+\Sigma\varepsilon",
                                           lambda mu, scale, eps: mu + eps @ (scale @ scale.T).T))),
    Mutant("vae.gaussian_kl_closed_form", "KL without the ½", impl="tests.mutants.vae:KLWithoutHalf"),
    Mutant("vae.gaussian_kl_closed_form", "KL with log σ for log σ²", impl="tests.mutants.vae:KLWithLogSigma"),
    Mutant("vae.gaussian_kl_closed_form", "stated KL without the ½",
           form=Formula(r"\sum_j(\sigma_j^2+\mu_j^2-1-\log\sigma_j^2)",
                        lambda mu, var: sum(v + m**2 - 1 - log(v) for m, v in zip(mu, var, strict=True)))),
    Mutant("vae.bonnet_gradient", "∇_μ E f = -E ∇f (sign lost)",
           form=Formula(r"-E[\nabla f]", lambda grad, hess: -grad)),
    Mutant("vae.price_gradient", "∇_Σ E f = E ∇²f (the ½ lost)",
           form=Formula(r"E[\nabla^2 f]", lambda grad, hess: hess)),
    Mutant("vae.elbo_bound", "ELBO with the KL added", form=Formula(r"E_q\log p(x|z)+\mathrm{KL}",
                                                                    lambda recon, kl: recon + kl)),
    Mutant("vae.elbo_bound", "reconstruction term evaluated at z = μ", impl="tests.mutants.vae:PlugInReconstruction"),
    Mutant("vae.elbo_gap", "the gap as KL(posterior ‖ q) (reversed)",
           form=Formula(r"\mathrm{KL}(p(z|x)\,\|\,q)", lambda kl, q, post: kl(post, q))),
    Mutant("vae.mc_reconstruction_estimate", "sum over the K draws not divided by K",
           form=Formula(r"-\frac{1}{2\sigma^2}\sum_k\|x-\mu(z_k)\|^2-\frac d2\log(2\pi\sigma^2)",
                        lambda x, means, s2: len(means) * reconstruction_estimate(x, means, s2)
                        + (len(means) - 1) * len(x) * log(two_pi(s2) * s2) / 2)),
    Mutant("vae.hvae_elbo", "the log-ratio of the first level dropped",
           form=Formula(r"\log p(x|z_1)+\log\frac{p(z_L)}{q(z_L|x)}",
                        lambda t: t["p(x|z1)"] + t["p(z2)"] - t["q(z2|x)"])),
    Mutant("vae.linear_autoencoder_landscape", "the loss stated convex", form=Landscape(convex=True,
                                                                                         spurious_minima=None)),
]
