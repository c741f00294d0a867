"""Continuous time: the forward chain as the variance-preserving SDE, and the reverse-time SDE."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

from theorems.engine import Context, Outcome, Printed

from . import ANDERSON, SONG, TOPIC
from .formulas import prove_all


@dataclass(frozen=True)
class SDE:
    """dx = drift dt + diffusion dw, as formulas of (x, β) (and of the data's mean μ and variance v)."""

    latex: str
    drift: Callable[..., Any]
    diffusion: Callable[[Any], Any]


x_sym, mu_sym = sympy.symbols("x mu", real=True)
beta_sym, v_sym, T_sym = sympy.symbols(r"\beta v T", positive=True)


@TOPIC.claim(
    "ddpm.forward_sde",
    method="sympy",
    canonical=SDE(r"dx=-\tfrac12\beta(t)x\,dt+\sqrt{\beta(t)}\,dw", lambda x, b: -b * x / 2, sympy.sqrt),
    printed={"000": Printed(SDE(r"dx_t=-\tfrac12\beta_t x_t\,dt+\sqrt{\beta_t}\,dw_t", lambda x, b: -b * x / 2,
                                sympy.sqrt))},
    depends=("ddpm.forward_transition",),
    references=(SONG,),
    uses_impl=False,
)
def forward_sde(ctx: Context, sde: SDE) -> Outcome:
    """The forward chain is the discretisation of the variance-preserving SDE.

    With β_t = β(t/T)/T and step dt = 1/T, x_{t+1} = √(1-β_t) x_t + √β_t ε has drift
    E[x_{t+1} - x_t]/dt → -½β x and variance Var[x_{t+1} - x_t]/dt → β as T → ∞: the SDE
    dx = -½β(t) x dt + √β(t) dw (Song et al. 2021, eq. 11).
    """
    return prove_all(ctx, [
        [("lim T (√(1 - β/T) - 1) x", sympy.limit(T_sym * (sympy.sqrt(1 - beta_sym / T_sym) - 1) * x_sym, T_sym,
                                                 sympy.oo)),
         ("stated drift", sde.drift(x_sym, beta_sym))],
        [("lim T · β/T (variance per unit time)", sympy.limit(T_sym * beta_sym / T_sym, T_sym, sympy.oo)),
         ("stated diffusion squared", sde.diffusion(beta_sym) ** 2)],
    ])


def reverse_drift(x: Any, mu: Any, v: Any, b: Any) -> Any:
    """-½βx - β ∇ log q_t(x) for q_t = N(μ, v)."""
    return -b * x / 2 - b * (-(x - mu) / v)


@TOPIC.claim(
    "ddpm.reverse_sde",
    method="sympy",
    canonical=SDE(r"dx=[-\tfrac12\beta x-\beta\nabla_x\log q_t(x)]dt+\sqrt\beta\,d\bar w", reverse_drift, sympy.sqrt),
    printed={"000": Printed(
        SDE(r"dx_t=[-\tfrac12\beta_t x_t-\beta_t\nabla\log q_t(x_t)]dt+\sqrt{\beta_t}d\bar w_t", reverse_drift,
            sympy.sqrt),
        reading="Split over lines 1168-1170 with the brackets lost; read with the dt multiplying the whole drift "
                "[-½β x - β ∇log q] (literally only the score term has a dt, which is not an SDE).",
    )},
    depends=("ddpm.forward_sde",),
    references=(ANDERSON, SONG),
    uses_impl=False,
)
def reverse_sde(ctx: Context, sde: SDE) -> Outcome:
    """The reverse-time SDE retraces the forward marginals.

    Run backwards in time (x_{t-dt} = x_t - b dt + g √dt ξ) from q_t, the SDE dx = b dt + g dw̄ with
    b = -½βx - β∇log q_t and g² = β keeps the marginals of the forward SDE (Anderson 1982). Shown for
    Gaussian marginals q_t = N(μ, v), whose forward moments obey μ' = -½βμ and v' = β(1 - v): the reverse step
    gives E: μ - E[b] dt, Var: v - (2v ∂b/∂x - g²) dt, which must be μ - μ' dt and v - v' dt.
    """
    drift = sde.drift(x_sym, mu_sym, v_sym, beta_sym)
    return prove_all(ctx, [
        [("E[b] under N(μ, v) (b is linear in x)", drift.subs(x_sym, mu_sym)), ("μ' = -½βμ", -beta_sym * mu_sym / 2)],
        [("2v ∂b/∂x - g²", 2 * v_sym * sympy.diff(drift, x_sym) - sde.diffusion(beta_sym) ** 2),
         ("v' = β(1 - v)", beta_sym * (1 - v_sym))],
    ])
