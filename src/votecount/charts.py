"""Pictures of a count, drawn with matplotlib (the ``plot`` extra: ``pip install 'votecount[plot]'``).

- :func:`stages`: each candidate's votes at each stage, a line per candidate rising towards
  the quota (dashed), elected candidates marked with a dot, exclusions with a cross;
- :func:`flow`: the flow of votes from stage to stage (a Sankey diagram): each stage a column
  of candidates, the bands what each kept and where each surplus or excluded candidate's
  papers went, non-transferable papers and votes lost to fractions included;
- :func:`bars`: the votes as bars, highest first, elected candidates in colour (plurality
  counts; for a preferential count, the first preferences).

Each returns a :class:`matplotlib.figure.Figure`; :func:`svg` gives a chart as SVG text and
:func:`save` writes one (SVG, PNG or PDF, by the file's extension). SVG output is
byte-for-byte reproducible: no date, fixed element ids, text kept as text. A chart reads
only the result (:mod:`votecount.chart_data` works out what it shows); floats are used for
drawing, never for deciding anything.

matplotlib draws SVG, PNG and PDF in-process, with no browser or other program, and is the
one plotting library most installations already have; see docs/charts.md.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, cast

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from votecount.candidates import Candidate
from votecount.chart_data import LOST, NON_TRANSFERABLE, ChartedResult, Node, columns, links, outcomes
from votecount.errors import OptionError, OutputError, RuleError

GREY = "#9e9e9e"
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d",
)  # fmt: skip
"""Candidate colours, in ballot-file order (a colour-blind-safe start, then darker tones)."""

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyph widths everywhere
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text: smaller files, and searchable
    "svg.hashsalt": "votecount",  # fixed element ids: the same result draws the same bytes
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextmanager
def _style() -> Iterator[None]:
    with mpl.rc_context(cast(Any, STYLE)):
        yield


def _colours(result: ChartedResult) -> dict[Node, str]:
    out: dict[Node, str] = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(result.candidates)}
    out[NON_TRANSFERABLE] = GREY
    out[LOST] = "#cfcfcf"
    return out


def _label(node: Node) -> str:
    return node.name if isinstance(node, Candidate) else node


def _title(result: ChartedResult, what: str) -> str:
    return f"{result.title or result.rule}: {what}"


def stages(result: ChartedResult) -> Figure:
    """Each candidate's votes at each stage, with the quota; elected ●, excluded ×."""
    cols = columns(result)
    decided = outcomes(result)
    colours = _colours(result)
    xs = [c.stage for c in cols]
    top = max((float(v) for c in cols for v in c.values.values()), default=1.0) or 1.0
    labels: list[tuple[float, float, str, str]] = []  # x, y, text, colour
    with _style():
        figure = Figure(figsize=(8, 4.8), layout="constrained")
        ax = figure.add_subplot()
        for cand in result.candidates:
            if cand in result.withdrawn:
                continue
            ys = [float(col.values.get(cand, 0)) for col in cols]
            action, at = decided.get(cand, ("", xs[-1]))
            last = len(xs)
            if action == "excluded":  # the line stops where the votes were when excluded
                last = xs.index(at) + 1
                while last > 1 and ys[last - 1] == 0:
                    last -= 1
            colour = colours[cand]
            ax.plot(xs[:last], ys[:last], color=colour, linewidth=1.6, marker="o", markersize=2.5)
            if action == "elected":
                ax.plot([at], [ys[xs.index(at)]], "o", color=colour, markersize=7)
            elif action == "excluded":
                ax.plot([xs[last - 1]], [ys[last - 1]], "x", color=colour, markersize=7, markeredgewidth=2)
            labels.append((xs[last - 1], ys[last - 1], cand.name, colour))
        for x, y, text, colour in _spread(labels, 0.045 * top):
            ax.text(x + 0.14, y, text, fontsize=8, color=colour, va="center")
        quotas = [float("nan") if r.quota is None else float(r.quota) for r in result.rounds]
        if any(q == q for q in quotas):
            ax.plot(xs, quotas, "--", color="#555555", linewidth=1, label="quota")
            ax.legend(loc="upper left", frameon=False)
        ax.set_xticks(xs, [str(x) for x in xs])
        ax.set_xlabel("stage")
        ax.set_ylabel("votes")
        ax.set_ylim(0, top * 1.08)
        ax.set_xlim(xs[0] - 0.2, xs[-1] + 0.3 + 0.3 * max(len(xs) - 1, 1))
        ax.set_title(_title(result, "votes at each stage"), loc="left")
    return figure


