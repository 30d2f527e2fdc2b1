"""JSON: profiles, and results built by hand, round-trip exactly (types included)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from votecount import (
    BallotFileError,
    Candidate,
    Event,
    Profile,
    RankedBallot,
    Result,
    Round,
    TieRecord,
    Transfer,
)
from votecount.errors import ResultFileError
from votecount.formats import dumps, loads
from votecount.formats.jsonio import (
    number_from_json,
    number_to_json,
    result_from_json,
    result_to_dict,
    result_to_json,
)
from votecount.validation import BallotProblem, ValidationReport

ANN = Candidate("Ann", "a", {"gender": "F"})
BOB = Candidate("Bob")
CAT = Candidate("Cat", "c")


def hand_made_result() -> Result:
    quota = Decimal("34.00001")
    first = Round(
        1,
        "first preferences",
        {ANN: 40, BOB: 30, CAT: 30},
        changes={ANN: 40, BOB: 30, CAT: 30},
        quota=quota,
        events=(Event("elected", ANN, "reached the quota"),),
    )
    tv = Fraction(5999, 40000)
    second = Round(
        2,
        "surplus of Ann",
        {ANN: quota, BOB: Decimal("35.99999"), CAT: 30},
        changes={ANN: Decimal("-5.99999"), BOB: Decimal("5.99999")},
        exhausted=Fraction(1, 3),
        lost_to_fractions=Decimal("0.00001"),
        exhausted_change=Fraction(1, 3),
        lost_change=Decimal("0.00001"),
        quota=quota,
        transfers=(
            Transfer(ANN, "surplus", 40, {BOB: Decimal("5.99999")}, Fraction(1, 3), Decimal("0.00001"), tv),
        ),
        events=(Event("elected", BOB, "reached the quota"), Event("excluded", CAT, "lowest")),
        sections={"members": {ANN: 20, BOB: Fraction(7, 2)}, "affiliates": {CAT: 1}},
    )
    return Result(
        rule="scottish-stv",
        candidates=(ANN, BOB, CAT),
        seats=2,
        elected=(ANN, BOB),
        rounds=(first, second),
        valid_poll=100,
        options={
            "places": 5,
            "quota": "droop",
            "threshold": Fraction(1, 2),
            "tolerance": Decimal("0.0001"),
            "order": ("a", "Bob"),
            "excluded_first": CAT,
            "flags": {"x": True},
        },
        quota=quota,
        ties=(TieRecord(2, "exclude", (BOB, CAT), "earlier stages", (BOB, CAT)),),
        tie_policy="lot (seed 7)",
        places=5,
        title="Ward 9",
        notes=("a note",),
        withdrawn=(),
        validation=ValidationReport(
            "w.blt",
            101,
            99,
            {"equal rankings": 1},
            {"blank paper": 1},
            (BallotProblem("blank paper", "set aside", 1, 12, ""),),
            "returning-officer",
            60,
        ),
    )


def test_result_round_trips_exactly_with_types() -> None:
    result = hand_made_result()
    back = result_from_json(result_to_json(result))
    assert back == result
    assert type(back.valid_poll) is int
    assert type(back.quota) is Decimal and str(back.quota) == "34.00001"
    assert type(back.rounds[1].exhausted) is Fraction
    assert back.rounds[1].transfers[0].transfer_value == Fraction(5999, 40000)
    assert back.options["order"] == ("a", "Bob") and back.options["excluded_first"] == CAT
    assert back.options["threshold"] == Fraction(1, 2)
    assert back.validation == result.validation


def test_result_document_says_what_a_reader_needs() -> None:
    doc = json.loads(result_to_json(hand_made_result()))
    assert doc["elected"] == ["Ann", "Bob"]
    assert doc["rule"] == "scottish-stv" and doc["seats"] == 2
    assert doc["quota"] == "34.00001" and doc["valid_poll"] == 100
    assert doc["options"]["threshold"] == "1/2" and doc["option_types"]["threshold"] == "Fraction"
    assert doc["rounds"][1]["votes"] == {"a": "34.00001", "Bob": "35.99999", "c": 30}
    assert doc["rounds"][1]["elected"] == ["Bob"] and doc["rounds"][1]["excluded"] == ["Cat"]
    assert doc["ties"][0]["order"] == ["Bob", "c"]
    assert doc["validation"]["rejected"] == {"blank paper": 1}


def test_options_that_are_not_json_values_are_described() -> None:
    class Policy:
        def describe(self) -> str:
            return "explicit order (Ann, Bob)"

    result = Result("fptp", (ANN,), 1, (ANN,), (), 1, options={"ties": Policy(), "f": 0.5})
    doc = result_to_dict(result)
    assert doc["options"]["ties"] == "explicit order (Ann, Bob)" and doc["option_types"]["ties"] == "repr"
    assert result_from_json(result_to_json(result)).options == {"ties": "explicit order (Ann, Bob)", "f": 0.5}


@pytest.mark.parametrize("value", [0, 7, Fraction(1, 3), Fraction(4, 1), Decimal("1.50000"), Decimal("-2")])
def test_numbers_keep_their_type(value: int | Fraction | Decimal) -> None:
    back = number_from_json(json.loads(json.dumps(number_to_json(value))))
    assert back == value and type(back) is type(value)
    if isinstance(value, Decimal):
        assert str(back) == str(value)


def test_profile_json_reads_decimal_weights_exactly_and_reports_unknown_ids() -> None:
    text = json.dumps(
        {
            "candidates": [{"name": "Ann", "id": "a"}, "Bob"],
            "seats": 1,
            "ballots": [
                {"ranking": ["a", "Bob"], "weight": "2/3"},
                {"ranking": ["Bob"], "weight": 1.25},
                {"ranking": ["zed", "a"]},
            ],
        }
    )
    p = loads(text, "json")
    assert p.total_weight == Fraction(2, 3) + Fraction(5, 4)
    assert p.validation is not None and p.validation.rejected == {"no valid first preference": 1}
    profile = Profile([ANN, BOB], [RankedBallot((0, 1), Fraction(1, 7), "x")], seats=1)
    assert loads(dumps(profile, "json"), "json") == profile


def test_bad_json_names_the_line() -> None:
    with pytest.raises(BallotFileError) as info:
        loads('{\n "candidates": [\n  "A",\n ]\n}', "json", source="p.json")
    assert info.value.line == 4 and info.value.path == "p.json"
    with pytest.raises(BallotFileError, match="not a number"):
        loads('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": true}]}', "json")
    with pytest.raises(BallotFileError, match="negative"):
        loads('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": -1}]}', "json")
    with pytest.raises(BallotFileError, match="profile"):
        loads('{"ballots": []}', "json")


def test_invalid_ballots_in_json_carry_their_line() -> None:
    profile = Profile("ABC", [RankedBallot((0, 1), 2), RankedBallot((2,), 1)], seats=1)
    text = dumps(profile, "json").replace('["C"]', '["Z"]')
    line = next(n for n, t in enumerate(text.split("\n"), 1) if '"Z"' in t)
    report = loads(text, "json").validation
    assert report is not None
    assert [(p.line, p.reason) for p in report.problems] == [(line, "no valid first preference")]
    with pytest.raises(BallotFileError) as info:
        loads(text.replace('"weight": 2', '"weight": "two"'), "json")
    assert info.value.line == line - 1


def test_results_of_every_registered_rule_round_trip() -> None:
    from importlib import resources

    import votecount
    from votecount.errors import RuleError
    from votecount.rules import RULES

    ranked = votecount.read(str(resources.files("votecount.examples").joinpath("riverside.blt")))
    totals = Profile.from_totals({c.name: 10 * (i + 1) for i, c in enumerate(ranked.candidates)})
    checked = 0
    for name, spec in sorted(RULES.items()):
        profile = totals if spec.ballots == "plurality" else ranked
        for seats in (1, 3):
            try:
                extra = {"marks": seats} if name == "limited" else {}
                result = votecount.count(profile, name, seats=seats, seed=1, **extra)
            except RuleError:
                continue
            assert result_from_json(result_to_json(result)) == result, (name, seats)
            assert json.loads(result_to_json(result))["elected"] == [c.name for c in result.elected]
            checked += 1
    if checked == 0:
        pytest.skip("no counting rule is registered yet")


# Damaged documents: each raises the library's own error, naming the key (and line).


def profile_error(text: str) -> BallotFileError:
    with pytest.raises(BallotFileError) as info:
        loads(text, "json", source="p.json")
    assert info.value.path == "p.json"
    return info.value


@pytest.mark.parametrize(
    "doc, words",
    [
        ('{"candidates": {"A": 1}}', "candidates: expected a list, found an object"),
        ('{"candidates": [{"id": "a"}]}', "candidates[0].name: missing"),
        ('{"candidates": [["A"]]}', "candidates[0]: expected an object, found a list"),
        ('{"candidates": ["A"], "ballots": {"ranking": ["A"]}}', "ballots: expected a list"),
        ('{"candidates": ["A"], "ballots": [["A"]]}', "ballots[0]: expected an object"),
        ('{"candidates": ["A"], "ballots": [{"ranking": "A"}]}', "ballots[0].ranking: expected a list"),
        ('{"candidates": ["A"], "ballots": [{"weight": 1}]}', "ballots[0].ranking: missing"),
        ('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": [1]}]}', "a list is not a number"),
        ('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": "1/0"}]}', "divides by zero"),
        ('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": NaN}]}', "is not a number"),
        ('{"candidates": ["A"], "ballots": [{"ranking": ["A"], "weight": "\u0663"}]}', "is not a number"),
        ('{"candidates": ["A"], "withdrawn": ["Z"]}', "withdrawn[0]: 'Z' is not a candidate"),
        ('{"candidates": ["A"], "tie_order": "A"}', "tie_order: expected a list, found text"),
        ('{"candidates": ["A"], "seats": "2"}', "seats: expected a whole number, found text"),
        ('{"candidates": ["A"], "seats": 0}', "seats: at least 1 seat"),
        ('{"candidates": ["A"], "title": ["T"]}', "title: expected text, found a list"),
        ('{"candidates": ["A"], "seats": ' + "9" * 5000 + "}", "not valid JSON"),
        ("[" * 1000 + "]" * 1000, "nested too deeply"),
        ('{"candidates": ["A"], "seats": 1e999999999999999999999}', "exponent is out of range"),
        ('{"format": ["votecount-profile"]}', "not a votecount profile (format a list)"),
        ('{"candidates": ["A", {"name": "B", "id": "A"}]}', "candidate ids must be unique"),
    ],
)
def test_a_damaged_profile_names_the_key(doc: str, words: str) -> None:
    assert words in profile_error(doc).reason


def test_a_ballot_error_names_the_ballot_line() -> None:
    text = '{"candidates": ["A"],\n "ballots": [\n  {"ranking": ["A"]},\n  {"ranking": "A"}\n ]}'
    err = profile_error(text)
    assert err.line == 4 and "ballots[1].ranking" in err.reason


def result_error(text: str) -> ResultFileError:
    with pytest.raises(ResultFileError) as info:
        result_from_json(text, source="r.json")
    assert info.value.path == "r.json"
    return info.value


def damaged(change: Callable[[dict[str, Any]], object]) -> str:
    doc = result_to_dict(hand_made_result())
    change(doc)
    return json.dumps(doc)


@pytest.mark.parametrize(
    "change, key, words",
    [
        (lambda d: d.pop("rounds"), "rounds", "missing"),
        (lambda d: d.update(rounds={}), "rounds", "expected a list, found an object"),
        (lambda d: d["rounds"][1]["votes"].update(Zed=1), "rounds[1].votes.Zed", "not a candidate"),
        (lambda d: d["rounds"][0]["votes"].update(a=1.5), "rounds[0].votes.a", "not an exact number"),
        (lambda d: d["rounds"][0]["votes"].update(a="1/0"), "rounds[0].votes.a", "divides by zero"),
        (lambda d: d["rounds"][0]["votes"].update(a="NaN"), "rounds[0].votes.a", "not an exact number"),
        (lambda d: d["rounds"][0]["votes"].update(a="x"), "rounds[0].votes.a", "not an exact number"),
        (lambda d: d["rounds"][0]["votes"].update(a=None), "rounds[0].votes.a", "missing (null)"),
        (lambda d: d["rounds"][0].update(number="1"), "rounds[0].number", "expected a whole number"),
        (lambda d: d["rounds"][1]["transfers"][0].update(source="Z"), "rounds[1].transfers[0].source", "'Z'"),
        (lambda d: d["rounds"][0]["events"][0].pop("reason"), "rounds[0].events[0].reason", "missing"),
        (lambda d: d.update(elected_ids=["Zed"]), "elected_ids[0]", "'Zed' is not a candidate"),
        (lambda d: d.update(elected_ids=None, elected=["Zed"]), "elected", "not a candidate"),
        (lambda d: d["candidates"].append(["Zed"]), "candidates[3]", "expected an object"),
        (lambda d: d["option_types"].update(order="set"), "options.order", None),
        (
            lambda d: (d["option_types"].update(order="set"), d["options"].update(order=[[1]])),
            "options.order",
            "a set holds",
        ),
        (lambda d: d["ties"][0].update(order="Bob"), "ties[0].order", "expected a list"),
        (lambda d: d["validation"].update(read="1.5"), "validation.read", "a weight is a whole number"),
        (lambda d: d["validation"]["problems"][0].update(line="12"), "validation.problems[0].line", "whole"),
        (lambda d: d.update(format="votecount-profile"), "format", "not a votecount result"),
        (lambda d: d.update(seats=True), "seats", "expected a whole number, found true/false"),
    ],
)
def test_a_damaged_result_names_the_key(
    change: Callable[[dict[str, Any]], object], key: str, words: str | None
) -> None:
    text = damaged(change)
    if words is None:  # a set of plain values is restored as one
        assert result_from_json(text).options["order"] == frozenset({"a", "Bob"})
        return
    err = result_error(text)
    assert err.key == key and words in err.reason


def test_a_result_that_is_not_json_names_the_line() -> None:
    err = result_error('{\n "format": "votecount-result",\n "rounds": [\n}')
    assert err.line == 4 and "not valid JSON" in err.reason
    assert "nested too deeply" in result_error("[" * 1000 + "]" * 1000).reason
    assert result_error("[]").reason == "expected an object, found a list"
    with pytest.raises(ResultFileError, match="not valid JSON"):
        result_from_json('{"valid_poll": ' + "9" * 5000 + "}")
    with pytest.raises(ResultFileError, match="divides by zero"):
        number_from_json("1/0")
