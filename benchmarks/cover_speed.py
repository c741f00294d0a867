"""Exact dichotomy count of s = 16 points in R^4: dual-arrangement counter against one LP per labelling.

    python benchmarks/cover_speed.py

Prints both counts (they must agree), both times and the speed-up.
"""

from __future__ import annotations

import time

import numpy as np

from impls.cover import ArrangementCounter, LinearProgramCounter


def timed(count: object, X: np.ndarray) -> tuple[int, float]:
    start = time.perf_counter()
    result = count(X)  # type: ignore[operator]
    return result, time.perf_counter() - start


def main(s: int = 16, n: int = 4, seed: int = 0) -> None:
    X = np.random.default_rng(seed).standard_normal((s, n))
    fast, fast_s = timed(ArrangementCounter().homogeneous_dichotomies, X)
    slow, slow_s = timed(LinearProgramCounter().homogeneous_dichotomies, X)
    assert fast == slow, f"counts differ: arrangement {fast}, LP {slow}"
    print(f"s = {s}, n = {n}: {fast} dichotomies")
    print(f"dual arrangement (deletion-restriction): {fast_s:.4f} s")
    print(f"LP per labelling ({2 ** (s - 1)} LPs, symmetry y <-> -y): {slow_s:.2f} s")
    print(f"speed-up: {slow_s / fast_s:.0f}x")


if __name__ == "__main__":
    main()
