"""The one cutter: a JSON array (or newline-delimited JSON) split into decoded pieces.

Every way a list is read goes through here: ``loads`` of a document in memory,
``iter_loads`` of bytes, files and chunk iterables, and the command line. The input
sits in a :class:`ReadBuffer`, a ``bytearray`` with a read offset that drops what
has been read as it goes: time is linear in the input for any chunking (one byte
at a time included) and memory holds at most one item beyond a piece, whatever
follows the array.

Items are cut two ways, with the same result:

- **many at once**: an object item ends at a ``}`` followed by ``,`` and an object
  with the first item's first key (``"id"`` for Prefect's models), or by ``]``. A
  candidate cut is kept only if ``[`` + the piece + ``]`` decodes: a cut inside a
  string leaves it open and a cut inside a nested object leaves brackets open, so
  the items are exactly those a whole-document decode gives. A piece holds at most
  ``MAX_NESTING`` opening brackets (strings included), so it is trusted by count.
- **one at a time**, where no such cut is found or a cut fails: the item's end is
  found by a scan that knows strings and counts nesting exactly, then the item
  alone is decoded. After a failed cut the next window is read this way, so a
  failure costs its bytes once.

A piece never depends on where the chunks of a stream end: the reader fills the
buffer to a fixed window before it cuts. The verdict on any input is the one the
whole document gets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final

from ._codecs import MAX_DOCUMENT_DEPTH, TOO_DEEP, Codec, as_bytes
from ._errors import ValidationError
from ._scalars import MAX_NESTING

__all__ = [
    "MAX_ITEM_BYTES",
    "Piece",
    "ReadBuffer",
    "Source",
    "array_pieces",
    "line_pieces",
]

Source = bytes | bytearray | memoryview | str | IO[bytes] | Iterable[bytes]
Piece = tuple[list[Any], bool]
"""Decoded items, and whether they are trusted (see :mod:`responses._codecs`)."""

READ_SIZE: Final = 1 << 20
"""Bytes read from a file object at a time."""

MAX_ITEM_BYTES: Final = 64 << 20
"""An array item (or line) larger than this is refused: memory stays bounded even
when the input never lets an item end."""

PIECE_BYTES: Final = 64 << 10
"""At most about this much is decoded at once."""

_WINDOW: Final = 2 * PIECE_BYTES
"""How much is buffered before a piece is cut (where the stream has that much)."""

_RELEASE_ABOVE: Final = 1 << 16
"""Read bytes are dropped from the buffer once there are at least this many and
they are at least half of it (amortised linear)."""


def _chunks(source: Any) -> Iterator[bytes | bytearray | memoryview]:
    if hasattr(source, "read"):
        read = source.read
        while True:
            chunk = read(READ_SIZE)
            if not chunk:
                return
            if not isinstance(chunk, bytes | bytearray | memoryview):
                raise TypeError("iter_loads needs a binary file (open it with 'rb')")
            yield chunk
    else:
        for chunk in source:
            if not isinstance(chunk, bytes | bytearray | memoryview):
                raise TypeError(f"iter_loads reads bytes chunks, not {type(chunk).__name__}")
            yield chunk


class ReadBuffer:
    """The bytes of a source not yet read, ``data``, from stream offset ``offset``.

    A document in memory is used as it is (never copied); a stream is appended to a
    ``bytearray`` chunk by chunk and its read part dropped as the reader moves on.
    """

    __slots__ = ("_chunks", "data", "done", "offset")

    def __init__(self, source: Source) -> None:
        self.offset = 0
        if isinstance(source, bytes | bytearray | memoryview | str):
            self.data: bytes | bytearray = as_bytes(source)
            self._chunks: Iterator[Any] = iter(())
            self.done = True
        else:
            self.data = bytearray()
            self._chunks = _chunks(source)
            self.done = False

    def more(self) -> bool:
        """Append the next non-empty chunk; False at the end of the source."""
        if not self.done:
            for chunk in self._chunks:
                if chunk:
                    self.data += chunk
                    return True
            self.done = True
        return False

    def release(self, position: int) -> int:
        """Forget ``data[:position]``; returns where ``position`` now is."""
        data = self.data
        if data.__class__ is bytearray and position >= _RELEASE_ABOVE and 2 * position >= len(data):
            del data[:position]
            self.offset += position
            return 0
        return position  # a document in memory stays whole: the caller holds it anyway

    def fill(self, position: int, size: int) -> None:
        """Read on until ``size`` bytes follow ``position`` or the source ends."""
        while len(self.data) - position < size and self.more():
            pass


def _error(message: str, offset: int) -> ValidationError:
    return ValidationError.at(f"{message} (at byte {offset})")


def _decode(codec: Codec, raw: bytes, offset: int) -> tuple[Any, bool]:
    try:
        value, trusted, _ = codec.decode(raw)
    except ValidationError as exc:
        raise _error(exc.errors[0].message, offset) from None
    return value, trusted


_WHITESPACE_RUN: Final = re.compile(rb"[ \t\r\n]*+")


def _skip_whitespace(buffer: ReadBuffer, position: int) -> int:
    """The first position at or after ``position`` that is not whitespace (reading
    on, and dropping whitespace read, as needed); ``len(data)`` at the end."""
    while True:
        position = _WHITESPACE_RUN.match(buffer.data, position).end()  # type: ignore[union-attr]
        if position < len(buffer.data) or not buffer.more():
            return position
        position = buffer.release(position)


# --- newline-delimited JSON ------------------------------------------------------------


def line_pieces(buffer: ReadBuffer, codec: Codec) -> Iterator[Piece]:
    """Each non-blank line of the source, decoded, as a piece of one item."""
    start = searched = 0
    while True:
        data = buffer.data
        end = data.find(b"\n", searched)
        if end == -1:
            if len(data) - start > MAX_ITEM_BYTES:
                raise _error(f"a line longer than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
            searched = len(data)
            if buffer.more():
                continue
            end = len(data)
        if end - start > MAX_ITEM_BYTES:  # with or without a newline after it
            raise _error(f"a line longer than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
        line = bytes(data[start:end]).strip(b" \t\r\n")
        if line:
            value, trusted = _decode(codec, line, buffer.offset + start)
            yield [value], trusted
        if end >= len(buffer.data) and buffer.done:
            return
        start = searched = buffer.release(end + 1)


# --- a JSON array ------------------------------------------------------------------------

# An object's "{" and its first key, where a piece starts.
_OBJECT_HEAD: Final = re.compile(rb'\{[ \t\r\n]*("(?:[^"\\]|\\.){0,64}")')
# Skips strings and everything but brackets: stops at a bracket, at the end, or at
# the opening quote of a string that does not end in the buffer.
_TO_BRACKET: Final = re.compile(rb'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+', re.DOTALL)
# The rest of a string: stops at its closing quote, or at the end (or a backslash
# that is the last byte) of the buffer.
_STRING_REST: Final = re.compile(rb'[^"\\]*+(?:\\.[^"\\]*+)*+', re.DOTALL)
# A number or a literal: everything up to a separator.
_SCALAR: Final = re.compile(rb'[^ \t\r\n,\[\]{}"]*+')

_QUOTE: Final = 0x22
_OPENINGS: Final = frozenset(b"[{")


@functools.lru_cache(maxsize=64)
def _boundary(first_key: bytes) -> re.Pattern[bytes]:
    """Where an item may end before another: ``}``, a comma, and an object that
    begins with ``first_key`` (matched up to that object's ``{``)."""
    return re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*(?=\{[ \t\r\n]*" + re.escape(first_key) + rb")")


_LAST: Final = re.compile(rb"\}[ \t\r\n]*\][ \t\r\n]*\Z")
"""Where the last item ends, at the end of the source: ``}``, ``]``, whitespace."""


class _Cutter:
    """Cuts the items of one array out of a buffer (see the module's docstring)."""

    def __init__(self, buffer: ReadBuffer, codec: Codec) -> None:
        self.buffer = buffer
        self.codec = codec
        self.one_by_one_until = 0  # stream offset: items before it are cut one at a time
        self.piece_bytes = PIECE_BYTES // 8  # adapted to the items' brackets as pieces are read

    def pieces(self) -> Iterator[Piece]:
        buffer = self.buffer
        position = _skip_whitespace(buffer, 0)
        if position >= len(buffer.data):
            raise _error("invalid JSON: empty input", buffer.offset + position)
        if buffer.data[position] != 0x5B:  # "["
            raise _error("expected a JSON array", buffer.offset + position)
        position = _skip_whitespace(buffer, position + 1)
        if buffer.data[position : position + 1] == b"]":
            self._expect_end(position + 1)
            return
        while True:
            position = buffer.release(position)
            piece = None
            if buffer.data[position : position + 1] == b"{" and (
                buffer.offset + position >= self.one_by_one_until
            ):
                piece = self._many(position)
                if piece is None:
                    self.one_by_one_until = buffer.offset + position + _WINDOW
            if piece is None:
                piece = self._one(position)
            items, trusted, position, closed = piece
            yield items, trusted
            if closed:
                self._expect_end(position)
                return

    def _many(self, start: int) -> tuple[list[Any], bool, int, bool] | None:
        """Items from ``start`` (an object's ``{``) to the first cut past the piece
        size, decoded at once; None where no cut is found or the cut fails.

        The piece size adapts so that a piece holds about ``MAX_NESTING`` opening
        brackets at most, which keeps it trusted by count (a piece over that is still
        read right, its free-form values checked one by one)."""
        buffer = self.buffer
        buffer.fill(start, _WINDOW)
        data = buffer.data
        head = _OBJECT_HEAD.match(data, start)
        if head is None:
            return None
        boundary = _boundary(head[1])
        limit = min(len(data), start + _WINDOW)
        position = start + self.piece_bytes
        cut = boundary.search(data, position, limit) if position < limit else None
        if cut is None and buffer.done and limit == len(data):
            cut = _LAST.search(data, start + 1)  # the rest of the array
        if cut is None:
            # No cut past the piece size in this window (a large item lies ahead): the
            # items up to the window's end are read one by one (see ``pieces``), rather
            # than each of them searching the same window again.
            return None
        try:
            items, trusted, openings = self.codec.decode(
                b"[" + data[start : cut.start() + 1] + b"]"
            )
        except ValidationError:
            return None
        size = cut.start() - start
        wanted = size * (MAX_NESTING * 3 // 4) // max(openings, 1)
        self.piece_bytes = max(256, min(PIECE_BYTES, wanted))
        return items, trusted, cut.end(), cut.end() == len(data)

    def _one(self, start: int) -> tuple[list[Any], bool, int, bool]:
        """The item at ``start``, its end found exactly, decoded alone."""
        buffer = self.buffer
        end = self._item_end(start)
        if end - start > MAX_ITEM_BYTES:  # the same limit, however the bytes arrived
            raise _error(f"an array item larger than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
        value, trusted = _decode(self.codec, bytes(buffer.data[start:end]), buffer.offset + start)
        following = _skip_whitespace(buffer, end)
        separator = buffer.data[following : following + 1]
        if separator == b"]":
            return [value], trusted, following + 1, True
        if separator != b",":
            if following >= len(buffer.data):
                raise _error("invalid JSON: the array is not closed", buffer.offset + following)
            raise _error("invalid JSON: expected ',' or ']'", buffer.offset + following)
        following = _skip_whitespace(buffer, following + 1)
        if following >= len(buffer.data):
            raise _error("invalid JSON: truncated after a comma", buffer.offset + following)
        return [value], trusted, following, False

    def _more(self, start: int) -> None:
        """Read on within an item that began at ``start``, or say why it cannot end."""
        buffer = self.buffer
        if len(buffer.data) - start > MAX_ITEM_BYTES:
            raise _error(f"an array item larger than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
        if not buffer.more():
            # an item that never ends: the decoder's words for it, if it has any
            rest = bytes(buffer.data[start:])
            if not rest.strip(b" \t\r\n"):
                raise _error("invalid JSON: the array is not closed", buffer.offset + start)
            try:
                self.codec.decode(rest)
            except ValidationError as exc:
                raise _error(exc.errors[0].message, buffer.offset + start) from None
            raise _error("invalid JSON: the array is not closed", buffer.offset + len(buffer.data))

    def _item_end(self, start: int) -> int:
        """Where the item at ``start`` ends: after its closing bracket or quote, or at
        the separator after a number or literal. Nesting is counted as it goes: an
        item deeper than the document limit is refused before it is decoded."""
        buffer = self.buffer
        if start >= len(buffer.data):
            self._more(start)
        first = buffer.data[start]
        if first not in _OPENINGS and first != _QUOTE:
            position = start
            while True:
                position = _SCALAR.match(buffer.data, position).end()  # type: ignore[union-attr]
                if position < len(buffer.data) or buffer.done:
                    return position
                self._more(start)
        depth = 0
        in_string = first == _QUOTE
        position = start + 1
        if not in_string:
            depth = 1
        while True:
            data = buffer.data
            if in_string:
                position = _STRING_REST.match(data, position).end()  # type: ignore[union-attr]
                if position < len(data) and data[position] == _QUOTE:
                    in_string = False
                    position += 1
                    if depth == 0:
                        return position
                    continue
                self._more(start)
                continue
            position = _TO_BRACKET.match(data, position).end()  # type: ignore[union-attr]
            if position >= len(data):
                self._more(start)
                continue
            byte = data[position]
            position += 1
            if byte == _QUOTE:
                in_string = True
            elif byte in _OPENINGS:
                depth += 1
                if depth >= MAX_DOCUMENT_DEPTH:  # the array itself is one more
                    raise _error(TOO_DEEP, buffer.offset + position - 1)
            else:
                depth -= 1
                if depth == 0:
                    return position

    def _expect_end(self, position: int) -> None:
        position = _skip_whitespace(self.buffer, position)
        if position < len(self.buffer.data):
            raise _error("invalid JSON: data after the array", self.buffer.offset + position)


def array_pieces(buffer: ReadBuffer, codec: Codec) -> Iterable[Piece]:
    """The items of the JSON array in ``buffer``, a piece at a time."""
    data = buffer.data
    first = _WHITESPACE_RUN.match(data).end()  # type: ignore[union-attr]
    if buffer.done and len(data) <= PIECE_BYTES and data[first : first + 1] == b"[":
        # a small document in memory (a page of a few runs) is decoded at once, without
        # the cutter's machinery; one that is not JSON is cut below, which says where
        try:
            items, trusted, _ = codec.decode(bytes(data))
        except ValidationError:
            pass  # the cutter says where
        else:
            return ((items, trusted),)
    return _Cutter(buffer, codec).pieces()
