"""Topics and the claim registry.

A topic is a package ``theorems/topics/<prefix>/`` named after its catalogue prefix. Its
``__init__.py`` creates one :class:`Topic` named ``TOPIC``; its section modules (listed in
``TOPIC.sections``) declare claims with ``@TOPIC.claim(...)``: the decorated function is the check,
its docstring the canonical statement and its source. The topics themselves are listed, explicitly,
in ``theorems/topics/__init__.py``.

Printed variants come from the catalogue: every catalogue row of a declared claim becomes a
variant. A declaration names (a) the documents whose printing is the canonical form
(``faithful=("000", "003")``) and (b) for each printing that differs, what it says
(``printed={"001": Printed(form, reading=...)}``, or ``Unreadable(reason)`` when it has no
executable reading). A document that prints the claim twice is named with its line (``"001:97"``).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from ..course import catalog
from .boundary import Boundary
from .model import Claim, Method, Printed, Printing, Unreadable, Variant
from .typed import TypedForm

UNREAD = "this printing has not been read: the claim's declaration neither calls it faithful nor says what it prints"


class Topic:
    """One catalogue prefix: its claims, the sections that declare them, and its implementation boundary."""

    def __init__(
        self,
        name: str,
        title: str,
        *,
        summary: str = "",
        sections: Sequence[str] = (),
        boundary: Boundary | None = None,
        libraries: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.title = title
        self.summary = summary
        self.sections = tuple(sections)
        """Modules of the topic's package that declare claims, imported in this order."""
        self.boundary = boundary
        """The protocol the canonical claims check, its reference implementation and output checks."""
        self.libraries = tuple(libraries)
        """Distributions whose versions the report records (numpy, sympy, ... are always recorded)."""
        self.claims: dict[str, Claim] = {}

    @property
    def protocol(self) -> type | None:
        return self.boundary.protocol if self.boundary else None

    @property
    def reference(self) -> str | None:
        """``module:attr`` of the reference implementation the canonical claims run against."""
        return self.boundary.reference if self.boundary else None

    def claim(
        self,
        cid: str,
        *,
        method: str,
        canonical: Any = None,
        faithful: Sequence[str] = (),
        printed: Mapping[str, Printed | Unreadable] | None = None,
        depends: Sequence[str] = (),
        references: Sequence[str] = (),
        uses_impl: bool = True,
        typed: TypedForm | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare the decorated check as the claim ``cid``; its docstring states the claim.

        ``faithful`` lists the documents (``"003"``, or ``"003:24"`` where it prints the claim twice)
        that print the canonical form; ``printed`` maps each other printing to what it says; ``typed``
        states the formula in named quantities, so that a user can type a variant (``theorems try``).
        """

        def register(check: Callable[..., Any]) -> Callable[..., Any]:
            doc = inspect.getdoc(check) or ""
            title, _, body = doc.partition("\n\n")
            printings, unread = _printings(cid, canonical, faithful, printed or {})
            self._add(
                Claim(
                    cid=cid,
                    topic=self.name,
                    title=title.strip(),
                    statement=(body or title).strip(),
                    method=Method(method),
                    check=check,
                    canonical=canonical,
                    printings=printings,
                    depends=tuple(depends),
                    references=tuple(references),
                    uses_impl=uses_impl and self.boundary is not None,
                    unread=unread,
                    typed=typed,
                )
            )
            return check

        return register

    def not_checkable(
        self, cid: str, *, title: str, statement: str, reason: str, references: Sequence[str] = ()
    ) -> None:
        """Declare a claim that no check can decide (a definition, a statement with no constant).

        Each of its printings is a ``not_checkable`` variant with the same reason.
        """
        printings = tuple(
            Printing(row.document, row.line, row.quote, row.statement, None, reason=reason)
            for row in catalog.rows_of(cid)
        )
        self._add(
            Claim(
                cid=cid, topic=self.name, title=title, statement=statement, method=Method.NONE,
                check=None, canonical=None, printings=printings, references=tuple(references),
                uses_impl=False, reason=reason,
            )
        )

    def _add(self, claim: Claim) -> None:
        if claim.cid.split(".", 1)[0] != self.name:
            raise ValueError(f"claim {claim.cid} does not belong to topic {self.name}: its prefix names its topic")
        if claim.cid in self.claims:
            raise ValueError(f"claim {claim.cid} declared twice")
        self.claims[claim.cid] = claim


def _printings(
    cid: str, canonical: Any, faithful: Sequence[str], printed: Mapping[str, Printed | Unreadable]
) -> tuple[tuple[Printing, ...], tuple[str, ...]]:
    """One printing per catalogue row of ``cid``, and the rows the declaration does not account for."""
    rows = catalog.rows_of(cid)
    declared: dict[catalog.Entry, Printed | Unreadable | None] = {}
    for key, spec in [*((k, None) for k in faithful), *printed.items()]:
        row = _row(cid, rows, key)
        if row in declared:
            raise ValueError(f"{cid}: the printing {row.where} is declared twice")
        declared[row] = spec
    printings, unread = [], []
    for row in rows:
        if row not in declared:
            unread.append(row.where)
            printings.append(Printing(row.document, row.line, row.quote, row.statement, None, reason=UNREAD))
            continue
        spec = declared[row]
        if spec is None:
            printings.append(Printing(row.document, row.line, row.quote, row.statement, canonical, faithful=True))
        elif isinstance(spec, Unreadable):
            printings.append(Printing(row.document, row.line, row.quote, row.statement, None, reason=spec.reason))
        else:
            printings.append(Printing(row.document, row.line, row.quote, spec.statement or row.statement,
                                      spec.form, reading=spec.reading))
    return tuple(printings), tuple(unread)


def _row(cid: str, rows: Sequence[catalog.Entry], key: str) -> catalog.Entry:
    """The row that ``key`` (``"003"`` or ``"003:24"``) names among the rows of ``cid``."""
    number, _, line = key.partition(":")
    found = [r for r in rows if r.document.startswith(number + "_") and (not line or r.line == int(line))]
    if len(found) != 1:
        where = ", ".join(r.where for r in rows) or "none"
        hint = "name the line (\"003:24\")" if len(found) > 1 else "it is not a catalogue row of this claim"
        raise ValueError(f"{cid}: printing {key!r} matches {len(found)} catalogue rows ({hint}); its rows: {where}")
    return found[0]


@cache
def _load() -> tuple[dict[str, Topic], dict[str, str]]:
    from theorems.topics import TOPICS

    found: dict[str, Topic] = {}
    broken: dict[str, str] = {}
    for name in TOPICS:
        module = f"theorems.topics.{name}"
        try:
            topic = importlib.import_module(module).TOPIC
            for section in topic.sections:
                importlib.import_module(f"{module}.{section}")
        except Exception as exc:  # noqa: BLE001 - one broken topic must not take the others down
            broken[name] = f"{type(exc).__name__}: {exc}"
            continue
        if topic.name != name:
            broken[name] = f"the package {module} declares the topic {topic.name!r}"
            continue
        found[name] = topic
    return found, broken


def topics() -> dict[str, Topic]:
    """Every registered topic that loads, by name (= catalogue prefix)."""
    return _load()[0]


def import_errors() -> dict[str, str]:
    """Registered topics that failed to load, with the error (reported, never silently dropped)."""
    return _load()[1]


def all_claims() -> dict[str, Claim]:
    return {cid: claim for topic in topics().values() for cid, claim in topic.claims.items()}


def all_variants() -> list[Variant]:
    return [v for c in all_claims().values() for v in c.variants()]
