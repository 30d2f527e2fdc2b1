"""BLT name lines miscounted: a missing or extra line must never shift names onto the wrong
candidates (issue 11: a ward title once stood as a candidate and the wrong councillor won)."""

from __future__ import annotations

from pathlib import Path

import pytest

import votecount
from helpers import reading_error, shared_path
from votecount.cli import main
from votecount.formats import loads

error_of = reading_error("blt")

BALLOTS = "3 1\n3 1 0\n4 2 0\n2 3 0\n0\n"
WHOLE = BALLOTS + '"Alice"\n"Bob"\n"Carol"\n"Ward 1"\n'
BOB_MISSING = BALLOTS + '"Alice"\n"Carol"\n"Ward 1"\n'


def test_the_whole_file_elects_bob() -> None:
    result = votecount.count(loads(WHOLE, "blt"), rule="irv")
    assert [c.name for c in result.elected] == ["Bob"]


@pytest.mark.parametrize("policy", ["returning-officer", "strict", "as-cast"])
def test_a_missing_name_line_is_refused_not_shifted(policy: str) -> None:
    err = error_of(BOB_MISSING, policy=policy)
    assert err.line == 8
    assert "'Ward 1'" in str(err) and "candidate 3's name" in str(err)
    assert "title line is missing" in str(err)


def test_a_missing_title_alone_is_refused_too() -> None:
    err = error_of(WHOLE.replace('"Ward 1"\n', ""))
    assert err.line == 8 and "'Carol'" in str(err)


def test_an_extra_name_line_shaped_like_a_candidate_is_refused() -> None:
    names = '"Alice" "Red"\n"Bob" "Blue"\n"Carol" "Green"\n'
    assert loads(BALLOTS + names + '"Ward 1"\n', "blt").title == "Ward 1"
    err = error_of(BALLOTS + '"Alice" "Red"\n"Alice" "Red"\n"Bob" "Blue"\n"Carol" "Green"\n"Ward 1"\n')
    assert err.line == 9 and "one name line too many" in str(err)


def test_validate_and_count_say_so_with_exit_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "ward.blt"
    bad.write_text(BOB_MISSING, encoding="utf-8")
    for argv in (["validate", str(bad)], ["count", str(bad), "--rule", "irv"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"{bad}, line 8" in err and "'Ward 1'" in err and "Traceback" not in err


def test_a_real_scottish_ward_with_a_name_line_deleted_is_refused(tmp_path: Path) -> None:
    source = shared_path("scottish", "blt", "10_cands", "aberdeen_2017_ward12.blt")
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    whole = votecount.read(source)
    assert whole.title == "Torry/Ferryhill Ward" and len(whole.candidates) == 10
    second = lines.index(whole.candidates[1].name + "\n")  # ValueError if the file changed
    damaged = tmp_path / "ward12.blt"
    damaged.write_text("".join(lines[:second] + lines[second + 1 :]), encoding="utf-8")
    with pytest.raises(votecount.BallotFileError) as info:
        votecount.read(damaged)
    assert info.value.line == len(lines) - 1
    assert "Torry/Ferryhill Ward" in str(info.value) and "candidate 10's name" in str(info.value)
