"""The Robbins–Monro conditions on step sizes, decided with SymPy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from theorems.engine import Comparison, Context, Outcome, Printed, for_each, that

from . import ROBBINS_MONRO, TOPIC

t_sym = sympy.Symbol("t", integer=True, positive=True)


@dataclass(frozen=True)
class Schedule:
    """A step-size schedule α_t and what is claimed of it (None: nothing claimed)."""

    alpha: sympy.Expr
    sum_diverges: bool | None
    squares_summable: bool | None

    def __repr__(self) -> str:
        return f"α_t = {self.alpha}: Σα_t = ∞ {self.sum_diverges}, Σα_t² < ∞ {self.squares_summable}"


def schedules_as_claimed(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """Every claim about Σα_t and Σα_t² agrees with SymPy's convergence test of the series."""

    def prop(s: Schedule) -> list[Comparison]:
        out = []
        for claimed, series, what in ((s.sum_diverges, s.alpha, "Σα_t = ∞"),
                                      (s.squares_summable, s.alpha**2, "Σα_t² < ∞")):
            if claimed is None:
                continue
            converges = bool(sympy.Sum(series, (t_sym, 1, sympy.oo)).is_convergent())
            holds = not converges if what == "Σα_t = ∞" else converges
            out.append(that(holds == claimed, label=f"{what} for α_t = {s.alpha}",
                            message=f"claimed {claimed}, Σ_t {series} {'converges' if converges else 'diverges'}"))
        return out

    return for_each(ctx, schedules, prop, domain_name="the schedules the statement names", complete=True,
                    describe=repr)


HARMONIC = Schedule(1 / t_sym, True, True)


@TOPIC.claim(
    "sgd.robbins_monro_conditions",
    method="exhaustive",
    canonical=(HARMONIC,),
    printed={
        "001": Printed((HARMONIC,), reading="'≤ ∞' read as '< ∞' (as printed it says nothing)."),
        "002": Printed((Schedule(1 / t_sym, True, None),),
                       reading="The first condition; checked on the standard schedule α_t = 1/t."),
        "004": Printed((Schedule(1 / t_sym, True, None),),
                       reading="The first condition; checked on the standard schedule α_t = 1/t."),
    },
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_conditions(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """η_k ∝ 1/k satisfies the Robbins–Monro conditions

    Σ_k 1/k = ∞ and Σ_k 1/k² = π²/6 < ∞ (SymPy's convergence test).
    """
    return schedules_as_claimed(ctx, schedules)


@TOPIC.claim(
    "sgd.robbins_monro_square_summable",
    method="exhaustive",
    canonical=(Schedule(1 / t_sym, None, True),),
    printed={
        "002": Printed((Schedule(1 / t_sym, None, True),),
                       reading="The second condition; checked on the standard schedule α_t = 1/t."),
        "004": Printed((Schedule(1 / t_sym, None, True),),
                       reading="The second condition; checked on the standard schedule α_t = 1/t."),
    },
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_square_summable(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """The harmonic schedule is square-summable

    Σ_t (1/t)² < ∞, the second Robbins–Monro condition (SymPy's convergence test).
    """
    return schedules_as_claimed(ctx, schedules)


@TOPIC.claim(
    "sgd.robbins_monro_examples",
    method="exhaustive",
    canonical=(HARMONIC, Schedule(1 / sympy.sqrt(t_sym), True, False)),
    faithful=("004",),
    printed={
        "002": Printed((Schedule(1 / sympy.sqrt(t_sym), True, True),
                        Schedule(t_sym ** sympy.Rational(-1, 3), True, False))),
    },
    references=[ROBBINS_MONRO],
    uses_impl=False,
)
def robbins_monro_examples(ctx: Context, schedules: Sequence[Schedule]) -> Outcome:
    """Which schedules satisfy the Robbins–Monro conditions

    α_t = 1/t satisfies both (Σ1/t = ∞, Σ1/t² < ∞); α_t = 1/√t only the first (Σ1/t = ∞).
    """
    return schedules_as_claimed(ctx, schedules)
