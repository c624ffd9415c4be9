"""Prefect 3.9.1's own verdicts, copied from its oracle (``make oracle3``) as plain
tables (``tests/prefect3_tables.py``, which ``make oracle3`` checks against Prefect 3.9.1
on every run): a site (model, payload, path), then input, Prefect's verdict and the JSON
value its route sends.

Each case goes through ``prefect3.loads``, ``iter_loads``, ``structure`` and (for a
top-level field) the model's constructor; all must give Prefect's verdict and, when it
accepts, its value. No Prefect is needed to run these. Refusals of ours that Prefect
3.9.1 accepts are listed apart (``REFUSED``), with the README's reason.
"""

from __future__ import annotations

import json
import re
import time
import zoneinfo
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from responses import ValidationError, prefect3

from .prefect3_tables import (
    FLOW,
    INTERVAL,
    POLICIES,
    POOL,
    REFUSED,
    REJECT,
    RUN,
    SLUG,
    TABLES,
    TASK_RUN,
    Site,
    U,
    with_value,
)
from .test_prefect_verdicts import assert_verdict


def _cases() -> list[Any]:
    return [
        pytest.param(site, value, prefect, id=f"{name}-{index}")
        for name, (site, rows) in TABLES.items()
        for index, (value, prefect) in enumerate(rows)
    ]


@pytest.mark.parametrize(("site", "value", "prefect"), _cases())
def test_prefect_3_verdicts(site: Site, value: Any, prefect: Any) -> None:
    model, payload, path = site
    if prefect is SLUG:
        for result in _paths_of(model, with_value(payload, path, value), path).values():
            assert isinstance(result, str) and re.fullmatch(r"[a-z]+(?:-[a-z]+)+", result)
        return
    assert_verdict(model, with_value(payload, path, value), path, prefect, prefect3)


def _paths_of(model: str, payload: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    from .test_prefect_verdicts import _paths

    return _paths(model, payload, path, prefect3)


@pytest.mark.parametrize(("policy", "prefect"), POLICIES)
def test_policies_copy_deprecated_fields_before_reading(policy: Any, prefect: Any) -> None:
    payload = {**RUN, "empirical_policy": policy}
    results = _paths_of("FlowRunResponse", payload, ("empirical_policy",))
    results["constructor"] = _constructed(policy)
    for route, result in results.items():
        if prefect is REJECT:
            assert result is REJECT, route
        else:
            assert result is not REJECT, route
            assert {key: result[key] for key in prefect} == prefect, route


def _constructed(policy: dict[str, Any]) -> Any:
    try:
        made = prefect3.FlowRunPolicy(**policy)
    except ValidationError:
        return REJECT
    return prefect3.unstructure(made)


@pytest.mark.parametrize(("model", "payload", "path", "value"), REFUSED)
def test_listed_refusals(model: str, payload: Any, path: tuple[Any, ...], value: Any) -> None:
    results = _paths_of(model, with_value(payload, path, value), path)
    assert set(results.values()) == {REJECT}, results


# --- Python values ----------------------------------------------------------------------------


def test_python_dates_are_midnight_and_naive_datetimes_utc() -> None:
    run = prefect3.FlowRunResponse(flow_id=FLOW, start_time=date(2024, 11, 20))
    assert run.start_time == datetime(2024, 11, 20, tzinfo=UTC)
    worker = prefect3.WorkerResponse(
        name="w", work_pool_id=U, last_heartbeat_time=datetime(2024, 1, 1)
    )
    assert worker.last_heartbeat_time == datetime(2024, 1, 1)  # a plain field stays naive
    assert b'"last_heartbeat_time":"2024-01-01T00:00:00"' in prefect3.dumps(worker)


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("anchor", "zone"),
    [
        (datetime(2024, 10, 13, 6, 43, tzinfo=BERLIN), "Europe/Berlin"),
        (datetime(2024, 7, 22, 19, 17, tzinfo=NEW_YORK), "America/New_York"),
        (datetime(2024, 7, 22, 19, 17, tzinfo=timezone(timedelta(hours=5, minutes=45))), "UTC"),
        (datetime(2024, 7, 22, 19, 17), "UTC"),
        ("2024-07-22T19:17:00+02:00", "UTC"),
    ],
)  # fmt: skip
def test_the_anchor_zone_is_inferred_from_zoneinfo_keys(anchor: Any, zone: str) -> None:
    """Prefect 3.9's default_timezone reads a zoneinfo key (2.20's pendulum lost it)."""
    made = prefect3.IntervalSchedule(interval=3600, anchor_date=anchor)
    read = prefect3.structure({"interval": 3600, "anchor_date": anchor}, prefect3.IntervalSchedule)
    assert made.timezone == read.timezone == zone


def test_nulls_kept_as_prefect_3_keeps_them() -> None:
    """A null the table cannot show (REJECT is null there): kept where 3.9 keeps it."""
    rrule = prefect3.loads(b'{"rrule": "FREQ=DAILY", "timezone": null}', prefect3.RRuleSchedule)
    assert rrule.timezone is None and b'"timezone":null' in prefect3.dumps(rrule)
    assert prefect3.RRuleSchedule(rrule="FREQ=DAILY").timezone == "UTC"
    assert prefect3.RRuleSchedule(rrule="FREQ=DAILY", timezone=None).timezone is None
    task_run = prefect3.structure({**TASK_RUN, "labels": None}, prefect3.TaskRun)
    assert task_run.labels is None
    run = prefect3.structure({**RUN, "labels": None}, prefect3.FlowRunResponse)
    assert run.labels == {}


