"""``votecount --version`` and ``votecount generate``: the seeded models from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

import votecount
from votecount import generate
from votecount.cli import main
from votecount.formats import loads


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"votecount {votecount.__version__}"


def test_generate_writes_what_the_python_model_gives(tmp_path: Path) -> None:
    out = tmp_path / "w.blt"
    argv = ["generate", "--candidates", "5", "--voters", "400", "--seed", "7", "--lengths", "scottish"]
    assert main([*argv, "--seats", "2", "--output", str(out)]) == 0
    expected = generate.plackett_luce(
        5, 400, generate.popularity(5, 1.0), seed="7", lengths=generate.Lengths.scottish(), seats=2
    )
    written = votecount.read(out)
    assert written.ballots == expected.ballots and written.seats == 2
    assert written.total_weight == 400
    again = tmp_path / "again.blt"
    assert main([*argv, "--seats", "2", "--output", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()  # same seed, same file
    other = tmp_path / "other.blt"
    assert main([*argv[:-3], "9", "--lengths", "scottish", "--seats", "2", "-o", str(other)]) == 0
    assert other.read_bytes() != out.read_bytes()


@pytest.mark.parametrize(
    ("model", "extra"),
    [
        ("impartial", []),
        ("plackett-luce", ["--strengths", "4,3,2,1"]),
        ("slates", ["--bloc", "0.6:Ann,Cat", "--bloc", "0.4:Bob,Dan:4"]),
        ("spatial", ["--positions=-1,-0.2,0.3,1"]),
    ],
)
@pytest.mark.parametrize("suffix", [".blt", ".csv", ".soi", ".json"])
def test_every_model_writes_every_format(tmp_path: Path, model: str, extra: list[str], suffix: str) -> None:
    out = tmp_path / f"w{suffix}"
    argv = ["generate", "-m", model, "-c", "Ann,Bob,Cat,Dan", "-n", "300", "--seed", "3", *extra]
    if suffix == ".soi":
        argv += ["--lengths", "up-to:3"]
    assert main([*argv, "-o", str(out)]) == 0
    profile = votecount.read(out)
    assert [c.name for c in profile.candidates] == ["Ann", "Bob", "Cat", "Dan"]
    assert profile.total_weight == 300


def test_plurality_papers_and_printing_to_the_screen(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["generate", "-c", "3", "-n", "50", "--seed", "1", "--ballots", "plurality", "-f", "csv"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    profile = loads(printed, "csv")
    assert profile.kind == "plurality" and profile.total_weight == 50


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--lengths", "exactly:0"], "a ballot has at least one preference"),
        (["--lengths", "bogus"], "is not one of full, scottish"),
        (["-m", "slates"], "needs at least one --bloc"),
        (["-m", "slates", "--bloc", "0.5:Zed"], "unknown candidates ['Zed']"),
        (["-m", "spatial", "--positions", "1,2"], "2 positions for 6 candidates"),
    ],
)
def test_impossible_arguments_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["generate", "--seed", "1", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("votecount: error: ") and message in err
