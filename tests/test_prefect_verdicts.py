"""Prefect 2.20.27's own verdicts, copied from the oracle (``make oracle2``) as plain
tables: input, whether Prefect accepts it, and the JSON value its route sends.

Each case goes through ``loads``, ``iter_loads``, ``structure`` and the model's
constructor; all must give Prefect's verdict and, when it accepts, its value.
No Prefect is needed to run these.
"""

from __future__ import annotations

import copy
import json
from types import ModuleType
from typing import Any

import attrs
import pytest

import responses

REJECT = None  # Prefect refuses the value

ANCHOR = "2024-02-29T23:59:59+10:30"


def _paths(
    model: str, payload: dict[str, Any], path: tuple[Any, ...], pkg: ModuleType = responses
) -> dict[str, Any]:
    """Every path's JSON value at ``path``, or REJECT where it raised ValidationError
    (``pkg``: ``responses``, or ``responses.prefect3`` for Prefect 3.9's verdicts)."""
    cls = getattr(pkg, model)
    data = json.dumps(payload).encode()
    calls = {
        "loads": lambda: pkg.loads(data, cls),
        "iter_loads": lambda: next(iter(pkg.iter_loads(b"[" + data + b"]", cls))),
        "structure": lambda: pkg.structure(copy.deepcopy(payload), cls),
    }
    if len(path) == 1:
        names = {f.name for f in attrs.fields(cls) if f.init}
        kwargs = {k: v for k, v in payload.items() if k in names}
        calls["constructor"] = lambda: cls(**copy.deepcopy(kwargs))
    results: dict[str, Any] = {}
    for name, call in calls.items():
        try:
            value: Any = json.loads(pkg.dumps(call(), backend="json"))
        except responses.ValidationError:
            results[name] = REJECT
            continue
        for key in path:
            value = value[key]
        results[name] = value
    return results


def assert_verdict(
    model: str,
    payload: dict[str, Any],
    path: tuple[Any, ...],
    prefect: Any,
    pkg: ModuleType = responses,
) -> None:
    results = _paths(model, payload, path, pkg)
    expected = {name: prefect for name in results}
    assert json.dumps(results, sort_keys=True) == json.dumps(expected, sort_keys=True)


# --- finding 1: IntervalSchedule.interval is read with pydantic v2's duration grammar ---

INTERVALS = [
    ("01:00", 3600.0),
    ("40:43", 146580.0),
    ("25:00", 90000.0),
    ("0001:00", 3600.0),
    ("3600", REJECT),
    ("1:2:3", REJECT),
    ("0.000001", REJECT),
    ("99:99", REJECT),
    ("23:59:60", REJECT),
    ("P1W", 604800.0),
    ("P1Y", 31536000.0),
    ("P1M", 2592000.0),
    ("1 day", 86400.0),
    ("1d", 86400.0),
    ("2 days", 172800.0),
    ("1 day, 01:00", 90000.0),
    ("1d01:00", 90000.0),
    ("1 day 25:00", REJECT),
    ("PT1H", 3600.0),
    ("P1DT1H", 90000.0),
    ("P0.5D", 43200.0),
    ("P1.5Y1M", REJECT),
    ("+PT1H", 3600.0),
    ("-PT1H", REJECT),
    (" PT1H", REJECT),
    ("12:34:56.123456789", 45296.123456),
    ("00:00:00,5", 0.5),
    ("1e3", REJECT),
    ("PT1e3S", REJECT),
    (3600, 3600.0),
    (1.5, 1.5),
    (True, 1.0),
    (False, REJECT),
    (5e-07, 1e-06),
    (1.5e-06, 2e-06),
    (1e20, REJECT),
    (2**63, REJECT),
]


@pytest.mark.parametrize(("value", "prefect"), INTERVALS)
def test_interval_durations_read_as_prefect_reads_them(value: Any, prefect: Any) -> None:
    schedule = {"interval": value, "anchor_date": ANCHOR, "timezone": "Australia/Adelaide"}
    assert_verdict("IntervalSchedule", schedule, ("interval",), prefect)
    deployment = {
        "name": "d",
        "flow_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b",
        "schedule": schedule,
        "schedules": [{"schedule": schedule}],
    }
    assert_verdict("DeploymentResponse", deployment, ("schedule", "interval"), prefect)
    assert_verdict(
        "DeploymentResponse", deployment, ("schedules", 0, "schedule", "interval"), prefect
    )


