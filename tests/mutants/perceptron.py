"""Wrong perceptrons and wrong perceptron formulas, each with the claim that rejects it."""

from __future__ import annotations

import numpy as np

from impls.perceptron import Perceptron, Trace
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.perceptron.geometry import b, norm_w, w1, w2, x1, x2
from theorems.topics.perceptron.novikoff import MistakeBound


class SteppingPerceptron(Perceptron):
    """The reference loop, but every presentation goes through ``step`` (which mutants override)."""

    def fit(self, X, y, *, bias=False, w0=None, max_epochs=10_000) -> Trace:
        X = np.asarray(X, dtype=float)
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        bias_value = 0.0
        weights, biases, updated_on = [w.copy()], [0.0], []
        epochs = 0
        while epochs < min(max_epochs, 200):
            epochs += 1
            clean = True
            for i, (x, label) in enumerate(zip(X, y, strict=True)):
                new_w, new_b = self.step(w, bias_value, x, int(label))
                if not np.array_equal(new_w, w):
                    w, bias_value = new_w, (new_b if bias else 0.0)
                    weights.append(w.copy())
                    biases.append(bias_value)
                    updated_on.append(i)
                    clean = False
            if clean:
                break
        return Trace(np.array(weights), np.array(biases), updated_on, epochs)


