"""A run's state and its details."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import attrs

from ._enums import StateType
from ._types import checked

__all__ = ["State", "StateDetails"]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class StateDetails:
    """Details that come with a state: related runs, scheduling, caching and pausing."""

    flow_run_id: UUID | None = None
    task_run_id: UUID | None = None
    child_flow_run_id: UUID | None = None
    scheduled_time: datetime | None = None
    cache_key: str | None = None
    cache_expiration: datetime | None = None
    untrackable_result: bool = False
    pause_timeout: datetime | None = None
    pause_reschedule: bool = False
    pause_key: str | None = None
    run_input_keyset: dict[str, str] | None = None
    refresh_cache: bool | None = None
    retriable: bool | None = None
    transition_id: UUID | None = None
    task_parameters_id: UUID | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class State:
    """The state of a run.

    As in Prefect, a missing ``name`` is derived from ``type`` (``RUNNING`` -> ``"Running"``)
    and a SCHEDULED state without ``state_details.scheduled_time`` is scheduled for now.
    ``hash()`` covers the run ids, timestamp and type, as Prefect's does.
    """

    id: UUID = attrs.field(factory=uuid4)
    type: StateType
    name: str | None = None
    timestamp: datetime = attrs.field(factory=utc_now)
    message: str | None = None
    data: Any = None
    state_details: StateDetails = attrs.field(factory=StateDetails)

    def __attrs_post_init__(self) -> None:
        if self.name is None:
            name = " ".join(word.capitalize() for word in self.type.value.split("_"))
            object.__setattr__(self, "name", name)
        if self.type is StateType.SCHEDULED and self.state_details.scheduled_time is None:
            details = attrs.evolve(self.state_details, scheduled_time=utc_now())
            object.__setattr__(self, "state_details", details)

    def __hash__(self) -> int:
        details = self.state_details
        return hash((details.flow_run_id, details.task_run_id, self.timestamp, self.type))
