"""Deployment schedules: interval, cron and RRule, told apart by their keys."""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any, ClassVar, Final

import attrs

from ._scalars import InvalidValue, structure_str
from ._states import utc_now
from ._types import PositiveDuration, StructureWith, checked, pre_structure_on_init

__all__ = [
    "AnchoredInterval",
    "CronSchedule",
    "IntervalSchedule",
    "RRuleSchedule",
    "Schedule",
    "Timezone",
]

MAX_RRULE_LENGTH: Final = 6500


# In the tzdata database but not places: Prefect's lists (pendulum's, pytz's) lack them.
_PSEUDO_ZONES: Final = frozenset({"localtime", "Factory", "posixrules"})


@functools.cache
def _known_timezones() -> frozenset[str]:
    """The system's IANA zone names, pseudo-zones left out. Zones newer than the lists
    Prefect 2.20 bundles (``Europe/Kyiv``) are accepted: they are real places."""
    return frozenset(zoneinfo.available_timezones()) - _PSEUDO_ZONES


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
    items = field.split(",")
    if position == 4 and "#" in field:
        # croniter 6: "nth weekday" items only in a list of such items (1#2,3 is refused)
        for item in items:
            day, hash_, nth = item.partition("#")
            if not hash_ or not ("1" <= nth <= "5" and len(nth) == 1):
                raise ValueError(item)
            _cron_value(day, low, high, names)
        return
    for item in items:
        if position == 2 and item == "L":
            continue
        if position == 2 and item.endswith("W") and len(items) == 1:
            # "nearest weekday" (15W), alone in its field as croniter takes it
            _cron_value(item[:-1], low, high, names)
            continue
        if position == 4 and len(items) == 1 and re.fullmatch(r"L[0-7]", item):
            continue  # croniter's "last <weekday> of the month" (5L is refused)
        match = _CRON_ITEM.fullmatch(item)
        if match is None:
            raise ValueError(item)
        span, step = match.groups()
        if step is not None and int(step) == 0:
            raise ValueError(item)
        if span in ("*", "?"):
            if span == "?" and (position not in (2, 4) or step is not None or len(items) > 1):
                raise ValueError(item)  # croniter takes "?" alone only
            continue
        # a range may wrap around (sat-sun, 22-2), as croniter reads it
        for part in span.split("-"):
            _cron_value(part, low, high, names)


