"""Wrong samplers, integrators and posterior formulas, each with the claim that rejects it."""

from __future__ import annotations

import numpy as np
import sympy

from impls.bayes import Bayes
from tests.mutants import Mutant
from theorems.engine import Formula


class NoProposalRatio(Bayes):
    """Metropolis acceptance min{1, π_j/π_i}: drops Π̃(i|j)/Π̃(j|i), wrong for an asymmetric proposal."""

    def mh_kernel(self, target, proposal):
        pi, q = np.asarray(target, dtype=float), np.asarray(proposal, dtype=float)
        kernel = q * np.minimum(1.0, pi[None, :] / pi[:, None])
        np.fill_diagonal(kernel, 0.0)
        np.fill_diagonal(kernel, 1.0 - kernel.sum(axis=1))
        return kernel

    def mh_chain(self, target, proposal, start, uniforms):
        states = [int(start)]
        for pick, test in uniforms:
            state = states[-1]
            new = min(int(np.searchsorted(np.cumsum(proposal[state]), pick, side="right")), len(target) - 1)
            states.append(new if test < target[new] / target[state] else state)
        return np.array(states)


class SwappedUniforms(Bayes):
    """Metropolis–Hastings that proposes with the second uniform and tests with the first: a correct sampler in
    distribution, but not the documented transitions."""

    def mh_chain(self, target, proposal, start, uniforms):
        return super().mh_chain(target, proposal, start, np.asarray(uniforms)[:, ::-1])


class FullFirstKick(Bayes):
    """Leapfrog that opens with a full momentum step (v ← v - ε∇E) instead of a half step."""

    def leapfrog(self, grad, theta, v, step, n_steps):
        theta, v = np.array(theta, dtype=float), np.array(v, dtype=float)
        for _ in range(n_steps):
            v = v - step * grad(theta)
            theta = theta + step * v
            v = v - step / 2 * grad(theta)
        return theta, v


class AcceptsUphill(Bayes):
    """HMC whose Metropolis test has the sign of the energy change flipped (prefers higher H)."""

    def hmc_transitions(self, energy, grad, theta, step, n_leapfrog, momenta, uniforms):
        states = [np.array(theta, dtype=float)]
        for v, u in zip(momenta, uniforms, strict=True):
            new, w = self.leapfrog(grad, states[-1], v, step, n_leapfrog)
            gain = energy(states[-1]) + v @ v / 2 - energy(new) - w @ w / 2
            states.append(new if np.log(u) < -gain else states[-1])
        return np.array(states)


class Unadjusted(Bayes):
    """HMC without the Metropolis correction: every leapfrog endpoint is accepted."""

    def hmc_transitions(self, energy, grad, theta, step, n_leapfrog, momenta, uniforms):
        states = [np.array(theta, dtype=float)]
        for v in momenta:
            states.append(self.leapfrog(grad, states[-1], v, step, n_leapfrog)[0])
        return np.array(states)


class ReversedMomenta(Bayes):
    """HMC that starts each transition from -v instead of the momentum v given: invariant in distribution (v and -v
    are both N(0, I)), but not the documented transitions."""

    def hmc_transitions(self, energy, grad, theta, step, n_leapfrog, momenta, uniforms):
        return super().hmc_transitions(energy, grad, theta, step, n_leapfrog, -np.asarray(momenta), uniforms)


class NaiveWeights(Bayes):
    """exp(-E_i)/Σ exp(-E_j) without subtracting min E: 0/0 once every exp(-E) underflows."""

    def ensemble_weights(self, energies):
        w = np.exp(-np.asarray(energies, dtype=float))
        return w / w.sum()


class HalfLambda(Bayes):
    """Ridge with λ/2 = γ²/(2σ²) where the MAP has λ = γ²/σ²."""

    def map_estimate(self, X, y, noise_var, prior_var):
        X = np.asarray(X, dtype=float)
        return np.linalg.solve(X.T @ X + noise_var / (2 * prior_var) * np.eye(X.shape[1]), X.T @ y)


def _unnormalised(prior, likelihood):
    return [p * q for p, q in zip(prior, likelihood, strict=True)]