def _spread(
    labels: list[tuple[float, float, str, str]], step: float
) -> list[tuple[float, float, str, str]]:
    """Labels at one x moved apart, keeping their order, so that none overlaps the next."""
    out = []
    for x in sorted({label[0] for label in labels}):
        here = sorted((label for label in labels if label[0] == x), key=lambda label: label[1])
        floor = float("-inf")
        for _, y, text, colour in here:
            y = max(y, floor + step)
            out.append((x, y, text, colour))
            floor = y
    return out


def flow(result: ChartedResult) -> Figure:
    """The flow of votes from stage to stage: a Sankey diagram of the whole count."""
    cols = columns(result)
    if len(cols) < 2:
        raise RuleError("a count of one round has no transfers to draw: use the bars chart")
    colours = _colours(result)
    order: list[Node] = [*result.candidates, NON_TRANSFERABLE, LOST]
    total = max(float(sum(c.values.values(), Fraction(0))) for c in cols) or 1.0
    gap = 0.012 * total
    width = 0.22
    with _style():
        figure = Figure(figsize=(max(7.0, 1.25 * len(cols) + 3), 5.6), layout="constrained")
        ax = figure.add_subplot()
        boxes: list[dict[Node, tuple[float, float]]] = []  # node -> (bottom, top), top down
        for i, col in enumerate(cols):
            y = total + gap * len(order)
            placed: dict[Node, tuple[float, float]] = {}
            for node in order:
                value = float(col.values.get(node, 0))
                if value <= 0:
                    continue
                placed[node] = (y - value, y)
                ax.add_patch(Rectangle((i - width / 2, y - value), width, value, color=colours[node], lw=0))
                y -= value + gap
            boxes.append(placed)
        out_at = [{n: top for n, (_, top) in b.items()} for b in boxes]
        in_at = [{n: top for n, (_, top) in b.items()} for b in boxes]
        rank = {n: k for k, n in enumerate(order)}
        for link in sorted(links(result), key=lambda k: (k.stage, rank[k.source], rank[k.target])):
            i = link.stage - 1  # the target's column; the source is in the column before
            v = float(link.votes)
            if link.source not in out_at[i - 1] or link.target not in in_at[i]:
                continue
            s_top, t_top = out_at[i - 1][link.source], in_at[i][link.target]
            out_at[i - 1][link.source] -= v
            in_at[i][link.target] -= v
            alpha = 0.28 if link.kind == "kept" else 0.6
            band = _band(i - 1 + width / 2, s_top, i - width / 2, t_top, v, colours[link.source], alpha)
            ax.add_patch(band)
        decided = outcomes(result)
        for i, placed in ((0, boxes[0]), (len(cols) - 1, boxes[-1])):
            for node, (bottom, top) in placed.items():
                if top - bottom < 0.018 * total and i == 0:
                    continue
                text = _label(node)
                if i and isinstance(node, Candidate) and node in decided:
                    text += " (elected)" if decided[node][0] == "elected" else ""
                side = -1 if i == 0 else 1
                ax.text(i + side * (width / 2 + 0.06), (bottom + top) / 2, text, fontsize=8,
                        ha="right" if i == 0 else "left", va="center")  # fmt: skip
        ax.set_xticks(range(len(cols)), [f"Stage {c.stage}" for c in cols], fontsize=8)
        ax.set_yticks([])
        ax.spines[["left", "bottom"]].set_visible(False)
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-1.9, len(cols) - 1 + 1.9)
        ax.set_ylim(0, total + gap * (len(order) + 1))
        ax.set_title(_title(result, "the flow of votes"), loc="left")
    return figure


