"""The command line reading tables: the flags that say what the header does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from form_exports import CANDIDATES, position_columns, table
from votecount.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_a_form_export_counts_and_validates_with_its_candidate_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = position_columns()
    rows[2][2] = "bob li"  # merged, and reported
    rows[3][2] = "Carole King"  # not listed: reported with the nearest
    form = tmp_path / "form.csv"
    form.write_text(table(rows), encoding="utf-8")
    listed = tmp_path / "standing.txt"
    listed.write_text("\n".join(CANDIDATES) + "\n", encoding="utf-8")
    status, out, _ = run(["validate", str(form), "--candidates", str(listed)], capsys)
    assert status == 0
    assert "4 candidates" in out
    assert "line 3: 'bob li' read as 'Bob Li' (they differ only in case)" in out
    assert "line 4: 'Carole King' is not a listed candidate (nearest: 'Carol King')" in out
    status, out, _ = run(
        ["count", str(form), "-r", "irv", "--seed", "1", "--candidates", ",".join(CANDIDATES)], capsys
    )
    assert status == 0 and "Carol King" in out


def test_rank_id_and_ignored_columns_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "kept.csv"
    path.write_text(
        table([["Who", "Notes", "Top", "Next"], ["V1", "late", "Ann", "Bob"], ["V2", "", "", "Ann"]])
    )
    status, _, err = run(["validate", str(path)], capsys)
    assert status == 2 and "--rank-columns" in err
    flags = ["--rank-columns", "Top,Next", "--id-column", "Who", "--ignore-columns", "Notes"]
    status, out, _ = run(["validate", str(path), *flags], capsys)
    assert status == 0 and "line 3 (ballot V2)" in out


def test_a_layout_flag_says_what_the_cells_cannot(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ones.csv"
    path.write_text("Ann,Bob\n1,\n,1\n1,\n")
    status, _, err = run(["count", str(path), "--rule", "sntv", "--seats", "1"], capsys)
    assert status == 2 and "--layout marks" in err
    status, out, _ = run(["count", str(path), "--rule", "sntv", "--seats", "1", "--layout", "marks"], capsys)
    assert status == 0 and "Ann" in out


def test_a_table_flag_for_a_file_that_is_not_a_table_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "e.blt"
    path.write_text('2 1\n1 1 2 0\n0\n"A"\n"B"\n"E"\n')
    status, _, err = run(["validate", str(path), "--layout", "ranks"], capsys)
    assert status == 2 and "--layout does not apply to blt files" in err


def test_every_python_argument_a_table_hint_names_exists() -> None:
    """The readers' hints name keyword arguments (``layout=``, ``rank_columns=``...) as well as
    flags: each must be an argument of the CSV and spreadsheet readers."""
    import inspect
    import re

    from votecount.formats import columns, csv, names, spreadsheet, table

    argument = re.compile(r"\b([a-z_]+)=(?:'|,|\)| \()")
    named = set()
    for module in (columns, table, names, spreadsheet, csv):
        named |= set(argument.findall(inspect.getsource(module)))
    assert {"layout", "rank_columns", "id_column", "ignore_columns", "candidates"} <= named
    for reader in (csv.parse_csv, spreadsheet.parse_xlsx, spreadsheet.parse_ods):
        assert named <= set(inspect.signature(reader).parameters)
