"""The registry: one topic per catalogue prefix, every printing read, dependencies that exist and do not cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from theorems.course import catalog
from theorems.engine.registry import UNREAD, all_claims, import_errors, topics
from theorems.topics import TOPICS

TOPICS_DIR = Path(__file__).resolve().parents[1] / "theorems" / "topics"
LONGEST_MODULE = 450


def test_every_registered_topic_loads() -> None:
    assert not import_errors(), f"topic packages that failed to load: {import_errors()}"
    assert list(topics()) == list(TOPICS)


def test_a_topic_is_a_catalogue_prefix_and_owns_only_its_ids() -> None:
    prefixes = {e.cid.split(".", 1)[0] for e in catalog.entries()}
    for name, topic in topics().items():
        assert name in prefixes, f"topic {name} is not a catalogue prefix"
        foreign = [cid for cid in topic.claims if cid.split(".", 1)[0] != name]
        assert not foreign, f"topic {name} declares ids of other prefixes: {foreign}"


def test_every_printing_of_a_declared_claim_was_read() -> None:
    """A catalogue row is declared faithful, or its printed form is given, or why it cannot be read."""
    unread = sorted(f"{cid} {where}" for cid, claim in all_claims().items() for where in claim.unread)
    assert not unread, f"catalogue rows that nobody read ({UNREAD}): {unread}"


def test_every_catalogue_row_of_a_declared_claim_is_a_variant() -> None:
    for cid, claim in all_claims().items():
        rows = {(e.document, e.line) for e in catalog.rows_of(cid)}
        variants = {(v.document, v.line) for v in claim.variants() if not v.is_canonical}
        assert variants == rows, f"{cid}: variants {sorted(variants)} but catalogue rows {sorted(rows)}"


def test_dependencies_name_existing_claims_and_do_not_cycle() -> None:
    claims = all_claims()
    dangling = sorted(f"{cid} → {dep}" for cid, c in claims.items() for dep in c.depends if dep not in claims)
    assert not dangling, f"depends names unknown claims: {dangling}"
    state: dict[str, str] = {}

    def visit(cid: str, path: tuple[str, ...]) -> None:
        if state.get(cid) == "done":
            return
        if state.get(cid) == "open":
            pytest.fail(f"dependency cycle: {' → '.join((*path, cid))}")
        state[cid] = "open"
        for dep in claims[cid].depends:
            visit(dep, (*path, cid))
        state[cid] = "done"

    for cid in claims:
        visit(cid, ())


@pytest.mark.parametrize("module", sorted(TOPICS_DIR.glob("*/*.py")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_topic_modules_stay_readable(module: Path) -> None:
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines <= LONGEST_MODULE, f"{module.name} has {lines} lines: split it into sections of at most ~400"


def test_no_check_rewrites_its_own_name_or_docstring() -> None:
    for module in TOPICS_DIR.glob("*/*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("__doc__", "__name__", "__qualname__") \
                    and isinstance(node.ctx, ast.Store):
                pytest.fail(f"{module}: line {node.lineno} assigns {node.attr}")
