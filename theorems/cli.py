"""The ``theorems`` command line (CONTRACTS.md §2): run, check, list, show, topics."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .course import catalog
from .engine import cache
from .engine.boundary import UsageError
from .engine.executors import EXECUTORS, choose
from .engine.model import Result, Verdict
from .engine.registry import all_claims, import_errors, topics
from .engine.runner import configure, run, select, terminal_progress


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n{self.format_usage().strip()}")


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", default="quick", help="quick (CI, minutes) or full (release-grade)")
    parser.add_argument("--claim", action="append", default=[], metavar="CID", help="run this claim (repeatable)")
    parser.add_argument("--seed", type=int, default=12345, help="the same seed and profile give the same results")
    parser.add_argument("--out", default="reports", help="folder for index.html and results.json")
    parser.add_argument("--docs", help="folder of the source documents (default: $THEOREMS_DOCS, else "
                        "../shared/seeds if present): quotes are verified and shown in context")
    parser.add_argument("--jobs", type=int, default=None, help="checks run in parallel (default: CPU count)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="time limit of one check (default: the profile's); past it the check is an error")
    parser.add_argument("--executor", default="local", choices=EXECUTORS,
                        help="where the checks run: local processes (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler's address (with --executor dask), e.g. tcp://10.0.0.5:8786")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="theorems", description="Executable theorems for deep-learning theory.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run_p = sub.add_parser("run", help="run claims and write the report")
    run_p.add_argument("--topic", action="append", default=[], metavar="T", help="run this topic (repeatable)")
    run_p.add_argument("--impl", action="append", default=[], metavar="TOPIC=module:attr",
                       help="check TOPIC's canonical claims against this implementation (repeatable)")
    _run_options(run_p)
    check_p = sub.add_parser("check", help="check one topic's canonical claims against an implementation")
    check_p.add_argument("topic")
    check_p.add_argument("--impl", required=True, metavar="module:attr",
                         help="the implementation to check (a class or factory; the working directory is importable)")
    _run_options(check_p)
    sub.add_parser("topics", help="the topics (catalogue prefixes) with their counts of claims and variants")
    list_p = sub.add_parser("list", help="one line per claim variant")
    list_p.add_argument("--topic", action="append", default=[], metavar="T")
    show_p = sub.add_parser("show", help="statement, sources, method and dependencies of a claim")
    show_p.add_argument("cid")
    try_p = sub.add_parser("try", help="check your own formula: a variant of a claim typed in LaTeX")
    try_p.add_argument("cid")
    try_p.add_argument("latex", help="the right-hand side, or the whole relation, e.g. 't \\le R^2/\\gamma'")
    try_p.add_argument("--profile", default="quick", help="quick (CI, minutes) or full (release-grade)")
    try_p.add_argument("--seed", type=int, default=12345, help="the same seed and profile give the same result")
    try_p.add_argument("--out", help="also write the report (this variant beside the canonical one) to this folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        commands = {"run": _run, "check": _check, "list": _list, "show": _show, "topics": _topics, "try": _try}
        return commands[args.command](args)
    except UsageError as exc:
        print(f"theorems: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("theorems: interrupted; the previous report, if any, is left as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


def _check(args: argparse.Namespace) -> int:
    """``check T --impl module:attr`` is ``run --topic T --impl T=module:attr``: T's canonical claims."""
    topic, _, spec = args.impl.rpartition("=")
    if topic and topic != args.topic:
        raise UsageError(f"check {args.topic} --impl {args.impl}: the implementation names topic {topic!r}; "
                         f"write --impl {spec}")
    args.topic, args.impl = [args.topic], [f"{args.topic}={spec}"]
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .report import write_report
    from .report.writer import check_writable

    config = configure(args.profile, args.seed, args.impl, args.docs, args.jobs, args.timeout)
    executor = choose(args.executor, args.scheduler)
    variants = select(args.topic, args.claim)
    out = Path(args.out)
    try:
        check_writable(out)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write the report there ({exc.strerror or exc})") from exc
    print(f"theorems: {len(variants)} claim variants, profile {config.profile.name}, seed {config.seed}, "
          f"{executor.describe(config)}", file=sys.stderr)
    if config.docs is None:
        print("theorems: no course documents found (--docs, $THEOREMS_DOCS or ../shared/seeds): "
              "quotes are shown as the catalogue gives them, unverified", file=sys.stderr)
    for name, error in import_errors().items():
        print(f"theorems: topic package theorems/topics/{name} failed to load: {error}", file=sys.stderr)
    results = run(variants, config, terminal_progress(), executor)
    write_report(results, config, out)
    cache.store(config, results)
    print(_summary(results), file=sys.stderr)
    print(f"report: {out / 'index.html'}  results: {out / 'results.json'}", file=sys.stderr)
    return exit_status(results) or int(bool(import_errors()))


