"""The server's Python: what a Prefect 3.9 server on Python 3.13+ reads and writes otherwise.

Prefect 3.9 has pendulum up to Python 3.12 and the standard library with ``whenever``
from 3.13. There an interval schedule keeps an ISO 8601 interval as whenever's
``ItemizedDelta`` (written ``"P1D"``) and a naive anchor naive; on 3.11 and 3.12 both
become a duration in seconds and an anchor in UTC. ``make_converter(server_python=...)``
says which server a converter speaks for; the captures of both servers are in
test_prefect3_live.py.
"""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final

import attrs
import pytest

import responses
from responses import prefect3
from responses.prefect3 import ItemizedDelta

ROWS: list[list[Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "whenever-itemized-delta.json").read_bytes()
)
"""``[text, format_iso() or None if refused, sign()]`` as whenever 0.11.0's
``ItemizedDelta.parse_iso`` gave them (Prefect 3.9.1's on Python 3.13)."""

NEW = prefect3.make_converter(server_python="3.13")
OLD = prefect3.make_converter(server_python="3.12")


def test_itemized_deltas_read_and_write_as_whenever_does() -> None:
    assert len(ROWS) >= 400
    accepted = 0
    for text, written, sign in ROWS:
        if written is None:
            with pytest.raises(ValueError, match=r"ISO 8601 duration|out of range"):
                ItemizedDelta.parse_iso(text)
            continue
        delta = ItemizedDelta.parse_iso(text)
        assert (delta.format_iso(), delta.sign()) == (written, sign), text
        assert ItemizedDelta.parse_iso(written) == delta
        accepted += 1
    assert accepted >= 300


def test_itemized_delta_equality_is_whenevers() -> None:
    one_day = ItemizedDelta("P1D")
    assert one_day == ItemizedDelta("P1DT0H") == ItemizedDelta("p1d")
    assert hash(one_day) == hash(ItemizedDelta("P1DT0H"))
    assert one_day != ItemizedDelta("PT24H")  # items are kept, not normalised
    assert one_day != timedelta(days=1)
    assert ItemizedDelta("PT0S").sign() == 0 and ItemizedDelta("-P1M").sign() == -1
    assert ItemizedDelta("-P1W2D").items() == [("weeks", -1), ("days", -2)]
    assert repr(one_day) == "ItemizedDelta('P1D')" and str(one_day) == "P1D"
    assert pickle.loads(pickle.dumps(one_day)) == one_day


def test_itemized_delta_as_a_python_3_12_server_holds_it() -> None:
    # pydantic's reading of the same text (Prefect 3.9.1 on Python 3.11, recorded)
    seconds = {
        "P1D": 86400.0,
        "PT90M": 5400.0,
        "P1M": 2592000.0,
        "P1Y": 31536000.0,
        "P1W11DT4H1.000012S": 1569601.000012,
        "P1Y2M3W4DT5H6M7.5S": 38898367.5,
        "PT1.123456789S": 1.123457,
    }
    for text, value in seconds.items():
        assert ItemizedDelta(text).as_timedelta().total_seconds() == value, text


def _schedule(body: dict[str, Any], converter: prefect3.Prefect3Converter) -> Any:
    return converter.loads(json.dumps({"schedule": body}), prefect3.DeploymentSchedule).schedule


def test_a_python_3_13_server_keeps_iso_intervals_and_naive_anchors() -> None:
    body = {"interval": "P1D", "anchor_date": "2025-06-01T09:00:00", "timezone": "UTC"}
    new = _schedule(body, NEW)
    assert new.interval == ItemizedDelta("P1D")
    assert new.anchor_date == datetime(2025, 6, 1, 9)  # naive
    old = _schedule(body, OLD)
    assert old.interval == timedelta(days=1)
    assert old.anchor_date == datetime(2025, 6, 1, 9, tzinfo=UTC)
    # numbers and strings whenever does not read are durations on both
    for interval, value in [(1800.25, 1800.25), ("01:00:00", 3600.0), ("P1.5D", 129600.0)]:
        for converter in (NEW, OLD):
            read = _schedule({"interval": interval}, converter).interval
            assert read == timedelta(seconds=value), (interval, converter)
    offset = _schedule({"interval": 60, "anchor_date": "2025-06-01T09:00:00+05:45"}, NEW)
    assert offset.anchor_date.utcoffset() == timedelta(hours=5, minutes=45)


