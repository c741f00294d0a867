"""Geometric deep learning: permutation invariance and equivariance of set and graph layers, the GCN's
normalised adjacency, graph Laplacians and spectral filters, attention, and the 1-WL test (documents 000-004).

Invariance and equivariance are checked under every permutation of S_M for M ≤ 5 and under random
relabellings of random graphs (Hypothesis) for larger M; finite statements about graphs are checked on
every graph with at most four nodes; identities are proved with SymPy where they are symbolic.

The boundary checks the shape and finiteness of what each layer returns; a wrong value is the claim's
verdict (refuted, with the graph and the permutation), a wrong shape or NaN is the implementation's
error.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from impls.geometric import GeometricImpl
from theorems.engine import Boundary, ImplementationError, Topic, as_array


def pooled(result: Any, X: np.ndarray) -> np.ndarray:
    """A pooled set: one value per feature."""
    return as_array(result, what="the pooled vector", shape=(np.shape(X)[1],))


def set_output(result: Any, X: np.ndarray, W_phi: np.ndarray, W_rho: np.ndarray, pool: str = "sum") -> np.ndarray:
    return as_array(result, what="the Deep Sets output", shape=(np.shape(W_rho)[1],))


def node_output(result: Any, X: np.ndarray, *args: Any, **kwargs: Any) -> np.ndarray:
    """A node-wise layer: one row per node."""
    out = as_array(result, what="the layer output")
    if out.ndim != 2 or out.shape[0] != np.shape(X)[0]:
        raise ImplementationError(f"the layer output has shape {out.shape}, expected one row per node ({len(X)})")
    return out


def square(result: Any, M: np.ndarray, *args: Any) -> np.ndarray:
    """A matrix on the nodes: M × M like its argument."""
    return as_array(result, what="the node matrix", shape=np.shape(M))


def attention(result: Any, X: np.ndarray, A: np.ndarray, *args: Any) -> np.ndarray:
    return as_array(result, what="the attention matrix", shape=np.shape(A))


def verdict(result: Any, A1: np.ndarray, A2: np.ndarray) -> bool:
    if not isinstance(result, bool | np.bool_):
        raise ImplementationError(f"wl_same should return a bool, got {type(result).__name__}")
    return bool(result)


TOPIC = Topic(
    "geometric",
    "Geometric deep learning: sets, graphs and permutations",
    summary="Permutation invariance and equivariance (sums, Deep Sets, max pooling, GCN, GIN, message passing) "
            "under every permutation of up to five nodes and random relabellings of larger graphs; permutation "
            "matrices; the GCN normalisation and its spectrum; graph Laplacians, spectral and Chebyshev filters; "
            "graph attention; the 1-WL test and the expressive power of message passing.",
    sections=("sets", "graphs", "spectral", "wl"),
    boundary=Boundary(
        GeometricImpl,
        reference="impls.geometric:Geometric",
        outputs={"sum_pool": pooled, "max_pool": pooled, "deep_sets": set_output,
                 **dict.fromkeys(("equivariant_layer", "gcn_layer", "gin_layer", "message_passing"), node_output),
                 **dict.fromkeys(("gcn_norm", "laplacian", "normalized_laplacian", "chebyshev_filter"), square),
                 "gat_attention": attention, "wl_same": verdict},
    ),
    libraries=("torch_geometric",),
)

ZAHEER = "Zaheer et al. (2017), Deep Sets"
KIPF = "Kipf & Welling (2017), Semi-supervised classification with graph convolutional networks"
XU = "Xu, Hu, Leskovec & Jegelka (2019), How powerful are graph neural networks?"
CHUNG = "Chung (1997), Spectral graph theory, §1.2"
