"""An audit as text for a person, or as JSON for a program (``votecount audit --format json``)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from votecount.audit.compare import Audit
from votecount.audit.sheet import Figure

VERDICT_TEXT = {
    "agree": "the sheet follows from the ballots",
    "differ": "the sheet does NOT follow from the ballots",
    "cannot compare": "the sheet's candidates could not be paired with the ballot file's",
}


def render_text(found: Audit) -> str:
    """The audit as a page: verdict, elected sets, each difference with its cause, the
    sheet's own arithmetic, and notes."""
    lines = [
        f"Audit of {found.title or found.sheet.source} ({found.sheet.kind}) under {found.rule}",
        f"Verdict: {VERDICT_TEXT[found.verdict]}",
        f"Stages: the sheet {found.sheet_stages}, our count {found.our_stages}; "
        f"{found.compared} figures compared"
        + (
            f", {found.rounded} of them agreeing only to the places the sheet prints" if found.rounded else ""
        ),
        f"Elected (sheet): {', '.join(found.elected_sheet) or '(not stated)'}",
        f"Elected (ours):  {', '.join(found.elected_ours)}",
        f"Elected set: {'CHANGES' if found.elected_changes else 'the same'}",
    ]
    if found.differences:
        lines.append(f"Differences ({len(found.differences)}):")
        lines += [f"  {d}\n    likely cause: {d.cause}" for d in found.differences]
    if found.causes:
        lines.append("Likely cause: " + "; ".join(found.causes))
    if found.inconsistencies:
        lines.append("The sheet disagrees with itself:")
        lines += [f"  {i}" for i in found.inconsistencies]
    else:
        lines.append("The sheet agrees with itself (each total is its previous total plus its transfer).")
    lines += [f"Note: {n}" for n in found.notes]
    return "\n".join(lines)


def _number(value: Figure | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return str(value)


def audit_to_dict(found: Audit) -> dict[str, Any]:
    """The audit as JSON values; numbers as exact strings (``"832.84152"``, ``"1/3"``)."""
    return {
        "format": "votecount-audit",
        "version": 1,
        "title": found.title,
        "sheet": {"source": found.sheet.source, "kind": found.sheet.kind, "stages": found.sheet_stages},
        "rule": found.rule,
        "verdict": found.verdict,
        "agree": found.verdict == "agree",
        "our_stages": found.our_stages,
        "figures_compared": found.compared,
        "figures_rounded_on_sheet": found.rounded,
        "elected": {
            "sheet": list(found.elected_sheet),
            "ours": list(found.elected_ours),
            "changes": found.elected_changes,
        },
        "differences": [
            {
                "stage": d.stage,
                "candidate": d.candidate,
                "ours": _number(d.ours),
                "sheet": _number(d.sheet),
                "size": _number(d.size),
                "sheet_arithmetic": _number(d.sheet_arithmetic),
                "cause": d.cause,
            }
            for d in found.differences
        ],
        "causes": list(found.causes),
        "sheet_consistent": found.consistent,
        "inconsistencies": [
            {
                "stage": i.stage,
                "candidate": i.candidate,
                "printed": _number(i.printed),
                "arithmetic": _number(i.arithmetic),
                "what": i.what,
            }
            for i in found.inconsistencies
        ],
        "pairing": [
            {"sheet": p.official, "ballots": p.blt_name, "sure": p.sure, "reason": p.reason}
            for p in found.pairing.pairings
        ],
        "notes": list(found.notes),
    }


def render_json(found: Audit) -> str:
    return json.dumps(audit_to_dict(found), indent=1, ensure_ascii=False)


__all__ = ["audit_to_dict", "render_json", "render_text"]
