"""Runs a selection of claim variants in worker processes, each check with a time limit.

An exception, a crash or a timeout of one check becomes an ``error`` result with the reason; the
other checks go on. Results are deterministic in (profile, seed, selection).
"""

from __future__ import annotations

import difflib
import inspect
import multiprocessing
import os
import random
import sys
import time
import traceback
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .. import stats
from ..course import locate_documents
from .boundary import Implementation, ImplementationError, UsageError
from .context import Context
from .costs import longest_first
from .model import Method, Outcome, Result, Variant, Verdict
from .profiles import PROFILES, Profile
from .registry import Topic, all_claims, topics


@dataclass(frozen=True)
class RunConfig:
    profile: Profile = PROFILES["quick"]
    seed: int = 12345
    impls: dict[str, Implementation] = field(default_factory=dict)
    """Topic name → the implementation to check instead of the reference (``--impl``)."""
    docs: Path | None = None
    """The folder of the source documents, when they were found: quotes are then verified."""
    jobs: int = 1
    timeout_s: float | None = None

    @property
    def timeout(self) -> float:
        return self.timeout_s if self.timeout_s is not None else self.profile.timeout_s


def select(topic_names: Sequence[str] = (), claim_ids: Sequence[str] = ()) -> list[Variant]:
    """The variants of the named topics and claims (all of them when none is named)."""
    known_topics = topics()
    claims = all_claims()
    for name in topic_names:
        if name not in known_topics:
            raise UsageError(_unknown("topic", name, known_topics))
    for cid in claim_ids:
        if cid not in claims:
            raise UsageError(_unknown("claim", cid, claims))
    chosen = [
        c for c in claims.values()
        if (not topic_names and not claim_ids) or c.topic in topic_names or c.cid in claim_ids
    ]
    return [v for c in chosen for v in c.variants()]


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
    if not close and kind == "claim":
        prefix = name.split(".")[0]
        close = [k for k in known if k.startswith(prefix + ".")][:8]
    hint = f"; did you mean: {', '.join(close)}?" if close else f"; known {kind}s: {', '.join(known[:30])}"
    return f"unknown {kind} {name!r}{hint} (`theorems list` shows them all)"


def parse_impls(specs: Sequence[str]) -> dict[str, Implementation]:
    """``TOPIC=module:attr`` pairs from the command line, each resolved once (UsageError otherwise)."""
    impls: dict[str, Implementation] = {}
    for spec in specs:
        topic, sep, target = spec.partition("=")
        if not sep:
            raise UsageError(f"--impl expects TOPIC=module:attr, got {spec!r}")
        if topic not in topics():
            raise UsageError(_unknown("topic", topic, topics()))
        if topics()[topic].boundary is None:
            raise UsageError(f"topic {topic} checks no implementation: its claims are about formulas only")
        impls[topic] = Implementation.resolve(target)
    return impls


def subseed(seed: int, variant: Variant) -> int:
    return zlib.crc32(f"{seed}:{variant.key}".encode())


def _impl_for(variant: Variant, topic: Topic, config: RunConfig) -> str | None:
    """The ``module:attr`` that the variant's check runs against: ``--impl`` for canonical variants."""
    if not variant.claim.uses_impl:
        return None
    if variant.is_canonical and topic.name in config.impls:
        return config.impls[topic.name].spec
    return topic.reference


def execute(variant: Variant, config: RunConfig, alpha: float) -> Result:
    """Run one variant's check in this process, turning every failure into a verdict."""
    claim = variant.claim
    topic = topics()[claim.topic]
    impl = _impl_for(variant, topic, config)
    start, cpu_start = time.perf_counter(), time.process_time()
    _seed_global_generators(subseed(config.seed, variant))
    ctx = Context(
        variant=variant, profile=config.profile, seed=config.seed, subseed=subseed(config.seed, variant),
        alpha=alpha, boundary=topic.boundary,
    )
    if claim.check is None or variant.reason is not None:
        outcome = Outcome(Verdict.NOT_CHECKABLE, reason=variant.reason or claim.reason)
    else:
        try:
            if impl is not None:
                given = config.impls.get(topic.name)
                ctx.implementation = given if given is not None and given.spec == impl else Implementation.resolve(impl)
            params = inspect.signature(claim.check).parameters
            outcome = claim.check(ctx, variant.form) if len(params) > 1 else claim.check(ctx)
            if not isinstance(outcome, Outcome):
                raise TypeError(f"check returned {type(outcome).__name__}, not Outcome")
        except ImplementationError as exc:
            outcome = Outcome(Verdict.ERROR, reason=f"implementation failed: {exc}")
        except UsageError as exc:
            outcome = Outcome(Verdict.ERROR, reason=f"cannot load implementation: {exc}")
        except Exception as exc:  # noqa: BLE001 - a broken check is an error verdict, not a crash
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            outcome = Outcome(
                Verdict.ERROR,
                reason=f"check raised {type(exc).__name__}: {exc} ({Path(tb.filename).name}:{tb.lineno})",
            )
    result = _result(variant, config, impl, outcome, time.perf_counter() - start, ctx)
    result.cpu_s = round(time.process_time() - cpu_start, 4)
    return result