class UpdatesOnCorrect(Perceptron):
    """Also updates when the sample is classified correctly with a small margin."""

    def is_mistake(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> bool:
        return y * (float(x @ w) + b) <= 0.5 * float(x @ x)


class TiesKeep(Perceptron):
    """No update when y(x·w + b) = 0 (document 001's rule): never leaves w = 0."""

    def __init__(self) -> None:
        super().__init__(update_on_tie=False)


class OneEpoch(Perceptron):
    """Stops after one pass over the data, separated or not."""

    def fit(self, X, y, **kw) -> Trace:
        return super().fit(X, y, **{**kw, "max_epochs": 1})


class ForgetsLabel(SteppingPerceptron):
    """Adds x instead of y x."""

    def step(self, w, b, x, y):
        return (w + x, b + 1) if self.is_mistake(w, b, x, y) else (w, b)


class DoubleStep(SteppingPerceptron):
    """Steps by 2 y x."""

    def step(self, w, b, x, y):
        return (w + 2 * y * x, b + 2 * y) if self.is_mistake(w, b, x, y) else (w, b)


class Drifts(SteppingPerceptron):
    """Adds a small constant vector to every update (a bias leaking into w)."""

    def step(self, w, b, x, y):
        return (w + y * x + 1e-3, b + y) if self.is_mistake(w, b, x, y) else (w, b)


class StopsOneEpochEarly(Perceptron):
    """Stops after an epoch with a single update, taking it for the last one without the confirming pass
    (that update may break a sample presented earlier in the epoch: about 1% of generated data sets)."""

    def fit(self, X, y, *, bias=False, w0=None, max_epochs=10_000) -> Trace:
        X = np.asarray(X, dtype=float)
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        b = 0.0
        weights, biases, updated_on = [w.copy()], [b], []
        for epoch in range(1, max_epochs + 1):
            made = 0
            for i, (x, label) in enumerate(zip(X, y, strict=True)):
                if self.is_mistake(w, b, x, int(label)):
                    w, b = w + label * x, (b + label if bias else b)
                    weights.append(w.copy())
                    biases.append(b)
                    updated_on.append(i)
                    made += 1
            if made == 0 or (made == 1 and epoch > 1):
                return Trace(np.array(weights), np.array(biases), updated_on, epoch)
        return Trace(np.array(weights), np.array(biases), updated_on, max_epochs)


class SkipsLastAfterFirstEpoch(Perceptron):
    """Presents the last sample in the first epoch only (an off-by-one range after the first pass): wrong only
    when a later update breaks the last sample (about 1% of generated data sets)."""

    def fit(self, X, y, *, bias=False, w0=None, max_epochs=10_000) -> Trace:
        X = np.asarray(X, dtype=float)
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        b = 0.0
        weights, biases, updated_on = [w.copy()], [b], []
        for epoch in range(1, max_epochs + 1):
            clean = True
            for i in range(len(X) if epoch == 1 else len(X) - 1):
                if self.is_mistake(w, b, X[i], int(y[i])):
                    w, b = w + y[i] * X[i], (b + y[i] if bias else b)
                    weights.append(w.copy())
                    biases.append(b)
                    updated_on.append(i)
                    clean = False
            if clean:
                return Trace(np.array(weights), np.array(biases), updated_on, epoch)
        return Trace(np.array(weights), np.array(biases), updated_on, max_epochs)


M = "tests.mutants.perceptron"
MUTANTS = [
    Mutant("perceptron.update_rule", "updates on correct points", impl=f"{M}:UpdatesOnCorrect"),
    Mutant("perceptron.update_rule", "ties do not update", impl=f"{M}:TiesKeep"),
    Mutant("perceptron.update_rule", "forgets the label", impl=f"{M}:ForgetsLabel"),
    Mutant("perceptron.sgd_on_perceptron_loss", "updates on correct points", impl=f"{M}:UpdatesOnCorrect"),
    Mutant("perceptron.update_opposes_weight", "updates on correct points", impl=f"{M}:UpdatesOnCorrect"),
    Mutant("perceptron.span_invariance", "drifts off the span", impl=f"{M}:Drifts"),
    Mutant("perceptron.inner_product_growth", "forgets the label", impl=f"{M}:ForgetsLabel"),
    Mutant("perceptron.norm_growth", "double step", impl=f"{M}:DoubleStep"),
    Mutant("perceptron.norm_growth_unit_inputs", "double step", impl=f"{M}:DoubleStep"),
    Mutant("perceptron.cosine_bound", "forgets the label", impl=f"{M}:ForgetsLabel"),
    Mutant("perceptron.margin_growth_vs_norm", "double step", impl=f"{M}:DoubleStep"),
    Mutant("perceptron.novikoff_mistake_bound", "stops after one epoch", impl=f"{M}:OneEpoch"),
    # rare failures (about 1% of generated data sets): found by the targeted search and adversarial orders
    Mutant("perceptron.novikoff_mistake_bound", "stops one epoch early (after a single-update epoch)",
           impl=f"{M}:StopsOneEpochEarly"),
    Mutant("perceptron.update_rule", "stops one epoch early (after a single-update epoch)",
           impl=f"{M}:StopsOneEpochEarly"),
    Mutant("perceptron.novikoff_mistake_bound", "skips the last sample after the first epoch",
           impl=f"{M}:SkipsLastAfterFirstEpoch"),
    Mutant("perceptron.update_rule", "skips the last sample after the first epoch",
           impl=f"{M}:SkipsLastAfterFirstEpoch"),
    Mutant("perceptron.novikoff_mistake_bound", "R/γ for R²/γ²", form=MistakeBound("R/γ", lambda R, g: R / g)),
    Mutant("perceptron.geometric_margin", "label dropped from the margin",
           form=Formula("(x·w+b)/‖w‖", lambda w, b_, x, y: (x @ w + b_) / np.linalg.norm(w))),
    Mutant("perceptron.dataset_margin", "max for min",
           form=Formula("max", lambda w, X, y: float(np.max(y * (X @ w)) / np.linalg.norm(w)))),
    Mutant("perceptron.decision_boundary_normalized", "b not divided by ‖w‖",
           form=Formula("x·w/‖w‖ + b", lambda: (x1 * w1 + x2 * w2) / norm_w + b)),
    Mutant("perceptron.hyperplane_signed_distance", "sign of b flipped",
           form=Formula("b/‖w‖", lambda: b / norm_w)),
]
