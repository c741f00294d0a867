"""Where the bytes of the HTML report go: plots, MathML, tables, code blocks, scripts, the rest.

    python benchmarks/report_size.py REPORT_FOLDER_OR_PAGE [...]

For each page (``index.html`` and the pages beside it: ``topics/*.html``, ``documents/*.html``) prints its size
and a breakdown by kind of content, the bytes of repeated MathML (a formula whose markup occurs more than once
on the page) and the largest single items. Target (report issue): ``index.html`` of a whole-registry run
around 2 MB.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# Kinds of content in the order they are cut out of the page (a plot's text is not counted again as text).
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("script", re.compile(r"<script\b.*?</script>", re.S)),
    ("style", re.compile(r"<style\b.*?</style>", re.S)),
    ("plot / graph SVG", re.compile(r"<svg\b.*?</svg>", re.S)),
    ("MathML", re.compile(r"<math\b.*?</math>", re.S)),
    ("title attributes", re.compile(r' title="[^"]*"')),
    ("tables", re.compile(r"<table\b.*?</table>", re.S)),
    ("pre blocks (JSON, source context)", re.compile(r"<pre\b.*?</pre>", re.S)),
)
MATH = re.compile(r"<math\b.*?</math>", re.S)


def breakdown(html: str) -> list[tuple[str, int]]:
    """Bytes per kind of content; what no kind matches is ``other markup and text``."""
    rest = html
    sizes: list[tuple[str, int]] = []
    for name, pattern in KINDS:
        found = sum(len(m.group(0).encode()) for m in pattern.finditer(rest))
        rest = pattern.sub("", rest)
        sizes.append((name, found))
    sizes.append(("other markup and text", len(rest.encode())))
    return sizes


def repeated_math(html: str) -> tuple[int, int]:
    """(bytes of MathML that repeats a formula already on the page, number of distinct formulas)."""
    counts = Counter(MATH.findall(html))
    return sum(len(f.encode()) * (n - 1) for f, n in counts.items()), len(counts)


def pages(arguments: list[str]) -> list[Path]:
    out: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        out += [path] if path.is_file() else [path / "index.html", *sorted(path.glob("*/*.html"))]
    return [p for p in out if p.exists()]


def main() -> None:
    found = pages(sys.argv[1:] or ["reports"])
    if not found:
        sys.exit("no report found: give the folder of a report (theorems run --out FOLDER)")
    total = 0
    for page in found:
        html = page.read_text(encoding="utf-8")
        size = len(html.encode())
        total += size
        if page.name != "index.html" and len(found) > 3:
            print(f"{page}: {size / 1e6:.3f} MB")
            continue
        print(f"{page}: {size / 1e6:.3f} MB")
        for name, part in breakdown(html):
            print(f"  {name:<38}{part / 1e6:>9.3f} MB{part / max(size, 1):>7.0%}")
        repeated, distinct = repeated_math(html)
        print(f"  {'(MathML repeating a formula)':<38}{repeated / 1e6:>9.3f} MB   {distinct} distinct formulas")
    print(f"all pages: {total / 1e6:.3f} MB in {len(found)} files")


if __name__ == "__main__":
    main()
