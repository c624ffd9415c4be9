"""The two JSON codecs Prefect's server uses, behind one small interface.

``json`` is the standard library, configured as Prefect's regular routes write
(starlette's ``JSONResponse``); ``orjson`` is what ``POST /flow_runs/filter``
writes. Both read exactly the same documents, to the same values:

- UTF-8 JSON text only; NaN and Infinity refused; a lone surrogate escape
  (``"\\ud800"``) refused, as orjson refuses it;
- at most :data:`MAX_DOCUMENT_DEPTH` arrays and objects deep, counted outside
  strings, whatever the reader's own limit, the thread's stack or the caller's
  recursion depth.

``decode`` also says whether the document is *trusted*: its free-form values need
no further look (nesting within ``MAX_NESTING``: every other property of JSON-clean
values is the decoder's own guarantee).
"""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from typing import Any, Final, Literal

from ._errors import ValidationError
from ._iterparse import parse, scanstring
from ._orjson import usable_orjson
from ._scalars import MAX_NESTING

__all__ = [
    "MAX_DOCUMENT_DEPTH",
    "TOO_DEEP",
    "BackendName",
    "BeyondBackend",
    "Codec",
    "as_bytes",
    "codec_named",
    "default_backend_name",
    "nesting_depth",
]

BackendName = Literal["json", "orjson"]

MAX_DOCUMENT_DEPTH: Final = 512
"""Documents nesting deeper are refused on every path. Prefect writes none deeper
than 254 levels (orjson's limit); the standard library's reader stays well inside a
128 KiB thread stack at this depth (measured on 3.11 to 3.13)."""


TOO_DEEP: Final = f"invalid JSON: nested more than {MAX_DOCUMENT_DEPTH} arrays or objects deep"


class BeyondBackend(Exception):
    """The value holds something this backend cannot write (an integer beyond 64
    bits, nesting deeper than orjson writes): the standard library writes it."""


def as_bytes(data: Any) -> bytes:
    """JSON text as ``bytes``: a ``str`` is encoded (lone surrogates kept, so that
    the reader refuses them), buffers copied once."""
    if data.__class__ is bytes:
        return data
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise TypeError(
        f"JSON text must be bytes, bytearray, memoryview or str, not {type(data).__name__}"
    )


def _invalid(message: str) -> ValidationError:
    return ValidationError.at(f"invalid JSON: {message}")


# --- nesting, counted outside strings --------------------------------------------------

JSON_STRING: Final = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
"""A JSON string, quotes included (on bytes; linear, no backtracking)."""

_SIGNS: Final = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS: Final = bytes(c for c in range(256) if c not in b"[]{}")


def nesting_depth(raw: bytes) -> int:
    """How deep the arrays and objects of ``raw`` nest, brackets inside strings not
    counted. Linear time, in C. Up to the first error of a document that is not
    JSON the count is exact, which is all a reader that stops there needs."""
    outside = JSON_STRING.sub(b"", raw)
    signs = array("b", outside.translate(_SIGNS, _NOT_BRACKETS))
    return max(accumulate(signs), default=0)


def _openings(raw: bytes) -> int:
    """An upper bound of the nesting depth (brackets inside strings count too)."""
    return raw.count(b"[") + raw.count(b"{")


def _nesting_verdict(raw: bytes, openings: int) -> bool:
    """Whether a document with ``openings`` opening brackets is trusted (nests at
    most ``MAX_NESTING`` deep); raises if it nests deeper than ``MAX_DOCUMENT_DEPTH``."""
    if openings <= MAX_NESTING:
        return True
    depth = nesting_depth(raw)
    if depth > MAX_DOCUMENT_DEPTH:
        raise ValidationError.at(TOO_DEEP)
    return depth <= MAX_NESTING


# --- lone surrogates -----------------------------------------------------------------

# A JSON escape of a UTF-16 surrogate: most documents have none (a backslash is
# looked for first, memchr-fast); where one is, each string holding it is read.
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(raw: bytes) -> bool:
    if raw.find(b"\\") == -1 or _SURROGATE_ESCAPE.search(raw) is None:
        return False
    for match in JSON_STRING.finditer(raw):
        if _SURROGATE_ESCAPE.search(match[0]) is None:
            continue
        text = match[0].decode("utf-8", "surrogatepass")
        try:
            scanstring(text, 1, True)[0].encode("utf-8")
        except UnicodeEncodeError:
            return True
        except ValueError:
            return False  # not a JSON string: the reader says so
    return False


# --- the codecs ------------------------------------------------------------------------


def _not_utf8(raw: bytes, start: int) -> str:
    """What is wrong with bytes that are not UTF-8 at ``start``."""
    if raw[start : start + 1] == b"\xed" and raw[start + 1 : start + 2] >= b"\xa0":
        return f"a lone surrogate, which JSON text cannot carry, at byte {start}"
    return f"not UTF-8 text at byte {start}"