def _band(x0: float, top0: float, x1: float, top1: float, v: float, colour: str, alpha: float) -> PathPatch:
    """A band of height ``v`` from (x0, top0) down to (x1, top1), as two cubic curves."""
    mid = (x0 + x1) / 2
    curve = Path.CURVE4
    path = Path(
        [
            (x0, top0), (mid, top0), (mid, top1), (x1, top1),
            (x1, top1 - v), (mid, top1 - v), (mid, top0 - v), (x0, top0 - v), (x0, top0),
        ],
        [Path.MOVETO, curve, curve, curve, Path.LINETO, curve, curve, curve, Path.CLOSEPOLY],
    )  # fmt: skip
    return PathPatch(path, facecolor=colour, edgecolor="none", alpha=alpha)


def bars(result: ChartedResult) -> Figure:
    """Votes (first preferences, in a count of several stages) as bars, highest first; the
    elected in colour, and a candidate a seat constraint passed over marked so."""
    first = result.rounds[0].votes if result.rounds else {}
    ranked = sorted(first.items(), key=lambda kv: -kv[1])
    elected = set(result.elected)
    passed_over = {e.candidate for r in result.rounds for e in r.events if e.action == "not elected"}
    colours = _colours(result)
    with _style():
        figure = Figure(figsize=(7, 0.75 + 0.32 * max(len(ranked), 2)), layout="constrained")
        ax = figure.add_subplot()
        names = [c.name for c, _ in ranked][::-1]
        values = [float(v) for _, v in ranked][::-1]
        fill = [colours[c] if c in elected else GREY for c, _ in ranked][::-1]
        ax.barh(names, values, color=fill)
        for y, ((cand, votes), value) in enumerate(zip(ranked[::-1], values, strict=True)):
            mark = "  elected" if cand in elected else "  passed over" if cand in passed_over else ""
            ax.text(value, y, f" {votes:,}{mark}", va="center", fontsize=8)
        ax.set_xlim(0, max(values, default=1) * 1.25)
        ax.set_xlabel("votes" if len(result.rounds) == 1 else "first preferences")
        ax.set_title(_title(result, "votes"), loc="left")
    return figure


KINDS: Mapping[str, Callable[[ChartedResult], Figure]] = {"stages": stages, "flow": flow, "bars": bars}
"""Every chart by the name ``votecount chart --kind`` uses."""


def chart(result: ChartedResult, kind: str) -> Figure:
    """The chart ``kind`` (:data:`KINDS`) of ``result``."""
    if kind not in KINDS:
        known = ", ".join(KINDS)
        message = f"unknown chart {kind!r}; use one of {known}"
        raise OptionError(message, option="kind", value=kind, choices=list(KINDS))
    return KINDS[kind](result)


def svg(result: ChartedResult, kind: str) -> str:
    """The chart ``kind`` as the text of an SVG document, the same bytes for the same result."""
    out = io.StringIO()
    with _style():
        chart(result, kind).savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def save(result: ChartedResult, kind: str, path: str | os.PathLike[str]) -> None:
    """Write the chart ``kind`` to ``path``: SVG, PNG or PDF, by its extension."""
    target = os.fspath(path)
    suffix = os.path.splitext(target)[1].lower()
    formats = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
    if suffix not in formats:
        raise OptionError(
            f"cannot tell the chart's format from {target!r}: end it in .svg, .png or .pdf",
            option="output", value=target, choices=list(formats),
        )  # fmt: skip
    metadata = {"svg": {"Date": None}, "png": {"Software": None}, "pdf": {"CreationDate": None}}
    if suffix == ".svg":
        write_text_file(target, svg(result, kind))
        return
    with _style():
        figure = chart(result, kind)
        try:
            figure.savefig(target, format=formats[suffix], dpi=150, metadata=metadata[formats[suffix]])
        except OSError as error:
            raise _output_error(target, error) from error


def write_text_file(target: str, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except OSError as error:
        raise _output_error(target, error) from error


def _output_error(target: str, error: OSError) -> OutputError:
    return OutputError(f"cannot write the chart: {error.strerror or error}", path=target)


__all__ = ["KINDS", "bars", "chart", "flow", "save", "stages", "svg"]
