"""PyTorch Geometric (``torch_geometric``) behind the :class:`GeometricImpl` protocol.

Optional extra: ``pip install torch-geometric`` (pure Python on top of torch). The GCN normalisation
(``torch_geometric.nn.conv.gcn_conv.gcn_norm``), the GCN layer (``GCNConv``), the GIN layer (``GINConv``)
and GAT attention (``GATConv`` with ``return_attention_weights``) are PyG's, in float64, with the weights
given by the checks; the other methods are inherited from the NumPy reference. Select with
``--impl geometric=impls.adapters.pyg_geometric:PygGeometric``.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from impls.geometric import Geometric


def _pyg() -> ModuleType:
    try:
        import torch_geometric
    except ImportError as exc:  # depends on the optional extra
        raise ImportError("torch_geometric is not installed: pip install torch-geometric") from exc
    return torch_geometric


class PygGeometric(Geometric):
    """``gcn_norm``, ``gcn_layer``, ``gin_layer`` and ``gat_attention`` by PyTorch Geometric."""

    def __init__(self) -> None:
        self.pyg = _pyg()
        import torch

        self.torch = torch

    def _edges(self, A: np.ndarray) -> tuple[object, object]:
        """``edge_index`` (source row 0, target row 1) and ``edge_weight`` of the non-zero entries of A."""
        rows, cols = np.nonzero(np.asarray(A))
        index = self.torch.tensor(np.vstack([cols, rows]), dtype=self.torch.long)
        return index, self.torch.tensor(np.asarray(A, dtype=float)[rows, cols], dtype=self.torch.float64)

    def _tensor(self, X: np.ndarray) -> object:
        return self.torch.tensor(np.asarray(X, dtype=float), dtype=self.torch.float64)

    def gcn_norm(self, A: np.ndarray) -> np.ndarray:
        from torch_geometric.nn.conv.gcn_conv import gcn_norm

        index, weight = self._edges(A)
        index, weight = gcn_norm(index, weight, num_nodes=len(A), add_self_loops=True, dtype=self.torch.float64)
        dense = np.zeros((len(A), len(A)))
        dense[index[1].numpy(), index[0].numpy()] = weight.numpy()
        return dense

    def gcn_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray) -> np.ndarray:
        conv = self.pyg.nn.GCNConv(W.shape[0], W.shape[1], bias=False).double()
        with self.torch.no_grad():
            conv.lin.weight.copy_(self._tensor(W.T))
            index, weight = self._edges(A)
            return self.torch.relu(conv(self._tensor(X), index, weight)).numpy()

    def gin_layer(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, eps: float) -> np.ndarray:
        linear = self.torch.nn.Linear(W.shape[0], W.shape[1], bias=False).double()
        conv = self.pyg.nn.GINConv(self.torch.nn.Sequential(linear, self.torch.nn.ReLU()), eps=eps).double()
        with self.torch.no_grad():
            linear.weight.copy_(self._tensor(W.T))
            conv.eps.fill_(eps)  # PyG stores ε as float32 before .double(): 0.1 would become 0.10000000149
            return conv(self._tensor(X), self._edges(A)[0]).numpy()

    def gat_attention(self, X: np.ndarray, A: np.ndarray, W: np.ndarray, a: np.ndarray) -> np.ndarray:
        width = W.shape[1]
        conv = self.pyg.nn.GATConv(W.shape[0], width, heads=1, bias=False, add_self_loops=True).double()
        with self.torch.no_grad():
            conv.lin.weight.copy_(self._tensor(W.T))
            conv.att_dst.copy_(self._tensor(a[:width]).reshape(1, 1, width))
            conv.att_src.copy_(self._tensor(a[width:]).reshape(1, 1, width))
            _, (index, alpha) = conv(self._tensor(X), self._edges(A)[0], return_attention_weights=True)
        dense = np.zeros((len(A), len(A)))
        dense[index[1].numpy(), index[0].numpy()] = alpha[:, 0].numpy()
        return dense
