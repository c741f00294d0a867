"""pytest integration (CONTRACTS.md §4).

Every claim variant is a test item ``tests/test_claims.py::test_claim[<cid>::<variant>]``. The
selected items are run once, together, by the same runner as ``theorems run`` (so Holm's
correction and the verdicts are the same), and each item then reports its own result:

* an ``error`` fails;
* a canonical variant fails unless ``proved``, ``holds``, ``consistent`` or ``not_checkable``;
* a printed variant that is ``refuted`` is a finding of the document, not a failure.

``pytest --theorems-report DIR`` writes the same report as ``theorems run``. When ``theorems run``
has just run the same selection with the same code, seed and profile, its cached results are reused
(``--theorems-rerun`` runs every check again). Under pytest-xdist every worker collects every item:
one worker computes the results and the others load them from the cache.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .engine import cache
from .engine.model import Result, Variant, Verdict
from .engine.runner import RunConfig, configure, run

_RESULTS = pytest.StashKey[dict[str, Result]]()
_CONFIG = pytest.StashKey[RunConfig]()
_STARTED = pytest.StashKey[float]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("theorems")
    group.addoption("--theorems-report", metavar="DIR", help="write index.html and results.json to DIR")
    group.addoption("--theorems-profile", default="quick", help="quick (default) or full")
    group.addoption("--theorems-seed", type=int, default=12345)
    group.addoption("--theorems-docs", metavar="DIR", help="source documents, to verify quotes in the report")
    group.addoption("--theorems-jobs", type=int, default=None, help="checks run in parallel (default: CPU count)")
    group.addoption("--theorems-rerun", action="store_true",
                    help="run every claim again instead of reusing the results of an identical `theorems run`")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "claim(key): a claim variant run by the theorems engine")
    worker_input = getattr(config, "workerinput", {})
    config.stash[_STARTED] = worker_input.get("theorems_started", time.time())


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: every worker learns when the test run started (``--theorems-rerun`` reuses only
    the results that one of them computed since)."""
    node.workerinput["theorems_started"] = node.config.stash[_STARTED]


def claim_results(session: pytest.Session) -> dict[str, Result]:
    """Run every selected claim variant once (on first use) and return the results by variant key."""
    if _RESULTS not in session.stash:
        options = session.config.option
        config = configure(options.theorems_profile, options.theorems_seed, (), options.theorems_docs,
                           options.theorems_jobs)
        variants: list[Variant] = [
            item.callspec.params["variant"] for item in session.items
            if hasattr(item, "callspec") and isinstance(item.callspec.params.get("variant"), Variant)
        ]
        keys = [v.key for v in variants]
        written_after = session.config.stash[_STARTED] if options.theorems_rerun else None
        cached, reused = cache.load_or_compute(config, keys, lambda: run(variants, config), written_after)
        if reused and not options.theorems_rerun:
            reporter = session.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(f"theorems: {len(keys)} claim results reused from `theorems run` with the same "
                                    "code, seed and profile (--theorems-rerun to run them again)")
        session.stash[_CONFIG] = config
        session.stash[_RESULTS] = cached
    return session.stash[_RESULTS]


def assert_verdict(variant: Variant, result: Result) -> None:
    """Fail with the reason and the counterexample when the result is not acceptable."""
    where = "canonical" if variant.is_canonical else f"{variant.document} line {variant.line}"
    detail = f"{variant.claim.cid} [{where}]: {result.verdict.value}"
    if result.reason:
        detail += f"\n  reason: {result.reason}"
    if result.counterexample:
        detail += f"\n  counterexample: {result.counterexample}"
    detail += f"\n  replay: {result.replay}"
    if result.verdict is Verdict.ERROR:
        pytest.fail(detail, pytrace=False)
    if variant.is_canonical and not (result.verdict.is_pass or result.verdict is Verdict.NOT_CHECKABLE):
        pytest.fail(detail, pytrace=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = session.config.option.theorems_report
    if target and _RESULTS in session.stash:
        from .report import write_report

        path = write_report(list(session.stash[_RESULTS].values()), session.stash[_CONFIG], Path(target))
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("-", f"theorems report: {path}")