# --- finding 2: WorkerResponse.last_heartbeat_time is a plain datetime (pydantic v1) ---

HEARTBEATS = [
    ("20241101", "1970-08-23T06:31:41+00:00"),  # all digits: Unix time
    ("1714521600", "2024-05-01T00:00:00+00:00"),
    ("1714521600.5", "2024-05-01T00:00:00.500000+00:00"),
    ("-1", "1969-12-31T23:59:59+00:00"),
    ("1e3", "1970-01-01T00:16:40+00:00"),
    (" 12 ", "1970-01-01T00:00:12+00:00"),
    ("nan", REJECT),
    ("inf", "9999-12-31T23:59:59.999999"),
    ("2024-11-01", REJECT),  # a date without a time
    ("2024-W44-5", REJECT),
    ("2024-306", REJECT),
    ("2024-11-01T10:20:30,5Z", REJECT),  # comma fraction
    ("2024-11-01T10:20:30.5Z", "2024-11-01T10:20:30.500000+00:00"),
    ("2024-11-01 10:20", "2024-11-01T10:20:00"),
    ("2024-11-01T10:20:30+05:99", "2024-11-01T10:20:30+06:39"),
    ("2024-11-01T10:20:30+0530", "2024-11-01T10:20:30+05:30"),
    ("2024-11-01T10:20:30+05", "2024-11-01T10:20:30+05:00"),
    ("2024-11-01T10:20:30", "2024-11-01T10:20:30"),
    ("2024-1-1T1:2", "2024-01-01T01:02:00"),
    ("2024-11-01T10:20:30\n", "2024-11-01T10:20:30"),
    ("2024-11-01T24:00:00", REJECT),
    ("\uff12\uff10\uff12\uff14-01-01T00:00", "2024-01-01T00:00:00"),
    (1714521600, "2024-05-01T00:00:00+00:00"),
    (1714521600123, "2024-05-01T00:00:00.123000+00:00"),
    (1e20, "1973-03-03T09:46:40+00:00"),
    (True, "1970-01-01T00:00:01+00:00"),
    ("now", REJECT),
]


@pytest.mark.parametrize(("value", "prefect"), HEARTBEATS)
def test_heartbeats_read_as_pydantic_v1_reads_them(value: Any, prefect: Any) -> None:
    worker = {
        "name": "w",
        "work_pool_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b",
        "last_heartbeat_time": value,
    }
    assert_verdict("WorkerResponse", worker, ("last_heartbeat_time",), prefect)


# --- finding 5: the timezone inferred from a Python anchor, on every path -------------


def _anchors() -> list[tuple[Any, str]]:
    from datetime import UTC, datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    moment = datetime(2024, 7, 1, 12, 0)
    return [  # Prefect: pendulum.instance keeps pendulum and pytz names only
        (moment, "UTC"),
        (moment.replace(tzinfo=UTC), "UTC"),
        (moment.replace(tzinfo=ZoneInfo("Europe/Berlin")), "UTC"),
        (moment.replace(tzinfo=timezone(timedelta(hours=5, minutes=45))), "UTC"),
        ("2024-07-01T12:00:00+02:00", "UTC"),
    ]


@pytest.mark.parametrize(("anchor", "zone"), _anchors())
def test_the_anchor_zone_is_inferred_alike_everywhere(anchor: Any, zone: str) -> None:
    cls = responses.IntervalSchedule
    built = cls(interval=60, anchor_date=anchor)
    structured = responses.structure({"interval": 60, "anchor_date": anchor}, cls)
    assert built.timezone == structured.timezone == zone
    assert built == structured


# --- finding 4: FlowRun.name is `name or generate_slug(2)` ----------------------------

WORKER_RUN = {
    "work_pool_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b",
    "work_queue_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6c",
    "flow_run": {"flow_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6d"},
}
SLUG = "random slug"
FLOW_RUN_NAMES = [
    (0, SLUG),
    (False, SLUG),
    (0.0, SLUG),
    ("", SLUG),
    (None, SLUG),
    ([], SLUG),
    ({}, SLUG),
    (1, "1"),
    (True, "True"),
    (1.5, "1.5"),
    ("0", "0"),
    ("keen-raven", "keen-raven"),
]


