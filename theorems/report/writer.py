"""Writes ``results.json`` and ``index.html``, each atomically (a temporary file renamed into place),
so that an interrupted run leaves the previous report whole."""

from __future__ import annotations

import json
import os
import platform
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..course import catalog
from ..engine.model import Result, Verdict, jsonable
from ..engine.registry import all_claims, import_errors, topics
from ..engine.runner import RunConfig
from . import mathml, svg
from .documents_view import document_views
from .graph import topic_graphs

VERDICT_ORDER = [v.value for v in Verdict]
INDEX = "index.html"
SEARCH_INDEX = "search-index.js"
"""The full-text search's index, beside the index page, which loads it once shown."""
PAGE_FOLDERS = ("topics", "documents")


ALWAYS_RECORDED = ("numpy", "scipy", "sympy", "hypothesis", "matplotlib")


def versions(topic_names: Sequence[str] = ()) -> dict[str, str]:
    """Python's version and those of the libraries the engine and the run's topics declare."""
    known = topics()
    declared = [lib for name in topic_names if name in known for lib in known[name].libraries]
    found = {"python": platform.python_version()}
    for package in dict.fromkeys([*ALWAYS_RECORDED, *declared]):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found


def results_document(results: Sequence[Result], config: RunConfig) -> dict[str, Any]:
    return {
        "schema": 1,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": config.profile.name,
        "seed": config.seed,
        "versions": versions(sorted({r.topic for r in results})),
        "impls": {topic: impl.spec for topic, impl in config.impls.items()},
        "documents": str(config.docs) if config.docs else None,
        "quotes_verified": config.docs is not None,
        "import_errors": import_errors(),
        "results": [_row(r) for r in results],
    }


def _row(r: Result) -> dict[str, Any]:
    """One row of ``results.json``: the contract fields, plus the claim's title and canonical statement."""
    row = jsonable(r.to_json())
    row.setdefault("title", r.title)
    row.setdefault("canonical_statement", r.canonical_statement)
    return row


def write_report(results: Sequence[Result], config: RunConfig, out: Path) -> Path:
    """Write ``out/results.json`` (strict JSON), ``out/index.html`` and the pages beside it (``topics/*.html``,
    ``documents/*.html``); return the path of ``index.html``, written last so that its links resolve."""
    out.mkdir(parents=True, exist_ok=True)
    document = results_document(results, config)
    write_atomically(out / "results.json", json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False))
    pages = render_pages(results, document, config.docs)
    for folder in PAGE_FOLDERS:  # pages of an earlier run (a topic not run now) would be stale
        for stale in (out / folder).glob("*.html"):
            if f"{folder}/{stale.name}" not in pages:
                stale.unlink()
    for relative, text in pages.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    return out / INDEX


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename: a reader sees the old file or the new one, never half."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(out: Path) -> None:
    """Raise ``PermissionError`` (or ``OSError``) now, before any check runs, if ``out`` cannot take the report."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out, prefix=".write-probe-"):
        pass


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty"] = lambda value: json.dumps(value, indent=1, ensure_ascii=False, default=str)
    env.filters["number"] = _number
    env.filters["math"] = mathml.math_text
    env.filters["quote"] = mathml.quote_html
    env.filters["display_math"] = mathml.display_math
    env.filters["anchor"] = anchor
    env.filters["counterexample"] = counterexample_view
    env.filters["evidence_summary"] = evidence_summary
    env.filters["shared_leader"] = shared_leader
    env.filters["on_index"] = on_index
    env.tests["on_index"] = on_index
    env.filters["compact_svg"] = svg.compact
    return env


def _number(value: Any) -> str:
    """A number, vector or nested structure as a reader writes it (``0.909091``, ``(1, 0.5)``), never a repr."""
    import numpy as np

    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or value is None:
        return str(value).lower() if isinstance(value, bool) else "—"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {_number(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        if len(value) > 24:
            return "(" + ", ".join(_number(v) for v in value[:24]) + f", … {len(value) - 24} more)"
        return "(" + ", ".join(_number(v) for v in value) + ")"
    return str(value)


def anchor(r: Result) -> str:
    """The stable id of a result's variant: ``cid~canonical`` or ``cid~003_62801081b7e370fe-24``."""
    if r.document is None:
        return f"{r.cid}~{r.variant}"
    return f"{r.cid}~{r.document.removesuffix('.txt')}-{r.line}"


# What the two numbers of a counterexample's comparison are, for a printed and for the canonical variant.
_PAIRS = {
    ("value", "bound"): (("observed", "value"), ("printed bound", "bound"), ("bound", "bound")),
    ("actual", "expected"): (("true (computed)", "actual"), ("printed formula gives", "expected"),
                             ("formula gives", "expected")),
}


def on_index(r: Result) -> bool:
    """Whether the index lists the variant with its details: every variant that does not pass (a passing one is
    a badge there, linked to its details on the topic page)."""
    return not r.verdict.is_pass


