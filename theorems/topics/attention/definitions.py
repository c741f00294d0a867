"""Notation, a training recipe and the cost table of Vaswani et al. (2017): statements with no executable
content of their own (their checkable consequences are claims of the other sections)."""

from __future__ import annotations

from . import TOPIC, VASWANI

TOPIC.not_checkable(
    "attention.token_matrix",
    title="Tokens as the columns of a matrix",
    statement="The tokens x₁, ..., x_T ∈ ℝⁿ are the columns of X ∈ ℝ^{n×T}; the outputs ξ₁, ..., ξ_T ∈ ℝᵐ the "
              "columns of Ξ ∈ ℝ^{m×T}.",
    reason="notation: it fixes the column convention that attention.mixing_matrix_form and "
           "attention.qk_rank_bound use, and asserts nothing",
)

TOPIC.not_checkable(
    "attention.attention_weights",
    title="Attention weights",
    statement="ξ_s = Σ_t α_st W x_t with α_st ≥ 0 and Σ_t α_st = 1.",
    reason="a definition of attention as a convex mixing; that softmax weights satisfy it is checked by "
           "attention.softmax_attention_weights and attention.convex_combination, and its matrix form by "
           "attention.mixing_matrix_form",
)

TOPIC.not_checkable(
    "attention.bert_masking_rates",
    title="BERT's masking rates",
    statement="Masked language modelling selects 15% of the tokens; of these 80% become [MASK], 10% a random "
              "token and 10% stay unchanged.",
    reason="a training recipe (hyperparameters chosen by Devlin et al. 2019, §3.1), not a consequence of "
           "anything; its only arithmetic, 80% + 10% + 10% = 100%, needs no check",
    references=("Devlin et al. (2019), BERT, §3.1",),
)

_TABLE = ("an entry of Vaswani et al. (2017), Table 1: an order of growth with no constant and no threshold, "
          "in a cost model (operations counted per layer, parallel depth) that the line does not define; no "
          "finite computation can refute it")

for cid, title, statement in (
    ("attention.self_attention_complexity", "Self-attention costs O(n²d) per layer",
     "A self-attention layer over n positions of width d costs O(n²d) operations."),
    ("attention.self_attention_sequential_ops", "Self-attention needs O(1) sequential operations",
     "All positions of a self-attention layer are computed in parallel: O(1) sequential operations."),
    ("attention.self_attention_path_length", "Self-attention has maximum path length O(1)",
     "Any two positions are connected by a path of length O(1) through a self-attention layer."),
    ("attention.rnn_complexity", "A recurrent layer costs O(nd²)",
     "A recurrent layer over n positions of width d costs O(nd²) operations."),
    ("attention.rnn_sequential_ops", "A recurrent layer needs O(n) sequential operations",
     "A recurrent layer processes its n positions one after the other: O(n) sequential operations."),
    ("attention.rnn_path_length", "A recurrent layer has maximum path length O(n)",
     "Information between two positions of a recurrent layer travels along a path of length O(n)."),
):
    TOPIC.not_checkable(cid, title=title, statement=statement, reason=_TABLE, references=(VASWANI,))

TOPIC.not_checkable(
    "attention.linear_attention_constant_step",
    title="Causal linear attention costs O(1) per additional token",
    statement="Causal linear attention has a recurrent form with a fixed-size state, so each additional token "
              "costs O(1) time and memory in the sequence length.",
    reason="an order of growth with no constant about an architecture the document does not define (no kernel "
           "feature map is given, Katharopoulos et al. 2020); no finite computation can refute it",
    references=("Katharopoulos et al. (2020), Transformers are RNNs, §3.4",),
)
