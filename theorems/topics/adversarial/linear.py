"""Linear classifiers: when a perturbation flips the label, the minimal ℓ2 perturbation, and DeepFool.

For affine scores the linearisation of DeepFool is exact: the step to the nearest boundary lands on it,
and the overshoot (1 + η) carries it across. The minimal ℓ2 distance to the hyperplane aᵀr = c is
recomputed as the norm of NumPy's least-squares minimum-norm solution, independently of c/‖a‖₂.
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st

from impls.adversarial import dual_order
from theorems.engine import Comparison, Context, Formula, Outcome, Printed, close, equal, for_all, symbolic, that
from theorems.engine import within_tolerance as tol

from . import DEEPFOOL, HOLDER, TOPIC
from .norms import steepest
from .strategies import Affine, affine, orders

OVERSHOOT = 0.02
"""DeepFool's overshoot η (the paper's and torchattacks' default)."""

D = 3
W, X, DELTA = (sympy.Matrix(sympy.symbols(f"{s}_1:{D + 1}", real=True)) for s in ("w", "x", "delta"))
y, b = sympy.symbols("y b", real=True)


@TOPIC.claim(
    "adversarial.linear_flip_condition",
    method="sympy",
    canonical=Formula(r"-y(w^\top x + b)", lambda w, x, bias, label: -label * (w.dot(x) + bias)),
    faithful=("003",),
    uses_impl=False,
)
def linear_flip_condition(ctx: Context, stated: Formula) -> Outcome:
    """When a perturbation flips a linear classifier.

    For f(x) = wᵀx + b and y ∈ {-1, 1}, x + δ is misclassified (y f(x + δ) ≤ 0) iff ywᵀδ ≤ -y(wᵀx + b):
    the margin after the perturbation is y f(x + δ) = ywᵀδ - (-y(wᵀx + b)), proved for x, w, δ ∈ ℝ³.
    """
    return symbolic(ctx, ("y f(x + δ)", y * (W.dot(X + DELTA) + b)),
                    ("y wᵀδ - stated threshold", y * W.dot(DELTA) - stated(W, X, b, y)))


def boundary_distance(model: Affine, j: int) -> float:
    """‖r‖₂ of the least-squares minimum-norm r with (w_j - w_y)ᵀr = f_y(x) - f_j(x) (LAPACK, not c/‖a‖)."""
    a = (model.weights[j] - model.weights[model.label])[None, :]
    c = np.array([model.scores[model.label] - model.scores[j]])
    return float(np.linalg.norm(np.linalg.lstsq(a, c, rcond=None)[0]))


def minimal_holds(ctx: Context, stated: Formula, classes: tuple[int, int]) -> Outcome:
    """The stated perturbation is the implementation's minimal perturbation, its length is the distance to
    the nearest boundary (least squares), and x + ν lies on the decision boundary (a tie of the top two)."""
    impl = ctx.impl()

    def minimal(model: Affine) -> list[Comparison]:
        nu = np.asarray(stated(model), dtype=float)
        nearest = min(boundary_distance(model, j) for j in model.others())
        scores = np.sort(model.weights @ (model.x + nu) + model.biases)
        scale = tol(np.abs(model.weights) @ (np.abs(model.x) + np.abs(nu)) + np.abs(model.biases))
        return [close(np.linalg.norm(nu), nearest, label="‖ν‖₂ = distance to the nearest boundary", rtol=1e-9,
                      atol=tol(nu, nearest)),
                close(scores[-1], scores[-2], label="x + ν on the boundary (top two scores tie)", rtol=0.0,
                      atol=scale),
                close(impl.minimal_perturbation(model.weights, model.biases, model.x), nu,
                      label="implementation = stated ν", rtol=1e-9, atol=tol(nu, model.x))]

    return for_all(ctx, affine(classes), minimal, max_examples=50, describe=Affine.describe)


def _binary(model: Affine) -> np.ndarray:
    w = model.weights[0] - model.weights[1]
    f = model.scores[0] - model.scores[1]
    return -f * w / (w @ w)


def _two_scores(model: Affine) -> np.ndarray:
    a = model.weights[1] - model.weights[0]
    gap = model.scores[0] - model.scores[1]
    return np.sign(gap) * a * abs(gap) / (a @ a)


