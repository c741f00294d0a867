"""The HTML report and results.json of a small run (no browser: see tests/browser for that)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from theorems.report import mathml

CLAIMS = ("cover.counting_function", "perceptron.norm_growth")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    command = [sys.executable, "-m", "theorems", "run", "--profile", "quick", "--jobs", "1", "--out", str(out)]
    for cid in CLAIMS:
        command += ["--claim", cid]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)  # exit 1: errata were found
    assert (out / "index.html").exists(), done.stdout[-2000:] + done.stderr[-2000:]
    return out


def _visible_math(html: str) -> list[str]:
    return re.findall(r"<math\b.*?</math>", html, re.S)


def test_known_formula_is_mathml(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    # 003:24 prints ‖w_t‖ ≤ R√γ: a square root in MathML, and no raw LaTeX inside any <math>
    assert "<msqrt>" in html
    formulas = _visible_math(html)
    assert formulas
    for f in formulas:
        text = re.sub(r"<[^>]+>", "", f)
        assert "\\frac" not in text and "\\" not in text, f[:300]
    assert "\\frac" not in re.sub(r"<(code|details|pre)[^>]*>.*?</\1>|title=\"[^\"]*\"", "", html, flags=re.S)


def test_errata_row_has_labelled_numbers(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    errata = html[html.index('<table class="errata">'):]
    errata = errata[:errata.index("</table>")]
    assert 'href="#perceptron.norm_growth~003_62801081b7e370fe-24"' in errata
    assert "<dt>observed</dt><dd>0.5</dd>" in errata or "observed" in errata
    assert "printed bound" in errata
    assert "array(" not in html


def test_variants_have_stable_anchors(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    assert 'id="perceptron.norm_growth~canonical"' in html
    assert 'id="perceptron.norm_growth~003_62801081b7e370fe-24"' in html
    assert 'id="perceptron.norm_growth"' in html


def test_results_json_has_title_and_canonical_statement(run):
    document = json.loads((run / "results.json").read_text(encoding="utf-8"))
    for row in document["results"]:
        assert row["title"] and row["canonical_statement"], row["cid"]


def test_page_is_small(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))["results"]
    assert len(html.encode()) < 60_000 * len(results), (len(html), len(results))


def test_conversion_never_loses_text():
    assert "<math" in mathml.math_text(r"Then $\|w_t\| \leq R\sqrt{\gamma}$")
    bad = r"\frac{a}{"  # does not convert: stays as escaped text
    assert "<math" not in mathml.math_text(bad) and bad in str(mathml.math_text(bad))
    unknown = r"\notacommand{x} + 1"
    assert unknown in str(mathml.math_text(unknown).unescape()) or "notacommand" in str(mathml.math_text(unknown))
    assert str(mathml.math_text("a < b & c")) == "a &lt; b &amp; c"
    bar = mathml.to_mathml(r"\bar{\alpha}_{t-1}")
    assert bar and "\\" not in re.sub(r"<[^>]+>", "", bar)
    quote = mathml.quote_html(r"\Rightarrow t \leq \frac{R^2}{\gamma}")
    assert "<math" in quote and r"\frac{R^2}{\gamma}" in str(quote)  # the exact quote stays available
