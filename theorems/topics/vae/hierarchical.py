"""Hierarchical VAEs: the top-down factorisations (definitions) and the ELBO written as a sum of log-ratios.

The ELBO identity is derived on a two-level scalar linear-Gaussian model, where every density is Gaussian:
p(z₂) = N(0, 1), p(z₁|z₂) = N(a z₂, u), p(x|z₁) = N(w z₁, s); q(z₂|x) = N(m, v), q(z₁|z₂) = N(b z₂ + e, r).
The left side is E_q[log p(x, z) - log q(z|x)] with p(x, z₁, z₂) and q(z₁, z₂|x) the joint Gaussian densities
(built from their covariance matrices, no factorisation assumed); the right side is the stated sum of terms.
"""

from __future__ import annotations

from typing import Any

import sympy

from theorems.engine import Context, Formula, Outcome, Printed, show, symbolic

from . import SONDERBY, TOPIC
from .expectations import log_normal, standard_normal_expectation

x, a, w, b, e, m = sympy.symbols("x a w b e m", real=True)
u, s, v, r = sympy.symbols("u s v r", positive=True)
eta1, eta2 = sympy.symbols("eta_1 eta_2", real=True)
Z2 = m + sympy.sqrt(v) * eta2
Z1 = b * Z2 + e + sympy.sqrt(r) * eta1


def joint_log_density(values: list[Any], means: list[Any], cov: sympy.Matrix) -> Any:
    """ln N(values; means, cov) of a Gaussian vector, from its covariance matrix."""
    d = sympy.Matrix(values) - sympy.Matrix(means)
    return -(d.T * cov.inv() * d)[0] / 2 - sympy.log((2 * sympy.pi) ** len(values) * cov.det()) / 2


def terms() -> dict[str, Any]:
    """The log-densities of the stated sum at the draw (z₁, z₂) ~ q(·|x), one per factor."""
    var1 = b**2 * v + r  # Var_q z₁
    return {
        "p(x|z1)": log_normal(x, w * Z1, s),
        "p(z1|z2)": log_normal(Z1, a * Z2, u),
        "q(z1|z2)": log_normal(Z1, b * Z2 + e, r),
        "p(z2)": log_normal(Z2, 0, 1),
        "q(z2|x)": log_normal(Z2, m, v),
        # q(z₂|z₁): the conditional of z₂ given z₁ under q(z₁, z₂|x), by Gaussian conditioning
        "q(z2|z1)": log_normal(Z2, m + b * v / var1 * (Z1 - b * m - e), v * r / var1),
    }


def elbo_from_joints() -> Any:
    """E_q[log p(x, z₁, z₂) - log q(z₁, z₂|x)] from the joint Gaussian densities."""
    p_cov = sympy.Matrix([[1, a, a * w], [a, a**2 + u, w * (a**2 + u)], [a * w, w * (a**2 + u), w**2 * (a**2 + u) + s]])
    q_cov = sympy.Matrix([[v, b * v], [b * v, b**2 * v + r]])
    log_ratio = joint_log_density([Z2, Z1, x], [0, 0, 0], p_cov) - joint_log_density([Z2, Z1], [m, b * m + e], q_cov)
    return standard_normal_expectation(sympy.expand(sympy.cancel(log_ratio)), [eta1, eta2])


@TOPIC.claim(
    "vae.hvae_elbo",
    method="sympy",
    canonical=Formula(r"\log p(x|z_1)+\sum_{i=1}^{L-1}\log\frac{p(z_i|z_{i+1})}{q(z_i|z_{i+1})}"
                      r"+\log\frac{p(z_L)}{q(z_L|x)}",
                      lambda t: t["p(x|z1)"] + t["p(z1|z2)"] - t["q(z1|z2)"] + t["p(z2)"] - t["q(z2|x)"]),
    printed={"003": Printed(
        Formula(r"\log p(x|z_1)+\sum_{i=1}^{L-1}\log\frac{p(z_i|z_{i+1})}{q(z_i|z_{i+1})}"
                r"+\log\frac{p(z_L)}{q(z_L|z_{L-1})}",
                lambda t: t["p(x|z1)"] + t["p(z1|z2)"] - t["q(z1|z2)"] + t["p(z2)"] - t["q(z2|z1)"]),
        reading="The i = 1 term and Σ_{i=2}^{L-1} together are the sum over i = 1 … L-1 (with L = 2 the second is "
                "empty). The last term is printed with q(z_L|z_{L-1}), which the top-down q of line 602 does not "
                "have; read as the conditional of z_L given z_{L-1} under q(z|x), the one density that names.",
    )},
    depends=("vae.elbo_bound",),
    references=(SONDERBY,),
    uses_impl=False,
)
def hvae_elbo(ctx: Context, stated: Formula) -> Outcome:
    """The ELBO of a top-down hierarchical VAE as a sum of per-level log-ratios.

    With p(x, z) = p(x|z₁) ∏_{i=1}^{L-1} p(z_i|z_{i+1}) p(z_L) and q(z|x) = q(z_L|x) ∏_{i=1}^{L-1} q(z_i|z_{i+1}):
    E_q[log p(x, z)/q(z|x)] = E_q[log p(x|z₁) + Σ_{i=1}^{L-1} log p(z_i|z_{i+1})/q(z_i|z_{i+1}) + log p(z_L)/q(z_L|x)].
    Proved for L = 2 on the scalar linear-Gaussian model of the module docstring.
    """
    joint, stated_sum = elbo_from_joints(), standard_normal_expectation(stated(terms()), [eta1, eta2])
    show(ctx, "E_q[log p(x,z) - log q(z|x)] (joint densities)", joint)
    show(ctx, "E_q[stated sum]", stated_sum)
    # one expression in, one out: a numeric counterexample then names every symbol it depends on
    return symbolic(ctx, ("E_q[stated sum] - E_q[log p(x,z) - log q(z|x)]", stated_sum - joint), ("0", 0),
                    simplify=lambda d: sympy.simplify(sympy.expand_log(d, force=True)))


TOPIC.not_checkable(
    "vae.hvae_inference",
    title="Top-down inference model of a hierarchical VAE",
    statement="q(z|x) = q(z_L|x) ∏_{i=1}^{L-1} q(z_i|z_{i+1}).",
    reason="A definition (a modelling choice of the variational family): it asserts nothing that could be false. "
           "It is used by vae.hvae_elbo.",
    references=(SONDERBY,),
)

TOPIC.not_checkable(
    "vae.hvae_joint",
    title="Generative model of a hierarchical VAE",
    statement="p(x, z) = p(x|z₁) ∏_{i=1}^{L-1} p(z_i|z_{i+1}) p(z_L) (the top-down Markov chain z_L → … → z₁ → x).",
    reason="A definition of the model. The line prints p_θ(z₁) where p_θ(x|z₁) is meant (x does not appear on the "
           "right-hand side at all), an evident slip rather than a claim; vae.hvae_elbo uses the intended joint.",
    references=(SONDERBY,),
)
