"""``theorems try``: formulas typed in LaTeX run through the claim's own check (quick profile, one seed)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from theorems import try_formula
from theorems.api import typed_variant
from theorems.cli import main
from theorems.engine.model import Verdict
from theorems.engine.runner import configure, run, select

SEED = 12345

# (claim, printing, the erratum as printed, typed in the claim's quantities)
ERRATA = [
    ("perceptron.novikoff_mistake_bound", "003", r"t \le R^2/\gamma"),
    ("cover.counting_function", "001", r"C(s,n)=2\sum_{i=1}^{n-1}\binom{s-1}{i}"),
    ("gan.optimal_discriminator", "002", r"\frac{e^{\ln p(x)/p(x)} + p_g(x)}{p(x)+p_g(x)}"),
    ("ddpm.posterior_variance", "000", r"\frac{1-\bar\alpha_{t-1}\beta_t}{1-\bar\alpha_t}"),
    ("ddpm.posterior_mean", "000",
     r"\frac{\sqrt{\bar\alpha_{t-1}\beta_t}}{1-\bar\alpha_t}x_0+\frac{(1-\bar\alpha_{t-1})\sqrt{1-\beta_t}}{1-\bar\alpha_t}x_t"),
    ("hopfield.high_prob_retrieval", "003", r"s \le \frac{n}{2 \log_2 n}"),
]

CANONICAL = [
    ("perceptron.novikoff_mistake_bound", r"t \le \frac{R^2}{\gamma^2}"),
    ("cover.counting_function", r"2\sum_{k=0}^{n-1}\binom{s-1}{k}"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/L)^t (f(x_0)-f^*)"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{2\ln n}"),
    ("gan.optimal_discriminator", r"\frac{p(x)}{p(x)+p_\theta(x)}"),
    ("ddpm.posterior_variance", r"\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0+\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t"),
]

# Student mistakes with the verdict each earns, reasoned out before running: a rewriting that is equivalent is
# `proved` (recognised symbolically); a weaker but true bound `holds`; a wrong one `refuted`.
# (claim, typed right-hand side, verdict, why)
MISTAKES = [
    ("perceptron.novikoff_mistake_bound", r"R/\gamma", Verdict.REFUTED, "below R²/γ² when R > γ"),
    ("perceptron.novikoff_mistake_bound", r"(R/\gamma)^2", Verdict.PROVED, "the same bound"),
    ("perceptron.novikoff_mistake_bound", r"2R^2/\gamma^2", Verdict.HOLDS, "weaker, still true"),
    ("perceptron.novikoff_mistake_bound", r"R^2\gamma^{-2}", Verdict.PROVED, "the same bound"),
    ("perceptron.novikoff_mistake_bound", r"R^2/\gamma^2 + 1", Verdict.HOLDS, "weaker by one update"),
    ("perceptron.novikoff_mistake_bound", r"R^3/\gamma^3", Verdict.HOLDS, "R/γ ≥ 1 (γ ≤ max ‖x‖): a larger bound"),
    ("perceptron.novikoff_mistake_bound", r"(\frac{R}{\gamma^*})^2", Verdict.PROVED, "γ* is γ"),
    ("perceptron.novikoff_mistake_bound", r"\gamma^2/R^2", Verdict.REFUTED, "at most 1; two samples may need 2"),
    ("perceptron.novikoff_mistake_bound", r"\sqrt{R/\gamma}", Verdict.REFUTED, "below R/γ, itself refuted"),
    ("perceptron.novikoff_mistake_bound", r"\frac{R^2}{2\gamma^2}", Verdict.REFUTED,
     "half the bound: two orthogonal unit samples take 2 updates, R²/(2γ²) = 1"),
    ("cover.counting_function", r"2^s", Verdict.REFUTED, "only for s ≤ n"),
    ("cover.counting_function", r"2\sum_{k=0}^{n}\binom{s-1}{k}", Verdict.REFUTED, "one term too many"),
    ("cover.counting_function", r"2\sum_{k=0}^{n-1}\binom{s}{k}", Verdict.REFUTED, "C(s+1, n): s = 1, n = 2 gives 4"),
    ("cover.counting_function", r"\sum_{k=0}^{n-1}\binom{s-1}{k}", Verdict.REFUTED, "the factor 2 lost: C(1,1) = 2"),
    ("cover.counting_function", r"2\sum_{i=0}^{n-1}\binom{s-1}{i}", Verdict.PROVED, "the index renamed"),
    ("cover.counting_function", r"\sum_{k=0}^{n-1}2\binom{s-1}{k}", Verdict.PROVED, "the 2 inside the sum"),
    ("cover.counting_function", r"2\sum_{k=0}^{N-1}\binom{P-1}{k}", Verdict.PROVED, "P points in R^N"),
    ("cover.counting_function", r"2^n", Verdict.REFUTED, "one point has 2 dichotomies in any dimension"),
    ("cover.counting_function", r"2\binom{s-1}{n-1}", Verdict.REFUTED, "the last term only: C(3,2) = 6, not 4"),
    ("cover.counting_function", r"\sum_{k=0}^{n}\binom{s}{k}", Verdict.REFUTED,
     "Sauer's bound (VC dimension n) is an upper bound: 3 for s = 2, n = 1, where C = 2"),
    ("optim.pl_gd_linear_rate", r"(1-2\mu/L)^t (f(x_0)-f^*)", Verdict.REFUTED, "twice the contraction"),
    ("optim.pl_gd_linear_rate", r"(1-\eta\mu)^t (f(x_0)-f^*)", Verdict.HOLDS, "η = 1/L: the same numbers"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/L) (f(x_0)-f^*)", Verdict.REFUTED, "the power t lost: wrong at t = 0"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/L)^t (f(x_0)-f^*)/2", Verdict.REFUTED, "half the initial gap at t = 0"),
    ("optim.pl_gd_linear_rate", r"(1-L/\mu)^t (f(x_0)-f^*)", Verdict.REFUTED, "the ratio inverted: ≤ 0 at t = 1"),
    ("optim.pl_gd_linear_rate", r"\left(1-\frac{\mu}{L}\right)^t (f(x_0)-f^*)", Verdict.PROVED,
     "the canonical rate with sized parentheses"),
    ("optim.pl_gd_linear_rate", r"e^{-\mu t/L} (f(x_0)-f^*)", Verdict.HOLDS, "1 - x ≤ e^{-x}: weaker, true"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/(2L))^t (f(x_0)-f^*)", Verdict.HOLDS, "a slower contraction: weaker"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/L)^{t/2} (f(x_0)-f^*)", Verdict.HOLDS, "half the exponent: weaker"),
    ("optim.pl_gd_linear_rate", r"(1-\mu/L)^t\,(f(x_0) - f^{*})", Verdict.PROVED, "spaces and braces"),
    ("optim.pl_gd_linear_rate", r"(\frac{L-\mu}{L})^t (f(x_0)-f^*)", Verdict.PROVED, "rewritten"),
    ("hopfield.high_prob_retrieval", r"\frac{N}{2\ln N}", Verdict.PROVED, "N units"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{2\log n}", Verdict.PROVED, r"\log is the natural logarithm"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{\ln(n^2)}", Verdict.PROVED, "ln n² = 2 ln n"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{\ln n}/2", Verdict.PROVED, "rewritten"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{\ln n}", Verdict.REFUTED, "the 2 lost: 0.8 × it is past the threshold"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{4\ln n}", Verdict.REFUTED,
     "safe but not sharp: 1.25 × it still retrieves (the claim is an iff)"),
    ("hopfield.high_prob_retrieval", r"0.138n", Verdict.REFUTED, "the capacity of approximate retrieval: far past"),
    ("hopfield.high_prob_retrieval", r"\frac{n}{2}", Verdict.REFUTED, "linear load: far past the threshold"),
    ("hopfield.high_prob_retrieval", r"\sqrt{n}", Verdict.REFUTED, "too small: 1.25 × it still retrieves"),
    ("hopfield.high_prob_retrieval", r"\frac{N}{2\log_{10} N}", Verdict.REFUTED, "log₁₀: 2.3 × the threshold"),
    ("gan.optimal_discriminator", r"\frac{p_g(x)}{p(x)+p_g(x)}", Verdict.REFUTED, "the roles swapped"),
    ("gan.optimal_discriminator", r"\frac{1}{1+p_g(x)/p(x)}", Verdict.PROVED, "rewritten"),
    ("gan.optimal_discriminator", r"\frac{p(x)}{p_\theta(x)}", Verdict.REFUTED, "the density ratio, not D"),
    ("gan.optimal_discriminator", r"\frac{1}{2}", Verdict.REFUTED, "only at the equilibrium p = p_θ"),
    ("gan.optimal_discriminator", r"\frac{p_{data}(x)}{p_{data}(x)+p_g(x)}", Verdict.PROVED, "Goodfellow's names"),
    ("gan.optimal_discriminator", r"1-\frac{p_g(x)}{p(x)+p_g(x)}", Verdict.PROVED, "one minus the generator's share"),
    ("gan.optimal_discriminator", r"\frac{p(x)}{p(x)-p_\theta(x)}", Verdict.REFUTED, "a sign slip"),
    ("gan.optimal_discriminator", r"\frac{\ln p(x)}{\ln p(x)+\ln p_\theta(x)}", Verdict.REFUTED, "logs of densities"),
    ("gan.optimal_discriminator", r"\frac{p(x)^2}{p(x)^2+p_\theta(x)^2}", Verdict.REFUTED, "squared densities"),
    ("gan.optimal_discriminator", r"\frac{1}{1+e^{\ln q(x)-\ln p(x)}}", Verdict.PROVED, "logistic of the log ratio"),
    ("ddpm.posterior_variance", r"\beta_t", Verdict.REFUTED, "the bars lost (document 003)"),
    ("ddpm.posterior_variance", r"\frac{(1-\bar\alpha_{t-1})(1-\alpha_t)}{1-\bar\alpha_t}", Verdict.PROVED, "β=1-α"),
    ("ddpm.posterior_variance", r"\frac{1-\bar\alpha_t}{1-\bar\alpha_{t-1}}\beta_t", Verdict.REFUTED, "ratio inverted"),
    ("ddpm.posterior_variance", r"\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}", Verdict.REFUTED, "β_t lost"),
    ("ddpm.posterior_variance", r"\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\alpha_t", Verdict.REFUTED, "α for β"),
    ("ddpm.posterior_variance", r"\frac{(1-\bar\alpha_{t-1})\beta_t}{1-\bar\alpha_{t-1}(1-\beta_t)}", Verdict.PROVED,
     "ᾱ_t = ᾱ_{t-1}(1 - β_t) expanded"),
    ("ddpm.posterior_variance", r"\frac{\beta_t-\bar\alpha_{t-1}\beta_t}{1-\bar\alpha_t}", Verdict.PROVED, "expanded"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_t+\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_0",
     Verdict.REFUTED, "x_0 and x_t swapped"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t x_0+\sqrt{\alpha_t}(1-\bar\alpha_{t-1})x_t}{1-\bar\alpha_t}",
     Verdict.PROVED, "one fraction"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0+\frac{\alpha_t(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t",
     Verdict.REFUTED, "the square root of α_t lost"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{\bar\alpha_t}\beta_t}{1-\bar\alpha_t}x_0+\frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t",
     Verdict.REFUTED, "ᾱ_t for ᾱ_{t-1}"),
    ("ddpm.posterior_mean", r"\frac{x_t}{\sqrt{\alpha_t}}", Verdict.REFUTED, "the ε-form without its noise term"),
    ("ddpm.posterior_mean",
     r"\frac{\sqrt{1-\beta_t}(1-\bar\alpha_{t-1})x_t+\sqrt{\bar\alpha_{t-1}}\beta_t x_0}"
     r"{1-\bar\alpha_{t-1}(1-\beta_t)}",
     Verdict.PROVED, "everything in ᾱ_{t-1} and β_t"),
]


@pytest.mark.parametrize(("cid", "document", "latex"), ERRATA, ids=[e[0] for e in ERRATA])
def test_typed_erratum_refuted_with_the_printed_counterexample(cid: str, document: str, latex: str) -> None:
    """Refuted from the command's own seed; and, run under the printed variant's seed (same check, same
    seed), the counterexample is exactly the printed variant's."""
    assert try_formula(cid, latex, seed=SEED).verdict is Verdict.REFUTED
    printed = next(v for v in select((), (cid,)) if v.document and v.document.startswith(document + "_"))
    config = configure("quick", SEED, (), None, 1)
    as_printed, as_typed = run([printed, replace(printed, form=typed_variant(cid, latex).form)], config)
    assert as_printed.verdict is as_typed.verdict is Verdict.REFUTED
    assert as_typed.counterexample == as_printed.counterexample


