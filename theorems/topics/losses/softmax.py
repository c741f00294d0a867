"""Softmax cross-entropy: in logits (nats and bits), as the skip-gram NLL, its gradient for softmax
regression, and soft targets against the entropy.

In float64 Σⱼ e^{zⱼ} overflows once a logit passes 709.8: the cross-entropy -z_y + log Σⱼ e^{zⱼ} is
compared with the stable log-sum-exp, to 64 roundings of the largest logit (the difference of two
numbers of that size is only that exact).
"""

from __future__ import annotations

import numpy as np
import sympy
from scipy.special import softmax

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    bound,
    close,
    for_all,
    within_tolerance,
)

from . import COVER_THOMAS, MIKOLOV, TOPIC
from .forms import FLOAT64, SYMBOLIC, agrees, dot, float_examples, one_hot, proved_entries
from .strategies import Case, classified_logits, embeddings, soft_targets, softmax_regressions

K = 3
"""Symbolic proofs use three classes, the label being the first: softmax commutes with relabelling the
classes, so the first stands for every other."""
LOGITS = sympy.symbols(f"z_1:{K + 1}", real=True)

LOGITS_FORM = Formula(r"-z_y+\log\sum_j e^{z_j}", lambda m, z, label: -z[label] + m.logsumexp(z))


@TOPIC.claim(
    "losses.softmax_ce_logits",
    method="sympy",
    canonical=(sympy.E, LOGITS_FORM),
    faithful=("000",),
    printed={
        "001": Printed((sympy.E, Formula(r"-\sum_i[y_i z_i+\log\sum_j e^{z_j}]",
                                         lambda m, z, label: -sum(
                                             yi * zi + m.logsumexp(z)
                                             for yi, zi in zip(one_hot(label, len(z)), z, strict=True)))),
                       reading="Softmax regression with one-hot y ∈ {e₁, …, e_k} and logits zᵢ = x·θᵢ, as line "
                               "191 defines it (-y·log σ^max). Read as printed: the log-sum-exp inside the sum "
                               "over i, added, i.e. -Σᵢ yᵢzᵢ - k log Σⱼ e^{zⱼ}; the loss of line 191 is "
                               "-Σᵢ yᵢzᵢ + log Σⱼ e^{zⱼ} (the bracket closed after yᵢ x·θᵢ and a minus sign)."),
        "003": Printed((sympy.Integer(2), Formula(r"\frac{1}{\ln 2}[-z_y+\ln\sum_j e^{z_j}]",
                                                  lambda m, z, label: (-z[label] + m.logsumexp(z)) / m.log(2))),
                       reading="y_z is read as z_y, the logit of the label y; the factor 1/ln 2 makes the left "
                               "side the cross-entropy in bits, -log₂ softmax(z)_y, which is what is checked "
                               "(the implementation's loss, in nats, divided by ln 2)."),
    },
)
def softmax_ce_logits(ctx: Context, stated: tuple[sympy.Expr, Formula]) -> Outcome:
    """Softmax cross-entropy in terms of the logits.

    For logits z and a label y: ℓ(y, z) = -log softmax(z)_y = -z_y + log Σⱼ e^{zⱼ} (natural log; in base
    b, divided by ln b). Checked: the implementation's cross-entropy (in nats, divided by ln b) equals
    the formula on logit vectors of length 2 to 4 up to ±1e300 (where Σⱼ e^{zⱼ} as written overflows);
    then proved for three logits.
    """
    base, form = stated
    impl = ctx.impl()
    in_base = float(sympy.log(base))
    return all_of({
        "float64": lambda: agrees(
            ctx, classified_logits(), lambda c: impl.cross_entropy(c["z"], c["y"]) / in_base,
            lambda c: form(FLOAT64, c["z"], c["y"]), label=f"-log_b softmax(z)_y = {form.latex}",
            scale=lambda c: (c["z"],)),
        **proved_entries(ctx, {"algebra": (
            (rf"-\log_{{{sympy.latex(base)}}}\mathrm{{softmax}}(z)_1", -sympy.log(SYMBOLIC.softmax(LOGITS)[0], base)),
            (form.latex, form(SYMBOLIC, LOGITS, 0)))}),
    })


