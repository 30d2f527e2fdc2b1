"""Screenshots of the HTML count sheet in a real browser (headless Chromium), for docs/sheets.md.

    apt-get install -y chromium        # Debian's package; any Chromium or Chrome will do
    python docs/figures/make_sheet_screenshots.py            # writes docs/figures/sheet-*.png
    python docs/figures/make_sheet_screenshots.py --out /tmp --pdf   # and A4 PDFs, elsewhere

Three counts: a nine-stage Scottish council ward (Aberdeen 2017, Torry/Ferryhill), the
Labour NEC block vote with a minimum of five women (the example of docs/constrained-stv.md,
its papers marking each member's first nine), and the 2009 Burlington mayoral election by
the alternative vote (PrefLib). The two real elections are read from ``../shared/data`` in
place; a count whose data is absent is left out, with a word. Each page is written as HTML
beside its screenshot, so it can be opened by hand, and with ``--pdf`` printed to A4
landscape as the page's ``@page`` rule asks. With Pillow installed, screenshots are reduced
to a palette of 256 colours to keep them small. Where ``votecount.charts`` and matplotlib
(the ``plot`` extra) are installed, each page also carries its charts, after the order of
election (below the part the screenshot shows; open the page or the PDF to see them).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import votecount  # noqa: E402
from nec_example import WOMEN_5, nec_block_profile  # noqa: E402
from votecount import Result  # noqa: E402
from votecount.report import Figure, render  # noqa: E402

try:  # the charts need the plot extra (matplotlib); without it the pages have none
    from votecount import charts
except ImportError:
    charts = None  # type: ignore[assignment]

ABERDEEN = DATA / "scottish" / "blt" / "10_cands" / "aberdeen_2017_ward12.blt"
BURLINGTON = DATA / "preflib" / "00005_burlington" / "00005-00000002.toi"


def aberdeen() -> Result:
    return votecount.count(votecount.read(ABERDEEN), "scottish-stv")


def nec_block() -> Result:
    """The NEC example's members, each marking the first nine of their ranking (nine seats)."""
    return votecount.count(nec_block_profile(), "block", seats=9, constraints=[WOMEN_5])


def burlington() -> Result:
    return votecount.count(votecount.read(BURLINGTON), "irv")


# name -> (count, what it needs, browser window width x height)
COUNTS: dict[str, tuple[Callable[[], Result], Path | None, tuple[int, int]]] = {
    "sheet-scottish-ward": (aberdeen, ABERDEEN, (1920, 900)),
    "sheet-nec-block-vote": (nec_block, None, (900, 1040)),
    "sheet-irv": (burlington, BURLINGTON, (1200, 760)),
}

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium found: apt-get install -y chromium")


def chromium(page: Path, *args: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        command = [browser(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def shrink(png: Path) -> None:
    """Reduce a screenshot to 256 colours, if Pillow is there (text and charts survive it)."""
    try:
        from PIL import Image  # optional: only to keep the checked-in images small
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(png, optimize=True)


def figures(result: Result) -> list[Figure]:
    """The count's charts, as SVG, where the charts module and matplotlib are installed."""
    if charts is None:
        return []
    if len(result.rounds) == 1:
        return [Figure(charts.svg(result, "bars"), "Votes by candidate")]
    return [
        Figure(charts.svg(result, "stages"), "Each candidate's votes at each stage"),
        Figure(charts.svg(result, "flow"), "The flow of votes from stage to stage"),
    ]


# Only the ward's charts are photographed (the page from the charts down: the table, facts
# and lists hidden by one added rule, nothing else changed); the other pages are shown from
# the top, where the sheet is.
HIDE_ALL_BUT_CHARTS = "<style>.sheet-wrap, dl.facts, main > section:not(.charts) { display: none; }</style>"
CHARTS_SHOWN = {"sheet-scottish-ward": (1250, 1180)}


def photograph(page: Path, png: Path, width: int, height: int) -> None:
    chromium(page, f"--screenshot={png}", f"--window-size={width},{height}")
    shrink(png)
    print(f"{png}: {png.stat().st_size // 1024} KB (page: {page})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--pdf", action="store_true", help="also print each page to an A4 PDF")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.gettempdir())
    for name, (make, needs, (width, height)) in COUNTS.items():
        if needs is not None and not needs.exists():
            print(f"{name}: skipped, {needs} is absent")
            continue
        result = make()
        sheet = folder / f"{name}.html"
        sheet.write_text(render(result, "html"), encoding="utf-8")
        photograph(sheet, args.out / f"{name}.png", width, height)
        charted = figures(result)
        page = folder / f"{name}-with-charts.html"
        page.write_text(render(result, "html", figures=charted), encoding="utf-8")
        if charted and name in CHARTS_SHOWN:
            charts_only = folder / f"{name}-charts.html"
            charts_only.write_text(
                page.read_text(encoding="utf-8").replace("</head>", HIDE_ALL_BUT_CHARTS + "</head>")
            )
            photograph(charts_only, args.out / f"{name}-charts.png", *CHARTS_SHOWN[name])
        if args.pdf:
            pdf = args.out / f"{name}.pdf"
            chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
            print(f"{pdf} (with the charts, where there are any)")


if __name__ == "__main__":
    main()
