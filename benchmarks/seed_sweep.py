"""No verdict may depend on the seed: the canonical claims of the quick profile under several seeds.

    python benchmarks/seed_sweep.py [--seeds 10] [--first 1] [--jobs N] [--topic T]...

Every canonical claim must pass (proved, holds, consistent, or not_checkable) under every seed; the
script lists each canonical non-pass with its seed and reason and exits 1 if there is one. It is a
benchmark-like script (minutes), not a CI test: CI runs the quick profile under its one seed.
"""

from __future__ import annotations

import argparse
import sys
import time

from theorems.engine.model import Verdict
from theorems.engine.runner import configure, run, select


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--topic", action="append", default=[])
    args = parser.parse_args()
    canonical = [v for v in select(args.topic) if v.is_canonical]
    failures = []
    for seed in range(args.first, args.first + args.seeds):
        start = time.perf_counter()
        results = run(canonical, configure("quick", seed, (), None, args.jobs))
        bad = [r for r in results if not (r.verdict.is_pass or r.verdict is Verdict.NOT_CHECKABLE)]
        failures += [(seed, r) for r in bad]
        print(f"seed {seed}: {len(results)} canonical claims, {len(bad)} non-pass "
              f"({time.perf_counter() - start:.0f} s)", flush=True)
    for seed, r in failures:
        print(f"  seed {seed}: {r.cid} {r.verdict.value}: {r.reason}"[:300])
    print(f"{args.seeds} seeds × {len(canonical)} canonical claims: {len(failures)} non-pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
