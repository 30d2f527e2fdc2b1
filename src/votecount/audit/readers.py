"""Reading published count sheets: the Scottish councils' CSV, RCTab's JSON, votecount's JSON.

:func:`read_sheet` picks the layout from the file:

- **Scottish council CSV** (the layout of Gerry Mulvenna's transcriptions of the councils'
  sheets, 2017 and 2022): one row per candidate with ``name``, ``elected``, ``status``,
  ``occurred_on_count``, ``first_prefs``, then ``transfersNN`` and ``total_votesNN`` for each
  later stage, and the ward's ``valid_poll``, ``quota`` and ``seats``. A file may hold many
  wards (rows are grouped by ``map_ward_id``): ``ward=`` picks one by its code or name.
- **Edinburgh's results JSON** (2012): one entry per candidate per count under
  ``Constituency.countGroup``.
- **RCTab's round report** (the URCVT JSON summary RCTab writes, also read by rcvis and
  rcvformats): ``results`` is a list of rounds, each with the ``tally`` at the start of the
  round and ``tallyResults`` saying who was elected or eliminated and where their votes went.
- **votecount's own JSON result** (:mod:`votecount.formats.result_json`).

Every figure is kept as the exact decimal printed. A file that cannot be read raises
:class:`~votecount.errors.SheetError` naming the file, and the line or key.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from votecount.audit.figures import exact, parse_figure
from votecount.audit.sheet import PublishedCandidate, PublishedSheet
from votecount.errors import ResultFileError, SheetError
from votecount.formats.result_read import result_from_json

_STAGE = re.compile(r"total_votes(\d+)")


def _int(text: object) -> int | None:
    text = "" if text is None else str(text).strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _dec(text: object) -> Decimal | None:
    return parse_figure("" if text is None else str(text))


def scottish_wards(path: str | Path, text: str | None = None) -> dict[str, PublishedSheet]:
    """Every ward of a Scottish council CSV file, keyed by its ward code (``map_ward_id``)."""
    source = str(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    missing = [f for f in ("name", "first_prefs", "map_ward_id") if f not in fields]
    if missing:
        raise SheetError(f"not a Scottish council count sheet: no column {missing[0]!r}", path=source, line=1)
    stage_columns = sorted((c for c in fields if _STAGE.fullmatch(c)), key=lambda c: int(c[11:]))
    columns = ["first_prefs", *stage_columns]
    rows_by_ward: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for row in reader:
        rows_by_ward.setdefault(row["map_ward_id"], []).append((reader.line_num, row))
    return {code: _scottish_ward(source, code, rows, columns) for code, rows in rows_by_ward.items()}


def _scottish_ward(
    source: str, code: str, rows: list[tuple[int, dict[str, str]]], columns: list[str]
) -> PublishedSheet:
    used = [c for c in columns if any((row.get(c) or "").strip() for _, row in rows)]
    # A sheet's stages are the columns up to the last one anybody has a figure in.
    n_stages = columns.index(used[-1]) + 1 if used else 0
    candidates = []
    for line, row in rows:
        texts = [(row.get(c) or "").strip() for c in columns[:n_stages]]
        if any(not t for t in texts):
            raise SheetError(f"blank stage total for {row['name']} in ward {code}", path=source, line=line)
        figures = tuple(parse_figure(t) for t in texts)
        transfers = [None] + [_dec(row.get(f"transfers{n:02d}")) for n in range(2, n_stages + 1)]
        candidates.append(
            PublishedCandidate(
                name=row["name"],
                stages=figures,
                transfers=tuple(transfers) if n_stages else (),
                elected=(row.get("elected") or "").strip() == "1",
                status=row.get("status") or "",
                decided_at=_int(row.get("occurred_on_count")),
                unreadable=tuple(
                    (s + 1, t) for s, (t, f) in enumerate(zip(texts, figures, strict=True)) if f is None
                ),
            )
        )
    first = rows[0][1]
    year = (first.get("election") or "").rsplit(".", 1)[-1][:4]
    title = f"{first.get('council_name') or first.get('council_id', '')} {year}: {first.get('ward_name', '')}"
    return PublishedSheet(
        source=source,
        kind="scottish-csv",
        title=f"{title.strip()} ({code})",
        candidates=tuple(candidates),
        seats=_int(first.get("seats")),
        quota=_dec(first.get("quota")),
        valid_poll=_dec(first.get("valid_poll")),
        ward=code,
    )


def pick_ward(wards: Mapping[str, PublishedSheet], ward: str | None, source: str) -> PublishedSheet:
    """The ward ``ward`` names: its code, or a name it matches alone (case-insensitive)."""
    if ward is None:
        if len(wards) == 1:
            return next(iter(wards.values()))
        raise SheetError(
            f"the file holds {len(wards)} wards; pick one with --ward CODE or NAME "
            f"(e.g. {', '.join(list(wards)[:3])})",
            path=source,
        )
    if ward in wards:
        return wards[ward]
    needle = ward.lower()
    exact = [s for s in wards.values() if s.title.lower().split(": ", 1)[-1].startswith(needle + " (")]
    found = exact or [s for s in wards.values() if needle in s.title.lower()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise SheetError(f"no ward matches {ward!r}", path=source)
    raise SheetError(
        f"{len(found)} wards match {ward!r}: " + "; ".join(s.title for s in found[:5]), path=source
    )


def edinburgh_sheet(doc: Mapping[str, Any], source: str) -> PublishedSheet:
    """An Edinburgh results file (2012): one entry per candidate per count."""
    try:
        data = doc["Constituency"]
        info = data["countInfo"]
        by_candidate: dict[str, dict[int, Mapping[str, Any]]] = {}
        for entry in data["countGroup"]:
            by_candidate.setdefault(str(entry["Candidate_Id"]), {})[int(entry["Count_Number"])] = entry
    except (KeyError, TypeError, ValueError) as exc:
        raise SheetError(
            f"not an Edinburgh results file: {exc!r} missing or malformed", path=source
        ) from None
    n_stages = max(n for counts in by_candidate.values() for n in counts)
    candidates = []
    for counts in by_candidate.values():
        first, last = counts[1], counts[max(counts)]
        # Once excluded, a candidate's later columns are left blank: they hold nothing.
        stages = tuple(
            _dec(counts[n]["Total_Votes"]) if n in counts else Decimal(0) for n in range(1, n_stages + 1)
        )
        status = str(last.get("Status") or "").strip()
        candidates.append(
            PublishedCandidate(
                name=f"{first['Firstname']} {first['Surname']}",
                stages=stages,
                elected=status == "Elected",
                status=status,
                decided_at=_int(last.get("Occurred_On_Count")),
            )
        )
    return PublishedSheet(
        source=source,
        kind="edinburgh-json",
        title=str(info.get("Constituency_Name", "")),
        candidates=tuple(candidates),
        seats=_int(info.get("Number_Of_Seats")),
        quota=_dec(info.get("Quota")),
        valid_poll=_dec(info.get("Valid_Poll")),
    )


def rctab_sheet(doc: Mapping[str, Any], source: str) -> PublishedSheet:
    """RCTab's round report. A round's ``tally`` is the count at the *start* of the round,
    after the previous round's transfers: it lines up with votecount's round of that number."""
    try:
        rounds = sorted(doc["results"], key=lambda r: int(r["round"]))
        names = list(rounds[0]["tally"])
        for r in rounds:
            names += [n for n in r["tally"] if n not in names]
        totals = {n: [_dec(r["tally"].get(n, "0")) for r in rounds] for n in names}
        changes: dict[str, list[Decimal | None]] = {n: [None] * len(rounds) for n in names}
        elected: dict[str, int] = {}
        eliminated: dict[str, int] = {}
        for i, r in enumerate(rounds):
            for result in r.get("tallyResults", ()):
                if "elected" in result:
                    elected[result["elected"]] = i + 1
                if "eliminated" in result:
                    eliminated[result["eliminated"]] = i + 1
                source_name = result.get("elected") or result.get("eliminated")
                if i + 1 < len(rounds):
                    for name, value in (result.get("transfers") or {}).items():
                        if name in changes:
                            before = changes[name][i + 1] or Decimal(0)
                            changes[name][i + 1] = before + (_dec(value) or Decimal(0))
                    if source_name in changes and result.get("eliminated") == source_name:
                        before = changes[source_name][i + 1] or Decimal(0)
                        changes[source_name][i + 1] = before - (totals[source_name][i] or Decimal(0))
                    elif source_name in changes and result.get("transfers"):
                        # an elected candidate's surplus: it loses what it passes on
                        moved = sum((_dec(v) or Decimal(0) for v in result["transfers"].values()), Decimal(0))
                        changes[source_name][i + 1] = (changes[source_name][i + 1] or Decimal(0)) - moved
        for i in range(1, len(rounds)):
            if rounds[i - 1].get("tallyResults"):
                # RCTab lists only the candidates who received something: the rest got 0
                for n in names:
                    if changes[n][i] is None and n in rounds[i]["tally"]:
                        changes[n][i] = Decimal(0)
        threshold = _dec(rounds[-1].get("threshold"))
        contest = str(doc.get("config", {}).get("contest", ""))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise SheetError(f"not an RCTab round report: {exc!r} missing or malformed", path=source) from None
    candidates = tuple(
        PublishedCandidate(
            name=n,
            stages=tuple(totals[n]),
            transfers=tuple(changes[n]),
            elected=n in elected,
            status="Elected" if n in elected else "Eliminated" if n in eliminated else "",
            decided_at=elected.get(n) or eliminated.get(n),
        )
        for n in names
    )
    return PublishedSheet(source=source, kind="rctab", title=contest, candidates=candidates, quota=threshold)


def votecount_sheet(text: str, source: str) -> PublishedSheet:
    """A result votecount wrote (``votecount count --format json``), read back exactly."""
    try:
        result = result_from_json(text, source=source)
    except ResultFileError as exc:
        raise SheetError(str(exc), path=source) from None
    rows = []
    for c in result.candidates:
        rows.append(
            PublishedCandidate(
                name=c.name,
                stages=tuple(exact(r.votes.get(c, 0)) for r in result.rounds),
                transfers=(None, *(exact(r.changes.get(c, 0)) for r in result.rounds[1:])),
                elected=c in result.elected,
                decided_at=next((r.number for r in result.rounds if c in r.elected or c in r.excluded), None),
            )
        )
    return PublishedSheet(
        source=source,
        kind="votecount",
        title=result.title,
        candidates=tuple(rows),
        seats=result.seats,
        quota=None if result.quota is None else exact(result.quota),
        valid_poll=exact(result.valid_poll),
        descriptions=tuple(r.description for r in result.rounds),
    )


def read_sheet(path: str | Path, *, ward: str | None = None) -> PublishedSheet:
    """Read a published count sheet, in whichever of the layouts above it is."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"cannot read the sheet: {exc}", path=source) from None
    if not text.lstrip().startswith(("{", "[")):
        return pick_ward(scottish_wards(source, text), ward, source)
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise SheetError(f"not JSON: {exc.msg}", path=source, line=exc.lineno) from None
    if isinstance(doc, dict) and "Constituency" in doc:
        return edinburgh_sheet(doc, source)
    if isinstance(doc, dict) and "results" in doc:
        return rctab_sheet(doc, source)
    if isinstance(doc, dict) and "rounds" in doc:
        return votecount_sheet(text, source)
    raise SheetError(
        "not a count sheet this reader knows (Scottish CSV, RCTab or votecount JSON)", path=source
    )
