"""Prefect 3.9's response models where the wire differs from Prefect 2.20's.

Everything else (schedules, actors, run policies, history, queue health, global
concurrency limits, the accept/reject/abort/wait details) has the 2.20 layer's wire:
those are the 2.20 classes made models of this layer (:mod:`._shared`), read and
checked with Prefect 3.9's rules.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar, Final, Literal
from uuid import UUID, uuid4

import attrs

from .._deployments import structure_max_scheduled_runs
from .._enums import (
    DeploymentStatus,
    SetStateStatus,
    StateType,
    WorkerStatus,
    WorkQueueStatus,
)
from .._errors import InvalidValue, as_validation_error
from .._scalars import describe, structure_v2_str
from .._slugs import generate_slug
from .._states import utc_now
from .._types import (
    GracePeriodSeconds,
    Labels,
    LabelsField,
    Name,
    NonEmptyishName,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveInt,
    RetryDelays,
    RunName,
    StructureWith,
    V2PlainDateTime,
    checked,
    pre_structure_on_init,
    structure_default,
)
from ._shared import (
    CreatedBy,
    FlowRunPolicy,
    GlobalConcurrencyLimitResponse,
    QueueFilter,
    Schedule,
    StateResponseDetails,
    UpdatedBy,
    deprecated_policy_fields,
)

__all__ = [
    "CollisionStrategy",
    "ConcurrencyLimit",
    "ConcurrencyLimitV2",
    "ConcurrencyLimitWithLeaseResponse",
    "ConcurrencyOptions",
    "Constant",
    "CountByState",
    "DependencyResult",
    "DeploymentBulkDeleteResponse",
    "DeploymentPaginationResponse",
    "DeploymentResponse",
    "DeploymentSchedule",
    "FlowRun",
    "FlowRunBulkCreateResponse",
    "FlowRunBulkDeleteResponse",
    "FlowRunBulkSetStateResponse",
    "FlowRunCreateResult",
    "FlowRunInput",
    "FlowRunOrchestrationResult",
    "FlowRunPaginationResponse",
    "FlowRunResponse",
    "FlowRunResult",
    "FlowRunSlotSummary",
    "MinimalConcurrencyLimitResponse",
    "OrchestrationResult",
    "Parameter",
    "RunInput",
    "SimpleFlowRun",
    "State",
    "StateDetails",
    "TaskRun",
    "TaskRunCount",
    "TaskRunPaginationResponse",
    "TaskRunPolicy",
    "TaskRunResponse",
    "TaskRunResult",
    "UITaskRun",
    "WorkPoolConcurrencyStatus",
    "WorkPoolResponse",
    "WorkPoolStatus",
    "WorkPoolStorageConfiguration",
    "WorkQueue",
    "WorkQueueConcurrencyStatus",
    "WorkQueueConcurrencyStatusDetail",
    "WorkQueueResponse",
    "WorkerFlowRunResponse",
    "WorkerResponse",
]

_ZERO: Final = timedelta(0)


class WorkPoolStatus(enum.StrEnum):
    """A work pool's status."""

    READY = "READY"
    NOT_READY = "NOT_READY"
    PAUSED = "PAUSED"


class CollisionStrategy(enum.StrEnum):
    """What a deployment does with a run beyond its concurrency limit."""

    ENQUEUE = "ENQUEUE"
    CANCEL_NEW = "CANCEL_NEW"


# --- states ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class StateDetails:
    """Details that come with a state (3.9 adds ``deferred``, ``traceparent`` and
    ``deployment_concurrency_lease_id``)."""

    flow_run_id: UUID | None = None
    task_run_id: UUID | None = None
    child_flow_run_id: UUID | None = None
    scheduled_time: datetime | None = None
    cache_key: str | None = None
    cache_expiration: datetime | None = None
    deferred: bool | None = False
    untrackable_result: bool = False
    pause_timeout: datetime | None = None
    pause_reschedule: bool = False
    pause_key: str | None = None
    run_input_keyset: dict[str, str] | None = None
    refresh_cache: bool | None = None
    retriable: bool | None = None
    transition_id: UUID | None = None
    task_parameters_id: UUID | None = None
    traceparent: str | None = None
    deployment_concurrency_lease_id: UUID | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class State:
    """The state of a run (its details are 3.9's)."""

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


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class OrchestrationResult:
    """The answer to a proposed state (``state`` is required in 3.9, and nullable)."""

    state: State | None
    status: SetStateStatus
    details: StateResponseDetails


