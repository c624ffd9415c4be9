"""The oracle: every field kind, Prefect's verdict and value against ours.

``python -m oracle [--prefect 2|3] [--count N] [--seed S] [--kinds a,b] [--show N]``:
against Prefect 2.20.27 (``responses``, the default) or Prefect 3.9.1
(``responses.prefect3``), each in its own venv; prints a table per field kind and
exits 1 on any different value, any value we accept that Prefect rejects, any stray
exception, or any refusal of ours the README's table does not list.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import itertools
import json
import math
import multiprocessing
import random
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import generators as gen
from . import ours
from .listed import listed_acceptance, listed_refusal
from .profiles import PROFILES, Profile, Rejected

# The profile of this run, chosen by main() before any work (forked children inherit it).
PROFILE: Profile = PROFILES["2"]


def prefect_parse(name: str, payload: Any) -> Any:
    return PROFILE.parse(name, payload)


COLUMNS = (
    "same",
    "different value",
    "we accept, Prefect rejects",
    "we reject, Prefect accepts",
    "stray exception",
)
FAILING = {"different value", "stray exception", "unlisted refusal", "unlisted acceptance"}
SLUG = re.compile(r"[a-z]+(?:-[a-z]+)+")


# --- the real captures -------------------------------------------------------------


def _captures() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file, model, object) for every object of every body, smallest files first."""
    live = PROFILE.live
    index = json.loads((live / "index.json").read_text())
    for entry in sorted(index, key=lambda e: (live / e["file"]).stat().st_size):
        body = json.loads((live / entry["file"]).read_bytes())
        for item in body if entry["many"] else [body]:
            yield entry["file"], entry["model"], item


_BASES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}


def base(
    model: str, within: str, prefix: tuple[Any, ...], need: Callable[[Any], bool]
) -> dict[str, Any]:
    """The smallest real capture of ``within`` whose value at ``prefix`` passes ``need``,
    cut down to that value (a ``model`` object)."""
    for _, name, item in _captures():
        if name != within:
            continue
        try:
            value = ours.navigate(item, prefix)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, dict) and need(value):
            return copy.deepcopy(value)
    raise LookupError(f"no capture of {within} has {prefix} for {model}")


@dataclass
class Site:
    model: str
    payload: dict[str, Any]
    path: tuple[Any, ...]

    def __post_init__(self) -> None:
        pkg = PROFILE.ours
        self.base_model = pkg.structure(copy.deepcopy(self.payload), getattr(pkg, self.model))

    def with_value(self, value: Any) -> dict[str, Any]:
        payload = copy.deepcopy(self.payload)
        holder = ours.navigate(payload, self.path[:-1])
        holder[self.path[-1]] = value
        return payload


def _has(*keys: str, **equal: Any) -> Callable[[Any], bool]:
    def need(value: Any) -> bool:
        return all(value.get(k) is not None for k in keys) and all(
            value.get(k) == v for k, v in equal.items()
        )

    return need


