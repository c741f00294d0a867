"""Implementations that are a topic's reference except for one protocol method, which answers slightly wrong.

Two ways, each a namespace of factories usable with ``--impl``:

* ``NUDGED.<topic>__<method>``: ``method`` returns its value nudged: floats off by a relative 1e-3,
  integers off by one, ±1 and 0/1 patterns with one entry flipped;
* ``COARSE_NUDGED.<topic>__<method>``: the same nudge, 10 % instead of 0.1 %, for samples that a
  calibrated test compares only up to its stated power;
* ``SHIFTED.<topic>__<method>``: ``method`` answers for nudged arguments: a genuine, self-consistent
  output of the method, but for another input (for structured results, such as a trajectory, that
  a value nudge would only make inconsistent).

Every protocol method must be compared for its values by some canonical claim, so one of these must
be caught (``tests/test_protocol_coverage.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np

from theorems.engine.boundary import load_factory, protocol_members
from theorems.engine.registry import topics

FINE, COARSE = 1e-3, 1e-1
"""Relative sizes of a nudge: what an exact comparison must notice, and what a calibrated test must."""


def nudge(value: Any, relative: float = FINE) -> Any:
    """``value`` made slightly wrong, keeping its type and shape (unchanged if it holds no number)."""
    if isinstance(value, bool | np.bool_):
        return not value
    if isinstance(value, int | np.integer):
        return value + 1
    if isinstance(value, float | np.floating):
        return value * (1 + relative) + relative
    if isinstance(value, np.ndarray):
        return _nudge_array(value, relative)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(nudge(v, relative) for v in value))
    if isinstance(value, tuple | list):
        return type(value)(nudge(v, relative) for v in value)
    if isinstance(value, dict):
        return {k: nudge(v, relative) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: nudge(getattr(value, f.name), relative) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def _nudge_array(array: np.ndarray, relative: float) -> np.ndarray:
    if array.size == 0:
        return array
    out = array.copy()
    flat = out.reshape(-1)
    if array.dtype == bool:
        flat[0] = not flat[0]
    elif np.issubdtype(array.dtype, np.integer):
        flat[0] += 1
    elif np.all(np.isin(array, (-1.0, 1.0))):
        flat[0] = -flat[0]
    elif np.all(np.isin(array, (0.0, 1.0))):
        flat[0] = 1.0 - flat[0]
    elif np.iscomplexobj(array) or np.issubdtype(array.dtype, np.floating):
        out = array * (1 + relative) + relative * np.where(array == 0, 1.0, 0.0)
    return out


class Nudged:
    """The reference, with ``method``'s results nudged by ``relative`` (or, with ``inputs``, its arguments)."""

    def __init__(self, reference: Any, method: str, *, inputs: bool = False, relative: float = FINE) -> None:
        self._reference = reference
        self._method = method
        self._inputs = inputs
        self._relative = relative

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._reference, name)
        if name != self._method or not callable(attribute):
            return attribute
        if self._inputs:
            return lambda *args, **kwargs: attribute(*nudge(list(args), self._relative), **kwargs)
        return lambda *args, **kwargs: nudge(attribute(*args, **kwargs), self._relative)


def _factory(reference: str, method: str, **how: Any) -> Callable[[], Nudged]:
    return lambda: Nudged(load_factory(reference)(), method, **how)


def protocol_methods() -> dict[str, list[str]]:
    """Each topic with an implementation boundary, with the methods of its protocol."""
    return {name: protocol_members(t.boundary.protocol) for name, t in topics().items() if t.boundary is not None}


def _namespace(**how: Any) -> SimpleNamespace:
    return SimpleNamespace(**{
        f"{name}__{method}": _factory(topics()[name].reference, method, **how)
        for name, methods in protocol_methods().items() for method in methods
    })


NUDGED = _namespace()
COARSE_NUDGED = _namespace(relative=COARSE)
"""For random outputs (samples), which a calibrated test compares only up to its stated power."""
SHIFTED = _namespace(inputs=True)


def caught(verdict: str, reason: str | None, method: str, *, inputs: bool) -> bool:
    """A nudged value is caught when a claim refutes it; a shifted input also when the boundary's check
    of ``method``'s output (which compares it with its own arguments) rejects it."""
    return verdict == "refuted" or (inputs and verdict == "error" and f".{method}(): " in (reason or ""))
