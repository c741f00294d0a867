"""The claim catalogue (a copy of ``shared/claims/catalog.jsonl``): ids, documents, lines, quotes.

Each row is one printing of one claim: the same claim printed in two documents (or twice in one)
has one row per printing and shares its ``cid``.
"""

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
    """The catalogue's reading of what the line states (a starting point, not gospel)."""
    kind: str
    check: str

    @property
    def where(self) -> str:
        """``000:97``: the document's number and the line."""
        return f"{self.document[:3]}:{self.line}"


@cache
def entries() -> tuple[Entry, ...]:
    with CATALOG_PATH.open(encoding="utf-8") as fh:
        return tuple(Entry(**json.loads(line)) for line in fh if line.strip())


@cache
def _by_cid() -> dict[str, tuple[Entry, ...]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries():
        grouped.setdefault(entry.cid, []).append(entry)
    return {cid: tuple(sorted(rows, key=lambda e: (e.document, e.line))) for cid, rows in grouped.items()}


def rows_of(cid: str) -> tuple[Entry, ...]:
    """Every printing of ``cid`` in the catalogue, in document and line order (empty if uncatalogued)."""
    return _by_cid().get(cid, ())


def topic_entries(prefix: str) -> list[Entry]:
    return [e for e in entries() if e.cid.split(".", 1)[0] == prefix]


# The five source documents, by the number that starts their file name.
DOCUMENTS = (
    "000_b86ebc3dc5bf1905.txt",
    "001_12f976d491bf7278.txt",
    "002_11ef23a040d51abd.txt",
    "003_62801081b7e370fe.txt",
    "004_bb8d930f00e76ffa.txt",
)


def document_name(number: str) -> str:
    """The file name of the document numbered ``number`` (``"003"`` → ``003_62801081b7e370fe.txt``)."""
    for name in DOCUMENTS:
        if name.startswith(number + "_"):
            return name
    raise LookupError(f"no document numbered {number!r}; the documents are {', '.join(d[:3] for d in DOCUMENTS)}")
