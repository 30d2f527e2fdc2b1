"""Progress of a long read or count, shown on a terminal and nowhere else.

A count of a few thousand papers is over before anyone could read a progress line, and a
count whose output is piped, or written as JSON, must not have one mixed in. So a
:class:`TerminalProgress` prints only when its stream is a terminal, and only once the
work has run for ``delay`` seconds (two by default); before that, and for a pipe, it is
silent. :data:`NO_PROGRESS` is the reporter that never says anything, the default.

The protocol, for whoever reports (a reader, a rule):

- ``progress.update(what, done, total)``: ``what`` names the phase in a few words
  (``"reading ward.blt"``, ``"counting, stage 12"``); ``done`` and ``total`` are optional
  counts (lines or bytes read, of how many), shown as a percentage when both are given.
  Call it as often as is cheap; the reporter throttles what it prints. A reader ticking
  every few thousand lines, or a count every stage, is plenty.
- ``progress.finish()``: the work is over; a terminal reporter clears its line.

Code deep in a count does not take a ``progress`` argument through every layer: the
reporter in use is held in a context variable, set by :func:`reporting` (as
``votecount.count(..., progress=...)`` and the command line do) and read by
:func:`active`, much as :mod:`decimal` keeps its context. A reader calls
``active().update(f"reading {path}", lines_read)`` and needs nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TextIO

import attrs

DELAY = 2.0
"""Seconds of work before a terminal reporter starts printing."""

INTERVAL = 0.25
"""Least seconds between two progress lines, so that printing never slows the work."""


class Progress(Protocol):
    """What a reader or a count tells about its progress (see the module docstring)."""

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None: ...

    def finish(self) -> None: ...


@attrs.frozen
class NoProgress:
    """A reporter that says nothing: for libraries, pipes and short work."""

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
        return None

    def finish(self) -> None:
        return None


NO_PROGRESS = NoProgress()


@attrs.define
class TerminalProgress:
    """Rewrites one line of ``stream`` (``stderr``) with the latest phase, once the work has
    run ``delay`` seconds, and only if ``stream`` is a terminal. ``clock`` is injectable so
    that the delay can be tested without waiting."""

    stream: TextIO
    delay: float = DELAY
    interval: float = INTERVAL
    clock: Callable[[], float] = time.monotonic
    started: float = attrs.field(init=False)
    last: float | None = attrs.field(init=False, default=None)
    width: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        self.started = self.clock()

    def _is_terminal(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def update(self, what: str, done: int | None = None, total: int | None = None) -> None:
        now = self.clock()
        if now - self.started < self.delay:
            return
        if self.last is not None and now - self.last < self.interval:
            return
        if not self._is_terminal():
            return
        self.last = now
        text = f"votecount: {what}"
        if done is not None and total:
            text += f" ({done:,} of {total:,}, {100 * done // total}%)"
        elif done is not None:
            text += f" ({done:,})"
        text += f", {now - self.started:.0f} s"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def for_stream(stream: TextIO) -> Progress:
    """The reporter for ``stream``: on a terminal, a :class:`TerminalProgress`; else none."""
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty and isatty() else NO_PROGRESS


_ACTIVE: ContextVar[Progress] = ContextVar("votecount_progress", default=NO_PROGRESS)


def active() -> Progress:
    """The reporter in use here (set by :func:`reporting`), :data:`NO_PROGRESS` if none."""
    return _ACTIVE.get()


@contextmanager
def reporting(progress: Progress) -> Iterator[Progress]:
    """Use ``progress`` for the work done inside the ``with`` block, then restore the last."""
    token = _ACTIVE.set(progress)
    try:
        yield progress
    finally:
        _ACTIVE.reset(token)


__all__ = [
    "DELAY",
    "NO_PROGRESS",
    "NoProgress",
    "Progress",
    "TerminalProgress",
    "active",
    "for_stream",
    "reporting",
]
