"""Prefect 3.9's versions of the models whose wire it shares with Prefect 2.20.

Each is a subclass of the 2.20 layer's class, made by :func:`for_prefect3`: the same
fields, wire and behaviour, but a class of this layer, so that its constructor checks
its fields with Prefect 3.9's rules (pydantic v2's scalars, see
:data:`responses._rules.RULES_V2`) as ``prefect3.structure`` does. Where Prefect 3.9's
own validators differ, the field or the class says so here: schedules' timezones and
cron strings, a flow run policy's deprecated fields, work-pool-free names.
"""

from __future__ import annotations

import inspect
import re
import zoneinfo
from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import cache
from typing import Annotated, Any, Final, TypeVar

import attrs

from .. import _actors, _concurrency, _details, _flow_runs, _history, _schedules, _work_queues
from .._scalars import (
    InvalidValue,
    structure_frozenset,
    structure_v2_duration,
    structure_v2_str,
)
from .._types import StructureWith, checked

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
    "for_prefect3",
]

C = TypeVar("C", bound=type)


def for_prefect3(
    cls: C,
    retype: Mapping[str, Any] | None = None,
    namespace: Mapping[str, Any] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> C:
    """``cls`` (a 2.20 model) as a model of this layer: a subclass with the same fields
    in the same wire order, checked by Prefect 3.9's rules; ``retype`` gives fields a
    type of this layer (another model, a 3.9 validator), ``defaults`` Prefect 3.9's
    defaults where they differ, ``namespace`` overrides methods."""
    fields = attrs.fields_dict(cls)
    ns: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
        "__wire_order__": cls.__dict__.get("__wire_order__") or tuple(fields),
        "__annotations__": dict(retype or {}),
        **(namespace or {}),
    }
    for name in retype or {}:
        field = fields[name]
        default: Any = (defaults or {}).get(name, field.default)
        ns[name] = attrs.field(default=default, eq=field.eq, metadata=dict(field.metadata))
    subclass = type(cls.__name__, (cls,), ns)
    unhashable = cls.__hash__ is None  # type: ignore[comparison-overlap]
    return attrs.frozen(  # type: ignore[no-any-return]
        kw_only=True, unsafe_hash=False if unhashable else None, field_transformer=checked
    )(subclass)


# --- actors, limits, history, queue health, details: Prefect 3.9's scalars only ---------

CreatedBy = for_prefect3(_actors.CreatedBy)
UpdatedBy = for_prefect3(_actors.UpdatedBy)
GlobalConcurrencyLimitResponse = for_prefect3(_concurrency.GlobalConcurrencyLimitResponse)
HistoryResponseState = for_prefect3(_history.HistoryResponseState)
HistoryResponse = for_prefect3(
    _history.HistoryResponse, {"states": list[HistoryResponseState]}  # type: ignore[valid-type]
)
QueueFilter = for_prefect3(_work_queues.QueueFilter)
WorkQueueHealthPolicy = for_prefect3(_work_queues.WorkQueueHealthPolicy)
WorkQueueStatusDetail = for_prefect3(
    _work_queues.WorkQueueStatusDetail,
    {"health_check_policy": WorkQueueHealthPolicy},
)
StateAcceptDetails = for_prefect3(_details.StateAcceptDetails)
StateRejectDetails = for_prefect3(_details.StateRejectDetails)
StateAbortDetails = for_prefect3(_details.StateAbortDetails)
StateWaitDetails = for_prefect3(_details.StateWaitDetails)
StateResponseDetails = (
    StateAcceptDetails | StateWaitDetails | StateRejectDetails | StateAbortDetails  # type: ignore[valid-type]
)


# --- flow run policy -----------------------------------------------------------------------


def deprecated_policy_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Prefect 3.9's ``set_run_policy_deprecated_fields``, on the raw values before they
    are read: ``retry_delay_seconds`` copied as it is into ``retry_delay`` (an int, so
    ``1.5`` is then refused)."""
    if not values.get("retries", None) and values.get("max_retries", 0) != 0:
        values = {**values, "retries": values["max_retries"]}
    if not values.get("retry_delay", None) and values.get("retry_delay_seconds", 0) != 0:
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


def _no_post_init(self: Any) -> None:
    """Nothing after construction: Prefect 3.9 fills a policy's deprecated fields
    before reading them, and leaves an RRULE schedule's null timezone null."""


FlowRunPolicy = for_prefect3(
    _flow_runs.FlowRunPolicy,
    {"retry_delay": int | None, "pause_keys": PauseKeys | None},
    {
        "_pre_structure": staticmethod(deprecated_policy_fields),
        "__attrs_post_init__": _no_post_init,
    },
)
_policy_init: Callable[..., None] = FlowRunPolicy.__init__


def _init_with_deprecated_fields(self: Any, **kwargs: Any) -> None:
    # The constructor copies the deprecated fields as given, as Prefect 3.9 does.
    _policy_init(self, **deprecated_policy_fields(kwargs))


_init_with_deprecated_fields.__signature__ = inspect.signature(_policy_init)  # type: ignore[attr-defined]
FlowRunPolicy.__init__ = _init_with_deprecated_fields  # type: ignore[method-assign]


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
    names = sorted(name for name in _timezones() if "localtime" not in name)
    return re.compile("|".join(names))


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


def structure_interval(value: Any, _: Any = None) -> timedelta:
    """Prefect 3.9's ``PositiveInterval``: a duration in pydantic v2's grammar, longer
    than zero and within 104,000 days (:func:`responses._scalars.structure_v2_duration`)."""
    duration = structure_v2_duration(value)
    if duration <= timedelta(0):
        raise InvalidValue(f"expected a positive duration, got {duration.total_seconds()} seconds")
    return duration


Interval = Annotated[timedelta, StructureWith(structure_interval)]
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


def _interval_pre_structure(values: dict[str, Any]) -> dict[str, Any]:
    # a null anchor is refused in 3.9 (2.20 took it as now)
    if values.get("timezone") is None:
        return {**values, "timezone": _zone_name(values.get("anchor_date"))}
    return values


def _interval_post_init(self: Any) -> None:
    if self.timezone is None:
        object.__setattr__(self, "timezone", _zone_name(self.anchor_date))


IntervalSchedule = for_prefect3(
    _schedules.IntervalSchedule,
    {"interval": Interval, "timezone": Timezone | None},
    {
        "_pre_structure": staticmethod(_interval_pre_structure),
        "__attrs_post_init__": _interval_post_init,
    },
)
_interval_init: Callable[..., None] = IntervalSchedule.__init__


def _init_with_zone(self: Any, **kwargs: Any) -> None:
    # The constructor sees the anchor as given, before it becomes a fixed offset.
    if kwargs.get("timezone") is None and "anchor_date" in kwargs:
        kwargs["timezone"] = _zone_name(kwargs["anchor_date"])
    _interval_init(self, **kwargs)


_init_with_zone.__signature__ = inspect.signature(_interval_init)  # type: ignore[attr-defined]
IntervalSchedule.__init__ = _init_with_zone  # type: ignore[method-assign]

CronSchedule = for_prefect3(
    _schedules.CronSchedule, {"cron": Cron, "timezone": Timezone | None}
)
RRuleSchedule = for_prefect3(
    _schedules.RRuleSchedule,
    {"timezone": RRuleTimezone | None},
    {"__attrs_post_init__": _no_post_init},  # a null timezone stays null in 3.9
    {"timezone": "UTC"},
)
Schedule: Final = IntervalSchedule | CronSchedule | RRuleSchedule  # type: ignore[valid-type]

