"""Wrong optimizers and wrong formulas that the sgd topic's canonical checks must reject."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import sympy

from impls.sgd import FiniteSum, Gradient, Optimizers, polar_factor
from tests.mutants import Mutant
from theorems import sgd
from theorems.engine import Formula


class AdamWithoutBiasCorrection(Optimizers):
    """Adam whose moments are used as they are, without dividing by 1 - β^t."""

    def trajectory(self, method: str, x0: np.ndarray, gradient: Gradient, steps: int,
                   hyper: Mapping[str, float]) -> np.ndarray:
        if method != "adam":
            return super().trajectory(method, x0, gradient, steps, hyper)
        uncorrected = {**hyper, "beta1": hyper["beta1"], "beta2": hyper["beta2"]}
        return sgd.simulate(replace(sgd.ADAM, step=sgd.eps_outside_root), _run(x0, gradient, steps, uncorrected))


class EpsInsideRoot(Optimizers):
    """Adam and RMSprop with ε added under the square root instead of to it."""

    def trajectory(self, method: str, x0: np.ndarray, gradient: Gradient, steps: int,
                   hyper: Mapping[str, float]) -> np.ndarray:
        rules = {"rmsprop": replace(sgd.RMSPROP, step=sgd.eps_inside_root),
                 "adam": replace(sgd.ADAM, step=lambda m, v, t, h: h["lr"] * (m / (1 - h["beta1"] ** t))
                                 / np.sqrt(v / (1 - h["beta2"] ** t) + h["eps"]))}
        if method not in rules:
            return super().trajectory(method, x0, gradient, steps, hyper)
        return sgd.simulate(rules[method], _run(x0, gradient, steps, hyper))


def _run(x0: np.ndarray, gradient: Gradient, steps: int, hyper: Mapping[str, float]) -> object:
    """A Run for ``simulate`` whose objective is just the gradient oracle (its minimizer is never used)."""

    class Oracle:
        minimizer = np.zeros(np.size(x0))

        @staticmethod
        def gradient(x: np.ndarray) -> np.ndarray:
            return gradient(x)

    return sgd.Run(Oracle(), np.asarray(x0, dtype=float), steps, hyper)  # type: ignore[arg-type]


class SummedMinibatch(Optimizers):
    """The minibatch gradient as the sum of its r component gradients instead of their mean."""

    def minibatch_gradient(self, problem: FiniteSum, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return problem.component_gradients(x[:, None, :], indices).sum(axis=1)


class ExponentialAverages(Optimizers):
    """'Polyak averages' computed as an exponential moving average with β = 0.1."""

    def polyak_averages(self, iterates: np.ndarray) -> np.ndarray:
        return sgd.running_recursion(lambda k: 0.1)(np.asarray(iterates, dtype=float))


def muon_with_aspect(aspect: float) -> sgd.Rule:
    def step(m: np.ndarray, v: np.ndarray, t: int, h: Mapping[str, float]) -> np.ndarray:
        d_out, d_in = m.shape
        return h["lr"] * math.sqrt(d_in / d_out) ** aspect * polar_factor(m)

    return replace(sgd.MUON, step=step)


t = sgd.t_sym
MUTANTS: list[Mutant] = [
    Mutant("optim.adagrad_update", "δ inside the square root", form=replace(sgd.ADAGRAD, step=sgd.eps_inside_root)),
    Mutant("optim.adagrad_accumulator", "accumulates |g| instead of g²",
           form=replace(sgd.ADAGRAD, second=lambda v, g, h: v + np.abs(g))),
    Mutant("optim.adagrad_preconditioner", "δ inside the square root",
           form=replace(sgd.ADAGRAD, step=sgd.eps_inside_root)),
    Mutant("optim.adam_update", "Adam without bias correction", impl="tests.mutants.sgd:AdamWithoutBiasCorrection"),
    Mutant("optim.adam_update", "ε inside the square root", impl="tests.mutants.sgd:EpsInsideRoot"),
    Mutant("optim.adam_first_moment", "m = βm + g without the 1 - β weight",
           form=replace(sgd.ADAM, first=lambda m, g, h: h["beta1"] * m + g)),
    Mutant("optim.adam_second_moment", "v = βv + g² without the 1 - β weight",
           form=replace(sgd.ADAM, second=lambda v, g, h: h["beta2"] * v + g * g)),
    Mutant("optim.adam_second_moment_bias_correction", "no correction of v",
           form=replace(sgd.ADAM, step=lambda m, v, t, h: h["lr"] * m / (1 - h["beta1"] ** t)
                        / (np.sqrt(v) + h["eps"]))),
    Mutant("optim.amsgrad_max", "plain Adam, no running maximum", form=replace(sgd.AMSGRAD, keep_max=False)),
    Mutant("optim.rmsprop_update", "ε inside the square root", impl="tests.mutants.sgd:EpsInsideRoot"),
    Mutant("optim.rmsprop_is_adam_without_momentum", "bias-corrected Adam with β₁ = 0",
           form=sgd.with_beta1_zero(sgd.ADAM, "Adam with bias correction")),
    Mutant("optim.signsgd_update", "the gradient instead of its sign",
           form=replace(sgd.SIGNSGD, step=lambda m, v, t, h: h["lr"] * m)),
    Mutant("optim.muon_update", "scale √(d_in/d_out)", form=muon_with_aspect(1.0)),
    Mutant("optim.adam_bias_correction", "1/(1 - β^(k+1))",
           form=Formula(r"\frac{1}{1-\beta^{k+1}}", lambda beta, k: 1 / (1 - beta ** (k + 1)))),
    Mutant("optim.adam_default_hyperparameters", "β₂ = 0.99", form={"beta1": 0.9, "beta2": 0.99}),
    Mutant("optim.muon_spectral_steepest_descent", "aspect d_in/d_out",
           form=sgd.SteepestStep("", lambda G: sgd.svd_step(G, transposed_factors=False, aspect=lambda o, i: i / o),
                                 "op")),
    Mutant("sgd.minibatch_gradient_unbiased", "summed minibatch", impl="tests.mutants.sgd:SummedMinibatch"),
    Mutant("sgd.gradient_variance_def", "sample variance 1/(n-1)",
           form=Formula("", lambda grads: float(np.sum((grads - grads.mean(axis=0)) ** 2) / (len(grads) - 1)))),
    Mutant("sgd.minibatch_variance_reduction", "V/r²", form=Formula(r"V/r^2", lambda V, r: V / r**2)),
    Mutant("sgd.polyak_averaging", "exponential moving average", impl="tests.mutants.sgd:ExponentialAverages"),
    Mutant("sgd.svrg_update", "without the full gradient at the anchor",
           form=Formula("", lambda gx, ga, full: gx - ga)),
    Mutant("sgd.robbins_monro_conditions", "1/t claimed not square-summable", form=(sgd.Schedule(1 / t, True, False),)),
    Mutant("sgd.robbins_monro_square_summable", "1/√t claimed square-summable",
           form=(sgd.Schedule(1 / sympy.sqrt(t), None, True),)),
    Mutant("sgd.robbins_monro_examples", "1/√t claimed to satisfy both",
           form=(sgd.Schedule(1 / sympy.sqrt(t), True, True),)),
    Mutant("sgd.nsw_step_size_condition", "step size up to 2/L",
           form=replace(sgd.NSW_THEOREM, step_limit=lambda mu, L: 2 / L)),
    Mutant("sgd.nsw_contraction_factor", "A = 1 - 4ημ(1 - ηL)",
           form=replace(sgd.NSW_THEOREM, A=lambda eta, mu, L: 1 - 4 * eta * mu * (1 - eta * L))),
    Mutant("sgd.nsw_noise_floor", "a quarter of the noise floor, B/4",
           form=replace(sgd.NSW_THEOREM, B=lambda eta, mu, L, sigma2: sgd.nsw_B(eta, mu, L, sigma2) / 4)),
]