@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_each_converter_writes_what_its_server_writes(backend: str) -> None:
    pytest.importorskip(backend)
    body = b'{"interval":"P1M","anchor_date":"2025-06-01T09:00:00.250000","timezone":"UTC"}'
    schedule = NEW.loads(body, prefect3.IntervalSchedule)
    assert NEW.dumps(schedule, backend=backend) == body  # type: ignore[arg-type]
    # a 3.11/3.12 server holds a month as 30 days and a naive anchor as UTC
    assert OLD.dumps(schedule, backend=backend) == (  # type: ignore[arg-type]
        b'{"interval":2592000.0,"anchor_date":"2025-06-01T09:00:00.250000Z","timezone":"UTC"}'
    )
    assert prefect3.dumps(schedule, backend=backend) == OLD.dumps(schedule, backend=backend)  # type: ignore[arg-type]
    assert NEW.unstructure(schedule)["interval"] == "P1M"
    assert OLD.unstructure(schedule)["interval"] == 2592000.0


def test_bad_intervals_are_named_by_their_path() -> None:
    for interval in ("PT0S", "-P1D", "P0D"):
        with pytest.raises(prefect3.ValidationError, match=r"\$\.schedule\.interval: .*positive"):
            _schedule({"interval": interval}, NEW)
        with pytest.raises(prefect3.ValidationError, match=r"\$\.schedule\.interval: .*positive"):
            _schedule({"interval": interval}, OLD)
    with pytest.raises(prefect3.ValidationError, match=r"\$\.schedule\.anchor_date"):
        _schedule({"interval": 60, "anchor_date": "2025-13-01T00:00:00"}, NEW)
    with pytest.raises(prefect3.ValidationError, match=r"\$\.interval: .*positive"):
        prefect3.IntervalSchedule(interval=ItemizedDelta("PT0S"))


def test_constructors_keep_an_itemized_delta() -> None:
    schedule = prefect3.IntervalSchedule(interval=ItemizedDelta("PT90M"), timezone="UTC")
    assert schedule.interval == ItemizedDelta("PT90M")
    assert prefect3.IntervalSchedule(interval=60).interval == timedelta(minutes=1)
    assert b'"interval":"PT90M"' in NEW.dumps(schedule)
    assert b'"interval":5400.0' in OLD.dumps(schedule)


def test_the_setting_lives_on_the_converter() -> None:
    assert prefect3.converter.server_python == "3.12"
    assert NEW.server_python == "3.13" and "server_python='3.13'" in repr(NEW)
    for copied in (NEW.copy(), pickle.loads(pickle.dumps(NEW))):
        assert isinstance(copied, prefect3.Prefect3Converter)
        assert copied.server_python == "3.13"
        assert _schedule({"interval": "P1D"}, copied).interval == ItemizedDelta("P1D")
    older = NEW.copy(server_python="3.11")
    assert _schedule({"interval": "P1D"}, older).interval == timedelta(days=1)
    assert _schedule({"interval": "P1D"}, NEW).interval == ItemizedDelta("P1D")  # unchanged
    for wrong in ("3.10", "", 3.13):
        with pytest.raises(ValueError, match="server_python must be one of"):
            prefect3.make_converter(server_python=wrong)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="server_python must be one of"):
            NEW.copy(server_python=wrong)  # type: ignore[arg-type]


def test_the_2_20_layer_and_its_interval_schedule_are_untouched() -> None:
    schedule = responses.loads(
        b'{"interval": "P1D", "anchor_date": "2025-06-01T09:00:00"}', responses.IntervalSchedule
    )
    assert schedule.interval == timedelta(days=1)
    assert schedule.anchor_date.tzinfo is UTC
    assert not isinstance(schedule, prefect3.IntervalSchedule)
    moment = datetime(2025, 6, 1, tzinfo=timezone(timedelta(hours=2)))
    assert responses.IntervalSchedule(interval=60, anchor_date=moment).timezone == "UTC"
    assert prefect3.IntervalSchedule(interval=60, anchor_date=moment).timezone == "UTC"


