"""A results cache, so that ``pytest`` does not recompute what ``theorems run`` just computed.

A run is keyed by everything its results depend on: the source of the engine, the topics and the
implementations, the catalogue, the profile, the seed, the implementations under test, the folder
of the documents and the library versions. Results are reused only for exactly that key; any
change of code or option is a fresh run. ``pytest --theorems-rerun`` ignores the cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .model import Result
from .runner import RunConfig

CACHE_ENV = "THEOREMS_CACHE"
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("theorems", "impls")


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV, ".theorems_cache"))


def run_key(config: RunConfig, keys: Sequence[str]) -> str:
    """A digest of the code, the options and the selection (``keys``) that decide a run's results
    (the selection matters: Holm's correction is over the run's statistical checks)."""
    from ..report.writer import versions

    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".jsonl") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    options = (config.profile, config.seed, sorted((t, i.spec) for t, i in config.impls.items()),
               str(config.docs), config.timeout, sorted(versions(()).items()))
    digest.update(repr(options).encode())
    digest.update("\n".join(sorted(keys)).encode())
    return digest.hexdigest()[:24]


def store(config: RunConfig, results: Sequence[Result]) -> None:
    """Keep ``results`` for later runs with the same code and options (best effort: never fails a run)."""
    folder = cache_dir()
    name = run_key(config, [r.key for r in results])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{name}.tmp"
        temporary.write_bytes(pickle.dumps({r.key: r for r in results}))
        temporary.replace(folder / f"{name}.pickle")
    except OSError:
        return


def load(config: RunConfig, keys: Sequence[str], written_after: float | None = None) -> dict[str, Result] | None:
    """The cached results of exactly this selection, code and options (stored after the time
    ``written_after``, when given), or ``None``."""
    path = cache_dir() / f"{run_key(config, keys)}.pickle"
    try:
        if written_after is not None and path.stat().st_mtime < written_after:
            return None
        cached: dict[str, Result] = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return cached if set(cached) == set(keys) else None


def load_or_compute(
    config: RunConfig, keys: Sequence[str], compute: Callable[[], Sequence[Result]], written_after: float | None = None,
) -> tuple[dict[str, Result], bool]:
    """The results of the selection ``keys`` and whether they were reused: loaded when cached (see
    :func:`load`), else computed by ``compute`` and stored. Processes that ask for the same key at
    the same time (pytest-xdist workers) take turns on a lock, so that one computes and the others
    load its results."""
    with _lock(run_key(config, keys)):
        cached = load(config, keys, written_after)
        if cached is not None:
            return cached, True
        results = compute()
        store(config, results)
        return {r.key: r for r in results}, False


@contextlib.contextmanager
def _lock(name: str) -> Iterator[None]:
    """An exclusive lock on the cache entry ``name``, between processes (none where the cache cannot be written)."""
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        handle = (cache_dir() / f"{name}.lock").open("a")
    except OSError:
        handle = None
    if handle is None:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