@TOPIC.claim(
    "adversarial.linear_l2_optimal",
    method="property",
    canonical=Formula(r"-\frac{w^\top x + b}{\|w\|_2^2} w", _binary),
    faithful=("003",),
    printed={"000": Printed(Formula(r"\mathrm{sign}(f_1 - f_2)(w_2 - w_1)\frac{|f_1 - f_2|}{\|w_1 - w_2\|^2}",
                                    _two_scores),
                            reading="ν ∝ sign(f₁ - f₂)(w₂ - w₁) gives the direction only; it is checked with the "
                                    "length |f₁ - f₂|/‖w₁ - w₂‖₂ of the distance to the boundary f₁ = f₂")},
    references=(DEEPFOOL,),
)
def linear_l2_optimal(ctx: Context, stated: Formula) -> Outcome:
    """The minimal ℓ2 perturbation of a linear binary classifier.

    For f(x) = wᵀx + b (two classes with scores f₁, f₂: w = w₁ - w₂, b = b₁ - b₂), the smallest δ with
    f(x + δ) = 0 is δ* = -(wᵀx + b) w/‖w‖₂², of length |wᵀx + b|/‖w‖₂.
    """
    return minimal_holds(ctx, stated, (2, 2))


def _multiclass(model: Affine, power: int = 1) -> np.ndarray:
    """(f₁ - f_i)/‖w₁ - w_i‖² (w_i - w₁), class 1 = the label, for the i minimising (f₁ - f_i)/‖w₁ - w_i‖^power."""
    k, others = model.label, model.others()
    gaps = np.array([model.scores[k] - model.scores[i] for i in others])
    normals = np.array([model.weights[i] - model.weights[k] for i in others])
    norms = np.linalg.norm(normals, axis=1)
    i = int(np.argmin(gaps / norms**power))
    return gaps[i] / norms[i] ** 2 * normals[i]


@TOPIC.claim(
    "adversarial.multiclass_linear",
    method="property",
    canonical=Formula(r"\frac{f_1 - f_{\hat\imath}}{\|w_1 - w_{\hat\imath}\|_2^2}(w_{\hat\imath} - w_1),\ "
                      r"\hat\imath = \arg\min_i \frac{f_1 - f_i}{\|w_1 - w_i\|_2}", _multiclass),
    printed={"000": Printed(Formula(r"\arg\min_{i>1} \frac{f_1 - f_i}{\|w_1 - w_i\|_2^2}(w_i - w_1)",
                                    lambda model: _multiclass(model, power=2)),
                            reading="the argmin is read over the printed ratio (f₁ - f_i)/‖w₁ - w_i‖₂², class 1 = "
                                    "the label: it picks the class, then moves by the ratio times (w_i - w₁)")},
    references=(DEEPFOOL,),
)
def multiclass_linear(ctx: Context, stated: Formula) -> Outcome:
    """The minimal ℓ2 perturbation of a multiclass linear classifier.

    For scores f_i = w_iᵀx + b_i and label 1, the smallest ν with x + ν on the decision boundary moves to the
    nearest of the hyperplanes f₁ = f_i: î = argmin_{i>1} (f₁ - f_i)/‖w₁ - w_i‖₂ (the distances) and
    ν = (f₁ - f_î)/‖w₁ - w_î‖₂² (w_î - w₁).
    """
    return minimal_holds(ctx, stated, (2, 4))


DISTANCE = Formula(r"\frac{m_j(x)}{\|w_y - w_j\|_2}",
                   lambda model, j: (model.scores[model.label] - model.scores[j])
                   / np.linalg.norm(model.weights[model.label] - model.weights[j]))


