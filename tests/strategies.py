"""Hypothesis strategies for every public model, derived from the attrs fields.

They cover the value space Prefect allows: every enum member and details variant,
optional fields null and set, datetimes in years 1 to 9999 with any offset from
-23:59 to +23:59 and any microsecond, negative and huge durations, unicode text
(control characters and astral planes included, surrogates excluded), deep and
wide free-form JSON.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any, Literal, get_args, get_origin
from uuid import UUID

import attrs
from hypothesis import strategies as st

import responses
from responses import _deployments, _scalars, _schedules, _types
from responses._typeinfo import class_info
from responses._typeinfo import is_model_union as _is_model_union
from responses._typeinfo import split_optional as _split_optional

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
INT64 = st.integers(-(2**63), 2**63 - 1)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
AWARE = st.datetimes(timezones=OFFSETS)
NAIVE = st.datetimes()
MICROSECOND_DURATIONS = st.integers(-(10**15), 10**15).map(lambda us: timedelta(microseconds=us))
WHOLE_SECOND_DURATIONS = st.integers(
    timedelta.min // timedelta(seconds=1) + 1, timedelta.max // timedelta(seconds=1)
).map(lambda s: timedelta(seconds=s))
DURATIONS = st.one_of(MICROSECOND_DURATIONS, WHOLE_SECOND_DURATIONS)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), INT64, FLOATS, TEXT)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=25,
)
CRONS = ["0 0 * * *", "*/5 * * * *", "15 2 1 * *", "@daily", "0 9 * JAN-MAR MON-FRI", "0 0 L * *"]
RRULES = [
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "DTSTART:20240101T090000\nRRULE:FREQ=HOURLY;COUNT=10",
]
TIMEZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin", ""]

_BY_HOOK: dict[Any, st.SearchStrategy[Any]] = {
    _scalars.structure_positive_int: st.integers(1, 2**63 - 1),
    _scalars.structure_non_negative_int: st.integers(0, 2**63 - 1),
    _scalars.structure_plain_datetime: st.one_of(NAIVE, AWARE),
    _scalars.structure_int: INT64,  # RetryDelay: what the wire holds is read as an int
    _types.structure_work_queue_name: st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/%&><"), max_size=12
    ),
    _types.structure_flow_run_name: TEXT.filter(bool),
    _types.structure_positive_timedelta: DURATIONS.filter(lambda d: d > timedelta(0)),
    _schedules.structure_timezone: st.sampled_from(TIMEZONES),
    _schedules.structure_cron: st.sampled_from(CRONS),
    _schedules.structure_rrule: st.sampled_from(RRULES),
    _deployments.structure_max_scheduled_runs: st.integers(1, 50),
}


def for_type(tp: Any) -> st.SearchStrategy[Any]:
    inner, optional = _split_optional(tp)
    base = _for(inner)
    return st.one_of(st.none(), base) if optional else base


def _for(tp: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if origin is Annotated:
        for marker in tp.__metadata__:
            if isinstance(marker, _types.StructureWith):
                return _BY_HOOK[marker.function]
    simple = {
        str: TEXT,
        int: INT64,
        float: FLOATS,
        bool: st.booleans(),
        UUID: st.uuids(),
        datetime: AWARE,
        timedelta: DURATIONS,
        Any: JSON,
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is dict:
        value = get_args(tp)[1]
        return st.dictionaries(TEXT, TEXT if value is str else JSON, max_size=4)
    if origin is list:
        return st.lists(_for(get_args(tp)[0]), max_size=3)
    if origin is frozenset:
        return st.frozensets(st.one_of(TEXT, INT64, st.booleans(), st.none()), max_size=3)
    if _is_model_union(tp):
        return st.one_of([model(m) for m in get_args(tp)])
    if attrs.has(tp):
        return model(tp)
    raise TypeError(f"no strategy for {tp!r}")


def model(cl: type) -> st.SearchStrategy[Any]:
    fields = {f.init_name: st.deferred(lambda t=f.type: for_type(t)) for f in class_info(cl).fields}
    strategy = st.builds(cl, **fields)
    if cl is responses.DeploymentResponse:
        # the two names of one value: build them equal, as any payload has them
        fields["infra_overrides"] = st.just(None)
        strategy = st.builds(cl, **fields).map(
            lambda d: attrs.evolve(d, infra_overrides=d.job_variables)
        )
    return strategy


MODELS = [getattr(responses, name) for name in responses.__all__]
MODELS = [m for m in MODELS if isinstance(m, type) and attrs.has(m)]


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (``()`` the value itself, ``("a", 0)`` ...)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += json_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += json_paths(item, (*prefix, index))
    return found
