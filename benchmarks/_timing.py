"""Fair timing: collected heaps, interleaved pairs, medians with their spread."""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any, Literal

Collector = Literal["on", "paused"]


def timed(
    function: Callable[[Any], Any], argument: Any, *, repeat: int = 1, collector: Collector = "on"
) -> float:
    """Seconds per call, over ``repeat`` calls started on a collected heap; outputs are
    dropped as they come (as a service drops each response) and collected outside the
    timed window. With ``collector="paused"`` the cyclic collector is off while the
    calls run, whoever the contender is."""
    gc.collect()
    paused = collector == "paused"
    if paused:
        gc.disable()
    try:
        start = perf_counter()
        for _ in range(repeat):
            function(argument)
        elapsed = perf_counter() - start
    finally:
        if paused:
            gc.enable()
    gc.collect()
    return elapsed / repeat


@dataclass
class Pair:
    """Interleaved timings of A and B, and per-round ratios ``time(B) / time(A)``
    (above 1 means A is faster)."""

    times_a: list[float]
    times_b: list[float]
    ratios: list[float]

    @property
    def ratio(self) -> Spread:
        return Spread.of(self.ratios)


@dataclass
class Spread:
    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def as_dict(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high}


def paired(
    a: Callable[[Any], Any],
    arg_a: Any,
    b: Callable[[Any], Any],
    arg_b: Any,
    *,
    rounds: int,
    repeat: int | None = None,
    collector: Collector = "on",
    warmup: int = 1,
) -> Pair:
    """Time A and B alternately (A B, B A, A B ...) after ``warmup`` rounds of each;
    each sample is ``repeat`` calls (by default, as many of A as take about 30 ms)."""
    if repeat is None:
        repeat = repeat_for(a, arg_a)
    for _ in range(warmup):
        timed(a, arg_a, repeat=repeat, collector=collector)
        timed(b, arg_b, repeat=repeat, collector=collector)
    times_a, times_b, ratios = [], [], []
    for round_ in range(rounds):
        if round_ % 2 == 0:
            time_a = timed(a, arg_a, repeat=repeat, collector=collector)
            time_b = timed(b, arg_b, repeat=repeat, collector=collector)
        else:
            time_b = timed(b, arg_b, repeat=repeat, collector=collector)
            time_a = timed(a, arg_a, repeat=repeat, collector=collector)
        times_a.append(time_a)
        times_b.append(time_b)
        ratios.append(time_b / time_a)
    return Pair(times_a, times_b, ratios)


def repeat_for(function: Callable[[Any], Any], argument: Any, *, seconds: float = 0.03) -> int:
    """How many calls make a sample of about ``seconds`` (one call of a large list is
    long enough; one call of one run is far too short for the clock)."""
    start = perf_counter()
    function(argument)
    once = max(perf_counter() - start, 1e-7)
    return max(1, min(100_000, round(seconds / once)))
