"""Definitions of approximation theory (document 001): approximation error, uniform convergence,
Barron's constant and network. Only the definition of uniform convergence has a checkable content:
a definition of convergence must give a sequence at most one limit and ignore its first terms."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, equal, for_each, that

from . import TOPIC

Distances = Sequence[int]

EVENTUALLY_ZERO = Formula(r"\forall\epsilon>0\ \exists M\ \forall m\ge M:\ \|g_m-f\|_\infty<\epsilon",
                          lambda prefix, cycle: all(d == 0 for d in cycle))
SOME_TERM_CLOSE = Printed(
    Formula(r"\forall\epsilon>0\ \exists m\ge 1:\ \|g_m-f\|_\infty<\epsilon",
            lambda prefix, cycle: any(d == 0 for d in [*prefix, *cycle])),
    reading="As printed, 'for all ε > 0 there is m ≥ 1 with ‖g_m - f‖ < ε' lacks 'for all m ≥ M': it says "
            "that f is a limit point of (g_m). On an eventually periodic sequence of distances (finitely many "
            "values) it holds iff some distance is 0.",
)

VALUES = range(3)
SEQUENCES = [(prefix, cycle) for p in range(3) for c in (1, 2)
             for prefix in itertools.product(VALUES, repeat=p) for cycle in itertools.product(VALUES, repeat=c)]
"""Sequences of constant functions g_m = c_m: a prefix, then a cycle repeated for ever."""


@TOPIC.claim(
    "approximation.uniform_convergence_def",
    method="exhaustive",
    canonical=EVENTUALLY_ZERO,
    printed={"001": SOME_TERM_CLOSE},
    uses_impl=False,
)
def uniform_convergence_def(ctx: Context, converges: Formula) -> Outcome:
    """Uniform convergence.

    g_m → f uniformly iff for every ε > 0 there is M with ‖g_m - f‖_∞ < ε for all m ≥ M. A definition
    of convergence must make the limit unique, leave it unchanged when finitely many terms change,
    and let the constant sequence g_m = f converge to f. Checked exactly on every sequence of
    constant functions with values in {0, 1, 2} made of a prefix of length ≤ 2 and a repeated cycle
    of length ≤ 2 (an eventually periodic sequence of distances: the quantifiers over ε and m are
    decided exactly), with candidate limits f ∈ {0, 1, 2}.
    """

    def distances(values: Sequence[int], f: int) -> list[int]:
        return [abs(v - f) for v in values]

    def unique(sequence: tuple[Distances, Distances]) -> Comparison:
        prefix, cycle = sequence
        limits = [f for f in VALUES if converges(distances(prefix, f), distances(cycle, f))]
        return that(len(limits) <= 1, label="limits of one sequence",
                    message=f"g_m = {list(prefix)} then {list(cycle)} repeated converges to each of {limits}")

    def tail(sequence: tuple[Distances, Distances]) -> Comparison:
        prefix, cycle = sequence
        return equal([converges(distances(prefix, f), distances(cycle, f)) for f in VALUES],
                     [converges([], distances(cycle, f)) for f in VALUES],
                     label=f"converges to f = 0, 1, 2 with prefix {list(prefix)} / without it, cycle {list(cycle)}")

    def constant(f: int) -> Comparison:
        return that(converges([], distances([f], f)), label=f"g_m = f = {f} converges to f", message="it does not")

    domain = "constant g_m with values in {0,1,2}: prefix ≤ 2, cycle ≤ 2"
    return all_of({
        "constant sequence": for_each(ctx, VALUES, constant, domain_name="f ∈ {0, 1, 2}", complete=False),
        "unique limit": for_each(ctx, SEQUENCES, unique, domain_name=domain, complete=False),
        "first terms do not matter": for_each(ctx, SEQUENCES, tail, domain_name=domain, complete=False),
    })


for cid, title, statement, reason in [
    ("approximation.approx_error_def", "Approximation error and approximability",
     "approx-err(f, G) = inf_{g ∈ G} ‖f - g‖_∞, and f is approximable by G iff approx-err(f, G) = 0.",
     "a definition. As printed, 'inf{g ∈ G | ‖f - g‖_∞ = 0}' takes the infimum of a set of functions; it is read "
     "as inf_{g ∈ G} ‖f - g‖_∞ = 0."),
    ("approximation.limit_implies_approximable", "A uniform limit is approximable",
     "If g_m ∈ G and g_m → f uniformly, then approx-err(f, G) = 0.",
     "immediate from the two definitions (approx-err(f, G) ≤ ‖f - g_m‖_∞ < ε for every ε > 0): there is no "
     "quantity or construction to compute."),
    ("approximation.barron_constant_def", "Barron's constant",
     "C_g = ∫ ‖ω‖ |ĝ(ω)| dω, finite for the functions Barron's theorem covers.",
     "a definition (the transform of the gradient it rests on is checked under approximation.fourier_gradient)."),
    ("approximation.barron_network_form", "Barron's networks",
     "f_m(x) = Σ_{j=1}^m β_j σ(θ_j·x + b_j) + b_0: one hidden layer of m sigmoidal units.",
     "a definition. As printed, σ(θ_j + b_j) omits the input x and b_0 sits inside the sum (added m times, "
     "which only renames the constant); it is read as the one-hidden-layer network above."),
]:
    TOPIC.not_checkable(cid, title=title, statement=statement, reason=reason)
