"""The registry of topics: one package per catalogue prefix, listed here explicitly.

Adding a topic is one new package ``theorems/topics/<prefix>/`` (its ``TOPIC`` and section
modules) and one line below.
"""

TOPICS: tuple[str, ...] = (
    "perceptron",
    "cover",
    "approximation",
    "optim",
    "sgd",
    "hopfield",
    "willshaw",
    "gan",
    "infotheory",
    "ddpm",
    "probability",
    "activations",
    "factor",
    "vae",
    "adversarial",
    "flows",
    "losses",
    "init",
    "normalization",
    "dropout",
    "backprop",
    "regularization",
    "ntk",
    "slt",
    "linear",
    "rnn",
    "gp",
    "geometric",
    "conv",
    "attention",
    "bayes",
    "calculus",
    "linalg",
    "misc",
)
