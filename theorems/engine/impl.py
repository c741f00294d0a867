"""Implementations under test: loading ``module:attr`` specs and guarding every call into them.

Whatever an implementation does wrong (raise, return NaN, return the wrong shape) becomes an
:class:`ImplementationError`, which the runner turns into an ``error`` verdict with the reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np


class UsageError(Exception):
    """A bad command line or ``--impl`` spec (exit status 2)."""


class ImplementationError(Exception):
    """The implementation under test failed: it raised, or returned something unusable."""


def load_factory(spec: str) -> Callable[[], Any]:
    """Resolve ``module:attr`` to the callable it names."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise UsageError(f"--impl expects module:attr (e.g. impls.perceptron:Perceptron), got {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise UsageError(f"cannot import module {module_name!r} for --impl {spec}: {exc}") from exc
    target: Any = module
    for part in attr.split("."):
        if not hasattr(target, part):
            public = sorted(n for n in dir(module) if not n.startswith("_"))
            raise UsageError(f"module {module_name!r} has no attribute {attr!r}; it has: {', '.join(public)}")
        target = getattr(target, part)
    if not callable(target):
        raise UsageError(f"{spec} is not callable: --impl needs a class or a factory")
    return target


class Guarded:
    """A proxy that turns any exception raised by the wrapped implementation into ImplementationError."""

    def __init__(self, obj: Any, name: str) -> None:
        self._obj = obj
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        try:
            value = getattr(self._obj, attr)
        except AttributeError as exc:
            raise ImplementationError(f"{self._name} has no attribute {attr!r} required by the protocol") from exc
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return value(*args, **kwargs)
            except ImplementationError:
                raise
            except Exception as exc:  # any failure of the implementation is its verdict
                raise ImplementationError(f"{self._name}.{attr}() raised {type(exc).__name__}: {exc}") from exc

        return call


def instantiate(factory: Callable[[], Any], name: str, protocol: type | None = None) -> Guarded:
    try:
        obj = factory()
    except Exception as exc:
        raise ImplementationError(f"{name}() raised {type(exc).__name__}: {exc}") from exc
    if protocol is not None:
        missing = [m for m in _protocol_members(protocol) if not hasattr(obj, m)]
        if missing:
            raise ImplementationError(f"{name} does not implement {protocol.__name__}: missing {', '.join(missing)}")
    return Guarded(obj, name)


def _protocol_members(protocol: type) -> list[str]:
    names = getattr(protocol, "__protocol_attrs__", None)
    if names is None:
        names = {n for n in vars(protocol) if not n.startswith("_")}
    return sorted(names)


def as_array(value: Any, *, what: str, shape: tuple[int, ...] | None = None, finite: bool = True) -> np.ndarray:
    """``value`` as a float array, or ImplementationError saying what was wrong with it."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ImplementationError(f"{what} is not numeric: {value!r:.200}") from exc
    if shape is not None and arr.shape != tuple(shape):
        raise ImplementationError(f"{what} has shape {arr.shape}, expected {tuple(shape)}")
    if finite and not np.all(np.isfinite(arr)):
        raise ImplementationError(f"{what} is not finite: {arr!r:.200}")
    return arr


def as_int(value: Any, *, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ImplementationError(f"{what} should be an integer, got {type(value).__name__} {value!r:.100}")
    return int(value)
