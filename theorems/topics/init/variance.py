"""The variance of an initialisation law, and the laws of LeCun, Glorot/Xavier and He/Kaiming.

A law is stated by the variance of its normal form N(0, γ) and the half-width a of its uniform form
U[-a, a], whose variance is a²/3 (proved here once). Each claim proves that its law has the variance
that keeps the signal's variance, then tests the implementation's draws against the law exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from theorems.engine import Context, Outcome, Printed, all_of, symbolic

from . import GLOROT, HE, LECUN, TOPIC
from .samples import (
    Test,
    backward,
    combined,
    energy_test,
    forward,
    level,
    mean_squares,
    normal_law,
    relu,
    uniform_law,
)

n, m, sigma, c = sympy.symbols("n m sigma c", positive=True)
w = sympy.Symbol("w", real=True)
"""n: fan-in, m: fan-out, σ: a standard deviation, c: the half-width of a uniform law in units of σ."""


@dataclass(frozen=True)
class Law:
    """An initialisation as a document states it, in the fan-in ``n`` and fan-out ``m``: the variance γ
    of its normal form N(0, γ) and the half-width a of its uniform form U[-a, a] (None: not stated)."""

    variance: sympy.Expr | None = None
    half_width: sympy.Expr | None = None


def uniform_variance(a: sympy.Expr) -> sympy.Integral:
    """Var U[-a, a] = ∫ w² dw/(2a) over [-a, a] (the mean is 0 by symmetry)."""
    return sympy.Integral(w**2 / (2 * a), (w, -a, a))


def evaluated(expr: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(sympy.sympify(expr).doit())


def has_variance(ctx: Context, law: Law, target: sympy.Expr) -> Outcome:
    """Each stated form of ``law`` has the variance ``target`` (SymPy, every step shown)."""
    parts = {}
    if law.variance is not None:
        parts["normal form"] = lambda: symbolic(ctx, (r"\mathrm{Var}\,N(0,\gamma) = \gamma", law.variance),
                                                ("target", target))
    if law.half_width is not None:
        a = law.half_width
        parts["uniform form"] = lambda: symbolic(
            ctx, (r"\mathrm{Var}\,U[-a,a] = \int_{-a}^{a} \frac{w^2}{2a}\,dw", uniform_variance(a)),
            (r"a^2/3", a**2 / 3), ("target", target),
            simplify=evaluated, domain={n: (1.0, 1000.0), m: (1.0, 1000.0)})
    return all_of(parts)


def at_fans(expr: sympy.Expr, fan_in: int, fan_out: int) -> float:
    return float(expr.subs({n: fan_in, m: fan_out}))


def sizes(ctx: Context) -> tuple[int, int]:
    """A layer's (fan_in, fan_out): unequal, so that a fan-in and a fan-out formula differ."""
    return ctx.scaled(400), ctx.scaled(250)


@TOPIC.claim(
    "init.uniform_sqrt3_variance",
    method="sympy",
    canonical=sympy.sqrt(3),
    faithful=("000",),
    uses_impl=False,
)
def uniform_sqrt3_variance(ctx: Context, factor: sympy.Expr) -> Outcome:
    """U(-√3σ, √3σ) has the variance σ² of N(0, σ²).

    Var U(-cσ, cσ) = ∫ w² dw/(2cσ) over [-cσ, cσ] = c²σ²/3, which is σ² exactly for c = √3: the uniform
    law that may replace N(0, σ²) in a random initialisation.
    """
    return symbolic(ctx, (r"\mathrm{Var}\,U(-c\sigma, c\sigma)", uniform_variance(factor * sigma)),
                    (r"c^2\sigma^2/3", factor**2 * sigma**2 / 3), (r"\sigma^2", sigma**2), simplify=evaluated)


@TOPIC.claim(
    "init.lecun_uniform",
    method="statistical",
    canonical=Law(half_width=sympy.sqrt(3 / n)),
    printed={"000": Printed(Law(half_width=1 / sympy.sqrt(n)),
                            reading="a := 1/√n as printed: U[-1/√n, 1/√n] has variance 1/(3n), so a linear "
                                    "layer multiplies the variance by n·1/(3n) = 1/3 instead of keeping it. "
                                    "LeCun et al. (1998) ask for standard deviation 1/√n, i.e. a = √(3/n).")},
    references=(LECUN,),
)
def lecun_uniform(ctx: Context, law: Law) -> Outcome:
    """LeCun initialisation keeps the forward variance of a linear layer.

    w ~ U[-a, a] with a = √(3/n) (fan-in n) has Var(w) = 1/n, so z = Σⱼ wⱼxⱼ has Var(z) = n Var(w) Var(x)
    = Var(x) for independent zero-mean inputs. Proved with SymPy, then the implementation's draws are
    tested to be U[-a, a] (exact range test, sign test).
    """
    fan_in, fan_out = sizes(ctx)
    seed = int(ctx.rng().integers(2**31))

    def draws() -> Outcome:
        a = at_fans(law.half_width, fan_in, fan_out)
        return combined(ctx, uniform_law(ctx.impl().lecun_uniform(fan_in, fan_out, seed), a, level(ctx, 2)),
                        evidence={"fan_in": fan_in, "fan_out": fan_out, "a": a})

    return all_of({"variance": lambda: has_variance(ctx, law, 1 / n), "implementation": draws})


