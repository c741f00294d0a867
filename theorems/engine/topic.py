"""Topics and the claim registry.

A topic module (``theorems/perceptron.py``) creates one :class:`Topic` named ``TOPIC`` and declares
its claims with ``@TOPIC.claim(...)``: the decorated function is the check, its docstring the
canonical statement and its source.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from . import catalog
from .model import Claim, Method, Printed, Variant

_NOT_TOPICS = {"engine", "strategies", "cli", "pytest_plugin", "__main__"}


class Topic:
    def __init__(
        self,
        name: str,
        title: str,
        *,
        summary: str = "",
        protocol: type | None = None,
        reference: str | None = None,
    ) -> None:
        self.name = name
        self.title = title
        self.summary = summary
        self.protocol = protocol
        self.reference = reference
        """``module:attr`` of the reference implementation the canonical claims run against."""
        self.claims: dict[str, Claim] = {}

    def claim(
        self,
        cid: str,
        *,
        method: str,
        canonical: Any = None,
        printed: Sequence[Printed] = (),
        depends: Sequence[str] = (),
        references: Sequence[str] = (),
        uses_impl: bool = True,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare the decorated check as the claim ``cid``; its docstring states the claim."""

        def register(check: Callable[..., Any]) -> Callable[..., Any]:
            doc = inspect.getdoc(check) or ""
            title, _, body = doc.partition("\n\n")
            self._add(
                Claim(
                    cid=cid,
                    topic=self.name,
                    title=title.strip(),
                    statement=(body or title).strip(),
                    method=Method(method),
                    check=check,
                    canonical=canonical,
                    printed=tuple(_resolve(cid, p) for p in printed),
                    depends=tuple(depends),
                    references=tuple(references),
                    uses_impl=uses_impl and self.reference is not None,
                )
            )
            return check

        return register

    def not_checkable(
        self, cid: str, *, title: str, statement: str, reason: str, printed: Sequence[Printed] = ()
    ) -> None:
        """Declare a claim that no check can decide (a definition, a vague remark), with the reason."""
        self._add(
            Claim(
                cid=cid, topic=self.name, title=title, statement=statement, method=Method.NONE,
                check=None, canonical=None, printed=tuple(_resolve(cid, p) for p in printed),
                uses_impl=False, reason=reason,
            )
        )

    def _add(self, claim: Claim) -> None:
        if not claim.cid.startswith(self.name + ".") and claim.cid.split(".")[0] not in _ALIASES.get(self.name, ()):
            raise ValueError(f"claim {claim.cid} does not belong to topic {self.name}")
        if claim.cid in self.claims:
            raise ValueError(f"claim {claim.cid} declared twice")
        self.claims[claim.cid] = claim


_ALIASES = {
    # A topic may own catalogue ids of a neighbouring prefix (e.g. Willshaw memories in the Hopfield topic).
    "hopfield": ("willshaw",),
    "cover": ("approximation",),
    "sgd": ("optim",),
    "gan": ("infotheory",),
    "ddpm": ("probability",),
}


def _resolve(cid: str, printed: Printed) -> Printed:
    """Fill line and quote from the catalogue where the declaration leaves them out."""
    if printed.line is not None and printed.quote is not None:
        return printed
    entry = catalog.lookup(cid, printed.document, printed.line)
    return Printed(
        document=printed.document,
        form=printed.form,
        statement=printed.statement,
        line=entry.line,
        quote=entry.quote if printed.quote is None else printed.quote,
        reading=printed.reading,
    )


@cache
def _discover() -> tuple[dict[str, Topic], dict[str, str]]:
    import theorems

    found: dict[str, Topic] = {}
    broken: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(theorems.__path__), key=lambda i: i.name):
        if info.name in _NOT_TOPICS or info.name.startswith("_") or info.name == "api":
            continue
        try:
            module = importlib.import_module(f"theorems.{info.name}")
        except Exception as exc:  # noqa: BLE001 - one broken topic must not take the others down
            broken[info.name] = f"{type(exc).__name__}: {exc}"
            continue
        topic = getattr(module, "TOPIC", None)
        if isinstance(topic, Topic):
            found[topic.name] = topic
    return found, broken


def topics() -> dict[str, Topic]:
    """Every topic module of the ``theorems`` package that imports, by name."""
    return _discover()[0]


def import_errors() -> dict[str, str]:
    """Topic modules that failed to import, with the error (reported, never silently dropped)."""
    return _discover()[1]


def all_claims() -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for topic in topics().values():
        for cid, claim in topic.claims.items():
            if cid in claims:
                raise ValueError(f"claim {cid} declared by both {claims[cid].topic} and {topic.name}")
            claims[cid] = claim
    return claims


def all_variants() -> list[Variant]:
    return [v for c in all_claims().values() for v in c.variants()]
