"""The per-document view: each course document in line order, its catalogued claims marked on their lines.

A line that the catalogue cites carries one badge per catalogue row: the verdict of that printed variant in this
run (a link to it in the report), or ``not run`` where this run has no check of it. Without the documents the
view is built from the catalogue's quotes alone, and says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..course import catalog
from ..engine.model import Result


@dataclass(frozen=True)
class Badge:
    """One catalogue row (or printed variant) on a line: its claim, its verdict here and where it links."""

    cid: str
    verdict: str
    """A verdict, or ``not run`` when this run has no variant for this printing."""
    href: str | None
    """The link to the variant, relative to the report's folder (``None`` when the claim is not in this run)."""


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    badges: tuple[Badge, ...]


@dataclass(frozen=True)
class DocumentView:
    """What ``document.html.j2`` renders for one document."""

    name: str
    number: str
    from_text: bool
    """True when the lines are the document's own; False when only the catalogue's quotes are shown."""
    lines: tuple[Line, ...]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for line in self.lines:
            for badge in line.badges:
                out[badge.verdict] += 1
        return dict(out)


def document_views(
    results: Sequence[Result], docs: Path | None, href_of: Callable[[str, Result | None], str]
) -> list[DocumentView]:
    """A view of each course document, its lines from ``docs`` where the file is there; ``href_of(cid, result)``
    links a badge to its variant (or, without one, to its claim)."""
    printed = {(r.cid, r.document, r.line): r for r in results if r.document is not None}
    claims_run = {r.cid: r for r in results if r.variant == "canonical"}
    views = []
    for name in catalog.DOCUMENTS:
        badges: dict[int, list[Badge]] = defaultdict(list)
        quotes: dict[int, list[str]] = defaultdict(list)
        placed = set()
        for entry in sorted((e for e in catalog.entries() if e.document == name), key=lambda e: (e.line, e.cid)):
            result = printed.get((entry.cid, name, entry.line))
            if result is not None:
                badges[entry.line].append(Badge(entry.cid, result.verdict.value, href_of(result.cid, result)))
                placed.add((entry.cid, entry.line))
            elif entry.cid in claims_run:  # the claim ran, this printing of it is not one of its variants
                badges[entry.line].append(Badge(entry.cid, "not run", href_of(entry.cid, None)))
            else:
                badges[entry.line].append(Badge(entry.cid, "not run", None))
            quotes[entry.line].append(entry.quote)
        for (cid, document, line), result in sorted(printed.items(), key=lambda kv: (kv[0][2], kv[0][0])):
            if document == name and (cid, line) not in placed:  # a printing the catalogue does not list
                badges[line].append(Badge(cid, result.verdict.value, href_of(result.cid, result)))
                quotes[line].append(result.quote or "")
        path = docs / name if docs is not None else None
        if path is not None and path.is_file():
            text = path.read_text(encoding="utf-8").splitlines()
            lines = tuple(Line(n, body, tuple(badges.get(n, ()))) for n, body in enumerate(text, start=1))
            views.append(DocumentView(name, name[:3], True, lines))
        else:
            lines = tuple(Line(n, "  …  ".join(dict.fromkeys(quotes[n])), tuple(badges[n])) for n in sorted(badges))
            views.append(DocumentView(name, name[:3], False, lines))
    return views
