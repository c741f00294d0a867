"""Backpropagation through a convolution (documents 001-004): the filter gradient is a sum over the
output positions, and that sum is a convolution with the input rotated by 180°.

Proved in SymPy on small sizes with symbolic inputs, filters and upstream gradients, and a generic
activation σ whose derivatives are opaque symbols (so a false step gets a numeric counterexample).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from theorems.engine import Context, Formula, Outcome, Printed

from . import TOPIC
from .chain import opaque, proved, weighted

D, Q = 4, 2
"""Image d × d and filter q × q of the 2-D proof; the output is r × r, r = d - q + 1."""
R = D - Q + 1


def convolve(x: sympy.Matrix, w: sympy.Matrix) -> sympy.Matrix:
    """Document 001's valid convolution: ``(x * w)_ij = Σ_{k,l=1}^q x_{i+q-k, j+q-l} w_kl``."""
    q, r = w.shape[0], x.shape[0] - w.shape[0] + 1
    return sympy.Matrix(r, r, lambda i, j: sum(x[i + q - 1 - k, j + q - 1 - l] * w[k, l]
                                               for k in range(q) for l in range(q)))


def rotate(a: sympy.Matrix) -> sympy.Matrix:
    """``rot_π(a)``: rows and columns reversed."""
    return sympy.Matrix(a.shape[0], a.shape[1], lambda i, j: a[a.shape[0] - 1 - i, a.shape[1] - 1 - j])


ROTATED = Formula(r"\mathrm{rot}_\pi(x) * (\mathrm{mat}(v)\odot\sigma'(x*w))", lambda x, g: convolve(rotate(x), g))


@TOPIC.claim(
    "backprop.conv_filter_gradient_rot180",
    method="sympy",
    canonical=ROTATED,
    faithful=("001", "003"),
    printed={"002": Printed(ROTATED, reading=(
        "A 1-D linear layer y^(l) = y^(l-1) * w with generalized indices and an upstream gradient ∂R/∂y^(l); "
        "its (∂R/∂y^(l) * rot180(y^(l-1)))_i is the canonical statement with G = ∂R/∂y^(l) in place of "
        "mat(v) ⊙ σ'(x*w) (convolution commutes). Its intermediate steps are "
        "backprop.conv_filter_gradient_index_step."))},
    uses_impl=False,
)
def conv_filter_gradient_rot180(ctx: Context, stated: Formula) -> Outcome:
    """The gradient of a convolution layer with respect to its filter is a convolution with the rotated input.

    With ``(x * w)_ij = Σ_{k,l=1}^q x_{i+q-k,j+q-l} w_kl`` (valid, ``r = d - q + 1``) and
    ``f = vᵀ vec(σ(x * w))``: ``∂f/∂w_ab = Σ_{k,l=1}^r mat(v)_kl σ'((x*w)_kl) x_{k+q-a,l+q-b}
    = (rot_π(x) * (mat(v) ⊙ σ'(x * w)))_ab``. ``stated(x, G)`` is the formula with ``G = mat(v) ⊙ σ'(x*w)``.
    Proved for d = 4, q = 2 with a generic σ, every (a, b) at once (weighted by arbitrary ``c_ab``).
    """
    x = sympy.Matrix(D, D, lambda i, j: sympy.Symbol(f"x_{{{i + 1}{j + 1}}}", real=True))
    w = sympy.Matrix(Q, Q, lambda i, j: sympy.Symbol(f"w_{{{i + 1}{j + 1}}}", real=True))
    v = sympy.Matrix(R, R, lambda i, j: sympy.Symbol(f"v_{{{i + 1}{j + 1}}}", real=True))
    sigma, s = sympy.Function("sigma"), sympy.Symbol("s", real=True)
    pre = convolve(x, w)
    f = sum(v[k, l] * sigma(pre[k, l]) for k in range(R) for l in range(R))
    gradient = sympy.Matrix(R, R, lambda k, l: v[k, l] * sympy.diff(sigma(s), s).subs(s, pre[k, l]))
    indexed = sympy.Matrix(Q, Q, lambda a, b: sum(gradient[k, l] * x[k + Q - 1 - a, l + Q - 1 - b]
                                                  for k in range(R) for l in range(R)))
    steps = opaque(weighted(sympy.Matrix(Q, Q, lambda a, b: sympy.diff(f, w[a, b]))), weighted(indexed),
                   weighted(stated(x, gradient)))
    return proved(ctx, (r"\sum_{ab} c_{ab}\,\partial f/\partial w_{ab}", steps[0]),
                    (r"\sum_{ab} c_{ab}\sum_{kl}\mathrm{mat}(v)_{kl}\sigma'((x*w)_{kl})x_{k+q-a,l+q-b}", steps[1]),
                    (r"\sum_{ab} c_{ab}\,\mathrm{stated}_{ab}", steps[2]), simplify=sympy.expand)


