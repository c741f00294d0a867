"""Comparisons a check makes, each carrying the numbers that a failure message and the report show."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Comparison:
    ok: bool
    label: str
    message: str
    """What was expected and what came out, with the numbers."""
    ratio: float | None = None
    """For a bound, measured/bound (≤ 1 when it holds): the tightness the search maximises."""
    numbers: dict[str, Any] | None = None


def _num(x: float) -> str:
    return f"{x:.6g}"


def at_most(value: float, bound: float, *, label: str, rtol: float = 1e-9, atol: float = 0.0) -> Comparison:
    """``value ≤ bound`` (up to float rounding), with tightness ``value / bound``."""
    value, bound = float(value), float(bound)
    ok = value <= bound + rtol * abs(bound) + atol
    ratio = value / bound if bound > 0 and math.isfinite(bound) else None
    rel = "≤" if ok else "≰"
    return Comparison(ok, label, f"{label}: {_num(value)} {rel} {_num(bound)}", ratio, {"value": value, "bound": bound})


def at_least(value: float, bound: float, *, label: str, rtol: float = 1e-9, atol: float = 0.0) -> Comparison:
    """``value ≥ bound`` (up to float rounding), with tightness ``bound / value``."""
    value, bound = float(value), float(bound)
    ok = value >= bound - rtol * abs(bound) - atol
    ratio = bound / value if value > 0 and bound >= 0 and math.isfinite(value) else None
    rel = "≥" if ok else "≱"
    return Comparison(ok, label, f"{label}: {_num(value)} {rel} {_num(bound)}", ratio, {"value": value, "bound": bound})


def close(actual: Any, expected: Any, *, label: str, rtol: float = 1e-9, atol: float = 1e-12) -> Comparison:
    """Element-wise ``|actual - expected| ≤ atol + rtol |expected|``."""
    a = np.asarray(actual, dtype=float)
    e = np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        return Comparison(False, label, f"{label}: shape {a.shape}, expected {e.shape}")
    err = np.abs(a - e)
    ok = bool(np.all(err <= atol + rtol * np.abs(e)))
    worst = int(np.argmax(err)) if err.size else 0
    msg = f"{label}: got {_num(a.flat[worst])}, expected {_num(e.flat[worst])} (|error| {_num(err.flat[worst])})"
    return Comparison(ok, label, msg, None, {"actual": a.tolist(), "expected": e.tolist()})


def equal(actual: Any, expected: Any, *, label: str) -> Comparison:
    ok = bool(np.array_equal(np.asarray(actual), np.asarray(expected)))
    return Comparison(ok, label, f"{label}: got {actual!r:.200}, expected {expected!r:.200}")


def that(condition: bool, *, label: str, message: str) -> Comparison:
    return Comparison(bool(condition), label, f"{label}: {message}")
