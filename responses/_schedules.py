"""Deployment schedules: interval, cron and RRule, told apart by their keys."""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import datetime
from typing import Annotated, Any, ClassVar, Final

import attrs

from ._scalars import InvalidValue, structure_str
from ._states import utc_now
from ._types import PositiveDuration, StructureWith, checked

__all__ = ["CronSchedule", "IntervalSchedule", "RRuleSchedule", "Schedule"]

MAX_RRULE_LENGTH: Final = 6500


@functools.cache
def _known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_timezone(name: str | None) -> str | None:
    if name and name not in _known_timezones():
        raise InvalidValue(
            f"invalid timezone {name!r}: use an IANA tzdata name such as 'America/New_York'"
        )
    return name


def structure_timezone(value: Any, _: Any = None) -> str:
    """An IANA timezone name (the empty string is let through, as Prefect does)."""
    return _check_timezone(structure_str(value)) or ""


Timezone = Annotated[str, StructureWith(structure_timezone)]

# --- cron --------------------------------------------------------------------------

_CRON_ALIASES: Final = frozenset(
    {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
)
_MONTHS: Final[tuple[str, ...]] = (
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
)  # fmt: skip
_DAYS: Final[tuple[str, ...]] = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
# (lowest, highest, names) for minute, hour, day of month, month, day of week
_CRON_FIELDS: Final[tuple[tuple[int, int, tuple[str, ...]], ...]] = (
    (0, 59, ()),
    (0, 23, ()),
    (1, 31, ()),
    (1, 12, _MONTHS),
    (0, 7, _DAYS),
)
_CRON_ITEM: Final = re.compile(r"(\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/([0-9]+))?")


def _cron_value(text: str, low: int, high: int, names: tuple[str, ...]) -> int:
    if text.isdigit():
        number = int(text)
    elif text.upper() in names:
        number = names.index(text.upper()) + (1 if names is _MONTHS else 0)
    else:
        raise ValueError(text)
    if not low <= number <= high:
        raise ValueError(text)
    return number


def _check_cron_field(field: str, position: int) -> None:
    low, high, names = _CRON_FIELDS[position]
    for item in field.split(","):
        if position == 2 and item == "L":
            continue
        if position == 4 and re.fullmatch(r"[0-7]#[1-5]|[0-7]L", item):
            continue
        match = _CRON_ITEM.fullmatch(item)
        if match is None:
            raise ValueError(item)
        span, step = match.groups()
        if step is not None and int(step) == 0:
            raise ValueError(item)
        if span in ("*", "?"):
            if span == "?" and position not in (2, 4):
                raise ValueError(item)
            continue
        bounds = [_cron_value(part, low, high, names) for part in span.split("-")]
        if len(bounds) == 2 and bounds[0] > bounds[1]:
            raise ValueError(item)


def structure_cron(value: Any, _: Any = None) -> str:
    """A five-field cron string or an alias such as ``@daily``.

    Prefect validates with croniter, which is not a dependency here; this checker
    accepts the standard grammar (numbers, names, ranges, steps, lists, ``L``, ``#``)
    and rejects what it does not know, random and hashed expressions included.
    """
    cron = structure_str(value)
    if cron in _CRON_ALIASES:
        return cron
    fields = cron.split()
    try:
        if len(fields) != 5:
            raise ValueError(cron)
        for position, field in enumerate(fields):
            _check_cron_field(field, position)
    except ValueError:
        raise InvalidValue(f"invalid cron string {cron!r}") from None
    return cron


def structure_rrule(value: Any, _: Any = None) -> str:
    """An RFC 5545 recurrence rule that dateutil can parse, at most 6500 characters."""
    rule = structure_str(value)
    if len(rule) > MAX_RRULE_LENGTH:
        raise InvalidValue(f"RRule string longer than {MAX_RRULE_LENGTH} characters")
    from dateutil.rrule import rrulestr  # imported on first use: keeps the import light

    try:
        rrulestr(rule, cache=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidValue(f"invalid RRule string {rule[:40]!r}: {exc}") from None
    return rule


def _zone_name(anchor: Any) -> str:
    """The IANA name of a datetime's zone, or ``"UTC"`` for fixed offsets and the rest."""
    zone = getattr(getattr(anchor, "tzinfo", None), "key", None)
    return zone if zone in _known_timezones() else "UTC"


# --- the schedules ------------------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=checked)
class IntervalSchedule:
    """Runs every ``interval`` counted from ``anchor_date``.

    A missing anchor is now; a missing timezone is the anchor's zone name when it
    has one (a ``zoneinfo`` datetime) and ``"UTC"`` otherwise, as Prefect infers it.
    """

    __forbid_extra_keys__: ClassVar[bool] = True

    interval: PositiveDuration
    anchor_date: datetime = attrs.field(factory=utc_now)
    timezone: Timezone | None = None

    @staticmethod
    def _pre_structure(values: dict[str, Any]) -> dict[str, Any]:
        # the anchor's zone name is lost once it is read as a fixed offset: look first
        if values.get("timezone") is None:
            return {**values, "timezone": _zone_name(values.get("anchor_date"))}
        return values

    def __attrs_post_init__(self) -> None:
        if self.timezone is None:
            object.__setattr__(self, "timezone", _zone_name(self.anchor_date))


@attrs.frozen(kw_only=True, field_transformer=checked)
class CronSchedule:
    """Runs on a cron schedule, in ``timezone``."""

    __forbid_extra_keys__: ClassVar[bool] = True

    cron: Annotated[str, StructureWith(structure_cron)]
    timezone: Timezone | None = None
    day_or: bool = True


@attrs.frozen(kw_only=True, field_transformer=checked)
class RRuleSchedule:
    """Runs on an RFC 5545 recurrence rule, in ``timezone`` (UTC when unset)."""

    __forbid_extra_keys__: ClassVar[bool] = True

    rrule: Annotated[str, StructureWith(structure_rrule)]
    timezone: Timezone | None = None

    def __attrs_post_init__(self) -> None:
        if self.timezone is None:
            object.__setattr__(self, "timezone", "UTC")


Schedule = IntervalSchedule | CronSchedule | RRuleSchedule
"""A deployment schedule; which one is told by its keys (``interval``, ``cron``, ``rrule``)."""