@TOPIC.claim(
    "adversarial.multiclass_boundary_distance",
    method="property",
    canonical=DISTANCE,
    printed={"003": Printed(DISTANCE, reading="‖w_j - w_j‖ is read as ‖w_y - w_j‖ (the subscript y was lost, as in "
                                              "the margin m_j(x) = (w_j - w_j)ᵀx + (b_j - b_j) two lines above)")},
    references=(DEEPFOOL,),
)
def multiclass_boundary_distance(ctx: Context, stated: Formula) -> Outcome:
    """The distance to a multiclass boundary.

    The ℓ2 distance from x to the hyperplane f_y = f_j is m_j(x)/‖w_y - w_j‖₂ with m_j = f_y(x) - f_j(x)
    (compared with the least-squares minimum-norm solution); the minimal perturbation of the
    implementation has the length of the smallest of them.
    """
    impl = ctx.impl()

    def distances(model: Affine) -> list[Comparison]:
        stated_all = [float(stated(model, j)) for j in model.others()]
        found = [boundary_distance(model, j) for j in model.others()]
        nu = impl.minimal_perturbation(model.weights, model.biases, model.x)
        return [close(stated_all, found, label="stated distance = least-squares distance", rtol=1e-9,
                      atol=tol(found)),
                close(np.linalg.norm(nu), min(found), label="‖implementation's ν‖₂ = smallest distance",
                      rtol=1e-9, atol=tol(nu, found))]

    return for_all(ctx, affine(), distances, max_examples=50, describe=Affine.describe)


@TOPIC.claim(
    "adversarial.deepfool_linearized_constraint",
    method="property",
    canonical=Formula(r"(\nabla f_1 - \nabla f_2)^\top r + f_1 - f_2 < 0", lambda g, gap, r: g @ r + gap < 0),
    printed={
        "000": Printed(Formula(r"(\nabla f_1 - \nabla f_2)^\top \Delta\nu < f_1 - f_2", lambda g, gap, r: g @ r < gap),
                       reading="as printed: the sign of f₁ - f₂ is lost (it should be < -(f₁ - f₂))"),
        "001": Printed(Formula(r"(\nabla f_1 - \nabla f_2)^\top r + f_1 - f_2 > 0",
                               lambda g, gap, r: g @ r + gap > 0),
                       reading="as printed: the inequality is reversed (> 0 keeps the label of x)"),
    },
    references=(DEEPFOOL,),
)
def deepfool_linearized_constraint(ctx: Context, stated: Formula) -> Outcome:
    """DeepFool's linearised constraint.

    With k(x) = 1 and g = ∇f₁(x) - ∇f₂(x), the linearisation of f₂(x + r) - f₁(x + r) > 0 is
    gᵀr + f₁(x) - f₂(x) < 0; for affine scores it is exact. Checked on two-class affine models: the stated
    condition holds exactly when x + r is labelled 2, for r = 0, for the implementation's DeepFool
    perturbation r and for -r.
    """
    impl = ctx.impl()

    def exact(model: Affine) -> list[Comparison]:
        first, second = model.label, 1 - model.label
        g = model.weights[first] - model.weights[second]
        gap = model.scores[first] - model.scores[second]
        r = impl.deepfool(model.weights, model.biases, model.x, 2.0, OVERSHOOT)
        return [equal(bool(stated(g, gap, candidate)), model.label_of(model.x + candidate) == second,
                      label=f"condition ⇔ x + r labelled 2, for r = {name}")
                for name, candidate in (("0", np.zeros_like(r)), ("DeepFool's r", r), ("-r", -r))]

    return for_all(ctx, affine((2, 2)), exact, max_examples=50, describe=Affine.describe)


def _binary_step(g: np.ndarray, gap: float, p: float, sign: int = -1) -> np.ndarray:
    q = dual_order(p)
    return sign * gap / np.linalg.norm(g, q) ** q * np.abs(g) ** (q - 1) * np.sign(g)


