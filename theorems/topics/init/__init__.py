"""Weight initialisation: uniform laws of a given variance, LeCun, Glorot/Xavier and He/Kaiming, the
ReLU's half-active units, orthogonal and residual scaling (documents 000, 003).

Each variance statement is proved with SymPy from the law as stated (the variance of U[-a, a] is
a²/3); the implementation under test (``impls.init``, or ``torch.nn.init`` through ``--impl``) is
then checked by exact tests on what it draws: a χ² test of the variance of a normal initialiser, an
exact test of the range of a uniform one, a sign test of its symmetry, and χ² tests of the energy
that crosses each layer of a wide random network forwards and backwards.

The boundary checks that each initialiser returns a finite float matrix of the requested shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.init import InitImpl
from theorems.engine import Boundary, Topic, as_array


def weights(result: Any, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """A ``(fan_out, fan_in)`` finite float matrix."""
    return as_array(result, what="the weight matrix", shape=(fan_out, fan_in))


def square(result: Any, m: int, seed: int) -> np.ndarray:
    """An ``m × m`` finite float matrix."""
    return as_array(result, what="the orthogonal matrix", shape=(m, m))


TOPIC = Topic(
    "init",
    "Weight initialisation",
    summary="Variances of LeCun, Glorot/Xavier and He/Kaiming initialisation proved with SymPy, and the laws "
            "torch.nn.init draws checked by exact χ², range and sign tests, also through the forward and "
            "backward passes of wide random networks; ReLU half-activity, orthogonal and residual scaling.",
    sections=("variance", "networks"),
    boundary=Boundary(
        InitImpl,
        reference="impls.init:Init",
        outputs={**dict.fromkeys(("lecun_uniform", "xavier_normal", "xavier_uniform", "kaiming_normal",
                                  "kaiming_uniform"), weights), "orthogonal": square},
    ),
    libraries=("torch",),
)

LECUN = "LeCun, Bottou, Orr & Müller (1998), Efficient BackProp, §4.6"
GLOROT = "Glorot & Bengio (2010), Understanding the difficulty of training deep feedforward neural networks"
HE = "He, Zhang, Ren & Sun (2015), Delving deep into rectifiers, §2.2"
SAXE = ("Saxe, McClelland & Ganguli (2014), Exact solutions to the nonlinear dynamics of learning in deep linear "
        "networks")
MEZZADRI = "Mezzadri (2007), How to generate random matrices from the classical compact groups"
