"""Python's cyclic garbage collector paused while a file is read or a count runs.

A count makes objects by the ten thousand (parcels, runs, lists of ballots) and few
reference cycles, while the profile it reads holds hundreds of thousands more. The
collector, started every 700 new objects, would walk those again and again: in a fresh
process, straight after reading a large file, that was more than half of an IRV count's
time, and a quarter of reading one (:mod:`votecount.formats` pauses it the same way). What
cycles are left are collected as usual once the count or the read has finished.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (if it was running)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["collector_paused"]
