"""Prefect 3.9's versions of the models whose wire it shares with Prefect 2.20.

Each is a subclass of the 2.20 layer's class: the same fields, wire and behaviour,
but a class of this layer, so that its constructor checks
its fields with Prefect 3.9's rules (pydantic v2's scalars, see
:data:`responses._rules.RULES_V2`) as ``prefect3.structure`` does. Where Prefect 3.9's
own validators differ, the class body says so here: schedules' intervals, timezones
and cron strings, a flow run policy's deprecated fields and pause keys.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Annotated, Any, ClassVar

import attrs

from .. import _actors, _concurrency, _details, _flow_runs, _history, _schedules, _work_queues
from .._deltas import ItemizedDelta
from .._scalars import (
    EMPTY_FROZENSET,
    InvalidValue,
    structure_frozenset,
    structure_v2_datetime,
    structure_v2_duration,
    structure_v2_plain_datetime,
    structure_v2_str,
)
from .._states import utc_now
from .._types import ByServerPython, StructureWith, checked, pre_structure_on_init

__all__ = [
    "CreatedBy",
    "CronSchedule",
    "FlowRunPolicy",
    "GlobalConcurrencyLimitResponse",
    "HistoryResponse",
    "HistoryResponseState",
    "IntervalSchedule",
    "QueueFilter",
    "RRuleSchedule",
    "Schedule",
    "StateAbortDetails",
    "StateAcceptDetails",
    "StateRejectDetails",
    "StateResponseDetails",
    "StateWaitDetails",
    "UpdatedBy",
    "WorkQueueHealthPolicy",
    "WorkQueueStatusDetail",
    "deprecated_policy_fields",
    "wire_of",
]


def wire_of(base: type) -> tuple[str, ...]:
    """A 2.20 model's fields in Prefect's order: its subclass here sends them so too
    (a field retyped in the subclass would otherwise come last)."""
    order: tuple[str, ...] | None = base.__dict__.get("__wire_order__")
    return order or tuple(field.name for field in attrs.fields(base))


# Each class below is the 2.20 class with nothing but its layer changed, unless its body
# says otherwise: Prefect 3.9's rules apply because the class lives in this package.


@attrs.frozen(kw_only=True, field_transformer=checked)
class CreatedBy(_actors.CreatedBy):
    __doc__ = _actors.CreatedBy.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_actors.CreatedBy)


@attrs.frozen(kw_only=True, field_transformer=checked)
class UpdatedBy(_actors.UpdatedBy):
    __doc__ = _actors.UpdatedBy.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_actors.UpdatedBy)


@attrs.frozen(kw_only=True, field_transformer=checked)
class GlobalConcurrencyLimitResponse(_concurrency.GlobalConcurrencyLimitResponse):
    __doc__ = _concurrency.GlobalConcurrencyLimitResponse.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_concurrency.GlobalConcurrencyLimitResponse)


@attrs.frozen(kw_only=True, field_transformer=checked)
class HistoryResponseState(_history.HistoryResponseState):
    __doc__ = _history.HistoryResponseState.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_history.HistoryResponseState)


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class HistoryResponse(_history.HistoryResponse):
    __doc__ = _history.HistoryResponse.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_history.HistoryResponse)

    states: list[HistoryResponseState]  # type: ignore[assignment]


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class QueueFilter(_work_queues.QueueFilter):
    __doc__ = _work_queues.QueueFilter.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_work_queues.QueueFilter)


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkQueueHealthPolicy(_work_queues.WorkQueueHealthPolicy):
    __doc__ = _work_queues.WorkQueueHealthPolicy.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_work_queues.WorkQueueHealthPolicy)


@attrs.frozen(kw_only=True, field_transformer=checked)
class WorkQueueStatusDetail(_work_queues.WorkQueueStatusDetail):
    __doc__ = _work_queues.WorkQueueStatusDetail.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_work_queues.WorkQueueStatusDetail)

    health_check_policy: WorkQueueHealthPolicy


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateAcceptDetails(_details.StateAcceptDetails):
    __doc__ = _details.StateAcceptDetails.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_details.StateAcceptDetails)


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateRejectDetails(_details.StateRejectDetails):
    __doc__ = _details.StateRejectDetails.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_details.StateRejectDetails)


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateAbortDetails(_details.StateAbortDetails):
    __doc__ = _details.StateAbortDetails.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_details.StateAbortDetails)


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateWaitDetails(_details.StateWaitDetails):
    __doc__ = _details.StateWaitDetails.__doc__
    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_details.StateWaitDetails)


StateResponseDetails = (
    StateAcceptDetails | StateWaitDetails | StateRejectDetails | StateAbortDetails
)
"""The details of an orchestration result, told apart by ``type``."""


# --- flow run policy -----------------------------------------------------------------------


def deprecated_policy_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Prefect 3.9's ``set_run_policy_deprecated_fields``, on the raw values before they
    are read: ``retry_delay_seconds`` copied as it is into ``retry_delay`` (an int, so
    ``1.5`` is then refused)."""
    if not values.get("retries") and values.get("max_retries", 0) != 0:
        values = {**values, "retries": values["max_retries"]}
    if not values.get("retry_delay") and values.get("retry_delay_seconds", 0) != 0:
        values = {**values, "retry_delay": values["retry_delay_seconds"]}
    return values