def test_a_null_anchor_is_refused() -> None:
    """Prefect 3.9's AnchorDate is not optional (2.20 read a null as now)."""
    payload = {**INTERVAL, "anchor_date": None}
    assert set(_paths_of("IntervalSchedule", payload, ("anchor_date",)).values()) == {REJECT}


def test_offsets_with_seconds_are_refused_in_python_values() -> None:
    moment = datetime(2026, 4, 9, 21, 22, 20, tzinfo=timezone(timedelta(seconds=1)))
    with pytest.raises(ValidationError, match="start_time"):
        prefect3.FlowRunResponse(flow_id=FLOW, start_time=moment)


def test_the_2_20_layer_keeps_its_own_verdicts() -> None:
    """The same inputs, read by responses (Prefect 2.20's rules), are not 3.9's."""
    import responses

    run = responses.loads(b'{"flow_id": "%s", "run_count": 7.9, "name": 5}' % FLOW.encode(),
                          responses.FlowRunResponse)  # fmt: skip
    assert (run.run_count, run.name) == (7, "5")
    with pytest.raises(ValidationError):
        prefect3.loads(b'{"flow_id": "%s", "name": 5}' % FLOW.encode(), prefect3.FlowRunResponse)
    assert responses.CronSchedule(cron="0 0 15W * *").cron == "0 0 15W * *"
    with pytest.raises(ValidationError, match="cron"):
        prefect3.CronSchedule(cron="0 0 15W * *")


def test_task_inputs_in_python_values() -> None:
    """Run inputs already read are kept (so a task run evolves); keys are strings UTF-8
    can carry, as in every other object field (else ``dumps`` failed on what was read)."""
    inputs = {"x": [prefect3.Parameter(name="a"), prefect3.TaskRunResult(id=U)]}
    made = prefect3.TaskRun(**TASK_RUN, id=FLOW, task_inputs=inputs)
    assert made.task_inputs == inputs
    read = prefect3.structure({**TASK_RUN, "id": FLOW, "task_inputs": inputs}, prefect3.TaskRun)
    assert read == made
    assert prefect3.loads(prefect3.dumps(made), prefect3.TaskRun) == made
    for keys in ({1: []}, {"\ud800": []}, {("x",): []}):
        with pytest.raises(ValidationError, match=r"\$\.task_inputs"):
            prefect3.structure({**TASK_RUN, "task_inputs": keys}, prefect3.TaskRun)
        with pytest.raises(ValidationError, match=r"\$\.task_inputs"):
            prefect3.TaskRun(**TASK_RUN, task_inputs=keys)


def test_a_pool_without_a_default_queue_id_is_refused() -> None:
    """Prefect 3.9.1 reads a missing ``default_queue_id`` as null, writes that null and
    refuses it on reading back (its validator refuses an explicit null): a listed
    refusal of ours, so that every pool read writes, reads back and evolves."""
    pool = {key: value for key, value in POOL.items() if key != "default_queue_id"}
    for payload in (pool, {**pool, "default_queue_id": None}):
        with pytest.raises(ValidationError, match=r"\$\.default_queue_id"):
            prefect3.structure(payload, prefect3.WorkPoolResponse)
        with pytest.raises(ValidationError, match=r"\$\.default_queue_id"):
            prefect3.loads(json.dumps(payload), prefect3.WorkPoolResponse)
    with pytest.raises(ValidationError, match=r"\$\.default_queue_id"):
        prefect3.WorkPoolResponse(**pool, default_queue_id=None)
    with pytest.raises(TypeError, match="default_queue_id"):  # as for any required field
        prefect3.WorkPoolResponse(**pool)
    read = prefect3.structure(POOL, prefect3.WorkPoolResponse)
    assert prefect3.loads(prefect3.dumps(read), prefect3.WorkPoolResponse) == read
    assert attrs.evolve(read) == read


def test_rrule_timezones_are_searched_in_linear_time_with_prefects_pattern() -> None:
    """Prefect's ``TimeZone`` pattern, 600 names in one alternation, tried each in turn
    at each position: a megabyte of ``"A"`` (a hundred names begin so) took about 7 s.
    Ours is the same alternatives as one trie: the same verdicts, a position at a time."""
    from responses.prefect3._shared import _timezones, _zone_pattern

    names = sorted(name for name in _timezones() if "localtime" not in name)
    prefects = re.compile("|".join(names))  # unescaped, as Prefect's: "GMT+0" is GM, T+, 0
    lookalikes = ["Etc/GMTTT+5", "Etc/GMTTT5", "GMTT0", "GMT+", "posix/UTC", "xUTCx", "Ameri"]
    for text in [*names, *lookalikes, *(name[1:-1] for name in names)]:
        assert (prefects.search(text) is None) == (_zone_pattern().search(text) is None), text
    for filler in ("A", "America/", "Etc/GM"):
        body = {"rrule": "FREQ=DAILY", "timezone": filler * (1_000_000 // len(filler))}
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            with pytest.raises(ValidationError, match=r"\$\.timezone"):
                prefect3.loads(json.dumps(body), prefect3.RRuleSchedule)
            best = min(best, time.perf_counter() - start)
        assert best < 1.0, (filler, best)
