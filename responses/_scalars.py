"""Scalar codecs: how each JSON scalar becomes a Python value, and back.

Every ``structure_*`` function takes the raw value (and, to fit cattrs' hook
signature, an ignored type) and returns the validated value or raises
:class:`InvalidValue` with a readable message. The coercions follow Prefect
2.20 (pydantic v1) wherever Prefect gives a well-defined value; where it does
not (clock-dependent datetimes, lossy or ambiguous input) we reject instead.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Any, Final, get_args
from uuid import UUID, SafeUUID

from ._errors import InvalidValue

__all__ = [
    "MAX_NESTING",
    "InvalidValue",
    "enum_structure_hook",
    "make_literal_structure",
    "structure_bool",
    "structure_datetime",
    "structure_dict_any",
    "structure_float",
    "structure_int",
    "structure_json_value",
    "structure_plain_datetime",
    "structure_str",
    "structure_str_like",
    "structure_timedelta",
    "structure_uuid",
    "structure_v2_datetime",
    "structure_v2_dict_any",
    "structure_v2_duration",
    "structure_v2_float",
    "structure_v2_int",
    "structure_v2_plain_datetime",
    "structure_v2_str",
    "structure_v2_str_like",
    "structure_v2_timedelta",
    "structure_v2_uuid",
]


def describe(value: Any) -> str:
    """A short description of a value for error messages."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {text!r}"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}"


# --- strings, numbers, booleans -------------------------------------------------


def _writable(text: str) -> str:
    """The string, if UTF-8 can carry it (no lone surrogates: neither encoder writes them)."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValue(
                "the string holds a lone surrogate, which JSON text cannot carry"
            ) from None
    return text


def structure_str(value: Any, _: Any = None) -> str:
    """Strings as is; ints, floats and booleans stringified, as pydantic v1 does."""
    if value.__class__ is str:
        return _writable(value)
    if isinstance(value, str):
        return _writable(str(value.value) if isinstance(value, Enum) else str.__str__(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidValue(f"expected a string, got the non-finite number {value!r}")
        return str(value)
    raise InvalidValue(f"expected a string, got {describe(value)}")


def structure_str_like(value: Any, tp: Any) -> Any:
    """The converter's hook for ``str`` and its subclasses (cattrs dispatches ``str``
    enums here too): strings as :func:`structure_str`, enums by exact value."""
    if tp is str:
        return structure_str(value)
    if issubclass(tp, Enum):
        return enum_structure_hook(tp)(value)
    return tp(structure_str(value))


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compiled on first use: the fast paths never need a regex, so import stays light."""
    return re.compile(source)


# What int() takes (pydantic v1's coercion): Unicode decimal digits too ("\u0661" is 1).
_INT_STRING: Final = r"\s*[-+]?\d+(?:_\d+)*\s*"


WRITABLE_INT: Final = 10**4300
"""Integers stay below this in magnitude: Python writes no longer ones as text (its
default ``int_max_str_digits``), so neither JSON encoder could write them back.
Decoders never produce them (the standard library's refuses such numbers)."""


def _writable_int(value: int) -> int:
    if -WRITABLE_INT < value < WRITABLE_INT:
        return value
    raise InvalidValue("expected an integer of at most 4300 digits (JSON writers refuse longer)")


