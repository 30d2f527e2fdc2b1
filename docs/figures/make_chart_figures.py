"""Draw the charts shown in the README and docs/results.md (needs the ``plot`` extra).

    pip install -e '.[plot]'
    python docs/figures/make_chart_figures.py             # writes docs/figures/*-flow.png, *-stages.png
    python docs/figures/make_chart_figures.py --out /tmp  # or anywhere else

Two counts: the bundled Riverside example (always there), and a nine-stage Scottish council
ward, Aberdeen 2017 ward 12 (Torry/Ferryhill), read in place from ``../shared/data`` and
left out, with a word, when the data is absent. Each is drawn as the flow of votes and as
the votes at each stage, through :func:`votecount.charts.save`. With Pillow installed (it
comes with matplotlib) each PNG is reduced to a palette of 96 colours, to keep it small.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

import votecount  # noqa: E402
from votecount import charts, examples  # noqa: E402

try:
    from PIL import Image  # Pillow comes with matplotlib; without it the PNGs stay as drawn
except ImportError:
    Image = None

ABERDEEN = DATA / "scottish" / "blt" / "10_cands" / "aberdeen_2017_ward12.blt"


def shrink(png: Path) -> None:
    """The PNG with a palette of 96 colours: a chart has few, and the file a third the size."""
    if Image is None:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=96)
    small.save(png, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    counts = {"riverside": examples.path()}
    if ABERDEEN.exists():
        counts["aberdeen-ward12"] = ABERDEEN
    else:
        print(f"aberdeen-ward12: skipped, {ABERDEEN} is absent")
    for name, path in counts.items():
        result = votecount.count(votecount.read(path), "scottish-stv")
        for kind in ("flow", "stages"):
            png = args.out / f"{name}-{kind}.png"
            charts.save(result, kind, png)
            shrink(png)
            print(f"{png}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
