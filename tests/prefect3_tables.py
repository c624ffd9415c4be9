"""Prefect 3.9.1's own verdicts as plain data: the tables of
``tests/test_prefect3_verdicts.py``, which ``make oracle3`` checks against Prefect 3.9.1
itself (so that they stay Prefect's, not ours). No test framework is imported here.

Each table is a site (model, payload, path) and rows of (input, Prefect's JSON value or
REJECT). ``REFUSED`` lists inputs Prefect 3.9.1 accepts and we refuse on purpose (the
README's "Prefect 3" list).
"""

from __future__ import annotations

import copy
from typing import Any

REJECT = None  # Prefect refuses the value (as in tests/test_prefect_verdicts.py)

FLOW = "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"
U = "12345678-1234-5678-1234-567812345678"
SLUG = "<a fresh slug>"  # Prefect makes a random two-word name

RUN: dict[str, Any] = {"flow_id": FLOW, "name": "keen-raven"}
QUEUE: dict[str, Any] = {"name": "high"}
POOL: dict[str, Any] = {"name": "etl", "type": "process", "default_queue_id": U}
WORKER: dict[str, Any] = {"name": "worker-1", "work_pool_id": U}
LIMIT_V2: dict[str, Any] = {"name": "db", "limit": 5}
DEPLOYMENT: dict[str, Any] = {"name": "nightly", "flow_id": FLOW}
TASK_RUN: dict[str, Any] = {"name": "extract-0", "task_key": "extract", "dynamic_key": "0"}
CRON: dict[str, Any] = {"cron": "0 6 * * *", "timezone": "UTC", "day_or": True}
RRULE: dict[str, Any] = {"rrule": "FREQ=DAILY", "timezone": "UTC"}
INTERVAL: dict[str, Any] = {
    "interval": 3600.0, "anchor_date": "2026-01-01T00:00:00Z", "timezone": "UTC"
}  # fmt: skip

Site = tuple[str, dict[str, Any], tuple[Any, ...]]