def structure_cron(value: Any, _: Any = None) -> str:
    """A five-field cron string or an alias such as ``@daily``.

    Prefect validates with croniter (6.x, as Prefect 2.20 allows), which is not a
    dependency here; this checker accepts the standard grammar as croniter reads it
    (numbers, names, ranges, wrap-around ranges such as ``sat-sun`` and ``22-2``,
    steps, lists, ``L`` and ``15W`` for days, ``L5`` and lists of ``5#3`` for
    weekdays) and rejects what it does not know, random and hashed expressions
    included; six- and seven-field strings (seconds, years) too.
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


# dateutil's cost grows with what an RRULE string holds: a rule line costs about
# 10 us to build, a date 15 to 80 us to parse, and a daily rule builds one time
# object per combination of BYHOUR, BYMINUTE and BYSECOND (86,400 for all of them).
# So before dateutil sees a string: at most 8 rules; those time lists (on daily or
# slower rules, where all dateutil does with them is build that table) are checked
# here and left out; RFC 5545 dates (20240101T093000Z) are checked here and each
# date line keeps one; at most 4 dates in other forms are left to dateutil's parser.
MAX_RRULE_RULES: Final = 8
MAX_RRULE_OTHER_DATES: Final = 4
_SLOW_FREQUENCIES: Final = frozenset({"YEARLY", "MONTHLY", "WEEKLY", "DAILY"})
_TIME_LISTS: Final = {"BYHOUR": 23, "BYMINUTE": 59, "BYSECOND": 59}
_RFC_DATE: Final = re.compile(
    r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})Z?)?"
)


def _time_list(value: str) -> list[int] | None:
    """A BYHOUR/BYMINUTE/BYSECOND value as dateutil reads it (``int()`` of each
    item), or None where it fails to."""
    try:
        return [int(item) for item in value.split(",")]
    except ValueError:
        return None


def _rule_for_dateutil(line: str) -> str:
    """A rule line without the time lists of a daily-or-slower rule, checked here as
    dateutil checks them: every occurrence must read as integers, and the last one,
    the one that counts, must hold valid hours, minutes or seconds."""
    head, colon, body = line.rpartition(":")
    parts = body.split(";")
    fields = dict(part.partition("=")[::2] for part in parts)
    if fields.get("FREQ") not in _SLOW_FREQUENCIES:
        return line
    kept = []
    for part in parts:
        name, _, value = part.partition("=")
        if name not in _TIME_LISTS:
            kept.append(part)
        elif _time_list(value) is None:
            raise InvalidValue(f"invalid {name} in RRule: {value[:40]!r}")
    for name, highest in _TIME_LISTS.items():
        last = _time_list(fields.get(name, "0"))
        if last is None or not all(0 <= number <= highest for number in last):
            raise InvalidValue(f"invalid {name} in RRule: {fields[name][:40]!r}")
    return head + colon + ";".join(kept)


def _dates_for_dateutil(name: str, value: str, others: list[int]) -> str:
    """A date line's values, the RFC 5545 ones checked here and only the first kept."""
    dates = value.split(",")
    if name == "DTSTART" or len(dates) == 1:
        plain = [date for date in dates if not _RFC_DATE.fullmatch(date)]
    else:
        plain = []
        for date in dates:
            match = _RFC_DATE.fullmatch(date)
            if match is None:
                plain.append(date)
                continue
            try:
                year, month, day, hour, minute, second = (int(p or 0) for p in match.groups())
                datetime(year, month, day, hour, minute, second)
            except ValueError:
                raise InvalidValue(f"invalid date in RRule: {date!r}") from None
        if not plain:
            # one date stands for all; a UTC one if any, which dateutil refuses
            # beside a TZID ("DTSTART/EXDATE specifies multiple timezone")
            dates = [next((date for date in dates if date.endswith("Z")), dates[0])]
    others[0] += len(plain)
    if others[0] > MAX_RRULE_OTHER_DATES:
        raise InvalidValue(
            f"RRule strings may hold at most {MAX_RRULE_OTHER_DATES} dates not in the "
            "RFC 5545 form (20240101T093000Z)"
        )
    return ",".join(dates)


def _for_dateutil(rule: str) -> str:
    """The string dateutil validates: the same verdict, at a bounded cost (see above)."""
    upper = rule.upper()
    lines = upper.split()
    if len(lines) == 1 and (":" not in upper or upper.startswith("RRULE:")):
        return _rule_for_dateutil(lines[0])
    rules = 0
    others = [0]
    out = []
    for line in rule.split():
        name, colon, value = line.partition(":")
        kind = name.split(";")[0].upper() if colon else "RRULE"
        if kind in ("RRULE", "EXRULE"):
            rules += 1
            if rules > MAX_RRULE_RULES:
                raise InvalidValue(f"RRule strings may hold at most {MAX_RRULE_RULES} rules")
            line = _rule_for_dateutil(line.upper())
        elif kind in ("DTSTART", "RDATE", "EXDATE"):
            line = f"{name}:{_dates_for_dateutil(kind, value.upper(), others)}"
        out.append(line)
    return "\n".join(out)


def _validation_zone(name: str) -> tzinfo:
    """dateutil's TZID lookup: only names the zoneinfo database lists, never a path, and
    no file opened (a fixed zone stands in: validation needs none of its rules)."""
    if name not in _known_timezones():
        raise InvalidValue(f"invalid TZID {name[:40]!r}: use an IANA tzdata name")
    return UTC


