"""Flow runs: ``FlowRunResponse`` and the types only it needs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar, Final, Literal
from uuid import UUID, uuid4

import attrs

from ._actors import CreatedBy
from ._enums import StateType
from ._orm import attributes_to_dict, queue_and_pool, structure_attributes
from ._scalars import EMPTY_FROZENSET
from ._slugs import generate_slug
from ._states import State
from ._types import FlowRunName, RetryDelay, checked

__all__ = ["FlowRun", "FlowRunPolicy", "FlowRunResponse"]

_ZERO = timedelta(0)


@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunPolicy:
    """How a flow run retries and pauses.

    As in Prefect, the deprecated ``max_retries`` / ``retry_delay_seconds`` fill
    ``retries`` / ``retry_delay`` when those are unset (zero or null). Prefect's
    routes then validate ``retry_delay`` as an int a second time, which truncates a
    copied ``1.5`` to ``1`` but keeps ``0.5`` (truncation gives 0, so it is copied
    again); this class applies that same rule, so it holds what the wire holds.
    """

    max_retries: int = attrs.field(default=0, metadata={"deprecated": True})
    retry_delay_seconds: float = attrs.field(default=0.0, metadata={"deprecated": True})
    retries: int | None = None
    retry_delay: RetryDelay | None = None
    pause_keys: frozenset[Any] | None = attrs.field(factory=lambda: EMPTY_FROZENSET)
    resuming: bool | None = False
    retry_type: Literal["in_process", "reschedule"] | None = None

    def __attrs_post_init__(self) -> None:
        if not self.retries and self.max_retries:
            object.__setattr__(self, "retries", self.max_retries)
        if not self.retry_delay and self.retry_delay_seconds:
            copied = self.retry_delay_seconds
            object.__setattr__(self, "retry_delay", int(copied) or copied)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class _FlowRunFields:
    """The fields :class:`FlowRunResponse` and :class:`FlowRun` share."""

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
    """The shared fields in their order, with ``insert`` and ``move`` after ``created_by``."""
    kept = [name for name in _SHARED if name not in move]
    at = kept.index("created_by") + 1
    return (*kept[:at], *insert, *move, *kept[at:])


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRunResponse(_FlowRunFields):
    """A flow run as Prefect's API returns it.

    Equality ignores ``estimated_run_time`` and ``estimated_start_time_delta``
    (they change with the clock), as Prefect's does. Not hashable: it holds dicts.
    """

    __wire_order__: ClassVar[tuple[str, ...]] = _wire_order(
        insert=("work_pool_id", "work_pool_name")
    )

    work_pool_id: UUID | None = None
    work_pool_name: str | None = None

    @classmethod
    def from_orm(cls, row: object) -> FlowRunResponse:
        """Build from any object with the fields as attributes (an ORM row, say).

        As Prefect does, the work-queue and work-pool ids and names come from
        ``row.work_queue`` and ``row.work_queue.work_pool`` when those are set.
        """
        values = attributes_to_dict(cls, row)
        values.update(queue_and_pool(row, ids=True))
        return structure_attributes(values, cls)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class FlowRun(_FlowRunFields):
    """A flow run as a worker receives it (Prefect's ``core.FlowRun``).

    Like :class:`FlowRunResponse` without the work-pool fields and with
    ``work_queue_id`` further down; a null or empty ``name`` becomes a random slug.
    Equality ignores the two estimates.
    """

    __wire_order__: ClassVar[tuple[str, ...]] = _wire_order(move=("work_queue_id",))

    name: FlowRunName = attrs.field(factory=generate_slug)
