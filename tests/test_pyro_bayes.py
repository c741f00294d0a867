"""Pyro's leapfrog integrator, through the adapter, passes the canonical claims of ``bayes`` (skipped, with the
command that installs it, when the optional extra is absent)."""

from __future__ import annotations

import importlib.util

import pytest

from theorems.api import check_impl

PYRO_MISSING = "optional extra pyro-ppl absent: pip install --no-deps pyro-ppl pyro-api opt_einsum"


@pytest.mark.skipif(importlib.util.find_spec("pyro") is None, reason=PYRO_MISSING)
@pytest.mark.parametrize("cid", ["bayes.leapfrog_integrator", "bayes.hmc_sampler_stationary"])
def test_pyro_integrator_passes_the_sampler_claims(cid: str) -> None:
    results = check_impl("bayes", "impls.adapters.pyro_bayes:PyroBayes", claims=[cid])
    canonical = [r for r in results if r.variant == "canonical"]
    assert canonical and all(r.verdict.value in ("holds", "consistent") for r in canonical), [
        (r.cid, r.verdict.value, r.reason) for r in canonical]