@TOPIC.claim(
    "init.glorot_uniform",
    method="statistical",
    canonical=Law(half_width=sympy.sqrt(6 / (n + m))),
    printed={"000": Printed(Law(half_width=sympy.sqrt(3) * 2 / (n + m)),
                            reading="U[-√3γ, √3γ] with γ := 2/(n+m) as printed: its variance is γ² = 4/(n+m)², "
                                    "not 2/(n+m). Line 602 writes U(-√3σ, √3σ) with σ a standard deviation; "
                                    "here γ is a variance, so the half-width should be √(3γ) = √(6/(n+m)).")},
    references=(GLOROT,),
)
def glorot_uniform(ctx: Context, law: Law) -> Outcome:
    """Glorot/Xavier initialisation: Var(w) = 2/(n + m), between forward and backward preservation.

    A layer with fan-in n and fan-out m multiplies the forward variance by n Var(w) and the backward
    (gradient) variance by m Var(w); Var(w) = 2/(n+m) is the harmonic compromise, exact for both when
    n = m. U[-a, a] with a = √(6/(n+m)) has this variance (SymPy). The implementation's uniform and
    normal draws are tested exactly, and so is the energy that crosses each layer of a linear network of
    alternating widths n, m, forwards and backwards (χ² given the layer's input).
    """
    fan_in, fan_out = sizes(ctx)
    seed = int(ctx.rng().integers(2**31))

    def draws() -> Outcome:
        impl, at = ctx.impl(), level(ctx, 5)
        variance = 2 / (fan_in + fan_out)
        widths = [fan_in, fan_out] * 3
        variances = [variance] * (len(widths) - 1)  # 2/(fan_in + fan_out) is the same for every layer
        z = forward(impl.xavier_normal, widths, seed + 1, rectified=False)
        delta = backward(impl.xavier_normal, widths, seed + 101)
        mean_squares(ctx, "forward: E[z²] per layer of a linear network (Xavier normal)", z)
        mean_squares(ctx, "backward: E[δ²] per layer, from the output down", delta)
        parts: dict[str, Test] = {
            **{f"uniform {k}": t for k, t in uniform_law(impl.xavier_uniform(fan_in, fan_out, seed),
                                                         at_fans(law.half_width, fan_in, fan_out), at).items()},
            **{f"normal {k}": t for k, t in normal_law(impl.xavier_normal(fan_in, fan_out, seed), variance,
                                                       at).items()},
            "forward energy": energy_test(z[1:], z[:-1], variances, at),
            "backward energy": energy_test(delta[1:], delta[:-1], variances, at),
        }
        return combined(ctx, parts, evidence={"fan_in": fan_in, "fan_out": fan_out, "network widths": widths})

    return all_of({"variance": lambda: has_variance(ctx, law, 2 / (n + m)), "implementation": draws})


@TOPIC.claim(
    "init.he_init",
    method="statistical",
    canonical=Law(variance=2 / n, half_width=sympy.sqrt(6 / n)),
    printed={"000": Printed(Law(variance=2 / n, half_width=sympy.sqrt(3) * 2 / n),
                            reading="N(0, γ) read with γ the variance (the N(0, σ²) of line 600): correct. "
                                    "U[-√3γ, √3γ] with γ := 2/n as printed has variance γ² = 4/n², not 2/n: "
                                    "the half-width should be √(3γ) = √(6/n).")},
    depends=("init.relu_half_active",),
    references=(HE,),
)
def he_init(ctx: Context, law: Law) -> Outcome:
    """He/Kaiming initialisation keeps the variance of a ReLU network: Var(w) = 2/n.

    With fan-in n and half of the ReLUs active, z^l = W h^(l-1) has Var(z^l) = n Var(w) E[ReLU(z)²]
    = n Var(w) Var(z^(l-1))/2 = Var(z^(l-1)) exactly when Var(w) = 2/n: N(0, 2/n) or U[-√(6/n), √(6/n)]
    (SymPy). The implementation's draws are tested exactly, and so is the energy crossing each layer of
    a ReLU network of alternating widths (χ² given the layer's input).
    """
    fan_in, fan_out = sizes(ctx)
    seed = int(ctx.rng().integers(2**31))

    def draws() -> Outcome:
        impl, at = ctx.impl(), level(ctx, 5)
        widths = [fan_in, fan_out] * 3
        z = forward(impl.kaiming_normal, widths, seed + 1, rectified=True)
        mean_squares(ctx, "forward: E[z²] per layer of a ReLU network (Kaiming normal)", z)
        inputs = [z[0], *(relu(s) for s in z[1:-1])]
        parts: dict[str, Test] = {
            **{f"uniform {k}": t for k, t in uniform_law(impl.kaiming_uniform(fan_in, fan_out, seed),
                                                         at_fans(law.half_width, fan_in, fan_out), at).items()},
            **{f"normal {k}": t for k, t in normal_law(impl.kaiming_normal(fan_in, fan_out, seed),
                                                       at_fans(law.variance, fan_in, fan_out), at).items()},
            "forward energy": energy_test(z[1:], inputs, [2 / f for f in widths[:-1]], at),
        }
        return combined(ctx, parts, evidence={"fan_in": fan_in, "fan_out": fan_out, "network widths": widths})

    return all_of({"variance": lambda: has_variance(ctx, law, 2 / n), "implementation": draws})