def structure_int(value: Any, _: Any = None) -> int:
    """Ints; booleans as 0/1, floats truncated, decimal strings parsed (pydantic v1 rules)."""
    if value.__class__ is int:
        return _writable_int(value)
    if value is True or value is False:
        return int(value)
    if isinstance(value, int):
        return _writable_int(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(f"expected an integer, got the non-finite number {value!r}")
        return int(value)
    if isinstance(value, str):
        if len(value) > 4300 or not _pattern(_INT_STRING).fullmatch(value):
            raise InvalidValue(f"expected an integer, got {describe(value)}")
        return int(value)
    raise InvalidValue(f"expected an integer, got {describe(value)}")


def structure_positive_int(value: Any, _: Any = None) -> int:
    """An integer greater than zero, read as pydantic-core's lax ``int_schema(gt=0)``
    (Prefect's ``PositiveInteger``)."""
    number = structure_v2_int(value)
    if number <= 0:
        raise InvalidValue(f"expected an integer greater than 0, got {number}")
    return number


def structure_non_negative_int(value: Any, _: Any = None) -> int:
    """An integer of at least zero, read as pydantic-core's lax ``int_schema(ge=0)``
    (Prefect's ``NonNegativeInteger``)."""
    number = structure_v2_int(value)
    if number < 0:
        raise InvalidValue(f"expected an integer of at least 0, got {number}")
    return number


# pydantic-core's lax integers: ASCII digits with single underscores between them and
# an optional all-zero fraction ("10.00"); whole floats strictly within i64's range.
_V2_INT_STRING: Final = r"\s*([-+]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?\s*"
_I64_LIMIT: Final = 2.0**63


def structure_v2_int(value: Any, _: Any = None) -> int:
    """An integer as pydantic v2 reads one in lax mode (Prefect's pydantic-core types,
    every ``int`` of Prefect 3.9): ints of any size, booleans, whole floats within 64
    bits, strings of ASCII digits (single ``_`` between them, an all-zero fraction)."""
    if value.__class__ is int:
        return _writable_int(value)
    if isinstance(value, int):  # booleans too
        return _writable_int(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(f"expected a finite number, got {value!r}")
        if not value.is_integer():
            raise InvalidValue(f"expected a whole number, got {value!r}")
        if not -_I64_LIMIT < value < _I64_LIMIT:
            raise InvalidValue(f"expected an integer within 64 bits, got {value!r}")
        return int(value)
    if isinstance(value, str):
        match = None if len(value) > 4300 else _pattern(_V2_INT_STRING).fullmatch(value)
        if match is None:
            raise InvalidValue(f"expected an integer, got {describe(value)}")
        return int(match.group(1))
    raise InvalidValue(f"expected an integer, got {describe(value)}")


def _finite_float(value: Any, from_text: Callable[[str], float]) -> float:
    """The float rules' one shape: numbers as they are, strings read by ``from_text``,
    NaN and infinities refused (JSON has neither; Prefect 3.9's server writes null)."""
    if value.__class__ is float:
        result: float = value
    elif isinstance(value, int | float):
        try:
            result = float(value)
        except OverflowError:
            raise InvalidValue(f"expected a number in range, got {describe(value)}") from None
    elif isinstance(value, str):
        try:
            result = from_text(value)
        except ValueError:
            raise InvalidValue(f"expected a number, got {describe(value)}") from None
    else:
        raise InvalidValue(f"expected a number, got {describe(value)}")
    if not math.isfinite(result):
        raise InvalidValue(f"expected a finite number, got {value!r}")
    return result


def structure_float(value: Any, _: Any = None) -> float:
    """Finite floats; ints, booleans and numeric strings converted (NaN/Infinity rejected)."""
    return _finite_float(value, float)


def _v2_float_text(value: str) -> float:
    text = value.strip()
    if "_" in text:
        if text[0] == "_" or text[-1] == "_" or "__" in text:
            raise ValueError(value)
        text = text.replace("_", "")
    if not text.isascii():
        raise ValueError(value)
    return float(text)


def structure_v2_float(value: Any, _: Any = None) -> float:
    """A float as pydantic v2 reads one in lax mode (Prefect 3.9): numbers and booleans;
    ASCII strings trimmed, single underscores inside dropped (``"1_e3"`` is 1000.0), then
    read as Rust's ``f64`` does (``".5"``, ``"5."``, ``"1e3"``); NaN and Infinity refused
    (Prefect's server would write them as null)."""
    return _finite_float(value, _v2_float_text)


def structure_v2_str(value: Any, _: Any = None) -> str:
    """A string as pydantic v2 reads one (Prefect 3.9): strings only, numbers and
    booleans refused; a ``str`` enum member as its value."""
    if value.__class__ is str:
        return _writable(value)
    if isinstance(value, str):
        return _writable(str(value.value) if isinstance(value, Enum) else str.__str__(value))
    raise InvalidValue(f"expected a string, got {describe(value)}")


def structure_v2_str_like(value: Any, tp: Any) -> Any:
    """:func:`structure_str_like` with pydantic v2's strings (Prefect 3.9's converter)."""
    if tp is str:
        return structure_v2_str(value)
    if issubclass(tp, Enum):
        return enum_structure_hook(tp)(value)
    return tp(structure_v2_str(value))


_TRUE: Final = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE: Final = frozenset({"0", "off", "f", "false", "n", "no"})


def structure_bool(value: Any, _: Any = None) -> bool:
    """Booleans; 0/1 and the strings pydantic v1 knows ("yes", "off", "t" ...), any case."""
    if value is True or value is False:
        return value
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    elif isinstance(value, int | float) and value in (0, 1):
        return value == 1
    raise InvalidValue(f"expected a boolean, got {describe(value)}")


# --- UUIDs -------------------------------------------------------------------------

_new_object = object.__new__
_set_uuid_int = UUID.__dict__["int"].__set__
_set_uuid_safe = UUID.__dict__["is_safe"].__set__
_SAFE_UNKNOWN: Final = SafeUUID.unknown


# UUIDs repeat in a list of runs (flows, deployments, queues, pools; a run's id again
# as its state's flow_run_id): equal strings share one immutable UUID object. The cache
# is bounded; a dict's get/set are atomic, so threads can share it. It holds canonical
# spellings only (8-4-4-4-12 hex digits), which every UUID rule here accepts.
_UUID_CACHE: dict[str, UUID] = {}
_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")
_UUID_CACHE_SIZE: Final = 4096


def structure_uuid(value: Any, _: Any = None) -> UUID:
    """Any spelling ``uuid.UUID()`` takes (dashes or not, braces, ``urn:uuid:``), or a UUID."""
    if value.__class__ is str:
        cached = _UUID_CACHE.get(value)
        if cached is not None:
            return cached
        # The canonical spelling, decoded exactly as uuid.UUID does but without its
        # string juggling; anything else takes the general route below.
        if len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-":
            digits = value.replace("-", "")
            try:
                number = int(digits, 16)
            except ValueError:
                pass
            else:
                if len(digits) == 32 and _HEX_DIGITS.issuperset(digits):
                    result: UUID = _new_object(UUID)
                    _set_uuid_int(result, number)
                    _set_uuid_safe(result, _SAFE_UNKNOWN)
                    if len(_UUID_CACHE) >= _UUID_CACHE_SIZE:
                        _UUID_CACHE.clear()
                    _UUID_CACHE[value] = result
                    return result
        try:
            return UUID(value)
        except ValueError:
            raise InvalidValue(f"expected a UUID, got {describe(value)}") from None
    if isinstance(value, UUID):
        return value
    raise InvalidValue(f"expected a UUID string, got {describe(value)}")


def structure_v2_uuid(value: Any, _: Any = None) -> UUID:
    """A UUID as pydantic v2 reads one (the ``uuid`` crate; Prefect 3.9): 32 hex digits,
    or ``8-4-4-4-12`` alone, in braces or after a lower-case ``urn:uuid:``; or a UUID."""
    if value.__class__ is str:
        cached = _UUID_CACHE.get(value)  # canonical spellings only: accepted here too
        if cached is not None:
            return cached
        text = value
        if len(text) == 45 and text.startswith("urn:uuid:"):
            text = text[9:]
        elif len(text) == 38 and text[0] == "{" and text[-1] == "}":
            text = text[1:-1]
        if len(text) == 36 and text[8] == text[13] == text[18] == text[23] == "-":
            digits = text[:8] + text[9:13] + text[14:18] + text[19:23] + text[24:]
        elif len(text) == 32 and text is value:
            digits = text
        else:
            digits = ""
        if not digits or not _HEX_DIGITS.issuperset(digits):
            raise InvalidValue(f"expected a UUID, got {describe(value)}")
        return structure_uuid(value)
    if isinstance(value, UUID):
        return value
    raise InvalidValue(f"expected a UUID string, got {describe(value)}")


# --- datetimes ---------------------------------------------------------------------

_UTC: Final = UTC
_fromisoformat = datetime.fromisoformat


def _fixed_offset(tz: tzinfo | None, moment: datetime) -> timezone:
    offset = moment.utcoffset() if tz is not None else None
    if not offset:
        return _UTC
    if offset.seconds % 60 or offset.microseconds:
        # isoformat() would write +00:19:32, which no ISO 8601 reader here takes back
        raise InvalidValue(f"UTC offsets must be whole minutes, got {offset}")
    return timezone(offset)


def _normalize(moment: datetime) -> datetime:
    """Naive means UTC; any zone becomes the fixed offset it has at that instant."""
    tz = moment.tzinfo
    if tz is _UTC:
        return moment
    if tz is not None and tz.__class__ is timezone:
        offset = tz.utcoffset(None)
        if not (offset.seconds % 60 or offset.microseconds):
            return moment
    return moment.replace(tzinfo=_fixed_offset(tz, moment))


_MAX_TEXT: Final = 64  # no datetime or duration is longer; anything longer is rejected unread


# What we read besides the wire format: the ISO 8601 forms pendulum's strict parser
# (Prefect's) accepts with a well-defined value, checked against Prefect itself by the
# oracle (make oracle). A string is checked by its shape, its digits written as 9: the
# verdict on a shape is cached, so that any accepted spelling costs a translation, a
# dict look-up and datetime.fromisoformat (which checks the digits' ranges, week 53 of
# a 52-week year included, and reads every accepted form alike on Python 3.11-3.13);
# ordinal dates and YYYY-MM are rewritten for it first. Clock-dependent forms ("now",
# a bare time of day), pendulum's non-ISO fallbacks and anything pendulum rejects are
# refused.
_SHAPE_DATE: Final = (
    r"9999-99-99|99999999|9999-W99-9|9999W999|9999-W99|9999W99"
    r"|(?P<ordinal>9999-?999)|(?P<month>9999-99)|(?P<year>9999)"
)
_SHAPE_TIME: Final = r"99(?::99(?::99(?:[.,]9{1,9})?)?|99(?:99(?:[.,]9{1,9})?)?)?"
_SHAPE_OFFSET: Final = r"Z|[+-]99(?::?99)?"
_SHAPE: Final = rf"(?:{_SHAPE_DATE})(?P<time>[T ](?:{_SHAPE_TIME})(?P<offset>{_SHAPE_OFFSET})?)?"
_AS_SHAPE: Final = bytes.maketrans(b"0123456789", b"9999999999")
_ISO, _ORDINAL, _MONTH, _YEAR = 0, 1, 2, 3
# shape -> how to read it: (kind, where the date part ends, what UTC suffix to add), or
# None when the shape is refused
_Plan = tuple[int, int, str] | None
_SHAPES: dict[bytes, _Plan] = {}
_SHAPES_SIZE: Final = 1024


def _shape_plan(shape: bytes) -> _Plan:
    match = _pattern(_SHAPE).fullmatch(shape.decode())
    plan: _Plan = None
    if match is not None and (not match["year"] or len(shape) == 4):
        kind = (
            _ORDINAL if match["ordinal"] else _MONTH if match["month"] else
            _YEAR if match["year"] else _ISO
        )  # fmt: skip
        end = len(match["ordinal"] or match["month"] or match["year"] or "")
        suffix = (
            "+00:00" if match["time"] and not match["offset"] else
            "" if match["time"] else "T00:00:00+00:00"
        )  # fmt: skip
        plan = (kind, end, suffix)
    if len(_SHAPES) >= _SHAPES_SIZE:
        _SHAPES.clear()
    _SHAPES[shape] = plan
    return plan


_ORDINAL_DATES: dict[str, str] = {}  # "2024-122" and "2024122" -> "2024-05-01"
_ORDINAL_DATES_SIZE: Final = 4096  # about 11 years of days


def _ordinal_date(head: str) -> str:
    """An ordinal date (``YYYY-DDD`` or ``YYYYDDD``) as ``YYYY-MM-DD``, remembered:
    dates repeat in a list, and then an ordinal date costs a look-up."""
    start = date(int(head[:4]), 1, 1)
    day_of_year = int(head[-3:])
    day = start + timedelta(days=day_of_year - 1)
    if day_of_year < 1 or day.year != start.year:
        raise ValueError(head)
    if len(_ORDINAL_DATES) >= _ORDINAL_DATES_SIZE:
        _ORDINAL_DATES.clear()
    calendar_date = _ORDINAL_DATES[head] = day.isoformat()
    return calendar_date


def _parse_iso(value: str) -> datetime:
    """An accepted ISO 8601 spelling as an aware datetime (UTC if it has no offset)."""
    try:
        if len(value) > _MAX_TEXT:
            raise ValueError(value)
        shape = value.encode("ascii").translate(_AS_SHAPE)  # non-ASCII: refused here
        plan = _SHAPES[shape] if shape in _SHAPES else _shape_plan(shape)
        if plan is None:
            raise ValueError(value)
        kind, end, suffix = plan
        if kind == _ISO:
            return _fromisoformat(value + suffix if suffix else value)
        if kind == _ORDINAL:
            head = value[:end]
            calendar_date = _ORDINAL_DATES.get(head) or _ordinal_date(head)
            return _fromisoformat(calendar_date + value[end:] + suffix)
        if kind == _MONTH:
            return _fromisoformat(value[:7] + "-01" + value[7:] + suffix)
        return _fromisoformat(value + "-01-01" + suffix)  # a year alone
    except (ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
        raise InvalidValue(f"expected an ISO 8601 datetime, got {describe(value)}") from None


def structure_datetime(value: Any, _: Any = None) -> datetime:
    """An ISO 8601 string (or datetime) as an aware datetime; naive input is taken as UTC."""
    if value.__class__ is str:
        # Fast path for the wire format, YYYY-MM-DDTHH:MM:SS[.ffffff]+HH:MM: every
        # separator in place, so that the lax fromisoformat sees only that shape (it
        # checks the digits and ranges itself, except offset minutes below 60).
        size = len(value)
        if (
            ((size == 32 and value[19] == ".") or size == 25)
            and value[10] == "T"
            and value[4] == value[7] == "-"
            and value[13] == value[16] == value[-3] == ":"
            and value[-6] in "+-"
            and value[-2] < "6"
            and value.isascii()
        ):
            try:
                return _fromisoformat(value)
            except ValueError:
                pass  # the full parser gives the error
        # always a fixed offset of whole minutes (or UTC): nothing to normalize
        return _parse_iso(value)
    if isinstance(value, datetime):
        return _normalize(value)
    raise InvalidValue(f"expected an ISO 8601 datetime string, got {describe(value)}")


def structure_naive_or_aware_datetime(value: Any, _: Any = None) -> datetime:
    """:func:`structure_datetime`'s grammar, but a value without an offset stays naive
    (a plain pydantic v2 ``datetime``: Prefect 3.9's anchor dates on Python 3.13+)."""
    moment = structure_datetime(value)
    if isinstance(value, datetime):
        return value if value.tzinfo is None else moment
    shape = value.encode("ascii").translate(_AS_SHAPE)
    plan = _SHAPES.get(shape) or _shape_plan(shape)  # (another thread may clear the cache)
    if plan is not None and plan[2]:  # a UTC suffix was added: none was written
        return moment.replace(tzinfo=None)
    return moment


# pydantic v1's parse_datetime, verbatim: Prefect 2.20 declares some fields as plain
# ``datetime`` (``WorkerResponse.last_heartbeat_time``), read by pydantic v1 itself.
_V1_DATETIME: Final = (
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})[T ]"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:\.(?P<microsecond>\d{1,6})\d{0,6})?)?"
    r"(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_V1_EPOCH: Final = datetime(1970, 1, 1)
_V1_MS_WATERSHED: Final = int(2e10)
_V1_MAX_NUMBER: Final = int(3e20)


def _v1_from_unix_seconds(seconds: int | float) -> datetime:
    if seconds > _V1_MAX_NUMBER:
        return datetime.max
    if seconds < -_V1_MAX_NUMBER:
        return datetime.min
    while abs(seconds) > _V1_MS_WATERSHED:
        seconds /= 1000
    try:
        moment = _V1_EPOCH + timedelta(seconds=seconds)
    except (ValueError, OverflowError):  # NaN
        raise InvalidValue(f"expected a datetime, got the number {seconds!r}") from None
    return moment.replace(tzinfo=_UTC)


def _v1_numeric(value: Any) -> int | float | None:
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except ValueError:
        return None


def parse_v1_datetime(value: Any) -> datetime:
    """A value as pydantic v1's ``parse_datetime`` reads it: a number or numeric string
    is Unix time (seconds, or milliseconds and finer when large), else
    ``YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]][Z|+HH[:MM]]``."""
    if isinstance(value, str) and len(value) > _MAX_TEXT:
        raise InvalidValue(f"expected a datetime, got {describe(value)}")
    number = _v1_numeric(value)
    if number is not None:
        return _v1_from_unix_seconds(number)
    match = _pattern(_V1_DATETIME).match(value)
    if match is None:
        raise InvalidValue(f"expected a datetime, got {describe(value)}")
    parts = match.groupdict()
    if parts["microsecond"]:
        parts["microsecond"] = parts["microsecond"].ljust(6, "0")
    offset = parts.pop("tzinfo")
    zone: tzinfo | None = None
    if offset == "Z":
        zone = _UTC
    elif offset is not None:
        minutes = 60 * int(offset[1:3]) + (int(offset[-2:]) if len(offset) > 3 else 0)
        try:
            zone = timezone(timedelta(minutes=-minutes if offset[0] == "-" else minutes))
        except ValueError:
            raise InvalidValue(f"UTC offset out of range in {describe(value)}") from None
    try:
        return datetime(**{k: int(v) for k, v in parts.items() if v is not None}, tzinfo=zone)
    except ValueError:
        raise InvalidValue(f"expected a valid datetime, got {describe(value)}") from None


def structure_plain_datetime(value: Any, _: Any = None) -> datetime:
    """A plain ``datetime`` field, read as pydantic v1 reads it (Prefect's); a naive
    value stays naive. Numbers and all-digit strings are Unix time (``"20241101"`` is
    1970-08-23T06:31:41+00:00); dates without a time, week and ordinal dates are refused."""
    if isinstance(value, datetime):
        return value if value.tzinfo is None else _normalize(value)
    if isinstance(value, str | int | float):
        moment = parse_v1_datetime(value)
        return moment if moment.tzinfo is None else _normalize(moment)
    raise InvalidValue(f"expected a datetime string or number, got {describe(value)}")


# pydantic v2's datetime grammar (speedate, lax mode), Prefect 3.9's: RFC 3339's
# YYYY-MM-DD, alone (midnight) or with T, t, _ or a space and HH:MM[:SS[.f...]] (digits
# past the sixth truncated), Z, z, +HH:MM or +HHMM; or Unix time as a number or a string
# of digits (seconds, or milliseconds beyond 2e10).
_V2_DATETIME: Final = (
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt_ ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?)?"
)
_V2_UNIX: Final = r"([+-]?)([0-9]*)(?:\.([0-9]*))?"
_V2_MS_WATERSHED: Final = 20_000_000_000
_V2_MAX_TIMESTAMP: Final = 253_402_300_799  # 9999-12-31T23:59:59
_V2_MIN_TIMESTAMP: Final = 62_135_596_800  # 0001-01-01T00:00:00, before 1970
_UNIX_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _v2_from_unix(number: int | float) -> datetime:
    """Unix time as speedate reads it: seconds, or milliseconds when beyond 2e10; the
    fraction rounded to the microsecond; UTC."""
    if isinstance(number, int):
        if abs(number) > _V2_MS_WATERSHED:
            whole, micro = number // 1000, number % 1000 * 1000
        else:
            whole, micro = number, 0
    else:
        if not math.isfinite(number) or abs(number) > 1e15:
            raise InvalidValue(f"Unix time out of range: {number!r}")
        floor = math.floor(number)
        if abs(number) > _V2_MS_WATERSHED:  # milliseconds, the fraction in microseconds
            whole, rest = divmod(floor, 1000)
            micro = rest * 1000 + math.floor((number - floor) * 1000 + 0.5)
        else:  # the fraction is not negative: half away from zero is half up
            whole, micro = floor, math.floor((number - floor) * 1_000_000 + 0.5)
    if not -_V2_MIN_TIMESTAMP <= whole <= _V2_MAX_TIMESTAMP:
        raise InvalidValue("Unix time out of range")
    return _UNIX_EPOCH + timedelta(seconds=whole, microseconds=micro)


_V2_FORM, _V2_UNIX_TIME = 1, 2
# a string's shape (digits as 9) -> (form or 0 if refused, its offset's sign position or
# 0, the UTC suffix that makes a form without an offset aware)
_V2Plan = tuple[int, int, str]
_V2_SHAPES: dict[bytes, _V2Plan] = {}


def _v2_shape(shape: bytes) -> _V2Plan:
    text = shape.decode()
    match = _pattern(_V2_DATETIME).fullmatch(text)
    plan: _V2Plan = (0, 0, "")
    if match is not None:
        sign = match.start(9) if match[9] else 0
        suffix = "" if match[8] or sign else "+00:00" if match[4] else "T00:00:00+00:00"
        plan = (_V2_FORM, sign, suffix)
    elif (unix := _pattern(_V2_UNIX).fullmatch(text)) and (unix[2] or unix[3]):
        plan = (_V2_UNIX_TIME, 0, "")
    if len(_V2_SHAPES) >= _SHAPES_SIZE:
        _V2_SHAPES.clear()
    _V2_SHAPES[shape] = plan
    return plan


def parse_v2_datetime(value: Any, aware: bool = False) -> datetime:
    """A string or number as pydantic v2 reads a ``datetime``: naive if it has no offset,
    unless ``aware`` (then UTC).

    A string is checked by its shape (digits written as 9; the verdict on a shape is
    cached) against speedate's grammar, then read by ``datetime.fromisoformat``, which
    checks the digits' ranges and reads every accepted form alike on Python 3.11-3.13
    (offset minutes above 59, which it would carry over, are refused first)."""
    if isinstance(value, str):
        try:
            if len(value) > _MAX_TEXT:
                raise ValueError(value)
            shape = value.encode("ascii").translate(_AS_SHAPE)  # non-ASCII: refused here
            form, sign, suffix = _V2_SHAPES[shape] if shape in _V2_SHAPES else _v2_shape(shape)
            if form == _V2_FORM:
                if sign and value[-2] > "5":
                    raise ValueError(value)  # offset minutes above 59
                if value[-1] == "z":
                    return _fromisoformat(value[:-1] + "Z")
                return _fromisoformat(value + suffix if aware and suffix else value)
            if form == _V2_UNIX_TIME:
                return _v2_from_unix(float(value) if "." in value else int(value))
            raise ValueError(value)
        except (ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
            raise InvalidValue(f"expected a datetime, got {describe(value)}") from None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _v2_from_unix(value)
    raise InvalidValue(f"expected a datetime, got {describe(value)}")


def _v2_python_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def structure_v2_datetime(value: Any, _: Any = None) -> datetime:
    """A datetime as Prefect 3.9 reads its ``DateTime`` fields: pydantic v2's grammar
    (:func:`parse_v2_datetime`), a naive value taken as UTC. Forms only pendulum's
    fallback reads on Python 3.12 and older servers (week and ordinal dates, basic
    format, ``"now"``) are refused, as a Python 3.13 server refuses them."""
    if value.__class__ is str and len(value) in (20, 27) and value[-1] == "Z":
        try:  # the wire form, YYYY-MM-DDTHH:MM:SS[.ffffff]Z
            moment = _fromisoformat(value)
        except ValueError:
            pass
        else:
            if (
                value[10] == "T"
                and value[4] == value[7] == "-"
                and value[13] == value[16] == ":"
                and value[19] in ".Z"
                and value.isascii()
            ):
                return moment
    if value.__class__ is str:  # speedate's offsets are whole minutes: nothing to normalize
        return parse_v2_datetime(value, aware=True)
    return _normalize(_v2_python_datetime(value) or parse_v2_datetime(value))


def structure_v2_plain_datetime(value: Any, _: Any = None) -> datetime:
    """A plain ``datetime`` field of Prefect 3.9 (``WorkerResponse.last_heartbeat_time``):
    pydantic v2's grammar, a naive value kept naive."""
    moment = _v2_python_datetime(value) or parse_v2_datetime(value)
    return moment if moment.tzinfo is None else _normalize(moment)


# --- timedeltas --------------------------------------------------------------------

# pydantic v1's duration grammar, verbatim, so that strings mean what they mean to Prefect.
_STANDARD_DURATION: Final = (
    r"^"
    r"(?:(?P<days>-?\d+) (days?, )?)?"
    r"((?:(?P<hours>-?\d+):)(?=\d+:\d+))?"
    r"(?:(?P<minutes>-?\d+):)?"
    r"(?P<seconds>-?\d+)"
    r"(?:\.(?P<microseconds>\d{1,6})\d{0,6})?"
    r"$"
)
_ISO8601_DURATION: Final = (
    r"^(?P<sign>[-+]?)"
    r"P"
    r"(?:(?P<days>\d+(\.\d+)?)D)?"
    r"(?:T"
    r"(?:(?P<hours>\d+(\.\d+)?)H)?"
    r"(?:(?P<minutes>\d+(\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(\.\d+)?)S)?"
    r")?"
    r"$"
)


def _parse_duration(text: str) -> timedelta:
    if len(text) > _MAX_TEXT:
        raise InvalidValue(f"expected a duration, got {describe(text)}")
    match = _pattern(_STANDARD_DURATION).match(text) or _pattern(_ISO8601_DURATION).match(text)
    if match is None:
        raise InvalidValue(f"expected a duration, got {describe(text)}")
    parts = match.groupdict()
    sign = -1 if parts.pop("sign", None) == "-" else 1
    if parts.get("microseconds"):
        parts["microseconds"] = parts["microseconds"].ljust(6, "0")
    if parts.get("seconds") and parts.get("microseconds") and parts["seconds"].startswith("-"):
        parts["microseconds"] = "-" + parts["microseconds"]
    try:
        amounts = {k: float(v) for k, v in parts.items() if v is not None and k in _UNITS}
        duration = sign * timedelta(**amounts)
    except (ValueError, OverflowError):
        raise InvalidValue(f"duration out of range: {describe(text)}") from None
    return _exact_duration(duration, text)


_UNITS: Final = frozenset({"days", "hours", "minutes", "seconds", "microseconds"})

# Below 2**53 microseconds (about 104,249 days) float seconds hold every duration exactly.
_EXACT_DAYS: Final = 104_000


def _exact_duration(duration: timedelta, shown: Any) -> timedelta:
    """The duration, if float seconds (its wire form) hold it exactly."""
    if -_EXACT_DAYS < duration.days < _EXACT_DAYS:
        return duration
    try:
        exact = timedelta(seconds=duration.total_seconds()) == duration
    except OverflowError:
        exact = False
    if not exact:
        raise InvalidValue(f"duration {describe(shown)} cannot be written exactly as float seconds")
    return duration


def structure_timedelta(value: Any, _: Any = None) -> timedelta:
    """Seconds as a number, ``[-][D day[s], ][HH:[MM:]]SS[.ffffff]`` or ISO ``[-]P[nD][T...]``."""
    if value.__class__ is float or value.__class__ is int:
        try:
            duration = timedelta(seconds=value)
        except (OverflowError, ValueError):
            raise InvalidValue(f"expected a duration in range, got {value!r} seconds") from None
        return _exact_duration(duration, value)
    if isinstance(value, timedelta):
        return _exact_duration(value, value)
    if isinstance(value, str):
        return _parse_duration(value)
    if isinstance(value, int | float):
        # booleans and int/float subclasses, spelled as pydantic v1 does
        return _parse_duration(f"{value:f}")
    raise InvalidValue(f"expected a duration in seconds, got {describe(value)}")


# pydantic v2's duration grammar (speedate 0.17, lax mode), for the fields Prefect 2.20
# declares with its pydantic-core types (``IntervalSchedule.interval``): ``"01:00"`` is
# an hour there, ``"3600"`` a refusal, ``"P1W"`` and ``"1 day"`` durations.

_V2_MAX_DAYS: Final = 999_999_999


class _Refused(ValueError):
    """One speedate parse error (never escapes this module)."""


def _v2_number(text: str, at: int) -> tuple[int, int]:
    """The ASCII digits at ``at`` as an integer (an u32 in speedate), and where they end."""
    end = at
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    if end == at:
        raise _Refused("invalid digit")
    value = int(text[at:end])
    if value > 0xFFFF_FFFF:
        raise _Refused("value too large")
    return value, end


def _v2_clock(text: str) -> tuple[int, int, int]:
    """(days, seconds, microseconds) of ``HH...:MM[:SS[.ffffff]]``, any number of hours."""
    if len(text) < 5:
        raise _Refused("too short")
    hour_part, colon, rest = text.partition(":")
    if not colon:
        raise _Refused("invalid character in hour")
    if len(hour_part) > 10 or not all("0" <= c <= "9" for c in hour_part):
        raise _Refused("invalid hour")
    hours = int(hour_part or "0")
    if hours > 24 * 10**8:
        raise _Refused("hours too large")
    rest = rest[:12]  # speedate truncates past "00:" + 12 characters
    if len(rest) < 2 or not ("0" <= rest[0] <= "9" and "0" <= rest[1] <= "9"):
        raise _Refused("invalid minute")
    minute = int(rest[:2])
    if minute > 59:
        raise _Refused("minute out of range")
    second = micro = 0
    at = 2
    if len(rest) > 2 and rest[2] == ":":
        if len(rest) < 5 or not ("0" <= rest[3] <= "9" and "0" <= rest[4] <= "9"):
            raise _Refused("invalid second")
        second = int(rest[3:5])
        if second > 59:
            raise _Refused("second out of range")
        at = 5
        if len(rest) > 5 and rest[5] in ".,":
            end = 6
            while end < len(rest) and "0" <= rest[end] <= "9":
                end += 1
            digits = rest[6:end]
            if not digits:
                raise _Refused("second fraction missing")
            micro = int(digits[:6].ljust(6, "0"))
            at = end
    if at != len(rest):
        raise _Refused("unexpected extra characters")
    return hours // 24, (hours % 24) * 3600 + minute * 60 + second, micro


def _v2_days_clock(text: str) -> tuple[int, int, int]:
    """``D[ ]d[ay[s]][,][ ]`` and an optional clock."""
    day, at = _v2_number(text, 0)
    rest = text[at:]
    if rest[:2] in (" d", " D"):
        rest = rest[2:]
    elif rest[:1] in ("d", "D"):
        rest = rest[1:]
    else:
        raise _Refused("invalid days")
    for word in ("ays", "ay", "AYS", "AY"):
        if rest.startswith(word):
            rest = rest[len(word) :]
            break
    else:
        if rest[:1] in ("a", "A"):
            raise _Refused("invalid days")
    for separator in (", ", ",", " "):
        if rest.startswith(separator):
            rest = rest[len(separator) :]
            break
    if not rest:
        return day, 0, 0
    extra_days, second, micro = _v2_clock(rest)
    if extra_days:
        raise _Refused("hours beyond a day after days")
    return day, second, micro


def _v2_iso(text: str) -> tuple[int, int, int]:
    """An ISO 8601 duration without its ``P``: ``nY nM nW nD T nH nM nS``, any order,
    a fraction (``.`` or ``,``) allowed on the last quantity only."""
    got_t = last_fraction = False
    at = day = second = micro = 0
    while at < len(text):
        if text[at] == "T":
            if got_t:
                raise _Refused("T repeated")
            got_t = True
            at += 1
            continue
        value, at = _v2_number(text, at)
        fraction = None
        if at < len(text) and text[at] in ".,":
            end = at + 1
            while end < len(text) and "0" <= text[end] <= "9":
                end += 1
            digits = text[at + 1 : end]
            fraction = int(digits) / 10 ** len(digits) if digits else 0.0
            at = end
        if last_fraction:
            raise _Refused("fraction not on the last quantity")
        last_fraction = fraction is not None
        unit = text[at] if at < len(text) else ""
        if got_t:
            mult = {"H": 3600, "M": 60, "S": 1}.get(unit)
            if mult is None:
                raise _Refused("invalid time unit")
            second += mult * value
            if fraction is not None:
                extra = fraction * mult
                second += int(extra)
                micro += _round_half_away((extra - int(extra)) * 1_000_000)
        else:
            mult = {"Y": 365, "M": 30, "W": 7, "D": 1}.get(unit)
            if mult is None:
                raise _Refused("invalid date unit")
            day += value * mult
            if fraction is not None:
                extra_days = fraction * mult
                day += int(extra_days)
                extra_seconds = (extra_days - int(extra_days)) * 86_400
                second += int(extra_seconds)
                micro += _round_half_away((extra_seconds - int(extra_seconds)) * 1_000_000)
        if max(day, second, micro) > 0xFFFF_FFFF:
            raise _Refused("value too large")
        at += 1
    if at < 2:
        raise _Refused("too short")
    return day, second, micro


def _round_half_away(number: float) -> int:
    return math.floor(number + 0.5) if number >= 0 else -math.floor(-number + 0.5)


def _v2_timedelta(positive: bool, day: int, second: int, micro: int) -> timedelta:
    second += micro // 1_000_000
    micro %= 1_000_000
    day += second // 86_400
    second %= 86_400
    if second > 0xFFFF_FFFF or day > _V2_MAX_DAYS:
        raise _Refused("durations may not exceed 999,999,999 days")
    sign = 1 if positive else -1
    return timedelta(days=sign * day, seconds=sign * second, microseconds=sign * micro)


def parse_v2_duration(text: str) -> timedelta:
    """A string as pydantic v2 reads a ``timedelta`` (speedate's grammar), or InvalidValue."""
    if len(text) > _MAX_TEXT:
        raise InvalidValue(f"expected a duration, got {describe(text)}")
    body = text
    positive = True
    if body[:1] in ("+", "-"):
        positive = body[0] == "+"
        body = body[1:]
    try:
        if not body:
            raise _Refused("too short")
        if not body.isascii():
            raise _Refused("invalid character")
        if body[0] == "P":
            parts = _v2_iso(body[1:])
        elif "d" in body or "D" in body or len(body) < 5:
            parts = _v2_days_clock(body)
        else:
            parts = _v2_clock(body)
        return _v2_timedelta(positive, *parts)
    except _Refused as exc:
        raise InvalidValue(f"expected a duration, got {describe(text)} ({exc})") from None


def structure_v2_timedelta(value: Any, _: Any = None) -> timedelta:
    """A duration as pydantic v2 (lax mode) reads one: a timedelta, seconds as a number,
    or a string in its grammar (:func:`parse_v2_duration`)."""
    if isinstance(value, timedelta):
        return _exact_duration(value, value)
    if isinstance(value, str):
        return _exact_duration(parse_v2_duration(value), value)
    if isinstance(value, int):
        number = int(value)
        if abs(number) > _V2_MAX_DAYS * 86_400 + 86_399:
            raise InvalidValue(f"duration of {number} seconds is out of range")
        return _exact_duration(timedelta(seconds=number), value)
    if value.__class__ is float and 0.0 <= value < 86_400.0:
        # the wire's own case (seconds under a day), the general branch below unrolled
        second = int(value)
        return timedelta(0, second, math.floor((value - second) * 1_000_000 + 0.5))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(f"expected a finite duration, got {value!r}")
        magnitude = abs(value)
        day = min(int(magnitude / 86_400), 0xFFFF_FFFF)
        second = min(int(magnitude), 2**64 - 1) % 86_400
        micro = _round_half_away((magnitude - math.floor(magnitude)) * 1_000_000)
        try:
            duration = _v2_timedelta(value >= 0, day, second, micro)
        except _Refused:
            raise InvalidValue(f"duration of {value!r} seconds is out of range") from None
        return _exact_duration(duration, value)
    raise InvalidValue(f"expected a duration, got {describe(value)}")


def structure_v2_duration(value: Any, _: Any = None) -> timedelta:
    """A ``timedelta`` field of Prefect 3.9: pydantic v2's grammar
    (:func:`structure_v2_timedelta`), within 104,000 days either way (Prefect 3.9's
    writer rounds longer ones: ``-766517569273`` seconds goes out as
    ``-766517569272.9999``)."""
    duration = structure_v2_timedelta(value)
    if not -_EXACT_DAYS < duration.days < _EXACT_DAYS:
        raise InvalidValue(f"duration {describe(value)} is beyond 104,000 days")
    return duration


# --- containers --------------------------------------------------------------------


MAX_NESTING: Final = 254
"""How deep arrays and objects may nest inside a free-form value (``parameters`` ...):
as deep as Prefect's own encoders write (orjson stops at 254 levels)."""

_JSON_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def structure_json_value(value: Any, _: Any = None) -> Any:
    """Any JSON value, unchanged, once checked to be writable by both encoders.

    Objects with string keys, arrays (lists), strings UTF-8 can carry, finite
    numbers, booleans and null; at most :data:`MAX_NESTING` levels deep. The walk
    is iterative: the verdict does not depend on the caller's stack depth.
    """
    _check_container([value], depth=0)  # the value as the one item of a list
    return value


def _check_container(root: dict[str, Any] | list[Any], depth: int = 1) -> None:
    """Check a free-form container and everything in it, ``root`` at nesting ``depth``."""
    pending: list[tuple[Any, int]] = [(root, depth)]
    pop, push = pending.pop, pending.append
    while pending:
        container, depth = pop()
        if depth > MAX_NESTING:
            raise InvalidValue(f"nested more than {MAX_NESTING} arrays or objects deep")
        if container.__class__ is dict:
            for key in container:
                if key.__class__ is not str:
                    raise InvalidValue(f"object keys must be strings, got {describe(key)}")
                if not key.isascii():
                    _writable(key)
            items = container.values()
        else:
            items = container
        for item in items:
            cls = item.__class__
            if cls is str:
                if not item.isascii():
                    _writable(item)
            elif cls is dict or cls is list:
                push((item, depth + 1))
            elif cls is float:
                if item - item != 0.0:
                    raise InvalidValue(f"expected a finite number, got {item!r}")
            elif cls is int:
                if not -WRITABLE_INT < item < WRITABLE_INT:
                    _writable_int(item)
            elif cls not in _JSON_SCALARS:
                raise InvalidValue(f"expected a JSON value, got {describe(item)}")


def structure_dict_any(value: Any, _: Any = None) -> dict[str, Any]:
    """A JSON object, kept as is (not copied); an empty array reads as ``{}``."""
    if value.__class__ is dict:
        if value:
            _check_container(value)
        return value
    if isinstance(value, dict):
        return structure_dict_any(dict(value))
    if isinstance(value, list | tuple) and not value:
        return {}
    raise InvalidValue(f"expected an object, got {describe(value)}")


def structure_v2_dict_any(value: Any, _: Any = None) -> dict[str, Any]:
    """A JSON object as pydantic v2 reads a ``dict`` (Prefect 3.9): an empty array is
    refused, not read as ``{}``."""
    if isinstance(value, list | tuple):
        raise InvalidValue(f"expected an object, got {describe(value)}")
    return structure_dict_any(value)


def structure_dict_str(value: Any, _: Any = None) -> dict[str, str]:
    """A JSON object whose values are coerced to strings."""
    source = structure_dict_any(value)
    result: dict[str, str] = {}
    for key, item in source.items():
        if key.__class__ is not str:
            raise InvalidValue(f"object keys must be strings, got {describe(key)}")
        try:
            result[key] = structure_str(item)
        except InvalidValue as exc:
            raise InvalidValue(f"value of {key!r}: {exc}") from None
    return result


def structure_str_list(value: Any, _: Any = None) -> list[str]:
    """A JSON array whose items are coerced to strings (a bare string is rejected)."""
    if not isinstance(value, list | tuple):
        raise InvalidValue(f"expected an array, got {describe(value)}")
    try:
        return [
            item if item.__class__ is str and item.isascii() else structure_str(item)
            for item in value
        ]
    except InvalidValue:
        for index, item in enumerate(value):
            try:
                structure_str(item)
            except InvalidValue as exc:
                raise InvalidValue(f"item {index}: {exc}") from None
        raise


EMPTY_FROZENSET: Final[frozenset[Any]] = frozenset()


# A set of N items that share one hash costs N**2 / 2 comparisons to build: integers
# k * (2**61 - 1) all hash alike. Honest keys (strings, small numbers) never come close.
_MAX_SHARED_HASH: Final = 16


def structure_frozenset(value: Any, _: Any = None) -> frozenset[Any]:
    """A JSON array read as a set: duplicates collapse, items must be JSON scalars."""
    if not isinstance(value, list | tuple | set | frozenset):
        raise InvalidValue(f"expected an array, got {describe(value)}")
    if not value:
        return EMPTY_FROZENSET
    others = []
    for item in value:
        cls = item.__class__
        if cls is str:
            if not item.isascii():
                _writable(item)
        elif cls not in _JSON_SCALARS or (cls is float and item - item != 0.0):
            raise InvalidValue(f"expected an array of JSON scalars, got {describe(item)}")
        else:
            others.append(item)
    if len(others) > _MAX_SHARED_HASH:
        shared: dict[int, int] = {}
        for item in others:
            key = hash(item)
            count = shared[key] = shared.get(key, 0) + 1
            if count > _MAX_SHARED_HASH:
                raise InvalidValue("too many items with the same hash (a hash-collision attack?)")
    return frozenset(value)


# --- enums and literals -------------------------------------------------------


def make_literal_structure(tp: Any) -> Callable[..., Any]:
    allowed = get_args(tp)
    spelled = ", ".join(repr(a) for a in allowed)

    def structure_literal(value: Any, _: Any = None) -> Any:
        if value.__class__ is str or value.__class__ is int:
            for candidate in allowed:
                if value == candidate and value.__class__ is candidate.__class__:
                    return candidate
        raise InvalidValue(f"expected one of {spelled}, got {describe(value)}")

    return structure_literal


@functools.cache
def enum_structure_hook(tp: type[Enum]) -> Callable[..., Any]:
    """The structure hook of one enum: its exact values only."""
    members = {m.value: m for m in tp}
    spelled = ", ".join(repr(v) for v in members)

    def structure_enum(value: Any, _: Any = None) -> Enum:
        if value.__class__ is str:
            member = members.get(value)
            if member is not None:
                return member
        elif isinstance(value, tp):
            return value
        raise InvalidValue(f"expected one of {spelled}, got {describe(value)}")

    structure_enum.__qualname__ = f"structure_{tp.__name__}"
    return structure_enum
