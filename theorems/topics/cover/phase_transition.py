"""The phase transition at s = 2n: the separable fraction C(s,n)/2^s crosses ½ there, ever more sharply."""

from __future__ import annotations

from math import sqrt

from theorems.engine import Comparison, Context, Formula, Outcome, all_of, at_most, for_each, that

from . import COVER, TOPIC


def cover_counts(n: int, s_max: int) -> list[int]:
    """C(s, n) for s = 1..s_max, walking row s-1 of Pascal's triangle (exact integers)."""
    row = [1] + [0] * (n - 1)  # binom(0, k) for k < n
    counts = []
    for _ in range(s_max):
        counts.append(2 * sum(row))
        row = [row[0]] + [row[k] + row[k - 1] for k in range(1, n)]
    return counts


def transition_width(n: int) -> float:
    """(s where the separable fraction falls to 0.1) - (s where it leaves 0.9), divided by n."""
    counts = cover_counts(n, 4 * n + 8)
    fraction = [(s, c / 2**s) for s, c in enumerate(counts, start=1)]
    leaves = max(s for s, f in fraction if f >= 0.9)
    falls = min(s for s, f in fraction if f <= 0.1)
    return (falls - leaves) / n


@TOPIC.claim(
    "cover.phase_transition_2n",
    method="exhaustive",
    canonical=Formula(r"s^\ast=2n", lambda n: 2 * n),
    faithful=("000", "003"),
    depends=("cover.counting_function",),
    references=(COVER,),
    uses_impl=False,
)
def phase_transition_2n(ctx: Context, transition: Formula) -> Outcome:
    """The separable fraction crosses ½ at s = 2n, ever more sharply.

    The fraction C(s,n)/2^s of dichotomies of s points in general position in R^n that are
    separable is > ½ for s < 2n, exactly ½ at s = 2n (C(2n,n) = 2^{2n-1}), and < ½ for s > 2n
    (Cover 1965). The width of the transition (fraction from 0.9 to 0.1) shrinks like 1/√n in s/n.
    Checked exactly for every n ≤ 30 (240 in the full profile) and s ≤ 4n; widths for n = 4 ... 256.
    """
    top = ctx.scaled(30)

    def crosses_at_transition(n: int) -> Comparison:
        at = transition(n)
        for s, count in enumerate(cover_counts(n, 4 * n), start=1):
            side = (2 * count > 2**s) - (2 * count < 2**s)  # sign of C(s,n)/2^s - 1/2
            if side != (s < at) - (s > at):
                return that(False, label=f"n = {n}", message=f"C({s},{n})/2^{s} = {count}/{2**s} "
                            f"is {'above' if side > 0 else 'below' if side < 0 else 'at'} 1/2, "
                            f"against a transition at s = {at}")
        return that(True, label=f"n = {n}", message=f"crosses 1/2 at s = {at}")

    crossing = for_each(ctx, range(1, top + 1), crosses_at_transition, domain_name=f"n = 1..{top}, s = 1..4n",
                        complete=False, describe=lambda n: {"n": n})
    dims = [4, 16, 64, 256] + ([1024] if ctx.profile.scale > 1 else [])
    widths = [transition_width(n) for n in dims]
    sharpening = for_each(
        ctx, range(1, len(dims)),
        lambda i: at_most(widths[i], widths[i - 1], label=f"width at n = {dims[i]} vs n = {dims[i - 1]}"),
        domain_name=f"n in {dims}", complete=False, describe=lambda i: {"n": dims[i], "width": widths[i]},
    )
    ctx.table("Width of the transition (separable fraction from 0.9 to 0.1), in units of s/n",
              ["n", "width", "width · √n"], [[n, w, w * sqrt(n)] for n, w in zip(dims, widths, strict=True)])
    with ctx.figure("Separable fraction C(s,n)/2^s against s/n") as (_, ax):
        for n in (2, 5, 10, 25, 100):
            counts = cover_counts(n, 4 * n)
            ax.plot([s / n for s in range(1, 4 * n + 1)], [c / 2**s for s, c in enumerate(counts, start=1)],
                    label=f"n = {n}")
        ax.axvline(transition(100) / 100, color="grey", linestyle="--", label="stated transition (n = 100)")
        ax.axhline(0.5, color="grey", linewidth=0.5)
        ax.set_xlabel("s / n")
        ax.set_ylabel("fraction of separable dichotomies")
        ax.legend(fontsize=8)
    return all_of({"crossing": crossing, "sharpening": sharpening})
