"""How much of the topic code is declaration: lines of ``@TOPIC.claim(...)`` decorators and
``TOPIC.not_checkable(...)`` calls per claim, and the longest module.

    python benchmarks/declaration_size.py [GIT_REVISION]

Without a revision it reads the working tree (``theorems/topics/*/*.py``); with one, the topic
modules of that revision (``theorems/*.py`` before the redesign, ``theorems/topics`` after).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources(revision: str | None) -> dict[str, str]:
    if revision is None:
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in ROOT.glob("theorems/topics/*/*.py")}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, "theorems"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{revision}:{n}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout for n in names if n.endswith(".py")}


def is_declaration(call: ast.AST) -> bool:
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
        and call.func.attr in ("claim", "not_checkable") and getattr(call.func.value, "id", "") == "TOPIC"


def main() -> None:
    revision = sys.argv[1] if len(sys.argv) > 1 else None
    claims = declaration_lines = 0
    longest = ("", 0)
    for name, text in sources(revision).items():
        tree = ast.parse(text)
        found = [node for node in ast.walk(tree) if is_declaration(node)]
        if not found:
            continue
        claims += len(found)
        declaration_lines += sum(node.end_lineno - node.lineno + 1 for node in found)
        longest = max(longest, (name, text.count("\n")), key=lambda pair: pair[1])
    print(f"{revision or 'working tree'}: {claims} claims, {declaration_lines} declaration lines, "
          f"{declaration_lines / max(claims, 1):.1f} per claim; longest topic module {longest[0]} ({longest[1]} lines)")


if __name__ == "__main__":
    main()
