"""The lines after a BLT file's ballots: one line per candidate, then the title.

Each line is quoted strings (``""`` a quote inside), the first the candidate's name and any
further ones a description (a party), or, unquoted, the whole line; in a comma-separated
file, its fields. Their count is checked, for a miscount shifts names silently: with one
name line missing, the title would be taken as the last candidate's name and every name
after the gap would move to the wrong candidate. Lines after the title are ignored (Droop's
test files keep notes there).
"""

from __future__ import annotations

from votecount.errors import BallotFileError
from votecount.formats._common import shown


def quoted_strings(line: str, *, comma: bool = False) -> list[str]:
    """The names on a line: quoted strings (``""`` is a quote inside), or the whole line
    (in a comma-separated file, its fields joined by spaces)."""
    text = line.strip()
    if not text.startswith('"'):
        if comma:
            fields = [f.strip() for f in text.split(",")]
            return [" ".join(f for f in fields if f)]
        return [text]
    out: list[str] = []
    i = 0
    while i < len(text) and text[i] == '"':
        j = i + 1
        chars: list[str] = []
        while j < len(text):
            if text[j] == '"':
                if text[j + 1 : j + 2] == '"':
                    chars.append('"')
                    j += 2
                    continue
                break
            chars.append(text[j])
            j += 1
        out.append("".join(chars))
        i = j + 1
        while i < len(text) and text[i] in " \t,":
            i += 1
    return out


def names_and_title(
    rows: list[tuple[int, str]], n: int, *, comma: bool, source: str | None, last: int
) -> tuple[list[list[str]], str]:
    """The strings of each of ``n`` candidates' lines, and the title, from ``rows`` (line
    number and text of up to ``n + 2`` lines after the ballots; ``last`` the number of the
    file's last line, for a file that ends too soon).

    Fewer than ``n`` lines, or exactly ``n`` (a name line or the title missing: votecount
    will not guess which), or a title shaped like every candidate's line (a name line too
    many) are refused with the line to look at.
    """
    if len(rows) < n:
        ends = f"the file ends after {len(rows)} of {n} candidate names"
        raise BallotFileError(ends, path=source, line=last)
    names = [quoted_strings(line, comma=comma) for _, line in rows[:n]]
    if len(rows) == n:
        last_line = rows[-1][0]
        last_name = (names[-1] or [""])[0]
        raise BallotFileError(
            f"{n} lines follow the ballots for {n} candidates and a title: either a "
            f"candidate's name line is missing, and the last line, {shown(last_name)}, "
            f"would be taken as candidate {n}'s name (moving every name after the gap to "
            "the wrong candidate), or the title line is missing; votecount will not guess "
            "which: add the missing line",
            path=source,
            line=last_line,
        )
    title_line, line = rows[n]
    _check_title_shape(names, title_line, line, comma=comma, source=source)
    if comma and not line.strip().startswith('"'):
        return names, line.strip().split(",")[0].strip()
    found = quoted_strings(line, comma=comma)
    return names, found[0] if found else ""


def _check_title_shape(
    names: list[list[str]], number: int, line: str, *, comma: bool, source: str | None
) -> None:
    """Refuse a title line shaped like every candidate's line (two or more quoted strings,
    name and party): a name line too many has made the last candidate's line the title and
    shifted the names."""
    shaped = all(len(strings) > 1 for strings in names)
    if shaped and line.strip().startswith('"') and len(quoted_strings(line, comma=comma)) > 1:
        raise BallotFileError(
            f"the line taken as the title, {shown(line.strip())}, is shaped like a "
            "candidate's line (a name and more): is there one name line too many, so that "
            "names have moved to the wrong candidates? Remove the extra line",
            path=source,
            line=number,
        )


__all__ = ["names_and_title", "quoted_strings"]
