"""Constraints as people write them: command-line text and TOML files (votecount.constraint_files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from votecount import Candidate, ConstraintError, Profile
from votecount.constraint_files import apply_attributes, load_constraint_file, parse_constraint
from votecount.constraints import Constraint

WOMEN_3 = Constraint("gender", "F", at_least=3)


def test_parse_constraint_from_the_command_line():
    assert parse_constraint("gender=F:3") == WOMEN_3
    assert parse_constraint("gender=M:3", kind="at_most") == Constraint("gender", "M", at_most=3)
    assert parse_constraint(" region = North East : 1") == Constraint("region", "North East", 1)
    # the last colon separates the number, so values may contain colons
    assert parse_constraint("slate=A:B:2").value == "A:B"


@pytest.mark.parametrize(
    "text",
    [
        "gender=F",
        "genderF:3",
        "=F:3",
        "gender=:3",
        "gender=F:three",
        "gender=F:\u00b2",  # superscript two: isdigit(), but int() refuses it
        "gender=F:\u0663",  # Arabic-Indic three: int() would take it
        "gender=F:" + "9" * 5000,
    ],
)
def test_parse_constraint_rejects_unreadable_text_saying_how_to_write_it(text):
    with pytest.raises(ConstraintError, match="cannot read constraint"):
        parse_constraint(text)


# -- the constraint file ----------------------------------------------------------------

NPF_TOML = """\
# NPF 2012, East Midlands: 4 seats, at least 2 women
[candidates]
Furlong = { gender = "M" }
"Brookfield" = { gender = "F", region = "East Midlands" }

[[constraint]]
attribute = "gender"
value = "F"
at_least = 2

[[constraint]]
attribute = "gender"
value = "M"
at_most = 2
"""


def write(tmp_path: Path, text: str, name: str = "constraints.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_constraint_file(tmp_path):
    attributes, constraints = load_constraint_file(write(tmp_path, NPF_TOML))
    assert attributes == {
        "Furlong": {"gender": "M"},
        "Brookfield": {"gender": "F", "region": "East Midlands"},
    }
    assert constraints == (
        Constraint("gender", "F", at_least=2),
        Constraint("gender", "M", at_most=2),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[candidates\n", r"not valid TOML.*line 1"),
        ("[[constraint]]\nattribute = 'gender'\nvalue = 'F'\n", "constraint 1: give at_least"),
        ("[[constraint]]\nattribute = 'gender'\nat_least = 1\n", "constraint 1: missing value"),
        ("[[constraint]]\nattribute='g'\nvalue='F'\nat_lest=1\n", "unknown key.*at_lest"),
        ("[[constraint]]\nattribute='g'\nvalue='F'\nat_least=-1\n", "constraint 1: at_least cannot"),
        ("[seats]\nn = 3\n", "unknown section"),
        ("[candidates]\nA = 'F'\n", "candidate 'A': attributes must be a table"),
    ],
)
def test_constraint_file_errors_name_the_file_and_the_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConstraintError, match=message) as info:
        load_constraint_file(path)
    assert str(path) in str(info.value)


def test_a_missing_constraint_file_is_named(tmp_path):
    with pytest.raises(ConstraintError, match=r"nothing\.toml"):
        load_constraint_file(tmp_path / "nothing.toml")


def test_apply_attributes_adds_to_the_candidates_by_name_or_id():
    profile = Profile.from_marks(
        [Candidate("Furlong", attributes={"region": "EM"}), Candidate("Brookfield", id="b1")],
        [(["Furlong"], 3), (["Brookfield"], 2)],
    )
    out = apply_attributes(profile, {"Furlong": {"gender": "M"}, "b1": {"gender": "F"}})
    assert dict(out.candidates[0].attributes) == {"gender": "M", "region": "EM"}
    assert dict(out.candidates[1].attributes) == {"gender": "F"}
    assert out.ballots == profile.ballots
    assert profile.candidates[0].attributes == {"region": "EM"}  # the original is untouched


def test_apply_attributes_names_the_file_for_an_unknown_candidate():
    profile = Profile.from_marks(["Furlong", "Glover"], [(["Furlong"], 3)])
    with pytest.raises(ConstraintError, match=r"npf\.toml: unknown candidate\(s\) 'Furlog'"):
        apply_attributes(profile, {"Furlog": {"gender": "M"}}, source="npf.toml")


def test_attributes_read_from_a_file_name_it_when_a_candidate_is_unknown(tmp_path):
    path = write(tmp_path, NPF_TOML)
    attributes, _ = load_constraint_file(path)
    profile = Profile.from_marks(["Furlong", "Glover"], [(["Furlong"], 3)])
    with pytest.raises(ConstraintError, match=r"unknown candidate.*'Brookfield'") as info:
        apply_attributes(profile, attributes)
    assert str(info.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[candidates]\nA = { gender = 'F\xff' }\n", "not valid TOML: byte 0xff on line 2 is not UTF-8"),
        (b"x = " + b"[" * 1000 + b"]" * 1000, "nested too deeply"),
        (b"[[constraint]]\nattribute='g'\nvalue='F'\nat_least=" + b"9" * 5000, "not valid TOML"),
        (b"[[constraint]]\nattribute=['g']\nvalue='F'\nat_least=1\n", "attribute must be text"),
        (b"[[constraint]]\nattribute='g'\nvalue={F=1}\nat_least=1\n", "value must be text"),
        (b"[[constraint]]\nattribute='g'\nvalue='F'\nat_least=1.5\n", "at_least must be a whole number"),
        (b"[[constraint]]\nattribute='g'\nvalue='F'\nat_most=inf\n", "at_most must be a whole number"),
        (b"constraint = [1]\n", "constraint 1: expected a table"),
        (b"candidates = [1]\n", "[candidates] must be a table"),
    ],
)
def test_a_hostile_constraint_file_is_a_constraint_error(tmp_path, data, message):
    path = tmp_path / "c.toml"
    path.write_bytes(data)
    with pytest.raises(ConstraintError) as info:
        load_constraint_file(path)
    assert message in str(info.value) and str(info.value).startswith(f"{path}: ")
