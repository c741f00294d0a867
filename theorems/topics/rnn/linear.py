"""Linear recurrences ``z_{t+1} = A z_t + B x_t``: stability, the diagonal basis of the LRU, its
eigenvalue parameterisation and initialisation (documents 000, 002-004).

Stability is checked on matrices ``A = P J P⁻¹`` of known Jordan structure (``κ(P) ≤ 10``) run by the
implementation for 300 steps: ``‖Aᵗ‖₂ ≤ κ(P)‖Jᵗ‖₂``, so a diagonalisable ``A`` with ``ρ(A) ≤ 1`` stays
within ``κ(P)``, while ``ρ(A) ≥ 1.02`` or a unit eigenvalue with a Jordan block gives ``‖J³⁰⁰‖₂ ≥ 300``
and ``‖A³⁰⁰‖₂ ≥ 300/κ(P) > κ(P)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    at_least,
    at_most,
    for_all,
    symbolic,
    within_tolerance,
)
from theorems.topics.backprop.chain import agree, proved, weighted

from . import TOPIC
from .gradients import HORIZON
from .strategies import DATUM, Linear, examples, linear_systems, matrix, vector


@dataclass(frozen=True)
class Stability:
    """A criterion for ``z_{t+1} = A z_t`` to stay bounded from every ``z_0``, from the eigenvalues'
    moduli and whether a unit-modulus eigenvalue has a Jordan block; the matrices it is stated for."""

    latex: str
    bounded: Callable[[tuple[float, ...], bool], bool]
    diagonalisable_only: bool

    def __repr__(self) -> str:
        return f"Stability({self.latex!r})"


DIAGONALISABLE = Stability(r"\max_j |\lambda_j| \le 1 \ (A\ \text{diagonalisable})", lambda r, d: max(r) <= 1, True)


@TOPIC.claim(
    "rnn.linear_stability",
    method="property",
    canonical=Stability(r"\rho(A) < 1\ \text{or}\ (\rho(A) = 1,\ \text{unit eigenvalues semisimple})",
                        lambda r, d: max(r) <= 1 and not d, False),
    printed={
        "000": Printed(DIAGONALISABLE, reading="A = PΛP⁻¹ diagonalisable (the line above): max_j |λ_j| ≤ 1 as the "
                                               "condition for the state not to explode"),
        "003": Printed(DIAGONALISABLE, reading="'Require max|λ_j| ≤ 1' after 'Diagonalize to A = PΛP⁻¹': the "
                                               "criterion for a diagonalisable A"),
        "004": Printed(DIAGONALISABLE, reading="stated for a diagonalisable A ('uses a linear recurrence relation "
                                               "(diagonalizable)'): |λ| ≤ 1 prevents explosion"),
    },
)
def linear_stability(ctx: Context, stated: Stability) -> Outcome:
    """A linear recurrence stays bounded iff its spectral radius is below 1, or equal to 1 with every
    unit-modulus eigenvalue semisimple.

    ``z_t = Aᵗ z_0`` is bounded for every ``z_0`` iff ``ρ(A) < 1``, or ``ρ(A) = 1`` and the eigenvalues of
    modulus 1 have no Jordan block of size > 1 (Horn & Johnson, §5.6); for a diagonalisable ``A`` this
    is ``max_j |λ_j| ≤ 1``. Checked on the implementation's ``Aᵗ`` (its recurrence run from each basis
    vector) over 300 steps: a criterion saying "bounded" must see ``‖Aᵗ‖₂ ≤ κ(P)`` at every step, one
    saying "unbounded" must see ``‖A³⁰⁰‖₂ > κ(P)``.
    """
    impl = ctx.impl()

    def prop(s: Linear) -> Comparison:
        m = len(s.a)
        powers = np.stack([impl.linear(s.a, np.zeros((m, 1)), np.zeros((HORIZON, 1)), e) for e in np.eye(m)], axis=-1)
        norms = np.array([np.linalg.norm(a, 2) for a in powers])
        if stated.bounded(s.moduli, s.defective_unit):
            worst = int(np.argmax(norms))
            return at_most(norms[worst], s.condition, label=f"‖Aᵗ‖₂ ≤ κ(P) (worst t = {worst})",
                           atol=within_tolerance(norms[worst], operations=64 * HORIZON))
        return at_least(norms[-1], s.condition, label=f"‖A^{HORIZON}‖₂ > κ(P) (unbounded)")

    return for_all(ctx, linear_systems(jordan=not stated.diagonalisable_only), prop, describe=Linear.describe,
                   max_examples=examples(ctx))


P = sympy.Matrix(2, 2, sympy.symbols("p_1:5", real=True))
LAMBDA = sympy.diag(*sympy.symbols("lambda_1:3"))
B = sympy.Matrix(sympy.symbols("b_1:3", real=True))
Z = sympy.Matrix(sympy.symbols("z_1:3"))
X = sympy.Symbol("x", real=True)

DIAGONAL_STEP = Formula(r"\xi^{t+1} = \Lambda \xi^t + P^{-1} B x^t",
                        lambda p, lam, b, xi, x: lam * xi + p.inv() * b * x)


@TOPIC.claim(
    "rnn.lru_diagonalization",
    method="sympy",
    canonical=DIAGONAL_STEP,
    printed={key: Printed(DIAGONAL_STEP, reading="'A = PAP⁻¹' read as A = PΛP⁻¹ (the OCR turned Λ into A); "
                                                 "operating in ξ^t = P⁻¹z^t means ξ^{t+1} = Λξ^t + P⁻¹Bx^t")
             for key in ("002", "004")},
    uses_impl=False,
)
def lru_diagonalization(ctx: Context, stated: Formula) -> Outcome:
    """In the eigenbasis of a diagonalisable ``A`` the linear recurrence decouples.

    If ``A = PΛP⁻¹`` and ``ξ^t = P⁻¹z^t``, then ``z^{t+1} = Az^t + Bx^t`` gives ``ξ^{t+1} = Λξ^t + P⁻¹Bx^t``:
    ``P⁻¹(PΛP⁻¹z + Bx) = Λ(P⁻¹z) + P⁻¹Bx``. Proved for a generic invertible 2 × 2 ``P`` and symbolic
    ``Λ``, ``B``, ``z``, ``x`` (both components at once, weighted by arbitrary ``c_i``).
    """
    xi = P.inv() * Z
    following = P.inv() * (P * LAMBDA * P.inv() * Z + B * X)
    return proved(ctx, (r"\sum_i c_i\,(P^{-1} z^{t+1})_i", weighted(following)),
                  (r"\sum_i c_i\,\mathrm{stated}_i", weighted(stated(P, LAMBDA, B, xi, X))))


DIAGONAL_RECURRENCE = Formula(r"\xi^{t+1} = \Lambda\xi^t + \tilde B x^t",
                              lambda p, lam, c, z_next, xi, x: (np.linalg.solve(p, z_next.T).T, xi @ lam.T + x @ c.T))


@st.composite
def _recurrences(draw: st.DrawFn, steps: int) -> tuple[Linear, np.ndarray, np.ndarray, np.ndarray]:
    system = draw(linear_systems(jordan=False, rotations=False))
    size, n, t = len(system.a), draw(st.integers(1, 3)), draw(st.integers(1, steps))
    x = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1))).uniform(-3, 3, (t, n))
    return system, draw(matrix(size, n)), x, draw(vector(size, DATUM))


@TOPIC.claim(
    "rnn.lru_diagonal_recurrence",
    method="property",
    canonical=DIAGONAL_RECURRENCE,
    faithful=("003", "004"),
    printed={"002": Printed(
        Formula(r"z^{t+1} = \Lambda\xi^t + \tilde B x^t",
                lambda p, lam, c, z_next, xi, x: (z_next, xi @ lam.T + x @ c.T)),
        reading="the left side is printed z^{t+1}, the state in the original basis, where the recurrence "
                "gives ξ^{t+1} = P⁻¹z^{t+1}")},
)
def lru_diagonal_recurrence(ctx: Context, stated: Formula) -> Outcome:
    """The diagonal recurrence holds along the implementation's own trajectory.

    For ``z_{t+1} = Az_t + Bx_t`` with ``A = PΛP⁻¹``, ``ξ_t = P⁻¹z_t`` satisfies ``ξ_{t+1} = Λξ_t + B̃x_t``,
    ``B̃ = P⁻¹B`` (document 003 line 840, 004 line 432). Checked on the implementation's trajectories of
    up to 300 steps, real eigenvalues of modulus up to 1.5, ``κ(P) ≤ 10``.
    """
    impl = ctx.impl()

    def prop(case: tuple[Linear, np.ndarray, np.ndarray, np.ndarray]) -> Comparison:
        system, b, x, z0 = case
        z = impl.linear(system.a, b, x, z0)
        xi = np.linalg.solve(system.p, z.T).T
        c = np.linalg.solve(system.p, b)
        lhs, rhs = stated(system.p, system.j, c, z[1:], xi[:-1], x)
        scale = system.condition * (np.abs(xi[1:]) + np.abs(xi[:-1]) @ np.abs(system.j).T + np.abs(x) @ np.abs(c).T)
        return agree(lhs, rhs, scale, label="both sides at t = 0 … T-1", operations=64 * len(system.a))

    return for_all(ctx, _recurrences(HORIZON), prop, max_examples=examples(ctx),
                   describe=lambda case: {**case[0].describe(), "B": case[1].tolist(), "x": case[2].tolist(),
                                          "z0": case[3].tolist()})


NU, PHI = sympy.symbols("nu varphi", real=True)


@TOPIC.claim(
    "rnn.lru_eigenvalue_modulus",
    method="sympy",
    canonical=Formula(r"\lambda = \exp(-\exp(\nu) + i\varphi)",
                      lambda nu, phi: sympy.exp(-sympy.exp(nu) + sympy.I * phi)),
    faithful=("000", "003"),
    uses_impl=False,
)
def lru_eigenvalue_modulus(ctx: Context, stated: Formula) -> Outcome:
    """The LRU's eigenvalue parameterisation stays inside the unit disk.

    ``λ = exp(-exp(ν) + iφ)`` with ``ν, φ`` real has ``|λ| = exp(-exp(ν))``, and ``exp(ν) > 0`` puts it in
    ``(0, 1)`` for every ``ν`` (Orvieto et al. 2023, §3.3; document 000 line 398 writes ``e^κ = -ln r`` so
    that ``|λ| = r``; document 003 line 844). Proved for real symbolic ``ν``, ``φ``.
    """
    return symbolic(ctx, ("|\\lambda|", sympy.Abs(stated(NU, PHI))), ("e^{-e^{\\nu}}", sympy.exp(-sympy.exp(NU))))


U1, U2, R1, GAP, RHO = sympy.symbols("u_1 u_2 r_1 d rho", positive=True)
R2 = R1 + GAP


@TOPIC.claim(
    "rnn.annulus_uniform_init",
    method="sympy",
    canonical=Formula(r"\exp\big(\tfrac12\log(u_1(r_2^2 - r_1^2) + r_1^2) + 2\pi i u_2\big)",
                      lambda u1, u2, r1, r2: sympy.exp(sympy.log(u1 * (r2 ** 2 - r1 ** 2) + r1 ** 2) / 2
                                                       + 2 * sympy.pi * sympy.I * u2)),
    faithful=("003",),
    uses_impl=False,
)
def annulus_uniform_init(ctx: Context, stated: Formula) -> Outcome:
    """Sampling uniformly on an annulus by the inverse of its radial distribution.

    With ``u_1, u_2 ~ U(0, 1)`` and ``0 < r_1 < r_2``, ``z = exp(½ log(u_1(r_2² - r_1²) + r_1²) + 2πiu_2)``
    has ``|z|² = u_1(r_2² - r_1²) + r_1²``, increasing in ``u_1``, so ``P(|z| ≤ ρ)`` is the ``u_1`` that solves
    ``|z|² = ρ²``: ``(ρ² - r_1²)/(r_2² - r_1²)``, the fraction of the annulus's area inside radius ``ρ``;
    ``arg z = 2πu_2`` is uniform and independent (Orvieto et al. 2023, Lemma 3.2; document 003 line 872).
    Proved with ``r_2 = r_1 + d``, ``d > 0``.
    """
    squared = sympy.simplify(sympy.Abs(stated(U1, U2, R1, R2)) ** 2)
    roots = sympy.solve(sympy.Eq(squared, RHO ** 2), U1)
    quantile = roots[0] if roots else sympy.nan
    return symbolic(ctx, (r"P(|z| \le \rho) = u_1 : |z|^2 = \rho^2", quantile),
                    (r"\frac{\rho^2 - r_1^2}{r_2^2 - r_1^2}", (RHO ** 2 - R1 ** 2) / (R2 ** 2 - R1 ** 2)))


TOPIC.not_checkable(
    "rnn.linear_recurrence",
    title="The linear recurrence of the LRU",
    statement="z^{t+1} = A z^t + B x^t (document 004 line 422).",
    reason="a definition of the model: the recurrence itself states no property to check (its stability and "
           "diagonal form are rnn.linear_stability and rnn.lru_diagonal_recurrence)",
)