HERE = "tests.mutants.bayes"
MUTANTS = [
    Mutant("bayes.bayes_rule", "prior times likelihood, not divided by the evidence",
           form=Formula("p(θ)p(S|θ)", _unnormalised)),
    Mutant("bayes.gaussian_prior_nll", "‖θ‖²/σ² (the ½ dropped)", form=Formula("‖θ‖²/σ²", lambda sq, s: sq / s**2)),
    Mutant("bayes.posterior_energy", "MAP computed with λ/2", impl=f"{HERE}:HalfLambda"),
    Mutant("bayes.posterior_energy", "λ = γ²/(2σ²) in the formula", form=Formula("γ²/(2σ²)", lambda n, p: n / (2 * p))),
    Mutant("bayes.posterior_ensemble_weights", "exp(-E) not shifted: NaN for large energies",
           impl=f"{HERE}:NaiveWeights"),
    Mutant("bayes.posterior_ensemble_weights", "weights exp(+E)",
           form=Formula("exp(E_i)/Σ exp(E_j)", lambda e: np.exp(e - e.max()) / np.sum(np.exp(e - e.max())))),
    Mutant("bayes.posterior_predictive", "prior predictive ∫p(y|θ)p(θ)dθ",
           form=Formula("∫p(y|θ)p(θ)dθ", lambda lik, post, prior, t: sympy.integrate(lik * prior, (t, 0, 1)))),
    Mutant("bayes.gaussian_class_posterior", "priors left out",
           form=Formula("l1/(l1 + l0)", lambda p1, l1, l0: l1 / (l1 + l0))),
    Mutant("bayes.gaussian_class_posterior_closed_form", "distances swapped",
           form=Formula("1/(1 + exp(d0/2 - d1/2))", lambda d1, d0: 1 / (1 + sympy.exp(d0 / 2 - d1 / 2)))),
    Mutant("bayes.gaussian_classifier_logistic", "bias sign flipped",
           form=Formula("(‖μ₁‖² - ‖μ₀‖²)/2", lambda n0, n1: (n1 - n0) / 2)),
    Mutant("bayes.detailed_balance", "flows π_i P_ji (transposed kernel)",
           form=Formula("π_i P_ji", lambda pi, P: pi[:, None] * P.T)),
    Mutant("bayes.metropolis_hastings_acceptance", "acceptance min{1, π_new/π_old} with an asymmetric proposal",
           form=Formula("min{1, p1/p2}", lambda p_new, p_old, q_back, q_fwd: min(1, p_new / p_old))),
    Mutant("bayes.metropolis_hastings_acceptance", "kernel without the proposal ratio",
           impl=f"{HERE}:NoProposalRatio"),
    Mutant("bayes.mh_sampler_stationary", "sampler without the proposal ratio", impl=f"{HERE}:NoProposalRatio"),
    Mutant("bayes.mh_sampler_stationary", "uniforms used in the wrong roles (right law, wrong transitions)",
           impl=f"{HERE}:SwappedUniforms"),
    Mutant("bayes.hmc_hamiltonian", "kinetic energy depending on θ",
           form=Formula("v²(1+θ²)/(2m)", lambda v, m, t: v**2 * (1 + t**2) / (2 * m))),
    Mutant("bayes.hamilton_equations", "v̇ = +∇E", form=Formula("+∇E", lambda e, t: sympy.diff(e, t))),
    Mutant("bayes.hmc_euler_step", "semi-implicit (symplectic) Euler instead of Euler",
           form=Formula("symplectic Euler",
                        lambda t, v, eta, grad: (t + eta * (v - eta * grad(t)), v - eta * grad(t)))),
    Mutant("bayes.leapfrog_integrator", "full first momentum step", impl=f"{HERE}:FullFirstKick"),
    Mutant("bayes.hmc_sampler_stationary", "Metropolis test with the sign flipped", impl=f"{HERE}:AcceptsUphill"),
    Mutant("bayes.hmc_sampler_stationary", "no Metropolis correction", impl=f"{HERE}:Unadjusted"),
    Mutant("bayes.hmc_sampler_stationary", "momenta negated (right law, wrong transitions)",
           impl=f"{HERE}:ReversedMomenta"),
    Mutant("bayes.underdamped_langevin_sde", "noise variance B dt", form=Formula("B", lambda b: b)),
    Mutant("bayes.langevin_update", "noise √(γη)", form=Formula("√(γη)", lambda g, e: sympy.sqrt(g * e))),
]
