"""The claim catalogue (a copy of ``shared/claims/catalog.jsonl``): ids, documents, lines, quotes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOG_PATH = Path(__file__).with_name("catalog.jsonl")


@dataclass(frozen=True)
class Entry:
    cid: str
    document: str
    line: int
    quote: str
    statement: str
    kind: str
    check: str


@cache
def entries() -> tuple[Entry, ...]:
    with CATALOG_PATH.open(encoding="utf-8") as fh:
        return tuple(Entry(**json.loads(line)) for line in fh if line.strip())


def lookup(cid: str, document: str, line: int | None = None) -> Entry:
    """The catalogue entry of ``cid`` in ``document`` (at ``line`` when the document prints it twice)."""
    found = [e for e in entries() if e.cid == cid and e.document == document]
    if line is not None:
        found = [e for e in found if e.line == line]
    if len(found) != 1:
        where = f"{document}" + (f" line {line}" if line is not None else "")
        raise LookupError(
            f"catalogue has {len(found)} entries for {cid} in {where}; give line= and quote= explicitly"
        )
    return found[0]


def topic_entries(topic: str) -> list[Entry]:
    return [e for e in entries() if e.cid.split(".", 1)[0] == topic]


# The five source documents, by the number that starts their file name.
D000 = "000_b86ebc3dc5bf1905.txt"
D001 = "001_12f976d491bf7278.txt"
D002 = "002_11ef23a040d51abd.txt"
D003 = "003_62801081b7e370fe.txt"
D004 = "004_bb8d930f00e76ffa.txt"
DOCUMENTS = (D000, D001, D002, D003, D004)
