"""The HTML report and results.json of a small run (no browser: see tests/browser for that)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from theorems.course import catalog
from theorems.engine.model import Result, Verdict
from theorems.report import graph, mathml

# Novikoff's chain (003 line 24 prints three errata of it) and one claim of another topic.
CLAIMS = ("cover.counting_function", "perceptron.norm_growth", "perceptron.cosine_bound",
          "perceptron.novikoff_mistake_bound", "perceptron.inner_product_growth")
INDEX_LIMIT = 2_000_000


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
    # visible text only: the exact quotes (code, details, pre, titles) and the search index (script) keep LaTeX
    assert "\\frac" not in re.sub(r"<(code|details|pre|script)[^>]*>.*?</\1>|title=\"[^\"]*\"", "", html, flags=re.S)


def test_errata_row_has_labelled_numbers(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    errata = html[html.index('<table class="errata">'):]
    errata = errata[:errata.index("</table>")]
    assert 'href="#perceptron.norm_growth~003_62801081b7e370fe-24"' in errata
    assert "<dt>observed</dt><dd>0.5</dd>" in errata or "observed" in errata
    assert "printed bound" in errata
    assert "array(" not in html


def test_variants_have_stable_anchors(run):
    index = (run / "index.html").read_text(encoding="utf-8")
    topic = (run / "topics" / "perceptron.html").read_text(encoding="utf-8")
    # every claim and variant on its topic page; on the index every claim, and every variant that does not pass
    for anchor in ("perceptron.norm_growth", "perceptron.norm_growth~canonical",
                   "perceptron.norm_growth~003_62801081b7e370fe-24"):
        assert f'id="{anchor}"' in topic
    assert 'id="perceptron.norm_growth"' in index
    assert 'id="perceptron.norm_growth~003_62801081b7e370fe-24"' in index
    assert 'href="topics/perceptron.html#perceptron.norm_growth~canonical"' in index


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


def _result(cid: str, verdict: Verdict, depends: tuple[str, ...] = (), document: str | None = None,
            line: int | None = None) -> Result:
    return Result(cid=cid, variant=document or "canonical", document=document, line=line, quote=None, statement="s",
                  method="property", impl=None, verdict=verdict, evidence={}, counterexample=None, reason=None,
                  seed=1, duration_s=0.0, topic=cid.split(".")[0], depends=depends)


def test_graph_has_a_node_per_claim_in_a_dependency_and_an_edge_per_dependency():
    doc = "003_62801081b7e370fe.txt"
    results = [
        _result("t.base", Verdict.PROVED), _result("t.base", Verdict.REFUTED, document=doc, line=24),
        _result("t.middle", Verdict.HOLDS, ("t.base",)), _result("t.middle", Verdict.REFUTED, document=doc, line=24),
        _result("t.top", Verdict.HOLDS, ("t.base", "t.middle", "u.elsewhere")),
        _result("t.alone", Verdict.HOLDS),  # neither has nor is a dependency: not drawn
    ]
    (topic, svg), = graph.topic_graphs(results, lambda cid: "#" + cid)
    assert topic == "t"
    nodes = re.findall(r'<a class="node" href="#([^"]+)"', svg)
    assert sorted(nodes) == ["t.base", "t.middle", "t.top"]
    assert 'class="node absent"' in svg and "u.elsewhere" in svg  # a dependency outside the run, not a link
    assert svg.count('<path class="edge') == 4
    assert svg.count('class="edge broken"') == 1  # base → middle: both refuted as printed at 003:24
    assert svg.count("has-erratum") == 2


def test_claim_graph_shows_novikoff_as_one_broken_chain(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    drawing = html[html.index('<h2 id="graph"'):html.index('<h2 id="claims"')]
    for cid in CLAIMS[1:]:
        assert f'href="#{cid}"' in drawing, cid
    broken = re.findall(r'class="edge broken"[^>]*><title>([^<]*)</title>', drawing)
    assert len(broken) == 3 and all("003:24" in title for title in broken), broken


def test_document_view_has_a_badge_per_catalogue_row(run):
    page = (run / "documents" / "003.html").read_text(encoding="utf-8")
    name = catalog.document_name("003")
    rows = [e for e in catalog.entries() if e.document == name]
    badges = re.findall(r'<(?:a|span) class="badge v-[^"]*"[^>]*title="([^"]+): ', page)
    assert sorted(badges) == sorted(e.cid for e in rows)
    line = page[page.index('id="L24"'):]
    line = line[:line.index("</div>")]
    assert 'href="../index.html#perceptron.norm_growth~003_62801081b7e370fe-24"' in line and "v-refuted" in line
    index = (run / "index.html").read_text(encoding="utf-8")
    assert 'href="documents/003.html#L24"' in index  # the errata row links to the line


def test_search_index_finds_a_quote(run):
    script = (run / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(re.fullmatch(r"window.THEOREMS_SEARCH_INDEX = (.*);\n", script, re.S)[1])
    hits = [row for row in index if r"R\sqrt{\gamma}" in row[3]]
    assert ["perceptron.norm_growth~003_62801081b7e370fe-24", "perceptron.norm_growth", "003:24"] in \
        [row[:3] for row in hits]


def test_index_is_small_and_details_are_on_topic_pages(run):
    index = (run / "index.html").read_bytes()
    assert len(index) < INDEX_LIMIT
    topic = (run / "topics" / "perceptron.html").read_text(encoding="utf-8")
    assert 'id="perceptron.norm_growth~003_62801081b7e370fe-24"' in topic and "<svg" in topic
    assert b"<svg" not in index.split(b'<h2 id="claims"')[1]  # plots moved out of the index


def test_typed_claim_shows_the_command_to_try_a_variant(run):
    html = (run / "index.html").read_text(encoding="utf-8")
    block = html[html.index('<details class="claim" id="perceptron.novikoff_mistake_bound"'):]
    block = block[:block.index("</details>")]
    assert "<code>theorems try perceptron.novikoff_mistake_bound 'LATEX'</code>" in block
    assert re.findall(r'<code title="[^"]*">([^<]*)</code>', block) == ["R", "\\gamma"]
    untyped = html[html.index('<details class="claim" id="perceptron.norm_growth"'):]
    assert "theorems try" not in untyped[:untyped.index("</details>")]
