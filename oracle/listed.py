"""Refusals of ours that the README's input-contract table lists: spellings Prefect
accepts but never emits, which we reject on purpose. Anything else we refuse while
Prefect accepts is a failure of the oracle run."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

# "Rejected" column of the README's table, one key per listed reason.
_TIME_ONLY = re.compile(r"\s*[0-9]{1,2}:[0-9]{0,2}(?::[0-9]{1,2})?(?:[.,][0-9]{1,9})?\s*")
_EXACT_SECONDS = 104_000 * 86_400  # float seconds hold durations below this exactly
_V1_ISO_ANY_CHAR = re.compile(r"[-+]?P.*[0-9][^0-9.][0-9].*")


def _offset_seconds(value: Any) -> bool:
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        return offset is not None and bool(offset.seconds % 60 or offset.microseconds)
    return False


# ISO 8601's own forms (calendar, week and ordinal dates, extended or basic), with the
# space separator Prefect also takes: what pendulum reads beyond these is not ISO 8601.
_ISO_8601 = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}-W\d{2}(?:-\d)?|\d{4}W\d{2}\d?"
    r"|\d{4}-?\d{3}|\d{4}-\d{2}|\d{4})"
    r"(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?P<fraction>[.,]\d+)?)?"
    r"|\d{2}(?:\d{2}(?P<basic_fraction>[.,]\d+)?)?)?"
    r"(?:Z|[+-](?P<hours>\d{2})(?::?\d{2})?)?)?",
    re.ASCII,
)
_TZID = re.compile(r"TZID=([^:;]*)[:;]", re.IGNORECASE)


def _lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


def listed_acceptance(kind: str, raw: Any, prefect: str = "2") -> str | None:
    """The README's one deliberate acceptance: real IANA zones newer than the lists
    Prefect 2.20 bundles (pendulum's, pytz's)."""
    if prefect == "3":
        return None
    if kind == "timezone" and isinstance(raw, str):
        import zoneinfo

        if raw in zoneinfo.available_timezones() and raw not in {"localtime", "Factory"}:
            return "IANA zones newer than Prefect's lists"
    return None


def listed_refusal(kind: str, raw: Any, theirs: Any = None, prefect: str = "2") -> str | None:
    """The README's reason for refusing ``raw`` in a field of ``kind``, or None
    (``prefect``: the profile, ``"2"`` or ``"3"``, whose table is meant)."""
    if prefect == "3":
        return listed_refusal_3(kind, raw, theirs)
    if _lone_surrogate(raw):
        return "lone surrogates (UTF-8 cannot carry them)"
    if isinstance(raw, float) and raw != raw:
        return "NaN"
    if kind == "cron" and isinstance(raw, str) and len(raw.split()) in (6, 7):
        return "six- and seven-field cron strings (seconds, years)"
    if kind == "cron" and isinstance(raw, str) and len(raw.split()) == 5:
        weekdays = raw.split()[4].split(",")
        if len(weekdays) > 1 and any("#" in item for item in weekdays):
            return "weekday lists mixing n#k items with other days"
    if kind == "rrule" and isinstance(raw, str):
        import zoneinfo

        known = zoneinfo.available_timezones()
        if any(name not in known for name in _TZID.findall(raw)):
            return "RRULE TZIDs that are not IANA names"
    if kind in ("interval duration", "run duration"):
        if isinstance(theirs, float) and abs(theirs) >= _EXACT_SECONDS:
            return "durations beyond ~104,000 days (float seconds cannot hold them exactly)"
        if kind == "run duration" and isinstance(raw, str) and _V1_ISO_ANY_CHAR.fullmatch(raw):
            return "ISO durations with other characters in a number (P1_5D, PT1e3S)"
    if kind == "aware datetime" and isinstance(raw, str):
        if raw == "now" or _TIME_ONLY.fullmatch(raw) or re.fullmatch(r"[0-9]{6}", raw):
            return "clock-dependent datetime (now, a time of day, hhmmss)"
        iso = _ISO_8601.fullmatch(raw)
        if iso is None:
            return "not ISO 8601 (pendulum's lax forms: 2024/05/01, 2020--07-13, +000:0)"
        fraction = iso["fraction"] or iso["basic_fraction"] or ""
        if len(fraction) > 10:
            return "fractions of a second beyond 9 digits (pendulum misreads them)"
        if iso["hours"] and int(iso["hours"]) > 23:
            return "UTC offsets of 24 hours or more"
    if kind == "mutation":
        return _listed_mutation(raw, theirs)
    if kind == "python datetime" and _offset_seconds(raw):
        return "UTC offsets with seconds"
    return None


def _listed_mutation(mutation: Any, theirs: Any) -> str | None:
    _, how, path, value = mutation
    if (path[-1:] == ("details",) or path[-2:] == ("details", "type")) and (
        how == "drop" or value == {}
    ):
        return "state details without a type tag"
    try:
        for key in path:
            theirs = theirs[key]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(theirs, dict) and how.startswith("to "):
        if value == "":
            return 'a string for an object (pydantic v1 reads dict("") as {})'
        if value == []:
            return "an empty array for a nested model (pydantic v1 reads dict([]) as {})"
    return None


# --- Prefect 3.9 (the README's "Prefect 3" section) ----------------------------------


def _pydantic_refuses_datetime(raw: Any) -> bool:
    """pydantic v2's own ``datetime`` (what a Python 3.13 server runs) refuses ``raw``."""
    from datetime import datetime as datetime_type

    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(datetime_type).validate_python(raw)
    except ValidationError:
        return True
    return False


