"""Float64 cases for the loss checks: logits where the losses curve, and logits far enough out that
e^{z} overflows (z > 709.8) and 1 + e^{-z} rounds to 1 (z > 36.7)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from theorems.topics.activations.strategies import HUGE, logits

Case = dict[str, Any]


def entries(limit: float = HUGE) -> SearchStrategy[float]:
    """One float64 entry: in [-40, 40] or anywhere in [-limit, limit]."""
    return st.one_of(st.floats(-40, 40), st.floats(-limit, limit))


def vectors(n: int, limit: float = HUGE) -> SearchStrategy[np.ndarray]:
    return st.lists(entries(limit), min_size=n, max_size=n).map(np.array)


def labelled_logits(labels: tuple[int, int]) -> SearchStrategy[Case]:
    """Logits ``z`` (1 to 4 of them, up to ±1e300) and one label from ``labels`` per logit."""
    return st.integers(1, 4).flatmap(lambda n: st.fixed_dictionaries({
        "z": vectors(n), "y": st.lists(st.sampled_from(labels), min_size=n, max_size=n).map(np.array)}))


def linear_cases(labels: tuple[int, int]) -> SearchStrategy[Case]:
    """Parameters θ and an input x of a dimension 1 to 3, entries up to ±1e100 (so θ·x stays finite),
    and one label from ``labels``."""
    return st.integers(1, 3).flatmap(lambda n: st.fixed_dictionaries({
        "theta": vectors(n, 1e100), "x": vectors(n, 1e100), "y": st.sampled_from(labels)}))


def classified_logits() -> SearchStrategy[Case]:
    """Logits ``z`` (2 to 4, up to ±1e300) and a class index ``y``."""
    return logits().flatmap(lambda z: st.fixed_dictionaries({"z": st.just(z), "y": st.integers(0, len(z) - 1)}))


def softmax_regressions() -> SearchStrategy[Case]:
    """Parameters Θ (k × n, k = 2..4, n = 1..3, entries up to ±1e100), an input x and a class y."""
    return st.tuples(st.integers(2, 4), st.integers(1, 3)).flatmap(lambda kn: st.fixed_dictionaries({
        "theta": vectors(kn[0] * kn[1], 1e100).map(lambda v: v.reshape(kn)), "x": vectors(kn[1], 1e100),
        "y": st.integers(0, kn[0] - 1)}))


def embeddings() -> SearchStrategy[Case]:
    """A centre word's input embedding x (dimension 1 to 3), the output embeddings Y of a vocabulary of
    2 to 4 words (rows), entries up to ±1e100, and the context word μ."""
    return st.tuples(st.integers(2, 4), st.integers(1, 3)).flatmap(lambda vn: st.fixed_dictionaries({
        "x": vectors(vn[1], 1e100), "Y": vectors(vn[0] * vn[1], 1e100).map(lambda v: v.reshape(vn)),
        "mu": st.integers(0, vn[0] - 1)}))


def probability_vectors(k: int) -> SearchStrategy[np.ndarray]:
    """A probability vector of length ``k`` with every entry at least 1e-9 of the largest."""
    return st.lists(st.floats(1e-9, 1.0), min_size=k, max_size=k).map(lambda w: np.array(w) / np.sum(w))


def soft_targets() -> SearchStrategy[Case]:
    """A target distribution y over k = 2..4 classes, logits z up to ±1e300 and moderate logits z′ in
    [-40, 40] (each giving a prediction v = softmax(z))."""
    return st.integers(2, 4).flatmap(lambda k: st.fixed_dictionaries({
        "y": probability_vectors(k), "z": vectors(k), "z2": vectors(k, 40.0)}))


def temperatures() -> SearchStrategy[float]:
    return st.one_of(st.floats(0.01, 1.0), st.floats(1.0, 100.0))


def distillations() -> SearchStrategy[Case]:
    """Teacher and student logits F, G (K = 2..4, entries up to ±1e100) and a temperature T in [0.01, 100]."""
    return st.integers(2, 4).flatmap(lambda k: st.fixed_dictionaries({
        "F": vectors(k, 1e100), "G": vectors(k, 1e100), "T": temperatures()}))


def gaussian_cases() -> SearchStrategy[Case]:
    """Observations y, two means v and v′ (d = 1..4, entries up to ±1e6) and a variance in [1e-6, 1e6]."""
    variance = st.one_of(st.floats(1e-6, 1.0), st.floats(1.0, 1e6))
    return st.integers(1, 4).flatmap(lambda d: st.fixed_dictionaries({
        "y": vectors(d, 1e6), "v": vectors(d, 1e6), "v2": vectors(d, 1e6), "var": variance}))
