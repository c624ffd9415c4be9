"""Seeded value generators, one per field kind: valid wire values, other spellings
Prefect may or may not take, edge cases and random mutations of all of these."""

from __future__ import annotations

import calendar
import random
import string
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

Rng = random.Random

_NON_STRINGS: list[Any] = [
    None, True, False, 0, 1, -1, 0.0, 1.5, -0.5, 1e20, -1e20, 2**63, 2**64, -(2**63),
    [], {}, [1], {"a": 1}, "", " ",
]  # fmt: skip


def mutate(rng: Rng, text: str) -> str:
    """One to three random edits: delete, insert, replace, swap, duplicate."""
    alphabet = string.digits * 3 + "-:.,TZWPDHMSYtz +_/" + "\u0661\uff11"
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(5)
        at = rng.randrange(len(chars) + 1)
        if op == 0 and chars:
            del chars[min(at, len(chars) - 1)]
        elif op == 1:
            chars.insert(at, rng.choice(alphabet))
        elif op == 2 and chars:
            chars[min(at, len(chars) - 1)] = rng.choice(alphabet)
        elif op == 3 and len(chars) > 1:
            i = min(at, len(chars) - 2)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif chars:
            i = min(at, len(chars) - 1)
            chars.insert(i, chars[i])
    return "".join(chars)


def _pick(rng: Rng, options: list[Any]) -> Any:
    return options[rng.randrange(len(options))]


# --- datetimes ---------------------------------------------------------------------


def _random_moment(rng: Rng) -> datetime:
    year = _pick(rng, [rng.randint(1, 9999), rng.randint(1970, 2100), 2024, 2020, 2015, 2026])
    start = datetime(year, 1, 1)
    days = 366 if calendar.isleap(year) else 365
    moment = start + timedelta(days=rng.randrange(days), seconds=rng.randrange(86400))
    if rng.random() < 0.5:
        moment = moment.replace(microsecond=rng.randrange(1_000_000))
    return moment


def _offset(rng: Rng) -> str:
    kind = rng.randrange(12)
    if kind == 0:
        return ""
    if kind == 1:
        return "Z"
    if kind == 2:
        return _pick(rng, ["z", "-00:00", "+00:00", "+0000", "+00", "-00"])
    hours, minutes = rng.randint(0, 14), _pick(rng, [0, 0, 30, 45, rng.randint(0, 59)])
    sign = rng.choice("+-")
    style = rng.randrange(6)
    if style == 0:
        return f"{sign}{hours:02d}{minutes:02d}"
    if style == 1:
        return f"{sign}{hours:02d}"
    if style == 2:
        return f"{sign}{hours:02d}:{minutes:02d}:{rng.randint(0, 59):02d}"
    if style == 3:
        return f"{sign}{rng.randint(15, 99):02d}:{rng.randint(0, 99):02d}"
    return f"{sign}{hours:02d}:{minutes:02d}"


def _spelled_date(rng: Rng, moment: datetime) -> str:
    y, m, d = moment.year, moment.month, moment.day
    iso_year, week, weekday = moment.isocalendar()
    ordinal = moment.timetuple().tm_yday
    style = rng.randrange(10)
    if style == 0:
        return f"{y:04d}{m:02d}{d:02d}"
    if style == 1:
        return f"{iso_year:04d}-W{week:02d}-{weekday}"
    if style == 2:
        return f"{iso_year:04d}W{week:02d}{weekday}"
    if style == 3:
        return f"{iso_year:04d}-W{week:02d}"
    if style == 4:
        return f"{y:04d}-{ordinal:03d}"
    if style == 5:
        return f"{y:04d}{ordinal:03d}"
    if style == 6:
        return f"{y:04d}-{m:02d}"
    if style == 7:
        return f"{y:04d}-{m}-{d}"
    if style == 8:  # week 53 in any year, some of which have none
        return f"{iso_year:04d}-W53-{weekday}" if rng.random() < 0.5 else f"{y:04d}W53{weekday}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _spelled_time(rng: Rng, moment: datetime) -> str:
    h, mi, s = moment.hour, moment.minute, moment.second
    frac = ""
    if rng.random() < 0.5:
        frac = rng.choice(".,") + "".join(
            rng.choice(string.digits) for _ in range(rng.randint(1, 10))
        )
    style = rng.randrange(8)
    if style == 0:
        return f"{h:02d}{mi:02d}{s:02d}{frac}"
    if style == 1:
        return f"{h:02d}:{mi:02d}"
    if style == 2:
        return f"{h:02d}{mi:02d}"
    if style == 3:
        return f"{h:02d}"
    if style == 4:
        return _pick(rng, ["24:00:00", "23:59:60", "24:00", f"{h}:{mi}", f"{h:02d}:{mi:02d}:60"])
    return f"{h:02d}:{mi:02d}:{s:02d}{frac}"


