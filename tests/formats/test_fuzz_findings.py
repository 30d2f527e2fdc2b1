"""Inputs the coverage-guided fuzzer (fuzz/run.py) found, kept as regression tests.

Each was minimised by the runner; the test says what it did before the fix and checks what it
does now, through the same entry point the fuzz target used.
"""

from __future__ import annotations

from votecount.formats import loads


def test_a_whole_total_made_of_fractional_counts_is_warned_about_not_a_type_error() -> None:
    """soi, 2026-12-03: five counts of .2 and one of 88,888,888,888 make a total that is a
    whole ``Fraction``; the implausible-total warning formatted it with ``,`` and raised
    ``TypeError`` (Fraction has no thousands separator in Python 3.11)."""
    data = b"#\n#NUMBER ALTERNATIVES:5\n.2:\n.2:\n.2:\n.2:\n.2:\n88888888888:"
    profile = loads(data, "soi")
    report = profile.validation
    assert report is not None and report.read == 88_888_888_889
    assert report.set_aside == report.read  # every line names no alternative: blank papers
    assert [w.code for w in report.warnings] == ["implausible-total"]
    assert "88,888,888,889 papers in all" in str(report.warnings[0])
