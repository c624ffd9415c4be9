"""A seeded generator of realistic flow-run lists, as Prefect's API sends them.

Runs share flows, deployments, work queues and pools the way a real list does;
every state type appears; optional fields are sometimes null. The same seed and
options always give the same bytes.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

ParamsSize = Literal["small", "large"]

_STATES = [
    ("SCHEDULED", ["Scheduled", "Late", "AwaitingRetry"]),
    ("PENDING", ["Pending"]),
    ("RUNNING", ["Running", "Retrying"]),
    ("COMPLETED", ["Completed", "Cached"]),
    ("FAILED", ["Failed"]),
    ("CANCELLED", ["Cancelled"]),
    ("CRASHED", ["Crashed"]),
    ("PAUSED", ["Paused", "Suspended"]),
    ("CANCELLING", ["Cancelling"]),
]
_OFFSETS = [0, 0, 0, 0, 330, -480, 60, 120, -300, 585, 765]
_WORDS = [
    "amber", "brisk", "calm", "daring", "eager", "gentle", "keen",
    "lucky", "mellow", "noble", "quiet", "rapid", "swift",
]  # fmt: skip
_ANIMALS = [
    "otter", "raven", "heron", "lynx", "panda", "koala",
    "tapir", "wombat", "ibex", "gecko", "finch", "crane",
]  # fmt: skip
_TAGS = ["prod", "staging", "dev", "etl", "nightly", "priority:high", "team:data", "ml", "éclair"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _moment(rng: random.Random, base: datetime) -> datetime:
    offset = timezone(timedelta(minutes=rng.choice(_OFFSETS)))
    seconds = rng.randrange(-86400 * 30, 86400 * 30)
    micro = rng.choice([0, rng.randrange(1, 1_000_000)])
    return (base + timedelta(seconds=seconds, microseconds=micro)).astimezone(offset)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _small_parameters(rng: random.Random) -> dict[str, Any]:
    return {
        "date": f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "limit": rng.randrange(1, 10_000),
        "dry_run": rng.random() < 0.2,
        "region": rng.choice(["eu-west-1", "us-east-1", "ap-south-1"]),
    }


def _large_parameters(rng: random.Random) -> dict[str, Any]:
    params = _small_parameters(rng)
    params["config"] = {
        "sources": [
            {"name": f"source-{i}", "weight": round(rng.random(), 6), "enabled": rng.random() < 0.8}
            for i in range(rng.randrange(5, 15))
        ],
        "thresholds": [round(rng.uniform(-1000, 1000), 3) for _ in range(20)],
        "notes": " ".join(rng.choice(_WORDS) for _ in range(40)) + " ✓ ünïcode",
    }
    params["ids"] = [_uuid(rng) for _ in range(10)]
    return params


class _Fleet:
    """Flows, deployments, queues and pools shared across the runs of one list."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.pools = [(_uuid(rng), f"pool-{i}") for i in range(3)]
        self.queues = [
            (_uuid(rng), f"{rng.choice(_WORDS)}-{rng.choice(_ANIMALS)}-{i}", rng.choice(self.pools))
            for i in range(10)
        ]
        self.flows = [_uuid(rng) for _ in range(max(5, count // 200))]
        self.deployments = [
            (_uuid(rng), f"v{rng.randrange(1, 5)}.{rng.randrange(0, 20)}", rng.choice(self.flows))
            for _ in range(max(3, count // 100))
        ]


def _run(rng: random.Random, fleet: _Fleet, base: datetime, params: ParamsSize) -> dict[str, Any]:
    state_type, names = rng.choice(_STATES)
    state_name = rng.choice(names)
    run_id = _uuid(rng)
    deployment = rng.choice(fleet.deployments) if rng.random() < 0.85 else None
    flow_id = deployment[2] if deployment else rng.choice(fleet.flows)
    queue = rng.choice(fleet.queues) if deployment else None
    created = _moment(rng, base)
    started = created + timedelta(seconds=rng.randrange(1, 600)) if rng.random() < 0.7 else None
    ended = (
        started + timedelta(seconds=rng.randrange(1, 7200), microseconds=rng.randrange(1_000_000))
        if started and state_type in ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")
        else None
    )
    total = (ended - started).total_seconds() if started and ended else 0.0
    scheduled_time = created + timedelta(seconds=rng.randrange(0, 3600))
    state_id = _uuid(rng)
    retries = rng.choice([None, 0, 1, 3])
    return {
        "id": run_id,
        "created": _iso(created),
        "updated": _iso(created + timedelta(seconds=rng.randrange(0, 10_000))),
        "name": f"{rng.choice(_WORDS)}-{rng.choice(_ANIMALS)}",
        "flow_id": flow_id,
        "state_id": state_id,
        "deployment_id": deployment[0] if deployment else None,
        "deployment_version": deployment[1] if deployment else None,
        "work_queue_id": queue[0] if queue else None,
        "work_queue_name": queue[1] if queue else None,
        "flow_version": rng.choice([None, "a1b2c3d4", "1.0.3"]),
        "parameters": _large_parameters(rng) if params == "large" else _small_parameters(rng),
        "idempotency_key": rng.choice([None, f"scheduled {_uuid(rng)}"]),
        "context": {} if rng.random() < 0.8 else {"trigger": "manual", "user": "ada"},
        "empirical_policy": {
            "max_retries": 0,
            "retry_delay_seconds": 0.0,
            "retries": retries,
            "retry_delay": rng.choice([None, 10, 60]) if retries else None,
            "pause_keys": [f"pause-{i}" for i in range(rng.choice([0, 0, 0, 1, 2]))],
            "resuming": False,
            "retry_type": rng.choice([None, None, "in_process", "reschedule"]),
        },
        "tags": rng.sample(_TAGS, rng.randrange(0, 4)),
        "parent_task_run_id": _uuid(rng) if rng.random() < 0.1 else None,
        "state_type": state_type,
        "state_name": state_name,
        "run_count": rng.randrange(0, 4),
        "expected_start_time": _iso(scheduled_time),
        "next_scheduled_start_time": _iso(scheduled_time) if state_type == "SCHEDULED" else None,
        "start_time": _iso(started),
        "end_time": _iso(ended),
        "total_run_time": total,
        "estimated_run_time": total,
        "estimated_start_time_delta": float(rng.randrange(0, 120)),
        "auto_scheduled": deployment is not None and rng.random() < 0.6,
        "infrastructure_document_id": None,
        "infrastructure_pid": rng.choice([None, f"pid-{rng.randrange(1, 99999)}"]),
        "created_by": rng.choice(
            [None, {"id": _uuid(rng), "type": "DEPLOYMENT", "display_value": "nightly"}]
        ),
        "work_pool_id": queue[2][0] if queue else None,
        "work_pool_name": queue[2][1] if queue else None,
        "state": {
            "id": state_id,
            "type": state_type,
            "name": state_name,
            "timestamp": _iso(created + timedelta(seconds=rng.randrange(0, 5000))),
            "message": rng.choice(
                [None, "", "All states completed.", "Flow run encountered an error."]
            ),
            "data": None,
            "state_details": {
                "flow_run_id": run_id,
                "task_run_id": None,
                "child_flow_run_id": None,
                "scheduled_time": _iso(scheduled_time) if state_type == "SCHEDULED" else None,
                "cache_key": None,
                "cache_expiration": None,
                "untrackable_result": False,
                "pause_timeout": None,
                "pause_reschedule": False,
                "pause_key": None,
                "run_input_keyset": None,
                "refresh_cache": None,
                "retriable": None,
                "transition_id": _uuid(rng) if rng.random() < 0.5 else None,
                "task_parameters_id": None,
            },
        },
        "job_variables": rng.choice([None, {}, {"image": "prefecthq/prefect:2-latest", "cpu": 2}]),
    }


def flow_runs(count: int, *, seed: int = 1, params: ParamsSize = "small") -> list[dict[str, Any]]:
    """``count`` flow runs as JSON-ready dicts, in Prefect's wire format."""
    rng = random.Random(seed)
    base = datetime(2024, 5, 1, 12, tzinfo=UTC)
    fleet = _Fleet(rng, count)
    return [_run(rng, fleet, base, params) for _ in range(count)]


def flow_runs_json(count: int, *, seed: int = 1, params: ParamsSize = "small") -> bytes:
    """``count`` flow runs as a JSON array, as Prefect's route encoder writes it."""
    runs = flow_runs(count, seed=seed, params=params)
    return json.dumps(runs, ensure_ascii=False, separators=(",", ":")).encode()


# --- real data: the /flow_runs/filter pages a Prefect 2.20.27 server sent -------------

LIVE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "prefect-2.20-live"
_PAGES = (
    "flow_runs_filter_page1.json",
    "flow_runs_filter_page2.json",
    "flow_runs_filter_page3.json",
)
_NAMESPACE = uuid.UUID("6f1a0c43-5d7e-4b58-9a51-1b2f3e4d5c6b")


def _per_run_ids(run: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Where a run holds ids of its own (not shared with other runs): (container, key)."""
    places = [(run, "id"), (run, "state_id"), (run, "idempotency_key")]
    state = run.get("state")
    if state:
        places += [(state, "id")]
        details = state.get("state_details") or {}
        places += [(details, "flow_run_id"), (details, "transition_id")]
    return places


def _copy_of(run: dict[str, Any], copy: int) -> dict[str, Any]:
    """A copy of a real run whose own ids are new (deterministically): a list of N runs
    has N distinct run and state ids, as a real one does, so no cache sees repeats."""
    fresh = json.loads(json.dumps(run))
    for container, key in _per_run_ids(fresh):
        value = container.get(key)
        if isinstance(value, str):
            container[key] = str(uuid.uuid5(_NAMESPACE, f"{copy}:{value}"))
    return fresh


def real_flow_runs(count: int) -> list[dict[str, Any]]:
    """``count`` real flow runs: the 600 of three consecutive 200-run ``/flow_runs/filter``
    pages from a Prefect 2.20.27 server, repeated with fresh run ids when more are asked."""
    pool = [run for name in _PAGES for run in json.loads((LIVE / name).read_bytes())]
    return [
        pool[index] if index < len(pool) else _copy_of(pool[index % len(pool)], index // len(pool))
        for index in range(count)
    ]


def real_flow_runs_json(count: int) -> bytes:
    """``count`` real flow runs as a compact JSON array (the first page's own bytes
    when 200 are asked)."""
    if count == 200:
        return (LIVE / _PAGES[0]).read_bytes()
    return json.dumps(real_flow_runs(count), ensure_ascii=False, separators=(",", ":")).encode()


# --- real Prefect 3.9 data: every FlowRunResponse a Prefect 3.9.1 server sent ----------

LIVE3 = LIVE.parent / "prefect-3.9-live"
_FILTER_ROUTE = "/flow_runs/filter"


def real3_pool() -> list[dict[str, Any]]:
    """The distinct ``FlowRunResponse`` objects of the Prefect 3.9.1 captures (the index's
    ``model``), ``/flow_runs/filter`` pages first, then every other route's bodies
    (``GET /flow_runs/{id}``, ``POST /flow_runs/``, ``create_flow_run``, ...), in capture
    order. The same run appears in several states (snapshots taken at different times)."""
    entries = json.loads((LIVE3 / "index.json").read_bytes())
    entries = [entry for entry in entries if entry["model"] == "FlowRunResponse"]
    entries.sort(key=lambda entry: entry["route"] != _FILTER_ROUTE)  # stable: capture order
    pool: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in entries:
        body = json.loads((LIVE3 / entry["file"]).read_bytes())
        for run in body if entry["many"] else [body]:
            key = json.dumps(run, sort_keys=True)
            if key not in seen:
                seen.add(key)
                pool.append(run)
    return pool


def real3_flow_runs(count: int) -> list[dict[str, Any]]:
    """``count`` real Prefect 3.9 flow runs: :func:`real3_pool` repeated as often as
    needed; a run whose id is already in the list (another snapshot of it, or a repeat)
    gets fresh ids of its own, so N runs have N distinct run ids."""
    pool = real3_pool()
    runs: list[dict[str, Any]] = []
    ids: set[str] = set()
    for index in range(count):
        run = pool[index % len(pool)]
        if run["id"] in ids:
            run = _copy_of(run, index)
        ids.add(run["id"])
        runs.append(run)
    return runs


def real3_flow_runs_json(count: int) -> bytes:
    """``count`` real Prefect 3.9 flow runs as a JSON array, as ``/flow_runs/filter``
    writes it (orjson, when installed; otherwise Python's compact ``json``, whose floats
    may be spelled differently: the same values)."""
    runs = real3_flow_runs(count)
    try:
        import orjson
    except ImportError:
        return json.dumps(runs, ensure_ascii=False, separators=(",", ":")).encode()
    return orjson.dumps(runs)


DataKind = Literal["real", "generated", "real3"]


def dataset(kind: DataKind, count: int, *, seed: int = 1, params: ParamsSize = "small") -> bytes:
    """The benchmark's input: real runs (the default), the seeded generator's, or (for
    the Prefect 3 profile) real Prefect 3.9 runs."""
    if kind == "real":
        return real_flow_runs_json(count)
    if kind == "real3":
        return real3_flow_runs_json(count)
    return flow_runs_json(count, seed=seed, params=params)
