"""Sequence models: the CTC likelihood by enumeration of alignments, ELMo's representation count,
the autoregressive factorisation (documents 001-004)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np

from impls.rnn import BLANK
from theorems.engine import Comparison, Context, Formula, Outcome, close, exact_count, for_each, within_tolerance

from . import TOPIC


def collapse(path: Sequence[int]) -> tuple[int, ...]:
    """``B``: merge runs of repeated symbols, then remove the blanks (Graves et al. 2006)."""
    return tuple(s for s, _ in itertools.groupby(path) if s != BLANK)


CTC = Formula(r"p(\ell|x) = \sum_{\pi \in \mathcal B^{-1}(\ell)} \prod_t y^t_{\pi_t}",
              lambda probs, label: sum(float(np.prod(probs[np.arange(len(probs)), path]))
                                       for path in itertools.product(range(probs.shape[1]), repeat=len(probs))
                                       if collapse(path) == tuple(label)))


def _cases(seed: int) -> Iterator[tuple[np.ndarray, tuple[int, ...]]]:
    """Every label of length 0-4 over 1-2 symbols besides the blank, under 1-4 steps, with random
    per-step distributions (Dirichlet(1))."""
    rng = np.random.default_rng(seed)
    for t, k in itertools.product(range(1, 5), (2, 3)):
        probs = rng.dirichlet(np.ones(k), size=t)
        for u in range(0, 5):
            for label in itertools.product(range(1, k), repeat=u):
                yield probs, label


@TOPIC.claim("rnn.ctc_likelihood", method="exhaustive", canonical=CTC, faithful=("003",))
def ctc_likelihood(ctx: Context, stated: Formula) -> Outcome:
    """The CTC likelihood is a sum over the alignments that collapse to the label.

    ``p(ℓ|x) = Σ_{π: B(π) = ℓ} Π_t y^t_{π_t}`` with ``B`` merging repeated symbols and then removing blanks,
    so that a repeated label symbol needs a blank between its copies (Graves et al. 2006, eq. 2-3;
    document 003 line 854). Every label of length 0-4 over alphabets of 1-2 symbols and 1-4 steps, one
    random distribution per length and alphabet: the implementation's likelihood against the
    enumeration of all ``K^T`` alignments.
    """
    impl = ctx.impl()

    def prop(case: tuple[np.ndarray, tuple[int, ...]]) -> Comparison:
        probs, label = case
        value = stated(probs, label)
        return close(impl.ctc_likelihood(probs, label), value, label=f"p(ℓ = {list(label)} | x), T = {len(probs)}",
                     rtol=0.0, atol=within_tolerance(1.0))

    return for_each(ctx, _cases(ctx.subseed), prop, domain_name="labels of length ≤ 4, 1-4 steps, 2-3 symbols",
                    complete=False, describe=lambda case: {"probs": case[0].tolist(), "label": list(case[1])})


def representations(layers: int) -> list[tuple[str, int]]:
    """ELMo's representations of a token: the context-independent token layer, then the forward and
    the backward LSTM's state at each of the ``L`` layers (Peters et al. 2018, §3.2)."""
    directions = ("forward", "backward")
    return [("token", 0), *((direction, layer) for layer in range(1, layers + 1) for direction in directions)]


@TOPIC.claim("rnn.elmo_layer_count", method="exhaustive", canonical=Formula("2L + 1", lambda layers: 2 * layers + 1),
             faithful=("002", "003", "004"), uses_impl=False)
def elmo_layer_count(ctx: Context, stated: Formula) -> Outcome:
    """An ``L``-layer biLM gives ``2L + 1`` representations of each token.

    ``R_k = {x_k^{LM}, →h_{k,j}^{LM}, ←h_{k,j}^{LM} | j = 1 … L}``: the token layer and two directions per
    layer (Peters et al. 2018, eq. 1); ELMo collapses them with task-specific weights. Counted for
    ``L = 1 … 12``.
    """
    return exact_count(ctx, range(1, 13), lambda layers: len(representations(layers)), stated,
                       label="|R_k| = stated", domain_name="L = 1 … 12", complete=False)


TOPIC.not_checkable(
    "rnn.seq2seq_factorization",
    title="The causal factorisation of a sequence-to-sequence model",
    statement="p(y^{1:T}|x^{1:T}) = Π_t p(y^t | x^{1:T}, y^{1:t-1}) (the chain rule, exact), approximated by "
              "Π_t p(y^t | x^{1:t}, y^{1:t-1}) (document 001 line 760).",
    reason="the '≈' is a modelling choice (a causal model that does not look ahead), not a statement with a "
           "quantity to compare; the exact chain rule it starts from is a probability identity, not a claim about "
           "recurrent networks",
)
