"""What a check receives: its seed, profile, implementation under test and a place for plots and tables."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .boundary import Boundary, Guarded, Implementation
from .model import Artifacts, Variant, jsonable
from .profiles import Profile


@dataclass
class Context:
    variant: Variant
    profile: Profile
    seed: int
    """The run's seed, as recorded in results.json."""
    subseed: int
    """This variant's own seed, derived from the run's seed and the variant's key."""
    alpha: float
    """This check's false-failure level: the family budget divided by the number of statistical checks."""
    implementation: Implementation | None = None
    """The implementation under test (the topic's reference unless ``--impl`` names another)."""
    boundary: Boundary | None = None
    _figures: list[dict[str, str]] = field(default_factory=list)
    _tables: list[dict[str, Any]] = field(default_factory=list)
    _derivation: list[dict[str, str]] = field(default_factory=list)

    @property
    def form(self) -> Any:
        """The statement under test: the canonical form or the form a document prints."""
        return self.variant.form

    @property
    def is_canonical(self) -> bool:
        return self.variant.is_canonical

    def rng(self, stream: int = 0) -> np.random.Generator:
        return np.random.default_rng([self.subseed, stream])

    def scaled(self, quick: int) -> int:
        """A size or sample count: ``quick`` in the quick profile, larger in the full one."""
        return quick * self.profile.scale

    def impl(self) -> Guarded:
        """A fresh instance of the implementation under test, every call guarded and its outputs checked."""
        if self.implementation is None:
            raise RuntimeError(f"{self.variant.claim.cid} asked for an implementation but its topic has none")
        return self.implementation.instantiate(self.boundary)

    @contextmanager
    def figure(self, title: str, **subplots: Any) -> Iterator[Any]:
        """A matplotlib (fig, ax) pair whose drawing lands in the report as inline SVG."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=subplots.pop("figsize", (6.0, 3.6)), **subplots)
        try:
            yield fig, ax
            fig.tight_layout()
            buf = io.StringIO()
            fig.savefig(buf, format="svg")
            svg = buf.getvalue()
            self._figures.append({"title": title, "svg": svg[svg.find("<svg"):]})
        finally:
            plt.close(fig)

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self._tables.append({"title": title, "columns": list(columns), "rows": jsonable([list(r) for r in rows])})

    def derivation_step(self, label: str, latex: str, mathml: str) -> None:
        self._derivation.append({"label": label, "latex": latex, "mathml": mathml})

    def artifacts(self) -> Artifacts:
        return Artifacts(tuple(self._figures), tuple(self._tables), tuple(self._derivation))
