"""Capture real Prefect 3.9.1 response bodies into tests/fixtures/prefect-3.9-live/.

Run with ``make capture-prefect3``: it builds ``.venv-prefect3`` (prefect==3.9.1 and
nothing of this library) and runs this script there. The server runs in-process (its
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
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/fixtures/prefect-3.9-live"

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
        record: bool = True,
        expect: tuple[int, ...] = (200, 201),
    ) -> Any:
        url = route.format(**(path or {}))
        response = await self.client.request(method, "/api" + url, json=body)
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
        None,
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
    await call("POST", "/concurrency_limits/filter", "ConcurrencyLimit", many=True, body={})
    await call(
        "GET", "/concurrency_limits/tag/{tag}", "ConcurrencyLimit", path={"tag": "warehouse"}
    )


async def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
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
