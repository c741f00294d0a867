"""Random networks at initialisation: half of the ReLUs active, orthogonal weights, residual branches."""

from __future__ import annotations

import numpy as np
import sympy

from theorems.engine import Context, Outcome, Printed, Verdict, all_of, close, for_all, symbolic, within_tolerance
from theorems.stats import binomial_detectable, binomial_p_value

from . import HE, MEZZADRI, SAXE, TOPIC
from .samples import Test, combined, energy_test, forward, sign_test
from .strategies import orthogonal_draws
from .variance import evaluated

z, s = sympy.Symbol("z", real=True), sympy.Symbol("sigma", positive=True)
depth, a = sympy.symbols("n a", positive=True)
size = sympy.Symbol("m", positive=True, integer=True)


def gaussian_density(x: sympy.Expr) -> sympy.Expr:
    return sympy.exp(-x**2 / (2 * s**2)) / (s * sympy.sqrt(2 * sympy.pi))


@TOPIC.claim(
    "init.relu_half_active",
    method="statistical",
    canonical=sympy.Rational(1, 2),
    faithful=("000",),
    references=(HE,),
)
def relu_half_active(ctx: Context, share: sympy.Expr) -> Outcome:
    """Half of the ReLUs of a randomly initialised network are active.

    A pre-activation z ~ N(0, σ²) is positive with probability ∫₀^∞ φ_σ = ½, and E[ReLU(z)²] = σ²/2:
    the factor 2 of He initialisation (SymPy). In a ReLU network with the implementation's Kaiming
    normal weights, given the previous layer every pre-activation wᵢ·h is symmetric about 0, so the
    active units of all layers together are exactly Binomial(units, ½): an exact binomial test.
    """
    width, layers = ctx.scaled(256), 8
    seed = int(ctx.rng().integers(2**31))

    def network() -> Outcome:
        z_layers = forward(ctx.impl().kaiming_normal, [width] * (layers + 1), seed, rectified=True)[1:]
        active, units = sum(int(np.count_nonzero(v > 0)) for v in z_layers), width * layers
        ctx.table("active units per layer", ["layer", "active", "width"],
                  [[k + 1, int(np.count_nonzero(v > 0)), width] for k, v in enumerate(z_layers)])
        test = Test(binomial_p_value(active, units, float(share)),
                    f"P(active) off {float(share):g} by {binomial_detectable(units, float(share), ctx.alpha):.3g} "
                    f"({active}/{units} active)")
        return combined(ctx, {"exact binomial test of the active units": test},
                        evidence={"width": width, "layers": layers, "active": active, "units": units})

    return all_of({
        "P(z > 0)": lambda: symbolic(ctx, (r"P(z>0) = \int_0^\infty \varphi_\sigma", sympy.Integral(
            gaussian_density(z), (z, 0, sympy.oo))), ("stated share", share), simplify=evaluated),
        "E[ReLU(z)²]": lambda: symbolic(ctx, (r"E[\mathrm{ReLU}(z)^2] = \int_0^\infty z^2 \varphi_\sigma",
                                              sympy.Integral(z**2 * gaussian_density(z), (z, 0, sympy.oo))),
                                        (r"\text{share}\cdot\sigma^2", share * s**2), simplify=evaluated),
        "network": network,
    })


@TOPIC.claim(
    "init.orthogonal_scaling",
    method="statistical",
    canonical=sympy.sqrt(size),
    faithful=("000",),
    references=(SAXE, MEZZADRI),
)
def orthogonal_scaling(ctx: Context, scale: sympy.Expr) -> Outcome:
    """Scaled orthogonal initialisation: W = √m Q with Q Haar on O(m) has WᵀW = WWᵀ = mI.

    Checked on the implementation's orthogonal matrices for m = 1…64 to float64 rounding, and the
    law tested: for Haar Q the entry Q₁₁ is symmetric about 0, so over independent draws the number
    of positive Q₁₁ is Binomial(draws, ½) (a QR factorisation without its sign fix gives Q₁₁ < 0 always).
    """
    impl = ctx.impl()

    def gram(draw: tuple[int, int]) -> list:
        m, seed = draw
        w = float(scale.subs(size, m)) * impl.orthogonal(m, seed)
        target = m * np.eye(m)
        slack = within_tolerance(target, operations=64 * m)
        return [close(w.T @ w, target, label="WᵀW = mI", rtol=0, atol=slack),
                close(w @ w.T, target, label="WWᵀ = mI", rtol=0, atol=slack)]

    def haar() -> Outcome:
        draws, m = ctx.scaled(300), 4
        first = np.array([impl.orthogonal(m, int(seed))[0, 0] for seed in ctx.rng(1).integers(2**31, size=draws)])
        return combined(ctx, {"sign test of Q₁₁": sign_test(first, ctx.alpha)}, evidence={"m": m, "draws": draws})

    return all_of({"identity": lambda: for_all(ctx, orthogonal_draws(), gram,
                                               describe=lambda d: {"m": d[0], "seed": d[1]}),
                   "Haar law": haar})


