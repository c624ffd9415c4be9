"""Pausing the cyclic garbage collector while a long list is built or written.

Building 10,000 runs allocates a few hundred thousand container objects. With the
collector on, CPython runs a full collection each time the survivors grow by a
quarter, walking every object made so far, again and again: on a list of flow runs
that is half the time of a ``loads``. None of these objects form cycles, so
collecting during the build finds nothing; pausing it and letting the collector
run once afterwards saves that time without leaking anything.

The pause is process-wide (``gc.disable()``) and nests across threads: the first
bulk call in pauses, the last one out resumes, and only if the collector was on
when the first one came in. ``set_gc_pause(False)`` turns the behaviour off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "set_gc_pause"]

_lock = threading.Lock()
_depth = 0
_resume = False
_enabled = True


def set_gc_pause(enabled: bool) -> None:
    """Whether bulk list operations pause the garbage collector (default: yes)."""
    global _enabled
    _enabled = enabled


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the duration of the block (see module docs)."""
    global _depth, _resume
    if not _enabled:
        yield
        return
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
