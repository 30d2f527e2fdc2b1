"""Countback (votecount.countback): a vacancy filled by re-running the last count without the
member who left, as Labour fills NEC vacancies (counting-rules.md section 2)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import votecount
from helpers import DOCS
from nec_example import STV_MULTI, WOMEN_5, nec_profile
from votecount import Candidate, Profile
from votecount.cli import main
from votecount.constraints import Constraint, fill_vacancies
from votecount.errors import CandidateError, ConstraintError, RuleError, VotecountError
from votecount.formats import write
from votecount.result import Result
from votecount.strategies import Election, elections


def withdrawn(profile: Profile, *names: str) -> Profile:
    index = {c.name: i for i, c in enumerate(profile.candidates)}
    return profile.replace(withdrawn=profile.withdrawn | {index[n] for n in names})


def names(cands: tuple[Candidate, ...] | list[Candidate]) -> list[str]:
    return [c.name for c in cands]


# -- Labour's practice on the NEC example ---------------------------------------------------------


def nec_result() -> Result:
    return votecount.count(nec_profile(), "stv", preset="scottish-stv", seed=1, constraints=[WOMEN_5])


def test_a_woman_who_leaves_the_nec_is_replaced_by_the_rerun() -> None:
    result = nec_result()
    back = votecount.countback(result, "Owen")
    # the re-run is the last count again, with Owen withdrawn, under the same rule and seed
    again = votecount.count(
        withdrawn(nec_profile(), "Owen"), "stv", preset="scottish-stv", seed=1, constraints=[WOMEN_5]
    )
    assert back.rerun.rounds == again.rounds
    assert names(back.members) == [c for c in names(result.elected) if c != "Owen"]
    newcomers = [c for c in again.elected if c not in back.members]
    assert back.filled_by == (newcomers[0],)
    assert names(back.filled_by) == ["Patel"]
    assert sum(1 for c in back.elected if c.attributes["gender"] == "F") == 5
    assert "Patel" in repr(back) and "Owen" in repr(back)


def test_every_nec_countback_keeps_the_members_and_the_balance() -> None:
    result = nec_result()
    for member in result.elected:
        back = votecount.countback(result, member)
        assert set(back.members) == set(result.elected) - {member}
        assert len(back.elected) == 9 and member not in back.elected
        assert sum(1 for c in back.elected if c.attributes["gender"] == "F") >= 5


def test_two_vacancies_at_once() -> None:
    result = nec_result()
    back = votecount.countback(result, ["Adams", "Khan"])
    again = votecount.count(
        withdrawn(nec_profile(), "Adams", "Khan"), "stv", preset="scottish-stv", seed=1, constraints=[WOMEN_5]
    )
    assert back.rerun.rounds == again.rounds
    assert len(back.filled_by) == 2
    assert list(back.filled_by) == [c for c in again.elected if c not in back.members][:2]
    assert names(back.vacated) == ["Adams", "Khan"]
    twice = votecount.countback(result, ["Adams", "Adams"])
    assert twice.filled_by == votecount.countback(result, "Adams").filled_by


def test_only_a_member_can_vacate() -> None:
    result = nec_result()
    with pytest.raises(RuleError, match="Patel was not elected"):
        votecount.countback(result, "Patel")
    with pytest.raises(CandidateError, match="Nobody") as raised:
        votecount.countback(result, "Nobody")
    assert raised.value.candidate == "Nobody"


def test_a_result_not_from_count_cannot_be_recounted() -> None:
    bare = attrs.evolve(nec_result(), profile=None, call=None)
    with pytest.raises(RuleError, match="does not record how it was counted"):
        votecount.recount(bare)
    with pytest.raises(RuleError, match="does not keep its ballots"):
        votecount.countback(bare, "Owen")


def test_recount_repeats_the_count_and_takes_changes() -> None:
    result = nec_result()
    assert votecount.recount(result) == result
    fewer = votecount.recount(result, seats=8)
    again = votecount.count(
        nec_profile(), "stv", preset="scottish-stv", seed=1, constraints=[WOMEN_5], seats=8
    )
    assert fewer == again and fewer.seats == 8


# -- the same seed draws the same lots ------------------------------------------------------------


def tied_profile() -> Profile:
    # A has the quota alone; B, C and D tie, so who else sits is decided by lot, then and
    # in the re-run without A.
    return Profile.from_rankings("ABCD", [("A", 6), ("B", 3), ("C", 3), ("D", 3)])


def test_the_rerun_draws_the_same_lots_as_a_fresh_count_with_that_seed() -> None:
    fillers = set()
    for seed in range(12):
        result = votecount.count(tied_profile(), "scottish-stv", seats=2, seed=seed)
        back = votecount.countback(result, "A")
        again = votecount.count(withdrawn(tied_profile(), "A"), "scottish-stv", seats=2, seed=seed)
        assert back.rerun.rounds == again.rounds
        assert back.rerun.ties == again.ties and back.rerun.ties
        fillers.add(back.filled_by)
    assert len(fillers) > 1  # the lot, not the ballots, decides here: the seed matters


def test_an_explicit_tie_order_is_kept_in_the_rerun() -> None:
    result = votecount.count(tied_profile(), "scottish-stv", seats=2, tie_order=["B", "C", "D"])
    back = votecount.countback(result, "A")
    assert names(back.filled_by) == ["C"]  # B sits; C is next in the order given


# -- seat constraints bind the body, not the re-run alone --------------------------------------------


def test_a_newcomer_who_would_break_the_balance_is_passed_over() -> None:
    # 3 seats, at least 1 woman; 12 votes, quota 4. Elected: B, D (the only woman elected), E.
    # D leaves. The re-run (D withdrawn) elects B, then A and C; E is not re-elected but keeps
    # the seat. The first newcomer, A, would leave B, E, A: no woman. C fills the seat.
    cands = [Candidate(n, attributes={"gender": g}) for n, g in zip("ABCDE", "MMFFM", strict=True)]
    profile = Profile.from_rankings(cands, [("BDAE", 7), ("DB", 2), ("EBCD", 3)])
    result = votecount.count(profile, "scottish-stv", seats=3, constraints=[Constraint("gender", "F", 1)])
    assert names(result.elected) == ["B", "D", "E"]
    back = votecount.countback(result, "D")
    assert names(back.rerun.elected) == ["B", "A", "C"]
    assert names(back.members) == ["B", "E"]
    assert names(back.filled_by) == ["C"]


def test_fill_vacancies_without_a_way_to_meet_the_constraints_says_so() -> None:
    a, b, c = (Candidate(n, attributes={"gender": "M"}) for n in "ABC")
    with pytest.raises(ConstraintError, match="at least 1 of gender=F"):
        fill_vacancies([Constraint("gender", "F", 1)], [a], [b, c], 1)
    assert fill_vacancies([], [a], [b, c], 1) == (b,)


# -- properties --------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    election=elections(
        rules=STV_MULTI, constraints=None, attributes={"gender": ("F", "M")}, max_candidates=6
    ),
    data=st.data(),
)
def test_a_countback_never_unseats_a_remaining_member(election: Election, data: st.DataObject) -> None:
    try:
        result = election.count()
    except ConstraintError:
        return
    standing = len(election.profile.candidates) - len(election.profile.withdrawn)
    if len(result.elected) >= standing:
        return  # nobody is left to fill a seat
    gone = data.draw(st.lists(st.sampled_from(result.elected), min_size=1, max_size=2, unique=True))
    if standing - len(result.elected) < len(gone):
        gone = gone[:1]
    try:
        back = votecount.countback(result, gone)
    except VotecountError:
        return  # the field left cannot meet the constraints, or fill the seats: reported, not guessed
    assert set(back.members) == set(result.elected) - set(gone)
    assert len(back.elected) == len(result.elected)
    assert not set(back.filled_by) & set(result.elected)
    for k in election.constraints:
        n = sum(1 for c in back.elected if k.selects(c))
        assert n >= k.at_least and (k.at_most is None or n <= k.at_most)


# -- from the command line ---------------------------------------------------------------------------


def test_countback_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nec.blt"
    write(nec_profile(), path)
    constraints = tmp_path / "gender.toml"
    lines = ["[candidates]"]
    lines += [f'"{c.name}" = {{ gender = "{c.attributes["gender"]}" }}' for c in nec_profile().candidates]
    lines += ["", "[[constraint]]", 'attribute = "gender"', 'value = "F"', "at_least = 5"]
    constraints.write_text("\n".join(lines) + "\n", encoding="utf-8")
    common = [
        str(path),
        "--rule",
        "stv",
        "-o",
        "preset=scottish-stv",
        "--seed",
        "1",
        "--constraints",
        str(constraints),
    ]
    assert main(["count", *common, "--vacated", "Owen"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Countback: Owen vacated; filled by Patel\n")
    assert (
        "Members after the countback: Adams, Baker, Khan, Clark, Davies, Lewis, Morgan, Norris, Patel" in out
    )
    assert main(["count", *common, "--vacated", "Owen", "--vacated", "Adams", "-f", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["countback"]["vacated"] == ["Owen", "Adams"]
    assert len(document["countback"]["filled_by"]) == 2
    assert "Owen" not in document["countback"]["members"]
    assert main(["count", *common, "--vacated", "Owen", "-f", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("Countback: Owen vacated; filled by Patel")
    assert "Countback" not in captured.out and "Patel" in captured.out
    assert main(["count", *common, "--vacated", "Patel"]) == 2
    assert "Patel was not elected" in capsys.readouterr().err


def test_the_page_runs_as_written() -> None:
    page = DOCS / "countback.md"
    failures, tried = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 10 and failures == 0
