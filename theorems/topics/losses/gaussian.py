"""The Gaussian negative log-likelihood is the squared loss (with its ½) scaled by 1/σ², plus a constant.

For y ~ N(v, σ²I_d): -log p(y) = ‖y - v‖²/(2σ²) + (d/2) log(2πσ²). A printing that writes "+ const"
claims that the remainder does not depend on the mean v (the model's output, the only thing training
moves); one that names the constant claims its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, close, for_all, within_tolerance

from . import TOPIC
from .forms import float_examples, proved_entries
from .strategies import Case, gaussian_cases

D = 3
"""The proof runs in dimension 3 (each coordinate generic, the constant's d/2 visible)."""


@dataclass(frozen=True)
class NegativeLogLikelihood:
    """-log p(y) = quadratic(y, v, σ²) + constant(d, σ²); ``constant`` None for a printed "+ const"."""

    quadratic: Formula
    constant: Formula | None


def norm_squared(r: Any) -> Any:
    return sum(ri * ri for ri in r)


QUADRATIC = Formula(r"\frac{1}{2\sigma^2}\|y-v\|^2",
                    lambda y, v, var: norm_squared([yi - vi for yi, vi in zip(y, v, strict=True)]) / (2 * var))
CONSTANT = Formula(r"\frac d2\log(2\pi\sigma^2)",
                   lambda d, var: sympy.Rational(d, 2) * sympy.log(2 * sympy.pi * var) if isinstance(var, sympy.Basic)
                   else d / 2 * np.log(2 * np.pi * var))
UP_TO_A_CONSTANT = NegativeLogLikelihood(QUADRATIC, None)


def density(y: Any, v: Any, var: Any) -> Any:
    """The N(v, σ²) density of one coordinate."""
    return sympy.exp(-(y - v) ** 2 / (2 * var)) / sympy.sqrt(2 * sympy.pi * var)


@TOPIC.claim(
    "losses.gaussian_nll_squared",
    method="sympy",
    canonical=NegativeLogLikelihood(QUADRATIC, CONSTANT),
    faithful=("003",),
    printed={
        "000": Printed(UP_TO_A_CONSTANT,
                       reading="S is the sample, y = (y_i) its labels, f(θ) = (f(x_i; θ)) the model's outputs and "
                               "γ² the noise variance; \"+ const\" is read as a term that does not depend on "
                               "θ, i.e. on the mean f(θ) (its value is checked in document 003's printing)."),
        "001": Printed(UP_TO_A_CONSTANT,
                       reading="\"Replace with isotropic Gaussian to get squared loss\": p(y; v) = N(y; v, σ²I) "
                               "gives -log p = ‖y - v‖²/(2σ²) + a term free of v, the squared loss ½‖y - v‖² "
                               "scaled by 1/σ²."),
    },
)
def gaussian_nll_squared(ctx: Context, stated: NegativeLogLikelihood) -> Outcome:
    """The Gaussian negative log-likelihood is a scaled squared loss.

    For p(y | v) = N(y; v, σ²I_d): -log p(y | v) = ‖y - v‖²/(2σ²) + (d/2) log(2πσ²), i.e.
    log p = -‖y - v‖²/(2σ²) - (d/2) log(2πσ²); the squared loss ½‖y - v‖² is the case σ = 1 up to the
    constant. Checked: the implementation's -log p minus the stated quadratic term is the stated constant
    and the same for two means v, v′ (d = 1..4, entries up to ±1e6, σ² in [1e-6, 1e6]); its squared loss
    equals the quadratic term at σ² = 1; then proved in dimension 3.
    """
    impl = ctx.impl()
    y, v = sympy.symbols(f"y_1:{D + 1}", real=True), sympy.symbols(f"v_1:{D + 1}", real=True)
    var = sympy.Symbol(r"\sigma^2", positive=True)
    remainder = (-sympy.log(sympy.Mul(*(density(yi, vi, var) for yi, vi in zip(y, v, strict=True))))
                 - stated.quadratic(y, v, var))

    def remainder_of(c: Case) -> list[Comparison]:
        means = (c["v"], c["v2"])
        quadratics = [stated.quadratic(c["y"], mean, c["var"]) for mean in means]
        first, second = (impl.gaussian_nll(c["y"], mean, c["var"]) - q
                         for mean, q in zip(means, quadratics, strict=True))
        slack = within_tolerance(first, second, *quadratics)
        found = [close(first, second, label="-log p - quadratic is the same at v and v′", rtol=1e-9, atol=slack)]
        if stated.constant is not None:
            constant = stated.constant(len(c["y"]), c["var"])
            found.append(close(first, constant, label=f"-log p - quadratic = {stated.constant.latex}", rtol=1e-9,
                               atol=slack + within_tolerance(constant)))
        return found

    def squared_loss(c: Case) -> Comparison:
        got, want = impl.squared_loss(c["y"], c["v"]), stated.quadratic(c["y"], c["v"], 1.0)
        return close(got, want, label=f"squared loss = {stated.quadratic.latex} at σ² = 1", rtol=1e-9,
                     atol=within_tolerance(got, want))

    if stated.constant is None:
        algebra = {"free of v": ((r"\partial_{v_1}(-\log p-\text{quadratic})", sympy.diff(remainder, v[0])),
                                 ("0", sympy.Integer(0)))}
    else:
        algebra = {"constant": ((r"-\log p-\text{quadratic}", remainder),
                                (stated.constant.latex, stated.constant(D, var)))}
    with np.errstate(all="ignore"):
        return all_of({
            "-log p, float64": lambda: for_all(ctx, gaussian_cases(), remainder_of, max_examples=float_examples(ctx)),
            "squared loss": lambda: for_all(ctx, gaussian_cases(), squared_loss, max_examples=float_examples(ctx)),
            **proved_entries(ctx, algebra),
        })
