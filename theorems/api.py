"""The small public API: run claims from Python (tests, notebooks) as the command line does."""

from __future__ import annotations

from collections.abc import Sequence

from .engine.model import Result
from .engine.runner import configure, run, select


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

    A mutant that the check does not ``refute`` shows a check that cannot fail.
    """
    from dataclasses import replace

    variant = next(v for v in select((), (cid,)) if v.is_canonical)
    if form is not _SAME:
        variant = replace(variant, form=form)
    impls = (f"{variant.claim.topic}={impl}",) if impl else ()
    return run([variant], configure(profile, seed, impls, None, 1))[0]
