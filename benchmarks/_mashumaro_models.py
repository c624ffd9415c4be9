"""mashumaro models of the same shape as ``responses.FlowRunResponse``: frozen,
slotted dataclasses, read and written by mashumaro's orjson codecs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Literal
from uuid import UUID

from mashumaro.mixins.orjson import DataClassORJSONMixin


class StateType(str, Enum):  # noqa: UP042
    SCHEDULED = "SCHEDULED"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    CRASHED = "CRASHED"
    PAUSED = "PAUSED"
    CANCELLING = "CANCELLING"


@dataclass(frozen=True, slots=True, kw_only=True)
class StateDetails(DataClassORJSONMixin):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class State(DataClassORJSONMixin):
    id: UUID
    type: StateType
    name: str | None = None
    timestamp: datetime
    message: str | None = None
    data: Any = None
    state_details: StateDetails = field(default_factory=StateDetails)


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowRunPolicy(DataClassORJSONMixin):
    max_retries: int = 0
    retry_delay_seconds: float = 0.0
    retries: int | None = None
    retry_delay: int | float | None = None
    pause_keys: frozenset[str] | None = frozenset()
    resuming: bool | None = False
    retry_type: Literal["in_process", "reschedule"] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatedBy(DataClassORJSONMixin):
    id: UUID | None = None
    type: str | None = None
    display_value: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowRunResponse(DataClassORJSONMixin):
    id: UUID
    created: datetime | None = None
    updated: datetime | None = None
    name: str
    flow_id: UUID
    state_id: UUID | None = None
    deployment_id: UUID | None = None
    deployment_version: str | None = None
    work_queue_id: UUID | None = None
    work_queue_name: str | None = None
    flow_version: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    idempotency_key: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    empirical_policy: FlowRunPolicy = field(default_factory=FlowRunPolicy)
    tags: list[str] = field(default_factory=list)
    parent_task_run_id: UUID | None = None
    state_type: StateType | None = None
    state_name: str | None = None
    run_count: int = 0
    expected_start_time: datetime | None = None
    next_scheduled_start_time: datetime | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_run_time: timedelta = timedelta(0)
    estimated_run_time: timedelta = timedelta(0)
    estimated_start_time_delta: timedelta = timedelta(0)
    auto_scheduled: bool = False
    infrastructure_document_id: UUID | None = None
    infrastructure_pid: str | None = None
    created_by: CreatedBy | None = None
    work_pool_id: UUID | None = None
    work_pool_name: str | None = None
    state: State | None = None
    job_variables: dict[str, Any] | None = None
