"""``ItemizedDelta``: an ISO 8601 duration that keeps its items, as ``whenever`` holds it.

Prefect 3.9 on Python 3.13+ has no pendulum: ``IntervalSchedule.interval`` is
``timedelta | whenever.ItemizedDelta`` there, and a client's ISO 8601 string
(``"P1D"``, ``"PT90M"``, ``"P1M"``) is kept as an ``ItemizedDelta``: its items as
given (90 minutes stay 90 minutes, a month is a calendar month), written back with
``format_iso`` (``"P1D"``). This is the value, without ``whenever``: the parser and
the writer follow whenever 0.11's ``ItemizedDelta.parse_iso`` and ``format_iso``
(checked against it), equality is whenever's (an item given as zero equals an absent
one). Calendar arithmetic is whenever's business, not this package's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

from ._scalars import InvalidValue, describe, parse_v2_duration

__all__ = ["ItemizedDelta", "structure_itemized_delta"]

UNITS: Final = ("years", "months", "weeks", "days", "hours", "minutes", "seconds", "nanoseconds")

# whenever's bounds: 9999 years, in each unit
_MAX_YEARS: Final = 9999
_MAXIMA: Final = (
    _MAX_YEARS,
    _MAX_YEARS * 12,
    _MAX_YEARS * 53,
    _MAX_YEARS * 366,
    _MAX_YEARS * 366 * 24,
    _MAX_YEARS * 366 * 24 * 60,
    _MAX_YEARS * 366 * 24 * 3600,
    999_999_999,
)
_MAX_DATE_DIGITS: Final = 35
_MAX_TIME_DIGITS: Final = 35
_MAX_TEXT: Final = 320  # every item with 35 digits (leading zeros) and 9 decimals


class ItemizedDelta:
    """An ISO 8601 duration kept item by item (whenever's ``ItemizedDelta``).

    >>> ItemizedDelta.parse_iso("P1W11DT90M")
    ItemizedDelta('P1W11DT90M')
    >>> ItemizedDelta.parse_iso("pt1,50s").format_iso()
    'PT1.5S'

    Items absent are ``None``; all present items share one sign. ``str()`` is
    ``format_iso()``, the text Prefect's server writes.
    """

    __slots__ = ("_items", "_sign")

    _items: tuple[int | None, ...]
    _sign: int

    def __init__(self, iso: str, /) -> None:
        parsed = ItemizedDelta.parse_iso(iso)
        self._items = parsed._items
        self._sign = parsed._sign

    @classmethod
    def _make(cls, sign: int, items: tuple[int | None, ...]) -> ItemizedDelta:
        self = object.__new__(cls)
        self._sign = sign
        self._items = items
        return self

    @classmethod
    def parse_iso(cls, text: str, /) -> ItemizedDelta:
        """Parse an ISO 8601 duration as whenever does: ``[+-]P`` then years, months,
        weeks and days, then ``T`` and hours, minutes and seconds (a fraction of up to
        9 digits, with ``.`` or ``,``), each at most once and in that order; any case."""
        problem = ValueError(f"invalid ISO 8601 duration: {text[:40]!r}")
        if len(text) < 3 or len(text) > _MAX_TEXT or not text.isascii() or text[-1] in "Tt":
            raise problem
        upper = text.upper()
        sign = 1
        if upper[0] in "+-":
            sign = -1 if upper[0] == "-" else 1
            upper = upper[1:]
        if not upper.startswith("P"):
            raise problem
        rest = upper[1:]
        items: list[int | None] = [None] * 8
        date_part, t, time_part = rest.partition("T")
        if t and not time_part:
            raise problem
        _read_items(date_part, "YMWD", 0, items, problem)
        if t:
            _read_time(time_part, items, problem)
        if all(item is None for item in items):
            raise problem
        for item, maximum in zip(items, _MAXIMA, strict=True):
            if item and item > maximum:
                raise ValueError(f"duration out of range: {text[:40]!r}")
        if not any(items):
            sign = 0
        return cls._make(sign, tuple(items))

    def sign(self) -> int:
        """1, -1, or 0 when every item is zero."""
        return self._sign

    def items(self) -> list[tuple[str, int]]:
        """The items present, largest unit first, signed: ``[("days", 1)]``."""
        return [
            (unit, -value if self._sign < 0 else value)
            for unit, value in zip(UNITS, self._items, strict=True)
            if value is not None
        ]

    def format_iso(self) -> str:
        """The ISO 8601 text, as whenever's ``format_iso`` writes it."""
        years, months, weeks, days, hours, minutes, seconds, nanos = self._items
        parts = ["-" if self._sign < 0 else "", "P"]
        for value, unit in ((years, "Y"), (months, "M"), (weeks, "W"), (days, "D")):
            if value is not None:
                parts.append(f"{value}{unit}")
        parts.append("T")
        for value, unit in ((hours, "H"), (minutes, "M")):
            if value is not None:
                parts.append(f"{value}{unit}")
        if seconds is not None:
            if nanos is None:
                parts.append(f"{seconds}S")
            elif nanos:
                parts.append(f"{seconds}.{nanos:09d}".rstrip("0") + "S")
            else:
                parts.append(f"{seconds}.0S")
        text = "".join(parts)
        return text[:-1] if text.endswith("T") else text

    def as_timedelta(self) -> timedelta:
        """The duration pydantic reads from this text (a year 365 days, a month 30):
        what a Prefect server on Python 3.12 or older holds for it."""
        return parse_v2_duration(self.format_iso())

    def __str__(self) -> str:
        return self.format_iso()

    def __repr__(self) -> str:
        return f"ItemizedDelta({self.format_iso()!r})"

    def _key(self) -> tuple[int, ...]:
        return tuple((item or 0) * self._sign for item in self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ItemizedDelta):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        return ItemizedDelta, (self.format_iso(),)


def _digits(raw: str, limit: int, problem: ValueError) -> int:
    if not raw.isdigit() or len(raw) > limit:
        raise problem
    return int(raw)


def _read_items(
    text: str, units: str, first: int, items: list[int | None], problem: ValueError
) -> None:
    """Items such as ``1Y2M`` into ``items`` from ``first`` on, units in order."""
    position = 0
    start = 0
    for index, char in enumerate(text):
        if not char.isdigit():
            at = units.find(char, position)
            if at < 0:
                raise problem
            items[first + at] = _digits(text[start:index], _MAX_DATE_DIGITS, problem)
            position = at + 1
            start = index + 1
    if start != len(text):
        raise problem


def _read_time(text: str, items: list[int | None], problem: ValueError) -> None:
    """``1H2M3.5S``: hours and minutes whole, seconds with a fraction of up to 9 digits."""
    head, s, tail = text.partition("S")
    if s and tail:
        raise problem
    if not s:
        _read_items(head, "HM", 4, items, problem)
        return
    cut = max(head.rfind("H"), head.rfind("M")) + 1
    _read_items(head[:cut], "HM", 4, items, problem)
    number = head[cut:].replace(",", ".")
    whole, dot, fraction = number.partition(".")
    items[6] = _digits(whole, _MAX_TIME_DIGITS, problem)
    if dot:
        if len(fraction) > 9:
            raise problem
        items[7] = _digits(fraction, 9, problem) * 10 ** (9 - len(fraction))


def structure_itemized_delta(value: Any, _: Any = None) -> ItemizedDelta:
    """An ``ItemizedDelta`` from its ISO 8601 text (or itself)."""
    if value.__class__ is ItemizedDelta:
        return value
    if isinstance(value, str):
        try:
            return ItemizedDelta.parse_iso(value)
        except ValueError as exc:
            raise InvalidValue(str(exc)) from None
    raise InvalidValue(f"expected an ISO 8601 duration string, got {describe(value)}")


def itemized_text(value: ItemizedDelta) -> str:
    return value.format_iso()