def sites() -> dict[str, list[Site]]:
    if PROFILE.key == "3":
        return _sites_3()
    any_ok = _has()
    interval_schedule = base(
        "IntervalSchedule", "DeploymentResponse", ("schedule",), _has("interval")
    )
    cron_schedule = base("CronSchedule", "DeploymentResponse", ("schedule",), _has("cron"))
    rrule_schedule = base("RRuleSchedule", "DeploymentResponse", ("schedule",), _has("rrule"))
    run = base("FlowRunResponse", "FlowRunResponse", (), _has("state", "start_time"))
    scheduled = base(
        "FlowRunResponse",
        "FlowRunResponse",
        (),
        lambda v: (v.get("state") or {}).get("type") == "SCHEDULED",
    )
    deployment = base(
        "DeploymentResponse",
        "DeploymentResponse",
        (),
        lambda v: bool(v.get("schedules")) and "interval" in (v.get("schedule") or {}),
    )
    queue = base("WorkQueueResponse", "WorkQueueResponse", (), any_ok)
    worker = base("WorkerResponse", "WorkerResponse", (), _has("last_heartbeat_time"))
    worker_run = base("WorkerFlowRunResponse", "WorkerFlowRunResponse", (), any_ok)
    history = base("HistoryResponse", "HistoryResponse", (), _has("states"))
    history = history if history["states"] else {**history, "states": []}
    limit = base("GlobalConcurrencyLimitResponse", "GlobalConcurrencyLimitResponse", (), any_ok)
    wait = base(
        "OrchestrationResult",
        "OrchestrationResult",
        (),
        lambda v: v["details"]["type"] == "wait_details",
    )
    state_holder = [Site("FlowRunResponse", run, ("state", "timestamp"))]
    return {
        "aware datetime": [
            Site("FlowRunResponse", run, ("start_time",)),
            *state_holder,
            Site("FlowRunResponse", scheduled, ("state", "state_details", "scheduled_time")),
            Site("WorkQueueResponse", queue, ("last_polled",)),
            Site("HistoryResponse", history, ("interval_start",)),
            Site("IntervalSchedule", interval_schedule, ("anchor_date",)),
            Site("DeploymentResponse", deployment, ("schedules", 0, "schedule", "anchor_date")),
        ],
        "plain datetime": [Site("WorkerResponse", worker, ("last_heartbeat_time",))],
        "interval duration": [
            Site("IntervalSchedule", interval_schedule, ("interval",)),
            Site("DeploymentResponse", deployment, ("schedule", "interval")),
            Site("DeploymentResponse", deployment, ("schedules", 0, "schedule", "interval")),
        ],
        "run duration": [
            Site("FlowRunResponse", run, ("total_run_time",)),
            Site("FlowRunResponse", run, ("estimated_start_time_delta",)),
            *(
                [Site("HistoryResponse", history, ("states", 0, "sum_estimated_lateness"))]
                if history["states"]
                else []
            ),
        ],
        "retry policy": [Site("FlowRunResponse", run, ("empirical_policy",))],
        "bounded integer": [
            Site("WorkQueueResponse", queue, ("concurrency_limit",)),
            Site("WorkQueueResponse", queue, ("priority",)),
            Site("DeploymentResponse", deployment, ("schedules", 0, "max_active_runs")),
            Site("DeploymentResponse", deployment, ("schedules", 0, "max_scheduled_runs")),
        ],
        "plain integer": [
            Site("FlowRunResponse", run, ("run_count",)),
            Site("WorkerResponse", worker, ("heartbeat_interval_seconds",)),
            Site("GlobalConcurrencyLimitResponse", limit, ("limit",)),
            Site("OrchestrationResult", wait, ("details", "delay_seconds")),
            Site("FlowRunResponse", run, ("empirical_policy", "retry_delay")),
        ],
        "cron": [
            Site("CronSchedule", cron_schedule, ("cron",)),
        ],
        "timezone": [
            Site("CronSchedule", cron_schedule, ("timezone",)),
            Site("IntervalSchedule", interval_schedule, ("timezone",)),
            Site("RRuleSchedule", rrule_schedule, ("timezone",)),
        ],
        "rrule": [Site("RRuleSchedule", rrule_schedule, ("rrule",))],
        "name": [
            Site("WorkerFlowRunResponse", worker_run, ("flow_run", "name")),
            Site("FlowRunResponse", run, ("name",)),
            Site("WorkQueueResponse", queue, ("name",)),
            Site("FlowRunResponse", run, ("state", "name")),
        ],
        "python datetime": [
            Site(
                "IntervalSchedule",
                {k: v for k, v in interval_schedule.items() if k != "timezone"},
                ("anchor_date",),
            ),
            Site("IntervalSchedule", interval_schedule, ("anchor_date",)),
            Site("FlowRunResponse", run, ("start_time",)),
            Site("WorkerResponse", worker, ("last_heartbeat_time",)),
        ],
    }


