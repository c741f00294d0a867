"""Meta-tests: the check methods, the statistics, the runner's isolation and the CLI contract."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import strategies as st

from theorems.cli import main
from theorems.engine import (
    Context,
    ImplementationError,
    Outcome,
    Topic,
    Verdict,
    all_of,
    as_array,
    at_most,
    for_all,
    for_each,
    prove_chain,
    steer,
)
from theorems.engine.model import Variant
from theorems.engine.profiles import PROFILES
from theorems.engine.registry import all_variants, topics
from theorems.engine.runner import RunConfig, configure, run

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def context(**overrides: object) -> Context:
    variant = next(v for v in all_variants() if v.is_canonical)
    return Context(variant=variant, profile=PROFILES["quick"], seed=1, subseed=1, alpha=1e-6, **overrides)


# --- methods -----------------------------------------------------------------------------------


def test_for_all_shrinks_to_the_minimal_counterexample() -> None:
    outcome = for_all(context(), st.integers(0, 10**6), lambda n: at_most(n, 100, label="n ≤ 100"))
    assert outcome.verdict is Verdict.REFUTED
    assert outcome.counterexample["input"] == 101
    assert outcome.counterexample["numbers"]["n ≤ 100"] == {"value": 101.0, "bound": 100.0}


def test_for_all_reports_the_tightest_instance() -> None:
    outcome = for_all(context(), st.integers(0, 100), lambda n: at_most(n, 100, label="n ≤ 100"))
    assert outcome.verdict is Verdict.HOLDS
    assert outcome.evidence["worst ratio (n ≤ 100)"] == 1.0


def test_steer_pushes_a_search_from_inside_for_all_only() -> None:
    def prop(xs: list[float]) -> object:
        steer(float(len(xs) > 3), label="plateau")  # most cases tie: the tie-break must not trip Hypothesis
        return at_most(len(xs), 30, label="len ≤ 30")

    outcome = for_all(context(), st.lists(st.floats(0, 1), max_size=30), prop, max_examples=300)
    assert outcome.verdict is Verdict.HOLDS
    assert outcome.evidence["worst ratio (len ≤ 30)"] == 1.0  # exact: the tie-break stays out of the ratios
    with pytest.raises(RuntimeError, match="for_all"):
        steer(1.0, label="outside a search")


def test_for_all_turns_an_implementation_failure_into_error() -> None:
    def prop(n: int) -> object:
        if n > 5:
            raise ImplementationError("returned NaN")
        return at_most(n, 10, label="n")

    outcome = for_all(context(), st.integers(0, 100), prop)
    assert outcome.verdict is Verdict.ERROR
    assert "returned NaN" in outcome.reason


def test_for_each_distinguishes_complete_and_partial_domains() -> None:
    ok = lambda n: at_most(n, 10, label="n")  # noqa: E731
    assert for_each(context(), range(11), ok, domain_name="0..10", complete=True).verdict is Verdict.PROVED
    assert for_each(context(), range(11), ok, domain_name="0..10", complete=False).verdict is Verdict.HOLDS
    refuted = for_each(context(), range(20), ok, domain_name="0..19", complete=True)
    assert refuted.verdict is Verdict.REFUTED and refuted.counterexample["input"] == 11


def test_prove_chain_proves_and_refutes_with_a_witness() -> None:
    a, b = sympy.symbols("a b", positive=True)
    ctx = context()
    assert prove_chain(ctx, [("square", (a + b) ** 2), ("expanded", a**2 + 2 * a * b + b**2)]).verdict is Verdict.PROVED
    assert len(ctx.artifacts().derivation) == 3
    wrong = prove_chain(context(), [("square", (a + b) ** 2), ("freshman's dream", a**2 + b**2)])
    assert wrong.verdict is Verdict.REFUTED
    point = {sympy.Symbol(k, positive=True): sympy.Rational(v) for k, v in wrong.counterexample["point"].items()}
    assert ((a + b) ** 2 - a**2 - b**2).subs(point) != 0


def test_as_array_rejects_nan_and_wrong_shapes() -> None:
    with pytest.raises(ImplementationError, match="not finite"):
        as_array([1.0, float("nan")], what="x")
    with pytest.raises(ImplementationError, match=r"shape \(2,\), expected \(3,\)"):
        as_array([1.0, 2.0], what="x", shape=(3,))


# --- statistics --------------------------------------------------------------------------------


# --- runner isolation --------------------------------------------------------------------------


class Broken:
    """An implementation that fails in every way the runner must survive."""

    def __init__(self, how: str) -> None:
        self.how = how

    def value(self) -> object:
        if self.how == "raise":
            raise ZeroDivisionError("boom")
        if self.how == "hang":
            time.sleep(60)
        if self.how == "die":
            os._exit(3)
        return [float("nan"), 1.0] if self.how == "nan" else [1.0, 2.0]


@pytest.fixture
def toy_topic() -> Iterator[Topic]:
    topic = Topic("toy", "Toy")

    @topic.claim("toy.value", method="property", canonical="ok")
    def value(ctx: Context, how: str) -> Outcome:
        """A toy claim whose implementation fails as its form says."""
        got = as_array(Broken(how).value(), what="value()", shape=(2,))
        return Outcome(Verdict.HOLDS, {"value": got.tolist()})

    topics()["toy"] = topic
    yield topic
    del topics()["toy"]


@pytest.mark.parametrize(
    ("how", "reason"),
    [("raise", "ZeroDivisionError: boom"), ("hang", "timed out"), ("die", "died (exit code 3)"),
     ("nan", "not finite"), ("shape", None)],
)
def test_every_failure_of_a_check_is_an_error_verdict(toy_topic: Topic, how: str, reason: str | None) -> None:
    from dataclasses import replace

    variant: Variant = replace(toy_topic.claims["toy.value"].variants()[0], form=how)
    healthy = replace(variant, form="fine")
    config = RunConfig(profile=PROFILES["quick"], timeout_s=8.0, jobs=2)
    broken, ok = run([variant, healthy], config)
    if reason is None:
        assert broken.verdict is Verdict.HOLDS
    else:
        assert broken.verdict is Verdict.ERROR and reason in broken.reason
    assert ok.verdict is Verdict.HOLDS, "the other checks must still run"


# --- command line and report -------------------------------------------------------------------


def test_unknown_claim_is_a_usage_error_naming_close_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--claim", "perceptron.novikoff_mistake_bond"]) == 2
    assert "perceptron.novikoff_mistake_bound" in capsys.readouterr().err


@pytest.mark.parametrize("spec", ["perceptron=nomodule:X", "perceptron=impls.perceptron:Nope", "perceptron",
                                  "nosuchtopic=impls.perceptron:Perceptron"])
def test_bad_impl_is_a_usage_error(spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--impl", spec]) == 2
    assert "error" in capsys.readouterr().err


class CrashingPerceptron:
    def step(self, w, b, x, y):
        raise RuntimeError("not implemented yet")

    def fit(self, X, y, **kwargs):
        raise RuntimeError("not implemented yet")


def test_crashing_impl_gives_error_verdicts_and_still_a_report(tmp_path: Path) -> None:
    status = main(["check", "perceptron", "--impl", "tests.test_engine:CrashingPerceptron",
                   "--claim", "perceptron.update_rule", "--claim", "perceptron.geometric_margin",
                   "--out", str(tmp_path), "--jobs", "2"])
    assert status == 1
    results = json.loads((tmp_path / "results.json").read_text())["results"]
    by_key = {(r["cid"], r["variant"]): r for r in results}
    crashed = by_key[("perceptron.update_rule", "canonical")]
    assert crashed["verdict"] == "error" and "not implemented yet" in crashed["reason"]
    assert by_key[("perceptron.geometric_margin", "canonical")]["verdict"] == "holds"
    html = (tmp_path / "index.html").read_text()
    assert "not implemented yet" in html


def test_report_is_self_contained_and_follows_the_schema(tmp_path: Path) -> None:
    config = configure("quick", 3, (), str(SEEDS) if SEEDS.is_dir() else None, 2)
    from theorems.engine.runner import select
    from theorems.report import write_report

    results = run(select((), ("perceptron.novikoff_mistake_bound", "perceptron.hyperplane_signed_distance")), config)
    html = write_report(results, config, tmp_path).read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the report must open offline"
    assert "Errata" in html and "<svg" in html and "<math" in html
    document = json.loads((tmp_path / "results.json").read_text())
    assert document["schema"] == 1 and document["seed"] == 3 and document["profile"] == "quick"
    contract = {"cid", "variant", "document", "line", "quote", "statement", "method", "impl", "verdict",
                "evidence", "counterexample", "reason", "seed", "duration_s"}
    assert all(contract <= set(row) for row in document["results"])


def test_all_of_stops_at_the_first_failing_part_and_keeps_the_weakest_pass() -> None:
    proved = lambda: Outcome(Verdict.PROVED, {"steps": 2})  # noqa: E731
    holds = lambda: Outcome(Verdict.HOLDS, {"cases": 10})  # noqa: E731
    refuted = lambda: Outcome(Verdict.REFUTED, {"cases": 3}, reason="3 > 2")  # noqa: E731
    both = all_of({"algebra": proved, "numbers": holds})
    assert both.verdict is Verdict.HOLDS and both.evidence == {"algebra: steps": 2, "numbers: cases": 10}
    failed = all_of({"algebra": proved, "numbers": refuted, "never run": lambda: pytest.fail("ran")})
    assert failed.verdict is Verdict.REFUTED and failed.reason == "numbers: 3 > 2"


def test_report_escapes_text_from_claims_and_implementations(tmp_path: Path) -> None:
    from theorems.engine.model import Artifacts, Result
    from theorems.report import write_report

    hostile = Result(
        cid="toy.escape", variant="canonical", document=None, line=None, quote=None,
        statement="C(s,n) = 2 Σ_{k<n} binom(s-1,k) <script>alert(1)</script>", method="property",
        impl=None, verdict=Verdict.ERROR, evidence={"raised": "<b>bold</b>"}, counterexample=None,
        reason="impl returned <img src=x>", seed=1, duration_s=0.0, topic="toy", artifacts=Artifacts(),
    )
    html = write_report([hostile], configure("quick", 1, (), None, 1), tmp_path).read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x>" not in html and "Σ<sub>k&lt;n</sub>" in html  # the subscript rendered, its text escaped


def test_same_seed_and_profile_give_the_same_results() -> None:
    """CONTRACTS.md §5: verdicts and numbers replay from the seed."""
    from theorems.engine.runner import select

    def replay() -> list[dict]:
        results = run(select((), ("perceptron.norm_growth",)), configure("quick", 99, (), None, 2))
        return [{k: v for k, v in r.to_json().items() if k not in ("duration_s", "cpu_s")} for r in results]

    assert replay() == replay()


def test_checks_start_longest_first_whatever_their_order_in_the_registry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    from theorems.engine import costs
    from theorems.engine.runner import select

    variants = select((), ("perceptron.norm_growth", "cover.recurrence"))
    slow, slower = variants[-1], variants[1]
    table = tmp_path / "costs.json"
    table.write_text(json.dumps({"quick": {slow.key: 2.0, slower.key: 30.0}, "full": {variants[0].key: 99.0}}))
    monkeypatch.setattr(costs, "COSTS", table)
    costs._table.cache_clear()
    try:
        order = costs.longest_first(variants, PROFILES["quick"])
    finally:
        costs._table.cache_clear()
    unmeasured = [i for i in range(len(variants)) if variants[i] not in (slow, slower)]
    assert order == [variants.index(slower), variants.index(slow), *unmeasured]


# --- the claim kit -------------------------------------------------------------------------------


def test_within_tolerance_scales_with_magnitude_and_ignores_infinities() -> None:
    from theorems.engine import within_tolerance

    assert within_tolerance(1.0) < 1e-13 < within_tolerance(1e3)
    assert within_tolerance(np.array([np.inf, 1.0])) == within_tolerance(1.0)


def test_kit_identity_and_bound_fail_on_a_wrong_statement() -> None:
    from theorems.engine import bound, identity

    x = st.floats(-10, 10)
    assert identity(context(), x, lambda v: (v + 1) ** 2, lambda v: v * v + 2 * v + 1, label="square").verdict \
        is Verdict.HOLDS
    wrong = identity(context(), x, lambda v: (v + 1) ** 2, lambda v: v * v + 1, label="square")
    assert wrong.verdict is Verdict.REFUTED and wrong.counterexample["input"] != 0.0
    tight = bound(context(), st.floats(0, 1), lambda v: v * v, lambda v: 1.0, label="v² ≤ 1")
    assert tight.verdict is Verdict.HOLDS and tight.evidence["worst ratio (v² ≤ 1)"] > 0.99
    assert bound(context(), st.floats(0, 2), lambda v: v * v, lambda v: 1.0, label="v² ≤ 1").verdict \
        is Verdict.REFUTED


def test_kit_same_steps_names_the_first_wrong_step() -> None:
    from theorems.engine import same_steps

    def run(late: int) -> np.ndarray:
        path = [1.0]
        for t in range(40):
            path.append(path[-1] * (0.5 if t < late else 0.6))
        return np.array(path)

    rule = lambda _, path, t: path[t] * 0.5  # noqa: E731
    assert same_steps(context(), st.just(40), run, rule, label="halving").verdict is Verdict.HOLDS
    late = same_steps(context(), st.just(30), run, rule, label="halving")
    assert late.verdict is Verdict.REFUTED and "step 31 of 40" in late.reason


def test_kit_exact_count_is_proved_only_on_a_complete_domain() -> None:
    from math import comb

    from theorems.engine import exact_count

    def subsets(n: int) -> int:
        return sum(comb(n, k) for k in range(n + 1))

    ok = exact_count(context(), range(8), subsets, lambda n: 2**n, label="2^n", domain_name="n < 8", complete=True)
    assert ok.verdict is Verdict.PROVED
    off = exact_count(context(), range(8), subsets, lambda n: 2**n - 1, label="2^n", domain_name="n < 8",
                      complete=True)
    assert off.verdict is Verdict.REFUTED and off.counterexample["input"] == 0
