"""The factor model itself: the marginal likelihood as an integral over the latent, the marginal law
N(μ, WWᵀ + Ψ), rotation non-identifiability of the loadings, and the maximum-likelihood mean."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st
from scipy import integrate
from scipy import stats as sps

from theorems import stats
from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    close,
    decide,
    for_all,
    symbolic,
    within_tolerance,
)
from theorems.topics.vae.gaussians import normality_p_values

from . import BISHOP, RUBIN_THAYER, TIPPING_BISHOP, TOPIC
from .algebra import amplification, exact, symbolic_matrix, symbolic_vector
from .strategies import FactorModel, data_sets, factor_models, random_model, square


def normal_pdf(x: sympy.Expr, mean: sympy.Expr, var: sympy.Expr) -> sympy.Expr:
    return sympy.exp(-((x - mean) ** 2) / (2 * var)) / sympy.sqrt(2 * sympy.pi * var)


def log_of(density: sympy.Expr) -> sympy.Expr:
    """log of a product of Gaussian densities, expanded into a sum (so that a rational simplification decides it)."""
    return sympy.expand_log(sympy.log(density), force=True)


MARGINAL_INTEGRAL = Formula(r"p_X(x)=\int p_Z(z)\,p_{X|Z}(x\mid z)\,dz", lambda prior, likelihood: prior * likelihood)


@TOPIC.claim(
    "factor.marginal_likelihood_integral",
    method="sympy",
    canonical=MARGINAL_INTEGRAL,
    faithful=("002",),
    printed={"000": Printed(MARGINAL_INTEGRAL, reading="p_{X(z)} and p_{Z(z)}: the arguments slipped into the "
                                                       "subscripts (as printed, the left side would depend on the "
                                                       "integration variable z); read as p_X(x) and p_Z(z).")},
    references=(BISHOP,),
)
def marginal_likelihood_integral(ctx: Context, stated: Formula) -> Outcome:
    """The marginal likelihood of a latent-variable model integrates the latent out.

    p_X(x) = ∫ p_Z(z) p_{X|Z}(x | z) dz (the law of total probability for densities). For the factor model with a
    scalar latent, z ~ N(0, 1), x | z ~ N(μ + wz, ψ), SymPy factors the stated integrand as
    N(x; μ, w² + ψ) N(z; b, v) (b, v the posterior mean and variance), and integrates N(z; b, v) to 1, so the integral
    is the density N(x; μ, w² + ψ); with a vector x ∈ R^n (n ≤ 4), adaptive quadrature of the stated integrand
    over z is compared with the implementation's log-likelihood.
    """
    z, x, mu, w, b = sympy.symbols("z x mu w b", real=True)
    psi, v = sympy.symbols("psi v", positive=True)
    posterior_mean, posterior_var = w * (x - mu) / (w**2 + psi), psi / (w**2 + psi)

    def prop(model: FactorModel) -> Comparison:
        W, psi_, mu_ = model.W[:, 0], model.psi, model.mu
        got = ctx.impl().log_likelihood(model.X, mu_, model.W, psi_)
        integrals = []
        for x_ in model.X:
            def integrand(t: float, x_: np.ndarray = x_) -> float:
                return stated(sps.norm.pdf(t), float(np.prod(sps.norm.pdf(x_, mu_ + W * t, np.sqrt(psi_)))))

            peak = float(W @ ((x_ - mu_) / psi_) / (1 + W @ (W / psi_)))  # where the integrand is largest
            value, error = integrate.quad(integrand, -40.0, 40.0, points=[peak], epsabs=0.0, epsrel=1e-11, limit=200)
            integrals.append((value, error))
        value, error = np.array(integrals).T
        return close(got, np.log(value), label="log p(x) against log ∫ p(z) p(x|z) dz", rtol=0.0,
                     atol=1e-9 + np.max(error / value) + within_tolerance(got) * amplification(model.W, psi_))

    return all_of({
        "factorisation (scalar latent)": lambda: symbolic(
            ctx, ("log of the stated integrand", log_of(stated(normal_pdf(z, 0, 1), normal_pdf(x, mu + w * z, psi)))),
            ("log N(x; μ, w² + ψ) + log N(z; b, v)",
             log_of(normal_pdf(x, mu, w**2 + psi)) + log_of(normal_pdf(z, posterior_mean, posterior_var))),
            simplify=sympy.cancel),
        "normalisation": lambda: symbolic(
            ctx, ("∫ N(z; b, v) dz", sympy.integrate(normal_pdf(z, b, v), (z, -sympy.oo, sympy.oo))),
            ("1", sympy.Integer(1))),
        "implementation (quadrature)": lambda: for_all(ctx, factor_models(decades=1.0, max_latent=1), prop,
                                                       max_examples=ctx.scaled(8)),
    })


COVARIANCE = Formula(r"WW^\top+\Sigma", lambda W, Psi: W @ W.T + Psi)


def law_of_the_model(ctx: Context, stated: Formula) -> Outcome:
    """Draws x = μ + Wz + η of the generative process, whitened by the Cholesky factor L of the stated covariance:
    L⁻¹(x - μ) has i.i.d. N(0, 1) entries exactly when the stated covariance is the law's (exact χ² tests). A stated
    covariance that is not positive definite is refuted exactly (p = 0) by draws that do not vanish along its null
    direction."""
    rng, n, count = ctx.rng(stream=1), ctx.scaled(2000), 4
    p_values = []
    for _ in range(count):
        mu, W, psi = random_model(rng, 3, 2)
        x = mu + rng.standard_normal((n, 2)) @ W.T + rng.standard_normal((n, 3)) * np.sqrt(psi)
        C = stated(W, np.diag(psi))
        variances, directions = np.linalg.eigh(C)
        if variances[0] <= within_tolerance(variances):  # degenerate: along its null direction x - μ would vanish
            p_values.append(0.0 if np.any(directions[:, 0] @ (x - mu).T != 0) else 1.0)
            continue
        p_values += normality_p_values(np.linalg.solve(np.linalg.cholesky(C), (x - mu).T))
    level = ctx.alpha / len(p_values)
    return decide(ctx, min(1.0, len(p_values) * min(p_values)),
                  test=f"L⁻¹(x - μ) i.i.d. N(0, 1) for LLᵀ = {stated.latex} (χ² mean/variance/correlation tests, "
                       f"{count} models with n = 3, m = 2, {n} draws each)",
                  detectable=f"variance off by {stats.variance_detectable(3 * n, level):.3g} (relative)",
                  evidence={"p-values": p_values})


@TOPIC.claim(
    "factor.marginal_distribution",
    method="statistical",
    canonical=COVARIANCE,
    faithful=("000", "001", "003"),
    printed={"002": Printed(COVARIANCE, reading="x ~ N(μ, WWᵀ + Σ), followed by μ = (1/s) Σ x_i: the marginal is "
                                                "checked here, the maximum-likelihood mean is factor.mean_mle.")},
    references=(BISHOP, TIPPING_BISHOP),
)
def marginal_distribution(ctx: Context, stated: Formula) -> Outcome:
    """The marginal of the factor model is N(μ, WWᵀ + Σ).

    If z ~ N(0, I_m) and η ~ N(0, Σ) are independent and x = μ + Wz + η, then x is Gaussian (an affine image of the
    Gaussian (z, η)) with mean μ and covariance W Cov(z) Wᵀ + Cov(η) = WWᵀ + Σ. Checked by exact tests on whitened
    draws of the process, and the implementation's covariance and log-density against N(μ, stated covariance),
    the stated covariance evaluated exactly, on loadings and noise variances over four decades.
    """

    def prop(model: FactorModel) -> list[Comparison]:
        impl = ctx.impl()
        expected = exact(stated, model.W, np.diag(model.psi))
        got = impl.marginal_covariance(model.W, model.psi)
        log_density = impl.log_likelihood(model.X, model.mu, model.W, model.psi)
        reference = sps.multivariate_normal.logpdf(model.X, model.mu, expected, allow_singular=True)
        return [close(got, expected, label="marginal_covariance", rtol=0.0, atol=within_tolerance(expected)),
                close(log_density, np.atleast_1d(reference), label="log_likelihood against log N(x; μ, stated)",
                      rtol=0.0, atol=within_tolerance(reference, len(model.mu)) * amplification(model.W, model.psi))]

    return all_of({
        "law of the process": lambda: law_of_the_model(ctx, stated),
        "implementation": lambda: for_all(ctx, factor_models(), prop, max_examples=ctx.scaled(25)),
    })


ORTHOGONAL = Formula(r"QQ^\top=I", lambda A: np.linalg.qr(A)[0])


def rotation_steps(reflect: bool) -> tuple[tuple[str, sympy.Expr], ...]:
    """uᵀ(WQ)(WQ)ᵀv and uᵀWWᵀv for a symbolic W ∈ R^{3×2} and Q a rotation (or a reflection) of the plane by an
    angle θ, written rationally in t = tan(θ/2): cos θ = (1 - t²)/(1 + t²), sin θ = 2t/(1 + t²)."""
    t = sympy.Symbol("t", real=True)
    c, s = (1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)
    Q = sympy.Matrix([[c, s], [s, -c]]) if reflect else sympy.Matrix([[c, -s], [s, c]])
    W, u, v = symbolic_matrix("w", 3, 2), symbolic_vector("u", 3), symbolic_vector("v", 3)
    name = "reflection" if reflect else "rotation"
    return ((f"uᵀ(WQ)(WQ)ᵀv, Q the {name} with tan(θ/2) = t", (u.T * (W * Q) * (W * Q).T * v)[0]),
            ("uᵀWWᵀv", (u.T * W * W.T * v)[0]))


@TOPIC.claim(
    "factor.rotation_nonidentifiability",
    method="sympy",
    canonical=ORTHOGONAL,
    faithful=("001", "002", "003"),
    references=(BISHOP,),
)
def rotation_nonidentifiability(ctx: Context, stated: Formula) -> Outcome:
    """The loadings are identifiable only up to an orthogonal transformation.

    For orthogonal Q, (WQ)(WQ)ᵀ = WQQᵀWᵀ = WWᵀ: W and WQ give the same marginal N(μ, WWᵀ + Σ), hence the same
    likelihood, and the posterior of the rotated model is the rotated posterior (mean Qᵀμ_{z|x}, covariance
    QᵀΣ_{z|x}Q). Proved in SymPy for every orthogonal 2 × 2 Q (rotations and reflections by an angle θ); then
    the implementation's covariance, log-likelihood and posterior are compared at W and WQ for Q from the
    stated class (the orthogonal factor of a generated invertible matrix).
    """

    def prop(case: tuple[FactorModel, np.ndarray]) -> list[Comparison]:
        model, A = case
        impl, Q = ctx.impl(), stated(A)
        cov, cov_q = (impl.marginal_covariance(V, model.psi) for V in (model.W, model.W @ Q))
        ll, ll_q = (impl.log_likelihood(model.X, model.mu, V, model.psi) for V in (model.W, model.W @ Q))
        (means, post), (means_q, post_q) = (impl.posterior(model.X, model.mu, V, model.psi)
                                            for V in (model.W, model.W @ Q))
        amplify = amplification(model.W, model.psi)
        return [close(cov_q, cov, label="covariance at WQ against at W", rtol=0.0,
                      atol=within_tolerance(cov, cov_q)),
                close(ll_q, ll, label="log-likelihood at WQ against at W", rtol=0.0,
                      atol=within_tolerance(ll, len(model.mu)) * amplify),
                close(means_q, means @ Q, label="posterior means at WQ against Qᵀμ_{z|x}", rtol=0.0,
                      atol=within_tolerance(means, means_q) * amplify),
                close(post_q, Q.T @ post @ Q, label="posterior covariance at WQ against QᵀΣ_{z|x}Q", rtol=0.0,
                      atol=within_tolerance(post, post_q) * amplify)]

    cases = factor_models().flatmap(lambda model: st.tuples(st.just(model), square(model.W.shape[1])))
    return all_of({
        "rotations": lambda: symbolic(ctx, *rotation_steps(False), simplify=sympy.cancel),
        "reflections": lambda: symbolic(ctx, *rotation_steps(True), simplify=sympy.cancel),
        "implementation": lambda: for_all(ctx, cases, prop, max_examples=ctx.scaled(20)),
    })


SAMPLE_MEAN = Formula(r"\hat\mu=\frac1s\sum_{i=1}^s x_i", lambda X: X.mean(axis=0))


@TOPIC.claim(
    "factor.mean_mle",
    method="property",
    canonical=SAMPLE_MEAN,
    faithful=("003",),
    references=(TIPPING_BISHOP, RUBIN_THAYER),
)
def mean_mle(ctx: Context, stated: Formula) -> Outcome:
    """The maximum-likelihood mean of the factor model is the sample mean, whatever W and Σ.

    For any covariance C ≻ 0, Σ_i log N(x_i; μ, C) = Σ_i log N(x_i; x̄, C) - (s/2)(x̄ - μ)ᵀC⁻¹(x̄ - μ), so the
    likelihood is maximised exactly at μ = x̄ for every W and Σ (Tipping & Bishop 1999, §3.2). Checked on the
    implementation: its fitted mean (PPCA and factor analysis) is x̄, its log-likelihood at the fit obeys the
    decomposition at a shifted μ, and the stated μ̂ attains the likelihood at x̄.
    """

    def prop(case: tuple[tuple[np.ndarray, int], bool, np.ndarray]) -> list[Comparison]:
        (X, q), isotropic, shift = case
        impl, x_bar = ctx.impl(), X.mean(axis=0)
        mu, W, psi = impl.fit(X, q, isotropic)
        C = W @ W.T + np.diag(psi)

        def total(m: np.ndarray) -> float:
            return float(np.sum(impl.log_likelihood(X, m, W, psi)))

        delta = shift[: X.shape[1]] * np.sqrt(np.diag(C))
        penalty = len(X) / 2 * float(delta @ np.linalg.solve(C, delta))
        at_mean = total(x_bar)
        allowance = within_tolerance(at_mean, penalty, len(X) * X.shape[1]) * amplification(W, psi)
        return [close(mu, x_bar, label="fitted mean against x̄", rtol=0.0, atol=within_tolerance(X)),
                close(total(x_bar + delta), at_mean - penalty, label="Σ log p(x_i; x̄ + δ) = Σ log p(x_i; x̄) - "
                      "(s/2)δᵀC⁻¹δ", rtol=0.0, atol=allowance),
                close(total(stated(X)), at_mean, label="likelihood at the stated μ̂ against the maximum at x̄",
                      rtol=0.0, atol=allowance)]

    shifts = st.lists(st.floats(-2.0, 2.0), min_size=4, max_size=4).map(np.array)
    return for_all(ctx, st.tuples(data_sets(), st.booleans(), shifts), prop, max_examples=ctx.scaled(15))


TOPIC.not_checkable(
    "factor.mle_no_closed_form",
    title="The factor-analysis MLE of W has no closed form",
    statement="With a general diagonal noise covariance Σ, the maximum-likelihood loadings W of factor analysis are "
              "not given in closed form; they are found iteratively (EM, gradient ascent).",
    reason="A statement that no closed form exists quantifies over all closed-form expressions, which no finite "
           "computation decides; its checkable consequences are checked elsewhere: the iterative fit's mean is the "
           "sample mean (factor.mean_mle) and the isotropic case does have the closed form of factor.ppca_mle_columns.",
    references=(RUBIN_THAYER,),
)

TOPIC.not_checkable(
    "factor.ppca_isotropic_noise",
    title="Probabilistic PCA is factor analysis with isotropic noise",
    statement="Probabilistic PCA is the factor model with Σ = σ²I (printed in 001 as 𝒲(x) = σ²I, an OCR slip).",
    reason="A definition: it names the special case Σ = σ²I, which the PPCA claims (factor.ppca_mle_columns, "
           "factor.ppca_pseudoinverse_limit, factor.ppca_zero_noise_posterior) use; it asserts nothing to check.",
    references=(TIPPING_BISHOP,),
)
