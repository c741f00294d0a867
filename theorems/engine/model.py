"""The claim model: claims, their printed variants, outcomes and results (CONTRACTS.md §1, §3)."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


class Verdict(enum.StrEnum):
    PROVED = "proved"
    HOLDS = "holds"
    CONSISTENT = "consistent"
    REFUTED = "refuted"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"
    NOT_CHECKABLE = "not_checkable"

    @property
    def is_pass(self) -> bool:
        return self in (Verdict.PROVED, Verdict.HOLDS, Verdict.CONSISTENT)


class Method(enum.StrEnum):
    SYMPY = "sympy"
    EXHAUSTIVE = "exhaustive"
    PROPERTY = "property"
    STATISTICAL = "statistical"
    NONE = "none"


CANONICAL = "canonical"


@dataclass(frozen=True)
class Printed:
    """How one document prints a claim, where that differs from the canonical form.

    ``form`` is what the check receives instead of the canonical form (a formula, a flag, ...);
    ``reading`` says how an OCR-damaged or ambiguous line was read; ``statement`` is the printed
    statement that was checked (default: the catalogue's reading of the line).
    """

    form: Any
    reading: str | None = None
    statement: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """A printing with no executable reading: a ``not_checkable`` variant, with the reason."""

    reason: str


@dataclass(frozen=True)
class Printing:
    """One catalogue row of a claim, resolved: where it is printed and what its check receives."""

    document: str
    line: int
    quote: str
    statement: str
    form: Any
    reading: str | None = None
    faithful: bool = False
    """The document prints the canonical form itself (declared by someone who read the line)."""
    reason: str | None = None
    """Why this printing is not checkable (no executable reading), when it is not."""


@dataclass(frozen=True)
class Artifacts:
    """What a check shows besides its verdict: plots, tables and derivation steps."""

    figures: tuple[dict[str, str], ...] = ()
    tables: tuple[dict[str, Any], ...] = ()
    derivation: tuple[dict[str, str], ...] = ()


@dataclass
class Outcome:
    """What a check returns: a verdict and the numbers behind it."""

    verdict: Verdict
    evidence: dict[str, Any] = field(default_factory=dict)
    counterexample: dict[str, Any] | None = None
    reason: str | None = None
    p_value: float | None = None


CheckFn = Callable[..., Outcome]


@dataclass(frozen=True)
class Claim:
    """A named statement with its source, method, dependencies and check."""

    cid: str
    topic: str
    title: str
    statement: str
    method: Method
    check: CheckFn | None
    canonical: Any
    printings: tuple[Printing, ...]
    depends: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    uses_impl: bool = True
    reason: str | None = None
    unread: tuple[str, ...] = ()
    """Catalogue rows (``000:97``) that the declaration neither calls faithful nor reads: a defect."""
    typed: Any = None
    """The claim's formula in named quantities (a :class:`~theorems.engine.typed.TypedForm`), when a user
    can type a variant of it (``theorems try``)."""

    def variants(self) -> list[Variant]:
        out = [Variant(self, CANONICAL, None, None, None, self.statement, self.canonical, None, self.reason)]
        out += [
            Variant(self, p.document, p.document, p.line, p.quote, p.statement, p.form, p.reading, p.reason)
            for p in self.printings
        ]
        return out


@dataclass(frozen=True)
class Variant:
    claim: Claim
    variant: str
    document: str | None
    line: int | None
    quote: str | None
    statement: str
    form: Any
    reading: str | None
    reason: str | None = None
    """Why this variant is not checkable (a definition, a printing with no executable reading)."""

    @property
    def is_canonical(self) -> bool:
        return self.variant == CANONICAL

    @property
    def key(self) -> str:
        """Unique name: ``cid::canonical``, ``cid::document:line``, or ``cid::typed`` for a typed variant."""
        if self.document is None:
            return f"{self.claim.cid}::{self.variant}"
        return f"{self.claim.cid}::{self.document}:{self.line}"


@dataclass
class Result:
    """One row of ``results.json`` (CONTRACTS.md §3) plus what the HTML report shows."""

    cid: str
    variant: str
    document: str | None
    line: int | None
    quote: str | None
    statement: str
    method: str
    impl: str | None
    verdict: Verdict
    evidence: dict[str, Any]
    counterexample: dict[str, Any] | None
    reason: str | None
    seed: int
    duration_s: float
    cpu_s: float | None = None
    """CPU seconds of the check itself (wall time ``duration_s`` depends on the machine's load)."""
    topic: str = ""
    title: str = ""
    canonical_statement: str = ""
    reading: str | None = None
    depends: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    replay: str = ""
    p_value: float | None = None
    source_context: list[tuple[int, str]] | None = None
    quote_verified: bool | None = None
    artifacts: Artifacts = field(default_factory=Artifacts)

    CONTRACT_FIELDS = (
        "cid", "variant", "document", "line", "quote", "statement", "method", "impl",
        "verdict", "evidence", "counterexample", "reason", "seed", "duration_s",
    )

    @property
    def key(self) -> str:
        """The key of the variant this result is for (``cid::canonical`` or ``cid::document:line``)."""
        return f"{self.cid}::{self.variant if self.document is None else f'{self.document}:{self.line}'}"

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {k: getattr(self, k) for k in self.CONTRACT_FIELDS}
        row["verdict"] = self.verdict.value
        row.update(
            cpu_s=self.cpu_s,
            topic=self.topic,
            reading=self.reading,
            depends=list(self.depends),
            replay=self.replay,
            quote_verified=self.quote_verified,
            figures=[f["title"] for f in self.artifacts.figures],
            tables=list(self.artifacts.tables),
            derivation=[{"label": s["label"], "latex": s["latex"]} for s in self.artifacts.derivation],
        )
        return row


def jsonable(value: Any) -> Any:
    """Numbers, strings, lists and dicts only, so that anyone can recompute from the report.

    The result is strict JSON (a non-finite float becomes the string ``"nan"``, ``"inf"`` or
    ``"-inf"``) and holds no memory address (a function is named by its qualified name, a formula
    by its LaTeX), so two runs with one seed write the same text.
    """
    import numpy as np

    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, int | str | bool) or value is None:
        return value
    if isinstance(value, Formula):
        return value.latex
    if hasattr(value, "__dataclass_fields__"):
        return {k: jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    if callable(value):
        return getattr(value, "__qualname__", type(value).__qualname__)
    return _ADDRESS.sub("", str(value))


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass(frozen=True)
class Formula:
    """A formula as a claim states it: LaTeX for the report, a callable for the check."""

    latex: str
    fn: Callable[..., Any]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)

    def __repr__(self) -> str:
        return f"Formula({self.latex!r})"