@pytest.mark.parametrize(("cid", "latex"), CANONICAL, ids=[c[0] for c in CANONICAL])
def test_canonical_typed_is_proved_equivalent(cid: str, latex: str) -> None:
    result = try_formula(cid, latex, seed=SEED)
    assert result.verdict is Verdict.PROVED
    assert result.evidence["equivalence"] == "proved equivalent to the canonical form"


def _mistake_id(row: tuple | object) -> str:
    """``claim:latex``, the test id of a row of :data:`MISTAKES` (a tuple or a ``pytest.param``)."""
    cid, latex = (row if isinstance(row, tuple) else row.values)[:2]
    return f"{cid}:{latex}"


@pytest.mark.parametrize(("cid", "latex", "verdict", "why"), MISTAKES, ids=[_mistake_id(m) for m in MISTAKES])
def test_student_mistakes(cid: str, latex: str, verdict: Verdict, why: str) -> None:
    result = try_formula(cid, latex, seed=SEED)
    assert result.verdict is verdict, f"{why}: {result.verdict.value} ({result.reason})"


@pytest.mark.parametrize(("cid", "latex", "message"), [
    ("perceptron.novikoff_mistake_bound", r"R^2/(", "position"),
    ("perceptron.novikoff_mistake_bound", r"R^2/\delta", r"may use: R, \gamma"),
    ("perceptron.novikoff_mistake_bound", r"t \ge R^2", r"tests t \le"),
    ("perceptron.norm_growth", "R", "has no typed form"),
    ("no.such_claim", "R", "unknown claim"),
])
def test_errors_exit_2(cid: str, latex: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["try", cid, latex]) == 2
    assert message in capsys.readouterr().err


def test_show_lists_quantities(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "ddpm.posterior_variance"]) == 0
    out = capsys.readouterr().out
    assert r"\bar\alpha_{t-1}" in out and r"\alpha_t = 1 - \beta_{t}" in out
