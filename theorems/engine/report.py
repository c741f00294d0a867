"""The report: ``results.json`` (CONTRACTS.md §3) and a self-contained ``index.html`` (no network)."""

from __future__ import annotations

import json
import platform
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

from . import catalog
from .model import Result, Verdict
from .runner import RunConfig
from .topic import import_errors, topics

VERDICT_ORDER = [v.value for v in Verdict]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("numpy", "scipy", "sympy", "hypothesis", "torch", "matplotlib", "scikit-learn", "diffusers"):
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
        "versions": versions(),
        "impls": dict(config.impls),
        "import_errors": import_errors(),
        "results": [r.to_json() for r in results],
    }


def write_report(results: Sequence[Result], config: RunConfig, out: Path) -> Path:
    """Write ``out/results.json`` and ``out/index.html``; return the HTML path."""
    out.mkdir(parents=True, exist_ok=True)
    document = results_document(results, config)
    (out / "results.json").write_text(json.dumps(document, indent=1, ensure_ascii=False, default=str),
                                      encoding="utf-8")
    html = render_html(results, document)
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty"] = lambda value: json.dumps(value, indent=1, ensure_ascii=False, default=str)
    env.filters["number"] = _number
    return env


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def render_html(results: Sequence[Result], document: dict[str, Any]) -> str:
    by_claim: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_claim[r.cid].append(r)
    known = topics()
    topic_rows = []
    for name in sorted({r.topic for r in results}):
        claims = [rs for cid, rs in by_claim.items() if rs[0].topic == name]
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
    canonical_of = {r.cid: r for r in results if r.variant == "canonical"}
    template = _environment().get_template("report.html.j2")
    return template.render(
        doc=document,
        results=results,
        topics=topic_rows,
        documents=documents,
        doc_counts=doc_counts,
        totals=Counter(r.verdict.value for r in results),
        verdicts=VERDICT_ORDER,
        errata=sorted(errata, key=lambda r: (r.document or "", r.line or 0)),
        errors=[r for r in results if r.verdict is Verdict.ERROR],
        failing_canonical=[r for r in results if r.variant == "canonical"
                           and r.verdict in (Verdict.REFUTED, Verdict.INCONCLUSIVE)],
        canonical_of=canonical_of,
        total_time=sum(r.duration_s for r in results),
        coverage=coverage,
    )
