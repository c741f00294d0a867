"""The engine: claim model, check methods, runner and report. Topic modules import from here."""

from .context import Context
from .expect import Comparison, at_least, at_most, close, equal, that
from .impl import ImplementationError, UsageError, as_array, as_int
from .methods import all_of, decide, for_all, for_each, prove_chain, show
from .model import CANONICAL, Claim, Formula, Method, Outcome, Printed, Result, Variant, Verdict
from .topic import Topic

__all__ = [
    "CANONICAL",
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
    "UsageError",
    "Variant",
    "Verdict",
    "all_of",
    "as_array",
    "as_int",
    "at_least",
    "at_most",
    "close",
    "decide",
    "equal",
    "for_all",
    "for_each",
    "prove_chain",
    "show",
    "that",
]
