"""Seconds per step of the reference optimizers and of torch.optim.SGD through the torch.optim adapter.

    python benchmarks/optim_implementations.py
"""

from __future__ import annotations

import time

import numpy as np

from impls.adapters.torch_optim import TorchOptimizers
from impls.optim import OptimizerImpl, Optimizers


def seconds_per_step(optimizer: OptimizerImpl, method: str, dim: int, steps: int = 2000) -> float:
    rng = np.random.default_rng(0)
    A = rng.normal(size=(dim, dim))
    Q = A @ A.T / dim + np.eye(dim)
    lr = 1 / np.linalg.eigvalsh(Q).max()
    x0 = rng.normal(size=dim)

    def run(count: int) -> None:
        if method == "gd":
            optimizer.gd(lambda x: Q @ x, x0, lr, count)
        else:
            getattr(optimizer, method)(lambda x: Q @ x, x0, lr, [0.9] * count)

    run(10)  # warm-up: imports, allocator, torch dispatch caches
    start = time.perf_counter()
    run(steps)
    return (time.perf_counter() - start) / steps


def main() -> None:
    print(f"{'method':<12}{'dim':>6}{'reference µs/step':>20}{'torch.optim µs/step':>22}")
    for method in ("gd", "heavy_ball", "nesterov"):
        for dim in (4, 256):
            ours = seconds_per_step(Optimizers(), method, dim)
            torch = seconds_per_step(TorchOptimizers(), method, dim)
            print(f"{method:<12}{dim:>6}{ours * 1e6:>20.1f}{torch * 1e6:>22.1f}")


if __name__ == "__main__":
    main()
