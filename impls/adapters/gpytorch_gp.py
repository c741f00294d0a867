"""GPyTorch's exact GP behind the :class:`~impls.gp.GaussianProcessImpl` protocol (optional extra).

GPyTorch is not a dependency of this project: ``pip install gpytorch`` (it needs torch). Without it,
``--impl impls.adapters.gpytorch_gp:GpytorchGP`` stops with "gpytorch is not installed".

The function-space posterior is an ``ExactGP`` in float64 with a zero mean, a fixed kernel
(``RBFKernel`` with lengthscale 1/√(2γ), or ``LinearKernel`` with variance 1) and a
``FixedNoiseGaussianLikelihood`` with noise σ², no training; the latent posterior is ``model(X_star)`` in
eval mode, with GPyTorch's fast (Lanczos/CG) computations switched off so that it solves by Cholesky.
GPyTorch's defaults are kept, and two of them are visible to the checks (found by gp.posterior_mean,
gp.posterior_variance, gp.feature_posterior_*, gp.blr_predictive; gpytorch 1.15.2): a fixed noise below 1e-6
is rounded up to 1e-6 (with a warning), so σ² = 0 gives exactly the σ² = 1e-6 posterior (mean 0.999999 for
one observation y = 1 at the test input, variance 1e-6); and ``settings.min_variance`` (1e-10 in float64)
floors every variance at 1e-10 and, with the linear kernel, moves the mean by about 1e-10 (0.5 - 1.13e-10 for
Φ = [[1]], y = [1], σ² = 1; exactly 0.5 under ``min_variance(0, 0, 0)``).
The Gram matrices are the kernels' ``to_dense()``; the NNGP expectations and
the weight posterior are the NumPy reference's.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from impls.gp import KERNELS, GaussianProcess


def _modules() -> tuple[Any, Any]:
    try:
        import gpytorch
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise ImportError("gpytorch is not installed: pip install gpytorch (optional extra of the gp topic)") from exc
    return gpytorch, torch


class GpytorchGP(GaussianProcess):
    """Kernels and the function-space posterior by GPyTorch."""

    def __init__(self) -> None:
        self.gpytorch, self.torch = _modules()

    def _tensor(self, a: np.ndarray) -> Any:
        return self.torch.as_tensor(np.asarray(a, dtype=float), dtype=self.torch.float64)

    def _kernel(self, kernel: str, gamma: float) -> Any:
        if kernel == "rbf":
            k = self.gpytorch.kernels.RBFKernel()
            k.lengthscale = 1.0 / np.sqrt(2.0 * gamma)
        elif kernel == "linear":
            k = self.gpytorch.kernels.LinearKernel()
            k.variance = 1.0
        else:
            raise ValueError(f"kernel must be one of {KERNELS}, got {kernel!r}")
        return k.double()

    def _gram(self, X: np.ndarray, Z: np.ndarray, kernel: str, gamma: float) -> np.ndarray:
        with self.torch.no_grad():
            return self._kernel(kernel, gamma)(self._tensor(X), self._tensor(Z)).to_dense().numpy()

    def linear_kernel(self, X: np.ndarray, Z: np.ndarray, prior_cov: np.ndarray) -> np.ndarray:
        L = np.linalg.cholesky(np.asarray(prior_cov, dtype=float))  # xᵀΣz = (Lᵀx)·(Lᵀz)
        return self._gram(np.asarray(X, dtype=float) @ L, np.asarray(Z, dtype=float) @ L, "linear", 1.0)

    def rbf_kernel(self, X: np.ndarray, Z: np.ndarray, gamma: float) -> np.ndarray:
        return self._gram(X, Z, "rbf", gamma)

    def gp_posterior(self, X: np.ndarray, y: np.ndarray, X_star: np.ndarray, noise: float,
                     kernel: str = "rbf", gamma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        gpytorch, torch = self.gpytorch, self.torch
        train_x, train_y = self._tensor(X), self._tensor(y)
        likelihood = gpytorch.likelihoods.FixedNoiseGaussianLikelihood(
            noise=torch.full((len(train_y),), float(noise), dtype=torch.float64)).double()
        covariance = self._kernel(kernel, gamma)

        class Exact(gpytorch.models.ExactGP):
            def forward(self, x: Any) -> Any:
                return gpytorch.distributions.MultivariateNormal(torch.zeros(len(x), dtype=torch.float64),
                                                                 covariance(x))

        model = Exact(train_x, train_y, likelihood).double()
        model.eval()
        with torch.no_grad(), gpytorch.settings.fast_computations(False, False, False), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            latent = model(self._tensor(X_star))
            return latent.mean.numpy(), latent.variance.numpy()