# fmt: off
# name -> (site, [(input, Prefect 3.9.1's value or REJECT)]): each table is a finding
TABLES: dict[str, tuple[Site, list[tuple[Any, Any]]]] = {
    # pydantic v2's str: strings only; 2.20's pydantic v1 stringified numbers
    "strings": (
        ("FlowRunResponse", RUN, ("work_queue_name",)),
        [("q", "q"), ("", ""), (0, REJECT), (1.5, REJECT), (True, REJECT), ([], REJECT)],
    ),
    # pydantic v2's lax int: no truncation, no Unicode digits, "1.0" and big ints taken
    "integers": (
        ("FlowRunResponse", RUN, ("run_count",)),
        [
            (1, 1),
            (True, 1),
            (1.0, 1),
            (1.5, REJECT),
            ("1", 1),
            (" 1 ", 1),
            ("1_000", 1000),
            ("1.0", 1),
            ("10.00", 10),
            ("1.", REJECT),
            ("\u0661", REJECT),
            ("1e3", REJECT),
            (2**64, 2**64),
            ("9" * 30, int("9" * 30)),
            (9.2e18, 9200000000000000000),
            (2.0**63, REJECT),
            (None, REJECT),
        ],
    ),
    # pydantic v2's lax float: ASCII only, single underscores dropped before Rust reads it
    "floats": (
        ("ConcurrencyLimitV2", LIMIT_V2, ("slot_decay_per_second",)),
        [
            (1, 1.0),
            (True, 1.0),
            ("1.5", 1.5),
            (" 1.5 ", 1.5),
            ("1e3", 1000.0),
            ("1_000", 1000.0),
            ("1_e3", 1000.0),
            ("1._5", 1.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("\u0661", REJECT),
            ("1__0", REJECT),
            ("_1", REJECT),
            ("0x10", REJECT),
            ("", REJECT),
            (None, REJECT),
        ],
    ),
    # the uuid crate: 32 hex digits, 8-4-4-4-12 bare, in braces or after urn:uuid:
    "uuids": (
        ("FlowRunResponse", RUN, ("flow_id",)),
        [
            (U, U),
            (U.upper(), U),
            (U.replace("-", ""), U),
            ("{" + U + "}", U),
            ("urn:uuid:" + U, U),
            ("URN:UUID:" + U, REJECT),
            ("{" + U.replace("-", "") + "}", REJECT),
            (" " + U, REJECT),
            (U + " ", REJECT),
            ("+" + U[1:], REJECT),
            ("1234567_-1234-5678-1234-567812345678", REJECT),
            ("urn:uuid:" + U.replace("-", ""), REJECT),
            (0, REJECT),
        ],
    ),
    # pydantic v2's datetime (speedate): RFC 3339 forms, dates alone, Unix time
    "aware datetimes": (
        ("FlowRunResponse", RUN, ("start_time",)),
        [
            ("2024-11-01T10:20:30Z", "2024-11-01T10:20:30Z"),
            ("2024-11-01T10:20:30+00:00", "2024-11-01T10:20:30Z"),
            ("2024-11-01T10:20:30-00:00", "2024-11-01T10:20:30Z"),
            ("2024-11-01T10:20:30", "2024-11-01T10:20:30Z"),
            ("2024-11-01", "2024-11-01T00:00:00Z"),
            ("2024-11-01t10:20:30z", "2024-11-01T10:20:30Z"),
            ("2024-11-01_10:20", "2024-11-01T10:20:00Z"),
            ("2024-11-01 10:20:30", "2024-11-01T10:20:30Z"),
            ("2024-11-01T10:20:30,5", "2024-11-01T10:20:30.500000Z"),
            ("2024-11-01T10:20:30.1234567891234", "2024-11-01T10:20:30.123456Z"),
            ("2024-11-01T10:20:30+0530", "2024-11-01T10:20:30+05:30"),
            ("2024-11-01T10:20:30+23:59", "2024-11-01T10:20:30+23:59"),
            ("20241101", "1970-08-23T06:31:41Z"),
            ("1714521600", "2024-05-01T00:00:00Z"),
            ("1714521600.5", "2024-05-01T00:00:00.500000Z"),
            (1714521600, "2024-05-01T00:00:00Z"),
            (-1.25, "1969-12-31T23:59:58.750000Z"),
            ("+1", "1970-01-01T00:00:01Z"),
            (".5", "1970-01-01T00:00:00.500000Z"),
            ("20000000000", "2603-10-11T11:33:20Z"),
            ("20000000001", "1970-08-20T11:33:20.001000Z"),
            (20000000001.9996, "1970-08-20T11:33:20.002000Z"),
            (1.9999999, "1970-01-01T00:00:02Z"),
            ("2024-11-01T24:00:00", REJECT),
            ("2024-11-01T23:59:60", REJECT),
            ("0000-01-01T00:00:00", REJECT),
            ("2024-02-30", REJECT),
            ("1e3", REJECT),
            (" 1714521600", REJECT),
            ("99999999999999999", REJECT),
            (1e20, REJECT),
            (True, REJECT),
            ("", REJECT),
        ],
    ),
    # a plain datetime field (core.Worker): the same grammar, naive values kept naive
    "plain datetimes": (
        ("WorkerResponse", WORKER, ("last_heartbeat_time",)),
        [
            ("2024-11-01", "2024-11-01T00:00:00"),
            ("2024-11-01T10:20:30", "2024-11-01T10:20:30"),
            ("2024-11-01T10:20:30+00:00", "2024-11-01T10:20:30Z"),
            ("2024-11-01T10:20:30-04:00", "2024-11-01T10:20:30-04:00"),
            ("1714521600", "2024-05-01T00:00:00Z"),
            ("2024-W18-3", REJECT),
            ("now", REJECT),
            ("2024-11-01T10:20:30+05", REJECT),
        ],
    ),
    # pydantic v2's durations (speedate) for every timedelta field of 3.9's models
    "durations": (
        ("FlowRunResponse", RUN, ("total_run_time",)),
        [
            (60, 60.0),
            (-1, -1.0),
            (1.5, 1.5),
            ("01:00", 3600.0),
            ("40:43", 146580.0),
            ("P1W", 604800.0),
            ("P1Y", 31536000.0),
            ("1 day", 86400.0),
            ("-PT1H", -3600.0),
            ("3600", REJECT),
            ("1:2:3", REJECT),
            ("0.000001", REJECT),
            ("P1_5D", REJECT),
        ],
    ),
    # Prefect 3.9's Name: non-empty, no / % & > <, no numbers
    "work queue names": (
        ("WorkQueueResponse", QUEUE, ("name",)),
        [("high", "high"), ("", REJECT), ("a/b", REJECT), ("a%b", REJECT), (5, REJECT)],
    ),
    "work pool names": (
        ("WorkPoolResponse", POOL, ("name",)),
        [("etl", "etl"), ("", REJECT), ("''", REJECT), (' " ', REJECT), ("a>b", REJECT)],
    ),
    "v2 concurrency limit names": (
        ("ConcurrencyLimitV2", LIMIT_V2, ("name",)),
        [("db", "db"), ("", REJECT), ("a&b", REJECT), (1, REJECT)],
    ),
    # core.FlowRun and core.TaskRun: name or generate_slug(2), then a string
    "flow run names": (
        (
            "WorkerFlowRunResponse",
            {
                "work_pool_id": U,
                "work_queue_id": U,
                "flow_run": {"flow_id": FLOW, "name": "keen-raven"},
            },
            ("flow_run", "name"),
        ),
        [
            ("keen-raven", "keen-raven"),
            (None, SLUG),
            ("", SLUG),
            (0, SLUG),
            (False, SLUG),
            (5, REJECT),
            (True, REJECT),
        ],
    ),
    "task run names": (
        ("TaskRun", TASK_RUN, ("name",)),
        [("extract-0", "extract-0"), (None, SLUG), (0, SLUG), (5, REJECT)],
    ),
    # default_timezone: any tzdata name (Factory, localtime too), or the empty string
    "cron timezones": (
        ("CronSchedule", CRON, ("timezone",)),
        [
            ("Europe/Kyiv", "Europe/Kyiv"),
            ("Factory", "Factory"),
            ("", ""),
            ("posix/UTC", REJECT),
            ("Nowhere/Zone", REJECT),
            (0, REJECT),
        ],
    ),
    # RRuleSchedule's TimeZone: a pattern of zone names searched in the string; null kept
    "rrule timezones": (
        ("RRuleSchedule", RRULE, ("timezone",)),
        [
            ("Europe/London", "Europe/London"),
            ("posix/UTC", "posix/UTC"),
            ("xUTCx", "xUTCx"),
            ("", REJECT),
            ("localtime", REJECT),
            ("Nowhere", REJECT),
        ],
    ),
    # Prefect 3.9's vendored croniter: no W days
    "crons": (
        ("CronSchedule", CRON, ("cron",)),
        [
            ("0 0 L * *", "0 0 L * *"),
            ("0 0 15W * *", REJECT),
            ("0 0 LW * *", REJECT),
            ("0 0 1W * *", REJECT),
            ("0 12 * * mon-fri", "0 12 * * mon-fri"),
            (5, REJECT),
        ],
    ),
    # PositiveInterval: pydantic v2's durations, positive
    "intervals": (
        ("IntervalSchedule", INTERVAL, ("interval",)),
        [("01:00", 3600.0), ("P1D", 86400.0), (0, REJECT), (-1, REJECT), ("3600", REJECT)],
    ),
    # KeyValueLabelsField (responses): any falsy value is {}; values strict scalars
    "response labels": (
        ("DeploymentResponse", DEPLOYMENT, ("labels",)),
        [
            (None, {}),
            ([], {}),
            ("", {}),
            ({"a": 1, "b": "x", "c": True}, {"a": 1, "b": "x", "c": True}),
            ({"a": [1]}, REJECT),
            ({"a": None}, REJECT),
            ("x", REJECT),
        ],
    ),
    # core.TaskRun's Union[KeyValueLabels, None]: a null stays null
    "task run labels": (
        ("TaskRun", TASK_RUN, ("labels",)),
        [({"a": 1.5}, {"a": 1.5}), ([], REJECT), ("", REJECT)],
    ),
    # pydantic v2's dict: an empty array is not an empty object
    "objects": (
        ("WorkPoolResponse", POOL, ("base_job_template",)),
        [({}, {}), ({"a": 1}, {"a": 1}), ([], REJECT), ("", REJECT)],
    ),
    # helpful_error_for_missing_default_queue_id: missing is null, null is refused
    "default queue ids": (
        ("WorkPoolResponse", POOL, ("default_queue_id",)),
        [(U, U), (None, REJECT)],
    ),
    # ConcurrencyOptions.grace_period_seconds: from 60 to 86,400
    "grace periods": (
        (
            "DeploymentResponse",
            {**DEPLOYMENT, "concurrency_options": {"collision_strategy": "ENQUEUE"}},
            ("concurrency_options", "grace_period_seconds"),
        ),
        [(60, 60), (86400, 86400), (59, REJECT), (86401, REJECT), ("60", 60)],
    ),
    # TaskRunPolicy.retry_delay: None | int | float | list[int] | list[float], smart mode
    "task retry delays": (
        ("TaskRun", TASK_RUN, ("empirical_policy", "retry_delay")),
        [
            (2, 2),
            (2.5, 2.5),
            (True, 1),
            ("2", 2),
            ("2.5", 2.5),
            ([1, 2], [1, 2]),
            ([1, 2.5], [1.0, 2.5]),
            ([True, "2"], [1, 2]),
            (list(range(51)), REJECT),
            ("x", REJECT),
            ({}, REJECT),
        ],
    ),
    "task retry jitter": (
        ("TaskRun", TASK_RUN, ("empirical_policy", "retry_jitter_factor")),
        [(0.5, 0.5), (0, 0.0), (-0.1, REJECT)],
    ),
    # TaskRun.task_inputs: typed run inputs, read by pydantic's smart union
    "task inputs": (
        ("TaskRun", TASK_RUN, ("task_inputs", "x")),
        [
            (
                [{"input_type": "parameter", "name": "a", "more": 1}],
                [{"input_type": "parameter", "name": "a"}],
            ),
            ([{"name": "a"}], [{"input_type": "parameter", "name": "a"}]),
            ([{"id": U}], [{"input_type": "task_run", "id": U}]),
            ([{"input_type": "flow_run", "id": U}], [{"input_type": "flow_run", "id": U}]),
            ([{"type": "int"}], [{"input_type": "constant", "type": "int"}]),
            ([{"id": U, "name": "a"}], [{"input_type": "parameter", "name": "a"}]),
            ([{"name": "a", "type": "int"}], [{"input_type": "parameter", "name": "a"}]),
            ([{"id": U, "type": "int"}], [{"input_type": "constant", "type": "int"}]),
            ([{"id": "nope", "name": 5}], REJECT),
            ([{"input_type": "parameter"}], REJECT),
            ([{"input_type": "nope", "name": "a"}], REJECT),
            ([{"input_type": {}, "name": "a"}], REJECT),
            ([{}], REJECT),
            ({"name": "a"}, REJECT),
            ([1], REJECT),
        ],
    ),
}
# fmt: on

POLICIES = [
    # set_run_policy_deprecated_fields runs on the raw values, before they are read
    ({"retry_delay_seconds": 1.5}, REJECT),
    ({"retry_delay_seconds": 2.0}, {"retry_delay": 2, "retry_delay_seconds": 2.0}),
    ({"retry_delay_seconds": 2, "retry_delay": 3}, {"retry_delay": 3, "retry_delay_seconds": 2.0}),
    ({"max_retries": 2}, {"retries": 2, "max_retries": 2}),
    ({"retry_delay": 0.5}, REJECT),
    ({"pause_keys": ["a", "a"]}, {"pause_keys": ["a"]}),
    ({"pause_keys": [1]}, REJECT),
]  # fmt: skip


# --- refusals of ours Prefect 3.9.1 accepts: the README's "Prefect 3" list ------------------

REFUSED = [
    # only pendulum's fallback reads these (Python 3.12 and older servers); a Python 3.13
    # server, pydantic alone, refuses them, and so do we
    ("FlowRunResponse", RUN, ("start_time",), "2024-W18-3"),
    ("FlowRunResponse", RUN, ("start_time",), "2024-122"),
    ("FlowRunResponse", RUN, ("start_time",), "20241101T102030Z"),
    ("FlowRunResponse", RUN, ("start_time",), "2024-11-01T10:20:30+05"),
    ("FlowRunResponse", RUN, ("start_time",), "now"),
    ("FlowRunResponse", RUN, ("start_time",), "12:30"),
    ("FlowRunResponse", RUN, ("start_time",), "2024-11-01T10:20:30+05:60"),
    ("FlowRunResponse", RUN, ("start_time",), "2024-11-01T10:20:30+24:00"),
    # Prefect's server writes NaN and Infinity as null: they could not be read back equal
    ("ConcurrencyLimitV2", LIMIT_V2, ("slot_decay_per_second",), "nan"),
    ("ConcurrencyLimitV2", LIMIT_V2, ("slot_decay_per_second",), "inf"),
    ("ConcurrencyLimitV2", LIMIT_V2, ("slot_decay_per_second",), "1e400"),
    # beyond ~104,000 days Prefect 3.9's writer rounds a duration (-766517569272.9999)
    ("FlowRunResponse", RUN, ("total_run_time",), -766517569273),
    ("IntervalSchedule", INTERVAL, ("interval",), 870859453509),
    # six- and seven-field crons, weekday lists mixing n#k with other days: croniter's
    ("CronSchedule", CRON, ("cron",), "* * * * * *"),
    ("CronSchedule", CRON, ("cron",), "* * * * 0,7#1"),
    ("CronSchedule", CRON, ("cron",), "* 0-\u0661 * * *"),
    # RRULE limits: at most 4 dates in other forms than RFC 5545's (and 8 rules)
    ("RRuleSchedule", RRULE, ("rrule",),
     "EXDATE:2017,0507T164751,2035-01-26T17:08:27,20321002\nDTSTART:20111210T195151\n"
     "EXDATE:1998-11-22T07:20:57,2007-03-01T21:04:43"),
    # RRULE TZIDs must be IANA names (Prefect's dateutil would read a path)
    ("RRuleSchedule", RRULE, ("rrule",), "DTSTART;TZID=Nowhere:20240101T000000\nRRULE:FREQ=DAILY"),
    # a details object without a type tag (Prefect's smart union guesses one)
    ("OrchestrationResult", {"state": None, "status": "ACCEPT", "details": {}}, ("details",), {}),
]  # fmt: skip


def with_value(payload: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    payload = copy.deepcopy(payload)
    holder = payload
    for key in path[:-1]:
        holder = holder.setdefault(key, {})
    holder[path[-1]] = value
    return payload
