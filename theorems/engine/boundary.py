"""The implementation boundary: one typed place where the code under test meets the checks.

A topic declares a :class:`Boundary`: its protocol (a ``typing.Protocol`` in ``impls/<topic>.py``),
its reference implementation, and a check per protocol method that validates what the method
returns (shape, dtype, finiteness). ``--impl`` is resolved once into an :class:`Implementation`;
``ctx.impl()`` gives a :class:`Guarded` instance of it, through which every call passes.

Whatever an implementation does wrong (raise, return NaN, return the wrong shape) becomes an
:class:`ImplementationError`, which the runner turns into an ``error`` verdict with the reason.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


class UsageError(Exception):
    """A bad command line or ``--impl`` spec (exit status 2)."""


class ImplementationError(Exception):
    """The implementation under test failed: it raised, or returned something unusable."""


OutputCheck = Callable[..., Any]
"""``check(result, *args, **kwargs)``: the validated result of a protocol method called with those
arguments, or :class:`ImplementationError` saying what is wrong with it."""


@dataclass(frozen=True)
class Boundary:
    """A topic's implementation boundary: protocol, reference, and a check of each method's outputs."""

    protocol: type
    reference: str
    """``module:attr`` of the reference implementation."""
    outputs: Mapping[str, OutputCheck] = field(default_factory=dict)


@dataclass(frozen=True)
class Implementation:
    """An implementation under test, resolved once from its ``module:attr`` spec."""

    spec: str
    factory: Callable[[], Any]

    @classmethod
    def resolve(cls, spec: str) -> Implementation:
        return cls(spec, load_factory(spec))

    def instantiate(self, boundary: Boundary | None) -> Guarded:
        """A fresh instance, every call into it guarded and its outputs checked."""
        try:
            obj = self.factory()
        except Exception as exc:
            raise ImplementationError(f"{self.spec}() raised {type(exc).__name__}: {exc}") from exc
        if boundary is not None:
            missing = [m for m in protocol_members(boundary.protocol) if not hasattr(obj, m)]
            if missing:
                raise ImplementationError(
                    f"{self.spec} does not implement {boundary.protocol.__name__}: missing {', '.join(missing)}"
                )
        return Guarded(obj, self.spec, boundary.outputs if boundary else {})


def load_factory(spec: str) -> Callable[[], Any]:
    """Resolve ``module:attr`` to the callable it names (modules of the working directory included)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise UsageError(f"--impl expects module:attr (e.g. impls.perceptron:Perceptron), got {spec!r}")
    if os.getcwd() not in sys.path:
        sys.path.append(os.getcwd())
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
    """A proxy that turns any exception raised by the wrapped implementation into ImplementationError
    and passes each protocol method's result through the boundary's check of that method."""

    def __init__(self, obj: Any, name: str, outputs: Mapping[str, OutputCheck] | None = None) -> None:
        self._obj = obj
        self._name = name
        self._outputs = outputs or {}

    def __getattr__(self, attr: str) -> Any:
        try:
            value = getattr(self._obj, attr)
        except AttributeError as exc:
            raise ImplementationError(f"{self._name} has no attribute {attr!r} required by the protocol") from exc
        if not callable(value):
            return value

        check = self._outputs.get(attr)

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = value(*args, **kwargs)
            except ImplementationError:
                raise
            except Exception as exc:  # any failure of the implementation is its verdict
                raise ImplementationError(f"{self._name}.{attr}() raised {type(exc).__name__}: {exc}") from exc
            if check is None:
                return result
            try:
                return check(result, *args, **kwargs)
            except ImplementationError as exc:
                raise ImplementationError(f"{self._name}.{attr}(): {exc}") from exc

        return call


def protocol_members(protocol: type) -> list[str]:
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