def structure_pause_keys(value: Any, _: Any = None) -> frozenset[Any]:
    """Prefect 3.9's ``pause_keys``, a ``set[str]``: pydantic v2's strings only."""
    if isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            try:
                structure_v2_str(item)
            except InvalidValue as exc:
                raise InvalidValue(f"item {index}: {exc}") from None
    return structure_frozenset(value)


PauseKeys = Annotated[
    frozenset[Any], StructureWith(structure_pause_keys, {"type": "array", "uniqueItems": True})
]


@pre_structure_on_init
@attrs.frozen(kw_only=True, field_transformer=checked)
class FlowRunPolicy(_flow_runs.FlowRunPolicy):
    """How a flow run retries and pauses (Prefect 3.9: ``retry_delay`` an int,
    ``pause_keys`` strings; the deprecated fields copied as given into ``retries`` and
    ``retry_delay`` when those are unset, before they are read, so a copied ``1.5`` is
    refused)."""

    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_flow_runs.FlowRunPolicy)

    retry_delay: int | None = None
    pause_keys: PauseKeys | None = attrs.field(factory=lambda: EMPTY_FROZENSET)

    @staticmethod
    def _pre_structure(values: dict[str, Any]) -> dict[str, Any]:
        return deprecated_policy_fields(values)

    def __attrs_post_init__(self) -> None:
        """Nothing: the deprecated fields were copied before reading."""


# --- schedules -------------------------------------------------------------------------------


@cache
def _timezones() -> frozenset[str]:
    """Prefect 3.9's ``get_timezones()``: the system's tzdata names, all of them."""
    return frozenset(zoneinfo.available_timezones())


def structure_timezone(value: Any, _: Any = None) -> str:
    """Prefect 3.9's ``default_timezone`` check (interval and cron schedules): a tzdata
    name, or the empty string."""
    name = structure_v2_str(value)
    if name and name not in _timezones():
        raise InvalidValue(
            f"invalid timezone {name!r}: use an IANA tzdata name such as 'America/New_York'"
        )
    return name


@cache
def _zone_pattern() -> re.Pattern[str]:
    """Prefect's pattern, ``"|".join(names)`` (unescaped: ``Etc/GMT+1`` is ``GM`` then
    ``T+`` then ``1``), as one trie of the same alternatives: the same strings match,
    but a position costs the length of a name, not a try of each of the 600 names
    (a megabyte of ``"A"`` took seconds)."""
    trie: dict[str, Any] = {}
    for name in _timezones():
        if "localtime" not in name:
            node = trie
            for atom in re.findall(r".\+?", name):  # a character, with a following +
                node = node.setdefault(atom, {})
            node[""] = {}  # a name ends here

    def alternatives(node: dict[str, Any]) -> str:
        parts = [
            re.escape(atom[0]) + atom[1:] + alternatives(child) if atom else ""
            for atom, child in sorted(node.items())
        ]
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"

    return re.compile(alternatives(trie))


