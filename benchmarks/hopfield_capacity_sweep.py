"""Time and evidence of the capacity check (hopfield.capacity_0138, canonical) in a profile: the finite-size sweep,
the extrapolated α_c with its intervals, the power of the test and the overlap-distribution comparison.

Usage: python benchmarks/hopfield_capacity_sweep.py [--profile quick|full] [--seed N]
"""

from __future__ import annotations

import argparse
import time

from theorems.api import run_claims


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="quick")
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args()
    start = time.perf_counter()
    (result,) = run_claims(claims=["hopfield.capacity_0138"], profile=args.profile, seed=args.seed, jobs=1,
                           canonical_only=True)
    wall = time.perf_counter() - start
    print(f"capacity sweep ({args.profile}): {result.verdict.value}, "
          f"check {result.duration_s:.1f} s, wall {wall:.1f} s")
    for key, value in result.evidence.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
