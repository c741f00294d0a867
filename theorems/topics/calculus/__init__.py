"""Calculus and matrix calculus: scalar analysis, gradients, Jacobians and Hessians (documents 001-004).

The scalar-analysis statements (first-order expansions, integration by parts, geometric sums, Taylor's
formula with integral remainder, the log-derivative trick, x log x → 0) are proved in SymPy, for generic
functions where the statement is generic. The matrix-calculus rules (gradients of linear, bilinear and
quadratic forms, of traces and of scalar functions of matrices; Jacobians of linear maps, products and
compositions; the Hessian of a quadratic) are checked on the implementation under test
(``impls.calculus``: complex-step derivatives in NumPy; or ``torch.func`` through ``--impl``) over
random dimensions and constant matrices from well conditioned to exactly singular: the implementation's
derivative of the whole function must equal the stated formula evaluated on the implementation's
derivatives of the parts, to the rounding of the formula. The second-order Taylor expansion is checked
with its Lagrange remainder bound M₃‖Δx‖³/6, pushed to the tightest instance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.calculus import CalculusImpl
from theorems.engine import Boundary, Topic, as_array


def derivative(result: Any, *_: Any) -> np.ndarray:
    """A Jacobian or Hessian: a finite float array. Its shape is not checked here: the layout is what
    the claims on shapes (numerator layout, m × n) decide, so a transposed result is refuted, not an error."""
    return as_array(result, what="the derivative")


TOPIC = Topic(
    "calculus",
    "Calculus and matrix calculus",
    summary="Expansions, integration by parts, Taylor's formula and limits proved in SymPy; gradients of "
            "linear, bilinear and quadratic forms and traces, Jacobians of products and compositions, "
            "Hessians and the second-order Taylor remainder checked against complex-step NumPy and "
            "torch.func derivatives on ill-conditioned and singular matrices.",
    sections=("analysis", "gradients", "jacobians", "matrices"),
    boundary=Boundary(CalculusImpl, reference="impls.calculus:Calculus",
                      outputs={"jacobian": derivative, "hessian": derivative}),
    libraries=("torch",),
)
