"""The input contract's holes, closed: one grammar per scalar on every path, no value
that cannot be written back, bounded work, no file access driven by input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
import threading
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import responses
from responses import FlowRunResponse, ValidationError
from responses._scalars import (
    InvalidValue,
    _normalize,
    _parse_iso,
    structure_datetime,
    structure_timedelta,
)

from .conftest import ROUTE_FILES, load_fixture
from .strategies import json_paths

FLOW = "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"
RUN = {"flow_id": FLOW, "name": "keen-raven"}
ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["json", "orjson"]


def _backends() -> list[str]:
    return [b for b in BACKENDS if b == "json" or pytest.importorskip(b)]


# --- 1. datetimes ----------------------------------------------------------------------

LAX_DATETIMES = [
    "2024-01-01T00:00+05:30:15",
    "2024-01-01T00:00:00:123456+05:30",
    "2024-01-01T00:00:00.123456:05:3Z",
    "2024-01-01T002003008123456+05:30",
    "2024-01-01T00+00:00:05:30",
]


@pytest.mark.parametrize("text", LAX_DATETIMES)
def test_lax_datetimes_are_rejected_in_every_field(text: str) -> None:
    with pytest.raises(ValidationError, match=r"\$\.created"):
        responses.structure({**RUN, "created": text}, FlowRunResponse)
    worker = {"name": "w", "work_pool_id": FLOW, "last_heartbeat_time": text}
    with pytest.raises(ValidationError, match=r"\$\.last_heartbeat_time"):
        responses.structure(worker, responses.WorkerResponse)


def test_datetimes_with_second_offsets_are_rejected_not_rounded() -> None:
    amsterdam_1900 = datetime(1900, 6, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert amsterdam_1900.utcoffset() == timedelta(minutes=19, seconds=32)
    with pytest.raises(ValidationError, match="whole minutes"):
        responses.structure({**RUN, "created": amsterdam_1900}, FlowRunResponse)
    with pytest.raises(ValidationError, match="whole minutes"):
        FlowRunResponse(flow_id=UUID(FLOW), created=amsterdam_1900)


_WIRE_CHARS = st.sampled_from("0123456789-:T.+Z ,tz\u0663")


@given(
    st.lists(_WIRE_CHARS, min_size=25, max_size=25).map("".join)
    | st.lists(_WIRE_CHARS, min_size=32, max_size=32).map("".join)
    | st.datetimes(timezones=st.sampled_from([ZoneInfo("UTC"), ZoneInfo("Asia/Kathmandu")])).map(
        datetime.isoformat
    )
)
def test_the_datetime_fast_path_agrees_with_the_full_parser(text: str) -> None:
    try:
        slow: datetime | None = _normalize(_parse_iso(text))
    except InvalidValue:
        slow = None
    try:
        fast: datetime | None = structure_datetime(text)
    except InvalidValue:
        fast = None
    assert fast == slow
    if fast is not None and slow is not None:
        assert fast.utcoffset() == slow.utcoffset()


# --- 2. durations: pydantic v1's grammar exactly -----------------------------------------

_DURATION_CHARS = st.sampled_from([*"0123456789PTDHMS.-+:_e ,", "days, ", " day, "])


@given(
    st.lists(_DURATION_CHARS, max_size=12).map("".join)
    | st.from_regex(r"-?P(\d{1,3}(\.\d{1,3})?D)?(T(\d{1,2}H)?(\d{1,2}M)?(\d{1,2}(\.\d+)?S)?)?")
    | st.from_regex(r"(-?\d{1,3} days?, )?(-?\d{1,2}:)?(-?\d{1,2}:)?-?\d{1,5}(\.\d{1,8})?")
)
def test_durations_follow_pydantic_v1(text: str) -> None:
    datetime_parse = pytest.importorskip("pydantic.v1.datetime_parse")
    try:
        expected: timedelta | None = datetime_parse.parse_duration(text)
    except (ValueError, TypeError, OverflowError):
        expected = None
    try:
        ours: timedelta | None = structure_timedelta(text)
    except InvalidValue:
        ours = None
    if ours is None and expected is not None:
        # the one deliberate difference: a value float seconds cannot hold exactly
        assert timedelta(seconds=expected.total_seconds()) != expected
    else:
        assert ours == expected


@pytest.mark.parametrize(
    "value", ["P1_5D", "PT1e3S", "PT1,5S", "104250 days, 0:00:00.000001", 9.007199254740993e15]
)
def test_durations_prefect_rejects_or_we_cannot_write_are_rejected(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_timedelta(value)


# --- 3. cron ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cron",
    [
        "30 8 * * sat-sun",
        "0 0 * * 6-0",
        "0 0 * * fri-mon",
        "0 22-2 * * *",
        "50-10 * * * *",
        "0 0 25-5 * *",
        "0 0 * nov-feb *",
        "0 22-2/2 * * *",
    ],
)
def test_wrap_around_cron_ranges_are_accepted(cron: str) -> None:
    deployment = {
        "name": "d",
        "flow_id": FLOW,
        "schedules": [{"schedule": {"cron": cron, "timezone": "Europe/Berlin"}}],
    }
    loaded = responses.structure(deployment, responses.DeploymentResponse)
    assert loaded.schedules[0].schedule == responses.CronSchedule(
        cron=cron, timezone="Europe/Berlin"
    )


@pytest.mark.parametrize("cron", ["0 25-2 * * *", "61-10 * * * *", "0 0 * * mon-nope"])
def test_wrap_around_ranges_still_check_their_ends(cron: str) -> None:
    with pytest.raises(ValidationError, match="invalid cron"):
        responses.structure({"cron": cron}, responses.CronSchedule)


# --- 4. DeploymentResponse.from_orm ------------------------------------------------------


def _schedule_row(cron: str) -> SimpleNamespace:
    return SimpleNamespace(
        id=UUID(int=7),
        created=None,
        updated=None,
        deployment_id=UUID(int=9),
        schedule=responses.CronSchedule(cron=cron, timezone="UTC"),
        active=True,
        max_active_runs=None,
        max_scheduled_runs=None,
        catchup=False,
    )


@pytest.mark.parametrize("paused", [True, False])
def test_deployment_from_orm_reads_real_rows(paused: bool) -> None:
    row = SimpleNamespace(
        id=UUID(int=9),
        name="nightly",
        flow_id=UUID(FLOW),
        paused=paused,
        schedule=responses.IntervalSchedule(interval=timedelta(hours=1)),  # a stale column
        is_schedule_active=True,  # a stale column
        schedules=[_schedule_row("0 1 * * *"), _schedule_row("0 2 * * *")],
        infra_overrides={"image": "x"},
        work_queue=SimpleNamespace(name="q", work_pool=SimpleNamespace(name="p")),
    )
    deployment = responses.DeploymentResponse.from_orm(row)
    assert [s.schedule.cron for s in deployment.schedules] == ["0 1 * * *", "0 2 * * *"]  # type: ignore[union-attr]
    assert deployment.schedule == responses.CronSchedule(cron="0 1 * * *", timezone="UTC")
    assert deployment.is_schedule_active is not paused
    assert (deployment.work_queue_name, deployment.work_pool_name) == ("q", "p")
    empty = responses.DeploymentResponse.from_orm(
        SimpleNamespace(name="n", flow_id=UUID(FLOW), schedules=[], paused=False)
    )
    assert empty.schedule is None


# --- 5. no file access driven by input -----------------------------------------------------

_AUDIT = """
import json, sys
import responses
# warm up: the tz database's listing and dateutil's modules load once, whatever the input
warm = "DTSTART;TZID=UTC:20240101T000000\\nRRULE:FREQ=DAILY;UNTIL=20250101T000000Z"
warm += "\\nRDATE:2024-01-02"
responses.structure({"rrule": warm, "timezone": "UTC"}, responses.RRuleSchedule)
opened = []
sys.addaudithook(lambda event, args: opened.append((event, args[0])) if event in (
    "open", "os.listdir", "os.scandir") else None)