WORD2VEC = Formula(r"-x_w^\top y_\mu+\ln\sum_\nu\exp(x_w^\top y_\nu)",
                   lambda m, x, outputs, mu: -dot(x, outputs[mu]) + m.logsumexp([dot(x, row) for row in outputs]))


@TOPIC.claim(
    "losses.word2vec_nll",
    method="sympy",
    canonical=WORD2VEC,
    faithful=("003",),
    printed={"000": Printed(WORD2VEC, reading="The sum's index reuses μ, the context word of the left side "
                                              "(Σ_μ exp(x_wᵀy_μ)); it is read as a dummy index ν over the "
                                              "vocabulary, as document 003 prints it. Line 316's P(μ|w), its "
                                              "sum displaced by the conversion, is read the same way.")},
    references=(MIKOLOV,),
)
def word2vec_nll(ctx: Context, stated: Formula) -> Outcome:
    """The skip-gram negative log-likelihood.

    With P(μ|w) = exp(x_wᵀy_μ)/Σ_ν exp(x_wᵀy_ν) (input embedding x_w of the centre word, output
    embeddings y_ν of the vocabulary): ℓ_{w,μ} = -ln P(μ|w) = -x_wᵀy_μ + ln Σ_ν exp(x_wᵀy_ν).
    Checked: the implementation's softmax cross-entropy of the logits (x_wᵀy_ν)_ν against μ equals the
    formula (vocabularies of 2 to 4 words, dimension 1 to 3, entries up to ±1e100, so to 64 roundings of
    the products |x_i y_νi|); then proved for three words in dimension 2.
    """
    impl = ctx.impl()
    x = sympy.symbols("x_1:3", real=True)
    rows = [[sympy.Symbol(f"y_{{{i + 1}{j + 1}}}", real=True) for j in range(2)] for i in range(K)]
    probability = sympy.exp(dot(x, rows[0])) / sum(sympy.exp(dot(x, row)) for row in rows)
    return all_of({
        "float64": lambda: agrees(
            ctx, embeddings(), lambda c: impl.cross_entropy(c["Y"] @ c["x"], c["mu"]),
            lambda c: stated(FLOAT64, c["x"], c["Y"], c["mu"]), label=f"-ln P(μ|w) = {stated.latex}",
            scale=lambda c: (np.abs(c["Y"]) * np.abs(c["x"]),)),
        **proved_entries(ctx, {"algebra": ((r"-\ln P(\mu_1|w)", -sympy.log(probability)),
                                           (stated.latex, stated(SYMBOLIC, x, rows, 0)))}),
    })


TOPIC.not_checkable(
    "losses.negative_sampling",
    title="Negative sampling replaces the skip-gram NLL by a surrogate",
    statement="ℓ̃_{w,μ} = -ln σ(x_wᵀy_μ) - β E_{ν∼D} ln(1 - σ(x_wᵀy_ν)), with β negative samples ν drawn "
              "from a noise distribution D (the line reuses μ for the sampled word).",
    reason="A definition: it introduces a new objective, which the line does not claim to equal or bound the "
           "NLL ℓ_{w,μ}, and its noise distribution D and β are free choices, so no statement is left to check. "
           "(Its terms are the logistic losses -log σ(±t) of the claims losses.binary_ce_sign_form and "
           "losses.logistic_pm1_gradient, which are checked.)",
    references=(MIKOLOV,),
)


