"""Wrong implementations and wrong formulas, one module per topic, each naming the claim that rejects it.

Every topic module here defines ``MUTANTS: list[Mutant]``. ``tests/test_mutants.py`` runs each one
and requires its claim to be ``refuted``; it also requires every checkable claim to have a mutant,
since a check that cannot fail is a defect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_SAME: Any = object()


@dataclass(frozen=True)
class Mutant:
    cid: str
    """The canonical claim that must reject this mutant."""
    why: str
    """What is wrong with it, in the words of the report."""
    impl: str | None = None
    """``module:attr`` of a wrong implementation of the claim's topic ..."""
    form: Any = field(default=_SAME)
    """... or a wrong formula substituted for the canonical one."""

    @property
    def name(self) -> str:
        return f"{self.cid}<-{self.why}"