def datetimes(rng: Rng) -> Iterator[Any]:
    """Aware and plain datetime fields share these."""
    yield from [
        "2024-W53-1", "2020-W53-1", "2024W531", "2026-W53-7", "2015-W53-5", "2024-366",
        "2023-366", "2024366", "2024-W01-1", "2024W01", "2024-W01", "20241101", "2024-11-01",
        "2024-11-01T10:20:30,5Z", "2024-11-01T10:20:30.5Z", "2024-11-01 10:20", "now", "12:30",
        "12:30:15", "2024/05/01", "2024:05:01", "2024/05/01 12:30", "2024-01-01/P1D", "P1D",
        "1714521600", "1714521600.5", "-1", "1e3", " 2024-01-01T00:00:00", "2024-01-01T00:00:00\n",
        "2024-01-01T00:00:00+05:99", "2024-01-01T00:00:00+24:00", "2024-01-01T24:00:00",
        "2024-02-29T00:00:00", "2023-02-29T00:00:00", "0000-01-01T00:00:00", "9999-12-31T23:59:59",
        "\uff12\uff10\uff12\uff14-01-01T00:00", "2024-1-1T1:2", "2024-01-01t00:00:00",
        "2024-01-01T00:00:00.1234567890123", "nan", "inf", "-inf", "1_000", 1714521600, 1e20,
        True, None, "2024-01-01T00:00:00+05:30:15", "2024-01-01T00:00:00 Europe/Berlin",
    ]  # fmt: skip
    while True:
        moment = _random_moment(rng)
        kind = rng.randrange(20)
        if kind < 4:
            tz = timezone(timedelta(minutes=rng.randint(-14 * 60, 14 * 60)))
            yield moment.replace(tzinfo=_pick(rng, [UTC, tz])).isoformat()
        elif kind < 13:
            text = _spelled_date(rng, moment)
            if rng.random() < 0.8:
                text += _pick(rng, ["T", "T", " ", "t", ""]) + _spelled_time(rng, moment)
                text += _offset(rng)
            yield text
        elif kind < 16:
            yield mutate(rng, moment.replace(tzinfo=UTC).isoformat())
        elif kind < 18:
            digits = "".join(rng.choice(string.digits) for _ in range(rng.randint(1, 14)))
            yield _pick(rng, [digits, "-" + digits, digits + "." + digits[:3], int(digits)])
        else:
            yield _pick(
                rng, [*_NON_STRINGS, rng.uniform(-1e10, 1e10), rng.randint(-(10**12), 10**12)]
            )


# --- durations ---------------------------------------------------------------------


