"""PyTorch's Gaussians through the :class:`~impls.vae.VAEImpl` protocol (float64).

KL divergences come from ``torch.distributions.kl_divergence``, draws from ``rsample`` (seeded with
``torch.manual_seed``), gradients from ``torch.autograd`` through ``rsample``; the reconstruction term
is ``Normal.log_prob`` at the decoded mean plus the closed-form spread term -tr(W Σ Wᵀ)/(2 noise_var)::

    theorems check vae --impl impls.adapters.torch_vae:TorchVAE
"""

from __future__ import annotations

import numpy as np
import torch
from torch.distributions import MultivariateNormal, Normal, kl_divergence


def _t(a: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


class TorchVAE:
    """``torch.distributions`` behind the VAE protocol."""

    def diagonal_kl(self, mu: np.ndarray, log_var: np.ndarray) -> float:
        q = Normal(_t(mu), torch.exp(0.5 * _t(log_var)))
        return float(kl_divergence(q, Normal(torch.zeros_like(q.loc), torch.ones_like(q.loc))).sum())

    def kl_divergence(self, mu_q: np.ndarray, scale_q: np.ndarray, mu_p: np.ndarray, scale_p: np.ndarray) -> float:
        return float(kl_divergence(MultivariateNormal(_t(mu_q), scale_tril=_t(scale_q)),
                                   MultivariateNormal(_t(mu_p), scale_tril=_t(scale_p))))

    def expected_log_likelihood(self, x: np.ndarray, W: np.ndarray, c: np.ndarray, noise_var: float,
                                mu: np.ndarray, scale: np.ndarray) -> float:
        w = _t(W)
        decoded = Normal(w @ _t(mu) + _t(c), torch.sqrt(torch.tensor(float(noise_var), dtype=torch.float64)))
        return float(decoded.log_prob(_t(x)).sum() - torch.sum((w @ _t(scale)) ** 2) / (2 * noise_var))

    def rsample(self, mu: np.ndarray, scale: np.ndarray, n: int, seed: int) -> np.ndarray:
        torch.manual_seed(seed)
        return MultivariateNormal(_t(mu), scale_tril=_t(scale)).rsample((n,)).numpy()

    def rsample_gradient(self, mu: np.ndarray, scale: np.ndarray, A: np.ndarray, b: np.ndarray, n: int,
                         seed: int) -> tuple[np.ndarray, np.ndarray]:
        loc, tril = _t(mu, grad=True), _t(scale, grad=True)
        torch.manual_seed(seed)
        z = MultivariateNormal(loc, scale_tril=tril).rsample((n,))
        f = 0.5 * torch.einsum("ni,ij,nj->n", z, _t(A), z) + z @ _t(b)
        f.mean().backward()
        return loc.grad.numpy(), tril.grad.numpy()
