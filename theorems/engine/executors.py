"""Where a run's checks execute: local processes (the default) or the workers of a Dask cluster.

A Dask worker runs each check exactly as a local run does: in a process forked for it, with the
same time limit, from a process that has loaded the whole registry. Only the variant's key and the
run configuration travel to the worker, and the results are the same as a local run's with the
same seed and profile (durations aside). A worker that dies, a task that fails and a cluster that
stops answering give ``error`` results with the reason; a scheduler that cannot be reached is a
usage error before any check runs.
"""

from __future__ import annotations

import functools
import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .boundary import UsageError
from .model import Result, Variant
from .registry import all_variants
from .runner import Executor, LocalProcesses, RunConfig, error_result

EXECUTORS = ("local", "dask")
INSTALL_HINT = "pip install 'executable-theorems[distributed]'"


def choose(name: str = "local", scheduler: str | None = None) -> Executor:
    """The executor that ``--executor NAME --scheduler ADDRESS`` names (UsageError when they do not fit)."""
    if name not in EXECUTORS:
        raise UsageError(f"--executor {name}: choose one of {', '.join(EXECUTORS)}")
    if name == "local":
        if scheduler is not None:
            raise UsageError("--scheduler is the address of a Dask scheduler: use it with --executor dask")
        return LocalProcesses()
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"--executor dask needs Dask distributed: {INSTALL_HINT}") from exc
    return DaskScheduler(scheduler)


@dataclass(frozen=True)
class DaskScheduler:
    """Checks run as tasks of the Dask cluster whose scheduler listens at ``address``; each worker
    thread runs one check at a time (``--jobs`` does not apply: the cluster's threads decide)."""

    address: str
    connect_timeout_s: float = 10.0
    grace_s: float = 120.0
    """Beyond a check's time limit, how long to wait for the next result before giving the rest up
    (a fresh worker first loads the registry)."""

    def describe(self, config: RunConfig) -> str:
        return f"on the Dask scheduler at {self.address}"

    def run(self, variants: Sequence[Variant], config: RunConfig, alpha: float,
            finish: Callable[[int, Result], None]) -> None:
        from distributed import Client, wait

        try:
            client = Client(self.address, timeout=self.connect_timeout_s)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {self.address}: cannot reach the Dask scheduler ({exc})") from exc
        with client:
            index = {
                client.submit(check_on_worker, variant.key, config, alpha, pure=False): i
                for i, variant in enumerate(variants)
            }
            started = time.perf_counter()
            pending = set(index)
            try:
                while pending:
                    done, pending = wait(pending, timeout=config.timeout + self.grace_s, return_when="FIRST_COMPLETED")
                    for future in done:
                        finish(index[future], self._outcome(future, variants[index[future]], config, started))
            except TimeoutError:
                for future in pending:
                    finish(index[future], error_result(
                        variants[index[future]], config,
                        f"no result from the Dask cluster at {self.address} within "
                        f"{config.timeout + self.grace_s:g} s (the check's limit plus {self.grace_s:g} s)",
                        time.perf_counter() - started))
            finally:
                client.cancel(list(pending))

    def _outcome(self, future: Any, variant: Variant, config: RunConfig, started: float) -> Result:
        """The future's result, or an ``error`` result saying why the task gave none."""
        if future.status == "finished":
            return future.result()
        failure = future.exception() if future.status == "error" else f"the task was {future.status}"
        return error_result(variant, config, f"the Dask task failed ({type(failure).__name__}: {failure})",
                      time.perf_counter() - started)


def check_on_worker(key: str, config: RunConfig, alpha: float) -> Result:
    """A Dask task: the check of the variant ``key``, isolated in a forked process as in a local run."""
    variant = _worker_variants().get(key)
    if variant is None:
        raise LookupError(f"{key} is not in the Dask worker's registry: do the workers run the client's code?")
    results: dict[int, Result] = {}
    LocalProcesses().run([variant], replace(config, jobs=1), alpha, results.__setitem__)
    return results[0]


@functools.cache
def _worker_variants() -> dict[str, Variant]:
    """Once per worker process: the registry, loaded as in a local run, and the right to fork.

    Dask starts its workers as daemonic processes, which ``multiprocessing`` forbids to start
    children; a check's process ends with its check or is killed at its time limit, so none is
    left behind and the flag is lifted.
    """
    multiprocessing.current_process().daemon = False
    return {variant.key: variant for variant in all_variants()}