def exit_status(results: Sequence[Result]) -> int:
    """0 when every canonical claim passes and nothing errs (``not_checkable`` states nothing), 1 otherwise."""
    canonical_ok = all(
        r.verdict.is_pass or r.verdict is Verdict.NOT_CHECKABLE for r in results if r.variant == "canonical"
    )
    return 0 if canonical_ok and not any(r.verdict is Verdict.ERROR for r in results) else 1


def _summary(results: Sequence[Result]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    lines = ["verdicts: " + ", ".join(f"{v} {n}" for v, n in sorted(counts.items()))]
    for r in results:
        if r.verdict is Verdict.ERROR or (r.variant == "canonical" and not r.verdict.is_pass
                                          and r.verdict is not Verdict.NOT_CHECKABLE):
            lines.append(f"  {r.verdict.value.upper()}: {r.cid} [{r.variant}] {r.reason or ''}"[:300])
    return "\n".join(lines)


def _topics(args: argparse.Namespace) -> int:
    print(f"{'topic':<16}{'claims':>7}{'variants':>9}{'catalogue ids':>15}  title")
    for name, topic in topics().items():
        variants = sum(len(c.variants()) for c in topic.claims.values())
        catalogued = len({e.cid for e in catalog.topic_entries(name)})
        print(f"{name:<16}{len(topic.claims):>7}{variants:>9}{catalogued:>15}  {topic.title}")
    for name, error in import_errors().items():
        print(f"{name:<16} failed to load: {error}")
    return int(bool(import_errors()))


def _list(args: argparse.Namespace) -> int:
    for variant in select(args.topic, ()):
        where = "canonical" if variant.is_canonical else f"{variant.document}:{variant.line}"
        print(f"{variant.claim.cid}\t{where}\t{variant.claim.method.value}")
    return 0


def _show(args: argparse.Namespace) -> int:
    claims = all_claims()
    select((), (args.cid,))
    claim = claims[args.cid]
    topic = topics()[claim.topic]
    print(f"{claim.cid} — {claim.title}\n")
    print(textwrap.fill(claim.statement, 100) + "\n")
    print(f"method: {claim.method.value}" + (f" (not checkable: {claim.reason})" if claim.reason else ""))
    if claim.uses_impl:
        print(f"implementation: {topic.reference} (protocol {topic.protocol.__name__ if topic.protocol else '-'})")
    if claim.depends:
        print("depends on: " + ", ".join(claim.depends))
    if claim.references:
        print("references: " + "; ".join(claim.references))
    if claim.typed is not None:
        print(f"\ntyped form (theorems try {claim.cid} 'LATEX'): {claim.typed.statement}")
        for q in (claim.typed.subject, *claim.typed.quantities):
            print(f"  {q.describe()}" + (f"  (also typed {', '.join(q.spellings)})" if q.spellings else ""))
    for p in claim.printings:
        print(f"\nprinted in {p.document}, line {p.line}:\n  quote: {p.quote}\n  statement: {p.statement}")
        if p.faithful:
            print("  prints the canonical form")
        if p.reading:
            print(f"  reading: {p.reading}")
        if p.reason:
            print(f"  not checkable: {p.reason}")
    return 0


def _try(args: argparse.Namespace) -> int:
    """``try CID LATEX``: the verdict on a typed variant, beside the canonical formula; 0 when it passes."""
    from .api import try_formula
    from .report import write_report

    configure(args.profile, args.seed)
    results = try_formula(args.cid, args.latex, profile=args.profile, seed=args.seed, with_canonical=bool(args.out))
    result = results[-1] if isinstance(results, list) else results
    print(f"{result.cid} — {result.title}")
    print(f"  typed:     {args.latex}\n  parsed:    {result.evidence['parsed as']}")
    print(f"  canonical: {result.evidence['canonical']}")
    print(f"verdict: {result.verdict.value}" + (f" ({result.reason})" if result.reason else ""))
    if result.counterexample:
        print(f"counterexample: {result.counterexample}")
    for key, value in result.evidence.items():
        if key.startswith(("worst ratio", "equivalence", "p-value")):
            print(f"{key}: {value}")
    print(f"replay: {result.replay}")
    if args.out:
        write_report(results, configure(args.profile, args.seed), Path(args.out))
        print(f"report: {Path(args.out) / 'index.html'}")
    return 0 if result.verdict.is_pass else 1