@TOPIC.claim(
    "adversarial.deepfool_binary_step",
    method="property",
    canonical=Formula(r"-\frac{f_1 - f_2}{\|g\|_{q}^{q}} |g|^{q-1} \odot \mathrm{sgn}(g)", _binary_step),
    printed={"001": Printed(Formula(r"\frac{f_1 - f_2}{\|g\|_{q}^{q}} |g|^{q-1} \odot \mathrm{sgn}(g)",
                                    lambda g, gap, p: _binary_step(g, gap, p, sign=1)),
                            reading="as printed, with g = ∇f₁ - ∇f₂ and k(x) = 1, without the minus sign")},
    depends=("adversarial.lp_steepest_ascent_direction",),
    references=(DEEPFOOL, HOLDER),
)
def deepfool_binary_step(ctx: Context, stated: Formula) -> Outcome:
    """DeepFool's binary step.

    With k(x) = 1, g = ∇f₁(x) - ∇f₂(x) and 1/p + 1/q = 1, the minimal ℓp solution of gᵀr + f₁ - f₂ = 0 is
    r* = -(f₁ - f₂)/‖g‖_q^q |g|^{q-1} ⊙ sgn(g), of length (f₁ - f₂)/‖g‖_q (Hölder: every r with
    gᵀr = -(f₁ - f₂) has ‖r‖_p ≥ |f₁ - f₂|/‖g‖_q). On a two-class affine model the implementation's
    DeepFool returns (1 + η) r* (one step, overshoot η).
    """
    impl = ctx.impl()

    def step(case: tuple[Affine, float]) -> list[Comparison]:
        model, p = case
        first, second = model.label, 1 - model.label
        g = model.weights[first] - model.weights[second]
        gap = model.scores[first] - model.scores[second]
        r = np.asarray(stated(g, gap, p), dtype=float)
        length = gap / np.linalg.norm(g, dual_order(p))
        return [close(g @ r + gap, 0.0, label="gᵀr* + f₁ - f₂ = 0 (on the boundary)", atol=tol(g * r, gap)),
                close(np.linalg.norm(r, p), length, label="‖r*‖_p = (f₁ - f₂)/‖g‖_q", atol=tol(r, length)),
                close(impl.deepfool(model.weights, model.biases, model.x, p, OVERSHOOT), (1 + OVERSHOOT) * r,
                      label="implementation's DeepFool = (1 + η) r*", rtol=1e-9, atol=tol(r, model.x))]

    return for_all(ctx, st.tuples(affine((2, 2)), orders()), step, max_examples=50,
                   describe=lambda c: {**c[0].describe(), "p": c[1]})


def _multiclass_step(model: Affine, p: float) -> np.ndarray:
    k, others = model.label, model.others()
    h = np.array([model.scores[j] - model.scores[k] for j in others])
    grads = np.array([model.weights[j] - model.weights[k] for j in others])
    q = dual_order(p)
    j = int(np.argmin(np.abs(h) / np.linalg.norm(grads, q, axis=1)))
    return np.abs(h[j]) / np.linalg.norm(grads[j], q) * steepest(grads[j], p)


@TOPIC.claim(
    "adversarial.deepfool_multiclass_step",
    method="property",
    canonical=Formula(r"\min_{j \ne k(x)} \frac{|h_j|}{\|\nabla h_j\|_q^q}|\nabla h_j|^{q-1} \odot "
                      r"\mathrm{sgn}(\nabla h_j)", _multiclass_step),
    faithful=("001",),
    depends=("adversarial.deepfool_binary_step",),
    references=(DEEPFOOL, HOLDER),
)
def deepfool_multiclass_step(ctx: Context, stated: Formula) -> Outcome:
    """DeepFool's multiclass step.

    With h_j = f_j - f_{k(x)}, the step r_j = |h_j|/‖∇h_j‖_q^q |∇h_j|^{q-1} ⊙ sgn(∇h_j) reaches h_j = 0 with
    ‖r_j‖_p = |h_j|/‖∇h_j‖_q; DeepFool takes the smallest ("min" over the set of steps is by ℓp length).
    On an affine model one step with overshoot η changes the label, and the implementation's DeepFool is
    (1 + η) r_ĵ.
    """
    impl = ctx.impl()

    def step(case: tuple[Affine, float]) -> list[Comparison]:
        model, p = case
        r = np.asarray(stated(model, p), dtype=float)
        q = dual_order(p)
        nearest = min(abs(model.scores[j] - model.scores[model.label])
                      / np.linalg.norm(model.weights[j] - model.weights[model.label], q) for j in model.others())
        label = model.label_of(model.x + (1 + OVERSHOOT) * r)
        return [close(np.linalg.norm(r, p), nearest, label="‖r‖_p = min_j |h_j|/‖∇h_j‖_q", atol=tol(r, nearest)),
                that(label != model.label, label="x + (1 + η) r changes the label",
                     message=f"label {model.label} → {label}"),
                close(impl.deepfool(model.weights, model.biases, model.x, p, OVERSHOOT), (1 + OVERSHOOT) * r,
                      label="implementation's DeepFool = (1 + η) r", rtol=1e-9, atol=tol(r, model.x))]

    return for_all(ctx, st.tuples(affine(), orders()), step, max_examples=50,
                   describe=lambda c: {**c[0].describe(), "p": c[1]})
