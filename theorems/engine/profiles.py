"""Run profiles (CONTRACTS.md §5), registered in this one place for the runner and for Hypothesis."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, Phase, settings


@dataclass(frozen=True)
class Profile:
    name: str
    max_examples: int
    """Hypothesis examples per property check."""
    scale: int
    """Multiplier for sizes and Monte-Carlo sample counts (1 in quick)."""
    timeout_s: float
    """Wall-clock limit of one check; past it the check is an ``error``."""
    family_alpha: float = 1e-6
    """False-failure budget of the whole run's statistical checks (Holm-corrected)."""


PROFILES = {
    "quick": Profile("quick", max_examples=100, scale=1, timeout_s=240.0),
    "full": Profile("full", max_examples=1000, scale=8, timeout_s=1800.0),
}
"""``full`` is sized to the whole registry in under 15 minutes on 2 cores (``benchmarks/full_profile.py``):
1000 examples per property, ten times ``quick`` and the size from which Hypothesis interleaves its target
passes with generation; 1500 took 16 minutes."""

for _profile in PROFILES.values():
    settings.register_profile(
        f"theorems-{_profile.name}",
        max_examples=_profile.max_examples,
        deadline=None,
        database=None,
        derandomize=False,
        print_blob=False,
        suppress_health_check=list(HealthCheck),
        # the counterexample is shrunk and reported with its numbers; Hypothesis's "explain" phase
        # would add seconds per refuted check for a hint the report does not show
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )


def hypothesis_settings(profile: Profile) -> settings:
    return settings.get_profile(f"theorems-{profile.name}")
