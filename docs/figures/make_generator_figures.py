"""Draw the generator models next to the Scottish council data (needs the ``plot`` extra).

    pip install -e '.[plot]'
    python docs/figures/make_generator_figures.py             # writes docs/figures/generators.png
    python docs/figures/make_generator_figures.py --out /tmp  # or anywhere else

Two panels, for wards of eight candidates: the share of first preferences won by the
candidate placed first, second, ... (candidates sorted by first preferences within each
election), and the share of papers giving 1, 2, ... 8 preferences. The Scottish curves
average the 8-candidate ward counts in ``../shared/data/scottish`` (read with
:func:`votecount.formats.read`; the data is read in place, never copied); each model's
curves average ``--elections`` generated elections of ``--voters`` voters. The figures it
prints are the ones quoted in ``docs/generators.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from votecount import Profile  # noqa: E402
from votecount.formats import read  # noqa: E402
from votecount.generate import (  # noqa: E402
    Bloc,
    Lengths,
    ballot_lengths,
    candidate_names,
    first_preferences,
    impartial_culture,
    plackett_luce,
    popularity,
    slate_model,
    spatial_model,
)

N = 8
SCOTTISH = ROOT.parent / "shared" / "data" / "scottish" / "blt" / f"{N}_cands"


def model_makers(voters: int) -> dict[str, Callable[[int], Profile]]:
    """The models as docs/generators.md configures them, for N candidates."""
    names = candidate_names(N)
    # five parties: three run two candidates (the first better known), two run one
    parties = [names[0:2], names[2:4], names[4:6], names[6:7], names[7:8]]
    shares = (0.34, 0.26, 0.22, 0.10, 0.08)
    blocs = [Bloc(s, p, cohesion=25.0) for s, p in zip(shares, parties, strict=True)]
    strengths = (1.8, 1.0, 1.8, 1.0, 1.8, 1.0, 1.0, 1.0)
    lengths = Lengths.scottish()
    return {
        "impartial culture": lambda seed: impartial_culture(N, voters, seed=seed, lengths=lengths),
        "Plackett–Luce (skew 0.8)": lambda seed: plackett_luce(
            N, voters, popularity(N, 0.8), seed=seed, lengths=lengths
        ),
        "slates (5 parties)": lambda seed: slate_model(
            N, voters, blocs, strengths=strengths, seed=seed, lengths=lengths
        ),
        "1-D spatial": lambda seed: spatial_model(
            N, voters, [-2.0, -1.2, -0.7, -0.2, 0.1, 0.5, 1.1, 2.0], seed=seed, lengths=lengths
        ),
    }


def shapes(profiles: Iterable[Profile]) -> tuple[list[float], list[float]]:
    """Mean first-preference share by place, and share of papers by length, over profiles."""
    firsts = [0.0] * N
    lengths = [0.0] * N
    count = 0
    for profile in profiles:
        total = float(profile.total_weight)
        shares = sorted((float(v) / total for v in first_preferences(profile).values()), reverse=True)
        for i, s in enumerate(shares[:N]):
            firsts[i] += s
        for k, v in ballot_lengths(profile).items():
            if 1 <= k <= N:
                lengths[k - 1] += float(v) / total
        count += 1
    if not count:
        raise SystemExit("no elections to draw")
    return [x / count for x in firsts], [x / count for x in lengths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--voters", type=int, default=5000)
    parser.add_argument("--elections", type=int, default=40)
    args = parser.parse_args()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves: dict[str, tuple[list[float], list[float]]] = {}
    files = sorted(SCOTTISH.glob("*.blt"))
    if files:
        curves[f"Scottish wards ({len(files)})"] = shapes(read(f) for f in files)
    else:
        print(f"Scottish data not found at {SCOTTISH}; drawing the models alone")
    for name, make in model_makers(args.voters).items():
        curves[name] = shapes(make(seed) for seed in range(args.elections))

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), dpi=90)
    places = range(1, N + 1)
    for i, (name, (firsts, lengths)) in enumerate(curves.items()):
        style = {"color": "black", "linewidth": 2.5} if i == 0 and files else {"linewidth": 1.4}
        left.plot(places, firsts, marker="o", markersize=3, label=name, **style)
        right.plot(places, lengths, marker="o", markersize=3, label=name, **style)
        print(
            f"{name:26} top candidate {firsts[0]:.1%}, last {firsts[-1]:.1%}; "
            f"lengths 1-3 {sum(lengths[:3]):.1%}, full {lengths[-1]:.1%}, "
            f"mean {sum(k * x for k, x in zip(places, lengths, strict=True)) / sum(lengths):.2f}"
        )
    left.set(
        title="First preferences, by place",
        xlabel="candidate's place by first preferences",
        ylabel="share of papers",
    )
    right.set(title="Preferences given", xlabel="preferences on the paper", ylabel="share of papers")
    right.legend(fontsize=7, frameon=False)
    for ax in (left, right):
        ax.set_xticks(list(places))
        ax.grid(alpha=0.3)
    fig.suptitle(f"Generated elections against Scottish council wards ({N} candidates)", fontsize=10)
    fig.tight_layout()
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "generators.png"
    fig.savefig(target)
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
