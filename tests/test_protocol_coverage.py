"""Every method of every protocol is compared for its values by some canonical claim.

For each protocol method, ``tests/protocol_coverage.json`` (written by
``benchmarks/protocol_coverage.py``) names a claim that refutes the reference with that one method's
values nudged (``tests/perturbations.py``). The test fails when a protocol method has no such claim,
and re-checks that each named claim still refutes its nudged implementation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.perturbations import caught, protocol_methods
from theorems.api import check_mutant
from theorems.engine.registry import topics

COVERAGE = json.loads((Path(__file__).with_name("protocol_coverage.json")).read_text(encoding="utf-8"))


KNOWN_GAPS: dict[str, str] = {}
"""Protocol methods known not to be caught, each with the reason: a gap to close, listed so that it stays visible
(the test fails when a new gap appears and when a listed one is closed)."""


def protocol_key(topic: str, method: str) -> str:
    protocol = topics()[topic].boundary.protocol
    return f"{protocol.__module__}:{protocol.__qualname__}.{method}"


def test_every_protocol_method_is_compared_for_its_values() -> None:
    keys = {protocol_key(topic, method) for topic, methods in protocol_methods().items() for method in methods}
    missing = sorted(keys - set(COVERAGE) - set(KNOWN_GAPS))
    assert not missing, (
        f"protocol methods whose values no canonical claim compares: {missing} "
        "(add a claim that compares them, then run benchmarks/protocol_coverage.py)"
    )
    closed = sorted(set(KNOWN_GAPS) & set(COVERAGE))
    assert not closed, f"known gaps now covered, remove them from KNOWN_GAPS: {closed}"


@pytest.mark.parametrize("key", sorted(COVERAGE))
def test_a_nudged_method_is_refuted(key: str) -> None:
    entry = COVERAGE[key]
    result = check_mutant(entry["claim"], impl=entry["impl"])
    method = key.rsplit(".", 1)[1]
    assert caught(result.verdict.value, result.reason, method, inputs=":SHIFTED." in entry["impl"]), (
        f"{entry['claim']} no longer notices {entry['impl']} (values off by 1e-3, one entry flipped for ±1 "
        f"patterns): {result.verdict.value}, {result.reason}"
    )