def _sites_3() -> dict[str, list[Site]]:
    """Prefect 3.9's: its captures, its models' fields (no legacy ``schedule``, no
    ``max_active_runs``; work pools, task runs and v2 concurrency limits), and the scalar
    kinds pydantic v2 reads its own way (strings, booleans, floats, UUIDs)."""
    any_ok = _has()
    interval_schedule = base(
        "IntervalSchedule", "DeploymentSchedule", ("schedule",), _has("interval")
    )
    cron_schedule = base("CronSchedule", "DeploymentSchedule", ("schedule",), _has("cron"))
    rrule_schedule = base("RRuleSchedule", "DeploymentSchedule", ("schedule",), _has("rrule"))
    run = base("FlowRunResponse", "FlowRunResponse", (), _has("state", "start_time"))
    scheduled = base(
        "FlowRunResponse",
        "FlowRunResponse",
        (),
        lambda v: (v.get("state") or {}).get("type") == "SCHEDULED",
    )
    deployment = base(
        "DeploymentResponse",
        "DeploymentResponse",
        (),
        lambda v: bool(v.get("schedules")) and "interval" in v["schedules"][0]["schedule"],
    )
    schedule = base("DeploymentSchedule", "DeploymentSchedule", (), any_ok)
    queue = base("WorkQueueResponse", "WorkQueueResponse", (), any_ok)
    pool = base("WorkPoolResponse", "WorkPoolResponse", (), any_ok)
    worker = base("WorkerResponse", "WorkerResponse", (), _has("last_heartbeat_time"))
    worker_run = base("WorkerFlowRunResponse", "WorkerFlowRunResponse", (), any_ok)
    history = base("HistoryResponse", "HistoryResponse", (), _has("states"))
    limit = base("GlobalConcurrencyLimitResponse", "GlobalConcurrencyLimitResponse", (), any_ok)
    limit_v2 = base("ConcurrencyLimitV2", "ConcurrencyLimitV2", (), any_ok)
    tag_limit = base("ConcurrencyLimit", "ConcurrencyLimit", (), any_ok)
    task_run = base("TaskRun", "TaskRun", (), _has("state"))
    wait = base(
        "OrchestrationResult",
        "OrchestrationResult",
        (),
        lambda v: v["details"]["type"] == "wait_details",
    )
    reject = base(
        "OrchestrationResult",
        "OrchestrationResult",
        (),
        lambda v: v["details"]["type"] == "reject_details",
    )
    return {
        "aware datetime": [
            Site("FlowRunResponse", run, ("start_time",)),
            Site("FlowRunResponse", run, ("state", "timestamp")),
            Site("FlowRunResponse", scheduled, ("state", "state_details", "scheduled_time")),
            Site("WorkQueueResponse", queue, ("last_polled",)),
            Site("HistoryResponse", history, ("interval_start",)),
            Site("IntervalSchedule", interval_schedule, ("anchor_date",)),
            Site("DeploymentResponse", deployment, ("schedules", 0, "schedule", "anchor_date")),
            Site("TaskRun", task_run, ("expected_start_time",)),
            Site("ConcurrencyLimitV2", limit_v2, ("created",)),
        ],
        "plain datetime": [Site("WorkerResponse", worker, ("last_heartbeat_time",))],
        "interval duration": [
            Site("IntervalSchedule", interval_schedule, ("interval",)),
            Site("DeploymentResponse", deployment, ("schedules", 0, "schedule", "interval")),
        ],
        "run duration": [
            Site("FlowRunResponse", run, ("total_run_time",)),
            Site("FlowRunResponse", run, ("estimated_start_time_delta",)),
            Site("HistoryResponse", history, ("states", 0, "sum_estimated_lateness")),
            Site("TaskRun", task_run, ("total_run_time",)),
        ],
        "retry policy": [Site("FlowRunResponse", run, ("empirical_policy",))],
        "bounded integer": [
            Site("WorkQueueResponse", queue, ("concurrency_limit",)),
            Site("WorkQueueResponse", queue, ("priority",)),
            Site("DeploymentSchedule", schedule, ("max_scheduled_runs",)),
            Site("WorkPoolResponse", pool, ("concurrency_limit",)),
        ],
        "plain integer": [
            Site("FlowRunResponse", run, ("run_count",)),
            Site("WorkerResponse", worker, ("heartbeat_interval_seconds",)),
            Site("GlobalConcurrencyLimitResponse", limit, ("limit",)),
            Site("OrchestrationResult", wait, ("details", "delay_seconds")),
            Site("FlowRunResponse", run, ("empirical_policy", "retry_delay")),
            Site("ConcurrencyLimit", tag_limit, ("concurrency_limit",)),
            Site("DeploymentResponse", deployment, ("concurrency_limit",)),
            Site("TaskRun", task_run, ("flow_run_run_count",)),
        ],
        "float": [
            Site("ConcurrencyLimitV2", limit_v2, ("slot_decay_per_second",)),
            Site("GlobalConcurrencyLimitResponse", limit, ("slot_decay_per_second",)),
            Site("FlowRunResponse", run, ("empirical_policy", "retry_delay_seconds")),
        ],
        "boolean": [
            Site("DeploymentResponse", deployment, ("paused",)),
            Site("WorkQueueResponse", queue, ("is_paused",)),
            Site("FlowRunResponse", run, ("auto_scheduled",)),
            Site("FlowRunResponse", run, ("state", "state_details", "deferred")),
            Site("ConcurrencyLimitV2", limit_v2, ("active",)),
        ],
        "string": [
            Site("DeploymentResponse", deployment, ("description",)),
            Site("FlowRunResponse", run, ("work_queue_name",)),
            Site("TaskRun", task_run, ("task_key",)),
            Site("OrchestrationResult", reject, ("details", "reason")),
            Site("ConcurrencyLimit", tag_limit, ("tag",)),
            Site("WorkPoolResponse", pool, ("type",)),
        ],
        "uuid": [
            Site("FlowRunResponse", run, ("flow_id",)),
            Site("WorkerResponse", worker, ("work_pool_id",)),
            Site("FlowRunResponse", run, ("state", "state_details", "flow_run_id")),
        ],
        "cron": [Site("CronSchedule", cron_schedule, ("cron",))],
        "timezone": [
            Site("CronSchedule", cron_schedule, ("timezone",)),
            Site("IntervalSchedule", interval_schedule, ("timezone",)),
            Site("RRuleSchedule", rrule_schedule, ("timezone",)),
        ],
        "rrule": [Site("RRuleSchedule", rrule_schedule, ("rrule",))],
        "name": [
            Site("WorkerFlowRunResponse", worker_run, ("flow_run", "name")),
            Site("FlowRunResponse", run, ("name",)),
            Site("WorkQueueResponse", queue, ("name",)),
            Site("FlowRunResponse", run, ("state", "name")),
            Site("WorkPoolResponse", pool, ("name",)),
            Site("TaskRun", task_run, ("name",)),
            Site("ConcurrencyLimitV2", limit_v2, ("name",)),
        ],
        "python datetime": [
            Site(
                "IntervalSchedule",
                {k: v for k, v in interval_schedule.items() if k != "timezone"},
                ("anchor_date",),
            ),
            Site("IntervalSchedule", interval_schedule, ("anchor_date",)),
            Site("FlowRunResponse", run, ("start_time",)),
            Site("WorkerResponse", worker, ("last_heartbeat_time",)),
        ],
    }


