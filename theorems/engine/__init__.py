"""The engine's public face for topic packages: the claim model, the check methods and the claim kit."""

from .boundary import Boundary, ImplementationError, UsageError, as_array, as_int
from .context import Context
from .expect import Comparison, at_least, at_most, close, equal, that
from .kit import bound, exact_count, identity, proportion, rate, same_steps, symbolic, within_tolerance
from .methods import all_of, decide, for_all, for_each, prove_chain, show, steer
from .model import CANONICAL, Claim, Formula, Method, Outcome, Printed, Result, Unreadable, Variant, Verdict
from .registry import Topic

__all__ = [
    "CANONICAL",
    "Boundary",
    "Claim",
    "Comparison",
    "Context",
    "Formula",
    "ImplementationError",
    "Method",
    "Outcome",
    "Printed",
    "Result",
    "Topic",
    "Unreadable",
    "UsageError",
    "Variant",
    "Verdict",
    "all_of",
    "as_array",
    "as_int",
    "at_least",
    "at_most",
    "bound",
    "close",
    "decide",
    "equal",
    "exact_count",
    "for_all",
    "for_each",
    "identity",
    "proportion",
    "prove_chain",
    "rate",
    "same_steps",
    "show",
    "steer",
    "symbolic",
    "that",
    "within_tolerance",
]
