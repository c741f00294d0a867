"""How long the slow checks take, as the benchmarks measured them: the runner starts the longest first.

A run's wall time is at least its longest check, and a long check started last adds its whole length
to the end of the run. Starting the checks in decreasing order of their expected time (the "longest
processing time first" rule) keeps the workers busy to the end. The order changes no result: every
check is seeded by its own seed. ``costs.json`` holds, per profile, the seconds of the checks that took
at least ``RECORDED_FROM`` seconds; a check it does not name is expected to be quick. A stale table
only costs wall time; ``benchmarks/full_profile.py --write-costs`` (and ``quick_profile.py``) renew it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from .model import Result, Variant
from .profiles import Profile

COSTS = Path(__file__).with_name("costs.json")
RECORDED_FROM = 1.0
"""Seconds: checks quicker than this are left out of the table."""


@cache
def _table() -> dict[str, dict[str, float]]:
    return json.loads(COSTS.read_text()) if COSTS.exists() else {}


def expected_seconds(variant: Variant, profile: Profile) -> float:
    """The measured seconds of ``variant``'s check in ``profile`` (0 when it was quick or never measured)."""
    return _table().get(profile.name, {}).get(variant.key, 0.0)


def longest_first(variants: Sequence[Variant], profile: Profile) -> list[int]:
    """The indices of ``variants`` in decreasing order of expected time (ties keep their order)."""
    costs = [expected_seconds(v, profile) for v in variants]
    return sorted(range(len(variants)), key=lambda i: -costs[i])


def record(results: Iterable[Result], profile: Profile) -> int:
    """Replace ``profile``'s table in ``costs.json`` by the checks of ``results`` that took at least
    ``RECORDED_FROM`` seconds (wall); returns how many were recorded."""
    slow = {r.key: round(r.duration_s, 1) for r in results
            if r.duration_s >= RECORDED_FROM and "checked by" not in r.evidence}
    table = {**_table(), profile.name: dict(sorted(slow.items(), key=lambda kv: -kv[1]))}
    COSTS.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n")
    _table.cache_clear()
    return len(slow)
