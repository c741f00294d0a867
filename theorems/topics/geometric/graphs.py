"""Graph layers: invariance and equivariance under relabelling the nodes, the GCN's renormalised adjacency
and its spectrum, the GCN layer, and graph attention."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_least,
    close,
    equal,
    for_all,
    for_each,
    that,
    within_tolerance,
)

from . import KIPF, TOPIC, XU
from .sets import under_relabelling, weights
from .strategies import GraphCase, graph_cases, graphs, small_graphs


def inverse_sqrt(d: np.ndarray) -> np.ndarray:
    return np.diag(np.asarray(d, dtype=float) ** -0.5)


def renormalized(A: np.ndarray) -> np.ndarray:
    """D̃^{-1/2}(A + I)D̃^{-1/2}, d̃_m = 1 + Σ_n a_nm, written as printed."""
    looped = A + np.eye(len(A))
    return inverse_sqrt(looped.sum(axis=0)) @ looped @ inverse_sqrt(looped.sum(axis=0))


def on_graphs(ctx: Context, prop: Callable[[np.ndarray], Comparison | list[Comparison]], *,
              no_isolated: bool = False, max_nodes: int = 10) -> Outcome:
    """``prop`` on every graph with at most 4 nodes, then on random graphs of up to ``max_nodes`` nodes."""
    return all_of({
        "every graph on ≤ 4 nodes": lambda: for_each(ctx, small_graphs(4, connected_nodes=no_isolated), prop,
                                                     domain_name="graphs on ≤ 4 nodes", complete=False,
                                                     describe=lambda A: A.tolist()),
        "random graphs": lambda: for_all(ctx, graphs(5, max_nodes, no_isolated=no_isolated), prop,
                                         describe=lambda A: A.tolist()),
    })


@dataclass(frozen=True)
class Relation:
    """A definition as a document prints it: which two sides are compared, and with = or ≠."""

    latex: str
    sides: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    """``(P, f(X, A), f(PX, PAPᵀ))`` ↦ the two sides."""
    unequal: bool = False

    def compare(self, left: np.ndarray, right: np.ndarray, atol: float) -> Comparison:
        same = close(left, right, label=self.latex, rtol=0.0, atol=atol)
        if not self.unequal:
            return same
        verb = "differ" if not same.ok else "agree"
        return that(not same.ok, label=self.latex,
                    message=f"the two sides {verb}: {np.asarray(left).tolist()} vs {np.asarray(right).tolist()}")


def layers(ctx: Context) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """f(X, A): the GCN, GIN and message-passing layers of the implementation side by side (random weights)."""
    impl, W, W_self, W_msg = ctx.impl(), weights(ctx, 3, 4), weights(ctx, 3, 3), weights(ctx, 3, 3) / 2
    return lambda X, A: np.hstack([impl.gcn_layer(X, A, W), impl.gin_layer(X, A, W, 0.1),
                                   impl.message_passing(X, A, W_self, W_msg)])


def relabelled(ctx: Context, stated: Relation, f: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Outcome:
    def sides(c: GraphCase) -> tuple[np.ndarray, np.ndarray]:
        return stated.sides(c.P, f(c.X, c.A), f(c.P @ c.X, c.P @ c.A @ c.P.T))

    return under_relabelling(ctx, sides, label=stated.latex, relation=stated.compare)


@TOPIC.claim(
    "geometric.graph_invariance_def",
    method="property",
    canonical=Relation("f(X, A) = f(PX, PAP^T)", lambda P, fX, fPX: (fX, fPX)),
    faithful=("003",),
    printed={"000": Printed(Relation("f(X, A) ≠ f(PX, PAP^T)", lambda P, fX, fPX: (fX, fPX), unequal=True),
                            reading="read as printed, with ≠ (003:296 prints =!): no f satisfies it, since P = I "
                                    "makes the two sides the same")},
    references=(KIPF, XU),
)
def graph_invariance_def(ctx: Context, stated: Relation) -> Outcome:
    """A sum readout of GCN, GIN and message-passing layers is permutation invariant on graphs.

    Definition: f is invariant when f(X, A) = f(PX, PAPᵀ) for every permutation matrix P ∈ Π_M (relabelling
    the nodes permutes the rows of X and the rows and columns of A). Checked on f(X, A) = Σ_m [GCN ‖ GIN ‖
    MP](X, A)_m: node-wise equivariant layers followed by a sum.
    """
    f = layers(ctx)
    impl = ctx.impl()
    return relabelled(ctx, stated, lambda X, A: impl.sum_pool(f(X, A)))


@TOPIC.claim(
    "geometric.graph_equivariance_def",
    method="property",
    canonical=Relation("P f(X, A) = f(PX, PAP^T)", lambda P, fX, fPX: (P @ fX, fPX)),
    printed={
        "000": Printed(Relation("f(X, A) ≠ P f(PX, PAP^T)", lambda P, fX, fPX: (fX, P @ fPX), unequal=True),
                       reading="read as printed, with ≠: P = I makes the two sides equal for every f"),
        "003": Printed(Relation("f(X, A) = P f(PX, PAP^T)", lambda P, fX, fPX: (fX, P @ fPX)),
                       reading="read as printed: P on the wrong side (it should be Pᵀ, i.e. P f(X, A) = "
                               "f(PX, PAPᵀ)); the two agree for involutions P = Pᵀ, not for a 3-cycle"),
    },
    references=(KIPF, XU),
)
def graph_equivariance_def(ctx: Context, stated: Relation) -> Outcome:
    """GCN, GIN and message-passing layers are permutation equivariant on graphs.

    f(PX, PAPᵀ) = P f(X, A) for every P ∈ Π_M: relabelling the nodes relabels the output rows the same way.
    Checked on the GCN layer ReLU(ĀXW), the GIN layer ReLU(((1+ε)X + AX)W) and the message-passing layer
    ReLU(X W_s + A tanh(X W_m)), side by side, with random weights.
    """
    return relabelled(ctx, stated, layers(ctx))


@TOPIC.claim(
    "geometric.gcn_normalized_adjacency",
    method="property",
    canonical=Formula(r"\tilde D^{-1/2}(A + I)\tilde D^{-1/2}", renormalized),
    faithful=("000", "002", "003", "004"),
    printed={"001": Printed(
        Formula(r"q_{ij} = (a_{ij} + \delta_{ij})/\sqrt{d_i d_j}",
                lambda A: (A + np.eye(len(A))) / np.sqrt(np.outer(A.sum(axis=1), A.sum(axis=1)))),
        reading="read as printed: q_ij uses the plain degrees d_i = Σ_j a_ij, while the same line defines "
                "d̃_i = 1 + Σ_j A_ij for Q = D̃^{-1/2}ÃD̃^{-1/2} (line 875); with d̃ it is the canonical form. "
                "Read literally it divides by d = 0 at an isolated node, and on one edge (K2) gives q_11 = 1 "
                "instead of 1/2, with eigenvalue 2")},
    references=(KIPF,),
)
def gcn_normalized_adjacency(ctx: Context, stated: Formula) -> Outcome:
    """The GCN's renormalised adjacency Ā = D̃^{-1/2}(A + I)D̃^{-1/2} is symmetric with spectrum in [-1, 1].

    With d̃_m = 1 + Σ_n a_nm (the degree of A + I), Ā is symmetric and similar to the random-walk matrix
    D̃^{-1}(A + I), whose rows sum to 1: its eigenvalues lie in [-1, 1]. Checked: the implementation's Ā
    equals the formula, is symmetric, and has spectral radius ≤ 1.
    """
    impl = ctx.impl()

    def check(A: np.ndarray) -> list[Comparison]:
        Q = impl.gcn_norm(A)
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = stated(A)
        radius = float(np.max(np.abs(np.linalg.eigvals(Q))))
        return [close(Q, expected, label="Ā = formula", rtol=0.0, atol=within_tolerance(Q, expected)),
                close(Q, Q.T, label="Ā = Āᵀ", rtol=0.0, atol=within_tolerance(Q)),
                at_least(1.0, radius, label="spectral radius of Ā ≤ 1", atol=within_tolerance(Q))]

    return on_graphs(ctx, check)


@TOPIC.claim(
    "geometric.self_loop_degree",
    method="exhaustive",
    canonical=Formula(r"\tilde d_m = d_m + 1", lambda d: d + 1),
    faithful=("001", "002", "004"),
    references=(KIPF,),
)
def self_loop_degree(ctx: Context, degree: Formula) -> Outcome:
    """Adding self-loops adds one to every degree.

    For A symmetric with zero diagonal and Ã = A + I: D̃_mm = Σ_n Ã_nm = d_m + 1. Checked exactly on every
    graph with ≤ 4 nodes, and on the implementation's Ā, whose diagonal is 1/d̃_m.
    """
    impl = ctx.impl()

    def check(A: np.ndarray) -> list[Comparison]:
        d, diagonal = A.sum(axis=0), np.diag(impl.gcn_norm(A))
        return [equal((A + np.eye(len(A))).sum(axis=0), degree(d), label="Σ_n Ã_nm = d̃_m"),
                close(diagonal, 1 / degree(d), label="Ā_mm = 1/d̃_m", rtol=0.0, atol=within_tolerance(diagonal))]

    return for_each(ctx, small_graphs(4), check, domain_name="graphs on ≤ 4 nodes", complete=False,
                    describe=lambda A: A.tolist())


@TOPIC.claim(
    "geometric.gcn_weight_shape",
    method="exhaustive",
    canonical=Formula(r"W \in \mathbb{R}^{F \times N}", lambda m, f, n: (f, n)),
    printed={key: Printed(Formula(r"W \in \mathbb{R}^{M \times N}", lambda m, f, n: (m, n)),
                          reading="read as printed: M is the number of nodes (X = mat(x_1ᵀ; …; x_Mᵀ) is M × F, "
                                  f"{line}); XW is then defined only when F = M")
             for key, line in (("000", "000:502"), ("003", "003:288"))},
    references=(KIPF,),
)
def gcn_weight_shape(ctx: Context, shape: Formula) -> Outcome:
    """A GCN layer's weight matrix is F × N.

    X⁺ = σ(ĀXW) with X ∈ R^{M×F} (M nodes, F features) is defined exactly when W has F rows; its output is
    M × N. Checked for every M, F, N ≤ 3 on the implementation's layer.
    """
    impl, rng = ctx.impl(), ctx.rng(3)

    def check(sizes: tuple[int, int, int]) -> list[Comparison]:
        m, f, n = sizes
        rows, columns = shape(m, f, n)
        conforms = that(rows == f, label="XW is defined", message=f"X is {m} × {f}, W is {rows} × {columns}")
        if not conforms.ok:
            return [conforms]
        out = impl.gcn_layer(rng.normal(size=(m, f)), np.ones((m, m)) - np.eye(m), rng.normal(size=(rows, columns)))
        return [conforms, equal(out.shape, (m, n), label="X⁺ is M × N")]

    return for_each(ctx, itertools.product(range(1, 4), repeat=3), check, domain_name="M, F, N ≤ 3",
                    complete=False, describe=lambda s: dict(zip("MFN", s, strict=True)))


@TOPIC.claim("geometric.gcn_layer", method="property", faithful=("004",), references=(KIPF,))
def gcn_layer(ctx: Context) -> Outcome:
    """The GCN layer is X' = σ(ĀXW).

    Aggregation over the neighbourhood with self-loop (ĀX), then the feature map W, then the ReLU: the
    implementation's layer equals ReLU(D̃^{-1/2}(A + I)D̃^{-1/2} X W).
    """
    impl, W = ctx.impl(), weights(ctx, 3, 4)

    def check(case: GraphCase) -> Comparison:
        out, expected = impl.gcn_layer(case.X, case.A, W), np.maximum(renormalized(case.A) @ case.X @ W, 0)
        return close(out, expected, label="X' = ReLU(ĀXW)", rtol=0.0, atol=within_tolerance(out, expected, case.X))

    return for_all(ctx, graph_cases(1, 8), check, describe=GraphCase.describe)


TOPIC.not_checkable(
    "geometric.two_layer_gcn",
    title="The two-layer GCN",
    statement="Kipf & Welling's two-layer GCN is Y = softmax(Ā ReLU(Ā X W⁰) W¹). 000:538 prints "
              "softmax(Ā Ā X W⁰) W¹: W¹ outside the softmax and no inner nonlinearity.",
    reason="the definition of a model: it asserts nothing that a check could refute (the printed bracket placement "
           "is noted in the statement; it defines a different, linear-then-softmax model, not a false fact)",
    references=(KIPF,),
)


@TOPIC.claim(
    "geometric.gcn_column_mixing",
    method="property",
    canonical=Formula(r"\sum_k q_{kj}\, x[k]", lambda X, Q, j: sum(Q[k, j] * X[:, k] for k in range(len(Q)))),
    faithful=("001",),
    references=(KIPF,),
)
def gcn_column_mixing(ctx: Context, mixed: Formula) -> Outcome:
    """Column j of XQ mixes the feature columns of j's neighbourhood.

    With the nodes as the columns x[1], …, x[n] of X (document 001), (XQ)_{•j} = Σ_k q_kj x[k], and q_kj ≠ 0
    only for k = j or k adjacent to j: the sum runs over the neighbourhood of j. Q is the implementation's Ā.
    """
    impl = ctx.impl()

    def check(case: GraphCase) -> list[Comparison]:
        Q, X = impl.gcn_norm(case.A), case.X.T
        product = X @ Q
        expected = np.column_stack([mixed(X, Q, j) for j in range(len(Q))])
        outside = (Q != 0) & (case.A + np.eye(len(Q)) == 0)
        return [close(product, expected, label="(XQ)_•j = Σ_k q_kj x[k]", rtol=0.0,
                      atol=within_tolerance(product, expected, X)),
                that(not outside.any(), label="q_kj = 0 outside the neighbourhood of j",
                     message=f"{int(outside.sum())} entries of Q outside A + I")]

    return for_all(ctx, graph_cases(1, 8), check, describe=GraphCase.describe)


def ring(n: int) -> np.ndarray:
    return np.roll(np.eye(n), 1, axis=1) + np.roll(np.eye(n), -1, axis=1)


@TOPIC.claim(
    "geometric.cyclic_chain_toeplitz",
    method="exhaustive",
    canonical=Formula("c = (1/3, 1/3, 0, …, 0, 1/3)", lambda n: np.r_[1 / 3, 1 / 3, np.zeros(n - 3), 1 / 3]),
    faithful=("001",),
    references=(KIPF,),
)
def cyclic_chain_toeplitz(ctx: Context, kernel: Formula) -> Outcome:
    """On a ring, Q is circulant: XQ is a circular convolution with a window of 3.

    On the cyclic chain C_n every node has degree 2, d̃ = 3, so q_ij = 1/3 for |i - j| ≤ 1 (mod n) and 0
    otherwise: Q_ij = c_{(j - i) mod n}, a circulant (Toeplitz) matrix, and (XQ)_{•j} = Σ_k c_{(j-k) mod n} x[k]
    is a convolution whose window is the neighbourhood. Checked for n = 3 … 16 on the implementation's Ā.
    """
    impl = ctx.impl()

    def check(n: int) -> Comparison:
        Q, c = impl.gcn_norm(ring(n)), kernel(n)
        circulant = np.array([[c[(j - i) % n] for j in range(n)] for i in range(n)])
        return close(Q, circulant, label="Q_ij = c_(j-i) mod n", rtol=0.0, atol=within_tolerance(Q))

    return for_each(ctx, range(3, 17), check, domain_name="rings C_3 … C_16", complete=False)


@TOPIC.claim(
    "geometric.renormalized_adjacency_max_eigenvalue",
    method="property",
    faithful=("001",),
    references=(KIPF, "Wu et al. (2019), Simplifying graph convolutional networks"),
)
def renormalized_adjacency_max_eigenvalue(ctx: Context) -> Outcome:
    """The renormalised adjacency has largest eigenvalue exactly 1.

    Ā = D̃^{-1/2}ÃD̃^{-1/2} has the eigenvector D̃^{1/2}𝟙 with eigenvalue 1, and no eigenvalue outside
    [-1, 1]: its largest eigenvalue is 1 on every graph (the renormalisation trick replacing I + D^{-1/2}AD^{-1/2},
    whose largest eigenvalue is 2).
    """
    impl = ctx.impl()

    def check(A: np.ndarray) -> list[Comparison]:
        Q = impl.gcn_norm(A)
        spectrum = np.linalg.eigvalsh((Q + Q.T) / 2)
        return [close(spectrum[-1], 1.0, label="largest eigenvalue = 1", rtol=0.0, atol=within_tolerance(Q)),
                at_least(spectrum[0], -1.0, label="smallest eigenvalue ≥ -1", atol=within_tolerance(Q))]

    return on_graphs(ctx, check)


@TOPIC.claim(
    "geometric.first_order_filter_max_eigenvalue",
    method="property",
    canonical=Formula(r"I + D^{-1/2} A D^{-1/2}", lambda A: np.eye(len(A)) + inverse_sqrt(A.sum(0)) @ A
                      @ inverse_sqrt(A.sum(0))),
    printed={"001": Printed(
        Formula(r"I + D^{-1/2} \tilde A D^{-1/2}", lambda A: np.eye(len(A)) + inverse_sqrt(A.sum(0))
                @ (A + np.eye(len(A))) @ inverse_sqrt(A.sum(0))),
        reading="read as printed: Ã = A + I between the plain degree matrices D (Kipf & Welling's first-order "
                "filter has A here; Ã appears only after the renormalisation, line 889)")},
    references=(KIPF,),
)
def first_order_filter_max_eigenvalue(ctx: Context, stated: Formula) -> Outcome:
    """The first-order filter I + D^{-1/2}AD^{-1/2} (θ₀ = θ₁) has largest eigenvalue 2.

    I + D^{-1/2}AD^{-1/2} = 2I - L̃ with L̃ the normalised Laplacian, whose spectrum lies in [0, 2] with 0 an
    eigenvalue (eigenvector D^{1/2}𝟙): the filter's spectrum lies in [0, 2] and its largest eigenvalue is 2,
    whence the instability under repeated application. Graphs without isolated nodes; the matrix is also
    compared with 2I - L̃ from the implementation.
    """
    impl = ctx.impl()

    def check(A: np.ndarray) -> list[Comparison]:
        H = stated(A)
        spectrum = np.linalg.eigvalsh(H)
        via_laplacian = 2 * np.eye(len(A)) - impl.normalized_laplacian(A)
        return [close(spectrum[-1], 2.0, label="largest eigenvalue = 2", rtol=0.0, atol=within_tolerance(H)),
                at_least(spectrum[0], 0.0, label="smallest eigenvalue ≥ 0", atol=within_tolerance(H)),
                close(H, via_laplacian, label="filter = 2I - L̃", rtol=0.0, atol=within_tolerance(H))]

    return on_graphs(ctx, check, no_isolated=True)


def neighbourhoods(A: np.ndarray) -> np.ndarray:
    return (A != 0) | np.eye(len(A), dtype=bool)


@TOPIC.claim(
    "geometric.gat_attention_normalization",
    method="property",
    canonical=Formula(r"\sum_{j \in N_i \cup \{i\}} \alpha_{ij} = 1", lambda alpha, mask: (alpha * mask).sum(axis=1)),
    faithful=("002", "004"),
    printed={"000": Printed(
        Formula(r"\sum_i A_{ij} q_{ij} = 1", lambda alpha, mask: (alpha * mask).sum(axis=0)),
        reading="read as printed, with Q acting by X⁺ = σ(QXW) (000:590), so that node i's output is "
                "Σ_j q_ij x_j W: the constraint sums over the first index i (columns), with A including the "
                "self-loop. Checked against the attention the other documents define (softmax over j ∈ N_i)")},
    references=("Veličković et al. (2018), Graph attention networks",),
)
def gat_attention_normalization(ctx: Context, normalised: Formula) -> Outcome:
    """GAT attention weights of each node sum to 1 over its neighbourhood.

    e_ij = LeakyReLU(aᵀ[W x_i ‖ W x_j]), α_ij = exp(e_ij)/Σ_{k ∈ N_i} exp(e_ik) (N_i with i itself, as in GAT):
    Σ_{j ∈ N_i} α_ij = 1 and α_ij = 0 for j ∉ N_i, so x'_i = σ(Σ_j α_ij W x_j) is a convex combination of
    neighbours. The implementation's α is also compared with the formula.
    """
    impl, W, a = ctx.impl(), weights(ctx, 3, 4), weights(ctx, 8)

    def check(case: GraphCase) -> list[Comparison]:
        alpha, mask = impl.gat_attention(case.X, case.A, W, a), neighbourhoods(case.A)
        H = case.X @ W
        e = (H @ a[:4])[:, None] + (H @ a[4:])[None, :]
        e = np.where(mask, np.where(e > 0, e, 0.2 * e), -np.inf)
        expected = np.exp(e - e.max(axis=1, keepdims=True))
        expected /= expected.sum(axis=1, keepdims=True)
        sums = normalised(alpha, mask)
        return [close(sums, np.ones(len(sums)), label="attention sums = 1", rtol=0.0, atol=within_tolerance(alpha)),
                that(not np.any(alpha[~mask]), label="α_ij = 0 for j ∉ N_i", message=f"{int((alpha[~mask] != 0).sum())}"
                     " weights outside the neighbourhoods"),
                close(alpha, expected, label="α = softmax_j(e_ij)", rtol=1e-12, atol=within_tolerance(alpha))]

    return for_all(ctx, graph_cases(1, 8), check, describe=GraphCase.describe)
