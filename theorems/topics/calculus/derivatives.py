"""A derivative rule as a document states it, and its check against the implementation under test.

A :class:`Rule` names the function differentiated (built from a :class:`~.strategies.Case`) and the
stated derivative, a formula in the :class:`Terms` of the case: its constants, the values of the smooth
maps f, g, h, u, v at x, and their Jacobians *as the implementation computes them*. The check compares
the implementation's derivative of the whole function with the formula: an identity that fails is
refuted at a minimal case; an implementation that differentiates wrongly is refuted by the rules it breaks.

Tolerance: each stated formula is a sum of products of the terms, so its float64 rounding error is at
most a few ε times the same formula evaluated on the absolute values of the terms; that magnitude, times
64 roundings (:func:`~theorems.engine.within_tolerance`), is the allowance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import Any

import numpy as np

from impls.calculus import HESSIAN_RTOL, Function
from theorems.engine import Comparison, Context, Formula, Outcome, close, for_all, within_tolerance
from theorems.topics.backprop.chain import evaluated

from .strategies import Case, cases


def f_map(case: Case) -> Function:
    """f(x) = tanh(Fx + p) ∈ Rᵐ."""
    return lambda x, xp: xp.tanh(xp.asarray(case.F) @ x + xp.asarray(case.p))


def g_map(case: Case) -> Function:
    """g(x) = sin(Gx + q) ∈ Rᵐ."""
    return lambda x, xp: xp.sin(xp.asarray(case.G) @ x + xp.asarray(case.q))


def h_map(case: Case) -> Function:
    """h(y) = tanh(Cy/(1 + ‖C‖) + e/(1 + ‖e‖)) ∈ Rᵐ, a map of Rᵐ (the outer map of a composition)."""
    inner, shift = case.C / (1 + np.linalg.norm(case.C)), case.e / (1 + np.linalg.norm(case.e))
    return lambda y, xp: xp.tanh(xp.asarray(inner) @ y + xp.asarray(shift))


def u_map(case: Case) -> Function:
    """u(x) = tanh(rᵀx), a scalar."""
    return lambda x, xp: xp.tanh(xp.asarray(case.r) @ x)


def v_map(case: Case) -> Function:
    """v(x) = cos(sᵀx), a scalar."""
    return lambda x, xp: xp.cos(xp.asarray(case.s) @ x)


def outer_scalar(y: Any, xp: Any) -> Any:
    """The scalar map applied to v in u(v(x)): tanh."""
    return xp.tanh(y)


@dataclass(frozen=True)
class Rule:
    """``∂ function / ∂ variable = derivative``: the function as a builder of ``f(·, xp)`` from a case,
    the derivative a formula in the :class:`Terms`; ``variable`` is the case field differentiated."""

    function: Formula
    derivative: Formula
    variable: str = "x"
    order: int = 1
    """1: the Jacobian (the gradient for a scalar function); 2: the Hessian."""


def terms(impl: Any, case: Case) -> dict[str, Any]:
    """The case's constants, the smooth maps' values at x and their Jacobians from the implementation."""
    x = case.x
    f, g, u, v, h = f_map(case), g_map(case), u_map(case), v_map(case), h_map(case)
    values = {fld.name: np.asarray(getattr(case, fld.name), dtype=float) for fld in fields(case)}
    gx = np.asarray(g(x, np))
    values.update(
        f=np.asarray(f(x, np)), g=gx, u=np.asarray(u(x, np)), v=np.asarray(v(x, np)), h=np.asarray(h(gx, np)),
        Jf=impl.jacobian(f, x), Jg=impl.jacobian(g, x), du=impl.jacobian(u, x), dv=impl.jacobian(v, x),
        Jh=impl.jacobian(h, gx), Jhh=impl.jacobian(h, np.asarray(h(gx, np))),
        slope=impl.jacobian(outer_scalar, np.asarray(v(x, np))),
    )
    return values


def derivative_holds(ctx: Context, rule: Rule, *, examples: int | None = None) -> Outcome:
    """The implementation's derivative of ``rule.function`` equals ``rule.derivative`` on every case."""
    impl = ctx.impl()
    operator = f"∂/∂{rule.variable}" if rule.order == 1 else f"∇²_{rule.variable}"
    label = f"{operator} [{rule.function.latex}] = {rule.derivative.latex}"

    def compare(case: Case) -> Comparison:
        values = terms(impl, case)
        point = np.asarray(getattr(case, rule.variable), dtype=float)
        function = rule.function(case)
        got = impl.jacobian(function, point) if rule.order == 1 else impl.hessian(function, point)
        stated = evaluated(rule.derivative, SimpleNamespace(**values), label=label)
        if isinstance(stated, Comparison):
            return stated
        magnitude = rule.derivative(SimpleNamespace(**{k: np.abs(w) for k, w in values.items()}))
        return close(got, stated, label=label, rtol=0.0, atol=allowance(rule, magnitude, got))

    return for_all(ctx, cases(), compare, describe=Case.describe, max_examples=examples or default_examples(ctx))


def allowance(rule: Rule, magnitude: np.ndarray, got: np.ndarray) -> float:
    """64 roundings of the magnitude for a Jacobian; for a Hessian the protocol's relative accuracy
    :data:`~impls.calculus.HESSIAN_RTOL` of the largest magnitude (a central difference's error)."""
    if rule.order == 2:
        return HESSIAN_RTOL * float(np.max(np.abs(magnitude), initial=np.max(np.abs(got), initial=0.0)))
    return within_tolerance(magnitude, got)


def default_examples(ctx: Context) -> int:
    """A fifth of the profile's examples (20 quick, 300 full): each case is a few dozen derivatives."""
    return max(1, ctx.profile.max_examples // 5)


def rule(function: tuple[str, Callable[[Case], Function]], derivative: tuple[str, Callable[[Any], Any]],
         variable: str = "x", order: int = 1) -> Rule:
    """A :class:`Rule` from (LaTeX, builder) and (LaTeX, formula) pairs."""
    return Rule(Formula(*function), Formula(*derivative), variable, order)
