"""Wrong optimizers and wrong formulas that the sgd topic's canonical checks must reject (the
adaptive optimizers' mutants are ``optim.*`` claims: see :mod:`tests.mutants.optim`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import sympy

from impls.optim import FiniteSum, Optimizers
from tests.mutants import Mutant
from theorems.engine import Formula
from theorems.topics.sgd.convergence import NSW_THEOREM, nsw_B
from theorems.topics.sgd.finite_sums import running_recursion
from theorems.topics.sgd.robbins_monro import Schedule, t_sym


class SummedMinibatch(Optimizers):
    """The minibatch gradient as the sum of its r component gradients instead of their mean."""

    def minibatch_gradient(self, problem: FiniteSum, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
        return problem.component_gradients(x[:, None, :], indices).sum(axis=1)


class ExponentialAverages(Optimizers):
    """'Polyak averages' computed as an exponential moving average with β = 0.1."""

    def polyak_averages(self, iterates: np.ndarray) -> np.ndarray:
        return running_recursion(lambda k: 0.1)(np.asarray(iterates, dtype=float))


class StepHalvedAfterFirst(Optimizers):
    """SGD whose step-size schedule is wrong only after the first step: η at step 1, η/2 from step 2 on."""

    def sgd(self, problem: FiniteSum, x0: np.ndarray, eta: float, steps: int, batch: int,
            rng: np.random.Generator) -> np.ndarray:
        x = np.array(x0, dtype=float)
        for k in range(steps):
            step = eta if k == 0 else eta / 2
            x = x - step * self.minibatch_gradient(problem, x, rng.integers(problem.n, size=(x.shape[0], batch)))
        return x


class OneStepShort(Optimizers):
    """SGD with an off-by-one loop that runs k - 1 steps when asked for k > 1 (right for k = 1)."""

    def sgd(self, problem: FiniteSum, x0: np.ndarray, eta: float, steps: int, batch: int,
            rng: np.random.Generator) -> np.ndarray:
        return super().sgd(problem, x0, eta, max(1, steps - 1) if steps else 0, batch, rng)


M = "tests.mutants.sgd:"
t = t_sym
MUTANTS: list[Mutant] = [
    Mutant("sgd.minibatch_gradient_unbiased", "summed minibatch", impl="tests.mutants.sgd:SummedMinibatch"),
    Mutant("sgd.gradient_variance_def", "sample variance 1/(n-1)",
           form=Formula("", lambda grads: float(np.sum((grads - grads.mean(axis=0)) ** 2) / (len(grads) - 1)))),
    Mutant("sgd.minibatch_variance_reduction", "V/r²", form=Formula(r"V/r^2", lambda V, r: V / r**2)),
    Mutant("sgd.polyak_averaging", "exponential moving average", impl="tests.mutants.sgd:ExponentialAverages"),
    Mutant("sgd.svrg_update", "without the full gradient at the anchor",
           form=Formula("", lambda gx, ga, full: gx - ga)),
    Mutant("sgd.robbins_monro_conditions", "1/t claimed not square-summable", form=(Schedule(1 / t, True, False),)),
    Mutant("sgd.robbins_monro_square_summable", "1/√t claimed square-summable",
           form=(Schedule(1 / sympy.sqrt(t), None, True),)),
    Mutant("sgd.robbins_monro_examples", "1/√t claimed to satisfy both",
           form=(Schedule(1 / sympy.sqrt(t), True, True),)),
    Mutant("sgd.nsw_step_size_condition", "step size up to 2/L",
           form=replace(NSW_THEOREM, step_limit=lambda mu, L: 2 / L)),
    Mutant("sgd.nsw_contraction_factor", "A = 1 - 4ημ(1 - ηL)",
           form=replace(NSW_THEOREM, A=lambda eta, mu, L: 1 - 4 * eta * mu * (1 - eta * L))),
    Mutant("sgd.nsw_noise_floor", "a quarter of the noise floor, B/4",
           form=replace(NSW_THEOREM, B=lambda eta, mu, L, sigma2: nsw_B(eta, mu, L, sigma2) / 4)),
    # right at k = 1, wrong after: refuted only by the tests at k > 1
    Mutant("sgd.nsw_contraction_factor", "step η/2 after the first step", impl=M + "StepHalvedAfterFirst"),
    Mutant("sgd.nsw_step_size_condition", "step η/2 after the first step", impl=M + "StepHalvedAfterFirst"),
    Mutant("sgd.nsw_contraction_factor", "one step short for k > 1", impl=M + "OneStepShort"),
    Mutant("sgd.nsw_noise_floor", "one step short for k > 1", impl=M + "OneStepShort"),
]