rules = [
    "DTSTART;TZID=/etc/passwd:20240101T000000\\nRRULE:FREQ=DAILY",
    "DTSTART;TZID=/proc/self/environ:20240101T000000\\nRRULE:FREQ=DAILY",
    "DTSTART;TZID=../../../../etc/hostname:20240101T000000\\nRRULE:FREQ=DAILY",
    "DTSTART;TZID=Europe/Berlin:20240101T000000\\nRRULE:FREQ=DAILY",
    "DTSTART:20240101T000000 /etc/passwd\\nRRULE:FREQ=DAILY",
    "EXDATE;TZID=/etc/passwd:20240101T000000\\nRRULE:FREQ=DAILY",
]
verdicts = []
for rule in rules:
    for tz in ("/etc/passwd", "Europe/Berlin", None):
        try:
            responses.structure({"rrule": rule, "timezone": tz}, responses.RRuleSchedule)
            verdicts.append("ok")
        except responses.ValidationError:
            verdicts.append("rejected")
print(json.dumps({"opened": [str(o) for o in opened], "verdicts": verdicts}))
"""


def test_no_file_is_opened_because_of_input() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _AUDIT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout)
    assert report["opened"] == []
    # paths are refused as names; the IANA name is taken
    assert report["verdicts"][:3] == ["rejected"] * 3
    assert report["verdicts"][10] == "ok"


# --- 6. bounded work -------------------------------------------------------------------------


def test_errors_stop_at_a_hundred() -> None:
    body = json.dumps([{"flow_id": 5}] * 50_000).encode()
    for backend in _backends():
        with pytest.raises(ValidationError) as caught:
            responses.loads(body, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]
        assert len(caught.value.errors) == 100
        assert caught.value.truncated
        assert "validation stopped after 100" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        responses.structure({**RUN, "tags": [None] * 5_000}, FlowRunResponse)
    assert len(caught.value.errors) == 1


def test_colliding_hashes_in_pause_keys_are_refused() -> None:
    keys = [k * (2**61 - 1) for k in range(1, 200)]
    with pytest.raises(ValidationError, match="same hash"):
        responses.structure({**RUN, "empirical_policy": {"pause_keys": keys}}, FlowRunResponse)
    honest = list(range(1000)) + [f"k{i}" for i in range(1000)]
    run = responses.structure({**RUN, "empirical_policy": {"pause_keys": honest}}, FlowRunResponse)
    assert run.empirical_policy.pause_keys == frozenset(honest)


_EVERY_SECOND = (
    "RRULE:FREQ=DAILY;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
    + ";BYSECOND="
    + ",".join(map(str, range(60)))
)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("\n".join([_EVERY_SECOND] * 14), "at most 8 rules"),
        ("DTSTART:20240101T000000\nRDATE:" + ",".join(["2024-01-05T10:00"] * 5), "at most 4 dates"),
        ("RRULE:FREQ=DAILY;BYHOUR=24", "BYHOUR"),
        ("DTSTART:20240101T000000\nRDATE:20240101T000000,20240230T000000", "invalid date"),
    ],
)
def test_rrule_limits(rule: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        responses.structure({"rrule": rule}, responses.RRuleSchedule)


def test_a_costly_but_legal_rrule_is_checked_without_building_its_table() -> None:
    assert responses.structure({"rrule": _EVERY_SECOND}, responses.RRuleSchedule).rrule


_RULE_PART = st.sampled_from(
    [
        "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=MONTHLY",
        "FREQ=YEARLY", "FREQ=SOMETIMES", "INTERVAL=2", "INTERVAL=0", "COUNT=3",
        "BYHOUR=9", "BYHOUR=0,23", "BYHOUR=24", "BYHOUR=-1", "BYHOUR=x", "BYHOUR=1_0",
        "BYMINUTE=0,30", "BYMINUTE=60", "BYSECOND=59", "BYSECOND= 5", "BYDAY=MO,FR",
        "BYSETPOS=1", "BYMONTHDAY=31", "UNTIL=20250101T000000Z", "WKST=MO", "BYHOUR=",
    ]
)  # fmt: skip
_DATE = st.sampled_from(
    ["20240101T090000", "20240101T090000Z", "20240101", "20240230T000000", "20241301",
     "2024-01-05T10:00", "Jan-5-2024", "nope", "20240101T250000"]
)  # fmt: skip


@st.composite
def _rrule_strings(draw: st.DrawFn) -> str:
    rules = [
        "RRULE:" + ";".join(draw(st.lists(_RULE_PART, min_size=1, max_size=4)))
        for _ in range(draw(st.integers(1, 3)))
    ]
    lines = list(rules)
    if draw(st.booleans()):
        lines.insert(0, "DTSTART:" + draw(_DATE))
    for name in ("RDATE", "EXDATE"):
        if draw(st.booleans()):
            lines.append(f"{name}:" + ",".join(draw(st.lists(_DATE, min_size=1, max_size=3))))
    if len(lines) == 1 and draw(st.booleans()):
        return lines[0].removeprefix("RRULE:")
    return "\n".join(lines)


@given(_rrule_strings())
def test_rrule_checks_give_dateutils_verdict(rule: str) -> None:
    """Within the limits, the bounded check says what dateutil says of the whole string."""
    from dateutil.rrule import rrulestr

    from responses._schedules import _checked_rrule, _validation_zone

    problem = _checked_rrule(rule)
    assume(problem is None or "may hold at most" not in problem)  # beyond our limits
    try:
        rrulestr(rule, cache=True, tzids=_validation_zone)
        expected = True
    except (ValueError, TypeError, OverflowError):
        expected = False
    assert (problem is None) == expected, problem


# --- 7. nesting: one limit, both backends, any stack ------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def test_free_form_values_nest_as_deep_as_prefect_writes_in_both_backends() -> None:
    ok = json.dumps({**RUN, "parameters": {"a": _nested(253)}})
    too_deep = json.dumps({**RUN, "parameters": {"a": _nested(254)}})
    for backend in _backends():
        run = responses.loads(ok, FlowRunResponse, backend=backend)  # type: ignore[arg-type]
        for writer in _backends():
            written = responses.dumps(run, backend=writer)  # type: ignore[arg-type]
            assert responses.loads(written, FlowRunResponse) == run
        with pytest.raises(ValidationError, match="nested more than 254"):
            responses.loads(too_deep, FlowRunResponse, backend=backend)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        (_nested(253), None),
        (_nested(254), "nested more than 254"),
        ("\ud800", "surrogate"),
        ('escaped \\ " \U0001f600', None),
    ],
)
def test_pages_are_checked_like_single_runs(value: Any, verdict: str | None) -> None:
    """A page is large (its brackets are not simply counted) and full of escapes: the
    last run's free-form value gets the verdict a single run gets, with both backends."""
    run = {**RUN, "id": "6149e7ce-c5cf-4a4f-872e-6df89e3d011a"}
    page = [run] * 150 + [{**run, "parameters": {"a": value}}]
    for ascii_only in (False, True):
        body = json.dumps(page, ensure_ascii=ascii_only)
        assert len(body) > 8192
        for backend in _backends():
            if verdict is None:
                runs = responses.loads(body, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]
                assert runs[-1].parameters == {"a": value}
                assert runs == responses.structure(page, list[FlowRunResponse])
            elif verdict == "surrogate":  # not JSON text: both readers refuse the document
                with pytest.raises(ValidationError, match="invalid JSON"):
                    responses.loads(body, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]
            else:
                with pytest.raises(ValidationError, match=verdict) as caught:
                    responses.loads(body, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]
                assert caught.value.errors[0].segments[0] == 150


