"""Work queues, their health policy and their status."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Final
from uuid import UUID, uuid4

import attrs

from ._enums import WorkQueueStatus
from ._orm import attributes_to_dict, structure_attributes
from ._types import NonNegativeInt, PositiveInt, WorkQueueName, checked

__all__ = [
    "QueueFilter",
    "WorkQueueHealthPolicy",
    "WorkQueueResponse",
    "WorkQueueStatusDetail",
    "WorkQueueWithStatus",
]


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class QueueFilter:
    """The deprecated tag/deployment filter of a work queue."""

    tags: list[str] | None = None
    deployment_ids: list[UUID] | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkQueueHealthPolicy:
    """When a work queue counts as healthy; null disables a check."""

    maximum_late_runs: int | None = 0
    maximum_seconds_since_last_polled: int | None = 60

    def evaluate_health_status(
        self, late_runs_count: int, last_polled: datetime | None = None
    ) -> bool:
        """True when the queue meets this policy now (as Prefect's method computes it)."""
        from ._states import utc_now

        healthy = True
        if self.maximum_late_runs is not None and late_runs_count > self.maximum_late_runs:
            healthy = False
        if self.maximum_seconds_since_last_polled is not None:
            if last_polled is None:
                healthy = False
            else:
                elapsed = (utc_now() - last_polled).total_seconds()
                if elapsed > self.maximum_seconds_since_last_polled:
                    healthy = False
        return healthy


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkQueueStatusDetail:
    """A work queue's health."""

    healthy: bool
    late_runs_count: int = 0
    last_polled: datetime | None = None
    health_check_policy: WorkQueueHealthPolicy


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class _WorkQueueFields:
    """The fields of a work queue."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: WorkQueueName
    description: str | None = ""
    is_paused: bool = False
    concurrency_limit: NonNegativeInt | None = None
    priority: PositiveInt = 1
    work_pool_id: UUID | None = None
    filter: QueueFilter | None = attrs.field(default=None, metadata={"deprecated": True})
    last_polled: datetime | None = None
    work_pool_name: str | None = None
    status: WorkQueueStatus | None = None


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueueResponse(_WorkQueueFields):
    """A work queue as Prefect's API returns it."""

    @classmethod
    def from_orm(cls, row: object) -> WorkQueueResponse:
        """Build from any object with the fields as attributes (an ORM row, say).

        As Prefect does, ``work_pool_name`` comes from ``row.work_pool`` when it is set.
        """
        values = attributes_to_dict(cls, row)
        pool = getattr(row, "work_pool", None)
        if pool is not None:
            values["work_pool_name"] = pool.name
        return structure_attributes(values, cls)


_QUEUE_FIELDS: Final = tuple(field.name for field in attrs.fields(_WorkQueueFields))


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkQueueWithStatus(_WorkQueueFields):
    """A work queue with its health; the status fields come first on the wire, as in Prefect."""

    __wire_order__: ClassVar[tuple[str, ...]] = (
        "healthy",
        "late_runs_count",
        "last_polled",
        "health_check_policy",
        *(name for name in _QUEUE_FIELDS if name != "last_polled"),
    )

    healthy: bool
    late_runs_count: int = 0
    health_check_policy: WorkQueueHealthPolicy