def report_href(cid: str, r: Result | None) -> str:
    """The link to a variant (or, with ``r`` None, to a claim) from the report's folder."""
    if r is None:
        return f"{INDEX}#{cid}"
    return f"{INDEX}#{anchor(r)}" if on_index(r) else f"topics/{r.topic}.html#{anchor(r)}"


def shared_leader(r: Result) -> str | None:
    """The anchor of the variant whose check this result shares (:func:`theorems.engine.runner.shared`), if any."""
    by = r.evidence.get("checked by")
    if not isinstance(by, str):
        return None
    cid, _, where = by.split(" ", 1)[0].partition("::")
    document, _, line = where.rpartition(":")
    return f"{cid}~{document.removesuffix('.txt')}-{line}" if document else f"{cid}~{where}"


def evidence_summary(r: Result) -> str:
    """What the topic page shows of a variant beyond the index (``derivation (4 steps), 2 plots``), or ``""``."""
    parts = []
    if r.artifacts.derivation:
        parts.append(f"derivation ({len(r.artifacts.derivation)} steps)")
    for count, noun in ((len(r.artifacts.figures), "plot"), (len(r.artifacts.tables), "table")):
        if count:
            parts.append(f"{count} {noun}{'s' if count > 1 else ''}")
    if r.evidence:
        parts.append(f"evidence ({len(r.evidence)} items)")
    if r.source_context:
        parts.append("source context")
    return ", ".join(parts).capitalize()


def counterexample_view(r: Result) -> dict[str, Any]:
    """A counterexample as labelled rows: the input, each comparison (true value and the formula's), the failures."""
    ce = r.counterexample or {}
    printed = r.document is not None
    inputs: list[tuple[str, str]] = []
    comparisons: list[dict[str, Any]] = []
    other: list[tuple[str, str]] = []
    raw_input = ce.get("input")
    if isinstance(raw_input, dict):
        inputs += [(str(k), _number(v)) for k, v in raw_input.items()]
    elif raw_input is not None:
        inputs.append(("input", _number(raw_input)))
    if isinstance(ce.get("point"), dict):
        inputs += [(str(k), _number(v)) for k, v in ce["point"].items()]
    for label, pair in (ce.get("numbers") or {}).items():
        if isinstance(pair, dict) and tuple(sorted(pair)) in {tuple(sorted(k)) for k in _PAIRS}:
            first, second = next(k for k in _PAIRS if set(k) == set(pair))
            true_label, printed_label, canonical_label = _PAIRS[(first, second)]
            comparisons.append({
                "label": str(label),
                "rows": [(true_label[0], _number(pair[true_label[1]])),
                         (printed_label[0] if printed else canonical_label[0], _number(pair[second]))],
            })
        else:
            comparisons.append({"label": str(label), "rows": [("value", _number(pair))]})
    for key in ("left ≈", "right ≈", "left", "right"):
        if key in ce:
            side = "left side" if key.startswith("left") else "right side"
            other.append((side + (" ≈" if "≈" in key else " (exact)"), _number(ce[key])))
    for key, value in ce.items():
        if key not in {"input", "numbers", "failed", "point", "left", "right", "left ≈", "right ≈"}:
            other.append((str(key), _number(value)))
    labels = sorted((c["label"] for c in comparisons), key=len, reverse=True)
    failed = []  # (the comparison's label, to render as math, and the rest of the message)
    for f in map(str, ce.get("failed") or ()):
        label = next((x for x in labels if f.startswith(x) and x), "")
        failed.append((label, f[len(label):]))
    return {"inputs": inputs, "comparisons": comparisons, "other": other, "failed": failed}


def _errata_groups(results: Sequence[Result]) -> list[dict[str, Any]]:
    """Refuted printed variants, grouped by the printed line they come from (document and line order)."""
    groups: dict[tuple[str, int], list[Result]] = defaultdict(list)
    for r in results:
        if r.variant != "canonical" and r.verdict is Verdict.REFUTED:
            groups[(r.document or "", r.line or 0)].append(r)
    return [{"document": d, "line": n, "rows": sorted(rows, key=lambda r: r.cid)}
            for (d, n), rows in sorted(groups.items())]


def _table_dupes(results: Sequence[Result]) -> dict[tuple[str, int], str]:
    """``(variant id, table index)`` → id of the earlier variant of the same claim with the same table."""
    seen: dict[tuple[str, str], str] = {}
    dupes: dict[tuple[str, int], str] = {}
    for r in results:
        for i, table in enumerate(r.artifacts.tables):
            key = (r.cid, json.dumps(jsonable(table), sort_keys=True))
            if key in seen:
                dupes[(anchor(r), i)] = seen[key]
            else:
                seen[key] = anchor(r)
    return dupes