# --- flow runs ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class _FlowRunFields:
    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: str = attrs.field(factory=generate_slug)
    flow_id: UUID
    state_id: UUID | None = None
    deployment_id: UUID | None = None
    deployment_version: str | None = None
    work_queue_id: UUID | None = None
    work_queue_name: str | None = None
    flow_version: str | None = None
    parameters: dict[str, Any] = attrs.field(factory=dict)
    idempotency_key: str | None = None
    context: dict[str, Any] = attrs.field(factory=dict)
    empirical_policy: FlowRunPolicy = attrs.field(factory=FlowRunPolicy)
    tags: list[str] = attrs.field(factory=list)
    labels: LabelsField = attrs.field(factory=dict)
    parent_task_run_id: UUID | None = None
    state_type: StateType | None = None
    state_name: str | None = None
    run_count: int = 0
    expected_start_time: datetime | None = None
    next_scheduled_start_time: datetime | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_run_time: timedelta = _ZERO
    estimated_run_time: timedelta = attrs.field(default=_ZERO, eq=False)
    estimated_start_time_delta: timedelta = attrs.field(default=_ZERO, eq=False)
    auto_scheduled: bool = False
    infrastructure_document_id: UUID | None = None
    infrastructure_pid: str | None = None
    created_by: CreatedBy | None = None
    state: State | None = None
    job_variables: dict[str, Any] | None = None


_SHARED: Final = tuple(field.name for field in attrs.fields(_FlowRunFields))


def _wire_order(*, insert: tuple[str, ...] = (), move: tuple[str, ...] = ()) -> tuple[str, ...]:
    kept = [name for name in _SHARED if name not in move]
    at = kept.index("created_by") + 1
    return (*kept[:at], *insert, *move, *kept[at:])


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunResponse(_FlowRunFields):
    """A flow run as Prefect 3.9's API returns it (2.20's, with ``labels``).

    Equality ignores ``estimated_run_time`` and ``estimated_start_time_delta``.
    """

    __wire_order__: ClassVar[tuple[str, ...]] = _wire_order(
        insert=("work_pool_id", "work_pool_name")
    )

    work_pool_id: UUID | None = None
    work_pool_name: str | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRun(_FlowRunFields):
    """A flow run as a worker receives it (Prefect 3.9's ``core.FlowRun``)."""

    __wire_order__: ClassVar[tuple[str, ...]] = _wire_order(move=("work_queue_id",))

    name: RunName = attrs.field(factory=generate_slug)
    labels: Labels | None = attrs.field(factory=dict)  # type: ignore[assignment]  # null kept


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkerFlowRunResponse:
    """A flow run handed to a worker, with the pool and queue it came from."""

    work_pool_id: UUID
    work_queue_id: UUID
    flow_run: FlowRun


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunPaginationResponse:
    """A page of flow runs (``POST /flow_runs/paginate``)."""

    results: list[FlowRunResponse]
    count: int
    limit: int
    pages: int
    page: int


# --- task runs ---------------------------------------------------------------------------


@pre_structure_on_init
@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class TaskRunPolicy:
    """How a task run retries. ``retry_delay`` is a number or a list of numbers.

    As in Prefect 3.9, the deprecated ``max_retries`` / ``retry_delay_seconds`` are
    copied as given into ``retries`` / ``retry_delay`` when those are unset."""

    max_retries: int = attrs.field(default=0, metadata={"deprecated": True})
    retry_delay_seconds: float = attrs.field(default=0.0, metadata={"deprecated": True})
    retries: int | None = None
    retry_delay: RetryDelays | None = None
    retry_jitter_factor: NonNegativeFloat | None = None

    @staticmethod
    def _pre_structure(values: dict[str, Any]) -> dict[str, Any]:
        return deprecated_policy_fields(values)


