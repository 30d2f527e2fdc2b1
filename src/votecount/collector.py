"""Python's cyclic garbage collector paused while a file is read or a count runs.

A count makes objects by the ten thousand (parcels, runs, lists of ballots) and few
reference cycles, while the profile it reads holds hundreds of thousands more. The
collector, started every 700 new objects, would walk those again and again: in a fresh
process, straight after reading a large file, that was more than half of an IRV count's
time, and a quarter of reading one (:mod:`votecount.formats` pauses it the same way).

When the pause ends, what the block made and kept (a profile's ballots, a result's
records) is long-lived by construction: it is moved to the collector's oldest generation
at once, as surviving two collections would have moved it, rather than walked by the
first young collection after the pause (about a tenth of reading a large file). Cycles
left among those objects are collected by the next full collection, as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (if it was running), and
    afterwards count what the block made among the old objects (see the module's note)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # nothing frozen by the program: the permanent
            gc.freeze()  # generation is ours to pass through; everything tracked goes there
            gc.unfreeze()  # and back into the oldest generation, the young ones emptied
        if enabled:
            gc.enable()


__all__ = ["collector_paused"]
