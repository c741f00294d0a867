"""Linear and affine units and maps (document 001): level sets, the gradient of x·θ, composition, affine
combinations. Each statement is proved with SymPy in R² or R³ with every coordinate symbolic; a linear map of
Rⁿ is a matrix, an affine one a matrix and an offset.
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, at_most, close, for_all, symbolic
from theorems.topics.regularization.strategies import coordinates

from . import TOPIC
from .matrices import gradient_proved, matrix, pairing

CHANGE = Formula(r"u(x + \Delta x) - u(x) = \Delta x\cdot\theta", lambda dx, theta: (dx.T @ theta)[0])


@TOPIC.claim(
    "linear.level_sets_orthogonal",
    method="sympy",
    canonical=CHANGE,
    printed={"001": Printed(CHANGE, reading="The right-hand side '(x, θ)' is read as u(x; θ) = x·θ (the unit's "
                                            "name lost): u(x + Δx; θ) = u(x; θ) iff Δx ⊥ θ.")},
    uses_impl=False,
)
def level_sets_orthogonal(ctx: Context, stated: Formula) -> Outcome:
    """The level sets of a linear unit are the hyperplanes orthogonal to θ.

    For u(x; θ) = x·θ: u(x + Δx) - u(x) = Δx·θ, so u(x + Δx) = u(x) iff Δx·θ = 0, i.e. Δx ⊥ θ. Proved in R³.
    """
    x, dx, theta = matrix("x", 3, 1), matrix(r"\Delta x", 3, 1), matrix(r"\theta", 3, 1)
    return symbolic(ctx, (r"u(x + \Delta x) - u(x)", ((x + dx).T @ theta)[0] - (x.T @ theta)[0]),
                    ("stated", stated(dx, theta)), simplify=sympy.expand)


GRADIENT = Formula(r"\nabla_x (x\cdot\theta) = \theta", lambda theta: theta)


@TOPIC.claim(
    "linear.gradient_direction_rate",
    method="sympy",
    canonical=GRADIENT,
    faithful=("001",),
    uses_impl=False,
)
def gradient_direction_rate(ctx: Context, stated: Formula) -> Outcome:
    """A linear unit changes fastest along θ/‖θ‖, at the rate ‖θ‖.

    ∇ₓ(x·θ) = θ, so the derivative along a unit vector v is v·θ ≤ ‖θ‖ (Cauchy–Schwarz), with equality exactly
    at v = θ/‖θ‖. The gradient is proved in R³; the bound and its attainment are checked on float64 θ, v.
    """
    x, theta = matrix("x", 3, 1), matrix(r"\theta", 3, 1)
    vectors = st.lists(coordinates(), min_size=3, max_size=3).map(np.array).filter(lambda v: np.any(v != 0))

    def steepest(pair: tuple[np.ndarray, np.ndarray]) -> list[Comparison]:
        t, v = pair
        gradient = np.asarray(stated(t), dtype=float)
        norm = float(np.linalg.norm(t))
        unit = v / np.linalg.norm(v)
        return [at_most(float(unit @ gradient), norm, label="v·∇u ≤ ‖θ‖ for ‖v‖ = 1"),
                close(float(t / norm @ gradient), norm, label="(θ/‖θ‖)·∇u = ‖θ‖", rtol=1e-14)]

    return all_of({
        "gradient": lambda: gradient_proved(ctx, lambda v: (v.T @ theta)[0], x, stated(theta), "x"),
        "direction and rate": lambda: for_all(ctx, st.tuples(vectors, vectors), steepest,
                                              describe=lambda p: {"θ": p[0].tolist(), "v": p[1].tolist()}),
    })


TOPIC.not_checkable(
    "linear.homogeneity",
    title="Homogeneity",
    statement="f(αx) = αf(x) for every scalar α; with additivity f(x + y) = f(x) + f(y), the definition of a "
              "linear map.",
    reason="A definition: it names a property and asserts nothing (the line prints f(ax) = αf(x), a and α the same "
           "scalar). Its consequence, that compositions of linear maps are linear, is checked "
           "(linear.composition_linear).",
)

COMPOSITION = Formula(r"f\circ g", lambda f, g, v: f(g(v)))


@TOPIC.claim(
    "linear.composition_linear",
    method="sympy",
    canonical=COMPOSITION,
    faithful=("001",),
    uses_impl=False,
)
def composition_linear(ctx: Context, stated: Formula) -> Outcome:
    """Compositions of linear maps are linear.

    If f and g are linear (f(x) = Ax, g(x) = Bx on R²), then f∘g(αx + βy) = αf∘g(x) + βf∘g(y) for all x, y and
    scalars α, β. Proved with every entry of A, B, x, y symbolic.
    """
    A, B, x, y, E = matrix("A", 2, 2), matrix("B", 2, 2), matrix("x", 2, 1), matrix("y", 2, 1), matrix("E", 2, 1)
    alpha, beta = sympy.symbols(r"\alpha \beta", real=True)

    def h(v: sympy.Matrix) -> sympy.Matrix:
        return stated(lambda u: A @ u, lambda u: B @ u, v)

    return symbolic(ctx, (r"\langle f\circ g(\alpha x + \beta y), E\rangle", pairing(h(alpha * x + beta * y), E)),
                    (r"\langle\alpha f\circ g(x) + \beta f\circ g(y), E\rangle",
                     pairing(alpha * h(x) + beta * h(y), E)),
                    simplify=sympy.expand)


AFFINE_ARGUMENT = Formula(r"f(\alpha x + \beta y)", lambda x, y, alpha, beta: alpha * x + beta * y)
AFFINE_PRINTED = Formula(r"f(x + \beta y)", lambda x, y, alpha, beta: x + beta * y)


@TOPIC.claim(
    "linear.affine_combination",
    method="sympy",
    canonical=AFFINE_ARGUMENT,
    printed={"001": Printed(AFFINE_PRINTED,
                            reading="As printed: f(x + βy) = αf(x) + βf(y) whenever α + β = 1.")},
    uses_impl=False,
)
def affine_combination(ctx: Context, argument: Formula) -> Outcome:
    """Affine maps preserve affine combinations.

    For f(x) = Ax + b and α + β = 1: f(αx + βy) = αf(x) + βf(y). Proved on R² with every entry symbolic and
    α = 1 - β.
    """
    A, b, x, y, E = matrix("A", 2, 2), matrix("b", 2, 1), matrix("x", 2, 1), matrix("y", 2, 1), matrix("E", 2, 1)
    beta = sympy.Symbol(r"\beta", real=True)
    alpha = 1 - beta

    def f(v: sympy.Matrix) -> sympy.Matrix:
        return A @ v + b

    return symbolic(ctx, (rf"\langle {argument.latex}, E\rangle", pairing(f(argument(x, y, alpha, beta)), E)),
                    (r"\langle\alpha f(x) + \beta f(y), E\rangle", pairing(alpha * f(x) + beta * f(y), E)),
                    simplify=sympy.expand)
