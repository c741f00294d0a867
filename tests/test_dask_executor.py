"""The Dask executor gives a local run's results (same seed, same verdicts and numbers), and its
failures are ``error`` results or usage errors, never a hang."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from theorems.engine.boundary import UsageError
from theorems.engine.executors import DaskScheduler, choose
from theorems.engine.model import Method, Result, Verdict
from theorems.engine.runner import LocalProcesses, configure, run, select

distributed = pytest.importorskip(
    "distributed", reason="Dask distributed is not installed: pip install -e '.[distributed]'"
)

TOPICS = ("dropout", "init", "normalization")
"""A slice with SymPy, Hypothesis (property) and Monte-Carlo (statistical) checks, a few seconds long."""
TIMINGS = ("duration_s", "cpu_s")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def without_timings(result: Result) -> dict[str, Any]:
    return {k: v for k, v in result.to_json().items() if k not in TIMINGS}


def test_the_slice_has_each_kind_of_check() -> None:
    methods = {v.claim.method for v in select(TOPICS)}
    assert {Method.SYMPY, Method.PROPERTY, Method.STATISTICAL} <= methods


def test_dask_results_are_those_of_a_local_run(scheduler: str) -> None:
    variants = select(TOPICS)
    config = configure("quick", 12345, jobs=2)
    local = run(variants, config)
    dask = run(variants, config, executor=choose("dask", scheduler))
    assert [r.key for r in dask] == [v.key for v in variants]
    for here, there in zip(local, dask, strict=True):
        assert without_timings(there) == without_timings(here), here.key


def test_the_time_limit_applies_on_the_workers(scheduler: str) -> None:
    # the capacity sweep takes seconds: far past a limit of 0.2 s, whatever the machine
    variants = [v for v in select(("hopfield",)) if v.claim.cid == "hopfield.capacity_0138"][:2]
    results = run(variants, configure("quick", 12345, timeout_s=0.2), executor=DaskScheduler(scheduler))
    assert results and all(r.verdict is Verdict.ERROR and "timed out" in (r.reason or "") for r in results), [
        (r.cid, r.verdict.value, r.reason) for r in results]


def test_a_variant_unknown_to_the_workers_is_an_error(scheduler: str) -> None:
    known = select(("dropout",))[0]
    stranger = replace(known, variant="elsewhere.txt", document="elsewhere.txt", line=1)
    [result] = run([stranger], configure("quick", 12345), executor=DaskScheduler(scheduler))
    assert result.verdict is Verdict.ERROR
    assert "not in the Dask worker's registry" in (result.reason or "")


def test_a_dying_worker_does_not_change_the_results(scheduler: str) -> None:
    variants = select(("init",))
    config = configure("quick", 12345, jobs=1)
    first_result = threading.Event()
    with distributed.Client(scheduler) as client:
        killer = threading.Thread(target=kill_one_worker, args=(client, first_result))
        killer.start()
        dask = run(variants, config, lambda *_: first_result.set(), DaskScheduler(scheduler))
        killer.join()
    local = run(variants, config, executor=LocalProcesses())
    assert [without_timings(r) for r in dask] == [without_timings(r) for r in local]


def kill_one_worker(client: Any, when: threading.Event) -> None:
    """Once ``when`` is set, end one worker's process abruptly (its nanny starts another; its tasks run again)."""
    when.wait(60)
    victim = next(iter(client.scheduler_info()["workers"]))
    try:
        client.run(os._exit, 1, workers=[victim])
    except Exception:  # noqa: BLE001 - the worker dies before it answers
        pass


def test_an_unreachable_scheduler_is_a_usage_error() -> None:
    executor = DaskScheduler("tcp://127.0.0.1:9", connect_timeout_s=1.0)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run(select(("dropout",))[:1], configure("quick", 12345), executor=executor)


@pytest.mark.parametrize(("name", "scheduler", "message"), [
    ("dask", None, "needs --scheduler"),
    ("local", "tcp://127.0.0.1:8786", "use it with --executor dask"),
    ("ray", None, "choose one of local, dask"),
])
def test_executor_options_are_checked(name: str, scheduler: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        choose(name, scheduler)
