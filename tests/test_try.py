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

# Student mistakes with the verdict each earns, reasoned out: a rewriting that is equivalent is `proved`.
MISTAKES = [
    ("perceptron.novikoff_mistake_bound", r"R/\gamma", Verdict.REFUTED),  # below R²/γ² when R > γ
    ("perceptron.novikoff_mistake_bound", r"(R/\gamma)^2", Verdict.PROVED),  # the same bound
    ("perceptron.novikoff_mistake_bound", r"2R^2/\gamma^2", Verdict.HOLDS),  # weaker, still true
    ("perceptron.novikoff_mistake_bound", r"R^2\gamma^{-2}", Verdict.PROVED),
    ("cover.counting_function", r"2^s", Verdict.REFUTED),  # only for s ≤ n
    ("cover.counting_function", r"2\sum_{k=0}^{n}\binom{s-1}{k}", Verdict.REFUTED),  # one term too many
    ("optim.pl_gd_linear_rate", r"(1-2\mu/L)^t (f(x_0)-f^*)", Verdict.REFUTED),  # twice the contraction
    ("optim.pl_gd_linear_rate", r"(1-\eta\mu)^t (f(x_0)-f^*)", Verdict.HOLDS),  # η = 1/L: the same numbers
    ("gan.optimal_discriminator", r"\frac{p_g(x)}{p(x)+p_g(x)}", Verdict.REFUTED),  # the roles swapped
    ("gan.optimal_discriminator", r"\frac{1}{1+p_g(x)/p(x)}", Verdict.PROVED),
    ("ddpm.posterior_variance", r"\beta_t", Verdict.REFUTED),  # the bars lost (document 003)
    ("ddpm.posterior_variance", r"\frac{(1-\bar\alpha_{t-1})(1-\alpha_t)}{1-\bar\alpha_t}", Verdict.PROVED),
    ("hopfield.high_prob_retrieval", r"\frac{N}{2\ln N}", Verdict.PROVED),
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


@pytest.mark.parametrize(("cid", "latex", "verdict"), MISTAKES, ids=[f"{m[0]}:{m[1]}" for m in MISTAKES])
def test_student_mistakes(cid: str, latex: str, verdict: Verdict) -> None:
    assert try_formula(cid, latex, seed=SEED).verdict is verdict


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
