"""Capture real Prefect 3.9.1 response bodies into tests/fixtures/prefect-3.9-live/.

Run with ``make capture-prefect3``: it builds ``.venv-prefect3`` (prefect==3.9.1 and
nothing of this library) and runs this script there. ``make capture-prefect3-py313``
does the same on Python 3.13 (``.venv-prefect3-313``), into
tests/fixtures/prefect-3.9-live-py313/: Prefect 3.9 has no pendulum there, and writes
some schedules otherwise. The server runs in-process (its
FastAPI app from ``create_app(ephemeral=True)`` behind ``httpx.ASGITransport``) on a
SQLite database in a temporary PREFECT_HOME; nothing goes over the network.

The script fills the server through its REST API with a small but realistic
population (work pools, queues, workers, flows, deployments with every schedule kind,
flow runs driven through their states, task runs, concurrency limits), then reads
back every route whose model ``responses.prefect3`` covers. Every response body is
written byte for byte, with an index (route, model, encoder, status).

    python scripts/capture_prefect3.py [OUT_DIR]
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

HOME = tempfile.mkdtemp(prefix="prefect3-capture-")
os.environ.update(
    PREFECT_HOME=HOME,
    PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{HOME}/prefect.db",
    PREFECT_SERVER_ANALYTICS_ENABLED="false",
    PREFECT_SERVER_UI_ENABLED="false",
    PREFECT_LOGGING_LEVEL="WARNING",
    PREFECT_SERVER_DATABASE_TIMEOUT="60",
)
# No background service writes to the database while the capture runs (SQLite has one
# writer): every body is the answer to a request of this script.
for _service in [
    "CANCELLATION_CLEANUP",
    "DB_VACUUM",
    "EVENT_PERSISTER",
    "EVENT_LOGGER",
    "FOREMAN",
    "LATE_RUNS",
    "SCHEDULER",
    "PAUSE_EXPIRATIONS",
    "REPOSSESSOR",
    "CLEANUP_RECONCILER",
    "TASK_RUN_RECORDER",
    "TRIGGERS",
]:
    os.environ[f"PREFECT_SERVER_SERVICES_{_service}_ENABLED"] = "false"

import httpx  # noqa: E402
import prefect  # noqa: E402
from asgi_lifespan import LifespanManager  # noqa: E402
from prefect.server.api.server import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Python 3.13+ servers write some values otherwise (no pendulum): a folder of their own.
FOLDER = "prefect-3.9-live" + ("-py313" if sys.version_info >= (3, 13) else "")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/fixtures" / FOLDER

# Routes written with orjson (of model_dump(mode="json")); every other route is written
# by FastAPI (>= 0.130) with pydantic-core's serializer of the response model.
ORJSON_ROUTES = {"/flow_runs/filter", "/flow_runs/paginate"}

rng = random.Random(20250923)
UTC = UTC


def iso(moment: datetime) -> str:
    return moment.isoformat()


class Recorder:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.index: list[dict[str, Any]] = []
        self.count = 0

    async def call(
        self,
        method: str,
        route: str,
        model: str | None,
        *,
        many: bool = False,
        path: dict[str, Any] | None = None,
        body: Any = None,
        params: dict[str, Any] | None = None,
        record: bool = True,
        expect: tuple[int, ...] = (200, 201),
    ) -> Any:
        url = route.format(**(path or {}))
        response = await self.client.request(method, "/api" + url, json=body, params=params)
        if response.status_code not in expect:
            raise RuntimeError(f"{method} {url}: {response.status_code} {response.text[:500]}")
        seq = self.count
        self.count += 1
        if record and model is not None:
            stem = route.strip("/").replace("{", "").replace("}", "").replace("/", "_")
            name = f"{seq:05d}_{method.lower()}_{stem or 'root'}.json"
            (OUT / name).write_bytes(response.content)
            self.index.append(
                {
                    "file": name,
                    "method": method,
                    "route": route,
                    "model": model,
                    "many": many,
                    "encoder": "orjson" if route in ORJSON_ROUTES else "pydantic",
                    "status": response.status_code,
                }
            )
        if not response.content:
            return None
        return response.json()


ZONES = [
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "America/St_Johns",
    "UTC",
    "Pacific/Auckland",
    "Africa/Nairobi",
]

ODD_VALUES: list[Any] = [
    1e-05,
    2.5e-08,
    1e16,
    1e21,
    4500000000000000.0,
    0.30000000000000004,
    1800.25,
    -0.0,
    2**63 - 1,
    -(2**63),
    "tab\there\nnewline\u2028sep\u0000nul\u007fdel",
    "naïve café 東京 🚀",
    "2024-01-01T00:00:00Z",
    [1, 2.0, "three", None, True],
    {"nested": {"deeper": {"list": [{"a": 1}, {"b": [1.5, 2.5]}]}}},
]


def etl_parameters(i: int) -> dict[str, Any]:
    params: dict[str, Any] = {
        "table": rng.choice(["orders", "customers", "events", "invoices", "sessions"]),
        "date": (datetime(2025, 1, 1) + timedelta(days=i)).date().isoformat(),
        "batch_size": rng.choice([100, 500, 1000, 5000]),
        "full_refresh": rng.random() < 0.2,
        "config": {"retries": rng.randint(0, 3), "ratio": round(rng.random(), 6)},
    }
    if i % 3 == 0:
        params["odd"] = ODD_VALUES[(i // 3) % len(ODD_VALUES)]
    return params


def at(moment: datetime, zone_offset_minutes: int = 0) -> str:
    """``moment`` written with a fixed UTC offset (clients send any offset)."""
    tz = timezone(timedelta(minutes=zone_offset_minutes))
    return moment.astimezone(tz).isoformat()


async def populate_and_read(rec: Recorder) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    call = rec.call

    # --- work pools, queues, workers ---------------------------------------------------
    pools = []
    for name, extra in [
        ("etl-process", {}),
        ("ml-process", {"concurrency_limit": 4}),
        ("paused-pool", {"is_paused": True}),
    ]:
        pool = await call(
            "POST",
            "/work_pools/",
            "WorkPoolResponse",
            body={"name": name, "type": "process", "description": f"{name} pool", **extra},
        )
        pools.append(pool)
    queues = []
    for _i, (pool, qname, extra) in enumerate(
        [
            ("etl-process", "high", {"priority": 1, "concurrency_limit": 10}),
            ("etl-process", "low", {"priority": 5}),
            ("etl-process", "zero", {"concurrency_limit": 0, "priority": 3}),
            ("ml-process", "gpu", {"description": "GPU jobs", "priority": 2}),
            ("ml-process", "wartungsfenster-ü", {"is_paused": True, "priority": 4}),
        ]
    ):
        queue = await call(
            "POST",
            "/work_pools/{name}/queues",
            "WorkQueueResponse",
            path={"name": pool},
            body={"name": qname, **extra},
        )
        queues.append(queue)
    for name, extra in [
        ("legacy-agent", {}),
        ("tagged", {"concurrency_limit": 0, "priority": 2}),
    ]:
        queues.append(
            await call("POST", "/work_queues/", "WorkQueueResponse", body={"name": name, **extra})
        )
    for i in range(5):
        pool = pools[i % 2]["name"]
        await call(
            "POST",
            "/work_pools/{name}/workers/heartbeat",
            None,
            path={"name": pool},
            body={"name": f"worker-{i}", "heartbeat_interval_seconds": [30, 5, 60, None, 10][i]},
            expect=(204,),
        )

    # --- flows and deployments ---------------------------------------------------------
    flows = []
    for name in ["extract-orders", "transform-events", "load-warehouse", "train-model"]:
        flows.append(await call("POST", "/flows/", None, body={"name": name, "tags": ["etl"]}))
    anchor = datetime(2025, 3, 30, 1, 30)
    schedule_kinds: list[list[dict[str, Any]]] = [
        [{"schedule": {"cron": "0 6 * * *", "timezone": "Europe/London"}}],
        [
            {
                "schedule": {
                    "interval": 1800.25,
                    "anchor_date": iso(anchor),
                    "timezone": "Asia/Kathmandu",
                }
            }
        ],
        [
            {
                "schedule": {
                    "rrule": "DTSTART:20250101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
                    "timezone": "America/St_Johns",
                }
            }
        ],
        [
            {
                "schedule": {
                    "cron": "*/15 9-17 * * 1-5",
                    "timezone": "America/Los_Angeles",
                    "day_or": False,
                }
            },
            {"schedule": {"interval": 86400, "timezone": "Australia/Adelaide"}, "active": False},
            {
                "schedule": {"rrule": "FREQ=HOURLY;INTERVAL=6"},
                "max_scheduled_runs": 3,
                "parameters": {"table": "events"},
                "slug": "every-six-hours",
            },
        ],
        [{"schedule": {"interval": 3600, "anchor_date": at(anchor, 345), "timezone": "UTC"}}],
        [],
    ]
    deployments = []
    for i, schedules in enumerate(schedule_kinds):
        flow = flows[i % len(flows)]
        body: dict[str, Any] = {
            "name": f"nightly-{i}",
            "flow_id": flow["id"],
            "schedules": schedules,
            "parameters": etl_parameters(i),
            "tags": ["etl", f"team-{i % 2}"],
            "work_pool_name": pools[i % 2]["name"],
            "work_queue_name": ["high", "gpu", "low", "default", None, None][i],
            "entrypoint": f"flows/etl.py:flow_{i}",
            "path": "/opt/prefect",
            "job_variables": {"env": {"STAGE": "prod"}, "working_dir": "/srv"} if i % 2 else {},
        }
        if i == 1:
            body["paused"] = True
        if i == 2:
            body["enforce_parameter_schema"] = True
            body["parameter_openapi_schema"] = {
                "title": "Parameters",
                "type": "object",
                "properties": {"table": {"type": "string"}, "date": {"type": "string"}},
            }
            body["pull_steps"] = [
                {"prefect.deployments.steps.git_clone": {"repository": "https://example.com/r.git"}}
            ]
        if i == 3:
            body["concurrency_limit"] = 2
            body["concurrency_options"] = {"collision_strategy": "CANCEL_NEW"}
            body["version"] = "2025.03.1"
            body["description"] = "Several schedules"
            body["labels"] = {"team": "data"}
        if i == 4:
            body["concurrency_limit"] = 1
        deployment = await call("POST", "/deployments/", "DeploymentResponse", body=body)
        deployments.append(deployment)
        if schedules:
            await call(
                "POST",
                "/deployments/{id}/schedule",
                None,
                path={"id": deployment["id"]},
                body={"start_time": iso(now - timedelta(hours=2)), "max_runs": 6},
            )
    await call(
        "POST",
        "/deployments/{id}/schedules",
        "DeploymentSchedule",
        many=True,
        path={"id": deployments[5]["id"]},
        body=[{"schedule": {"cron": "30 2 1 * *", "timezone": "Pacific/Auckland"}, "active": True}],
    )
    # Intervals given as ISO 8601 durations and anchors without an offset: on Python
    # 3.13+ Prefect keeps them as given (whenever's ItemizedDelta, a naive datetime), on
    # 3.11 and 3.12 they become seconds and UTC.
    await call(
        "POST",
        "/deployments/{id}/schedules",
        "DeploymentSchedule",
        many=True,
        path={"id": deployments[5]["id"]},
        body=[
            {
                "schedule": {
                    "interval": "P1D",
                    "anchor_date": "2025-06-01T09:00:00",
                    "timezone": "Europe/London",
                },
                "active": False,
            },
            {"schedule": {"interval": "PT90M", "anchor_date": "2025-06-01T09:00:00.250000"}},
            {
                "schedule": {
                    "interval": "P1M",
                    "anchor_date": "2025-01-31T00:00:00+01:00",
                    "timezone": "Europe/Paris",
                },
                "active": False,
            },
            {
                "schedule": {"interval": "P1W2DT3H", "anchor_date": "2025-06-01T09:00:00Z"},
                "active": False,
            },
            {"schedule": {"interval": "PT1.5S", "anchor_date": at(anchor, -210)}, "active": False},
            {"schedule": {"interval": "P1Y2M", "anchor_date": iso(anchor)}, "active": False},
            {"schedule": {"interval": "PT3600S"}, "active": False},
        ],
    )
    await call(
        "POST", "/deployments/{id}/pause_deployment", None, path={"id": deployments[4]["id"]}
    )

    # --- concurrency limits ------------------------------------------------------------
    for name, limit, extra in [
        ("db-connections", 5, {"slot_decay_per_second": 0.5}),
        ("api-rate", 10, {"slot_decay_per_second": 1.25}),
        ("inactive", 3, {"active": False}),
        ("zero", 0, {}),
    ]:
        await call(
            "POST",
            "/v2/concurrency_limits/",
            "ConcurrencyLimitV2",
            body={"name": name, "limit": limit, **extra},
        )
    await call(
        "POST",
        "/v2/concurrency_limits/increment",
        "MinimalConcurrencyLimitResponse",
        many=True,
        body={"names": ["db-connections"], "slots": 2, "mode": "concurrency"},
    )
    for tag, limit in [("warehouse", 1), ("frozen", 0), ("api", 3)]:
        await call(
            "POST",
            "/concurrency_limits/",
            "ConcurrencyLimit",
            body={"tag": tag, "concurrency_limit": limit},
        )

    # --- flow runs -----------------------------------------------------------------------
    runs: list[dict[str, Any]] = []
    for i in range(24):
        deployment = deployments[i % len(deployments)]
        body = {"parameters": etl_parameters(i), "tags": ["manual"] if i % 4 == 0 else []}
        if i % 5 == 0:
            body["state"] = {
                "type": "SCHEDULED",
                "name": "Scheduled",
                "state_details": {
                    "scheduled_time": at(now + timedelta(hours=i), [0, 330, -570, 345][i % 4])
                },
            }
        if i % 7 == 3:
            body["idempotency_key"] = f"idem-{i}"
        if i % 6 == 1:
            body["work_queue_name"] = (
                "high" if deployment["work_pool_name"] == "etl-process" else "gpu"
            )
        if i % 8 == 2:
            body["labels"] = {"origin": "api", "attempt": 1}
        runs.append(
            await call(
                "POST",
                "/deployments/{id}/create_flow_run",
                "FlowRunResponse",
                path={"id": deployment["id"]},
                body=body,
            )
        )
    # idempotent re-creation
    await call(
        "POST",
        "/deployments/{id}/create_flow_run",
        "FlowRunResponse",
        path={"id": deployments[3]["id"]},
        body={"idempotency_key": "idem-3"},
    )
    for i in range(16):
        flow = flows[i % len(flows)]
        body = {
            "flow_id": flow["id"],
            "name": f"adhoc-{i}" if i % 3 else None,
            "parameters": etl_parameters(100 + i),
            "tags": ["adhoc", "etl"][: i % 3],
            "empirical_policy": {"retries": i % 3, "retry_delay": [0, 5, 30][i % 3]},
        }
        if body["name"] is None:
            del body["name"]
        if i % 4 == 1:
            body["state"] = {"type": "PENDING"}
        if i % 5 == 2:
            body["context"] = {"trigger": "manual", "user": "ops"}
        if i % 6 == 5:
            body["job_variables"] = {"image": "etl:1.2"}
        runs.append(await call("POST", "/flow_runs/", "FlowRunResponse", body=body))

    # task runs inside a few flow runs, with tag limits
    task_runs = []
    for i, run in enumerate(runs[24:32]):
        tr = await call(
            "POST",
            "/task_runs/",
            "TaskRun",
            body={
                "flow_run_id": run["id"],
                "task_key": f"extract-{i % 3}",
                "dynamic_key": str(i),
                "name": f"extract-{i}",
                "tags": [["extract"], ["io", "daily"], [], []][
                    i % 4
                ],  # no tag limit: on SQLite, a limited tag locks the database
                "empirical_policy": {"retries": i % 2, "retry_delay": [1, 2] if i % 2 else None},
                "task_inputs": {"x": [{"input_type": "parameter", "name": "x"}]} if i % 2 else {},
            },
        )
        task_runs.append(tr)
    # a subflow run (its parent task run set)
    runs.append(
        await call(
            "POST",
            "/flow_runs/",
            "FlowRunResponse",
            body={
                "flow_id": flows[1]["id"],
                "parent_task_run_id": task_runs[0]["id"],
                "parameters": {"chunk": 1},
            },
        )
    )

    # --- states ------------------------------------------------------------------------
    async def set_state(
        run: dict[str, Any], state: dict[str, Any], force: bool = False, task: bool = False
    ) -> Any:
        route = "/task_runs/{id}/set_state" if task else "/flow_runs/{id}/set_state"
        return await call(
            "POST",
            route,
            "OrchestrationResult",
            path={"id": run["id"]},
            body={"state": state, "force": force},
        )

    def state(kind: str, name: str | None = None, **details: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"type": kind}
        if name:
            out["name"] = name
        if details:
            out["state_details"] = details
        return out

    for i, run in enumerate(runs):
        plan = i % 9
        if plan == 0:  # completes
            await set_state(run, state("PENDING"))
            await set_state(run, state("RUNNING"))
            await set_state(run, {"type": "COMPLETED", "message": "All rows loaded"})
        elif plan == 1:  # fails, retries, fails
            await set_state(run, state("PENDING"))
            await set_state(run, state("RUNNING"))
            await set_state(run, state("FAILED"))
            await set_state(run, state("RUNNING"))
            await set_state(run, {"type": "FAILED", "message": "boom: KeyError('id')"})
        elif plan == 2:  # pause and resume
            await set_state(run, state("PENDING"))
            await set_state(run, state("RUNNING"))
            await set_state(
                run,
                state(
                    "PAUSED",
                    pause_key="approve-1",
                    pause_timeout=iso(now + timedelta(hours=1)),
                    pause_reschedule=False,
                ),
            )
            await call(
                "POST",
                "/flow_runs/{id}/resume",
                "OrchestrationResult",
                path={"id": run["id"]},
                body={},
            )
            await set_state(run, state("PAUSED", pause_key="approve-1"))  # the key already fired
        elif plan == 3:  # cancelled
            await set_state(run, state("CANCELLING"))
            await set_state(run, state("CANCELLED"))
            await set_state(run, state("RUNNING"))  # rejected or aborted
        elif plan == 4:  # crashes
            await set_state(run, state("PENDING"))
            await set_state(run, state("RUNNING"))
            await set_state(run, {"type": "CRASHED", "message": "Process exited with code -9"})
        elif plan == 5:  # early start: wait
            await set_state(
                run,
                state("SCHEDULED", scheduled_time=at(now + timedelta(days=1), -210)),
                force=True,
            )
            await set_state(run, state("PENDING"))
        elif plan == 6:  # running, custom names
            await set_state(run, state("PENDING", "Queued"))
            await set_state(run, state("RUNNING", "Crunching"))
        elif plan == 7:  # suspended, then forced
            await set_state(run, state("PENDING"))
            await set_state(run, state("RUNNING"))
            await set_state(
                run, state("PAUSED", "Suspended", pause_key="suspend", pause_reschedule=True)
            )
            await set_state(run, state("SCHEDULED", "AwaitingRetry"), force=True)
        # plan 8: left scheduled / as created
    # task runs through their states, some against tag limits
    for i, tr in enumerate(task_runs):
        await set_state(tr, state("PENDING"), task=True)
        await set_state(tr, state("RUNNING"), task=True)
        if i % 3 == 0:
            await set_state(
                tr,
                {
                    "type": "COMPLETED",
                    "state_details": {
                        "cache_key": f"k{i}",
                        "cache_expiration": iso(now + timedelta(days=7)),
                    },
                },
                task=True,
            )
        elif i % 3 == 1:
            await set_state(tr, state("FAILED", retriable=True), task=True)
            await set_state(
                tr,
                state("SCHEDULED", "AwaitingRetry", scheduled_time=iso(now + timedelta(seconds=5))),
                task=True,
            )

    # --- workers poll -------------------------------------------------------------------
    for pool in pools:
        await call(
            "POST",
            "/work_pools/{name}/get_scheduled_flow_runs",
            "WorkerFlowRunResponse",
            many=True,
            path={"name": pool["name"]},
            body={"scheduled_before": iso(now + timedelta(days=2)), "limit": 8},
        )

    # --- reads ------------------------------------------------------------------------
    for run in runs:
        await call("GET", "/flow_runs/{id}", "FlowRunResponse", path={"id": run["id"]})
    for offset in (0, 20, 40):
        await call(
            "POST",
            "/flow_runs/filter",
            "FlowRunResponse",
            many=True,
            body={"limit": 20, "offset": offset, "sort": "ID_DESC"},
        )
    for page in (1, 2):
        await call(
            "POST",
            "/flow_runs/paginate",
            "FlowRunPaginationResponse",
            body={"limit": 25, "page": page},
        )
    await call(
        "POST",
        "/flow_runs/history",
        "HistoryResponse",
        many=True,
        body={
            "history_start": iso(now - timedelta(hours=1)),
            "history_end": iso(now + timedelta(days=1)),
            "history_interval_seconds": 3600 * 4,
        },
    )
    for tr in task_runs:
        await call("GET", "/task_runs/{id}", "TaskRun", path={"id": tr["id"]})
    await call("POST", "/task_runs/filter", "TaskRun", many=True, body={})
    await call(
        "POST", "/task_runs/paginate", "TaskRunPaginationResponse", body={"limit": 5, "page": 1}
    )
    for deployment in deployments:
        await call("GET", "/deployments/{id}", "DeploymentResponse", path={"id": deployment["id"]})
        await call(
            "GET",
            "/deployments/{id}/schedules",
            "DeploymentSchedule",
            many=True,
            path={"id": deployment["id"]},
        )
    flow_names = {flow["id"]: flow["name"] for flow in flows}
    deployment = deployments[0]
    await call(
        "GET",
        "/deployments/name/{flow_name}/{deployment_name}",
        "DeploymentResponse",
        path={
            "flow_name": flow_names[deployment["flow_id"]],
            "deployment_name": deployment["name"],
        },
    )
    await call("POST", "/deployments/filter", "DeploymentResponse", many=True, body={})
    await call(
        "POST",
        "/deployments/paginate",
        "DeploymentPaginationResponse",
        body={"limit": 4, "page": 1},
    )
    await call(
        "POST",
        "/deployments/get_scheduled_flow_runs",
        "FlowRunResponse",
        many=True,
        body={
            "deployment_ids": [d["id"] for d in deployments[:3]],
            "scheduled_before": iso(now + timedelta(days=2)),
            "limit": 10,
        },
    )
    for pool in pools:
        await call("GET", "/work_pools/{name}", "WorkPoolResponse", path={"name": pool["name"]})
        await call(
            "POST",
            "/work_pools/{work_pool_name}/queues/filter",
            "WorkQueueResponse",
            many=True,
            path={"work_pool_name": pool["name"]},
            body={},
        )
        await call(
            "POST",
            "/work_pools/{work_pool_name}/workers/filter",
            "WorkerResponse",
            many=True,
            path={"work_pool_name": pool["name"]},
            body={},
        )
    await call("POST", "/work_pools/filter", "WorkPoolResponse", many=True, body={})
    all_queues = await call("POST", "/work_queues/filter", "WorkQueueResponse", many=True, body={})
    for queue in all_queues:
        await call("GET", "/work_queues/{id}", "WorkQueueResponse", path={"id": queue["id"]})
        await call(
            "GET", "/work_queues/{id}/status", "WorkQueueStatusDetail", path={"id": queue["id"]}
        )
        if queue.get("work_pool_name"):
            await call(
                "GET",
                "/work_pools/{work_pool_name}/queues/{name}",
                "WorkQueueResponse",
                path={"work_pool_name": queue["work_pool_name"], "name": queue["name"]},
            )
    await call(
        "GET", "/work_queues/name/{name}", "WorkQueueResponse", path={"name": "legacy-agent"}
    )
    for queue in queues[:3]:
        await call(
            "POST",
            "/work_queues/{id}/get_runs",
            "FlowRunResponse",
            many=True,
            path={"id": queue["id"]},
            body={"limit": 5},
        )
    limits = await call(
        "POST",
        "/v2/concurrency_limits/filter",
        "GlobalConcurrencyLimitResponse",
        many=True,
        body={},
    )
    for limit in limits:
        await call(
            "GET",
            "/v2/concurrency_limits/{id_or_name}",
            "GlobalConcurrencyLimitResponse",
            path={"id_or_name": limit["name"]},
        )
    tag_limits = await call(
        "POST", "/concurrency_limits/filter", "ConcurrencyLimit", many=True, body={}
    )
    await call(
        "GET", "/concurrency_limits/tag/{tag}", "ConcurrencyLimit", path={"tag": "warehouse"}
    )
    await read_more(rec, now, runs, task_runs, deployments, pools, all_queues, tag_limits)


async def read_more(
    rec: Recorder,
    now: datetime,
    runs: list[dict[str, Any]],
    task_runs: list[dict[str, Any]],
    deployments: list[dict[str, Any]],
    pools: list[dict[str, Any]],
    queues: list[dict[str, Any]],
    tag_limits: list[dict[str, Any]],
) -> None:
    """The other routes of the families (states, bulk operations, concurrency slots and
    leases, concurrency status, the UI's views); deletions last."""
    call = rec.call

    # --- states --------------------------------------------------------------------------
    for run in runs[::3]:
        states = await call(
            "GET",
            "/flow_run_states/",
            "State",
            many=True,
            params={"flow_run_id": run["id"]},
        )
        for state in states[:2]:
            await call("GET", "/flow_run_states/{id}", "State", path={"id": state["id"]})
    for tr in task_runs:
        states = await call(
            "GET", "/task_run_states/", "State", many=True, params={"task_run_id": tr["id"]}
        )
        if states:
            await call("GET", "/task_run_states/{id}", "State", path={"id": states[-1]["id"]})

    # --- task runs -----------------------------------------------------------------------
    await call(
        "POST",
        "/task_runs/history",
        "HistoryResponse",
        many=True,
        body={
            "history_start": iso(now - timedelta(hours=1)),
            "history_end": iso(now + timedelta(days=1)),
            "history_interval_seconds": 3600 * 6,
        },
    )
    for tr in task_runs[::2]:
        await call("GET", "/ui/task_runs/{id}", "UITaskRun", path={"id": tr["id"]})
    await call("POST", "/ui/task_runs/count", "CountByState", body={})
    await call(
        "POST",
        "/ui/task_runs/count",
        "CountByState",
        body={"task_runs": {"tags": {"all_": ["io"]}}},
    )
    await call(
        "POST",
        "/ui/task_runs/dashboard/counts",
        "TaskRunCount",
        many=True,
        body={"task_runs": {"start_time": {"after_": iso(now - timedelta(hours=1))}}},
    )
    for body in ({"limit": 10}, {"sort": "EXPECTED_START_TIME_ASC", "limit": 50, "offset": 5}):
        await call("POST", "/ui/flow_runs/history", "SimpleFlowRun", many=True, body=body)

    # --- flow runs: graphs (task runs with their upstream task runs) and inputs ---------
    parent = runs[24]
    first = task_runs[0]  # a task run of that flow run
    downstream = await call(
        "POST",
        "/task_runs/",
        None,
        body={
            "flow_run_id": parent["id"],
            "task_key": "transform",
            "dynamic_key": "0",
            "name": "transform-0",
            # task_run inputs only: Prefect 3.9.1's graph fails (500) on a parameter input
            "task_inputs": {"rows": [{"input_type": "task_run", "id": first["id"]}]},
        },
    )
    await call(
        "POST",
        "/task_runs/{id}/set_state",
        None,
        path={"id": downstream["id"]},
        body={"state": {"type": "RUNNING"}, "force": True},
    )
    for run in (parent, runs[26], runs[3], runs[-1]):  # none with a parameter input
        await call(
            "GET", "/flow_runs/{id}/graph", "DependencyResult", many=True, path={"id": run["id"]}
        )
    paused = runs[2]  # paused and resumed (plan 2)
    for key, value, sender in [
        ("approval", '{"approved": true, "by": "ops"}', "ui"),
        ("approval-note", '"Ship it \u2705"', None),
        ("other", "42", "api"),
    ]:
        await call(
            "POST",
            "/flow_runs/{id}/input",
            None,
            path={"id": paused["id"]},
            body={"key": key, "value": value, "sender": sender},
            expect=(201,),
        )
    for body in ({"prefix": "approval"}, {"prefix": "a", "limit": 1}, {"prefix": "none"}):
        await call(
            "POST",
            "/flow_runs/{id}/input/filter",
            "FlowRunInput",
            many=True,
            path={"id": paused["id"]},
            body=body,
        )

    # --- flow runs: bulk state changes -------------------------------------------------
    adhoc = [run["id"] for run in runs[24:28]]
    await call(
        "POST",
        "/flow_runs/bulk_set_state",
        "FlowRunBulkSetStateResponse",
        body={"flow_runs": {"id": {"any_": adhoc}}, "state": {"type": "CANCELLING"}},
    )
    await call(
        "POST",
        "/flow_runs/bulk_set_state",
        "FlowRunBulkSetStateResponse",
        body={
            "flow_runs": {"id": {"any_": adhoc[:2]}},
            "state": {"type": "CANCELLED", "message": "bulk"},
            "force": True,
        },
    )
    await call(
        "POST",
        "/deployments/{id}/create_flow_run/bulk",
        "FlowRunBulkCreateResponse",
        path={"id": deployments[0]["id"]},
        body=[
            {"parameters": {"table": "orders"}, "tags": ["bulk"]},
            {"name": "bulk-two", "state": {"type": "SCHEDULED"}},
            {"parameters": {"table": "events"}, "idempotency_key": "bulk-idem"},
        ],
    )

    # --- concurrency: slots, leases, status ----------------------------------------------
    for limit in tag_limits:
        await call("GET", "/concurrency_limits/{id}", "ConcurrencyLimit", path={"id": limit["id"]})
    holder = task_runs[1]["id"]
    for route in ("/concurrency_limits/increment", "/concurrency_limits/decrement"):
        await call(
            "POST",
            route,
            "MinimalConcurrencyLimitResponse",
            many=True,
            body={"names": ["api", "warehouse", "no-such-tag"], "task_run_id": holder},
        )
    await call(
        "POST",
        "/v2/concurrency_limits/increment",
        "MinimalConcurrencyLimitResponse",
        many=True,
        body={"names": ["api-rate", "db-connections"], "slots": 1, "mode": "concurrency"},
    )
    await call(
        "POST",
        "/v2/concurrency_limits/decrement",
        "MinimalConcurrencyLimitResponse",
        many=True,
        body={"names": ["api-rate"], "slots": 1, "occupancy_seconds": 2.5},
    )
    leased = await call(
        "POST",
        "/v2/concurrency_limits/increment-with-lease",
        "ConcurrencyLimitWithLeaseResponse",
        body={"names": ["db-connections", "api-rate"], "slots": 1, "lease_duration": 120},
    )
    await call(
        "POST",
        "/v2/concurrency_limits/increment-with-lease",
        "ConcurrencyLimitWithLeaseResponse",
        body={
            "names": ["api-rate"],
            "slots": 2,
            "mode": "rate_limit",
            "holder": {"type": "task_run", "id": holder},
        },
    )
    await call(
        "POST",
        "/v2/concurrency_limits/decrement-with-lease",
        None,
        body={"lease_id": leased["lease_id"]},
        expect=(204,),
    )
    for pool in pools:
        await call(
            "POST",
            "/work_pools/{name}/concurrency_status",
            "WorkPoolConcurrencyStatus",
            path={"name": pool["name"]},
            body={},
        )
    await call(
        "POST",
        "/work_pools/{name}/concurrency_status",
        "WorkPoolConcurrencyStatus",
        path={"name": pools[0]["name"]},
        body={"page": 2, "limit": 1, "flow_run_limit": 1},
    )
    for queue in queues:
        await call(
            "POST",
            "/work_queues/{id}/concurrency_status",
            "WorkQueueConcurrencyStatus",
            path={"id": queue["id"]},
            body={"limit": 3},
        )

    # --- deployments: queues that would serve them ---------------------------------------
    for deployment in deployments:
        await call(
            "GET",
            "/deployments/{id}/work_queue_check",
            "WorkQueue",
            many=True,
            path={"id": deployment["id"]},
        )

    # --- deletions last ------------------------------------------------------------------
    await call(
        "POST",
        "/flow_runs/bulk_delete",
        "FlowRunBulkDeleteResponse",
        body={"flow_runs": {"id": {"any_": adhoc[2:]}}},
    )
    await call(
        "POST",
        "/flow_runs/bulk_delete",
        "FlowRunBulkDeleteResponse",
        body={"flow_runs": {"name": {"any_": ["no-such-run"]}}},
    )
    doomed = []
    for i in range(2):
        doomed.append(
            await call(
                "POST",
                "/deployments/",
                None,
                body={"name": f"doomed-{i}", "flow_id": deployments[0]["flow_id"]},
            )
        )
    await call(
        "POST",
        "/deployments/bulk_delete",
        "DeploymentBulkDeleteResponse",
        body={"deployments": {"id": {"any_": [d["id"] for d in doomed]}}},
    )


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.json"):  # the bodies and index of the last run; README.md stays
        stale.unlink()
    app = create_app(ephemeral=True)
    async with LifespanManager(app, startup_timeout=300, shutdown_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://prefect.test") as client:
            rec = Recorder(client)
            await populate_and_read(rec)
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in rec.index)
    (OUT / "index.json").write_text("[\n" + lines + "\n]\n", encoding="utf-8")
    size = sum(path.stat().st_size for path in OUT.iterdir())
    print(
        f"prefect {prefect.__version__}, Python {sys.version.split()[0]}: "
        f"{len(rec.index)} bodies, {size:,} bytes in {OUT}"
    )
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
