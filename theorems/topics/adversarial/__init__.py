"""Adversarial perturbations: dual norms, FGSM, PGD, the minimal perturbation of linear classifiers and
DeepFool (documents 000, 001, 003).

For an affine classifier every attack has an exact optimum: the minimal ℓp perturbation to the halfspace
a·r ≥ c has length c/‖a‖_q (Hölder, 1/p + 1/q = 1) and the ℓp ball of radius ε changes a score by at most
ε‖a‖_q. The checks compare the implementation under test with these optima, computed independently
(NumPy's least-squares minimum-norm solutions, SciPy's linear programs), on affine models drawn by
Hypothesis.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.adversarial import AdversarialImpl
from theorems.engine import Boundary, Topic, as_array


def like_first(result: Any, first: np.ndarray, *args: Any, **kwargs: Any) -> np.ndarray:
    """A perturbation of the shape of the method's first argument (a gradient or a perturbation)."""
    return as_array(result, what="the perturbation", shape=np.shape(first))


def like_input(result: Any, weights: np.ndarray, biases: np.ndarray, x: np.ndarray, *args: Any,
               **kwargs: Any) -> np.ndarray:
    """A perturbation of the input ``x`` of an affine classifier."""
    return as_array(result, what="the perturbation", shape=np.shape(x))


TOPIC = Topic(
    "adversarial",
    "Adversarial perturbations",
    summary="Dual norms and the ℓp steepest-ascent direction, FGSM, PGD's step and projections onto ℓ2 and ℓ∞ "
            "balls, the exact minimal perturbation of binary and multiclass linear classifiers, DeepFool's "
            "steps, and the operator-norm bounds of a network's Jacobian; checked against exact optima on "
            "affine models, and against torchattacks through --impl.",
    sections=("norms", "pgd", "linear", "jacobian"),
    boundary=Boundary(
        AdversarialImpl,
        reference="impls.adversarial:Adversarial",
        outputs={"fgsm": like_first, "steepest_ascent": like_first, "project": like_first, "pgd_step": like_first,
                 "minimal_perturbation": like_input, "deepfool": like_input},
    ),
    libraries=("torchattacks", "torch"),
)

HOLDER = "Hölder's inequality: |v·z| ≤ ‖v‖_p ‖z‖_q, 1/p + 1/q = 1, with equality for v ∝ sign(z)|z|^{q-1}"
GOODFELLOW = "Goodfellow, Shlens & Szegedy (2015), Explaining and harnessing adversarial examples"
MADRY = "Madry, Makelov, Schmidt, Tsipras & Vladu (2018), Towards deep learning models resistant to adversarial attacks"
DEEPFOOL = "Moosavi-Dezfooli, Fawzi & Frossard (2016), DeepFool, §2-3"
