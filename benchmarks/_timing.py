"""Fair timing: collected heaps, interleaved pairs, medians with their spread."""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any


def timed(function: Callable[[Any], Any], argument: Any) -> float:
    """Seconds for one call, started on a collected heap; its output is dropped and
    collected outside the timed window, so the next call does not pay for it."""
    gc.collect()
    start = perf_counter()
    output = function(argument)
    elapsed = perf_counter() - start
    del output
    gc.collect()
    return elapsed


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
    warmup: int = 1,
) -> Pair:
    """Time A and B alternately (A B, B A, A B ...) after ``warmup`` rounds of each."""
    for _ in range(warmup):
        timed(a, arg_a)
        timed(b, arg_b)
    times_a, times_b, ratios = [], [], []
    for round_ in range(rounds):
        if round_ % 2 == 0:
            time_a = timed(a, arg_a)
            time_b = timed(b, arg_b)
        else:
            time_b = timed(b, arg_b)
            time_a = timed(a, arg_a)
        times_a.append(time_a)
        times_b.append(time_b)
        ratios.append(time_b / time_a)
    return Pair(times_a, times_b, ratios)
