"""Example elections that ship with votecount (``votecount count --example``).

``riverside.blt`` is an invented three-seat ward of 2,283 papers and six candidates, small
enough to check by hand, with surpluses and exclusions to show a full STV count sheet.
"""
