"""Wrong optimizers and wrong formulas that the optim claims must reject (update rules, rates,
inequalities, and the adaptive optimizers AdaGrad, RMSprop, Adam, AMSGrad, signSGD and Muon)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial

import numpy as np
import sympy

from impls.optim import Gradient, Optimizers, polar_factor
from tests.mutants import Mutant
from theorems.engine import Formula, at_least
from theorems.topics.optim import adaptive, muon
from theorems.topics.optim.accelerated import EXACT_LS_RATE
from theorems.topics.optim.convexity import Composition, FunctionClass, convex_1d, z
from theorems.topics.optim.inequalities import Equivalence, _descent, _pl, _strong_foc, _suboptimality, bregman
from theorems.topics.optim.step_sizes import lam, w1, w2, y1, y2
from theorems.topics.optim.strategies import Run, problems
from theorems.topics.optim.trajectories import Rate, gap0


class DoubledStep(Optimizers):
    """Takes every step with 2η: GD with η = 1/L becomes GD with 2/L."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        return super().gd(grad, x0, 2 * lr, steps)

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        return super().heavy_ball(grad, x0, 2 * lr, betas)

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        return super().nesterov(grad, x0, 2 * lr, betas)


class GradientAscent(Optimizers):
    """A sign error: θ ← θ + η∇f."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        return super().gd(grad, x0, -lr, steps)


class MomentumSignFlipped(Optimizers):
    """Heavy ball with the momentum term subtracted: θ ← θ - η∇f - β(θ_t - θ_{t-1})."""

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        return super().heavy_ball(grad, x0, lr, [-b for b in betas])


class NesterovReturnsLookAhead(Optimizers):
    """Reports the look-ahead points y_t instead of θ_t (torch's parameters, taken at face value)."""

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        theta = super().nesterov(grad, x0, lr, betas)
        previous = np.vstack([theta[:1], theta[:-1]])
        beta = np.array([*betas, betas[-1] if betas else 0.0])[:, None]
        return theta + beta * (theta - previous)


class CoordinateScaledGD(Optimizers):
    """Steps along diag(1, 2, …, d)∇f: not the gradient direction."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        scale = np.arange(1, np.size(x0) + 1, dtype=float)
        return super().gd(lambda x: scale * grad(x), x0, lr / scale.max(), steps)


class AdamWithoutBiasCorrection(Optimizers):
    """Adam whose moments are used as they are, without dividing by 1 - β^t."""

    def trajectory(self, method: str, x0: np.ndarray, gradient: Gradient, steps: int,
                   hyper: Mapping[str, float]) -> np.ndarray:
        if method != "adam":
            return super().trajectory(method, x0, gradient, steps, hyper)
        uncorrected = replace(adaptive.ADAM, step=adaptive.eps_outside_root)
        return adaptive.simulate(uncorrected, _run(x0, gradient, steps, hyper))


class EpsInsideRoot(Optimizers):
    """Adam and RMSprop with ε added under the square root instead of to it."""

    def trajectory(self, method: str, x0: np.ndarray, gradient: Gradient, steps: int,
                   hyper: Mapping[str, float]) -> np.ndarray:
        rules = {"rmsprop": replace(adaptive.RMSPROP, step=adaptive.eps_inside_root),
                 "adam": replace(adaptive.ADAM, step=lambda m, v, t, h: h["lr"] * (m / (1 - h["beta1"] ** t))
                                 / np.sqrt(v / (1 - h["beta2"] ** t) + h["eps"]))}
        if method not in rules:
            return super().trajectory(method, x0, gradient, steps, hyper)
        return adaptive.simulate(rules[method], _run(x0, gradient, steps, hyper))


def _run(x0: np.ndarray, gradient: Gradient, steps: int, hyper: Mapping[str, float]) -> object:
    """A Run for ``simulate`` whose objective is just the gradient oracle (its minimizer is never used)."""

    class Oracle:
        minimizer = np.zeros(np.size(x0))

        @staticmethod
        def gradient(x: np.ndarray) -> np.ndarray:
            return gradient(x)

    return Run(Oracle(), np.asarray(x0, dtype=float), steps, hyper)  # type: ignore[arg-type]


# --- late bugs: right for the first dozen steps, wrong after (the old checks ran at most 12 steps) ---


class StaleGradientAfter30(Optimizers):
    """Gradient descent that, from step 31 on, takes the gradient one step late: θ_{t+1} = θ_t - η∇f(θ_{t-1})."""

    def gd(self, grad: Gradient, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for t in range(steps):
            previous, theta = theta, theta - lr * grad(previous if t >= 30 else theta)
            path.append(theta)
        return np.array(path)


class MomentumRestartEvery16(Optimizers):
    """Heavy ball and Nesterov whose momentum is restarted (θ_{t-1} := θ_t) every 16 steps."""

    def heavy_ball(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for t, beta in enumerate(betas):
            previous = theta if t % 16 == 0 else previous
            previous, theta = theta, theta - lr * grad(theta) + beta * (theta - previous)
            path.append(theta)
        return np.array(path)

    def nesterov(self, grad: Gradient, x0: np.ndarray, lr: float, betas: Sequence[float]) -> np.ndarray:
        previous = theta = np.array(x0, dtype=float)
        path = [theta]
        for t, beta in enumerate(betas):
            previous = theta if t % 16 == 0 else previous
            look_ahead = theta + beta * (theta - previous)
            previous, theta = theta, look_ahead - lr * grad(look_ahead)
            path.append(theta)
        return np.array(path)


class LateAdaptive(Optimizers):
    """Adaptive optimizers with a bug that shows only late in a run: Adam's and AMSGrad's step counter stops at
    20 (the bias correction frozen at 1 - β^20), AdaGrad's accumulator is reset to 0 after step 50, RMSprop's
    decay is applied only every other step after step 40, signSGD's step is halved after step 64."""

    def trajectory(self, method: str, x0: np.ndarray, gradient: Gradient, steps: int,
                   hyper: Mapping[str, float]) -> np.ndarray:
        h = {**self.DEFAULTS[method], **hyper}
        x = np.array(x0, dtype=float)
        m, v, v_max = np.zeros_like(x), np.zeros_like(x), np.zeros_like(x)
        out = [x.copy()]
        for t in range(1, steps + 1):
            g = gradient(x)
            if method == "adagrad":
                v = (0 if t == 51 else v) + g * g
                x = x - h["lr"] * g / (np.sqrt(v) + h["eps"])
            elif method == "rmsprop":
                alpha = h["alpha"] if t <= 40 or t % 2 else 1.0
                v = alpha * v + (1 - alpha) * g * g
                x = x - h["lr"] * g / (np.sqrt(v) + h["eps"])
            elif method in ("adam", "amsgrad"):
                m = h["beta1"] * m + (1 - h["beta1"]) * g
                v = h["beta2"] * v + (1 - h["beta2"]) * g * g
                v_max = np.maximum(v_max, v) if method == "amsgrad" else v
                counter = min(t, 20)
                m_hat, v_hat = m / (1 - h["beta1"] ** counter), v_max / (1 - h["beta2"] ** counter)
                x = x - h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])
            elif method == "signsgd":
                x = x - h["lr"] * (0.5 if t > 64 else 1.0) * np.sign(g)
            else:
                return super().trajectory(method, x0, gradient, steps, hyper)
            out.append(x.copy())
        return np.array(out)