GENERATORS: dict[str, Callable[[random.Random], Iterator[Any]]] = {
    "aware datetime": gen.datetimes,
    "plain datetime": gen.datetimes,
    "interval duration": gen.durations,
    "run duration": gen.durations,
    "retry policy": gen.policies,
    "bounded integer": gen.integers,
    "plain integer": gen.integers,
    "cron": gen.crons,
    "timezone": gen.timezones,
    "rrule": gen.rrules,
    "name": gen.names,
    "python datetime": gen.python_datetimes,
    "float": gen.floats,
    "boolean": gen.booleans,
    "string": gen.names,
    "uuid": gen.uuids,
}

# Where the whole object is compared: the field's holder (a schedule's timezone and
# anchor infer each other; a policy's fields copy each other).
COMPARE_HOLDER = {"python datetime", "retry policy"}


# --- comparing ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _volatile_equal(theirs: Any, mine: Any, raw: Any, kind: str) -> bool:
    """Both sides made a fresh value where Prefect does (a random slug for a name)."""
    if kind == "name" and not raw and isinstance(theirs, str) and isinstance(mine, str):
        return bool(SLUG.fullmatch(theirs) and SLUG.fullmatch(mine))
    if raw is None and isinstance(theirs, str) and isinstance(mine, str):
        try:  # a default of now on both sides
            a, b = datetime.fromisoformat(theirs), datetime.fromisoformat(mine)
        except ValueError:
            return False
        return abs((a - b).total_seconds()) < 60
    return False


@dataclass
class Tally:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (*COLUMNS, "listed refusal", "unlisted refusal", "listed acceptance"), 0
        )
    )
    examples: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[str, int] = field(default_factory=dict)

    def add(self, column: str, example: str, show: int) -> None:
        self.counts[column] += 1
        if column != "same":
            bucket = self.examples.setdefault(column, [])
            if len(bucket) < show:
                bucket.append(example)


