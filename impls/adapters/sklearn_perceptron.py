"""``sklearn.linear_model.Perceptron`` behind the :class:`~impls.perceptron.PerceptronImpl` protocol.

Two ways of driving it, both recording every update exactly:

* :class:`SklearnPerceptron` presents one sample at a time with ``partial_fit``: each update is
  sklearn's own, seen as a change of ``coef_``. ``theorems check perceptron --impl
  impls.adapters.sklearn_perceptron:SklearnPerceptron``
* :class:`SklearnPerceptronFit` calls ``fit`` as a user would, with the user's ``tol``; the iterate
  after each epoch comes from ``fit(max_iter=e)``, and the updates inside an epoch are replayed and
  verified against sklearn's snapshot. :func:`default_configuration` is sklearn's default ``tol=1e-3``,
  which stops on a loss plateau, before the data is separated, without a warning.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Perceptron as _Sklearn

from impls.perceptron import Trace

EXACT = {"penalty": None, "eta0": 1.0, "tol": None, "shuffle": False}


def _estimator(bias: bool, params: dict[str, Any]) -> _Sklearn:
    return _Sklearn(**{**EXACT, **params, "fit_intercept": bias})


def _set(est: _Sklearn, w: np.ndarray, b: float) -> None:
    est.coef_ = np.asarray(w, dtype=float)[None, :].copy()
    est.intercept_ = np.array([float(b)])


def _prime(est: _Sklearn, dim: int) -> None:
    """Allocate sklearn's state (partial_fit needs the label set once) before coef_ is overwritten."""
    est.partial_fit(np.zeros((1, dim)), [1], classes=[-1, 1])


class SklearnPerceptron:
    """sklearn's Perceptron, one sample per ``partial_fit`` (``eta0=1``, no penalty)."""

    def __init__(self, **params: Any) -> None:
        self.params = params

    def step(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> tuple[np.ndarray, float]:
        est = _estimator(True, self.params)
        _prime(est, len(x))
        _set(est, w, b)
        est.partial_fit(np.asarray(x, dtype=float)[None, :], [int(y)])
        return est.coef_[0].copy(), float(est.intercept_[0])

    def fit(self, X: np.ndarray, y: np.ndarray, *, bias: bool = False, w0: np.ndarray | None = None,
            max_epochs: int = 10_000) -> Trace:
        X = np.asarray(X, dtype=float)
        est = _estimator(bias, self.params)
        _prime(est, X.shape[1])
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        b = 0.0
        _set(est, w, b)
        weights, biases, updated_on = [w], [b], []
        for epoch in range(1, max_epochs + 1):
            clean = True
            for i in range(len(X)):
                est.partial_fit(X[i : i + 1], [int(y[i])])
                new_w, new_b = est.coef_[0].copy(), float(est.intercept_[0])
                if not (np.array_equal(new_w, weights[-1]) and new_b == biases[-1]):
                    weights.append(new_w)
                    biases.append(new_b)
                    updated_on.append(i)
                    clean = False
            if clean:
                return Trace(np.array(weights), np.array(biases), updated_on, epoch)
        return Trace(np.array(weights), np.array(biases), updated_on, max_epochs)


class SklearnPerceptronFit:
    """sklearn's Perceptron trained by ``fit`` (epochs in order, ``shuffle=False``) with the given ``tol``."""

    def __init__(self, **params: Any) -> None:
        self.params = params
        self._one_sample = SklearnPerceptron(**params)

    def step(self, w: np.ndarray, b: float, x: np.ndarray, y: int) -> tuple[np.ndarray, float]:
        return self._one_sample.step(w, b, x, y)

    def _fit(self, X: np.ndarray, y: np.ndarray, bias: bool, w0: np.ndarray, epochs: int) -> _Sklearn:
        est = _estimator(bias, {**self.params, "max_iter": epochs})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            est.fit(X, y, coef_init=w0[None, :].copy(), intercept_init=np.zeros(1))
        return est

    def fit(self, X: np.ndarray, y: np.ndarray, *, bias: bool = False, w0: np.ndarray | None = None,
            max_epochs: int = 10_000) -> Trace:
        X = np.asarray(X, dtype=float)
        if len(set(np.asarray(y).tolist())) < 2:
            # sklearn's fit refuses data of one class; partial_fit accepts it.
            return self._one_sample.fit(X, y, bias=bias, w0=w0, max_epochs=max_epochs)
        w = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=float).copy()
        b = 0.0
        weights, biases, updated_on = [w], [b], []
        final = self._fit(X, y, bias, w, max_epochs)
        for epoch in range(1, final.n_iter_ + 1):
            before = len(updated_on)
            for i in range(len(X)):  # replay the epoch, then check it against sklearn's own iterate
                if y[i] * (X[i] @ w + b) <= 0:
                    w, b = w + y[i] * X[i], b + (y[i] if bias else 0.0)
                    weights.append(w)
                    biases.append(b)
                    updated_on.append(i)
            clean = len(updated_on) == before
            snapshot = final if clean or epoch == final.n_iter_ else self._fit(X, y, bias, weights[0], epoch)
            if not (np.allclose(snapshot.coef_[0], w, rtol=1e-12, atol=1e-12)
                    and np.isclose(snapshot.intercept_[0], b, rtol=1e-12, atol=1e-12)):
                raise RuntimeError(f"epoch {epoch}: sklearn's iterate {snapshot.coef_[0]}, {snapshot.intercept_[0]} "
                                   f"is not the perceptron's {w}, {b}")
            if clean:
                break
        stopped_after = final.n_iter_
        return Trace(np.array(weights), np.array(biases), updated_on, stopped_after)


def default_configuration() -> SklearnPerceptronFit:
    """sklearn's defaults (``tol=1e-3``, ``n_iter_no_change=5``), in order (``shuffle=False``)."""
    return SklearnPerceptronFit(tol=1e-3)
