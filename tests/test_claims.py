"""Every claim variant of the registry as a test item (CONTRACTS.md §4), named ``<cid>::<variant>``."""

from __future__ import annotations

import pytest

from theorems.engine.model import Variant
from theorems.engine.registry import all_variants
from theorems.pytest_plugin import assert_verdict, claim_results


@pytest.mark.parametrize("variant", all_variants(), ids=lambda v: v.key)
def test_claim(variant: Variant, request: pytest.FixtureRequest) -> None:
    result = claim_results(request.session)[variant.key]
    assert_verdict(variant, result)


def test_every_topic_module_imports() -> None:
    from theorems.engine.registry import import_errors

    assert not import_errors(), f"topic modules that failed to import: {import_errors()}"
