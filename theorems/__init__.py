"""Executable theorems for deep-learning theory.

Each claim of the course documents is a named object (``theorems/<topic>.py``) whose check runs
against implementations (``impls/``); ``theorems run`` writes the HTML report.
"""

from .api import check_impl, check_mutant, run_claims, try_formula

__all__ = ["check_impl", "check_mutant", "run_claims", "try_formula"]
__version__ = "0.1.0"