@attrs.frozen(kw_only=True, field_transformer=checked)
class TaskRunResult:
    """A task run's result as another task run's input."""

    input_type: Literal["task_run"] = "task_run"
    id: UUID


@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunResult:
    """A flow run's result as a task run's input."""

    input_type: Literal["flow_run"] = "flow_run"
    id: UUID


@attrs.frozen(kw_only=True, field_transformer=checked)
class Parameter:
    """A flow parameter as a task run's input."""

    input_type: Literal["parameter"] = "parameter"
    name: str


@attrs.frozen(kw_only=True, field_transformer=checked)
class Constant:
    """A constant as a task run's input."""

    input_type: Literal["constant"] = "constant"
    type: str


RunInput = TaskRunResult | FlowRunResult | Parameter | Constant
"""What a task run's input came from (``input_type`` tells them apart)."""
_RUN_INPUTS: Final = (TaskRunResult, FlowRunResult, Parameter, Constant)
_RUN_INPUT_OF: Final[dict[str, type[Any]]] = {
    "task_run": TaskRunResult,
    "flow_run": FlowRunResult,
    "parameter": Parameter,
    "constant": Constant,
}


_STRICT_FIELD: Final[dict[type[Any], tuple[str, type[Any]]]] = {
    TaskRunResult: ("id", UUID),
    FlowRunResult: ("id", UUID),
    Parameter: ("name", str),
    Constant: ("type", str),
}


def _run_input(item: Any) -> RunInput:
    """One input as Prefect 3.9's smart union reads it: by ``input_type`` when given;
    else the first kind whose field is there with its exact type (pydantic's strict
    pass: a name or a type as a string, an id as a ``UUID`` object, so ``{"id": ...,
    "name": ...}`` is a parameter), then the first kind that reads it (the lax pass)."""
    if item.__class__ in _RUN_INPUTS:
        return item  # read already (attrs.evolve, constructors)
    if not isinstance(item, dict):
        raise InvalidValue(f"expected an object, got {describe(item)}")
    if "input_type" in item:
        tag = item["input_type"]
        cls = _RUN_INPUT_OF.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise InvalidValue(f"unknown input_type {describe(tag)}")
        return structure_default(item, cls)  # type: ignore[no-any-return]
    for cls in _RUN_INPUTS:
        key, exact = _STRICT_FIELD[cls]
        if key in item and type(item[key]) is exact:
            return structure_default(item, cls)  # type: ignore[no-any-return]
    for cls in _RUN_INPUTS:
        try:
            return structure_default(item, cls)  # type: ignore[no-any-return]
        except ValueError:
            continue
    raise InvalidValue("expected a task run, flow run, parameter or constant input")


def structure_task_inputs(value: Any, _: Any = None) -> dict[str, list[RunInput]]:
    """A task run's ``task_inputs``: lists of inputs by parameter name."""
    if not isinstance(value, dict):
        raise InvalidValue(f"expected an object, got {describe(value)}")
    inputs: dict[str, list[RunInput]] = {}
    for key, items in value.items():
        if not isinstance(key, str):
            raise InvalidValue(f"object keys must be strings, got {describe(key)}")
        structure_v2_str(key)  # a key UTF-8 can carry
        if not isinstance(items, list | tuple):
            raise as_validation_error(
                InvalidValue(f"expected an array, got {describe(items)}"), key
            )
        read = []
        for index, item in enumerate(items):
            try:
                read.append(_run_input(item))
            except ValueError as exc:
                raise as_validation_error(exc, key, index) from None
        inputs[key] = read
    return inputs