def judge(
    kind: str,
    site: Site,
    raw: Any,
    path: tuple[Any, ...],
    payload: Any,
    python: bool,
    tally: Tally,
    show: int,
) -> None:
    try:
        theirs: tuple[str, Any] = (
            "accept",
            ours.navigate(prefect_parse(site.model, payload), path),
        )
    except Rejected as exc:
        theirs = ("reject", str(exc))
    outcomes = ours.parse(
        site.model, payload, path, site.base_model, python=python, pkg=PROFILE.ours
    )
    where = f"{site.model}.{'.'.join(map(str, site.path))}"
    worst = "same"
    detail = ""
    for route, (verdict, value) in outcomes.items():
        if verdict == "stray":
            column = "stray exception"
        elif verdict == "accept" and theirs[0] == "reject":
            column = "we accept, Prefect rejects"
        elif verdict == "reject" and theirs[0] == "accept":
            column = "we reject, Prefect accepts"
        elif (
            verdict == "accept"
            and _text(value) != _text(theirs[1])
            and not _volatile_equal(theirs[1], value, raw, kind)
        ):
            column = "different value"
        else:
            continue
        if COLUMNS.index(column) > COLUMNS.index(worst) or worst == "same":
            worst, detail = (
                column,
                f"{route}: ours {verdict} {_text(value)[:120]}"
                f" | Prefect {theirs[0]} {_text(theirs[1])[:160]}",
            )
    example = f"{raw!r:.100} at {where}: {detail}"
    accepted = (
        listed_acceptance(kind, raw, PROFILE.key) if worst == "we accept, Prefect rejects" else None
    )
    if accepted is not None:
        tally.counts[worst] += 1
        tally.counts["listed acceptance"] += 1
        tally.listed[accepted] = tally.listed.get(accepted, 0) + 1
        return
    if worst == "we reject, Prefect accepts":
        reason = listed_refusal(kind, raw, theirs[1], PROFILE.key)
        tally.add(worst, example, show)
        if reason is None:
            tally.add("unlisted refusal", example, show)
        else:
            tally.counts["listed refusal"] += 1
            tally.listed[reason] = tally.listed.get(reason, 0) + 1
        return
    tally.add(worst, example, show)


def run_kind(kind: str, kind_sites: list[Site], count: int, seed: int, show: int) -> Tally:
    tally = Tally()
    rng = random.Random(f"{seed}:{kind}")
    values = GENERATORS[kind](rng)
    python = kind == "python datetime"
    for index, raw in enumerate(itertools.islice(values, count)):
        site = kind_sites[index % len(kind_sites)]
        payload = site.with_value(raw)
        path = site.path[:-1] if kind in COMPARE_HOLDER else site.path
        judge(kind, site, raw, path, payload, python, tally, show)
    return tally


# --- whole-object mutations of the captures ----------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            if key not in (
                "parameters",
                "context",
                "job_variables",
                "infra_overrides",
                "parameter_openapi_schema",
                "data",
                "pull_steps",
            ):
                yield from _paths(item, (*prefix, key))
    elif isinstance(value, list) and value:
        yield from _paths(value[0], (*prefix, 0))


_REPLACEMENTS: list[tuple[str, Any]] = [
    ("null", None), ("string", "x"), ("integer", 7), ("float", 2.5), ("boolean", True),
    ("array", []), ("object", {}), ("empty string", ""),
]  # fmt: skip


def _mutations(
    item: dict[str, Any], rng: random.Random
) -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    for path in _paths(item):
        yield "drop", path, None
        yield "null", path, None
        name, value = rng.choice(_REPLACEMENTS[1:])
        yield f"to {name}", path, value


def _apply(item: Any, how: str, path: tuple[Any, ...], value: Any) -> Any:
    mutated = copy.deepcopy(item)
    holder = ours.navigate(mutated, path[:-1])
    if how == "drop":
        if isinstance(holder, dict):
            del holder[path[-1]]
        else:
            holder.pop(path[-1])
    else:
        holder[path[-1]] = value
    return mutated


VOLATILE_KEYS = {
    "id",
    "name",
    "timestamp",
    "anchor_date",
    "scheduled_time",
    "estimated_start_time_delta",
    "estimated_run_time",
}


