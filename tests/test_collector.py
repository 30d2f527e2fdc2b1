"""The collector paused for a read or a count, and what the block kept moved to the oldest
generation afterwards (votecount.collector)."""

import gc

import pytest

from votecount.collector import collector_paused


class _Kept:
    """A tracked object, to find among the collector's generations."""


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation=generation)):
            return generation
    return None


def test_the_collector_is_paused_in_the_block_and_running_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_the_block_kept_is_old_at_once() -> None:
    with collector_paused():
        kept = _Kept()
        assert _generation_of(kept) == 0
    assert _generation_of(kept) not in (0, None)  # tracked still, and no longer young
    assert gc.get_count()[0] < 700  # the young generation emptied: no walk of it due


def test_a_program_s_own_frozen_objects_stay_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            kept = _Kept()
        assert gc.get_freeze_count() == frozen  # not passed back into the generations
        assert _generation_of(kept) is not None  # and what the block made is tracked as usual
    finally:
        gc.unfreeze()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_in_the_block_still_restores_the_collector() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("stop")
    assert gc.isenabled()