def durations(rng: Rng) -> Iterator[Any]:
    yield from [
        "01:00", "40:43", "3600", "1:2:3", "0.000001", "P1W", "P1Y", "1 day", "1d", "2 days",
        "1 day, 01:00:00", "1 days 01:00", "1d01:00", "PT1H", "P1DT1H", "-PT1H", "+PT1H",
        "P0.5D", "PT0.5S", "P1.5Y", "P1Y1.5M", "P1.5Y1M", "P1M", "PT1M", "P1DT", "P", "PT",
        "00:00:00.5", "00:00:00,5", "12:34:56.123456789", "25:00", "99:99", "1 day 25:00",
        "0001:00", "01:00Z", "23:59:60", "-01:00", "-1 day", "1_000", "1e3", "nan", "inf",
        "P1_5D", "PT1e3S", " PT1H", "PT1H ", "\uff11 day", 1, 1.5, 0, -1, 1e-07, 5e-07, 1e20,
        1e10, 2**63, 86400 * 999_999_999, 86400 * 1_000_000_000, True, False, None, "", [], {},
        float("nan"), 0.1, 0.0000005, 0.0000015, 1.0000005, 123456789.123456789, 1e15, 1e16,
        9e15 + 0.5,
    ]  # fmt: skip
    while True:
        kind = rng.randrange(12)
        n = _pick(rng, [rng.randint(0, 100), rng.randint(0, 100000), rng.randint(0, 10**12)])
        if kind == 0:
            yield _pick(
                rng,
                [
                    n,
                    -n,
                    n + rng.random(),
                    rng.uniform(0, 1e-5),
                    rng.uniform(0, 10 ** rng.randint(0, 18)),
                ],
            )
        elif kind in (1, 2):  # clock spellings
            h, m, s = rng.randint(0, 120), rng.randint(0, 70), rng.randint(0, 70)
            frac = (
                ""
                if rng.random() < 0.6
                else rng.choice(".,") + str(rng.randint(0, 10 ** rng.randint(1, 10)))
            )
            yield _pick(rng, [
                f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}:{s:02d}{frac}", f"{h}:{m:02d}:{s:02d}",
                f"{rng.choice('-+')}{h:02d}:{m:02d}", f"{h}:{m}", f"{h:02d}{m:02d}",
            ])  # fmt: skip
        elif kind in (3, 4):  # days
            d = rng.randint(0, 400)
            word = _pick(rng, [" day", " days", "d", "D", " d", " DAYS", " Days", "day", " dayz"])
            sep = _pick(rng, ["", ",", ", ", " ", ",  "])
            tail = _pick(
                rng,
                [
                    "",
                    f"{rng.randint(0, 30):02d}:{rng.randint(0, 59):02d}",
                    f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
                ],
            )
            yield f"{_pick(rng, ['', '-', '+'])}{d}{word}{sep}{tail}"
        elif kind in (5, 6, 7):  # ISO 8601
            parts = []
            for unit in _pick(rng, ["YMWD", "D", "WD", "DW", "MD", "YD", ""]):
                if rng.random() < 0.6:
                    parts.append(f"{rng.randint(0, 40)}{'.5' if rng.random() < 0.1 else ''}{unit}")
            text = "P" + "".join(parts)
            if rng.random() < 0.7:
                text += "T"
                for unit in "HMS":
                    if rng.random() < 0.6:
                        num = str(rng.randint(0, 100000))
                        if rng.random() < 0.2:
                            num += rng.choice(".,") + str(rng.randint(0, 999999))
                        text += num + unit
            yield _pick(rng, ["", "", "-", "+"]) + text
        elif kind in (8, 9):
            seed = _pick(
                rng, ["PT1H", "01:00:00", "1 day, 01:00:00", "P1DT2H3M4.5S", "3600", "00:30"]
            )
            yield mutate(rng, seed)
        elif kind == 10:
            yield str(_pick(rng, [n, -n, n + rng.random(), f"{n}.0"]))
        else:
            yield _pick(rng, _NON_STRINGS)


# --- integers ----------------------------------------------------------------------


