"""A full-profile slice on a local Dask cluster of 2 workers against the local executor with 2 jobs.

    python benchmarks/dask_executor.py [--topic T]... [--profile full] [--seed S]

Prints both wall times, their ratio (Dask / local) and whether the results are the same (they must
be: only the durations may differ). The cluster is started before the clock starts; the Dask time
includes each worker's first load of the registry.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from distributed import LocalCluster

from theorems.engine.executors import DaskScheduler
from theorems.engine.model import Result, Variant
from theorems.engine.runner import Executor, LocalProcesses, RunConfig, configure, run, select

TOPICS = ["dropout", "init", "willshaw"]
TIMINGS = ("duration_s", "cpu_s")


def timed(variants: Sequence[Variant], config: RunConfig, executor: Executor) -> tuple[float, list[Result]]:
    start = time.perf_counter()
    results = run(variants, config, executor=executor)
    return time.perf_counter() - start, results


def comparable(results: list[Result]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.to_json().items() if k not in TIMINGS} for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", action="append", default=[], help=f"default: {', '.join(TOPICS)}")
    parser.add_argument("--profile", default="full")
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args()
    variants = select(args.topic or TOPICS)
    config = configure(args.profile, args.seed, jobs=2)
    local_wall, local = timed(variants, config, LocalProcesses())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask_wall, dask = timed(variants, config, DaskScheduler(cluster.scheduler_address))
    print(f"{len(variants)} variants of {', '.join(args.topic or TOPICS)}, profile {args.profile}, seed {args.seed}")
    print(f"local executor, 2 jobs:     {local_wall:8.1f} s wall")
    print(f"Dask, local cluster 2 × 1:  {dask_wall:8.1f} s wall")
    print(f"ratio Dask / local:         {dask_wall / local_wall:8.2f}")
    print(f"same results: {comparable(dask) == comparable(local)}")


if __name__ == "__main__":
    main()
