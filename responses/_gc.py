"""An opt-in pause of the cyclic garbage collector around one call.

Building 10,000 runs allocates a few hundred thousand containers; with the
collector on, CPython walks all of them again each time the survivors grow by a
quarter, finding nothing (these objects form no cycles). A caller who knows that
trade may ask a converter (``gc_pause=True``) or a single call to pause the
collector. Nothing here runs unless asked: the collector is interpreter-wide,
and a library must not switch it off behind its host's back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["call_with_gc_paused"]

T = TypeVar("T")


def call_with_gc_paused(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` with the collector off, restored exactly on every exit.

    The collector is turned off only if it was on, and turned back on only by the
    call that turned it off. An exception raised asynchronously (``KeyboardInterrupt``
    from a signal handler) while it is being turned back on is held until the
    collector is on again, then re-raised. (The retry loop is written inline: a call
    to a helper could itself be where the interrupt lands, before the helper's ``try``.)
    """
    if not gc.isenabled():
        return function(*args)
    pending: BaseException | None = None
    try:
        gc.disable()
        return function(*args)
    finally:
        while True:
            try:
                gc.enable()
                break
            except BaseException as exc:  # noqa: BLE001 - re-raised once the collector is on
                pending = exc
        if pending is not None:
            raise pending
