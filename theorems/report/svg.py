"""Smaller inline plots: matplotlib's SVG without its metadata, comments and six-decimal coordinates.

A plot is drawn at 432 × 259 pt; a tenth of a point is below what a screen or a printer shows, so coordinates
are rounded to one decimal. Glyph outlines (integers under a ``scale``) and every other attribute are kept.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_METADATA = re.compile(r"<metadata>.*?</metadata>\s*|<!--.*?-->\s*", re.S)
_COORDINATES = re.compile(r'\b(d|x|y|x1|y1|x2|y2|points)="([^"]*)"')
_TRANSLATE = re.compile(r"translate\(([^)]*)\)")
_DECIMAL = re.compile(r"-?\d+\.\d{2,}")
_BLANKS = re.compile(r"\s*\n\s*")


def _round(numbers: str) -> str:
    rounded = _DECIMAL.sub(lambda m: f"{float(m.group(0)):.1f}".removesuffix(".0"), numbers)
    return _BLANKS.sub(" ", rounded).strip()


def compact(svg: str) -> Markup:
    """``svg`` (trusted: drawn by the checks' matplotlib) with coordinates to 0.1 pt and no metadata."""
    svg = _METADATA.sub("", svg)
    svg = _COORDINATES.sub(lambda m: f'{m.group(1)}="{_round(m.group(2))}"', svg)
    svg = _TRANSLATE.sub(lambda m: f"translate({_round(m.group(1))})", svg)
    return Markup(_BLANKS.sub("\n", svg))