def muon_with_aspect(aspect: float) -> adaptive.Rule:
    def step(m: np.ndarray, v: np.ndarray, t: int, h: Mapping[str, float]) -> np.ndarray:
        d_out, d_in = m.shape
        return h["lr"] * math.sqrt(d_in / d_out) ** aspect * polar_factor(m)

    return replace(adaptive.MUON, step=step)


M = "tests.mutants.optim:"

MUTANTS: list[Mutant] = [
    # update rules
    Mutant("optim.gradient_descent_update", "sign error: θ + η∇f", impl=M + "GradientAscent"),
    Mutant("optim.heavy_ball_momentum", "momentum term with the wrong sign", impl=M + "MomentumSignFlipped"),
    Mutant("optim.nesterov_update", "look-ahead points reported as iterates", impl=M + "NesterovReturnsLookAhead"),
    Mutant("optim.gradient_descent_update", "the gradient one step late after step 30",
           impl=M + "StaleGradientAfter30"),
    Mutant("optim.heavy_ball_momentum", "momentum restarted every 16 steps", impl=M + "MomentumRestartEvery16"),
    Mutant("optim.nesterov_update", "momentum restarted every 16 steps", impl=M + "MomentumRestartEvery16"),
    # rates on the optimizer
    Mutant("optim.pl_gd_linear_rate", "a step of 2/L", impl=M + "DoubledStep"),
    Mutant("optim.strongly_convex_smooth_gd_linear_rate", "a step of 2η", impl=M + "DoubledStep"),
    Mutant("optim.convex_smooth_gd_rate", "a step of 2η", impl=M + "DoubledStep"),
    Mutant("optim.nonconvex_gd_min_grad", "sign error: gradient ascent", impl=M + "GradientAscent"),
    Mutant("optim.smooth_gd_stationary_steps", "sign error: gradient ascent", impl=M + "GradientAscent"),
    Mutant("optim.nesterov_strongly_convex_rate", "a step of 2/L", impl=M + "DoubledStep"),
    Mutant("optim.nesterov_accelerated_rate", "a step of 2/L", impl=M + "DoubledStep"),
    Mutant("optim.gradient_orthogonal_level_set", "steps along a rescaled gradient", impl=M + "CoordinateScaledGD"),
    Mutant("optim.gd_euler_discretization_gradient_flow", "a step of 2η", impl=M + "DoubledStep"),
    Mutant("optim.quadratic_gd_stability", "stability claimed only for η ≤ 1/λ_max",
           form=Formula(r"\eta\le 1/\lambda_{\max}", lambda eta, lam_max: eta <= 1 / lam_max)),
    Mutant("optim.quadratic_optimal_lr", "η* = 1/λ_max",
           form=Formula(r"1/\lambda_{\max}", lambda lam_max, lam_min: 1 / lam_max)),
    Mutant("optim.pl_exact_line_search_linear", "rate (μ/L)^t",
           form=Rate(r"(\mu/L)^t", EXACT_LS_RATE.quantity, EXACT_LS_RATE.step,
                     lambda p, eta, t: (p.pl / p.L) ** t * gap0(p), method="exact_line_search")),
    # smoothness and convexity inequalities
    Mutant("optim.descent_lemma", "L/8 instead of L/2", form=Formula("L/8", partial(_descent, coefficient=0.125))),
    Mutant("optim.convex_first_order_condition", "an extra ½‖y-x‖² (strong convexity with μ = 1)",
           form=Formula("+½‖y-x‖²", lambda p, x, y: at_least(bregman(p, x, y), 0.5 * float((y - x) @ (y - x)),
                                                              label="Bregman gap ≥ ½‖y-x‖²"))),
    Mutant("optim.strong_convexity_first_order", "μ instead of μ/2",
           form=Formula("μ‖y-x‖²", partial(_strong_foc, coefficient=1.0))),
    Mutant("optim.smooth_suboptimality_gradient_bound", "‖∇f‖²/L instead of /(2L)",
           form=Formula("1/L", partial(_suboptimality, denominator=1.0))),
    Mutant("optim.strong_convexity_implies_pl", "PL constant 2μ", form=Formula("2μ", partial(_pl, factor=2.0))),
    Mutant("optim.l_smooth_hessian_bound", "‖∇²f‖ ≤ L/2", form=Formula("±L/2", lambda p: (-p.L / 2, p.L / 2))),
    Mutant("optim.hessian_bounds", "∇²f ⪯ L/2", form=Formula("[μ, L/2]", lambda p: (p.mu, p.L / 2))),
    Mutant("optim.strong_convexity_hessian_bound", "∇²f ⪰ 2μ", form=Formula("2μ", lambda p: (2 * p.mu, np.inf))),
    Mutant("optim.smoothness_quadratic_upper_bound", "the equivalence without convexity",
           form=Equivalence(needs_convexity=False)),
    Mutant("optim.convex_second_order_condition", "f'' > 0 (strict)",
           form=Formula("f'' > 0", lambda fn, x: fn.d2f(x) > 0)),
    Mutant("optim.convex_nonneg_combination", "αf - βg",
           form=Formula("αf - βg", lambda f, g, alpha, beta: lambda x: alpha * f.f(x) - beta * g.f(x))),
    Mutant("optim.convex_pointwise_max", "min(f, g)",
           form=Formula("min(f, g)", lambda f, g: lambda x: min(f.f(x), g.f(x)))),
    Mutant("optim.convex_composition_nondecreasing", "outer g convex but not monotone",
           form=Composition(convex_1d(), "g convex")),
    # minimizers
    Mutant("optim.strict_convexity_unique_minimum", "a minimizer always exists",
           form=Formula("#argmin = 1", lambda count: count == 1)),
    Mutant("optim.strong_convexity_unique_minimizer", "convex (μ = 0) instead of strongly convex",
           form=FunctionClass("convex", problems("quadratic", max_dim=3))),
    Mutant("optim.convex_local_min_is_global", "a non-convex class (rippled quadratics)",
           form=FunctionClass("non-convex", problems("rippled", max_dim=2))),
    # step sizes and symbolic claims
    Mutant("optim.smooth_gd_fixed_step_optimal", "η = 1/(2L)", form=Formula("1/(2L)", lambda L, s: 1 / (2 * L))),
    Mutant("optim.newton_step", "Δx = -H∇f", form=Formula("-H g", lambda hessian, gradient: -hessian * gradient)),
    Mutant("optim.gd_as_isotropic_newton", "∇²f = ηI", form=Formula("ηI", lambda eta: eta * sympy.eye(2))),
    Mutant("optim.ridge_objective_pl", "μ = 2 + 2λ",
           form=Formula("μ = 2 + 2λ", lambda: (((w1 - y1) ** 2 + (w2 - y2) ** 2) / 2 + lam * (w1**2 + w2**2),
                                                2 + 2 * lam))),
    Mutant("optim.x4_strictly_not_strongly_convex", "x⁴ + x² (strongly convex)",
           form=Formula("x^4+x^2", lambda: z**4 + z**2)),
    # adaptive optimizers
    Mutant("optim.adagrad_update", "δ inside the square root",
           form=replace(adaptive.ADAGRAD, step=adaptive.eps_inside_root)),
    Mutant("optim.adagrad_accumulator", "accumulates |g| instead of g²",
           form=replace(adaptive.ADAGRAD, second=lambda v, g, h: v + np.abs(g))),
    Mutant("optim.adagrad_preconditioner", "δ inside the square root",
           form=replace(adaptive.ADAGRAD, step=adaptive.eps_inside_root)),
    Mutant("optim.adam_update", "Adam without bias correction", impl=M + "AdamWithoutBiasCorrection"),
    Mutant("optim.adam_update", "ε inside the square root", impl=M + "EpsInsideRoot"),
    Mutant("optim.adam_first_moment", "m = βm + g without the 1 - β weight",
           form=replace(adaptive.ADAM, first=lambda m, g, h: h["beta1"] * m + g)),
    Mutant("optim.adam_second_moment", "v = βv + g² without the 1 - β weight",
           form=replace(adaptive.ADAM, second=lambda v, g, h: h["beta2"] * v + g * g)),
    Mutant("optim.adam_second_moment_bias_correction", "no correction of v",
           form=replace(adaptive.ADAM, step=lambda m, v, t, h: h["lr"] * m / (1 - h["beta1"] ** t)
                        / (np.sqrt(v) + h["eps"]))),
    Mutant("optim.amsgrad_max", "plain Adam, no running maximum", form=replace(adaptive.AMSGRAD, keep_max=False)),
    Mutant("optim.adam_update", "step counter stops at 20 (bias correction frozen)", impl=M + "LateAdaptive"),
    Mutant("optim.adam_second_moment_bias_correction", "step counter stops at 20 (bias correction frozen)",
           impl=M + "LateAdaptive"),
    Mutant("optim.amsgrad_max", "step counter stops at 20 (bias correction frozen)", impl=M + "LateAdaptive"),
    Mutant("optim.adagrad_accumulator", "accumulator reset after step 50", impl=M + "LateAdaptive"),
    Mutant("optim.adagrad_update", "accumulator reset after step 50", impl=M + "LateAdaptive"),
    Mutant("optim.rmsprop_update", "decay skipped every other step after step 40", impl=M + "LateAdaptive"),
    Mutant("optim.signsgd_update", "step halved after step 64", impl=M + "LateAdaptive"),
    Mutant("optim.rmsprop_update", "ε inside the square root", impl=M + "EpsInsideRoot"),
    Mutant("optim.rmsprop_is_adam_without_momentum", "bias-corrected Adam with β₁ = 0",
           form=adaptive.with_beta1_zero(adaptive.ADAM, "Adam with bias correction")),
    Mutant("optim.signsgd_update", "the gradient instead of its sign",
           form=replace(adaptive.SIGNSGD, step=lambda m, v, t, h: h["lr"] * m)),
    Mutant("optim.muon_update", "scale √(d_in/d_out)", form=muon_with_aspect(1.0)),
    Mutant("optim.adam_bias_correction", "1/(1 - β^(k+1))",
           form=Formula(r"\frac{1}{1-\beta^{k+1}}", lambda beta, k: 1 / (1 - beta ** (k + 1)))),
    Mutant("optim.adam_default_hyperparameters", "β₂ = 0.99", form={"beta1": 0.9, "beta2": 0.99}),
    Mutant("optim.muon_spectral_steepest_descent", "aspect d_in/d_out",
           form=muon.SteepestStep("", lambda G: muon.svd_step(G, transposed_factors=False, aspect=lambda o, i: i / o),
                                 "op")),
]