def integers(rng: Rng) -> Iterator[Any]:
    yield from [
        0, 1, -1, 2, 50, 51, 2**63 - 1, 2**63, 2**64, -(2**63), -(2**63) - 1, 1e20, 9.2e18,
        9.3e18, 2.0**63, 2.0**64, 1.0, 0.0, -0.0, 1.5, 0.5, -1.0, True, False, None, "1", "1.0",
        "2.5", " 1 ", "1_000", "+1", "-0", "0x10", "1e3", "\u0661", "\uff11", "", "01", "1.",
        ".5", "0.0", "10.00", "1e0", [], {}, "nan", float("nan"), float("inf"), "inf", "50.0",
        "51", "9" * 19, "9" * 30, 10**30, 1e300,
    ]  # fmt: skip
    while True:
        kind = rng.randrange(8)
        n = _pick(rng, [rng.randint(-3, 60), rng.randint(-(2**70), 2**70), 2 ** rng.randint(0, 70)])
        if kind < 3:
            yield n
        elif kind == 3:
            yield _pick(rng, [float(n), n + rng.random(), float(f"1e{rng.randint(0, 25)}")])
        elif kind == 4:
            yield _pick(
                rng, [str(n), f"{n}.0", f" {n}", f"{n}_0", f"{n}.{rng.randint(0, 99)}", f"+{n}"]
            )
        elif kind == 5:
            yield mutate(rng, str(n))
        else:
            yield _pick(rng, _NON_STRINGS)


# --- cron --------------------------------------------------------------------------

_CRON_ATOMS = [
    "*", "?", "L", "W", "1W", "15W", "LW", "5L", "L-2", "1#2", "5#5", "0#1", "7#1", "6#6",
    "MON", "mon", "SUN-SAT", "JAN", "dec", "jan-mar", "H", "R", "H(0-5)", "*/5", "*/0",
    "0-59", "0-60", "1-31", "0-23", "24", "1-12", "0-7", "8", "sat-sun", "22-2", "nov-feb",
    "1,2,3", "1#2,3", "5L,1", "?/2", "L/2", "1-5/2", "1-/2", "-1", "01", "001", "1.5", "",
]  # fmt: skip


def crons(rng: Rng) -> Iterator[Any]:
    yield from [
        "* * * * *", "* * * * 5L", "* * * * 1#2,3", "0 0 * * *", "@daily", "@hourly",
        "@reboot", "@every 5m", "0 0 1 1 *", "* * * * * *", "* * * * * * *", "0 12 * * mon-fri",
        "0 0 L * *", "0 0 LW * *", "0 0 15W * *", "0 0 * * 5#3", "0 0 * * L", "0 0 * * 7",
        "H * * * *", "R R * * *", "0 0 31 2 *", "* * ? * ?", "", "  * * * * *  ",
        "*\t*\t*\t*\t*", "0 0 * * SUN#1", "0 0 * * 1L", "0 0 L-3 * *", 0, None, 5.5, [],
    ]  # fmt: skip
    while True:
        fields = rng.choice([5, 5, 5, 5, 4, 6, 7])
        atoms = []
        for position in range(fields):
            if rng.random() < 0.5:
                atoms.append("*")
                continue
            atom = rng.choice(_CRON_ATOMS)
            if rng.random() < 0.3:
                atom = str(rng.randint(0, 70)) if position != 4 else str(rng.randint(0, 9))
            if rng.random() < 0.2:
                atom += "," + rng.choice(_CRON_ATOMS)
            atoms.append(atom)
        text = " ".join(atoms)
        yield mutate(rng, text) if rng.random() < 0.1 else text


# --- timezones ---------------------------------------------------------------------


def timezones(rng: Rng) -> Iterator[Any]:
    import pendulum
    import pytz

    zoneinfo_names = sorted(zoneinfo.available_timezones())
    listed = pendulum.timezones  # a tuple in pendulum 2, a cached function in pendulum 3
    pendulum_names = sorted(listed() if callable(listed) else listed)
    pytz_names = sorted(pytz.all_timezones)
    yield from [
        "UTC", "utc", "Europe/Kyiv", "Europe/Kiev", "America/Ciudad_Juarez", "Pacific/Kanton",
        "localtime", "Factory", "posixrules", "Etc/GMT+5", "EST5EDT", "US/Pacific", "GMT",
        "Etc/UTC", "", " UTC", "UTC ", "/etc/passwd", "../UTC", "Europe/London", "europe/london",
        "America/New_York", "right/UTC", "posix/UTC", "Zulu", "EST", "Asia/Kolkata", 0, None,
        "America/Nuuk", "America/Godthab", "Asia/Qostanay", "Europe/Uzhgorod",
    ]  # fmt: skip
    while True:
        kind = rng.randrange(6)
        if kind == 0:
            yield rng.choice(zoneinfo_names)
        elif kind == 1:
            yield rng.choice(pendulum_names)
        elif kind == 2:
            yield rng.choice(pytz_names)
        elif kind == 3:
            yield rng.choice(zoneinfo_names).lower()
        elif kind == 4:
            yield mutate(rng, rng.choice(zoneinfo_names))
        else:
            yield _pick(rng, _NON_STRINGS)