def structure_rrule_timezone(value: Any, _: Any = None) -> str:
    """Prefect 3.9's ``TimeZone`` (RRULE schedules): pydantic's ``pattern``, the tzdata
    names but ``localtime`` as alternatives, searched (not matched) in the string: any
    string holding a zone name passes (``"posix/UTC"``)."""
    name = structure_v2_str(value)
    if _zone_pattern().search(name) is None:
        raise InvalidValue(f"invalid timezone {name!r}: expected a string holding an IANA name")
    return name


def structure_cron(value: Any, _: Any = None) -> str:
    """A cron string as Prefect 3.9's vendored croniter takes it: the 2.20 grammar
    (:func:`responses._schedules.structure_cron`) without ``W`` days (``15W``, ``LW``)."""
    cron = structure_v2_str(value)
    fields = cron.split()
    if len(fields) == 5 and "W" in fields[2].upper():
        raise InvalidValue(f"invalid cron string {cron!r}")
    return _schedules.structure_cron(cron)


def structure_duration_interval(value: Any, _: Any = None) -> timedelta:
    """Prefect 3.9's ``PositiveInterval``: a duration in pydantic v2's grammar, longer
    than zero and within 104,000 days (:func:`responses._scalars.structure_v2_duration`)."""
    duration = structure_v2_duration(value)
    if duration <= timedelta(0):
        raise InvalidValue(f"expected a positive duration, got {duration.total_seconds()} seconds")
    return duration


def _positive(delta: ItemizedDelta) -> ItemizedDelta:
    """A positive :class:`ItemizedDelta` that a server on Python 3.12 or older holds as a
    positive duration within 104,000 days (what a 3.11/3.12 converter, the default one,
    writes for it): not ``"PT0.0000001S"`` (0 seconds there) or ``"P290Y"``."""
    text = delta.format_iso()
    if delta.sign() <= 0:
        raise InvalidValue(f"expected a positive interval, got {text!r}")
    try:
        structure_duration_interval(text)
    except InvalidValue as exc:
        raise InvalidValue(
            f"interval {text!r} cannot be written for a server on Python 3.12 ({exc})"
        ) from None
    return delta


def structure_interval(value: Any, _: Any = None) -> timedelta | ItemizedDelta:
    """An interval: an :class:`ItemizedDelta` kept as it is (if positive), anything else
    a :func:`positive duration <structure_duration_interval>`."""
    if value.__class__ is ItemizedDelta:
        return _positive(value)
    return structure_duration_interval(value)


def structure_interval_stdlib(value: Any, _: Any = None) -> timedelta | ItemizedDelta:
    """An interval as Prefect 3.9 reads it on Python 3.13+ (``timedelta |
    whenever.ItemizedDelta``, pydantic's smart union in Python mode, as FastAPI and
    Prefect's client validate): an ISO 8601 string whenever reads is an
    :class:`ItemizedDelta`, numbers and other strings (``"01:00:00"``) durations."""
    if isinstance(value, str):
        try:
            delta = ItemizedDelta.parse_iso(value)
        except ValueError:
            pass  # the union's other member
        else:
            return _positive(delta)
    return structure_interval(value)


def interval_with_pendulum(value: timedelta | ItemizedDelta) -> timedelta:
    """The interval a server on Python 3.12 or older holds: a duration (an
    :class:`ItemizedDelta` as pydantic reads its text: a month is 30 days)."""
    return value.as_timedelta() if value.__class__ is ItemizedDelta else value  # type: ignore[return-value]


def structure_anchor(value: Any, _: Any = None) -> datetime:
    """An anchor as constructors read it (they serve both servers, as for an
    :class:`ItemizedDelta`): a naive ``datetime`` object kept naive, so that a schedule
    read from a Python 3.13+ server evolves unchanged; anything else as an aware
    datetime (:func:`responses._scalars.structure_v2_datetime`: naive text is UTC)."""
    if value.__class__ is datetime and value.tzinfo is None:
        return structure_v2_plain_datetime(value)
    return structure_v2_datetime(value)


