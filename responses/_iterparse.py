"""A JSON reader without recursion, for the rare document the standard library's
recursive reader cannot finish because the caller's own stack is already deep.

It reads exactly what ``json.JSONDecoder`` reads, to the same values: strings with
its ``scanstring``, numbers with its grammar and the decoder's own ``parse_float``,
``parse_int`` and ``parse_constant``, objects keeping the last of repeated keys.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Final

__all__ = ["parse"]

_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
scanstring: Final[Callable[[str, int, bool], tuple[str, int]]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(text: str, position: int) -> int:
    """The first position at or after ``position`` that is not whitespace."""
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


_NUMBER: Final = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS: Final = (("null", None), ("true", True), ("false", False))
_NAMED_NUMBERS: Final = ("NaN", "Infinity", "-Infinity")


def _fail(message: str, text: str, position: int) -> json.JSONDecodeError:
    return json.JSONDecodeError(message, text, position)


def _scalar(text: str, position: int, decoder: json.JSONDecoder) -> tuple[Any, int]:
    """The string, number or constant at ``position`` and where it ends."""
    if text.startswith('"', position):
        return scanstring(text, position + 1, True)
    for name, value in _CONSTANTS:
        if text.startswith(name, position):
            return value, position + len(name)
    for name in _NAMED_NUMBERS:
        if text.startswith(name, position):
            return decoder.parse_constant(name), position + len(name)
    match = _NUMBER.match(text, position)
    if match is None:
        raise _fail("Expecting value", text, position)
    integer, fraction, exponent = match.groups()
    if fraction or exponent:
        return decoder.parse_float(integer + (fraction or "") + (exponent or "")), match.end()
    return decoder.parse_int(integer), match.end()


def _key(text: str, position: int) -> tuple[str, int]:
    """An object's key at ``position`` and where its value starts (after the colon)."""
    if not text.startswith('"', position):
        raise _fail("Expecting property name enclosed in double quotes", text, position)
    key, position = scanstring(text, position + 1, True)
    position = _skip(text, position)
    if not text.startswith(":", position):
        raise _fail("Expecting ':' delimiter", text, position)
    return key, _skip(text, position + 1)


def parse(text: str, decoder: json.JSONDecoder) -> Any:
    """The value of the JSON document ``text``, as ``decoder.decode(text)`` gives it."""
    # Each open container: (the list, or the dict and the key being read).
    stack: list[tuple[list[Any] | dict[str, Any], str | None]] = []
    position = _skip(text, 0)
    while True:
        # a value starts here
        if position >= len(text):
            raise _fail("Expecting value", text, position)
        char = text[position]
        if char == "[" or char == "{":
            position = _skip(text, position + 1)
            if char == "[":
                if text.startswith("]", position):
                    value: Any = []
                    position += 1
                else:
                    stack.append(([], None))
                    continue
            else:
                if text.startswith("}", position):
                    value = {}
                    position += 1
                else:
                    key, position = _key(text, position)
                    stack.append(({}, key))
                    continue
        else:
            value, position = _scalar(text, position, decoder)
        # a value ended: give it to the container it is in, closing those that end
        while True:
            position = _skip(text, position)
            if not stack:
                if position != len(text):
                    raise _fail("Extra data", text, position)
                return value
            container, open_key = stack[-1]
            if open_key is None:
                container.append(value)  # type: ignore[union-attr]
                if text.startswith(",", position):
                    position = _skip(text, position + 1)
                    break
                if not text.startswith("]", position):
                    raise _fail("Expecting ',' delimiter", text, position)
            else:
                container[open_key] = value  # type: ignore[call-overload]
                if text.startswith(",", position):
                    key, position = _key(text, _skip(text, position + 1))
                    stack[-1] = (container, key)
                    break
                if not text.startswith("}", position):
                    raise _fail("Expecting ',' delimiter", text, position)
            stack.pop()
            value = container
            position += 1