TaskInputs = Annotated[
    dict[str, list[RunInput]],
    StructureWith(structure_task_inputs),
]


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class TaskRun:
    """A task run (Prefect 3.9's ``core.TaskRun``: what its task-run routes return)."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: RunName = attrs.field(factory=generate_slug)
    flow_run_id: UUID | None = None
    task_key: str
    dynamic_key: str
    cache_key: str | None = None
    cache_expiration: datetime | None = None
    task_version: str | None = None
    empirical_policy: TaskRunPolicy = attrs.field(factory=TaskRunPolicy)
    tags: list[str] = attrs.field(factory=list)
    labels: Labels | None = attrs.field(factory=dict)
    state_id: UUID | None = None
    task_inputs: TaskInputs = attrs.field(factory=dict)
    state_type: StateType | None = None
    state_name: str | None = None
    run_count: int = 0
    flow_run_run_count: int = 0
    expected_start_time: datetime | None = None
    next_scheduled_start_time: datetime | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_run_time: timedelta = _ZERO
    estimated_run_time: timedelta = attrs.field(default=_ZERO, eq=False)
    estimated_start_time_delta: timedelta = attrs.field(default=_ZERO, eq=False)
    state: State | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class TaskRunResponse:
    """A task run in a page of task runs (Prefect 3.9's ``responses.TaskRunResponse``)."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: str = attrs.field(factory=generate_slug)
    flow_run_id: UUID | None = None
    task_key: str
    state_id: UUID | None = None
    state: State | None = None
    task_version: str | None = None
    task_inputs: TaskInputs = attrs.field(factory=dict)
    empirical_policy: TaskRunPolicy = attrs.field(factory=TaskRunPolicy)
    tags: list[str] = attrs.field(factory=list)
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_run_time: timedelta = _ZERO
    estimated_run_time: timedelta = attrs.field(default=_ZERO, eq=False)
    estimated_start_time_delta: timedelta = attrs.field(default=_ZERO, eq=False)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class TaskRunPaginationResponse:
    """A page of task runs (``POST /task_runs/paginate``)."""

    results: list[TaskRunResponse]
    count: int
    limit: int
    pages: int
    page: int


# --- concurrency ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class ConcurrencyLimit:
    """A task-run tag concurrency limit (Prefect's ``core.ConcurrencyLimit``)."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    tag: str
    concurrency_limit: int
    active_slots: list[UUID] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, field_transformer=checked)
class ConcurrencyLimitV2:
    """A global concurrency limit as ``POST /v2/concurrency_limits/`` returns it."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    active: bool = True
    name: Name
    limit: int
    active_slots: int = 0
    denied_slots: int = 0
    slot_decay_per_second: float = 0.0
    avg_slot_occupancy_seconds: float = 2.0


@attrs.frozen(kw_only=True, field_transformer=checked)
class ConcurrencyOptions:
    """A deployment's concurrency options."""

    collision_strategy: CollisionStrategy
    grace_period_seconds: GracePeriodSeconds | None = None


# --- deployments -------------------------------------------------------------------------


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class DeploymentSchedule:
    """One of a deployment's schedules (3.9: ``parameters`` and ``slug``, no
    ``max_active_runs`` or ``catchup``)."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    deployment_id: UUID | None = None
    schedule: Schedule
    active: bool = True
    max_scheduled_runs: Annotated[int, StructureWith(structure_max_scheduled_runs)] | None = None
    parameters: dict[str, Any] = attrs.field(factory=dict)
    slug: str | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class DeploymentResponse:
    """A deployment as Prefect 3.9's API returns it."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: str
    version: str | None = None
    description: str | None = None
    flow_id: UUID
    paused: bool = False
    schedules: list[DeploymentSchedule] = attrs.field(factory=list)
    concurrency_limit: int | None = None
    global_concurrency_limit: GlobalConcurrencyLimitResponse | None = None
    concurrency_options: ConcurrencyOptions | None = None
    job_variables: dict[str, Any] = attrs.field(factory=dict)
    parameters: dict[str, Any] = attrs.field(factory=dict)
    tags: list[str] = attrs.field(factory=list)
    labels: LabelsField = attrs.field(factory=dict)
    work_queue_name: str | None = None
    work_queue_id: UUID | None = None
    last_polled: datetime | None = None
    parameter_openapi_schema: dict[str, Any] | None = None
    path: str | None = None
    pull_steps: list[dict[str, Any]] | None = None
    entrypoint: str | None = None
    storage_document_id: UUID | None = None
    infrastructure_document_id: UUID | None = None
    created_by: CreatedBy | None = None
    updated_by: UpdatedBy | None = None
    work_pool_name: str | None = None
    status: DeploymentStatus | None = DeploymentStatus.NOT_READY
    enforce_parameter_schema: bool = True


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class DeploymentPaginationResponse:
    """A page of deployments (``POST /deployments/paginate``)."""

    results: list[DeploymentResponse]
    count: int
    limit: int
    pages: int
    page: int


# --- work pools, queues, workers -----------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkPoolStorageConfiguration:
    """Where a work pool's result storage and bundles go."""

    bundle_upload_step: dict[str, Any] | None = None
    bundle_execution_step: dict[str, Any] | None = None
    default_result_storage_block_id: UUID | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkPoolResponse:
    """A work pool as Prefect 3.9's API returns it."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: NonEmptyishName
    description: str | None = None
    type: str
    base_job_template: dict[str, Any] = attrs.field(factory=dict)
    is_paused: bool = False
    concurrency_limit: NonNegativeInt | None = None
    status: WorkPoolStatus | None = None
    # Prefect 3.9 reads a missing id as null, then writes that null and refuses it
    # (helpful_error_for_missing_default_queue_id): required here, so that every pool
    # read can be written, read back and evolved; a null is refused by the UUID rule.
    default_queue_id: UUID
    storage_configuration: WorkPoolStorageConfiguration = attrs.field(
        factory=WorkPoolStorageConfiguration
    )
    active_slots: int | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueue:
    """A work queue as Prefect 3.9's ``core.WorkQueue`` (``GET
    /deployments/{id}/work_queue_check``): without the pool's name, status and slots."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: Name
    description: str | None = ""
    is_paused: bool = False
    concurrency_limit: NonNegativeInt | None = None
    priority: PositiveInt = 1
    work_pool_id: UUID | None = None
    filter: QueueFilter | None = attrs.field(default=None, metadata={"deprecated": True})
    last_polled: datetime | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueueResponse(WorkQueue):
    """A work queue as Prefect 3.9's API returns it (with ``active_slots``)."""

    work_pool_name: str | None = None
    status: WorkQueueStatus | None = None
    active_slots: int | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkerResponse:
    """A worker of a work pool."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: str
    work_pool_id: UUID
    last_heartbeat_time: V2PlainDateTime | None = None
    heartbeat_interval_seconds: int | None = None
    status: WorkerStatus = WorkerStatus.OFFLINE


# --- more routes: states, bulk operations, concurrency, the UI's views -----------------------


@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunBulkDeleteResponse:
    """The flow runs deleted (``POST /flow_runs/bulk_delete``)."""

    deleted: list[UUID] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, field_transformer=checked)
class DeploymentBulkDeleteResponse:
    """The deployments deleted (``POST /deployments/bulk_delete``)."""

    deleted: list[UUID] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunOrchestrationResult:
    """One flow run's answer in ``POST /flow_runs/bulk_set_state``."""

    flow_run_id: UUID
    status: SetStateStatus
    state: State | None = None
    details: StateResponseDetails


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunBulkSetStateResponse:
    """The answers of ``POST /flow_runs/bulk_set_state``, one per flow run."""

    results: list[FlowRunOrchestrationResult] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunCreateResult:
    """One flow run of ``POST /deployments/{id}/create_flow_run/bulk``."""

    flow_run_id: UUID | None = None
    status: Literal["CREATED", "FAILED"]
    error: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunBulkCreateResponse:
    """The flow runs made by ``POST /deployments/{id}/create_flow_run/bulk``."""

    results: list[FlowRunCreateResult] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, field_transformer=checked)