@pytest.mark.parametrize(("value", "prefect"), FLOW_RUN_NAMES)
def test_flow_run_names_default_on_any_falsy_value(value: Any, prefect: Any) -> None:
    payload = copy.deepcopy(WORKER_RUN)
    payload["flow_run"]["name"] = value
    names = _paths("WorkerFlowRunResponse", payload, ("flow_run", "name"))
    run = responses.FlowRun(flow_id=WORKER_RUN["flow_run"]["flow_id"], name=value)
    names["constructor"] = run.name
    for name in names.values():
        if prefect is SLUG:
            assert isinstance(name, str)
            assert name
            assert name.count("-") == 1
        else:
            assert name == prefect


# --- finding 7: timezones and RRULEs Prefect refuses ----------------------------------

TIMEZONES = [
    ("localtime", REJECT),
    ("Factory", REJECT),
    ("posixrules", REJECT),
    ("Europe/Kiev", "Europe/Kiev"),
    ("Europe/London", "Europe/London"),
    ("US/Pacific", "US/Pacific"),
    ("EST5EDT", "EST5EDT"),
]


@pytest.mark.parametrize(("value", "prefect"), TIMEZONES)
def test_timezones_are_places(value: str, prefect: Any) -> None:
    for model, schedule in [
        ("CronSchedule", {"cron": "@daily"}),
        ("IntervalSchedule", {"interval": 60, "anchor_date": ANCHOR}),
        ("RRuleSchedule", {"rrule": "FREQ=DAILY"}),
    ]:
        assert_verdict(model, {**schedule, "timezone": value}, ("timezone",), prefect)


def test_zones_newer_than_prefects_lists_are_accepted() -> None:
    # the one deliberate acceptance: Prefect 2.20's pendulum list predates Europe/Kyiv
    schedule = {"cron": "@daily", "timezone": "Europe/Kyiv"}
    assert_verdict("CronSchedule", schedule, ("timezone",), "Europe/Kyiv")


RRULES = [
    # finding 9: no rule at all (dateutil's IndexError, a 500 in Prefect)
    ("DTSTART:20240101T000000", REJECT),
    ("DTSTART;TZID=Europe/Berlin:20240101T000000", REJECT),
    # finding 7: a UTC date beside a TZID, anywhere in a date list
    (
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY\n"
        "EXDATE;TZID=Europe/Berlin:20240102T000000,20240103T000000Z",
        REJECT,
    ),
    (
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY\n"
        "EXDATE;TZID=Europe/Berlin:20240102T000000,20240103T000000",
        "accept",
    ),
    (
        "DTSTART:20240101T000000Z\nRRULE:FREQ=DAILY\nEXDATE:20240102T000000Z,20240103T000000Z",
        "accept",
    ),
]


@pytest.mark.parametrize(("rule", "prefect"), RRULES)
def test_rrules_read_as_dateutil_reads_them(rule: str, prefect: Any) -> None:
    expected = REJECT if prefect is REJECT else rule
    assert_verdict("RRuleSchedule", {"rrule": rule, "timezone": "UTC"}, ("rrule",), expected)


# --- finding 8: job_variables and infra_overrides, as given, on every path ------------

DEPLOYMENT = {"name": "d", "flow_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b"}
OVERRIDES = [
    ({"job_variables": {}, "infra_overrides": {"a": 1}}, REJECT),
    ({"job_variables": {"a": 1}}, {"a": 1}),
    ({"infra_overrides": {"a": 1}}, {"a": 1}),
    ({"job_variables": None, "infra_overrides": {"a": 1}}, {"a": 1}),
    ({"job_variables": {"a": 1}, "infra_overrides": {"a": 1}}, {"a": 1}),
]


@pytest.mark.parametrize(("given", "prefect"), OVERRIDES)
def test_overrides_conflicts_are_refused_alike(given: dict[str, Any], prefect: Any) -> None:
    payload = {**DEPLOYMENT, **given}
    cls = responses.DeploymentResponse
    results = {}
    for name, call in {
        "structure": lambda: responses.structure(copy.deepcopy(payload), cls),
        "constructor": lambda: cls(**copy.deepcopy(payload)),
    }.items():
        try:
            results[name] = call().infra_overrides
        except responses.ValidationError:
            results[name] = REJECT
    assert results == {"structure": prefect, "constructor": prefect}


