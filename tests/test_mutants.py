"""Every check can fail: each mutant is refuted by the claim it names, and every claim has one."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests.mutants as mutants_pkg
from tests.mutants import _SAME, Mutant
from theorems.api import check_mutant
from theorems.engine.model import Method, Verdict
from theorems.engine.registry import all_claims


def _all_mutants() -> list[Mutant]:
    found: list[Mutant] = []
    for info in pkgutil.iter_modules(mutants_pkg.__path__):
        found += importlib.import_module(f"tests.mutants.{info.name}").MUTANTS
    return found


MUTANTS = _all_mutants()


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_is_refuted(mutant: Mutant) -> None:
    kwargs = {} if mutant.form is _SAME else {"form": mutant.form}
    result = check_mutant(mutant.cid, impl=mutant.impl, **kwargs)
    assert result.verdict is Verdict.REFUTED, (
        f"{mutant.cid} should reject the mutant ({mutant.why}) but gave {result.verdict.value}: "
        f"{result.reason or result.evidence}"
    )


def test_every_checkable_claim_has_a_mutant() -> None:
    covered = {m.cid for m in MUTANTS}
    missing = sorted(cid for cid, c in all_claims().items() if c.method is not Method.NONE and cid not in covered)
    assert not missing, f"claims whose check was never shown to fail: {missing}"