class MinimalConcurrencyLimitResponse:
    """A concurrency limit whose slots were taken or released (the ``increment`` and
    ``decrement`` routes of ``/concurrency_limits`` and ``/v2/concurrency_limits``)."""

    id: UUID
    name: str
    limit: int


@attrs.frozen(kw_only=True, field_transformer=checked)
class ConcurrencyLimitWithLeaseResponse:
    """Slots taken with a lease (``POST /v2/concurrency_limits/increment-with-lease``)."""

    lease_id: UUID
    limits: list[MinimalConcurrencyLimitResponse]


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunSlotSummary:
    """A flow run holding a concurrency slot of a work pool or queue."""

    id: UUID
    name: str
    state_type: StateType | None = None
    state_name: str | None = None
    start_time: datetime | None = None
    state_timestamp: datetime | None = None
    time_in_current_state: timedelta | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueueConcurrencyStatusDetail:
    """One queue of a work pool's concurrency status."""

    queue_id: UUID
    queue_name: str
    active_slots: int
    concurrency_limit: int | None = None
    flow_runs: list[FlowRunSlotSummary] = attrs.field(factory=list)
    flow_run_count: int | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkPoolConcurrencyStatus:
    """A page of a work pool's concurrency status, queue by queue
    (``POST /work_pools/{name}/concurrency_status``)."""

    active_slots: int
    concurrency_limit: int | None = None
    queues: list[WorkQueueConcurrencyStatusDetail] = attrs.field(factory=list)
    count: int
    limit: int
    pages: int
    page: int


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueueConcurrencyStatus:
    """A page of a work queue's concurrency status, the runs holding its slots
    (``POST /work_queues/{id}/concurrency_status``)."""

    active_slots: int
    concurrency_limit: int | None = None
    flow_runs: list[FlowRunSlotSummary] = attrs.field(factory=list)
    count: int
    limit: int
    pages: int
    page: int


