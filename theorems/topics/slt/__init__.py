"""Statistical learning theory: shattering and VC dimension, VC and PAC-Bayes bounds, Donsker–Varadhan,
Rademacher complexity and the risk decomposition (documents 000-004).

Finite statements (growth function, VC dimension, Sauer–Shelah) are checked on every class of functions
on a three-point domain; the VC bounds on the class of thresholds, whose worst deviation is a
Kolmogorov–Smirnov statistic with an exact distribution (scipy.stats.kstwo, ksone); the PAC-Bayes bound
by a calibrated experiment (the failure rate over many samples tested exactly against δ); identities
with SymPy; Rademacher bounds by Monte Carlo with empirical-Bernstein tests.

The boundary checks the type and shape of what each method returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.slt import SLTImpl
from theorems.engine import Boundary, Topic, as_array, as_int


def integer(result: Any, *_: Any) -> int:
    return as_int(result, what="the count")


def scalar(result: Any, *_: Any) -> float:
    return float(as_array(result, what="the value", shape=()))


def like_theta(result: Any, theta: np.ndarray, sigma: np.ndarray, noise: np.ndarray) -> np.ndarray:
    return as_array(result, what="the perturbed parameters", shape=np.broadcast_shapes(
        np.shape(theta), np.shape(sigma), np.shape(noise)))


def per_posterior(result: Any, empirical_risk: np.ndarray, kl: np.ndarray, n: int, delta: float) -> np.ndarray:
    return as_array(result, what="the bounds", shape=np.broadcast_shapes(np.shape(empirical_risk), np.shape(kl)),
                    finite=False)


def like_p(result: Any, phi: np.ndarray, p: np.ndarray) -> np.ndarray:
    return as_array(result, what="the Gibbs measure", shape=np.shape(p))


def per_column(result: Any, losses: np.ndarray) -> np.ndarray:
    return as_array(result, what="the empirical risks", shape=(np.shape(losses)[1],))


def parameters(result: Any, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    return as_array(result, what="the solution", shape=(np.shape(X)[1],))


TOPIC = Topic(
    "slt",
    "Statistical learning theory",
    summary="Growth function, VC dimension and Sauer–Shelah on every class over a small domain; the VC "
            "inequality and VC bound against the exact Kolmogorov–Smirnov law of threshold classifiers; "
            "PAC-Bayes bounds by calibrated coverage experiments; Gaussian KL, Donsker–Varadhan and the "
            "risk decomposition with SymPy; Rademacher bounds by Monte Carlo; the minimum-norm implicit bias.",
    sections=("shattering", "uniform", "divergences", "pac_bayes", "rademacher"),
    boundary=Boundary(
        SLTImpl,
        reference="impls.slt:SLT",
        outputs={"growth_function": integer, "vc_dimension": integer, "sauer_bound": integer,
                 "vc_radius": scalar, "pac_bayes_bound": per_posterior, "kl_diag_gaussians": scalar,
                 "perturb": like_theta, "log_mgf": scalar, "dv_lower_bound": scalar, "gibbs": like_p,
                 "empirical_risks": per_column, "rademacher_complexity": scalar,
                 "min_norm_solution": parameters},
    ),
)

VAPNIK = "Vapnik & Chervonenkis (1971); Devroye, Györfi & Lugosi (1996), A probabilistic theory of pattern " \
         "recognition, Thm 12.5"
BOUSQUET = "Bousquet, Boucheron & Lugosi (2004), Introduction to statistical learning theory, Thm 3"
MAURER = "Maurer (2004), A note on the PAC Bayesian theorem; McAllester (1999), PAC-Bayesian model averaging"
DONSKER = "Donsker & Varadhan (1975); Catoni (2007), PAC-Bayesian supervised classification, Lemma 1.1.3"
SAUER = "Sauer (1972); Shelah (1972)"
BARTLETT = "Bartlett & Mendelson (2002), Rademacher and Gaussian complexities; Shalev-Shwartz & Ben-David " \
           "(2014), Understanding machine learning, Thm 26.3 and Lemma 26.2"