def test_evolving_job_variables_raises_our_validation_error() -> None:
    deployment = responses.structure(
        {**DEPLOYMENT, "job_variables": {"a": 1}}, responses.DeploymentResponse
    )
    with pytest.raises(responses.ValidationError, match="job_variables"):
        attrs.evolve(deployment, job_variables={"b": 2})
    with pytest.raises(responses.ValidationError, match="job_variables"):
        responses.DeploymentResponse(**DEPLOYMENT, job_variables={}, infra_overrides={"a": 1})


# --- findings 7 and 15: integers, pydantic-core's (bounded) and pydantic v1's (plain) --

INTEGERS = [  # (value, WorkQueueResponse.concurrency_limit, FlowRunResponse.run_count)
    ("1", 1, 1),
    ("1.0", 1, REJECT),
    ("10.00", 10, REJECT),
    ("1.", REJECT, REJECT),
    ("1.5", REJECT, REJECT),
    ("0.0", 0, REJECT),
    (" 1 ", 1, 1),
    ("1_000", 1000, 1000),
    ("1__0", REJECT, REJECT),
    ("1e3", REJECT, REJECT),
    ("\u0661", REJECT, 1),
    (9.2e18, 9200000000000000000, 9200000000000000000),
    (9.3e18, REJECT, 9300000000000000000),
    (2.0**63, REJECT, 9223372036854775808),
    (1e20, REJECT, 100000000000000000000),
    (True, 1, 1),
    (1.0, 1, 1),
    (2.5, REJECT, 2),
    (2**100, 2**100, 2**100),
]


@pytest.mark.parametrize(("value", "bounded", "plain"), INTEGERS)
def test_integers_read_as_prefect_reads_them(value: Any, bounded: Any, plain: Any) -> None:
    assert_verdict(
        "WorkQueueResponse",
        {"name": "q", "concurrency_limit": value},
        ("concurrency_limit",),
        bounded,
    )
    assert_verdict(
        "WorkQueueResponse",
        {"name": "q", "priority": value},
        ("priority",),
        bounded if bounded != 0 else REJECT,
    )
    run = {"flow_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b", "run_count": value}
    assert_verdict("FlowRunResponse", run, ("run_count",), plain)


# --- finding 7: cron strings as croniter (6.x, Prefect 2.20's pin) reads them ---------

CRONS = [
    ("* * * * 5L", REJECT),
    ("* * * * L5", "accept"),
    ("* * * * 1#2,3", REJECT),
    ("* * * * 1#2", "accept"),
    ("* * * * 1#2,1#3", "accept"),
    ("* * * * SUN#1", "accept"),
    ("* * * * 1#6", REJECT),
    ("0 0 15W * *", "accept"),
    ("0 0 15W,1 * *", REJECT),
    ("0 0 L,1 * *", "accept"),
    ("0 0 LW * *", REJECT),
    ("0 0 ? * *", "accept"),
    ("* * ?/2 * *", REJECT),
    ("* * * * 0,?", REJECT),
    ("* * * * 0-7", "accept"),
    ("0 0 * * sat-sun", "accept"),
    ("@reboot", REJECT),
    ("@midnight", "accept"),
]


@pytest.mark.parametrize(("cron", "prefect"), CRONS)
def test_crons_read_as_croniter_reads_them(cron: str, prefect: Any) -> None:
    expected = REJECT if prefect is REJECT else cron
    assert_verdict("CronSchedule", {"cron": cron, "timezone": "UTC"}, ("cron",), expected)


# --- findings 3 and 15: aware datetimes (pendulum's ISO 8601 forms) -------------------