def _context(results: Sequence[Result], document: dict[str, Any]) -> dict[str, Any]:
    """What every page of the report is rendered from."""
    by_claim: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_claim[r.cid].append(r)
    known = topics()
    topic_rows = []
    for name in sorted({r.topic for r in results}):
        claims = [rs for rs in by_claim.values() if rs[0].topic == name]
        catalogued = {e.cid for e in catalog.topic_entries(name)}
        topic = known.get(name)
        topic_rows.append({
            "name": name,
            "title": topic.title if topic else name,
            "summary": topic.summary if topic else "",
            "reference": topic.reference if topic else None,
            "claims": sorted(claims, key=lambda rs: rs[0].cid),
            "counts": Counter(r.verdict.value for rs in claims for r in rs),
            "catalogued": len(catalogued),
            "covered": len(catalogued & set(by_claim)),
        })
    declared = set(by_claim)
    prefixes: dict[str, set[str]] = defaultdict(set)
    for entry in catalog.entries():
        prefixes[entry.cid.split(".", 1)[0]].add(entry.cid)
    coverage = sorted(((prefix, len(ids), len(ids & declared)) for prefix, ids in prefixes.items()),
                      key=lambda row: (-row[2], -row[1]))
    documents = sorted({r.document for r in results if r.document})
    doc_counts = {d: Counter(r.verdict.value for r in results if r.document == d) for d in documents}
    errata = [r for r in results if r.variant != "canonical" and r.verdict is Verdict.REFUTED]
    catalogue_ids = {e.cid for e in catalog.entries()}
    canonical_of = {r.cid: r for r in results if r.variant == "canonical"}
    claims = all_claims()
    typed_forms = {cid: claims[cid].typed for cid in by_claim if cid in claims and claims[cid].typed is not None}
    return dict(
        doc=document,
        results=results,
        topics=topic_rows,
        documents=documents,
        document_names=catalog.DOCUMENTS,
        doc_counts=doc_counts,
        totals=Counter(r.verdict.value for r in results),
        verdicts=VERDICT_ORDER,
        errata=sorted(errata, key=lambda r: (r.document or "", r.line or 0)),
        errata_groups=_errata_groups(results),
        table_dupes=_table_dupes(results),
        catalogue_total=len(catalogue_ids),
        catalogue_covered=len(catalogue_ids & declared),
        claims_outside_catalogue=len(declared - catalogue_ids),
        errors=[r for r in results if r.verdict is Verdict.ERROR],
        failing_canonical=[r for r in results if r.variant == "canonical"
                           and r.verdict in (Verdict.REFUTED, Verdict.INCONCLUSIVE)],
        canonical_of=canonical_of,
        typed_forms=typed_forms,
        total_time=sum(r.duration_s for r in results),
        coverage=coverage,
    )


def linker(page_topic: str | None, topic_of: dict[str, str]) -> Callable[..., str]:
    """``href(target, detail=False)``: the link to a claim or variant anchor from a page of the report.

    From the index (``page_topic`` None) a target is on the page itself, or with ``detail`` on its topic page;
    from a topic page a target of that topic is on the page, any other on its own topic page."""
    def href(target: str, detail: bool = False) -> str:
        cid = target.split("~", 1)[0]
        topic = topic_of.get(cid)
        if topic is None:
            return f"#{target}" if page_topic is None else f"../{INDEX}#{target}"
        if page_topic is None:
            return f"topics/{topic}.html#{target}" if detail else f"#{target}"
        return f"#{target}" if topic == page_topic else f"{topic}.html#{target}"
    return href


def search_index(results: Sequence[Result]) -> list[list[str]]:
    """The full-text search's index: ``[target, claim id, where, searchable text]`` per claim and printed variant;
    the target is an anchor of the index page, or for a passing printing the link to it on its topic page.

    A claim's row holds its title and canonical statement; a printed variant's row its quote and the statement
    checked (the readings, long prose, stay on the pages)."""
    rows = []
    for r in results:
        if r.variant == "canonical":
            rows.append([r.cid, r.cid, r.title, f"{r.cid} {r.title} {r.canonical_statement}"])
        else:
            target = anchor(r) if on_index(r) else report_href(r.cid, r)
            rows.append([target, r.cid, f"{r.document[:3] if r.document else r.variant}:{r.line}",
                         " ".join(filter(None, (r.quote, r.statement)))])
    return rows


def embedded_json(value: Any) -> Markup:
    """JSON safe inside a ``<script>`` element or as a JavaScript literal (no ``</script>`` can end it early)."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"))


def render_pages(results: Sequence[Result], document: dict[str, Any], docs: Path | None) -> dict[str, str]:
    """Every file of the report by its path in the report's folder: topic pages, document views, the index page
    and its search index."""
    env = _environment()
    context = _context(results, document)
    topic_of = {r.cid: r.topic for r in results}
    pages: dict[str, str] = {}
    for t in context["topics"]:
        pages[f"topics/{t['name']}.html"] = env.get_template("topic.html.j2").render(
            context, t=t, full=True, root="../", href=linker(t["name"], topic_of))
    for view in document_views(results, docs, report_href):
        pages[f"documents/{view.number}.html"] = env.get_template("document.html.j2").render(
            context, view=view, root="../")
    index_href = linker(None, topic_of)
    pages[INDEX] = env.get_template("report.html.j2").render(
        context, full=False, root="", href=index_href,
        graphs=topic_graphs(results, index_href))
    pages[SEARCH_INDEX] = f"window.THEOREMS_SEARCH_INDEX = {embedded_json(search_index(results))};\n"
    return pages
