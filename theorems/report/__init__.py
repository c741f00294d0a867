"""The report: ``results.json`` (CONTRACTS.md §3) and a self-contained ``index.html`` (no network)."""

from .writer import results_document, write_report

__all__ = ["results_document", "write_report"]
