"""The small public API: run claims from Python (tests, notebooks) as the command line does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .engine.context import Context
from .engine.kit import symbolic
from .engine.model import CheckFn, Method, Outcome, Result, Variant
from .engine.registry import all_claims
from .engine.runner import InProcess, configure, run, select
from .engine.typed import TypedForm, TypedFormError


def run_claims(
    topics: Sequence[str] = (),
    claims: Sequence[str] = (),
    *,
    impls: Sequence[str] = (),
    profile: str = "quick",
    seed: int = 12345,
    jobs: int | None = None,
    canonical_only: bool = False,
) -> list[Result]:
    """Run the selected claims (all when none is named) and return their results."""
    variants = select(topics, claims)
    if canonical_only:
        variants = [v for v in variants if v.is_canonical]
    return run(variants, configure(profile, seed, impls, None, jobs))


def check_impl(topic: str, spec: str, claims: Sequence[str] = (), **options: object) -> list[Result]:
    """The canonical results of ``topic``'s claims (or of ``claims``) checked against ``spec`` (module:attr)."""
    return run_claims(
        () if claims else (topic,), claims, impls=(f"{topic}={spec}",), canonical_only=True, **options  # type: ignore[arg-type]
    )


_SAME = object()


def check_mutant(cid: str, *, impl: str | None = None, form: object = _SAME, profile: str = "quick",
                 seed: int = 12345) -> Result:
    """Run the canonical check of ``cid`` against a wrong implementation or with a wrong formula.

    A mutant that the check does not ``refute`` shows a check that cannot fail. The check runs in this process
    (:class:`~theorems.engine.runner.InProcess`): a mutant is a known wrong answer, not an untrusted program.
    """
    variant = next(v for v in select((), (cid,)) if v.is_canonical)
    if form is not _SAME:
        variant = replace(variant, form=form)
    impls = (f"{variant.claim.topic}={impl}",) if impl else ()
    return run([variant], configure(profile, seed, impls, None, 1), executor=InProcess())[0]


TYPED = "typed"
"""The variant name of a formula typed by a user (``theorems try``)."""


def typed_variant(cid: str, latex: str) -> Variant:
    """The variant of ``cid`` that checks the formula ``latex`` typed in the claim's named quantities.

    A formula that SymPy proves equivalent to the canonical one gets that proof as its check (verdict
    ``proved``); any other runs through the claim's own check, as one more printed variant. Raises
    :class:`~theorems.engine.typed.TypedFormError` (a usage error) for anything typed wrong.
    """
    import sympy

    claim = next(v for v in select((), (cid,)) if v.is_canonical).claim
    typed = claim.typed
    if typed is None:
        with_typed = ", ".join(c.cid for c in all_claims().values() if c.typed is not None)
        raise TypedFormError(f"claim {cid} has no typed form, so no variant of it can be typed; claims with one: "
                             f"{with_typed}")
    rhs = typed.parse(latex)
    statement = f"{typed.subject.latex} {typed.relation} {sympy.latex(rhs)}"
    try:
        form = typed.form(rhs, sympy.latex(rhs))
    except Exception as exc:  # noqa: BLE001 - a formula the check cannot evaluate is the user's to fix
        raise TypedFormError(f"{latex!r} cannot be evaluated as this claim's formula: {exc}") from None
    if typed.equivalent(rhs):
        claim = replace(claim, check=_proved_equivalent(typed, rhs), method=Method.SYMPY, uses_impl=False)
    return Variant(claim, TYPED, None, None, None, statement, form, reading=f"typed by the user as {latex}")


def _proved_equivalent(typed: TypedForm, rhs: object) -> CheckFn:
    """A check that proves ``rhs`` equal to the canonical right-hand side, every step shown."""

    def prove(ctx: Context, form: object) -> Outcome:
        outcome = symbolic(ctx, ("typed right-hand side (parsed)", rhs), ("canonical right-hand side",
                                                                          typed.canonical_rhs))
        outcome.evidence["equivalence"] = "proved equivalent to the canonical form"
        return outcome

    return prove


def try_formula(cid: str, latex: str, *, profile: str = "quick", seed: int = 12345,
                with_canonical: bool = False) -> Result | list[Result]:
    """The result of the formula ``latex`` typed as a variant of claim ``cid`` (``theorems try``).

    With ``with_canonical``, the claim's canonical result is run beside it and both are returned
    (canonical first), as the report shows them.
    """
    import sympy

    variant = typed_variant(cid, latex)
    typed = variant.claim.typed
    variants = [v for v in select((), (cid,)) if v.is_canonical] if with_canonical else []
    results = run([*variants, variant], configure(profile, seed, (), None, 1))
    typed_result = results[-1]
    typed_result.evidence = {"typed": latex, "parsed as": sympy.latex(typed.parse(latex)),
                             "canonical": typed.statement, **typed_result.evidence}
    typed_result.replay = f"theorems try {cid} '{latex}' --profile {profile} --seed {seed}"
    return results if with_canonical else typed_result