class Codec:
    """A JSON codec: ``decode`` raises :class:`ValidationError` for text that is not
    JSON (or nests too deep); ``encode`` raises :class:`BeyondBackend` for values it
    cannot write."""

    name: BackendName
    native: bool = False
    """Whether this codec writes UUIDs, datetimes, enums and tuples itself."""

    def encode(self, data: Any) -> bytes:
        raise NotImplementedError

    def decode(self, raw: bytes) -> tuple[Any, bool, int]:
        """The value of the document ``raw``, whether it is trusted, and how many
        opening brackets it holds (strings included: a bound of its depth)."""
        raise NotImplementedError


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if number - number != 0.0:
        raise ValueError(f"number out of range: {text[:40]}")
    return number


class StdlibCodec(Codec):
    """Python's ``json``: Prefect's route encoding, byte for byte."""

    name: BackendName = "json"

    def __init__(self) -> None:
        self._decoder = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
        self._decode = self._decoder.decode
        self._encode = json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode

    def decode(self, raw: bytes) -> tuple[Any, bool, int]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _invalid(_not_utf8(raw, exc.start)) from None
        openings = _openings(raw)
        trusted = _nesting_verdict(raw, openings)
        try:
            value = self._decode(text)
        except RecursionError:
            # the caller's own stack is deep: the same document, read without recursion
            try:
                value = parse(text, self._decoder)
            except ValueError as exc:
                raise _invalid(str(exc)) from None
        except ValueError as exc:  # json.JSONDecodeError, or a number or constant refused
            raise _invalid(str(exc)) from None
        if _has_lone_surrogate(raw):
            raise _invalid("a lone surrogate escape (not a character)")
        return value, trusted, openings

    def encode(self, data: Any) -> bytes:
        return self._encode(data).encode("utf-8")


# One pass over the input for both of orjson's checks: every digit as "0", every
# opening bracket as "[", everything else as " ". A run of 19 digits (a number that
# may not fit in 64 bits) is then a substring search away, and the brackets a count.
_SCAN: Final = bytes(48 if 48 <= byte <= 57 else 91 if byte in b"[{" else 32 for byte in range(256))
_NINETEEN_DIGITS: Final = b"0" * 19
_INT64_MIN: Final = -(2**63)
_UINT64_MAX: Final = 2**64 - 1


class OrjsonCodec(Codec):
    """orjson (Prefect's ``/flow_runs/filter`` encoding), with the standard library
    where orjson would change a value: it reads integers beyond 64 bits as floats,
    so a document holding a run of 19 or more digits is read by ``json`` instead."""

    name: BackendName = "orjson"
    native = True

    def __init__(self) -> None:
        import orjson

        self._loads = orjson.loads
        self._dumps = orjson.dumps
        self._encode_error = orjson.JSONEncodeError
        self._stdlib = StdlibCodec()

    def decode(self, raw: bytes) -> tuple[Any, bool, int]:
        scan = raw.translate(_SCAN)
        if scan.find(_NINETEEN_DIGITS) != -1 and self._has_big_integer(raw, scan):
            return self._stdlib.decode(raw)
        openings = scan.count(b"[")
        try:
            value = self._loads(raw)
        except ValueError as exc:  # orjson.JSONDecodeError
            if openings > MAX_DOCUMENT_DEPTH:
                _nesting_verdict(raw, openings)  # the depth, if that is the fault
            raise _invalid(str(exc)) from None
        return value, _nesting_verdict(raw, openings), openings

    @staticmethod
    def _has_big_integer(raw: bytes, scan: bytes) -> bool:
        """Whether ``raw`` holds a run of digits orjson would read as a float: an
        integer outside [-2**63, 2**64 - 1]. (Runs inside strings count too: the
        standard library then reads the document, to the same values.)"""
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
            message = str(exc)
            if "64-bit" in message or "Recursion limit" in message:
                raise BeyondBackend(message) from exc
            raise


_CODECS: dict[str, type[Codec]] = {"json": StdlibCodec, "orjson": OrjsonCodec}


def default_backend_name() -> BackendName:
    """``orjson`` where it is installed and usable (not in a subinterpreter), else ``json``."""
    return "json" if usable_orjson() is None else "orjson"


def codec_named(name: str) -> Codec:
    """A new codec; ``ValueError`` (not a ValidationError) for an unknown or missing one."""
    factory = _CODECS.get(name)
    if factory is None:
        raise ValueError(f"unknown JSON backend {name!r}; expected 'json' or 'orjson'")
    try:
        return factory()
    except ImportError:
        raise ValueError(
            "the orjson backend needs orjson: install this package's 'orjson' extra"
        ) from None
