"""McCulloch–Pitts units and Turing's NAND machines (document 001:71-79), enumerated exhaustively: every
binary input, every sign pattern σ ∈ {±1}^n and every threshold that can matter, up to n = 5."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, equal, for_each

from . import MCCULLOCH, TOPIC, TURING

MAX_INPUTS = 5


def binary_inputs(n: int) -> np.ndarray:
    """Every x ∈ {0, 1}^n, one per row (2^n, n)."""
    return np.array(list(itertools.product((0, 1), repeat=n)), dtype=np.int64).reshape(2**n, n)


def dnf(x: np.ndarray, sigma: np.ndarray, theta: int) -> np.ndarray:
    """⋁_{I ∈ 𝓘} (⋀_{i ∈ I} x_i ⋀_{i ∉ I} x̄_i) with 𝓘 = {I : Σ_{i ∈ I} σ_i ≥ θ}, for each row of ``x``.

    The subsets I are the rows of ``binary_inputs(n)`` (their indicator vectors); the minterm of I is true at
    x exactly when x is I's indicator."""
    subsets = binary_inputs(x.shape[1])
    chosen = subsets[subsets @ sigma >= theta]
    minterms = np.all(x[:, None, :] == chosen[None, :, :], axis=2)
    return np.any(minterms, axis=1).astype(np.int64)


def units(max_inputs: int) -> Iterator[tuple[np.ndarray, int]]:
    """Every σ ∈ {±1}^n and θ ∈ [-n - 1, n + 1] (beyond, the unit is constant), n = 1..``max_inputs``."""
    for n in range(1, max_inputs + 1):
        for sigma in itertools.product((-1, 1), repeat=n):
            for theta in range(-n - 1, n + 2):
                yield np.array(sigma), theta


@TOPIC.claim(
    "misc.mcculloch_pitts_dnf",
    method="exhaustive",
    canonical=Formula(r"\bigvee_{I\in\mathcal{I}}(\bigwedge_{i\in I}x_i\bigwedge_{i\notin I}\bar{x}_i)", dnf),
    faithful=("001",),
    references=(MCCULLOCH,),
)
def mcculloch_pitts_dnf(ctx: Context, normal_form: Formula) -> Outcome:
    """A McCulloch–Pitts unit is a disjunctive normal form.

    For x ∈ {0, 1}^n, σ ∈ {±1}^n, θ ∈ ℤ: f(x; σ, θ) = [Σ σ_i x_i ≥ θ] equals the OR over 𝓘 = {I : Σ_{i ∈ I}
    σ_i ≥ θ} of the minterms ⋀_{i ∈ I} x_i ⋀_{i ∉ I} x̄_i. Every x, σ and θ ∈ [-n - 1, n + 1] for n ≤ 5, against
    the implementation's unit.
    """
    impl = ctx.impl()

    def prop(unit: tuple[np.ndarray, int]) -> Comparison:
        sigma, theta = unit
        x = binary_inputs(len(sigma))
        return equal(impl.mcculloch_pitts(x, sigma, theta), normal_form(x, sigma, theta), label="f(x; σ, θ) = DNF")

    return for_each(ctx, units(MAX_INPUTS), prop, domain_name="every x, σ and θ ∈ [-n-1, n+1], n ≤ 5",
                    complete=False, describe=lambda unit: {"sigma": unit[0].tolist(), "theta": unit[1]})


@TOPIC.claim(
    "misc.turing_type_a_nand",
    method="exhaustive",
    canonical=Formula("1 - x_1 x_2", lambda x1, x2: 1 - x1 * x2),
    faithful=("001",),
    references=(TURING,),
)
def turing_type_a_nand(ctx: Context, unit: Formula) -> Outcome:
    """Turing's type-A unit is NAND.

    y(t + 1) = 1 - x₁(t) x₂(t) for x₁, x₂ ∈ {0, 1} is the truth table of NAND (0 only for x₁ = x₂ = 1); the
    implementation's two-input ``nand`` returns it on all four inputs.
    """
    impl = ctx.impl()
    inputs = binary_inputs(2)

    def prop(row: np.ndarray) -> list[Comparison]:
        x1, x2 = (int(v) for v in row)
        return [equal(unit(x1, x2), int(not (x1 and x2)), label="1 - x₁x₂ = NAND(x₁, x₂)"),
                equal(int(impl.nand(row[None, :])[0]), unit(x1, x2), label="nand(x₁, x₂)")]

    return for_each(ctx, inputs, prop, domain_name="{0, 1}²", complete=True, describe=lambda row: row.tolist())