@TOPIC.claim(
    "init.residual_branch_scaling",
    method="statistical",
    canonical=a / depth,
    printed={"003": Printed(a / depth,
                            reading="OCR prints 'α² = α/a for a > 0' (α on both sides): read as α² = a/n, the "
                                    "only reading with the depth n that the limit n → ∞ needs (the 1/√depth "
                                    "scaling of residual branches). The literal α = 1/a, a constant, gives "
                                    "E‖y_n‖² = (1 + 1/a²)ⁿ‖x‖² → ∞.")},
)
def residual_branch_scaling(ctx: Context, alpha2: sympy.Expr) -> Outcome:
    """Residual branches scaled by α = √(a/n) keep E‖y_n‖² finite as the depth n → ∞.

    For y_k = y_(k-1) + α Θ_k y_(k-1) with Θ_k independent, zero-mean, Var = 1/d entries, E‖y_k‖² =
    (1 + α²) E‖y_(k-1)‖², so E‖y_n‖² = (1 + α²)ⁿ‖x‖² → e^a‖x‖² for α² = a/n (SymPy). The premise is
    tested on the implementation's Xavier normal d × d weights (Var = 2/(d + d) = 1/d): given y_(k-1)
    each branch output Θ_k y_(k-1) is N(0, ‖y_(k-1)‖²/d) entry-wise, a pooled exact χ² test.
    """
    limit = sympy.limit((1 + alpha2) ** depth, depth, sympy.oo)
    if limit.is_finite is not True:
        return Outcome(Verdict.REFUTED, {"α²": str(alpha2)},
                       {"α²": str(alpha2), "lim (1 + α²)ⁿ": str(limit)},
                       reason=f"with α² = {alpha2} the bound E‖y_n‖² = (1 + α²)ⁿ‖x‖² tends to {limit}")
    width, blocks, a_value = ctx.scaled(128), 50, 1.0
    alpha = float(sympy.sqrt(alpha2.subs({depth: blocks, a: a_value})))
    seed = int(ctx.rng().integers(2**31))

    def network() -> Outcome:
        impl = ctx.impl()
        y = [np.random.default_rng(seed).standard_normal(width)]
        branches = []
        for k in range(1, blocks + 1):
            branches.append(impl.xavier_normal(width, width, seed + k) @ y[-1])
            y.append(y[-1] + alpha * branches[-1])
        energy = [float(v @ v / (y[0] @ y[0])) for v in y]
        ctx.table(f"‖y_k‖²/‖x‖² against (1 + α²)^k, α² = {alpha**2:.4g}", ["k", "measured", "(1 + α²)^k"],
                  [[k, energy[k], (1 + alpha**2) ** k] for k in range(0, blocks + 1, 10)])
        return combined(ctx, {"χ² test of the branch outputs": energy_test(branches, y[:-1], [1 / width] * blocks,
                                                                           ctx.alpha)},
                        evidence={"width": width, "blocks": blocks, "a": a_value, "‖y_n‖²/‖x‖²": energy[-1],
                                  "e^a": float(np.exp(a_value))})

    return all_of({
        "limit": lambda: symbolic(ctx, (r"\lim_{n\to\infty}(1+\alpha^2)^n", sympy.Limit((1 + alpha2) ** depth, depth,
                                                                                       sympy.oo)),
                                  (r"e^a", sympy.exp(a)), simplify=evaluated),
        "network": network,
    })
