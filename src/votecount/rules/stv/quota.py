"""The quota: how many votes elect a candidate, from the votes counted and the seats.

Each rule of :attr:`~votecount.rules.stv.options.STVOptions.quota` is a formula over the
total ``v`` of votes (the valid poll, or the votes still held, as the rule says) and the
``n`` seats, worked in the count's arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

from votecount.numbers import Arithmetic, Value
from votecount.rules.stv.options import QuotaRule


def ascertain_quota(rule: QuotaRule, total: Value, seats: int, arith: Arithmetic) -> Value:
    """The quota under ``rule`` for ``seats`` seats, of ``total`` votes.

    - ``"droop"``: floor(v / (n + 1)) + 1 (SSI 2007/42 Sch. 1 r. 46; NI; Commonwealth
      Electoral Act 1918 s 273(8); ACT).
    - ``"droop-exact"``: v / (n + 1), unrounded (Meek; elected on exceeding it).
    - ``"hare"``: v / n.
    - ``"majority"``: v / 2 (the alternative vote; elected on exceeding it).
    - ``"ers97"``: v / (n + 1) to two decimal places; if not exact, the remainder ignored
      and 0.01 added (ERS97 5.1.6).
    - ``"nz"``: v / (n + 1) truncated to the count's places, plus one unit of the last place
      (New Zealand Meek).
    """
    exact_total = arith.exact(total)
    n = seats
    if rule == "droop":
        return arith.whole(int(exact_total // (n + 1)) + 1)
    if rule == "droop-exact":
        return arith.fraction(exact_total / (n + 1))
    if rule == "hare":
        return arith.fraction(exact_total / n)
    if rule == "majority":
        return arith.fraction(exact_total / 2)
    if rule == "ers97":
        q = exact_total / (n + 1)
        hundredths = q * 100
        if hundredths.denominator == 1:
            return arith.fraction(q)
        return arith.fraction(Fraction(int(hundredths) + 1, 100))
    places = arith.places if arith.places is not None else 9
    scale = 10**places
    return arith.fraction(Fraction(int(exact_total * scale / (n + 1)) + 1, scale))


__all__ = ["ascertain_quota"]
