"""The full profile's cost: wall time of the whole registry, CPU time per topic, and how the cost grows with the sizes.

    python benchmarks/full_profile.py [--topic T]... [--jobs 2] [--write-costs] [--no-run] [--no-growth]
                                      [--scales 1 2 4 8]

The run: ``theorems run --profile full`` over the whole registry (or the ``--topic`` ones) with ``--jobs N``
worker processes, as a user runs it; its wall time, then per topic the checks' CPU and wall seconds and
the verdicts (errors, e.g. a check past its time limit, are listed), then the slowest checks. Target
(speed issue): the whole registry under 15 minutes on the 2-core machine. ``--write-costs`` stores the
slow checks' times in ``theorems/engine/costs.json``, from which the runner starts the longest first.

Growth, cost against size:
  * claims whose sizes follow the profile's scale factor (``ctx.scaled``), run at each ``--scales``
    factor with the quick profile's Hypothesis examples, then in the full profile itself (scale 8
    and 1000 examples per property);
  * the Hopfield capacity sweep (hopfield.capacity_0138): the zero-temperature dynamics simulated
    at each size n of the full sweep, in seconds per network, and the sweep's networks at that n.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace

import numpy as np

from theorems.engine.boundary import Implementation
from theorems.engine.costs import COSTS, RECORDED_FROM, record
from theorems.engine.model import Result
from theorems.engine.profiles import PROFILES
from theorems.engine.registry import topics
from theorems.engine.runner import RunConfig, configure, run, select
from theorems.topics.hopfield.capacity import SWEEPS, overlaps_at

GROWING = {
    "hopfield.high_prob_retrieval": "n = 1024, 60·k networks",
    "cover.phase_transition_2n": "C(s, n) for n ≤ 30·k, s ≤ 4n",
    "dropout.ensemble_mixture": "20,000·k dropout masks",
    "gp.nngp_kernel_recursion": "20,000·k units per layer",
}
"""Claims whose cost follows the scale factor k, with what k scales in each."""
HOPFIELD_LOAD = 0.14
"""Load s/n of the timed Hopfield networks: at the transition, where retrieval takes the most sweeps."""


def whole_run(names: list[str], jobs: int, seed: int, slowest: int, write_costs: bool) -> None:
    """Run the full profile over ``names`` (every topic when empty) and print where the time went."""
    variants = select(names, ())
    start = time.perf_counter()
    results = run(variants, configure("full", seed, jobs=jobs))
    wall = time.perf_counter() - start
    checks = [r for r in results if "checked by" not in r.evidence]
    print(f"full profile: {len(results)} variants ({len(checks)} checks run, the others share one), --jobs {jobs}, "
          f"seed {seed}: {wall:.1f} s wall, {sum(r.cpu_s or 0 for r in checks):.1f} CPU-s of checks")
    print(f"{'topic':<16}{'variants':>9}{'CPU s':>9}{'wall s':>9}  verdicts")
    for name in sorted({r.topic for r in results}):
        mine = [r for r in results if r.topic == name]
        ran = [r for r in mine if "checked by" not in r.evidence]
        verdicts = Counter(r.verdict.value for r in mine)
        print(f"{name:<16}{len(mine):>9}{sum(r.cpu_s or 0 for r in ran):>9.1f}{sum(r.duration_s for r in ran):>9.1f}  "
              + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))
        for r in mine:
            if r.verdict.value == "error":
                print(f"{'':<16}error: {r.key} {r.reason}"[:200])
    print("slowest checks (wall s): " + ", ".join(
        f"{r.key} {r.duration_s:.1f}" for r in sorted(checks, key=lambda r: -r.duration_s)[:slowest]))
    if write_costs:
        print(f"{record(results, PROFILES['full'])} checks of at least {RECORDED_FROM:g} s written to {COSTS}")


def canonical_check(cid: str, config: RunConfig) -> Result:
    [result] = run([v for v in select((), (cid,)) if v.is_canonical], config)
    return result


def scale_growth(scales: list[int], seed: int) -> None:
    """Each growing claim's CPU seconds at each scale factor, and in the full profile."""
    quick, full = configure("quick", seed, jobs=1), configure("full", seed, jobs=1)
    print("\ncost against size: CPU seconds of one canonical check (quick profile's Hypothesis examples "
          "at scale k; 'full' = scale 8 and 1000 examples)")
    header = "".join(f"{f'k = {k}':>9}" for k in scales) + f"{'full':>9}"
    print(f"{'claim':<30}{'sizes':<32}{header}")
    for cid, sizes in GROWING.items():
        row = []
        for k in scales:
            scaled = replace(quick, profile=replace(PROFILES["quick"], scale=k, timeout_s=full.timeout))
            row.append(canonical_check(cid, scaled))
        row.append(canonical_check(cid, full))
        print(f"{cid:<30}{sizes:<32}" + "".join(f"{r.cpu_s:>9.2f}" for r in row)
              + f"  ({', '.join(r.verdict.value for r in row)})")


def hopfield_growth(networks: int, seed: int) -> None:
    """Seconds per simulated network at each size n of the full capacity sweep (load 0.14)."""
    impl = Implementation.resolve(topics()["hopfield"].reference).factory()
    rng = np.random.default_rng(seed)
    print(f"\nHopfield capacity sweep: asynchronous dynamics at load s/n = {HOPFIELD_LOAD}, {networks} networks timed")
    print(f"{'n':>6}{'s':>6}{'s per network':>15}{'× previous':>12}{'networks (full)':>17}")
    previous = None
    sizes = sorted({*SWEEPS["quick"].networks, *SWEEPS["full"].networks})
    overlaps_at(impl, rng, sizes[0], round(HOPFIELD_LOAD * sizes[0]), networks)  # first-call set-up, not timed
    for n in sizes:
        start = time.process_time()
        overlaps_at(impl, rng, n, round(HOPFIELD_LOAD * n), networks)
        per_network = (time.process_time() - start) / networks
        growth = f"{per_network / previous:>12.1f}" if previous else f"{'':>12}"
        print(f"{n:>6}{round(HOPFIELD_LOAD * n):>6}{per_network:>15.4f}{growth}"
              f"{SWEEPS['full'].networks.get(n, 0):>17}")
        previous = per_network


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", action="append", default=[], help="measure these topics (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--hopfield-networks", type=int, default=8, help="networks timed at each Hopfield size")
    parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest checks to list")
    parser.add_argument("--write-costs", action="store_true", help="store the slow checks' times for the runner")
    parser.add_argument("--no-run", action="store_true", help="skip the full-profile run")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth tables")
    args = parser.parse_args()
    if not args.no_run:
        whole_run(args.topic, args.jobs, args.seed, args.slowest, args.write_costs)
    if not args.no_growth:
        scale_growth(args.scales, args.seed)
        hopfield_growth(args.hopfield_networks, args.seed)


if __name__ == "__main__":
    main()