def _mask(theirs: Any, mine: Any, path: tuple[Any, ...] = ()) -> tuple[Any, Any]:
    """Both sides with values made fresh on both sides (a new id, slug, now) blanked,
    and pause_keys (a set in Prefect, in any order) sorted."""
    if path and path[-1] == "pause_keys" and isinstance(theirs, list) and isinstance(mine, list):
        return sorted(map(_text, theirs)), sorted(map(_text, mine))
    if isinstance(theirs, dict) and isinstance(mine, dict):
        t, m = dict(theirs), dict(mine)
        for key in set(t) & set(m):
            t[key], m[key] = _mask(t[key], m[key], (*path, key))
        return t, m
    if isinstance(theirs, list) and isinstance(mine, list) and len(theirs) == len(mine):
        pairs = [_mask(a, b, (*path, i)) for i, (a, b) in enumerate(zip(theirs, mine, strict=True))]
        return [a for a, _ in pairs], [b for _, b in pairs]
    if path and path[-1] in VOLATILE_KEYS and theirs != mine and type(theirs) is type(mine):
        return "<fresh>", "<fresh>"
    return theirs, mine


def _first_difference(a: Any, b: Any, path: str = "$") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            if _text(a.get(key)) != _text(b.get(key)):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if _text(x) != _text(y):
                return _first_difference(x, y, f"{path}[{index}]")
    return f"{path}: Prefect {_text(a)[:80]}, ours {_text(b)[:80]}"


def run_mutations(count: int, seed: int, show: int) -> Tally:
    tally = Tally()
    rng = random.Random(f"{seed}:mutations")
    seen: dict[tuple[str, str, tuple[Any, ...]], int] = {}
    cases = 0
    for _, model, item in _captures():
        if cases >= count:
            break
        pkg = PROFILE.ours
        if not hasattr(pkg, model):
            continue
        base_model = pkg.structure(copy.deepcopy(item), getattr(pkg, model))
        for how, path, value in _mutations(item, rng):
            shape = tuple("[]" if isinstance(p, int) else p for p in path)
            key = (model, how, shape)
            if seen.get(key, 0) >= 2:  # two captures per mutation and place
                continue
            seen[key] = seen.get(key, 0) + 1
            payload = _apply(item, how, path, value)
            cases += 1
            try:
                theirs: tuple[str, Any] = ("accept", prefect_parse(model, payload))
            except Rejected as exc:
                theirs = ("reject", str(exc))
            outcomes = ours.parse(model, payload, (), base_model, pkg=pkg)
            worst, detail = "same", ""
            for route, (verdict, mine) in outcomes.items():
                if verdict == "stray":
                    column = "stray exception"
                elif verdict == "accept" and theirs[0] == "reject":
                    column = "we accept, Prefect rejects"
                elif verdict == "reject" and theirs[0] == "accept":
                    column = "we reject, Prefect accepts"
                elif verdict == "accept":
                    a, b = _mask(theirs[1], mine)
                    if _text(a) == _text(b):
                        continue
                    column = "different value"
                    mine = _first_difference(a, b)
                else:
                    continue
                if worst == "same" or COLUMNS.index(column) > COLUMNS.index(worst):
                    worst, detail = (
                        column,
                        f"{route}: ours {verdict} {str(mine)[:100]}"
                        f" | Prefect {theirs[0]} {str(theirs[1])[:100]}",
                    )
            example = f"{model} {how} {'.'.join(map(str, path))}: {detail}"
            if worst == "we reject, Prefect accepts":
                reason = listed_refusal(
                    "mutation", (model, how, path, value), theirs[1], PROFILE.key
                )
                tally.add(worst, example, show)
                if reason is None:
                    tally.add("unlisted refusal", example, show)
                else:
                    tally.counts["listed refusal"] += 1
                    tally.listed[reason] = tally.listed.get(reason, 0) + 1
            else:
                tally.add(worst, example, show)
    return tally


# --- the verdict tables of the test suite, against Prefect itself ----------------------