def test_deep_documents_are_refused_before_the_stdlib_reader_recurses() -> None:
    body = b'{"flow_id":"' + FLOW.encode() + b'","parameters":' + b"[" * 990 + b"]" * 990 + b"}"
    results: list[BaseException] = []

    def load() -> None:
        try:
            responses.loads(body, FlowRunResponse, backend="json")
        except BaseException as exc:
            results.append(exc)

    previous = threading.stack_size(128 * 1024)
    try:
        worker = threading.Thread(target=load)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous)
    assert len(results) == 1
    assert isinstance(results[0], ValidationError)
    # brackets inside strings do not count
    inside = json.dumps({**RUN, "parameters": {"s": "[" * 500}})
    assert responses.loads(inside, FlowRunResponse, backend="json").parameters["s"] == "[" * 500


# --- 8/9. closure: what is accepted is written by both backends and reads back equal -------

_ODD_VALUES = st.sampled_from(
    [None, True, 0, -1, 2**70, 1.5, 1e-7, 1e300, -0.0, "", "x", "\u2028", "é", "\x00",
     "2024-05-01", "12:30", "PT1H", "P1D", "3600", [], [1, "a"], {}, {"a": [None]},
     {"type": "bogus"}, "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "RUNNING", "1e3", "0x10"]
)  # fmt: skip
SAMPLES = [(cl, v) for name, cl in sorted(ROUTE_FILES.items()) for v in load_fixture(name)[:4]]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copied = copy.copy(value)
    copied[path[0]] = _replace(value[path[0]], path[1:], new)
    return copied


def _verdicts(body: bytes, cl: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for backend in _backends():
        try:
            out[backend] = responses.loads(body, cl, backend=backend)  # type: ignore[arg-type]
        except ValidationError:
            out[backend] = ValidationError
    return out


def _assert_closed(obj: Any, cl: Any) -> None:
    for writer in _backends():
        written = responses.dumps(obj, backend=writer)  # type: ignore[arg-type]
        for reader in _backends():
            assert responses.loads(written, cl, backend=reader) == obj  # type: ignore[arg-type]


@given(st.sampled_from(SAMPLES), st.data(), _ODD_VALUES)
def test_accepted_means_writable_and_equal_after_a_round_trip(
    sample: tuple[type, Any], data: st.DataObject, new: Any
) -> None:
    cl, payload = sample
    path = data.draw(st.sampled_from(json_paths(payload)))
    body = json.dumps(_replace(payload, path, new)).encode()
    verdicts = _verdicts(body, cl)
    values = list(verdicts.values())
    assert all(v is ValidationError for v in values) or all(
        _same_but_volatile(v, values[0]) for v in values
    )
    if values[0] is not ValidationError:
        _assert_closed(values[0], cl)


# Defaults Prefect makes fresh for every object (a uuid4 id, a random name, "now"):
# two reads of a payload that leaves them out differ there, and only there.
_VOLATILE = frozenset({"id", "name", "timestamp", "scheduled_time", "anchor_date"})


def _same_but_volatile(a: Any, b: Any) -> bool:
    if a is ValidationError or b is ValidationError:
        return a is b
    return _alike(responses.unstructure(a), responses.unstructure(b))


def _alike(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(key in _VOLATILE or _alike(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_alike, a, b))
    return bool(a == b)


@given(st.sampled_from(SAMPLES), st.data(), _ODD_VALUES | st.floats() | st.integers())
def test_python_built_objects_are_validated_and_closed(
    sample: tuple[type, Any], data: st.DataObject, new: Any
) -> None:
    cl, payload = sample
    obj = responses.structure(payload, cl)
    field = data.draw(st.sampled_from(attrs.fields(cl)))
    try:
        changed = attrs.evolve(obj, **{field.name: new})
    except ValidationError as exc:
        assert exc.errors[0].path.startswith(f"$.{field.name}") or exc.errors[0].path == "$"
        return
    _assert_closed(changed, cl)


# --- 10. construction validates ----------------------------------------------------------


def test_construction_validates_and_coerces_as_structure_does() -> None:
    run = responses.structure(RUN, FlowRunResponse)
    with pytest.raises(ValidationError, match=r"\$\.created: expected an ISO 8601"):
        attrs.evolve(run, created="yesterday")
    counted = attrs.evolve(run, run_count="3")
    assert counted.run_count == 3
    assert responses.loads(responses.dumps(counted), FlowRunResponse) == counted
    typed = attrs.evolve(run, state_type="RUNNING")
    assert typed.state_type is responses.StateType.RUNNING
    assert b'"state_type":"RUNNING"' in responses.dumps(typed, backend="json")
    with pytest.raises(ValidationError, match=r"\$\.parameters: .*JSON value"):
        attrs.evolve(run, parameters={"when": datetime(2024, 1, 1)})
    with pytest.raises(ValidationError, match=r"\$\.parameters: .*keys must be strings"):
        attrs.evolve(run, parameters={1: "x"})
    with pytest.raises(ValidationError, match=r"\$\.flow_id"):
        FlowRunResponse(flow_id="nope")  # type: ignore[arg-type]


# --- 11. smaller ---------------------------------------------------------------------------


def test_a_bare_list_type_reads_arrays_only() -> None:
    with pytest.raises(ValidationError, match="expected an array"):
        responses.loads(b'{"flow_id": 1}', list)
    assert responses.loads(b'[1, "a", {"b": null}]', list) == [1, "a", {"b": None}]


def test_worker_from_orm_with_a_huge_interval() -> None:
    row = SimpleNamespace(
        name="w",
        work_pool_id=UUID(int=1),
        last_heartbeat_time=datetime(2024, 1, 1),
        heartbeat_interval_seconds=10**18,
    )
    worker = responses.WorkerResponse.from_orm(row)
    assert worker.status is responses.WorkerStatus.ONLINE


def test_state_durations_are_written_exactly() -> None:
    text = textwrap.dedent('{"state_type": "RUNNING", "state_name": "Running", "count_runs": 1,')
    body = text + '"sum_estimated_run_time": 0.5, "sum_estimated_lateness": "104249 days, 0:00:00"}'
    state = responses.loads(body, responses.HistoryResponseState)
    assert responses.loads(responses.dumps(state), responses.HistoryResponseState) == state


# --- the decoded-JSON path gives the full validator's verdicts and values ---------------

_DOCUMENT_VALUES = _ODD_VALUES | st.sampled_from(
    [
        {"deep": _nested(253)},
        {"deep": _nested(254)},
        "\ud800",
        ["\udfff", 1],
        {"\ud83d\ude00": "pair"},
        2**64,
        -(2**63) - 1,
        18446744073709551615,
        -9223372036854775808,
    ]
)


@pytest.mark.parametrize("backend", BACKENDS)
@given(st.sampled_from(SAMPLES), st.data(), _DOCUMENT_VALUES)
def test_the_decoded_path_agrees_with_the_full_validator(
    backend: str, sample: tuple[type, Any], data: st.DataObject, new: Any
) -> None:
    """``loads`` reads documents its decoder checked with lighter hooks: the same object,
    or both a ValidationError, as ``structure`` of the same values."""
    pytest.importorskip(backend)
    cl, payload = sample
    path = data.draw(st.sampled_from(json_paths(payload)))
    body = json.dumps(_replace(payload, path, new)).encode()
    try:
        expected: Any = responses.structure(json.loads(body), cl)
    except ValidationError:
        expected = ValidationError
    try:
        got: Any = responses.loads(body, cl, backend=backend)  # type: ignore[arg-type]
    except ValidationError:
        got = ValidationError
    assert _same_but_volatile(got, expected)
    try:
        listed: Any = responses.loads(b"[" + body + b"]", list[cl], backend=backend)  # type: ignore[valid-type,arg-type]
    except ValidationError:
        listed = ValidationError
    if expected is ValidationError:
        assert listed is ValidationError
    else:
        assert len(listed) == 1
        assert _same_but_volatile(listed[0], expected)


def test_hooks_registered_apply_on_the_decoded_path_too() -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(
        responses.CreatedBy, lambda value, _: responses.CreatedBy(type="x")
    )
    body = json.dumps({**RUN, "created_by": {"type": "USER"}}).encode()
    assert mine.loads(body, FlowRunResponse).created_by == responses.CreatedBy(type="x")
    assert mine.loads(b"[" + body + b"]", list[FlowRunResponse])[0].created_by.type == "x"  # type: ignore[union-attr]
    assert responses.loads(body, FlowRunResponse).created_by == responses.CreatedBy(type="USER")