def _non_finite(raw: Any) -> bool:
    if isinstance(raw, float):
        return raw != raw or raw in (float("inf"), float("-inf"))
    if isinstance(raw, str):
        try:
            number = float(raw.replace("_", ""))
        except ValueError:
            return False
        return number != number or number in (float("inf"), float("-inf"))
    return False


_RFC_5545_DATE = re.compile(r"[0-9]{8}(?:T[0-9]{6}Z?)?")


def _beyond_rrule_limits(rule: str) -> bool:
    """The README's RRULE limits: more than 8 RRULE/EXRULE lines, or more than 4
    DTSTART/RDATE/EXDATE dates not in RFC 5545's form."""
    lines = [line.strip() for line in rule.splitlines() if line.strip()]
    rules = sum(1 for line in lines if line.upper().startswith(("RRULE", "EXRULE")))
    others = 0
    for line in lines:
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() in ("DTSTART", "RDATE", "EXDATE"):
            others += sum(1 for d in value.split(",") if not _RFC_5545_DATE.fullmatch(d))
    return rules > 8 or others > 4


def listed_refusal_3(kind: str, raw: Any, theirs: Any) -> str | None:
    """The README's reason for refusing ``raw`` where Prefect 3.9.1 takes it, or None
    (the "Prefect 3" section's list of refusals)."""
    if _lone_surrogate(raw):
        return "lone surrogates (UTF-8 cannot carry them)"
    if kind in ("float", "retry policy") and (_non_finite(raw) or theirs is None):
        return "non-finite floats (Prefect's server writes NaN and Infinity as null)"
    if isinstance(raw, float) and raw != raw:
        return "NaN"
    if kind == "cron" and isinstance(raw, str) and len(raw.split()) in (6, 7):
        return "six- and seven-field cron strings (seconds, years)"
    if kind == "cron" and isinstance(raw, str) and len(raw.split()) == 5:
        weekdays = raw.split()[4].split(",")
        if len(weekdays) > 1 and any("#" in item for item in weekdays):
            return "weekday lists mixing n#k items with other days"
    if kind == "cron" and isinstance(raw, str) and not raw.isascii():
        return "cron strings with non-ASCII digits (croniter reads them with int())"
    if kind == "rrule" and isinstance(raw, str):
        import zoneinfo

        known = zoneinfo.available_timezones()
        if any(name not in known for name in _TZID.findall(raw)):
            return "RRULE TZIDs that are not IANA names"
        if _beyond_rrule_limits(raw):
            return "RRULE strings beyond 8 rules or 4 dates in other forms than RFC 5545's"
    long = isinstance(theirs, float) and abs(theirs) >= _EXACT_SECONDS
    if kind in ("interval duration", "run duration") and long:
        return "durations beyond ~104,000 days (Prefect's writer rounds them)"
    if kind == "aware datetime" and isinstance(raw, str) and _pydantic_refuses_datetime(raw):
        return "datetimes only pendulum's fallback reads (Python 3.13 servers refuse them)"
    if kind == "python datetime" and _offset_seconds(raw):
        return "UTC offsets with seconds"
    if kind == "mutation":
        _, how, path, value = raw
        if (path[-1:] == ("details",) or path[-2:] == ("details", "type")) and (
            how == "drop" or value == {}
        ):
            return "state details without a type tag"
        if how == "drop" and path[-1:] == ("default_queue_id",):
            return "a work pool without a default queue id (written as null, which it refuses)"
    return None