AWARE = [
    ("2024-W53-1", REJECT),  # 2024 has 52 ISO weeks
    ("2024W531", REJECT),
    ("2020-W53-1", "2020-12-28T00:00:00+00:00"),
    ("2026-W53-7", "2027-01-03T00:00:00+00:00"),
    ("2015-W53-5", "2016-01-01T00:00:00+00:00"),
    ("2024-W01", "2024-01-01T00:00:00+00:00"),
    ("2024W01", "2024-01-01T00:00:00+00:00"),
    ("2024W011", "2024-01-01T00:00:00+00:00"),  # basic week date
    ("2024-W011", REJECT),
    ("2024-366", "2024-12-31T00:00:00+00:00"),
    ("2023-366", REJECT),
    ("2024366", "2024-12-31T00:00:00+00:00"),  # basic ordinal date
    ("2024-12", "2024-12-01T00:00:00+00:00"),
    ("2024", "2024-01-01T00:00:00+00:00"),
    ("20241101", "2024-11-01T00:00:00+00:00"),
    ("2024-11-01", "2024-11-01T00:00:00+00:00"),
    ("2024-11-01T10:20:30,5Z", "2024-11-01T10:20:30.500000+00:00"),
    ("2024-11-01T10:20:30.5Z", "2024-11-01T10:20:30.500000+00:00"),
    ("20241101T102030Z", "2024-11-01T10:20:30+00:00"),
    ("2024-11-01T10:20:30+0530", "2024-11-01T10:20:30+05:30"),
    ("2024-11-01T10:20:30+05", "2024-11-01T10:20:30+05:00"),
    ("2024-11-01T10:20:30-00:00", "2024-11-01T10:20:30+00:00"),
    ("2024-11-01 10:20", "2024-11-01T10:20:00+00:00"),
    ("2024-11-01T10", "2024-11-01T10:00:00+00:00"),
    ("2024-11-01T1020", "2024-11-01T10:20:00+00:00"),
    ("2024-11-01T10:20:30+05:75", "2024-11-01T10:20:30+06:15"),
    ("2024-11-01T10:20:30.123456789Z", "2024-11-01T10:20:30.123456+00:00"),
    ("2024-11-01T24:00:00", REJECT),
    ("2024-11-01T23:59:60", REJECT),
    ("2024-02-30", REJECT),
    ("0000-01-01", REJECT),
    ("2024-11-01t10:20", REJECT),
    ("2024-11-01T10:20z", REJECT),
    ("1714521600", REJECT),
    (1714521600, REJECT),
]


@pytest.mark.parametrize(("value", "prefect"), AWARE)
def test_aware_datetimes_read_as_pendulum_reads_them(value: Any, prefect: Any) -> None:
    assert_verdict(
        "WorkQueueResponse", {"name": "q", "last_polled": value}, ("last_polled",), prefect
    )
    run = {"flow_id": "07510df9-b7f5-4b32-bf4d-3d7cd4a5aa6b", "start_time": value}
    assert_verdict("FlowRunResponse", run, ("start_time",), prefect)
    schedule = {"interval": 60, "anchor_date": value, "timezone": "UTC"}
    assert_verdict("IntervalSchedule", schedule, ("anchor_date",), prefect)


# Accepted by Prefect, refused here on purpose (the README's table lists them).
AWARE_REFUSED = ["now", "12:30", "2024/05/01", "2020--07-13", "2024-01-01T00:00:00.1234567890123"]


@pytest.mark.parametrize("value", AWARE_REFUSED)
def test_listed_datetime_refusals(value: str) -> None:
    assert_verdict(
        "WorkQueueResponse", {"name": "q", "last_polled": value}, ("last_polled",), REJECT
    )


def test_a_null_anchor_is_now_as_in_prefect() -> None:
    for schedule in (
        responses.structure({"interval": 60, "anchor_date": None}, responses.IntervalSchedule),
        responses.IntervalSchedule(interval=60, anchor_date=None),
    ):
        assert schedule.anchor_date.tzinfo is not None
        assert schedule.timezone == "UTC"


# --- finding 14: every accepted spelling costs about what the wire form costs --------


def test_other_datetime_spellings_cost_at_most_twice_the_wire_form() -> None:
    import time
    from datetime import datetime, timedelta

    from responses._scalars import structure_datetime

    moments = [datetime(2024, 1, 1) + timedelta(seconds=7919 * i + 0.25) for i in range(2000)]
    spellings = {
        "wire": [m.isoformat() + "+00:00" for m in moments],
        "Z": [m.isoformat() + "Z" for m in moments],
        "week": ["{}-W{:02d}-{}T{:%H:%M:%S}Z".format(*m.isocalendar(), m) for m in moments],
        "ordinal": [f"{m:%Y-%j}T{m:%H:%M:%S}Z" for m in moments],
        "basic": [f"{m:%Y%m%dT%H%M%S}+0530" for m in moments],
    }

    def cost(texts: list[str]) -> float:
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for text in texts:
                structure_datetime(text)
            best = min(best, time.perf_counter() - start)
        return best

    wire = cost(spellings["wire"])
    ratios = {name: cost(texts) / wire for name, texts in spellings.items()}
    # 2x is the target (make oracle2 measures it); 3x here leaves room for a noisy machine
    assert max(ratios.values()) < 3.0, ratios
