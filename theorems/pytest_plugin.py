"""pytest integration (CONTRACTS.md §4); filled in by the foundation work."""