def check_tables() -> tuple[int, list[str]]:
    """Every row of ``tests/prefect3_tables.py`` (what ``make test`` holds us to) given to
    Prefect 3.9.1: its verdict and value must be the row's. Returns (rows, mismatches)."""
    from tests import prefect3_tables as tables

    def theirs(model: str, payload: Any, path: tuple[Any, ...]) -> tuple[str, Any]:
        try:
            value = prefect_parse(model, payload)
        except Rejected as exc:
            return ("reject", str(exc)[:120])
        return ("accept", ours.navigate(value, path))

    rows, wrong = 0, []
    for name, ((model, payload, path), cases) in tables.TABLES.items():
        for value, expected in cases:
            rows += 1
            verdict, got = theirs(model, tables.with_value(payload, path, value), path)
            if expected is tables.SLUG:
                same = verdict == "accept" and bool(SLUG.fullmatch(str(got)))
            elif expected is tables.REJECT:
                same = verdict == "reject"
            else:
                same = verdict == "accept" and _text(got) == _text(expected)
            if not same:
                wrong.append(
                    f"{name}: {value!r:.60} is {expected!r:.60} there, Prefect: {got!r:.80}"
                )
    for policy, expected in tables.POLICIES:
        rows += 1
        verdict, got = theirs(
            "FlowRunResponse", {**tables.RUN, "empirical_policy": policy}, ("empirical_policy",)
        )
        if expected is tables.REJECT:
            same = verdict == "reject"
        else:
            same = verdict == "accept" and all(
                sorted(got[k]) == v if k == "pause_keys" else got[k] == v
                for k, v in expected.items()
            )
        if not same:
            wrong.append(f"policy {policy!r}: {expected!r} there, Prefect: {got!r:.80}")
    for model, payload, path, value in tables.REFUSED:
        rows += 1
        verdict, got = theirs(model, tables.with_value(payload, path, value), path)
        if verdict != "accept":
            wrong.append(f"refused {value!r:.60}: listed as Prefect's acceptance, Prefect: {got}")
    return rows, wrong


# --- cost of other spellings -------------------------------------------------------


def spelling_costs() -> list[tuple[str, float]]:
    """Per-value cost of reading valid datetimes in each accepted spelling, over the wire form's."""
    from responses._scalars import structure_datetime, structure_v2_datetime

    rng = random.Random(5)
    moments = [
        gen._random_moment(rng).replace(year=rng.randint(1971, 2037), day=rng.randint(1, 28))
        for _ in range(2000)
    ]
    parse: Callable[[str], Any] = structure_datetime
    if PROFILE.key == "3":  # Prefect 3.9's wire ends in Z; it reads Unix time too
        parse = structure_v2_datetime
        spellings: dict[str, list[str]] = {
            "wire (Z)": [m.isoformat() + "Z" for m in moments],
            "+00:00": [m.isoformat() + "+00:00" for m in moments],
            "naive": [m.isoformat() for m in moments],
            "space": [m.isoformat(" ") + "+05:30" for m in moments],
            "basic offset": [m.isoformat() + "-0330" for m in moments],
            "date only": [f"{m:%Y-%m-%d}" for m in moments],
            "Unix time": [str(m.replace(tzinfo=UTC).timestamp()) for m in moments],
        }
    else:
        spellings = {
            "wire (+00:00)": [m.isoformat() + "+00:00" for m in moments],
            "Z": [m.isoformat() + "Z" for m in moments],
            "naive": [m.isoformat() for m in moments],
            "space": [m.isoformat(" ") + "+05:30" for m in moments],
            "basic": [m.strftime("%Y%m%dT%H%M%S") + "Z" for m in moments],
            "week date": [
                "{}-W{:02d}-{}T{:%H:%M:%S}Z".format(*m.isocalendar(), m) for m in moments
            ],
            "ordinal date": [f"{m:%Y-%j}T{m:%H:%M:%S}Z" for m in moments],
            "date only": [f"{m:%Y-%m-%d}" for m in moments],
        }
    costs = {}
    for name, texts in spellings.items():
        best = math.inf
        for _ in range(7):
            start = time.perf_counter()
            for text in texts:
                parse(text)
            best = min(best, time.perf_counter() - start)
        costs[name] = best / len(texts)
    wire = next(iter(costs.values()))
    return [(name, cost / wire) for name, cost in costs.items()]


# Spellings timed but not held to the 2x limit: Unix time is arithmetic, not a text form
# (about 5x the wire form's cost: Prefect 3.9 reads it, nothing Prefect sends uses it).
UNGATED_SPELLINGS = frozenset({"Unix time"})


# --- the report --------------------------------------------------------------------


