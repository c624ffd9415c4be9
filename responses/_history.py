"""Run history: counts and durations per state within time intervals."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ._enums import StateType
from ._types import checked

__all__ = ["HistoryResponse", "HistoryResponseState"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class HistoryResponseState:
    """How many runs were in one state during an interval, and for how long."""

    state_type: StateType
    state_name: str
    count_runs: int
    sum_estimated_run_time: timedelta
    sum_estimated_lateness: timedelta


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class HistoryResponse:
    """The states seen during one interval."""

    interval_start: datetime
    interval_end: datetime
    states: list[HistoryResponseState]