def test_json_schema_of_the_interval() -> None:
    interval = prefect3.json_schema(prefect3.IntervalSchedule)["properties"]["interval"]
    assert interval["anyOf"] == [
        {"type": "number", "format": "time-delta"},
        {"type": "string", "format": "duration"},
    ]


# What Prefect 3.9.1's IntervalSchedule.model_validate (Python mode, as FastAPI reads a
# request) made of each value, written back with model_dump_json, on Python 3.11 and
# on 3.13 (recorded; None: refused). Anchors in ISO basic format, week dates and Unix
# times are left out: the anchor's grammar here is the aware-datetime one (pendulum's),
# not yet pydantic v2's plain datetime grammar.
VERDICTS: list[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]] = [
    ({"interval": "P1D"}, {"interval": 86400.0}, {"interval": "P1D"}),
    ({"interval": "P1.5D"}, {"interval": 129600.0}, {"interval": 129600.0}),
    ({"interval": "01:00:00"}, {"interval": 3600.0}, {"interval": 3600.0}),
    ({"interval": "PT90M"}, {"interval": 5400.0}, {"interval": "PT90M"}),
    ({"interval": "p1d"}, None, {"interval": "P1D"}),
    ({"interval": "PT1,5S"}, {"interval": 1.5}, {"interval": "PT1.5S"}),
    ({"interval": "P1M"}, {"interval": 2592000.0}, {"interval": "P1M"}),
    ({"interval": 86400}, {"interval": 86400.0}, {"interval": 86400.0}),
    ({"interval": 1800.25}, {"interval": 1800.25}, {"interval": 1800.25}),
    ({"interval": "1800"}, None, None),
    ({"interval": "1 day, 2:00:00"}, {"interval": 93600.0}, {"interval": 93600.0}),
    ({"interval": "P0D"}, None, None),
    ({"interval": "PT0S"}, None, None),
    ({"interval": "-P1D"}, None, None),
    ({"interval": "+P1D"}, {"interval": 86400.0}, {"interval": "P1D"}),
    ({"interval": "P10000Y"}, {"interval": 315360000000.0}, {"interval": 315360000000.0}),
    ({"interval": "1d"}, {"interval": 86400.0}, {"interval": 86400.0}),
    ({"interval": True}, {"interval": 1.0}, {"interval": 1.0}),
    ({"interval": "PT0.0000001S"}, None, {"interval": "PT0.0000001S"}),
    (
        {"interval": 60, "anchor_date": "2025-06-01T09:00:00"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01T09:00:00.250000"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00.250000Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00.250000"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01"},
        {"interval": 60.0, "anchor_date": "2025-06-01T00:00:00Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T00:00:00"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01T09:00"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01 09:00:00"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01T09:00:00+00:00"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00Z"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00Z"},
    ),
    (
        {"interval": 60, "anchor_date": "2025-06-01T09:00:00-03:30"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00-03:30"},
        {"interval": 60.0, "anchor_date": "2025-06-01T09:00:00-03:30"},
    ),
]


# Listed refusals (README, "Reading: Prefect 3.9's verdicts"): Prefect 3.9.1 accepts these,
# we refuse them clearly. Durations beyond 104,000 days: Prefect's writer rounds them.
# ISO intervals a 3.11/3.12 server could not hold (0 seconds there): a converter for it
# would write what no converter reads back.
LISTED_REFUSALS: Final = ({"interval": "P10000Y"}, {"interval": "PT0.0000001S"})


@pytest.mark.parametrize(("given", "on_311", "on_313"), VERDICTS)
def test_intervals_and_anchors_read_as_prefect_reads_them(
    given: dict[str, Any], on_311: dict[str, Any] | None, on_313: dict[str, Any] | None
) -> None:
    if given in LISTED_REFUSALS:
        on_311 = on_313 = None
    for converter, want in ((OLD, on_311), (NEW, on_313)):
        try:
            written = converter.unstructure(converter.structure(given, prefect3.IntervalSchedule))
        except prefect3.ValidationError:
            assert want is None, (converter.server_python, given)
            continue
        assert want is not None, (converter.server_python, given)
        assert {key: written[key] for key in want} == want, converter.server_python


def test_intervals_a_python_3_12_server_could_not_hold_are_refused() -> None:
    """Whatever a converter for either server (or a constructor) accepts, one for a
    3.11/3.12 server writes as a duration it reads back: an ISO interval that is zero
    seconds there, or beyond 104,000 days, is refused on every path."""
    for text in ("PT0.0000001S", "P290Y", "P9999Y", "PT87000000H"):
        with pytest.raises(prefect3.ValidationError, match=r"\$\.schedule\.interval: .*3\.12"):
            _schedule({"interval": text}, NEW)
        for converter in (NEW, OLD):
            with pytest.raises(prefect3.ValidationError, match=r"\$\.interval"):
                converter.structure({"interval": ItemizedDelta(text)}, prefect3.IntervalSchedule)
        with pytest.raises(prefect3.ValidationError, match=r"\$\.interval"):
            prefect3.IntervalSchedule(interval=ItemizedDelta(text))
    for text in ("PT0.000001S", "P284Y"):  # near the bounds: 1 microsecond, 103,660 days
        for converter in (NEW, OLD):
            schedule = converter.loads(converter.dumps(_schedule({"interval": text}, NEW)),
                                       prefect3.IntervalSchedule)  # fmt: skip
            assert converter.loads(converter.dumps(schedule), prefect3.IntervalSchedule) == schedule


def test_schedules_read_for_python_3_13_evolve_unchanged() -> None:
    """Constructors (so attrs.evolve) serve both servers' objects: a naive anchor and an
    ISO interval are kept, as a 3.11/3.12 converter's structure() does not."""
    body = {"interval": "P1D", "anchor_date": "2025-06-01T09:00:00", "timezone": "UTC"}
    new = _schedule(body, NEW)
    assert attrs.evolve(new) == new and attrs.evolve(new).anchor_date.tzinfo is None
    assert NEW.dumps(attrs.evolve(new, timezone="Europe/Berlin")) == (
        b'{"interval":"P1D","anchor_date":"2025-06-01T09:00:00","timezone":"Europe/Berlin"}'
    )
    naive = datetime(2025, 6, 1, 9)
    made = prefect3.IntervalSchedule(interval=60, anchor_date=naive)
    assert made.anchor_date == naive  # kept; a 3.11/3.12 converter writes it as UTC
    assert b'"anchor_date":"2025-06-01T09:00:00Z"' in OLD.dumps(made)
    assert OLD.structure({"interval": 60, "anchor_date": naive}, prefect3.IntervalSchedule) == (
        prefect3.IntervalSchedule(interval=60, anchor_date=naive.replace(tzinfo=UTC))
    )
    text = prefect3.IntervalSchedule(interval=60, anchor_date="2025-06-01T09:00:00")
    assert text.anchor_date == naive.replace(tzinfo=UTC)  # text: as before, naive is UTC


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_prefect3_converters_pickle_as_the_2_20_ones_do(protocol: int) -> None:
    """Only registrations made after construction are recorded (the class's own datetime
    writer was replayed on every restore, one more each round trip); the default
    converter pickles as a reference to the module global, as ``responses.converter``."""
    assert NEW._registrations == [] and prefect3.make_converter()._registrations == []
    restored = NEW
    for _ in range(3):
        restored = pickle.loads(pickle.dumps(restored, protocol))
    assert restored._registrations == [] and restored.server_python == "3.13"
    assert restored.copy(server_python="3.11")._registrations == []
    data = pickle.dumps(prefect3.converter, protocol)
    assert pickle.loads(data) is prefect3.converter and len(data) < 100
    older = pickle.loads(pickle.dumps(NEW.copy(server_python="3.11"), protocol))
    assert older.server_python == "3.11" and older is not prefect3.converter
