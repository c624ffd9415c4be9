"""The two JSON codecs Prefect's server uses, behind one small interface.

``json`` is the standard library, configured as Prefect's regular routes write
(starlette's ``JSONResponse``); ``orjson`` is what ``POST /flow_runs/filter``
writes. Both read any JSON text; NaN and Infinity are refused on input.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final, Literal

from ._errors import ValidationError
from ._orjson import usable_orjson
from ._scalars import MAX_NESTING

__all__ = ["Backend", "BackendName", "BeyondBackend", "backend_named", "default_backend_name"]

BackendName = Literal["json", "orjson"]


class BeyondBackend(Exception):
    """The value holds something this backend cannot write (an integer beyond 64 bits)."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if number - number != 0.0:
        raise ValueError(f"number out of range: {text[:40]}")
    return number


class Backend:
    """A JSON codec: ``decode`` raises :class:`ValidationError` for text that is not JSON."""

    name: BackendName
    native: bool = False
    """Whether this codec writes UUIDs, datetimes, enums and tuples itself."""

    def encode(self, data: Any) -> bytes:
        raise NotImplementedError

    def decode(self, data: bytes | bytearray | memoryview | str) -> Any:
        return self.decode_checked(data)[0]

    def decode_checked(self, data: bytes | bytearray | memoryview | str) -> tuple[Any, bool]:
        """The decoded value, and whether the document is known to hold only what the
        free-form check would pass: nesting within ``MAX_NESTING`` and (for readers
        that take them) no lone surrogate escapes. Decoders yield nothing else that
        check looks for: string keys, finite numbers, lists and dicts only."""
        raise NotImplementedError


MAX_DOCUMENT_DEPTH: Final = 128
"""The standard library's reader recurses once per level and can exhaust a small
thread stack: deeper documents are refused before it sees them. (Free-form values
may nest ``MAX_NESTING`` = 100 levels, so nothing valid comes near this.)"""

# A JSON escape of a UTF-16 surrogate (\ud800-\udfff): the standard library reads it
# into a lone surrogate unless a pair forms; the string check then decides.
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")

_CURLY_AS_SQUARE: Final = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS: Final = bytes(c for c in range(256) if c not in b"[]{}")


def bracket_string(raw: bytes) -> bytes:
    """The brackets of ``raw`` in order, ``[`` for each opening and ``]`` for each
    closing (strings ignored: brackets inside them can only make a depth test say no).
    One pass over the input; the result is short (a dozen bytes per flow run)."""
    return raw.translate(_CURLY_AS_SQUARE, _NOT_BRACKETS)


def _within(brackets: bytes, limit: int) -> bool:
    """Whether ``brackets`` (from :func:`bracket_string`) nest at most ``limit`` deep."""
    if brackets.count(b"[") <= limit:
        return True
    too_deep = b"[" * (limit + 1)
    for _ in range(limit):
        if too_deep in brackets:  # a run of openings deeper than the limit: done
            return False
        inner = brackets.replace(b"[]", b"")
        if not inner:
            return True
        if len(inner) == len(brackets):
            return False
        brackets = inner
    return False


def _nests_within(raw: bytes, limit: int) -> bool:
    """Whether ``raw`` nests at most ``limit`` deep, strings ignored."""
    return _within(bracket_string(raw), limit)


def _shallow(raw: bytes, brackets: bytes) -> bool:
    """Whether ``raw`` (whose :func:`bracket_string` is ``brackets``) nests at most
    ``MAX_DOCUMENT_DEPTH`` deep. A no from the quick test, which counts brackets
    inside strings too, is checked again without the strings (a regular-expression
    substitution: linear, in C)."""
    if _within(brackets, MAX_DOCUMENT_DEPTH):
        return True
    return _nests_within(JSON_STRING.sub(b'""', raw), MAX_DOCUMENT_DEPTH)


JSON_STRING: Final = re.compile(rb'"(?:[^"\\]|\\.)*"')
"""A JSON string, quotes included (on bytes)."""