class Sequences:
    """1-D sequences on the integers, zero outside their support: the layer input ``y`` (indices
    0 … n-1), the filter ``w`` (0 … p-1), the upstream gradient ``δ_k = ∂R/∂y_k^{(l)}`` of the output
    ``[y * w]_k = Σ_o y_{k-o} w_o`` (k = 0 … n+p-2), and ``rot180(y)_j = y_{-j}``."""

    def __init__(self, n: int = 4, p: int = 2) -> None:
        self.n, self.p = n, p
        self.outputs = range(n + p - 1)
        self._y = sympy.symbols(f"y_0:{n}", real=True)
        self.w = sympy.symbols(f"w_0:{p}", real=True)
        self._delta = sympy.symbols(rf"\delta_0:{n + p - 1}", real=True)

    def y(self, j: int) -> sympy.Expr:
        return self._y[j] if 0 <= j < self.n else sympy.Integer(0)

    def rot(self, j: int) -> sympy.Expr:
        return self.y(-j)

    def delta(self, k: int) -> sympy.Expr:
        return self._delta[k] if k in self.outputs else sympy.Integer(0)

    def output(self, k: int) -> sympy.Expr:
        return sum((self.y(k - o) * self.w[o] for o in range(self.p)), sympy.Integer(0))

    def convolve_rot(self, i: int) -> sympy.Expr:
        """``(δ * rot180(y))_i = Σ_k δ_k rot180(y)_{i-k}``."""
        return sum((self.delta(k) * self.rot(i - k) for k in self.outputs), sympy.Integer(0))


Step = Callable[[Sequences, int], sympy.Expr]


def over_outputs(term: Callable[[Sequences, int, int], sympy.Expr]) -> Step:
    """The step ``i ↦ Σ_k δ_k term(k, i)``: a sum over the layer's outputs, weighted by their upstream gradients."""
    return lambda s, i: sum((s.delta(k) * term(s, k, i) for k in s.outputs), sympy.Integer(0))


FIRST = Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\,y_{k-i}^{(l-1)}",
              over_outputs(lambda s, k, i: s.y(k - i)))
LAST = Formula(r"\left(\frac{\partial\mathcal R}{\partial y^{(l)}} * \mathrm{rot180}(y^{(l-1)})\right)_i",
             lambda s, i: s.convolve_rot(i))