@attrs.frozen(kw_only=True, field_transformer=checked)
class SimpleFlowRun:
    """A flow run in the UI's history chart (``POST /ui/flow_runs/history``)."""

    id: UUID
    state_type: StateType
    timestamp: datetime
    duration: timedelta
    lateness: timedelta


@attrs.frozen(kw_only=True, field_transformer=checked)
class TaskRunCount:
    """Completed and failed task runs in one interval (``POST
    /ui/task_runs/dashboard/counts``)."""

    completed: int
    failed: int


@attrs.frozen(kw_only=True, field_transformer=checked)
class CountByState:
    """Task runs by state type (``POST /ui/task_runs/count``)."""

    COMPLETED: int = 0
    PENDING: int = 0
    RUNNING: int = 0
    FAILED: int = 0
    CANCELLED: int = 0
    CRASHED: int = 0
    PAUSED: int = 0
    CANCELLING: int = 0
    SCHEDULED: int = 0


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class UITaskRun(TaskRun):
    """A task run with its flow run's name (``GET /ui/task_runs/{id}``)."""

    flow_run_name: str | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class DependencyResult:
    """A task run in a flow run's graph (``GET /flow_runs/{id}/graph``), with the task
    runs it depends on."""

    id: UUID
    name: str
    upstream_dependencies: list[TaskRunResult]
    state: State | None
    expected_start_time: datetime | None
    start_time: datetime | None
    end_time: datetime | None
    total_run_time: timedelta | None
    estimated_run_time: timedelta | None
    untrackable_result: bool


_INPUT_KEY: Final = re.compile("^[a-z0-9-]*$")  # re.match: a final newline passes, as in Prefect


def structure_input_key(value: Any, _: Any = None) -> str:
    """A flow-run input's key: lowercase letters, numbers and dashes (Prefect's
    ``raise_on_name_alphanumeric_dashes_only``)."""
    key = structure_v2_str(value)
    if _INPUT_KEY.match(key) is None:
        raise InvalidValue(
            f"the key must only contain lowercase letters, numbers and dashes, got {key[:40]!r}"
        )
    return key


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunInput:
    """An input sent to a flow run (``POST /flow_runs/{id}/input/filter``)."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    flow_run_id: UUID
    key: Annotated[str, StructureWith(structure_input_key)]
    value: str
    sender: str | None = None
