"""The ``theorems`` command line (CONTRACTS.md §2): run, check, list, show."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .engine.impl import UsageError
from .engine.model import Result, Verdict
from .engine.runner import configure, run, select, terminal_progress
from .engine.topic import all_claims, import_errors, topics


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n{self.format_usage().strip()}")


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", default="quick", help="quick (CI, minutes) or full (release-grade)")
    parser.add_argument("--claim", action="append", default=[], metavar="CID", help="run this claim (repeatable)")
    parser.add_argument("--seed", type=int, default=12345, help="the same seed and profile give the same results")
    parser.add_argument("--out", default="reports", help="folder for index.html and results.json")
    parser.add_argument("--docs", help="folder of the source documents: quotes are verified and shown in context")
    parser.add_argument("--impl", action="append", default=[], metavar="TOPIC=module:attr",
                        help="check TOPIC's canonical claims against this implementation")
    parser.add_argument("--jobs", type=int, default=None, help="checks run in parallel (default: CPU count)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="theorems", description="Executable theorems for deep-learning theory.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run_p = sub.add_parser("run", help="run claims and write the report")
    run_p.add_argument("--topic", action="append", default=[], metavar="T", help="run this topic (repeatable)")
    _run_options(run_p)
    check_p = sub.add_parser("check", help="check one topic against an implementation (run --topic T --impl T=...)")
    check_p.add_argument("topic")
    _run_options(check_p)
    list_p = sub.add_parser("list", help="one line per claim variant")
    list_p.add_argument("--topic", action="append", default=[], metavar="T")
    show_p = sub.add_parser("show", help="statement, sources, method and dependencies of a claim")
    show_p.add_argument("cid")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return {"run": _run, "check": _check, "list": _list, "show": _show}[args.command](args)
    except UsageError as exc:
        print(f"theorems: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


def _check(args: argparse.Namespace) -> int:
    impls = [s if "=" in s else f"{args.topic}={s}" for s in args.impl]
    if not impls:
        raise UsageError("check needs --impl module:attr (the implementation to check)")
    args.topic, args.impl = [args.topic], impls
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .engine.report import write_report

    config = configure(args.profile, args.seed, args.impl, args.docs, args.jobs)
    variants = select(args.topic, args.claim)
    print(f"theorems: {len(variants)} claim variants, profile {config.profile.name}, seed {config.seed}, "
          f"{config.jobs} jobs", file=sys.stderr)
    for name, error in import_errors().items():
        print(f"theorems: topic module theorems/{name}.py failed to import: {error}", file=sys.stderr)
    results = run(variants, config, terminal_progress())
    out = Path(args.out)
    write_report(results, config, out)
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
    for p in claim.printed:
        print(f"\nprinted in {p.document}, line {p.line}:\n  quote: {p.quote}\n  statement: {p.statement}")
        if p.reading:
            print(f"  reading: {p.reading}")
    return 0