def _seed_global_generators(seed: int) -> None:
    """Seed Python's, NumPy's and (when loaded) torch's global generators, for code that draws from them
    rather than from the context's streams: a check's result never depends on what ran before it."""
    random.seed(seed)
    np.random.seed(seed)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)


def _result(
    variant: Variant, config: RunConfig, impl: str | None, outcome: Outcome, duration: float, ctx: Context | None
) -> Result:
    claim = variant.claim
    replay = f"theorems run --claim {claim.cid} --profile {config.profile.name} --seed {config.seed}"
    if impl and variant.is_canonical and claim.topic in config.impls:
        replay += f" --impl {claim.topic}={impl}"
    return Result(
        cid=claim.cid, variant=variant.variant, document=variant.document, line=variant.line,
        quote=variant.quote, statement=variant.statement, method=claim.method.value, impl=impl,
        verdict=outcome.verdict, evidence=outcome.evidence, counterexample=outcome.counterexample,
        reason=outcome.reason, seed=config.seed, duration_s=round(duration, 4), topic=claim.topic,
        title=claim.title, canonical_statement=claim.statement, reading=variant.reading,
        depends=claim.depends, references=claim.references, replay=replay, p_value=outcome.p_value,
        artifacts=ctx.artifacts() if ctx is not None else Result.__dataclass_fields__["artifacts"].default_factory(),
    )


def error_result(variant: Variant, config: RunConfig, reason: str, duration: float) -> Result:
    """The ``error`` result of a variant whose check gave no result (it died, timed out, was lost)."""
    topic = topics()[variant.claim.topic]
    return _result(variant, config, _impl_for(variant, topic, config), Outcome(Verdict.ERROR, reason=reason),
                   duration, None)


def _serve(conn: Connection, variants: Sequence[Variant], config: RunConfig, alpha: float) -> None:
    """A worker: run the check of each variant index received, send back its result, until ``None``."""
    torch = sys.modules.get("torch")
    if torch is not None:  # one thread per check: the runner parallelises across checks
        torch.set_num_threads(1)
    while (index := conn.recv()) is not None:
        conn.send(execute(variants[index], config, alpha))


Progress = Callable[[int, int, Result], None]


class Executor(Protocol):
    """Where the checks of a run execute (the results never depend on it)."""

    def run(self, variants: Sequence[Variant], config: RunConfig, alpha: float,
            finish: Callable[[int, Result], None]) -> None:
        """Run every variant's check at level ``alpha``, calling ``finish(index, result)`` once for each."""

    def describe(self, config: RunConfig) -> str:
        """Where the checks run, in words (for the command line's first line)."""


class LocalProcesses:
    """The default executor: ``config.jobs`` worker processes, forked from this one once it has paid the
    common imports, each running one check at a time.

    A check that outlives the time limit, or whose process dies, gets an ``error`` result, and its worker
    is replaced by a fresh one; the other checks go on. Every check seeds the global random generators
    from its own seed (:func:`execute`), so a result does not depend on which worker ran it, or after what.
    """

    def run(self, variants: Sequence[Variant], config: RunConfig, alpha: float,
            finish: Callable[[int, Result], None]) -> None:
        _warm_up()
        pool = _Workers(multiprocessing.get_context("fork"), variants, config, alpha)
        try:
            pool.run_all(finish)
        finally:
            pool.close()

    def describe(self, config: RunConfig) -> str:
        return f"{config.jobs} jobs"