# --- RRULE -------------------------------------------------------------------------


def _rrule_date(rng: Rng) -> str:
    moment = _random_moment(rng)
    moment = moment.replace(year=rng.randint(1990, 2040), day=min(moment.day, 28))
    style = rng.randrange(5)
    if style == 0:
        return moment.strftime("%Y%m%d")
    if style == 1:
        return moment.strftime("%Y%m%dT%H%M%SZ")
    if style == 2:
        return moment.strftime("%Y%m%dT%H%M%S")
    if style == 3:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return mutate(rng, moment.strftime("%Y%m%dT%H%M%S"))


def _rule(rng: Rng) -> str:
    parts = [
        "FREQ="
        + rng.choice(
            [
                "YEARLY",
                "MONTHLY",
                "WEEKLY",
                "DAILY",
                "HOURLY",
                "MINUTELY",
                "SECONDLY",
                "FORTNIGHTLY",
            ]
        )
    ]
    options = {
        "INTERVAL": lambda: str(rng.randint(0, 10)),
        "COUNT": lambda: str(rng.randint(0, 100)),
        "UNTIL": lambda: _rrule_date(rng),
        "BYDAY": lambda: ",".join(
            rng.choice(["MO", "TU", "1MO", "-1FR", "SA", "+2SU", "XX"])
            for _ in range(rng.randint(1, 3))
        ),
        "BYMONTHDAY": lambda: str(rng.randint(-32, 32)),
        "BYMONTH": lambda: str(rng.randint(0, 13)),
        "BYHOUR": lambda: ",".join(str(rng.randint(-1, 24)) for _ in range(rng.randint(1, 3))),
        "BYMINUTE": lambda: str(rng.randint(0, 60)),
        "BYSECOND": lambda: str(rng.randint(0, 61)),
        "BYSETPOS": lambda: str(rng.randint(-2, 2)),
        "WKST": lambda: rng.choice(["MO", "SU", "XX"]),
        "BYWEEKNO": lambda: str(rng.randint(-54, 54)),
        "BYYEARDAY": lambda: str(rng.randint(-367, 367)),
        "BYEASTER": lambda: str(rng.randint(-3, 3)),
    }
    for name in rng.sample(sorted(options), rng.randint(0, 4)):
        parts.append(f"{name}={options[name]()}")
    return ";".join(parts)


