"""Deployments and their schedules."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

import attrs

from ._actors import CreatedBy, UpdatedBy
from ._enums import DeploymentStatus
from ._errors import ErrorDetail, ValidationError, as_validation_error
from ._orm import attributes_to_dict, queue_and_pool, structure_attributes
from ._scalars import InvalidValue
from ._schedules import Schedule
from ._types import PositiveInt, StructureWith, checked, pre_structure_on_init

__all__ = ["DeploymentResponse", "DeploymentSchedule"]

MAX_SCHEDULED_RUNS = 50
"""Prefect's default ``PREFECT_DEPLOYMENT_SCHEDULE_MAX_SCHEDULED_RUNS``."""


def structure_max_scheduled_runs(value: Any, _: Any = None) -> int:
    """A positive integer no larger than Prefect's default limit of 50."""
    from ._scalars import structure_positive_int

    number = structure_positive_int(value)
    if number > MAX_SCHEDULED_RUNS:
        raise InvalidValue(f"expected at most {MAX_SCHEDULED_RUNS} scheduled runs, got {number}")
    return number


@attrs.frozen(kw_only=True, field_transformer=checked)
class DeploymentSchedule:
    """One of a deployment's schedules."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    deployment_id: UUID | None = None
    schedule: Schedule
    active: bool = True
    max_active_runs: PositiveInt | None = None
    max_scheduled_runs: Annotated[int, StructureWith(structure_max_scheduled_runs)] | None = None
    catchup: bool = False


_RENAMED = "infra_overrides was renamed to job_variables: give one of them, or both equal"


@pre_structure_on_init
@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class DeploymentResponse:
    """A deployment as Prefect's API returns it.

    Prefect renamed ``infra_overrides`` to ``job_variables`` but still sends the old
    name: on the wire there is ``infra_overrides`` and no ``job_variables``. Both
    attributes are here and hold the same value; either key is read, and both with
    different values is an error.
    """

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    infra_overrides: dict[str, Any] | None = attrs.field(factory=dict)
    name: str
    version: str | None = None
    description: str | None = None
    flow_id: UUID
    schedule: Schedule | None = None
    is_schedule_active: bool = True
    paused: bool = False
    schedules: list[DeploymentSchedule] = attrs.field(factory=list)
    job_variables: dict[str, Any] = attrs.field(factory=dict, metadata={"wire": False})
    parameters: dict[str, Any] = attrs.field(factory=dict)
    tags: list[str] = attrs.field(factory=list)
    work_queue_name: str | None = None
    last_polled: datetime | None = None
    parameter_openapi_schema: dict[str, Any] | None = None
    path: str | None = None
    pull_steps: list[dict[str, Any]] | None = None
    entrypoint: str | None = None
    manifest_path: str | None = None
    storage_document_id: UUID | None = None
    infrastructure_document_id: UUID | None = None
    created_by: CreatedBy | None = None
    updated_by: UpdatedBy | None = None
    work_pool_name: str | None = None
    status: DeploymentStatus | None = DeploymentStatus.NOT_READY
    enforce_parameter_schema: bool = False

    @staticmethod
    def _pre_structure(values: dict[str, Any]) -> dict[str, Any]:
        """Prefect's pre root validator: keep ``infra_overrides`` and ``job_variables`` in
        sync. It runs on the values as given, in ``structure`` and in the constructor."""
        job_variables = values.get("job_variables")
        infra_overrides = values.get("infra_overrides")
        if job_variables is not None and infra_overrides is not None:
            if job_variables != infra_overrides:
                raise as_validation_error(InvalidValue(_RENAMED), "job_variables")
        elif job_variables is not None:
            return {**values, "infra_overrides": job_variables}
        elif infra_overrides is not None:
            return {**values, "job_variables": infra_overrides}
        return values

    def __attrs_post_init__(self) -> None:
        # Both paths have been through _pre_structure; this fills whichever of the two a
        # default left empty, and keeps the two equal.
        job_variables, infra_overrides = self.job_variables, self.infra_overrides
        if job_variables and infra_overrides and job_variables != infra_overrides:
            raise ValidationError([ErrorDetail(("job_variables",), _RENAMED)])
        if job_variables and not infra_overrides:
            object.__setattr__(self, "infra_overrides", job_variables)
        elif infra_overrides and not job_variables:
            object.__setattr__(self, "job_variables", infra_overrides)

    @classmethod
    def from_orm(cls, row: object) -> DeploymentResponse:
        """Build from any object with the fields as attributes (an ORM row, say).

        As Prefect does, the work-queue and work-pool names come from ``row.work_queue``
        and ``row.work_queue.work_pool`` when those are set, and the legacy fields are
        derived: ``schedule`` is the first schedule's (or null) and
        ``is_schedule_active`` is ``not paused``.
        """
        values = attributes_to_dict(cls, row)
        values.update(queue_and_pool(row, ids=False))
        schedules = values.get("schedules") or []
        first = schedules[0] if schedules else None
        values["schedule"] = (
            None
            if first is None
            else first.schedule
            if isinstance(first, DeploymentSchedule)
            else first.get("schedule")
        )
        values["is_schedule_active"] = not values.get("paused", False)
        return structure_attributes(values, cls)