class InProcess:
    """Every check in this process, one after another: no isolation (a check that hangs or kills the process
    takes the run with it) and no time limit, but no process start-up either, and the caches that earlier
    checks filled (SymPy's, Hypothesis's, lazy imports) stay warm. For checks whose implementations are
    trusted not to hang or crash: the mutant tests' own wrong implementations."""

    def run(self, variants: Sequence[Variant], config: RunConfig, alpha: float,
            finish: Callable[[int, Result], None]) -> None:
        for index, variant in enumerate(variants):
            finish(index, execute(variant, config, alpha))

    def describe(self, config: RunConfig) -> str:
        return "this process"


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, float] | None = None
    """The variant index it is running and when it started."""


class _Workers:
    """The worker processes of :class:`LocalProcesses`: started as needed, replaced when one dies or times out."""

    def __init__(self, ctx: Any, variants: Sequence[Variant], config: RunConfig, alpha: float) -> None:
        self.ctx, self.variants, self.config, self.alpha = ctx, variants, config, alpha
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        mine, theirs = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=_serve, args=(theirs, self.variants, self.config, self.alpha), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def run_all(self, finish: Callable[[int, Result], None]) -> None:
        pending = list(range(len(self.variants)))
        pending.reverse()  # popped from the end: in order
        while pending or any(w.task for w in self.workers):
            idle = [w for w in self.workers if w.task is None]
            while pending and len(self.workers) < max(1, self.config.jobs):
                idle.append(self._start())
            for worker in idle:
                if not pending:
                    break
                index = pending.pop()
                worker.conn.send(index)
                worker.task = (index, time.perf_counter())
            busy = {w.conn: w for w in self.workers if w.task is not None}
            for conn in wait(list(busy), timeout=0.25):
                worker = busy[conn]  # type: ignore[index]
                assert worker.task is not None
                index, started = worker.task
                try:
                    result = conn.recv()
                    worker.task = None
                except EOFError:
                    worker.process.join(5)
                    result = error_result(
                        self.variants[index], self.config,
                        f"the check's process died (exit code {worker.process.exitcode}) before returning a result",
                        time.perf_counter() - started)
                    self._retire(worker)
                finish(index, result)
            now = time.perf_counter()
            for worker in [w for w in self.workers if w.task and now - w.task[1] > self.config.timeout]:
                index, started = worker.task  # type: ignore[misc]
                self._retire(worker)
                finish(index, error_result(self.variants[index], self.config,
                                           f"timed out after {self.config.timeout:g} s (profile "
                                           f"{self.config.profile.name})", now - started))

    def close(self) -> None:
        """Stop every worker: idle ones finish their loop, busy ones (after an interruption) are killed."""
        for worker in list(self.workers):
            if worker.task is None:
                worker.conn.send(None)
                worker.process.join(5)
                worker.conn.close()
                self.workers.remove(worker)
        for worker in list(self.workers):
            self._retire(worker)


def run(
    variants: Sequence[Variant], config: RunConfig, progress: Progress | None = None,
    executor: Executor | None = None,
) -> list[Result]:
    """Run ``variants`` on ``executor`` (default: local processes, ``config.jobs`` at a time), then apply
    Holm's correction to the statistical ones.

    Variants that are the same computation run once (:func:`shared_checks`): the printings that state
    a claim's canonical form share one check. The checks start longest first (:mod:`.costs`).
    """
    groups = shared_checks(variants)
    checks = [variants[group[0]] for group in groups]
    n_statistical = sum(1 for v in checks if v.claim.method is Method.STATISTICAL)
    alpha = config.profile.family_alpha / max(1, n_statistical)
    computed: dict[int, Result] = {}
    done = 0

    def finish(index: int, result: Result) -> None:
        nonlocal done
        computed[index] = result
        for shown in (result, *(shared(result, variants[m]) for m in groups[index][1:])):
            done += 1
            if progress:
                progress(done, len(variants), shown)

    order = longest_first(checks, config.profile)
    (executor or LocalProcesses()).run([checks[i] for i in order], config, alpha,
                                       lambda position, result: finish(order[position], result))
    unique = [computed[i] for i in range(len(checks))]
    apply_holm(unique, config.profile.family_alpha)
    by_index: dict[int, Result] = {}
    for group, result in zip(groups, unique, strict=True):
        by_index[group[0]] = result
        by_index.update((member, shared(result, variants[member])) for member in group[1:])
    results = [by_index[i] for i in range(len(variants))]
    if config.docs is not None:
        attach_sources(results, config.docs)
    return results


