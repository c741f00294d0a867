"""Wall time of the quick profile over the whole registry, and where the CPU goes, per topic.

    python benchmarks/quick_profile.py [--jobs N] [--seed S]

Target (speed issue): under 120 s wall on the 2-core machine. Prints the wall time, the CPU seconds
of the checks per topic (with their share and the mean per variant) and the slowest checks (`--slowest N`, default 10);
``--write-costs`` stores the slow checks' times in ``theorems/engine/costs.json`` (the runner starts the longest first).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from theorems.engine.costs import COSTS, RECORDED_FROM, record
from theorems.engine.profiles import PROFILES
from theorems.engine.runner import configure, run, select


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest checks to list")
    parser.add_argument("--write-costs", action="store_true", help="store the slow checks' times for the runner")
    args = parser.parse_args()
    variants = select()
    start = time.perf_counter()
    results = run(variants, configure("quick", args.seed, (), None, args.jobs))
    wall = time.perf_counter() - start
    cpu: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for r in results:
        cpu[r.topic] += r.cpu_s or 0.0
        count[r.topic] += 1
    total = sum(cpu.values())
    checks = sum(1 for r in results if "checked by" not in r.evidence)
    print(f"quick profile: {len(results)} variants ({checks} checks run, the others share one) in {wall:.1f} s "
          f"wall, {total:.1f} CPU-s of checks ({total / len(results):.3f} CPU-s per variant)")
    print(f"{'topic':<16}{'variants':>9}{'CPU-s':>9}{'share':>8}{'per variant':>13}")
    for topic in sorted(cpu, key=cpu.get, reverse=True):
        print(f"{topic:<16}{count[topic]:>9}{cpu[topic]:>9.1f}{cpu[topic] / total:>8.0%}"
              f"{cpu[topic] / count[topic]:>13.3f}")
    print("slowest checks:")
    for r in sorted(results, key=lambda r: r.cpu_s or 0.0, reverse=True)[: args.slowest]:
        print(f"  {r.cpu_s:7.2f} CPU-s  {r.key}")
    if args.write_costs:
        print(f"{record(results, PROFILES['quick'])} checks of at least {RECORDED_FROM:g} s written to {COSTS}")


if __name__ == "__main__":
    main()
