"""Writes ``results.json`` and ``index.html``, each atomically (a temporary file renamed into place),
so that an interrupted run leaves the previous report whole."""

from __future__ import annotations

import json
import os
import platform
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

from ..course import catalog
from ..engine.model import Result, Verdict, jsonable
from ..engine.registry import import_errors, topics
from ..engine.runner import RunConfig

VERDICT_ORDER = [v.value for v in Verdict]


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
        "results": [jsonable(r.to_json()) for r in results],
    }


def write_report(results: Sequence[Result], config: RunConfig, out: Path) -> Path:
    """Write ``out/results.json`` (strict JSON) and ``out/index.html``; return the HTML path."""
    out.mkdir(parents=True, exist_ok=True)
    document = results_document(results, config)
    write_atomically(out / "results.json", json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False))
    path = out / "index.html"
    write_atomically(path, render_html(results, document))
    return path


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
