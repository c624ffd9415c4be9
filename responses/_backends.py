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

    def decode(self, data: bytes | bytearray | memoryview | str) -> Any:
        raise NotImplementedError

    def encode(self, data: Any) -> bytes:
        raise NotImplementedError


MAX_DOCUMENT_DEPTH: Final = 128
"""The standard library's reader recurses once per level and can exhaust a small
thread stack: deeper documents are refused before it sees them. (Free-form values
may nest ``MAX_NESTING`` = 100 levels, so nothing valid comes near this.)"""

_CURLY_AS_SQUARE: Final = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS: Final = bytes(c for c in range(256) if c not in b"[]{}")


def _shallow(raw: bytes) -> bool:
    """Whether ``raw`` nests at most ``MAX_DOCUMENT_DEPTH`` deep (strings ignored, so
    brackets inside them can only make this say no; a no is then checked exactly)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DOCUMENT_DEPTH:
        return True
    brackets = raw.translate(_CURLY_AS_SQUARE, _NOT_BRACKETS)
    for _ in range(MAX_DOCUMENT_DEPTH):
        inner = brackets.replace(b"[]", b"")
        if not inner:
            return True
        if len(inner) == len(brackets):
            break
        brackets = inner
    return _exact_depth(raw) <= MAX_DOCUMENT_DEPTH


_TOKENS: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _exact_depth(raw: bytes) -> int:
    depth = deepest = 0
    for match in _TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


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

    def decode(self, data: bytes | bytearray | memoryview | str) -> Any:
        try:
            raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
            text = data if isinstance(data, str) else raw.decode("utf-8")
            if not _shallow(raw):
                raise ValidationError.at(
                    f"invalid JSON: nested more than {MAX_DOCUMENT_DEPTH} arrays or objects deep"
                )
            return self._decode(text)
        except RecursionError:
            raise ValidationError.at("invalid JSON: nested too deeply") from None
        except ValueError as exc:
            raise ValidationError.at(f"invalid JSON: {exc}") from None

    def encode(self, data: Any) -> bytes:
        return self._encode(data).encode("utf-8")


# Bytes with every digit as "0" and everything else as " ": a run of 19 digits (a
# number that may not fit in 64 bits) is then one fast substring search away (a
# regular expression is ten times slower here: it restarts at every digit).
_DIGITS_AS_ZERO: Final = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_NINETEEN_DIGITS: Final = b"0" * 19


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

    def decode(self, data: bytes | bytearray | memoryview | str) -> Any:
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        if bytes(raw).translate(_DIGITS_AS_ZERO).find(_NINETEEN_DIGITS) != -1:
            return self._stdlib.decode(data)
        try:
            return self._loads(data)
        except ValueError as exc:  # orjson.JSONDecodeError
            raise ValidationError.at(f"invalid JSON: {exc}") from None

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
