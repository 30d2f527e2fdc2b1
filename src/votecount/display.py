"""Small HTML tables for notebooks: what ``_repr_html_`` of a round, a result, a profile or a
validation report returns.

Jupyter shows an object's ``_repr_html_()`` in place of its ``repr``. Each table here is a
plain ``<table>`` with the numbers right-aligned and every text escaped; the module knows no
votecount type, so that values at any level (a profile, a report, a result) can use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import Any, Protocol


def _escape(text: str) -> str:
    """``html.escape``, its module loaded when a notebook first shows a table (the
    standard library's html module loads its entity tables, which nothing else needs)."""
    escaped: str = importlib.import_module("html").escape(text)
    return escaped


STYLE = "border-collapse:collapse;font-variant-numeric:tabular-nums"
"""Inline style of every table: notebooks strip ``<style>`` elements from some outputs."""


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str = "",
    numeric: Sequence[bool] | None = None,
) -> str:
    """A ``<table>`` with ``header`` and ``rows``; ``numeric`` columns are right-aligned
    (default: every column but the first)."""
    align = list(numeric) if numeric is not None else [i > 0 for i in range(len(header))]

    def cell(tag: str, i: int, value: object) -> str:
        side = "right" if i < len(align) and align[i] else "left"
        return f'<{tag} style="text-align:{side};padding:2px 8px">{_escape(str(value))}</{tag}>'

    out = [f'<table style="{STYLE}">']
    if caption:
        out.append(f'<caption style="text-align:left;font-weight:bold">{_escape(caption)}</caption>')
    out.append("<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_list(items: Iterable[object]) -> str:
    """A ``<ul>`` of ``items`` (escaped), or nothing when there are none."""
    lines = [f"<li>{_escape(str(item))}</li>" for item in items]
    return f"<ul>{''.join(lines)}</ul>" if lines else ""


class HtmlProfile(Protocol):
    """What :func:`profile_html` reads from a :class:`~votecount.profile.Profile`."""

    @property
    def candidates(self) -> Sequence[Any]: ...

    @property
    def ballots(self) -> Sequence[Any]: ...

    @property
    def seats(self) -> int | None: ...

    @property
    def title(self) -> str: ...

    @property
    def withdrawn(self) -> frozenset[int]: ...

    @property
    def total_weight(self) -> Any: ...


def first_choices(ballot: Any) -> Iterable[int]:
    """The candidates a paper puts first: its first preference (all of an equal first), or
    its crosses on a plurality paper."""
    ranking = getattr(ballot, "ranking", None)
    if ranking is None:
        return sorted(ballot.marks)
    if not ranking:
        return ()
    return (ranking[0],) if isinstance(ranking[0], int) else sorted(ranking[0])


def profile_html(profile: HtmlProfile) -> str:
    """A profile for notebooks: a caption with its particulars, then each candidate's first
    preferences (crosses, for plurality papers)."""
    firsts = [0] * len(profile.candidates)
    for ballot in profile.ballots:
        for c in first_choices(ballot):
            firsts[c] += ballot.weight
    ranked = any(hasattr(b, "ranking") for b in profile.ballots[:1])
    seats = f", {profile.seats} seat{'s' if profile.seats != 1 else ''}" if profile.seats else ""
    caption = (
        f"{profile.title or 'Ballots'}: {len(profile.candidates)} candidates, "
        f"{profile.total_weight:,} papers ({len(profile.ballots):,} distinct){seats}"
    )
    rows = [
        (c.name + (" (withdrawn)" if i in profile.withdrawn else ""), f"{firsts[i]:,}")
        for i, c in enumerate(profile.candidates)
    ]
    return html_table(("Candidate", "first preferences" if ranked else "votes"), rows, caption=caption)


__all__ = ["HtmlProfile", "first_choices", "html_list", "html_table", "profile_html"]