def rrules(rng: Rng) -> Iterator[Any]:
    yield from [
        "FREQ=DAILY", "RRULE:FREQ=DAILY", "DTSTART:20240101T000000", "DTSTART:20240101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20240101T000000",
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY;COUNT=3",
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY\nEXDATE;TZID=Europe/Berlin:20240102T000000,20240103T000000Z",
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY\nEXDATE;TZID=Europe/Berlin:20240102T000000",
        "DTSTART:20240101T000000\nRRULE:FREQ=DAILY\nEXDATE:20240102T000000,20240103T000000Z",
        "DTSTART:20240101T000000Z\nRRULE:FREQ=DAILY\nEXDATE:20240102T000000Z,20240103T000000Z",
        "DTSTART;TZID=Nowhere/Zone:20240101T000000\nRRULE:FREQ=DAILY", "FREQ=DAILY;BYHOUR=25",
        "FREQ=FORTNIGHTLY", "", "RRULE:", "EXDATE:20240101", "RDATE:20240101", 0, None,
        "FREQ=DAILY;UNTIL=20240101;COUNT=3", "freq=daily", "FREQ=DAILY;;COUNT=1",
    ]  # fmt: skip
    while True:
        kind = rng.randrange(6)
        if kind < 2:
            yield _rule(rng)
        elif kind < 5:
            lines = []
            if rng.random() < 0.8:
                tzid = rng.choice(
                    [
                        "",
                        "",
                        ";TZID=Europe/Berlin",
                        ";TZID=America/New_York",
                        ";TZID=UTC",
                        ";TZID=Nowhere",
                    ]
                )
                lines.append(f"DTSTART{tzid}:{_rrule_date(rng)}")
            for _ in range(rng.randint(0, 3)):
                lines.append(rng.choice(["RRULE:", "EXRULE:"]) + _rule(rng))
            for _ in range(rng.randint(0, 2)):
                tzid = rng.choice(["", ";TZID=Europe/Berlin", ";VALUE=DATE"])
                dates = ",".join(_rrule_date(rng) for _ in range(rng.randint(1, 3)))
                lines.append(f"{rng.choice(['RDATE', 'EXDATE'])}{tzid}:{dates}")
            rng.shuffle(lines)
            yield "\n".join(lines)
        else:
            yield mutate(rng, _rule(rng))


# --- names -------------------------------------------------------------------------


def names(rng: Rng) -> Iterator[Any]:
    yield from [
        0, False, 0.0, -0.0, "", None, [], {}, 1, True, 1.5, "0", "False", "a/b", "a%b", "a&b",
        "a>b", "a<b", " ", "\ud800", "keen-raven", "x" * 1000, "nan", float("nan"), 10**20, 1e20,
        "caf\u00e9", "\u2028", "\x00",
    ]  # fmt: skip
    while True:
        kind = rng.randrange(4)
        if kind == 0:
            yield "".join(
                rng.choice(string.ascii_letters + "-_ /%&<>.") for _ in range(rng.randint(0, 12))
            )
        elif kind == 1:
            yield rng.choice(_NON_STRINGS)
        elif kind == 2:
            yield _pick(rng, [rng.randint(-5, 5), rng.uniform(-2, 2), rng.random() < 0.5])
        else:
            yield mutate(rng, "keen-raven")


# --- retry policies ----------------------------------------------------------------


def policies(rng: Rng) -> Iterator[Any]:
    pool: list[Any] = [0, 1, 2, 5, 0.5, 1.5, 2.0, -1, "1", "1.5", True, False, None, 1e20, "x", 0.0]
    yield {"max_retries": 2, "retry_delay_seconds": 1.5}
    yield {"max_retries": 2, "retry_delay_seconds": 0.5}
    while True:
        policy: dict[str, Any] = {}
        for key in ("max_retries", "retry_delay_seconds", "retries", "retry_delay"):
            if rng.random() < 0.6:
                policy[key] = rng.choice(pool)
        if rng.random() < 0.2:
            policy["resuming"] = rng.choice([True, False, None, "yes", 2])
        if rng.random() < 0.2:
            policy["retry_type"] = rng.choice(["in_process", "reschedule", None, "later"])
        if rng.random() < 0.2:
            policy["pause_keys"] = rng.choice([[], ["a", "b"], None, ["a", "a"], "ab", [1, 2.5]])
        yield policy


# --- floats, booleans, UUIDs (Prefect 3.9's pydantic v2 reads them its own way) -----