@functools.lru_cache(maxsize=256)
def _checked_rrule(rule: str) -> str | None:
    """The problem with ``rule``, or None; verdicts are cached (rules repeat in lists)."""
    try:
        checked = _for_dateutil(rule)
    except InvalidValue as exc:
        return str(exc)
    from dateutil.rrule import rrulestr  # imported on first use: keeps the import light

    try:
        rrulestr(checked, cache=True, tzids=_validation_zone)
    except (ValueError, TypeError, OverflowError, IndexError) as exc:
        # IndexError: a string with no rule at all (only DTSTART), which Prefect's
        # validator lets escape (HTTP 500): a refusal either way.
        return f"invalid RRule string {rule[:40]!r}: {type(exc).__name__}: {exc}"
    return None


def structure_rrule(value: Any, _: Any = None) -> str:
    """An RFC 5545 recurrence rule that dateutil can parse, at most 6500 characters,
    within the limits above; ``TZID`` names must be IANA names."""
    rule = structure_str(value)
    if len(rule) > MAX_RRULE_LENGTH:
        raise InvalidValue(f"RRule string longer than {MAX_RRULE_LENGTH} characters")
    problem = _checked_rrule(rule)
    if problem is not None:
        raise InvalidValue(problem)
    return rule


def _zone_name(anchor: Any) -> str:
    """The timezone Prefect infers from an anchor: the name of a pendulum or pytz zone
    it carries, when that is a known name, else ``"UTC"``.

    Prefect reads the anchor with ``pendulum.instance``, which keeps only those two
    kinds of names: any other zone (``zoneinfo``, fixed offsets, strings with offsets)
    becomes a fixed offset there, and a naive anchor is UTC; all of those infer "UTC".
    """
    zone = getattr(anchor, "tzinfo", None)
    if zone is None:
        return "UTC"
    name = None
    if hasattr(zone, "localize"):  # pytz
        name = getattr(zone, "zone", None)
    elif type(zone).__module__.startswith("pendulum."):
        name = getattr(zone, "name", None)
    return name if isinstance(name, str) and name in _known_timezones() else "UTC"


# --- the schedules ------------------------------------------------------------------


class AnchoredInterval:
    """What interval schedules share (Prefect 2.20's and 3.9's): a null anchor is now,
    and a missing timezone is inferred from the anchor as Prefect infers it (see
    :func:`_zone_name`), the same by ``structure``, the constructor (see
    :func:`~responses._types.pre_structure_on_init`) and ``attrs.evolve``. A subclass
    for another Prefect sets ``_null_anchor_is_now`` and ``_zone_of``."""

    __slots__ = ()
    __forbid_extra_keys__: ClassVar[bool] = True
    _null_anchor_is_now: ClassVar[bool] = True
    _zone_of: ClassVar[Callable[[Any], str]] = staticmethod(_zone_name)

    timezone: str | None
    anchor_date: datetime

    @classmethod
    def _pre_structure(cls, values: dict[str, Any]) -> dict[str, Any]:
        # a null anchor is now (Prefect 2.20's default_anchor_date); the anchor's zone
        # name is lost once it is read as a fixed offset: look first
        if cls._null_anchor_is_now and "anchor_date" in values and values["anchor_date"] is None:
            values = {k: v for k, v in values.items() if k != "anchor_date"}
        if values.get("timezone") is None:
            return {**values, "timezone": cls._zone_of(values.get("anchor_date"))}
        return values

    def __attrs_post_init__(self) -> None:
        if self.timezone is None:
            object.__setattr__(self, "timezone", type(self)._zone_of(self.anchor_date))


@pre_structure_on_init
@attrs.frozen(kw_only=True, field_transformer=checked)
class IntervalSchedule(AnchoredInterval):
    """Runs every ``interval`` counted from ``anchor_date``.

    A missing anchor is now; a missing timezone is inferred from the anchor as Prefect
    infers it (see :func:`_zone_name`): ``"UTC"`` unless the anchor carries a pytz or
    pendulum zone, the same by ``structure``, the constructor and ``attrs.evolve``.
    """

    interval: PositiveDuration
    anchor_date: datetime = attrs.field(factory=utc_now)
    timezone: Timezone | None = None


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
