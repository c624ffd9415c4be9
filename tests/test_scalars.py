"""Scalar input rules: what Prefect accepts we accept with the same value, or reject."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from responses._scalars import (
    InvalidValue,
    _parse_duration,
    structure_bool,
    structure_datetime,
    structure_dict_any,
    structure_float,
    structure_int,
    structure_plain_datetime,
    structure_str,
    structure_str_list,
    structure_timedelta,
    structure_uuid,
)

U = UUID("00000000-0000-4000-8000-000000000002")


@pytest.mark.parametrize(
    "text",
    [
        "00000000-0000-4000-8000-000000000002",
        "00000000000040008000000000000002",
        "{00000000-0000-4000-8000-000000000002}",
        "urn:uuid:00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000002".upper(),
    ],
)
def test_uuid_spellings(text: str) -> None:
    assert structure_uuid(text) == U
    assert str(structure_uuid(text)) == str(U)


@pytest.mark.parametrize(
    "value",
    ["", "not-a-uuid", "00000000-0000-4000-8000-00000000000Z", "URN:UUID:" + str(U), 12, None],
)
def test_uuid_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_uuid(value)


@given(st.uuids())
def test_uuid_fast_path_equals_uuid(value: UUID) -> None:
    parsed = structure_uuid(str(value))
    assert parsed == value
    assert parsed.int == value.int
    assert str(parsed) == str(value)
    assert hash(parsed) == hash(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T05:30:00+05:30", "2024-05-01T05:30:00+05:30"),
        ("2024-05-01T00:00:00", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01T00:00:00Z", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01T00:00:00-00:00", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01 12:30:00+02:00", "2024-05-01T12:30:00+02:00"),
        ("20240501T000000Z", "2024-05-01T00:00:00+00:00"),
        ("2024-W18-3", "2024-05-01T00:00:00+00:00"),
        ("2024-122", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01T00:00:00.1234567+00:00", "2024-05-01T00:00:00.123456+00:00"),
        ("2024-05-01T00:00:00.000001+13:45", "2024-05-01T00:00:00.000001+13:45"),
    ],
)
def test_datetime_accepts(text: str, expected: str) -> None:
    assert structure_datetime(text).isoformat() == expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-01T23:59:60+00:00",
        "2023-02-29T00:00:00+00:00",
        "2024-05-01T00:00:00+05:30:15",
        "2024-05-01T00:00:00 Europe/Berlin",
        "05/01/2024",
        "0000-01-01T00:00:00+00:00",
        "10000-01-01T00:00:00+00:00",
        "",
        "now",
        "12:30",
        "2024-05-01T24:00:00+00:00",
        "2024-05-01X00:00:00",
        1714521600,
        None,
    ],
)
def test_datetime_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_datetime(value)


def test_datetime_objects_become_fixed_offsets() -> None:
    from zoneinfo import ZoneInfo

    moment = datetime(2024, 7, 1, 12, tzinfo=ZoneInfo("America/New_York"))
    assert structure_datetime(moment).isoformat() == "2024-07-01T12:00:00-04:00"
    assert structure_datetime(datetime(2024, 7, 1)).tzinfo is UTC


def test_plain_datetime_keeps_naive() -> None:
    assert structure_plain_datetime("2024-01-01T00:00:00").isoformat() == "2024-01-01T00:00:00"
    assert structure_plain_datetime("2024-01-01T00:00:00Z").isoformat() == (
        "2024-01-01T00:00:00+00:00"
    )


@given(
    st.datetimes(
        timezones=st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
            lambda m: timezone(timedelta(minutes=m))
        )
    )
)
def test_datetime_round_trips_through_isoformat(moment: datetime) -> None:
    assert structure_datetime(moment.isoformat()) == moment
    assert structure_datetime(moment.isoformat()).isoformat() == moment.isoformat()


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (3600, 3600.0),
        (-5, -5.0),
        (1.5, 1.5),
        (True, 1.0),
        ("3600", 3600.0),
        ("01:30:00", 5400.0),
        ("1 day, 01:00:00", 90000.0),
        ("-1 day, 23:00:00", -3600.0),
        ("PT1H", 3600.0),
        ("PT1H30M", 5400.0),
        ("-PT1H", -3600.0),
        ("P1DT2S", 86402.0),
    ],
)
def test_timedelta_accepts(value: Any, seconds: float) -> None:
    assert structure_timedelta(value).total_seconds() == seconds


@pytest.mark.parametrize("value", ["soon", "P1Y", "P1M", 1e20, float("nan"), None, [], "NaN"])
def test_timedelta_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_timedelta(value)


@given(st.floats(min_value=-8.6e13, max_value=8.6e13, allow_nan=False))
def test_timedelta_fast_path_matches_pydantic_spelling(seconds: float) -> None:
    # pydantic v1 formats numbers with f"{v:f}" and parses the text; we do not.
    assert structure_timedelta(seconds) == _parse_duration(f"{seconds:f}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12),
        ("12", 12),
        (" 12 ", 12),
        ("-3", -3),
        (7.9, 7),
        (-7.9, -7),
        (True, 1),
        (2**70, 2**70),
    ],
)
def test_int_accepts(value: Any, expected: int) -> None:
    assert structure_int(value) == expected


@pytest.mark.parametrize("value", ["many", "5.0", "1e3", [], None, {}, float("inf"), "", "0x10"])
def test_int_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_int(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("no", False),
        ("TRUE", True),
        ("off", False),
        (1, True),
        (0, False),
        ("t", True),
        ("f", False),
    ],
)
def test_bool_accepts(value: Any, expected: bool) -> None:
    assert structure_bool(value) is expected


@pytest.mark.parametrize("value", [2, None, "maybe", "", [], -1])
def test_bool_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_bool(value)


@pytest.mark.parametrize(
    ("value", "expected"), [("a", "a"), (123, "123"), (True, "True"), (1.5, "1.5")]
)
def test_str_accepts(value: Any, expected: str) -> None:
    assert structure_str(value) == expected


@pytest.mark.parametrize("value", [None, [], {}, float("nan")])
def test_str_rejects(value: Any) -> None:
    with pytest.raises(InvalidValue):
        structure_str(value)


def test_str_list_never_splits_a_string() -> None:
    with pytest.raises(InvalidValue):
        structure_str_list("abc")
    assert structure_str_list([1, 2.5, True]) == ["1", "2.5", "True"]


def test_float_rules() -> None:
    assert structure_float(1) == 1.0
    assert structure_float("2.5") == 2.5
    for bad in ("nan", "inf", None, "x", float("inf"), 10**400, "1e400"):
        with pytest.raises(InvalidValue):
            structure_float(bad)


def test_dict_rules() -> None:
    payload = {"a": 1}
    assert structure_dict_any(payload) is payload
    assert structure_dict_any([]) == {}
    for bad in ("ab", ["ab"], [["a", 1]], None, 3):
        with pytest.raises(InvalidValue):
            structure_dict_any(bad)


@pytest.mark.parametrize(
    "spelling",
    [
        "+2345678-1234-1234-1234-123456789abc",  # int(..., 16) takes the sign
        "1234_678-1234-1234-1234-123456789abc",  # and underscores
        " 2345678-1234-1234-1234-123456789abc",  # and spaces
    ],
)
def test_a_spelling_only_2_20_accepts_is_not_shared_through_the_uuid_cache(
    spelling: str,
) -> None:
    # The UUID cache is shared by both layers' rules and read first by Prefect 3.9's:
    # it must hold only spellings every rule accepts.
    import responses
    from responses import prefect3

    assert isinstance(responses.structure(spelling, UUID), UUID)
    with pytest.raises(ValueError, match="expected a UUID"):
        prefect3.structure(spelling, UUID)
    with pytest.raises(responses.ValidationError, match="expected a UUID"):
        prefect3.structure(
            {"id": spelling, "tag": "t", "concurrency_limit": 1}, prefect3.ConcurrencyLimit
        )
