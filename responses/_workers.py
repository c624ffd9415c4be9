"""Workers, and the flow runs they are handed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import attrs

from ._enums import WorkerStatus
from ._flow_runs import FlowRun
from ._orm import attributes_to_dict, structure_attributes
from ._types import PlainDateTime, checked

__all__ = ["INACTIVITY_HEARTBEAT_MULTIPLE", "WorkerFlowRunResponse", "WorkerResponse"]

INACTIVITY_HEARTBEAT_MULTIPLE = 3
"""A worker is offline after this many missed heartbeats (Prefect's constant)."""


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkerResponse:
    """A worker of a work pool.

    ``last_heartbeat_time`` is a plain datetime, as in Prefect: a naive value stays
    naive and is written without an offset.
    """

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    name: str
    work_pool_id: UUID
    last_heartbeat_time: PlainDateTime | None = None
    heartbeat_interval_seconds: int | None = None
    status: WorkerStatus = WorkerStatus.OFFLINE

    @classmethod
    def from_orm(cls, row: object) -> WorkerResponse:
        """Build from any object with the fields as attributes (an ORM row, say).

        ``status`` is computed as Prefect does: ONLINE when the last heartbeat is
        newer than ``INACTIVITY_HEARTBEAT_MULTIPLE`` heartbeat intervals, else OFFLINE.
        """
        values = {**attributes_to_dict(cls, row), "status": WorkerStatus.OFFLINE}
        worker = structure_attributes(values, cls)
        heartbeat, interval = worker.last_heartbeat_time, worker.heartbeat_interval_seconds
        if heartbeat is None or interval is None:
            return worker
        if heartbeat.tzinfo is None:
            heartbeat = heartbeat.replace(tzinfo=UTC)
        try:
            horizon = datetime.now(UTC) - timedelta(
                seconds=interval * INACTIVITY_HEARTBEAT_MULTIPLE
            )
        except OverflowError:  # an interval beyond timedelta's range: never inactive
            return attrs.evolve(worker, status=WorkerStatus.ONLINE)
        if heartbeat > horizon:
            return attrs.evolve(worker, status=WorkerStatus.ONLINE)
        return worker


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class WorkerFlowRunResponse:
    """A flow run handed to a worker, with the pool and queue it came from."""

    work_pool_id: UUID
    work_queue_id: UUID
    flow_run: FlowRun
