"""Hypothesis strategies for each topic's objects, kept apart from the engine and the claims."""
