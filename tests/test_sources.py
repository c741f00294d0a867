"""Citations: every printed variant quotes its document exactly, and no printing of a claim is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from theorems.course import catalog
from theorems.engine.registry import all_variants

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PRINTED = [v for v in all_variants() if not v.is_canonical]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents (../shared/seeds) are not beside this clone")
@pytest.mark.parametrize("variant", PRINTED, ids=lambda v: v.key)
def test_quote_occurs_at_the_cited_line(variant) -> None:
    lines = (SEEDS / variant.document).read_text(encoding="utf-8").splitlines()
    assert 1 <= variant.line <= len(lines), f"{variant.document} has {len(lines)} lines, cited line {variant.line}"
    assert variant.quote in lines[variant.line - 1], (
        f"{variant.key}: quote {variant.quote!r} not in line {variant.line}: {lines[variant.line - 1]!r}"
    )


def test_catalogue_copy_matches_the_shared_one() -> None:
    shared = SEEDS.parent / "claims" / "catalog.jsonl"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == catalog.CATALOG_PATH.read_text(encoding="utf-8")
