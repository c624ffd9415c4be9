"""Deployments, schedules, workers and concurrency limits: the rules beyond the corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

import responses
from responses import (
    CronSchedule,
    DeploymentResponse,
    DeploymentSchedule,
    IntervalSchedule,
    RRuleSchedule,
    ValidationError,
    WorkerResponse,
)

from .conftest import AVAILABLE_BACKENDS

FLOW = "00000000-0000-4000-8000-000000000002"
DEPLOYMENT = {"id": FLOW, "name": "nightly", "flow_id": FLOW}


def _schedule(schedule: dict[str, Any]) -> Any:
    return responses.structure({"schedule": schedule}, DeploymentSchedule).schedule


def test_schedules_are_told_apart_by_their_keys() -> None:
    assert isinstance(_schedule({"interval": 60}), IntervalSchedule)
    assert isinstance(_schedule({"cron": "0 0 * * *"}), CronSchedule)
    assert isinstance(_schedule({"rrule": "FREQ=DAILY"}), RRuleSchedule)


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"cron": "0 0 * * *", "rrule": "FREQ=DAILY"}, "fit none of"),
        ({"timezone": "UTC"}, "fit none of"),
        ({"interval": 60, "day_or": True}, "fit none of"),
        ({"interval": 0}, "positive duration"),
        ({"interval": -5}, "positive duration"),
        ({"cron": "61 * * * *"}, "invalid cron"),
        ({"cron": "H * * * *"}, "invalid cron"),
        ({"cron": "* * * *"}, "invalid cron"),
        ({"rrule": "FREQ=SOMETIMES"}, "invalid RRule"),
        ({"rrule": "FREQ=DAILY;" * 700}, "longer than"),
        ({"cron": "0 0 * * *", "timezone": "Mars/Olympus"}, "invalid timezone"),
    ],
)
def test_bad_schedules(schedule: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        _schedule(schedule)
    assert all(e.path.startswith("$.schedule") for e in caught.value.errors)


def test_schedule_defaults_follow_prefect() -> None:
    assert _schedule({"rrule": "FREQ=DAILY"}).timezone == "UTC"
    assert _schedule({"rrule": "FREQ=DAILY", "timezone": None}).timezone == "UTC"
    assert _schedule({"cron": "@daily"}).timezone is None
    interval = _schedule({"interval": "PT1H", "anchor_date": "2024-05-01T00:00:00+05:30"})
    assert interval.timezone == "UTC"
    assert interval.interval == timedelta(hours=1)
    zoned = datetime(2024, 5, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    # pendulum.instance turns a zoneinfo zone into a fixed offset: Prefect infers "UTC"
    assert _schedule({"interval": 60, "anchor_date": zoned}).timezone == "UTC"
    assert _schedule({"interval": 60}).anchor_date.tzinfo is UTC


def test_max_scheduled_runs_limit() -> None:
    base = {"schedule": {"interval": 60}}
    assert responses.structure({**base, "max_scheduled_runs": 50}, DeploymentSchedule)
    with pytest.raises(ValidationError, match=r"\$\.max_scheduled_runs"):
        responses.structure({**base, "max_scheduled_runs": 51}, DeploymentSchedule)


def test_infra_overrides_and_job_variables() -> None:
    sent = responses.structure({**DEPLOYMENT, "job_variables": {"a": 1}}, DeploymentResponse)
    assert sent.infra_overrides == sent.job_variables == {"a": 1}
    wire = json.loads(responses.dumps(sent))
    assert wire["infra_overrides"] == {"a": 1}
    assert "job_variables" not in wire
    assert list(wire)[3] == "infra_overrides"
    old = responses.structure({**DEPLOYMENT, "infra_overrides": {"b": 2}}, DeploymentResponse)
    assert old.job_variables == {"b": 2}
    same = {**DEPLOYMENT, "infra_overrides": {"b": 2}, "job_variables": {"b": 2}}
    assert responses.structure(same, DeploymentResponse) == old
    with pytest.raises(ValidationError, match="renamed"):
        responses.structure(
            {**DEPLOYMENT, "infra_overrides": {"b": 2}, "job_variables": {"c": 3}},
            DeploymentResponse,
        )
    built = DeploymentResponse(name="d", flow_id=uuid4(), job_variables={"x": 1})
    assert built.infra_overrides == {"x": 1}
    assert responses.structure({**DEPLOYMENT}, DeploymentResponse).infra_overrides == {}


def test_worker_heartbeat_keeps_naive_values_naive() -> None:
    payload = {"name": "w", "work_pool_id": FLOW, "last_heartbeat_time": "2024-01-01T00:00:00"}
    worker = responses.structure(payload, WorkerResponse)
    assert worker.last_heartbeat_time is not None
    assert worker.last_heartbeat_time.tzinfo is None
    assert json.loads(responses.dumps(worker))["last_heartbeat_time"] == "2024-01-01T00:00:00"
    for backend in AVAILABLE_BACKENDS:
        text = responses.dumps(worker, backend=backend)  # type: ignore[arg-type]
        assert b'"last_heartbeat_time":"2024-01-01T00:00:00"' in text


def test_worker_status_from_heartbeat() -> None:
    now = datetime.now(UTC)
    row = SimpleNamespace(
        name="w",
        work_pool_id=uuid4(),
        last_heartbeat_time=now - timedelta(seconds=20),
        heartbeat_interval_seconds=30,
    )
    assert WorkerResponse.from_orm(row).status is responses.WorkerStatus.ONLINE
    row.last_heartbeat_time = now - timedelta(seconds=200)
    assert WorkerResponse.from_orm(row).status is responses.WorkerStatus.OFFLINE
    row.last_heartbeat_time = None
    assert WorkerResponse.from_orm(row).status is responses.WorkerStatus.OFFLINE


def test_deployment_from_orm_names() -> None:
    pool = SimpleNamespace(name="pool")
    row = SimpleNamespace(
        id=uuid4(), name="d", flow_id=uuid4(), work_queue=SimpleNamespace(name="q", work_pool=pool)
    )
    deployment = DeploymentResponse.from_orm(row)
    assert deployment.work_queue_name == "q"
    assert deployment.work_pool_name == "pool"
    assert deployment.status is responses.DeploymentStatus.NOT_READY


def test_worker_flow_run_name_defaults() -> None:
    payload = {
        "work_pool_id": FLOW,
        "work_queue_id": FLOW,
        "flow_run": {"flow_id": FLOW, "name": None},
    }
    handed = responses.structure(payload, responses.WorkerFlowRunResponse)
    assert handed.flow_run.name
    payload["flow_run"] = {"flow_id": FLOW, "name": ""}
    assert responses.structure(payload, responses.WorkerFlowRunResponse).flow_run.name


def test_global_concurrency_limit() -> None:
    limit = responses.structure(
        {"name": "db", "limit": "3", "active_slots": 1}, responses.GlobalConcurrencyLimitResponse
    )
    assert (limit.limit, limit.slot_decay_per_second, limit.active) == (3, 2.0, True)
    with pytest.raises(ValidationError, match=r"\$\.active_slots: field required"):
        responses.structure({"name": "db", "limit": 3}, responses.GlobalConcurrencyLimitResponse)