class StdlibBackend(Backend):
    """Python's ``json``: Prefect's route encoding, byte for byte."""

    name: BackendName = "json"

    def __init__(self) -> None:
        self._decode = json.JSONDecoder(
            parse_constant=_reject_constant, parse_float=_finite_float
        ).decode
        self._encode = json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode

    def decode_checked(self, data: bytes | bytearray | memoryview | str) -> tuple[Any, bool]:
        # Text given as str may hold lone surrogates unescaped (bytes cannot: they
        # are not UTF-8); the string checks then find them.
        clean = True
        try:
            if isinstance(data, str):
                text = data
                try:
                    raw = data.encode("utf-8")
                except UnicodeEncodeError:
                    raw, clean = data.encode("utf-8", "surrogatepass"), False
            else:
                raw = bytes(data)
                text = raw.decode("utf-8")
            brackets = bracket_string(raw)
            within = _within(brackets, MAX_NESTING)  # also within MAX_DOCUMENT_DEPTH
            if not within and not _shallow(raw, brackets):
                raise ValidationError.at(
                    f"invalid JSON: nested more than {MAX_DOCUMENT_DEPTH} arrays or objects deep"
                )
            value = self._decode(text)
        except RecursionError:
            raise ValidationError.at("invalid JSON: nested too deeply") from None
        except ValueError as exc:
            raise ValidationError.at(f"invalid JSON: {exc}") from None
        # a surrogate escape needs a backslash: most documents have none (memchr-fast)
        return value, within and clean and (
            raw.find(b"\\") == -1 or _SURROGATE_ESCAPE.search(raw) is None
        )

    def encode(self, data: Any) -> bytes:
        return self._encode(data).encode("utf-8")


# One pass over the input for both of orjson's checks: every digit as "0", every
# opening bracket as "[", everything else as " ". A run of 19 digits (a number that
# may not fit in 64 bits) is then a substring search away, and the brackets a count
# (a regular expression is ten times slower: it restarts at every digit).
_SCAN: Final = bytes(48 if 48 <= byte <= 57 else 91 if byte in b"[{" else 32 for byte in range(256))
_NINETEEN_DIGITS: Final = b"0" * 19
# Below this size a document (one flow run is ~2 KB) usually has at most MAX_NESTING
# opening brackets, which counting them settles.
_COUNT_FIRST_BELOW: Final = 8192


_INT64_MIN: Final = -(2**63)
_UINT64_MAX: Final = 2**64 - 1


class OrjsonBackend(Backend):
    """orjson (Prefect's ``/flow_runs/filter`` encoding), with the standard library
    where orjson would change a value: it reads integers beyond 64 bits as floats,
    so a document holding a run of 19 or more digits is read by ``json`` instead."""

    name: BackendName = "orjson"

    def __init__(self) -> None:
        import orjson

        self.native = True
        self._loads = orjson.loads
        self._dumps = orjson.dumps
        self._encode_error = orjson.JSONEncodeError
        self._stdlib = StdlibBackend()

    def decode_checked(self, data: bytes | bytearray | memoryview | str) -> tuple[Any, bool]:
        raw = bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        scan = raw.translate(_SCAN)
        if self._has_big_digits(raw, scan):
            return self._stdlib.decode_checked(raw)
        try:
            value = self._loads(raw)
        except ValueError as exc:  # orjson.JSONDecodeError
            raise ValidationError.at(f"invalid JSON: {exc}") from None
        # orjson refuses lone surrogates itself: only the nesting is left to check
        if len(raw) < _COUNT_FIRST_BELOW:
            return value, scan.count(b"[") <= MAX_NESTING or _nests_within(raw, MAX_NESTING)
        # a page of runs holds far more than MAX_NESTING brackets: one pass, not two
        return value, _nests_within(raw, MAX_NESTING)

    @staticmethod
    def _has_big_digits(raw: bytes, scan: bytes) -> bool:
        """Whether ``raw`` holds a run of digits orjson would read as a float: an
        integer outside [-2**63, 2**64 - 1]. (Runs inside strings count too: the
        standard library then reads the document, to the same values.) ``scan`` is
        ``raw`` translated with ``_SCAN``."""
        start = scan.find(_NINETEEN_DIGITS)
        while start != -1:
            end = start + 19
            while end < len(scan) and scan[end] == 48:
                end += 1
            if end - start > 20:
                return True
            number = int(raw[start:end])
            if raw[start - 1 : start] == b"-":
                number = -number
            if not _INT64_MIN <= number <= _UINT64_MAX:
                return True
            start = scan.find(_NINETEEN_DIGITS, end)
        return False

    def encode(self, data: Any) -> bytes:
        try:
            return self._dumps(data)
        except self._encode_error as exc:
            if "64-bit" in str(exc):
                raise BeyondBackend from exc
            raise


_BACKENDS: dict[str, type[Backend]] = {"json": StdlibBackend, "orjson": OrjsonBackend}


def default_backend_name() -> BackendName:
    """``orjson`` where it is installed and usable (not in a subinterpreter), else ``json``."""
    return "json" if usable_orjson() is None else "orjson"


def backend_named(name: str) -> Backend:
    """A new codec; ``ValueError`` (not a ValidationError) for an unknown or missing one."""
    factory = _BACKENDS.get(name)
    if factory is None:
        raise ValueError(f"unknown JSON backend {name!r}; expected 'json' or 'orjson'")
    try:
        return factory()
    except ImportError:
        raise ValueError(
            "the orjson backend needs orjson: install this package's 'orjson' extra"
        ) from None