@TOPIC.claim(
    "losses.softmax_regression_gradient",
    method="sympy",
    canonical=Formula(r"(\sigma_i^{\max}-y_i)\,x",
                      lambda m, theta, x, label: [[(s - yi) * xj for xj in x] for s, yi in
                                                  zip(m.softmax([dot(row, x) for row in theta]),
                                                      one_hot(label, len(theta)), strict=True)]),
    faithful=("001",),
)
def softmax_regression_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of softmax regression's cross-entropy.

    For l(x, y; Θ) = -log softmax(Θx)_y with one-hot y: ∇_{θᵢ} l = (σᵢ^max - yᵢ) x, σ^max = softmax(Θx).
    Checked: the implementation's gradient (autograd through the loss, for an adapter) equals the formula
    for k = 2..4 classes in dimension 1 to 3, entries up to ±1e100 (to 64ε|x| absolute); then the entries
    of θ₁ (the label's class) and θ₂ (another) proved for three classes in dimension 2.
    """
    impl = ctx.impl()
    theta = [[sympy.Symbol(rf"\theta_{{{i + 1}{j + 1}}}", real=True) for j in range(2)] for i in range(K)]
    x = sympy.symbols("x_1:3", real=True)
    loss = -sympy.log(SYMBOLIC.softmax([dot(row, x) for row in theta])[0])
    gradient = stated(SYMBOLIC, theta, x, 0)
    return all_of({
        "float64": lambda: agrees(
            ctx, softmax_regressions(), lambda c: impl.softmax_regression_gradient(c["theta"], c["x"], c["y"]),
            lambda c: stated(FLOAT64, c["theta"], c["x"], c["y"]), label=f"∇_θ l = {stated.latex}",
            scale=lambda c: (c["x"],)),
        **proved_entries(ctx, {
            f"θ_{i + 1},{j + 1}": ((rf"\partial l/\partial\theta_{{{i + 1}{j + 1}}}", sympy.diff(loss, theta[i][j])),
                                   (f"entry ({i + 1}, {j + 1})", gradient[i][j]))
            for i, j in ((0, 0), (1, 0))}),
    })


@TOPIC.claim(
    "losses.cross_entropy_ge_entropy",
    method="property",
    canonical=Formula(r"-\sum_j y_j\log y_j", lambda m, target, v: -sum(target * m.log(target))),
    printed={"001": Printed(Formula(r"-\sum_j y_j\log v_j", lambda m, target, v: -sum(target * m.log(v))),
                            reading="Read as printed: the right side -Σ yⱼ log vⱼ repeats the left side, so the "
                                    "inequality is l ≥ l (true, and empty) and H(y) is defined as a function of "
                                    "v. It is checked as the claim that this H(y) is a function of y alone; the "
                                    "entropy -Σ yⱼ log yⱼ is meant. y is read as a distribution (Σ yⱼ = 1), "
                                    "without which the intended inequality fails (y = (½, 0), v = (1, 0)).")},
    references=(COVER_THOMAS,),
)
def cross_entropy_ge_entropy(ctx: Context, entropy: Formula) -> Outcome:
    """Soft-target cross-entropy is at least the entropy of the target (Gibbs' inequality).

    For a target distribution y and a prediction v on m classes: l_y(v) = -Σⱼ yⱼ log vⱼ ≥ H(y) =
    -Σⱼ yⱼ log yⱼ, with equality at v = y (l_y(v) - H(y) = KL(y‖v) ≥ 0). Checked, with v = softmax(z)
    and the implementation's soft-target cross-entropy from the logits z: H(y) is the same for two
    predictions (it depends on y alone); l_y(v) ≥ H(y) for logits up to ±1e300, the search pushed
    towards equality; and l_y(y) = H(y) (logits log y).
    """
    impl = ctx.impl()

    def of_y_alone(c: Case) -> Comparison:
        first, second = entropy(FLOAT64, c["y"], softmax(c["z2"])), entropy(FLOAT64, c["y"], softmax(-c["z2"]))
        return close(first, second, label="H(y) at v = softmax(z′) and at v = softmax(-z′)", rtol=1e-9,
                     atol=within_tolerance(first, second))

    def attained(c: Case) -> Comparison:
        value, least = impl.soft_cross_entropy(np.log(c["y"]), c["y"]), entropy(FLOAT64, c["y"], c["y"])
        return close(value, least, label="l_y(y) = H(y)", rtol=1e-9, atol=within_tolerance(value, least, 1.0))

    return all_of({
        "H(y) depends on y alone": lambda: for_all(ctx, soft_targets(), of_y_alone, max_examples=float_examples(ctx)),
        "l_y(v) ≥ H(y)": lambda: bound(
            ctx, soft_targets(), lambda c: impl.soft_cross_entropy(c["z"], c["y"]),
            lambda c: entropy(FLOAT64, c["y"], softmax(c["z"])), label="l_y(softmax(z)) ≥ H(y)", upper=False,
            max_examples=float_examples(ctx)),
        "equality at v = y": lambda: for_all(ctx, soft_targets(), attained, max_examples=float_examples(ctx)),
    })

