"""The posterior: Bayes' rule, Gaussian prior and likelihood (weight decay, the MAP as ridge regression),
posterior-weighted ensembles and the posterior predictive."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import comb

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    equal,
    exact_count,
    for_all,
    symbolic,
    within_tolerance,
)

from . import BISHOP, TOPIC
from .strategies import energies, regressions


def _bayes(prior: Sequence[Fraction], likelihood: Sequence[Fraction]) -> list[Fraction]:
    evidence = sum(p * q for p, q in zip(prior, likelihood, strict=True))
    return [p * q / evidence for p, q in zip(prior, likelihood, strict=True)]


@st.composite
def _joint_tables(draw: st.DrawFn) -> list[list[int]]:
    """Unnormalised joint counts of (θ, S) on 2-4 parameter values and 2-3 data sets, all positive."""
    k, m = draw(st.integers(2, 4)), draw(st.integers(2, 3))
    return [draw(st.lists(st.integers(1, 9), min_size=m, max_size=m)) for _ in range(k)]


PROPORTIONAL = ("the proportional form p(θ|S) ∝ p(S|θ)p(θ): the same posterior once normalised to sum to 1, "
                "which is what is checked")


@TOPIC.claim(
    "bayes.bayes_rule",
    method="exhaustive",
    canonical=Formula(r"p(\theta)p(S|\theta)/\sum_{\theta'} p(\theta')p(S|\theta')", _bayes),
    faithful=("000",),
    printed={
        "002": Printed(Formula(r"p(\theta|S) \propto p(S|\theta)p(\theta)", _bayes), reading=PROPORTIONAL),
        "004": Printed(Formula(r"p(\theta|S) \propto p(S|\theta)p(\theta)", _bayes), reading=PROPORTIONAL),
        "003": Printed(Formula(r"p(y|X,w)p(w)/p(y|X)", _bayes),
                       reading="θ = w and S = (X, y) with the prior independent of X: p(w|X) = p(w), so this is "
                               "Bayes' rule conditioned on X throughout"),
    },
)
def bayes_rule(ctx: Context, posterior: Formula) -> Outcome:
    """Bayes' rule: the posterior is prior times likelihood over the evidence.

    p(θ|S) = p(θ)p(S|θ)/p(S) with p(S) = Σ_θ p(θ)p(S|θ) (an integral for continuous θ). Checked exactly
    (rationals) on random joint distributions of (θ, S) with 2-4 parameter values and 2-3 data sets: the
    formula, fed the marginal p(θ) and the conditional p(S|θ), equals the conditional p(θ|S) = p(θ, S)/p(S)
    read off the joint table, for every S.
    """

    def agrees(table: list[list[int]]) -> list[Comparison]:
        total = sum(map(sum, table))
        prior = [Fraction(sum(row), total) for row in table]
        out = []
        for s in range(len(table[0])):
            likelihood = [Fraction(row[s], sum(row)) for row in table]
            column = sum(row[s] for row in table)
            out.append(equal(posterior(prior, likelihood), [Fraction(row[s], column) for row in table],
                             label=f"p(θ|S={s})"))
        return out

    return for_all(ctx, _joint_tables(), agrees)


def _gaussian_nll(theta: Sequence[sympy.Symbol], sigma: sympy.Symbol) -> sympy.Expr:
    return -sympy.log(sympy.Mul(*(sympy.exp(-t**2 / (2 * sigma**2)) / sympy.sqrt(2 * sympy.pi * sigma**2)
                                  for t in theta)))


def _log_simplify(expr: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(sympy.expand(sympy.expand_log(expr, force=True)))


THETA = sympy.symbols("theta_1:4", real=True)
SIGMA, GAMMA = sympy.symbols("sigma gamma", positive=True)


@TOPIC.claim(
    "bayes.gaussian_prior_nll",
    method="sympy",
    canonical=Formula(r"\frac{1}{2\sigma^2}\|\theta\|^2", lambda sq_norm, s: sq_norm / (2 * s**2)),
    faithful=("000",),
    references=(BISHOP,),
)
def gaussian_prior_nll(ctx: Context, penalty: Formula) -> Outcome:
    """A Gaussian prior is weight decay: -log p(θ) = ‖θ‖²/(2σ²) + const.

    For θ_i i.i.d. N(0, σ²), i = 1..d: -log Π_i p(θ_i) = ‖θ‖²/(2σ²) + (d/2) log(2πσ²). Proved for d = 3
    (each coordinate contributes one term, so the same algebra gives every d).
    """
    d = len(THETA)
    return symbolic(
        ctx,
        (r"-\log \prod_i N(\theta_i; 0, \sigma^2)", _gaussian_nll(THETA, SIGMA)),
        ("penalty + const", penalty(sum(t**2 for t in THETA), SIGMA) + sympy.Rational(d, 2)
         * sympy.log(2 * sympy.pi * SIGMA**2)),
        simplify=_log_simplify,
    )


def _ridge_scalar(x: Sequence[sympy.Symbol], y: Sequence[sympy.Symbol], lam: sympy.Expr) -> sympy.Expr:
    return sum(a * b for a, b in zip(x, y, strict=True)) / (sum(a**2 for a in x) + lam)


@TOPIC.claim(
    "bayes.posterior_energy",
    method="sympy",
    canonical=Formula(r"\lambda = \gamma^2/\sigma^2", lambda noise_var, prior_var: noise_var / prior_var),
    faithful=("000",),
    depends=("bayes.gaussian_prior_nll",),
    references=(BISHOP,),
)
def posterior_energy(ctx: Context, ridge: Formula) -> Outcome:
    """Gaussian likelihood and prior: -log p(θ|S) = E(θ) + const, and the MAP is ridge regression.

    With y_i = f(θ)(x_i) + N(0, γ²) and θ_i ~ N(0, σ²): -log p(θ|S) = E(θ) + const with
    E(θ) = ‖y - f‖²/(2γ²) + ‖θ‖²/(2σ²) (proved for two observations and three parameters; f_i are free
    symbols since E depends on θ only through them and ‖θ‖). For a linear model f = Xθ the MAP, the minimiser
    of E, is ridge regression θ* = (XᵀX + λI)⁻¹Xᵀy with λ = γ²/σ² (weight decay λ/2 ‖θ‖² on the loss
    ½‖y - Xθ‖²): proved for one feature (E'(θ*) = 0, E convex), then the implementation's MAP is compared with
    an independent least-squares solution of the stacked system [X/γ; I/σ]θ = [y/γ; 0] on random problems.
    """
    y, f = sympy.symbols("y_1:3", real=True), sympy.symbols("f_1:3", real=True)
    likelihood = -sympy.log(sympy.Mul(*(sympy.exp(-(a - b)**2 / (2 * GAMMA**2)) / sympy.sqrt(2 * sympy.pi * GAMMA**2)
                                        for a, b in zip(y, f, strict=True))))
    energy = (sum((a - b)**2 for a, b in zip(y, f, strict=True)) / (2 * GAMMA**2)
              + sum(t**2 for t in THETA) / (2 * SIGMA**2))
    constant = sympy.log(2 * sympy.pi * GAMMA**2) + sympy.Rational(3, 2) * sympy.log(2 * sympy.pi * SIGMA**2)
    w = sympy.Symbol("w", real=True)
    x, yy = sympy.symbols("x_1:3", real=True), sympy.symbols("y_1:3", real=True)
    e1 = sum((b - a * w)**2 for a, b in zip(x, yy, strict=True)) / (2 * GAMMA**2) + w**2 / (2 * SIGMA**2)
    impl = ctx.impl()

    def map_agrees(case: tuple[np.ndarray, np.ndarray, float, float]) -> Comparison:
        X, target, noise, prior = case
        got = impl.map_estimate(X, target, noise, prior)
        stacked = np.vstack([X / np.sqrt(noise), np.eye(X.shape[1]) / np.sqrt(prior)])
        rhs = np.concatenate([target / np.sqrt(noise), np.zeros(X.shape[1])])
        want = np.linalg.lstsq(stacked, rhs, rcond=None)[0]
        cond = np.linalg.cond(stacked)
        return close(got, want, label="MAP = argmin E", rtol=0.0,
                     atol=cond * within_tolerance(want, target, operations=256))

    return all_of({
        "energy": lambda: symbolic(ctx, (r"-\log p(S|\theta)p(\theta)", likelihood + _gaussian_nll(THETA, SIGMA)),
                                   ("E + const", energy + constant), simplify=_log_simplify),
        "MAP, one feature": lambda: symbolic(
            ctx, ("E'(θ*)", sympy.diff(e1, w).subs(w, _ridge_scalar(x, yy, ridge(GAMMA**2, SIGMA**2)))),
            ("0", sympy.Integer(0))),
        "MAP of the implementation": lambda: for_all(
            ctx, regressions(), map_agrees,
            describe=lambda c: {"X": c[0].tolist(), "y": c[1].tolist(), "gamma^2": c[2], "sigma^2": c[3]}),
    })


@TOPIC.claim(
    "bayes.posterior_ensemble_weights",
    method="property",
    canonical=Formula(r"\exp[-E(\theta_i)]/\sum_j \exp[-E(\theta_j)]",
                      lambda e: np.exp(-e) / np.sum(np.exp(-e))),
    faithful=("000",),
)
def posterior_ensemble_weights(ctx: Context, weight: Formula) -> Outcome:
    """Post-hoc Bayesian ensembling weights each candidate by its normalised posterior density.

    f(Θ)(x) = Σ_i w_i f(θ_i)(x) with w_i = exp(-E(θ_i))/Σ_j exp(-E(θ_j)) ∝ p(θ_i|S). The weights do not change
    when a constant is added to every energy (the constant of -log p(θ|S) cancels, as in softmax, see
    activations.softmax_shift_invariance), so the formula is evaluated at E - min E; the implementation's
    weights must agree to 64ε|E| relative (the rounding of E - min E) on energies up to ±1e5, where exp(-E)
    itself underflows or overflows.
    """
    impl = ctx.impl()

    def agrees(e: np.ndarray) -> Comparison:
        with np.errstate(all="ignore"):
            got, want = impl.ensemble_weights(e), weight(e - e.min())
        return close(got, want, label="w_i", rtol=within_tolerance(e, 1.0), atol=within_tolerance(1.0))

    return for_all(ctx, energies(), agrees, describe=lambda e: e.tolist())


def _predictive(likelihood: sympy.Expr, posterior: sympy.Expr, prior: sympy.Expr, theta: sympy.Symbol) -> sympy.Expr:
    return sympy.integrate(likelihood * posterior, (theta, 0, 1))


MARGINALISED = "p(y|x) is the posterior predictive p(y|x, S): conditioning on the data S left implicit"
MAX_N = 6


@TOPIC.claim(
    "bayes.posterior_predictive",
    method="exhaustive",
    canonical=Formula(r"\int p(y|\theta)p(\theta|S)\,d\theta", _predictive),
    faithful=("002", "004"),
    printed={"003": Printed(Formula(r"\int p(y_{n+1}|w)p(w|y)\,dw", _predictive),
                            reading="conditioning on the inputs x_{n+1}, X left implicit, as the line before it "
                                    "(p(y|X, w)) shows; the same integral")},
    references=(BISHOP,),
)
def posterior_predictive(ctx: Context, predictive: Formula) -> Outcome:
    """The posterior predictive marginalises the likelihood over the posterior.

    p(y|x, S) = ∫ p(y|x, θ) p(θ|S) dθ. Checked on the Beta–Bernoulli model (θ ~ U(0, 1), y_i | θ ~ Bernoulli(θ))
    for every data set of n ≤ 6 observations with k ones: the integral (SymPy, exact) equals the probability
    P(y_{n+1} = 1 | y_1..y_n) computed from the joint law of n + 1 exchangeable draws,
    P(y_1..y_m) = 1/((m + 1) C(m, #ones)), which gives Laplace's rule of succession (k + 1)/(n + 2).
    """
    theta = sympy.Symbol("theta", positive=True)

    def joint(ones: int, m: int) -> Fraction:
        return Fraction(1, (m + 1) * comb(m, ones))

    def integral(case: tuple[int, int]) -> Fraction:
        k, n = case
        posterior = theta**k * (1 - theta)**(n - k) * (n + 1) * comb(n, k)
        value = sympy.Rational(predictive(theta, posterior, sympy.Integer(1), theta))
        return Fraction(int(value.p), int(value.q))

    cases = [(k, n) for n in range(MAX_N + 1) for k in range(n + 1)]
    return exact_count(ctx, cases, integral, lambda c: joint(c[0] + 1, c[1] + 1) / joint(c[0], c[1]),
                       label="P(y_{n+1} = 1 | k ones in n)", domain_name=f"every (k, n) with n ≤ {MAX_N}",
                       complete=False, describe=lambda c: {"k": c[0], "n": c[1]})

