"""A results cache, so that ``pytest`` does not recompute what ``theorems run`` just computed.

A run is keyed by everything its results depend on: the source of the engine, the topics and the
implementations, the catalogue, the profile, the seed, the implementations under test, the folder
of the documents and the library versions. Results are reused only for exactly that key; any
change of code or option is a fresh run. ``pytest --theorems-rerun`` ignores the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
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


def load(config: RunConfig, keys: Sequence[str]) -> dict[str, Result] | None:
    """The cached results of exactly this selection, code and options, or ``None``."""
    path = cache_dir() / f"{run_key(config, keys)}.pickle"
    try:
        cached: dict[str, Result] = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return cached if set(cached) == set(keys) else None