def shared_checks(variants: Sequence[Variant]) -> list[list[int]]:
    """The variants grouped by the computation their checks perform, each group led by the variant that runs.

    The faithful printings of a claim (the documents that print its canonical form) all state the same
    formula: their checks are one computation (against the reference implementation), run once for all of
    them. The canonical variant runs on its own, since it also checks the implementation under test.
    """
    groups: dict[tuple[str, str | int], list[int]] = {}
    for index, variant in enumerate(variants):
        claim = variant.claim
        faithful = (claim.check is not None and variant.reason is None and not variant.is_canonical
                    and variant.form is claim.canonical)
        groups.setdefault((claim.cid, "faithful") if faithful else ("alone", index), []).append(index)
    return sorted(groups.values(), key=lambda group: group[0])


def shared(result: Result, variant: Variant) -> Result:
    """``result``, the outcome of another variant's check that is the same computation, as ``variant``'s."""
    return replace(
        result, variant=variant.variant, document=variant.document, line=variant.line, quote=variant.quote,
        statement=variant.statement, reading=variant.reading, cpu_s=0.0, source_context=None, quote_verified=None,
        evidence={**result.evidence, "checked by": f"{result.key} (the lines that print the canonical form "
                                                   "share one check)"},
    )


def _warm_up() -> None:
    """Pay once, before forking, what every check would otherwise pay in its own process: the imports
    many checks use, and Hypothesis's first-run set-up (its scan of loaded modules for constants)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot
    import sympy  # noqa: F401
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=1, database=None, deadline=None)
    @given(st.integers())
    def first_run(_: int) -> None:
        """A trivial property: running it once sets Hypothesis up in the parent process."""

    first_run()


def apply_holm(results: list[Result], family_alpha: float) -> None:
    """Decide every statistical result by Holm's procedure over the whole run."""
    tested = [r for r in results if r.p_value is not None and r.verdict in (Verdict.CONSISTENT, Verdict.REFUTED)]
    for result, rejected in zip(tested, stats.holm([r.p_value for r in tested], family_alpha), strict=True):
        result.evidence["Holm family size"] = len(tested)
        if rejected and result.verdict is Verdict.CONSISTENT:
            result.verdict = Verdict.REFUTED
            result.reason = f"rejected by Holm's procedure: p = {result.p_value:.3g}"


def attach_sources(results: list[Result], docs: Path) -> None:
    """Check each cited quote against its document and keep the surrounding lines for the report."""
    cache: dict[str, list[str]] = {}
    for result in results:
        if result.document is None or result.line is None:
            continue
        path = docs / result.document
        if result.document not in cache:
            cache[result.document] = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        lines = cache[result.document]
        if not lines:
            result.quote_verified = False
            continue
        i = result.line - 1
        result.quote_verified = 0 <= i < len(lines) and (result.quote or "") in lines[i]
        result.source_context = [(j + 1, lines[j]) for j in range(max(0, i - 2), min(len(lines), i + 3))]


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def configure(
    profile: str = "quick", seed: int = 12345, impls: Sequence[str] = (), docs: str | None = None,
    jobs: int | None = None, timeout_s: float | None = None,
) -> RunConfig:
    """A validated run configuration (UsageError for anything a user could have typed wrong)."""
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: the number of checks run in parallel must be at least 1")
    if timeout_s is not None and not timeout_s > 0:
        raise UsageError(f"--timeout {timeout_s}: a check's time limit must be a positive number of seconds")
    try:
        docs_path = locate_documents(docs)
    except NotADirectoryError as exc:
        raise UsageError(str(exc)) from exc
    return RunConfig(PROFILES[profile], seed, parse_impls(impls), docs_path, jobs or default_jobs(), timeout_s)


def terminal_progress(stream: Any = sys.stderr) -> Progress:
    """A one-line progress bar on a terminal, a line per tenth of the run otherwise."""
    tty = hasattr(stream, "isatty") and stream.isatty()
    started = time.perf_counter()
    counts: dict[str, int] = {}

    def show(done: int, total: int, result: Result) -> None:
        counts[result.verdict.value] = counts.get(result.verdict.value, 0) + 1
        width = 30
        bar = "#" * (width * done // total) + "." * (width - width * done // total)
        tally = " ".join(f"{k}:{v}" for k, v in sorted(counts.items()))
        line = f"[{bar}] {done}/{total} {time.perf_counter() - started:5.1f}s {tally}  {result.cid}"
        if tty:
            stream.write("\r" + line[:150].ljust(150))
            if done == total:
                stream.write("\n")
        elif done == total or done % max(1, total // 10) == 0:
            stream.write(line + "\n")
        stream.flush()

    return show