def _table(rows: list[tuple[str, Tally]]) -> str:
    head = ("field kind", "cases", *COLUMNS, "of which listed")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, tally in rows:
        c = tally.counts
        lines.append(
            "| "
            + " | ".join(
                [
                    name,
                    str(sum(c[k] for k in COLUMNS)),
                    *(str(c[k]) for k in COLUMNS),
                    str(c["listed refusal"] + c["listed acceptance"]),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def _isolated(name: str, crashes: list[str], work: Callable[..., Tally], *args: Any) -> Tally:
    """``work(*args)`` in a forked child, run again if the child crashes.

    Prefect 2.20's stack (pendulum 2.1's C parser) now and then crashes the process
    with a segmentation fault on odd datetime strings, at random points of a long
    run (memory corruption): one kind per child keeps the run going, and a crash is
    reported. The inputs are seeded, so a rerun sees the same values.
    """
    for attempt in range(1, 4):
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                return pool.submit(work, *args).result()
            except concurrent.futures.process.BrokenProcessPool:
                crashes.append(
                    f"{name}: the Prefect process crashed (attempt {attempt}); run again"
                )
    raise SystemExit(f"{name}: the Prefect process crashed three times")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oracle", description=__doc__)
    parser.add_argument("--count", type=int, default=5000, help="values per field kind")
    parser.add_argument(
        "--mutations",
        type=int,
        default=None,
        help="whole-object mutations (default 6000 for Prefect 2, 12000 for Prefect 3:"
        " every capture's every key)",
    )
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--kinds", default="", help="comma-separated field kinds (default all)")
    parser.add_argument("--show", type=int, default=5, help="examples shown per column")
    parser.add_argument(
        "--prefect",
        choices=sorted(PROFILES),
        default="2",
        help="2: Prefect 2.20.27 against responses; 3: Prefect 3.9.1 against responses.prefect3",
    )
    args = parser.parse_args(argv)
    global PROFILE
    PROFILE = PROFILES[args.prefect]
    PROFILE.check_installed()
    if args.mutations is None:
        args.mutations = 12000 if PROFILE.key == "3" else 6000
    warnings.simplefilter("ignore")  # dateutil's warnings on odd RRULE dates
    started = time.perf_counter()
    all_sites = sites()
    chosen = [k for k in all_sites if not args.kinds or k in args.kinds.split(",")]
    rows: list[tuple[str, Tally]] = []
    crashes: list[str] = []
    for kind in chosen:
        tally = _isolated(
            kind, crashes, run_kind, kind, all_sites[kind], args.count, args.seed, args.show
        )
        rows.append((kind, tally))
        print(f"  {kind}: done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if not args.kinds or "mutations" in args.kinds.split(","):
        tally = _isolated("mutations", crashes, run_mutations, args.mutations, args.seed, args.show)
        rows.append(("capture mutations", tally))
    print(
        f"Prefect {PROFILE.prefect} against {PROFILE.package}, seed {args.seed},"
        f" {args.count} values per field kind\n"
    )
    print(_table(rows))
    failed = False
    for name, tally in rows:
        if tally.listed:
            print(
                f"\n{name}: listed in the README's table: "
                + ", ".join(f"{k} ({v})" for k, v in sorted(tally.listed.items()))
            )
        for column, examples in tally.examples.items():
            if column == "we reject, Prefect accepts":
                continue  # the unlisted ones are shown as "unlisted refusal"
            print(f"\n{name}: {column} ({tally.counts[column]}), for example:")
            for example in examples:
                print(f"  {example}")
        counts = {**tally.counts}
        counts["unlisted acceptance"] = (
            counts["we accept, Prefect rejects"] - counts["listed acceptance"]
        )
        failed = failed or any(counts[k] for k in FAILING)
    if PROFILE.key == "3" and (not args.kinds or "tables" in args.kinds.split(",")):
        rows, wrong = check_tables()
        print(
            f"\nVerdict tables (tests/prefect3_tables.py): {rows} rows, {len(wrong)} not Prefect's"
        )
        for line in wrong[: args.show]:
            print(f"  {line}")
        failed = failed or bool(wrong)
    if not args.kinds:
        print("\nCost per valid datetime, by spelling, over the wire form's (limit 2x):")
        costs = spelling_costs()
        print(
            "  "
            + ", ".join(
                f"{name} {ratio:.2f}x" + (" (not gated)" if name in UNGATED_SPELLINGS else "")
                for name, ratio in costs
            )
        )
        failed = failed or any(
            ratio > 2.0 for name, ratio in costs if name not in UNGATED_SPELLINGS
        )
    for crash in crashes:
        print(f"\n{crash}")
    print(f"\n{'FAIL' if failed else 'PASS'} in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0