def floats(rng: Rng) -> Iterator[Any]:
    yield from [
        0, 1, -1, 0.5, 1.25, 1e-07, 1e300, 2**63, 2**64, 10**400, True, False, None, "1",
        "1.5", " 1.5 ", "1e3", "1_000", "1_0.5", "+1", ".5", "5.", "0x10", "nan", "NaN", "inf",
        "-inf", "Infinity", "infinity", "\u0661", "", " ", "1.5.", "1e400", float("nan"),
        float("inf"), [], {}, "true",
    ]  # fmt: skip
    while True:
        kind = rng.randrange(5)
        if kind == 0:
            yield _pick(rng, [rng.uniform(-1e6, 1e6), rng.randint(-(10**6), 10**6)])
        elif kind == 1:
            yield str(_pick(rng, [rng.uniform(-1e6, 1e6), rng.randint(-(10**6), 10**6)]))
        elif kind == 2:
            yield mutate(rng, str(round(rng.uniform(-100, 100), rng.randint(0, 6))))
        else:
            yield _pick(rng, _NON_STRINGS)


def booleans(rng: Rng) -> Iterator[Any]:
    words = ["true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0"]
    yield from [
        *words, *(w.upper() for w in words), *(w.title() for w in words), " true", "true ",
        "2", "-1", "1.0", "0.0", "", "maybe", 0, 1, 2, -1, 0.0, 1.0, 0.5, 1.5, True, False,
        None, [], {}, float("nan"),
    ]  # fmt: skip
    while True:
        kind = rng.randrange(3)
        if kind == 0:
            word = rng.choice(words)
            yield "".join(c.upper() if rng.random() < 0.5 else c for c in word)
        elif kind == 1:
            yield mutate(rng, rng.choice(words))
        else:
            yield _pick(rng, [*_NON_STRINGS, rng.randint(-3, 3), float(rng.randint(-3, 3))])


def uuids(rng: Rng) -> Iterator[Any]:
    import uuid

    yield from [
        "", "0", "00000000-0000-0000-0000-000000000000",
        "urn:uuid:12345678-1234-5678-1234-567812345678",
        "{12345678-1234-5678-1234-567812345678}", "12345678123456781234567812345678",
        "12345678-1234-5678-1234-56781234567", "12345678-1234-5678-1234-5678123456789",
        "1234567-81234-5678-1234-567812345678", "12345678-1234-5678-1234-56781234567g",
        "12345678_1234_5678_1234_567812345678", " 12345678-1234-5678-1234-567812345678",
        "{12345678123456781234567812345678}", "URN:UUID:12345678-1234-5678-1234-567812345678",
        "12345678-1234-5678-1234-567812345678 ", "123456781234-5678-1234-567812345678",
        0, 1, None, True, [], {}, 2**128 - 1,
    ]  # fmt: skip
    while True:
        value = uuid.UUID(int=rng.getrandbits(128))
        kind = rng.randrange(8)
        if kind == 0:
            yield str(value)
        elif kind == 1:
            yield str(value).upper()
        elif kind == 2:
            yield value.hex
        elif kind == 3:
            yield "{" + str(value) + "}"
        elif kind == 4:
            yield value.urn
        elif kind == 5:
            yield mutate(rng, str(value))
        elif kind == 6:
            text = value.hex
            cuts = sorted(rng.sample(range(1, 32), rng.randint(1, 5)))
            yield "-".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, 32], strict=True))
        else:
            yield _pick(rng, _NON_STRINGS)


# --- Python objects ----------------------------------------------------------------


def python_datetimes(rng: Rng) -> Iterator[Any]:
    zones = [UTC, None, None, zoneinfo.ZoneInfo("Europe/Berlin"),
             zoneinfo.ZoneInfo("America/New_York"),
             zoneinfo.ZoneInfo("Asia/Kolkata"), zoneinfo.ZoneInfo("Europe/Amsterdam"),
             timezone(timedelta(hours=5, minutes=45)), timezone(timedelta(seconds=1))]  # fmt: skip
    while True:
        moment = _random_moment(rng)
        year = rng.choice([1900, 1937, 1970, 2024, 2026, rng.randint(1, 9999)])
        moment = moment.replace(year=year, day=min(moment.day, 28))
        yield _pick(
            rng,
            [moment.replace(tzinfo=rng.choice(zones)), date(moment.year, moment.month, moment.day)],
        )


Generator = Callable[[Rng], Iterator[Any]]