def switched(impl: object, control: int, x: np.ndarray) -> np.ndarray:
    """The switch's output a = A(c, NAND(x₁, x₁)) for each row of ``x``."""
    first = x[:, :1]
    return impl.switch(np.full(len(x), control), impl.nand(np.hstack([first, first])))


@TOPIC.claim(
    "misc.turing_type_b_switch",
    method="exhaustive",
    faithful=("001",),
    references=(TURING,),
)
def turing_type_b_switch(ctx: Context) -> Outcome:
    """Turing's type-B switch.

    The switch A(c, y) = NAND(c, y) fed with NAND(x₁, x₁) = x̄₁ gives A(1, NAND(x₁, x₁)) = x₁ (the signal
    passes) and A(0, NAND(x₁, x₁)) = 1 (the connection is cut). Both x₁ ∈ {0, 1}, on the implementation.
    """
    impl = ctx.impl()
    x = binary_inputs(1)
    expected = {1: x[:, 0], 0: np.ones(len(x), dtype=np.int64)}
    return for_each(ctx, (1, 0), lambda c: equal(switched(impl, c, x), expected[c], label=f"A({c}, NAND(x₁, x₁))"),
                    domain_name="c ∈ {0, 1}, x₁ ∈ {0, 1}", complete=True, describe=lambda c: {"c": c})


def switched_output(control: int, x: np.ndarray) -> np.ndarray:
    """NAND(x₂..x_n) where the switch cuts x₁ (c = 0, its output is 1), NAND(x₁..x_n) where it passes x₁."""
    kept = x if control == 1 else x[:, 1:]
    return 1 - np.prod(kept, axis=1)


BY_SWITCH = Formula(r"\text{NAND}(x_2..x_n)\ \text{if}\ A \leftarrow 1,\ \text{else}\ \text{NAND}(x_1..x_n)",
                    switched_output)


@TOPIC.claim(
    "misc.turing_type_b_output",
    method="exhaustive",
    canonical=BY_SWITCH,
    printed={"001": Printed(BY_SWITCH, reading="The left side 'NAND(x₂, …, x_n)' names the unit fed by the switch "
                                               "and x₂..x_n; 'A ← 1' is read as the switch's output being 1 "
                                               "(A(0, ·) = 1, the line above), so that x₁ is cut. Read as 'the "
                                               "control c set to 1' the two cases would be swapped, and false.")},
    depends=("misc.turing_type_b_switch",),
    references=(TURING,),
)
def turing_type_b_output(ctx: Context, output: Formula) -> Outcome:
    """A type-B switch turns an input of a NAND on or off.

    The unit NAND(a, x₂, …, x_n) fed by the switch output a = A(c, NAND(x₁, x₁)) computes NAND(x₂, …, x_n) when
    the switch is off (c = 0, a = 1) and NAND(x₁, …, x_n) when it passes x₁ (c = 1). Every x and c, 2 ≤ n ≤ 5.
    """
    impl = ctx.impl()

    def prop(case: tuple[int, int]) -> Comparison:
        n, control = case
        x = binary_inputs(n)
        unit = impl.nand(np.hstack([switched(impl, control, x)[:, None], x[:, 1:]]))
        return equal(unit, output(control, x), label=f"NAND(A({control}, NAND(x₁, x₁)), x₂..x_n)")

    return for_each(ctx, itertools.product(range(2, MAX_INPUTS + 1), (0, 1)), prop,
                    domain_name="every x ∈ {0, 1}^n and c, 2 ≤ n ≤ 5", complete=False,
                    describe=lambda case: {"n": case[0], "c": case[1]})