def anchor_with_pendulum(value: datetime) -> datetime:
    """The anchor a server on Python 3.12 or older holds: a naive one is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


Interval = Annotated[
    timedelta | ItemizedDelta,
    StructureWith(structure_interval),
    ByServerPython(
        pendulum=(None, interval_with_pendulum), stdlib=(structure_interval_stdlib, None)
    ),
]
"""``IntervalSchedule.interval``: a positive duration; on Python 3.13+ servers also an
ISO 8601 duration kept item by item."""

AnchorDate = Annotated[
    datetime,
    StructureWith(structure_anchor),
    ByServerPython(
        pendulum=(structure_v2_datetime, anchor_with_pendulum),
        stdlib=(structure_v2_plain_datetime, None),
    ),
]
"""``IntervalSchedule.anchor_date``: aware (naive is UTC); on Python 3.13+ servers a
naive anchor stays naive. Constructors keep a naive ``datetime`` object naive (a
3.11/3.12 converter writes it as UTC)."""
Timezone = Annotated[str, StructureWith(structure_timezone)]
RRuleTimezone = Annotated[str, StructureWith(structure_rrule_timezone)]
Cron = Annotated[str, StructureWith(structure_cron)]


def _zone_name(anchor: Any) -> str:
    """The timezone Prefect 3.9 infers from an anchor (``default_timezone``): a
    ``zoneinfo`` key or a pendulum or pytz zone's name, when it is a tzdata name; else
    ``"UTC"`` (fixed offsets, naive anchors, strings)."""
    zone = getattr(anchor, "tzinfo", None)
    name: Any = None
    if isinstance(zone, zoneinfo.ZoneInfo):
        name = zone.key
    elif hasattr(zone, "localize"):  # pytz
        name = getattr(zone, "zone", None)
    elif type(zone).__module__.startswith("pendulum."):
        name = getattr(zone, "name", None)
    return name if isinstance(name, str) and name in _timezones() else "UTC"


@pre_structure_on_init
@attrs.frozen(kw_only=True, field_transformer=checked)
class IntervalSchedule(_schedules.IntervalSchedule):
    """Runs every ``interval`` counted from ``anchor_date`` (Prefect 3.9: a null anchor
    is refused; a missing timezone is inferred from a ``zoneinfo``, pendulum or pytz
    zone's name, see :func:`_zone_name`).

    On a server on Python 3.13+ (``make_converter(server_python="3.13")``) the interval
    may be an :class:`~responses.prefect3.ItemizedDelta` (``"P1D"`` on the wire) and the
    anchor naive; on Python 3.11 and 3.12 (the default) a duration and an aware anchor.
    """

    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_schedules.IntervalSchedule)

    interval: Interval  # type: ignore[assignment]
    anchor_date: AnchorDate = attrs.field(factory=utc_now)
    timezone: Timezone | None = None

    _null_anchor_is_now: ClassVar[bool] = False
    _zone_of: ClassVar[Callable[[Any], str]] = staticmethod(_zone_name)


@attrs.frozen(kw_only=True, field_transformer=checked)
class CronSchedule(_schedules.CronSchedule):
    """Runs on a cron schedule, in ``timezone`` (Prefect 3.9's croniter: no ``W``)."""

    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_schedules.CronSchedule)

    cron: Cron
    timezone: Timezone | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class RRuleSchedule(_schedules.RRuleSchedule):
    """Runs on an RFC 5545 recurrence rule, in ``timezone`` (Prefect 3.9: ``"UTC"``
    when missing, a null kept, any string holding a zone name)."""

    __wire_order__: ClassVar[tuple[str, ...]] = wire_of(_schedules.RRuleSchedule)

    timezone: RRuleTimezone | None = "UTC"

    def __attrs_post_init__(self) -> None:
        """Nothing: a null timezone stays null in Prefect 3.9."""


Schedule = IntervalSchedule | CronSchedule | RRuleSchedule
"""A deployment's schedule: told apart by ``interval``, ``cron`` or ``rrule``."""
