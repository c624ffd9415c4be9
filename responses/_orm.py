"""``from_orm``: build models from any object that has the fields as attributes."""

from __future__ import annotations

import typing
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import attrs

__all__ = [
    "attributes_to_dict",
    "deployment_from_attributes",
    "flow_run_from_attributes",
    "work_queue_from_attributes",
    "worker_from_attributes",
]

T = TypeVar("T")

_MISSING: Any = object()


def _model_type(tp: Any) -> type | None:
    """The attrs class a field holds (directly or as ``X | None``), if any."""
    if attrs.has(tp):
        return typing.cast(type, tp)
    for member in typing.get_args(tp):
        if attrs.has(member):
            return typing.cast(type, member)
    return None


def attributes_to_dict(cl: type, row: object) -> dict[str, Any]:
    """The fields of ``cl`` read from ``row``'s attributes; nested models likewise."""
    hints = typing.get_type_hints(cl)
    values: dict[str, Any] = {}
    for field in attrs.fields(cl):
        value = getattr(row, field.name, _MISSING)
        if value is _MISSING:
            continue
        nested = _model_type(hints[field.name])
        if nested is not None and value is not None and not isinstance(value, dict | nested):
            value = attributes_to_dict(nested, value)
        values[field.name] = value
    return values


def _structure(cl: type[T], values: dict[str, Any]) -> T:
    from ._json import structure

    return structure(values, cl)


def _from_queue_and_pool(values: dict[str, Any], row: object, *, ids: bool) -> None:
    """Fill the work-queue and work-pool names (and ids) from ``row``'s relationships."""
    queue = getattr(row, "work_queue", None)
    if queue is None:
        return
    if ids:
        values["work_queue_id"] = queue.id
    values["work_queue_name"] = queue.name
    pool = getattr(queue, "work_pool", None)
    if pool is not None:
        if ids:
            values["work_pool_id"] = pool.id
        values["work_pool_name"] = pool.name


def flow_run_from_attributes(cl: type[T], row: object) -> T:
    """A FlowRunResponse from ``row``, with queue and pool ids/names from its relationships."""
    values = attributes_to_dict(cl, row)
    _from_queue_and_pool(values, row, ids=True)
    return _structure(cl, values)


def work_queue_from_attributes(cl: type[T], row: object) -> T:
    """A WorkQueueResponse from ``row``, with the pool name from ``row.work_pool``."""
    values = attributes_to_dict(cl, row)
    pool = getattr(row, "work_pool", None)
    if pool is not None:
        values["work_pool_name"] = pool.name
    return _structure(cl, values)


def deployment_from_attributes(cl: type[T], row: object) -> T:
    """A DeploymentResponse from ``row``, with queue and pool names from its relationships."""
    values = attributes_to_dict(cl, row)
    _from_queue_and_pool(values, row, ids=False)
    return _structure(cl, values)


def worker_from_attributes(cl: type[T], row: object) -> T:
    """A WorkerResponse from ``row``, ONLINE when its last heartbeat is recent enough."""
    from ._enums import WorkerStatus
    from ._workers import INACTIVITY_HEARTBEAT_MULTIPLE

    worker: Any = _structure(cl, {**attributes_to_dict(cl, row), "status": WorkerStatus.OFFLINE})
    heartbeat: datetime | None = worker.last_heartbeat_time
    interval = worker.heartbeat_interval_seconds
    if heartbeat is not None and interval is not None:
        if heartbeat.tzinfo is None:
            heartbeat = heartbeat.replace(tzinfo=UTC)
        horizon = datetime.now(UTC) - timedelta(seconds=interval * INACTIVITY_HEARTBEAT_MULTIPLE)
        if heartbeat > horizon:
            worker = attrs.evolve(worker, status=WorkerStatus.ONLINE)
    return typing.cast(T, worker)
