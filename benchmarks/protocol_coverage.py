"""Find, for every method of every protocol, a canonical claim that refutes a nudged value of it.

    python benchmarks/protocol_coverage.py [--topic T]...   (writes tests/protocol_coverage.json)

For each protocol method, the topic's reference is wrapped so that this one method returns slightly
wrong values, or else answers for slightly wrong arguments (``tests/perturbations.py``); the canonical
claims of the topics that use the protocol are run against it (first those whose check names the
method) until one catches it at each of a few seeds (a catch by the luck of one seed's examples is not
kept: the test re-checks at the default seed only). The map method →
claim is written for ``tests/test_protocol_coverage.py``, which fails when a protocol method has no
claim and re-checks every entry. Methods that no claim catches are listed (and left out of the map).
"""

from __future__ import annotations

import argparse
import inspect
import json
from pathlib import Path

from tests.perturbations import caught, protocol_methods
from theorems.api import check_mutant
from theorems.engine.model import Method
from theorems.engine.registry import topics

OUT = Path(__file__).resolve().parents[1] / "tests" / "protocol_coverage.json"
SEEDS = (12345, 1, 2)
"""The seeds at which a claim must catch a perturbed method to be named for it (the first is the test's)."""


def protocol_key(topic: str, method: str) -> str:
    protocol = topics()[topic].boundary.protocol
    return f"{protocol.__module__}:{protocol.__qualname__}.{method}"


def candidates(topic_names: list[str], method: str) -> list[tuple[str, str]]:
    """(topic, cid) of the canonical claims that use an implementation, those naming ``.method(`` first."""
    found = []
    for name in topic_names:
        for cid, claim in topics()[name].claims.items():
            if claim.method is Method.NONE or not claim.uses_impl:
                continue
            source = inspect.getsource(inspect.getmodule(claim.check))
            names_it = f".{method}(" in inspect.getsource(claim.check) or f".{method}(" in source
            found.append((not names_it, name, cid))
    return [(name, cid) for _, name, cid in sorted(found, key=lambda t: t[0])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", action="append", default=[])
    args = parser.parse_args()
    methods = protocol_methods()
    groups: dict[str, list[str]] = {}
    for name in methods:
        groups.setdefault(protocol_key(name, ""), []).append(name)
    coverage = json.loads(OUT.read_text()) if OUT.exists() else {}
    missing = []
    for names in groups.values():
        if args.topic and not set(names) & set(args.topic):
            continue
        for method in methods[names[0]]:
            key = protocol_key(names[0], method)
            coverage.pop(key, None)
            for way in ("NUDGED", "SHIFTED", "COARSE_NUDGED"):
                for name, cid in candidates(names, method):
                    impl = f"tests.perturbations:{way}.{name}__{method}"
                    if all(caught(r.verdict.value, r.reason, method, inputs=way == "SHIFTED")
                           for r in (check_mutant(cid, impl=impl, seed=seed) for seed in SEEDS)):
                        coverage[key] = {"claim": cid, "impl": impl}
                        break
                if key in coverage:
                    break
            print(f"{key}: {coverage.get(key, {}).get('claim', 'NOT COVERED')}", flush=True)
            if key not in coverage:
                missing.append(key)
    OUT.write_text(json.dumps(dict(sorted(coverage.items())), indent=1) + "\n")
    print(f"{len(coverage)} protocol methods covered; not covered: {missing or 'none'}")


if __name__ == "__main__":
    main()