@TOPIC.claim(
    "backprop.conv_filter_gradient_index_step",
    method="sympy",
    canonical=(FIRST, Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\,\mathrm{rot180}(y^{(l-1)})_{i-k}",
                              over_outputs(lambda s, k, i: s.rot(i - k))), LAST),
    printed={"002": Printed(
        (FIRST, Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\,y_{-(k-i)}^{(l-1)}",
                      over_outputs(lambda s, k, i: s.y(-(k - i)))),
         Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\,\mathrm{rot180}(y^{(l-1)})_{k-i}",
               over_outputs(lambda s, k, i: s.rot(k - i))), LAST),
        reading="The printed chain Σ_k δ_k y_{k-i} = Σ_k δ_k y_{-(k-i)} = Σ_k δ_k rot180(y)_{k-i} = (δ * rot180(y))_i, "
                "with [y * w]_k = Σ_o y_{k-o} w_o as on the line before.")},
    uses_impl=False,
)
def conv_filter_gradient_Formula(ctx: Context, chain: Sequence[Formula]) -> Outcome:
    """The index steps from the filter gradient of a 1-D convolution to a convolution with rot180.

    For ``y^{(l)} = y^{(l-1)} * w``, ``[y * w]_k = Σ_o y_{k-o} w_o``, and ``rot180(y)_j = y_{-j}``:
    ``∂R/∂w_i = Σ_k δ_k y_{k-i} = Σ_k δ_k rot180(y)_{i-k} = (δ * rot180(y))_i`` with ``δ_k = ∂R/∂y_k^{(l)}``.
    Proved for an input of length 4 and a filter of length 2, every i at once (weighted by ``c_i``),
    starting from ``Σ_k δ_k ∂[y * w]_k/∂w_i``.
    """
    s = Sequences()
    start = over_outputs(lambda s, k, i: sympy.diff(s.output(k), s.w[i]))
    steps = [(r"\sum_i c_i\sum_k \delta_k\,\partial[y*w]_k/\partial w_i", weighted(start(s, i) for i in range(s.p)))]
    steps += [(rf"\sum_i c_i\,{e.latex}", weighted(e(s, i) for i in range(s.p))) for e in chain]
    return proved(ctx, *steps)


@TOPIC.claim(
    "backprop.conv_filter_gradient",
    method="sympy",
    canonical=Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\frac{\partial y_k^{(l)}}{\partial w_i}",
                      lambda upstream, local: sum(a * b for a, b in zip(upstream, local, strict=True))),
    printed={"004": Printed(
        Formula(r"\sum_k \frac{\partial\mathcal R}{\partial y_k^{(l)}}\frac{\partial y_k^{(l)}}{\partial w_i}",
                lambda upstream, local: sum(a * b for a, b in zip(upstream, local, strict=True))),
        reading="The last factor is printed ∂/∂y_k^{(l)} [y^{(l)} * w]_k, naming the layer's output where its input "
                "y^{(l-1)} and the filter weight w_i belong; read as ∂[y^{(l-1)} * w]_k/∂w_i, the chain rule "
                "over the outputs y_k^{(l)} that the line's first equality states.")},
    uses_impl=False,
)
def conv_filter_gradient(ctx: Context, stated: Formula) -> Outcome:
    """The filter gradient of a convolution layer is a sum over its outputs (weight sharing).

    For ``y^{(l)} = y^{(l-1)} * w`` and any differentiable ``R(y^{(l)})``: ``∂R/∂w_i = Σ_k (∂R/∂y_k^{(l)})
    (∂y_k^{(l)}/∂w_i)``. ``stated`` receives the upstream gradients and the local derivatives over k.
    Proved for a generic R of the 5 outputs of an input of length 4 and a filter of length 2, every i.
    """
    s = Sequences()
    outputs = [s.output(k) for k in s.outputs]
    risk, free = sympy.Function("R"), sympy.symbols(f"u_0:{len(outputs)}", real=True)
    upstream = [sympy.diff(risk(*free), u).subs(dict(zip(free, outputs, strict=True)), simultaneous=True)
                for u in free]
    lhs = weighted(sympy.diff(risk(*outputs), w) for w in s.w)
    rhs = weighted(stated(upstream, [sympy.diff(o, w) for o in outputs]) for w in s.w)
    lhs, rhs = opaque(lhs, rhs)
    return proved(ctx, (r"\sum_i c_i\,\partial R/\partial w_i", lhs), ("stated", rhs), simplify=sympy.expand)
