"""Reading and writing long JSON arrays (or newline-delimited JSON) as streams.

Reading splits the byte stream into items without parsing it twice: an array item
that is an object ends at a ``}`` followed by ``,{`` or ``]``, and the first such
``}`` where the bytes so far decode is the item's end (a shorter prefix cannot be
valid JSON: its braces would not balance, or it would end inside a string). Objects
are cut a piece of many items at a time where possible, and an item whose candidate
ends keep failing is parsed once to find its end, so time stays linear. Memory holds
a read buffer and one piece, never the document.

``loads`` of a large array in memory uses the same cut (:func:`array_pieces`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final

from ._backends import (
    JSON_STRING,
    MAX_DOCUMENT_DEPTH,
    Backend,
    BeyondBackend,
    bracket_string,
)
from ._errors import ValidationError, as_validation_error

__all__ = [
    "Source",
    "Unsplittable",
    "array_pieces",
    "encode_chunks",
    "iter_items",
    "read_chunks",
]

Source = bytes | bytearray | memoryview | str | IO[bytes] | Iterable[bytes]

READ_SIZE: Final = 1 << 20
"""Bytes read from a file object at a time."""

MAX_ITEM_BYTES: Final = 64 << 20
"""An array item (or line) larger than this is refused: memory stays bounded even
when the input never lets an item end."""

CHUNK: Final = 64
"""Items encoded per encoder call when writing (cache-friendly; see ``dumps``)."""

_WHITESPACE: Final = b" \t\r\n"
# Where an array item may end: an object before the next object or the closing
# bracket (the common case, and few false candidates inside items); any object; any value.
_OBJECT_BEFORE_OBJECT: Final = re.compile(rb"\}[ \t\r\n]*(?:,[ \t\r\n]*\{|\])")
_OBJECT_END: Final = re.compile(rb"\}[ \t\r\n]*[,\]]")
_VALUE_END: Final = re.compile(rb"[,\]]")

_STRICT_SEARCH_BYTES: Final = 1 << 20
"""How far an object item is followed with the first pattern before the second takes
over (an object followed by a value that is not an object)."""


def read_chunks(source: Source) -> Iterator[bytes]:
    """The source's bytes, a chunk at a time, whatever it is."""
    if isinstance(source, str):
        yield source.encode("utf-8", "surrogatepass")
    elif isinstance(source, bytes | bytearray | memoryview):
        yield bytes(source)
    elif hasattr(source, "read"):
        read = source.read
        while chunk := read(READ_SIZE):
            if not isinstance(chunk, bytes | bytearray):
                raise TypeError("iter_loads needs a binary file (open it with 'rb')")
            yield bytes(chunk)
    else:
        for chunk in source:
            if not isinstance(chunk, bytes | bytearray | memoryview):
                raise TypeError(f"iter_loads reads bytes chunks, not {type(chunk).__name__}")
            yield bytes(chunk)


class _Buffer:
    """The unread bytes of a stream, with their offset in it."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.data = b""
        self.offset = 0  # of data[0] in the stream
        self.done = False

    def more(self, keep_from: int) -> bool:
        """Drop ``data[:keep_from]`` and append the next chunk; False at the end."""
        for chunk in self.chunks:
            if chunk:
                self.data = self.data[keep_from:] + chunk
                self.offset += keep_from
                return True
        self.done = True
        return False

    def skip_whitespace(self, position: int) -> int:
        """The first position at or after ``position`` that is not whitespace
        (reading on as needed); ``len(data)`` at the end of the stream."""
        while True:
            data = self.data
            while position < len(data) and data[position] in _WHITESPACE:
                position += 1
            if position < len(data) or not self.more(0):
                return position


Validate = Callable[[Any, bool, int], Any]
"""Validates one decoded item: ``(value, checked, index)``, ``checked`` as
``Backend.decode_checked`` says of the item's bytes."""


def _error(message: str, offset: int) -> ValidationError:
    return ValidationError.at(f"{message} (at byte {offset})")


def iter_items(source: Source, codec: Backend, validate: Validate, *, lines: bool) -> Iterator[Any]:
    """Validated items of a JSON array (or of newline-delimited JSON) in ``source``."""
    buffer = _Buffer(read_chunks(source))
    if lines:
        yield from _lines(buffer, codec, validate)
    else:
        yield from _array(buffer, codec, validate)


def _decode(codec: Backend, text: bytes, offset: int) -> tuple[Any, bool]:
    try:
        return codec.decode_checked(text)
    except ValidationError as exc:
        raise _error(exc.errors[0].message, offset) from None


def _lines(buffer: _Buffer, codec: Backend, validate: Validate) -> Iterator[Any]:
    index = start = 0
    while True:
        end = buffer.data.find(b"\n", start)
        if end == -1:
            if len(buffer.data) - start > MAX_ITEM_BYTES:
                raise _error(f"a line longer than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
            if buffer.more(start):
                start = 0
                continue
            end = len(buffer.data)
        line = buffer.data[start:end].strip(_WHITESPACE)
        if line:
            yield validate(*_decode(codec, line, buffer.offset + start), index)
            index += 1
        if end >= len(buffer.data) and buffer.done:
            return
        start = end + 1


def _array(buffer: _Buffer, codec: Backend, validate: Validate) -> Iterator[Any]:
    position = buffer.skip_whitespace(0)
    if position >= len(buffer.data):
        raise _error("invalid JSON: empty input", buffer.offset + position)
    if buffer.data[position : position + 1] != b"[":
        raise _error("expected a JSON array", buffer.offset + position)
    position = buffer.skip_whitespace(position + 1)
    if buffer.data[position : position + 1] == b"]":
        _expect_end(buffer, position + 1)
        return
    index = 0
    pieces = _StreamPieces(codec)
    while True:
        piece, position = pieces.take(buffer, position)
        if piece is not None:  # many items at once; the next one starts at position
            items, checked = piece
            for item in items:
                yield validate(item, checked, index)
                index += 1
            continue
        decoded, position, closed = _next_item(buffer, codec, position)
        yield validate(*decoded, index)
        index += 1
        if closed:
            _expect_end(buffer, position)
            return


# An object's "{" and first key: items are cut before an object that begins with the
# first item's first key (for Prefect's models, "id"), which an object nested inside
# an item seldom does.
_OBJECT_HEAD: Final = re.compile(rb'\{[ \t\r\n]*("(?:[^"\\]|\\.){0,64}")')
_OPENING_BRACKET: Final = re.compile(rb"[ \t\r\n]*\[[ \t\r\n]*")


class _StreamPieces:
    """Pieces of object items cut from a stream's buffer, as ``loads`` cuts a large
    array (:func:`array_pieces`): one decode for many items. Where no piece can be
    cut (near the end of the stream, items that are not objects) the reader goes on
    item by item; after a few pieces that could not be cut it stops trying."""

    def __init__(self, codec: Backend) -> None:
        self.codec = codec
        self.failures = 0
        self.boundaries: dict[bytes, re.Pattern[bytes]] = {}
        self.searched_to = 0  # stream offset up to which no cut was found

    def take(self, buffer: _Buffer, start: int) -> tuple[tuple[Any, bool] | None, int]:
        """The decoded items of a piece at ``start`` and where the next item starts,
        or None and where the item at ``start`` now is (the buffer reads on)."""
        if self.failures >= _MAX_CUTS_TRIED or buffer.offset + start < self.searched_to:
            return None, start
        while len(buffer.data) - start < _PIECE_WINDOW and not buffer.done:
            if buffer.more(start):
                start = 0
        head = _OBJECT_HEAD.match(buffer.data, start)
        if head is None:
            return None, start
        boundary = self.boundaries.get(head[1])
        if boundary is None:
            boundary = self.boundaries[head[1]] = _boundary(head[1])
        try:
            piece = _cut_piece(buffer.data, start, len(buffer.data), self.codec, boundary)
        except Unsplittable:
            self.failures += 1
            return None, start
        if piece is None:  # none here: items one by one until past the bytes searched
            self.searched_to = buffer.offset + min(len(buffer.data), start + _PIECE_WINDOW)
            return None, start
        return piece


def _next_item(buffer: _Buffer, codec: Backend, start: int) -> tuple[tuple[Any, bool], int, bool]:
    """The array item at ``start``: its value and whether it was checked (as
    ``decode_checked`` gives them), where the next one starts (or, if the array
    closed, the position after ``]``), and whether the array closed."""
    if start >= len(buffer.data):
        raise _error("invalid JSON: the array is not closed", buffer.offset + start)
    is_object = buffer.data[start : start + 1] == b"{"
    pattern = _OBJECT_BEFORE_OBJECT if is_object else _VALUE_END
    search_from = start
    failed = 0
    while True:
        match = pattern.search(buffer.data, search_from)
        if (
            match is None
            and pattern is _OBJECT_BEFORE_OBJECT
            and (buffer.done or len(buffer.data) - start > _STRICT_SEARCH_BYTES)
        ):
            # not followed by an object: every "}" before "," or "]" is a candidate
            pattern, search_from = _OBJECT_END, start
            continue
        if match is None:
            if len(buffer.data) - start > MAX_ITEM_BYTES:
                raise _error(
                    f"an array item larger than {MAX_ITEM_BYTES} bytes", buffer.offset + start
                )
            # a match may straddle the chunk boundary: search the last bytes again
            resume = max(search_from, len(buffer.data) - 64, start) - start
            if buffer.more(start):
                start, search_from = 0, resume
            elif pattern is not _OBJECT_BEFORE_OBJECT:
                raise _truncated(buffer, start, codec)
            continue
        end = match.start() + 1 if is_object else match.start()
        try:
            decoded = codec.decode_checked(buffer.data[start:end])
        except ValidationError:
            failed += 1
            if failed == _MAX_CUTS_TRIED:  # each try decodes the item so far: parse it once
                return _parsed_item(buffer, codec, start)
            search_from = match.start() + 1
            continue
        if buffer.data[match.end() - 1 : match.end()] == b"]":
            return decoded, match.end(), True
        if pattern is _OBJECT_BEFORE_OBJECT:
            return decoded, match.end() - 1, False  # at the next item's "{"
        return decoded, _after_comma(buffer, match.end()), False


def _after_comma(buffer: _Buffer, position: int) -> int:
    """Where the item after a comma ending at ``position`` starts."""
    following = buffer.skip_whitespace(position)
    if following >= len(buffer.data):
        raise _error("invalid JSON: truncated after a comma", buffer.offset + following)
    return following


def _parsed_item(buffer: _Buffer, codec: Backend, start: int) -> tuple[tuple[Any, bool], int, bool]:
    """:func:`_next_item` for an item whose cuts keep failing (a value full of
    lookalike cuts, or one that is not JSON): its end found by parsing it once with
    the standard library's ``raw_decode``, reading on (doubling what is buffered) as
    long as the text so far could still be the start of a value. Linear time."""
    raw_decode = _raw_decoder()
    while True:
        data = buffer.data
        if len(data) - start > MAX_ITEM_BYTES:
            raise _error(f"an array item larger than {MAX_ITEM_BYTES} bytes", buffer.offset + start)
        text = _utf8_head(data[start:], buffer.offset + start)
        if _too_deep(data[start:]):  # the reader recurses once per level
            raise _error(
                f"invalid JSON: nested more than {MAX_DOCUMENT_DEPTH} arrays or objects deep",
                buffer.offset + start,
            )
        try:
            end = raw_decode(text)[1]
        except ValueError as exc:  # json.JSONDecodeError
            position = getattr(exc, "pos", 0)
            unfinished = position >= len(text) or str(exc).startswith("Unterminated string")
            if unfinished and not buffer.done:
                wanted = 2 * (len(data) - start)
                while len(buffer.data) - start < wanted and buffer.more(start):
                    start = 0
                continue
            raise _error(f"invalid JSON: {exc}", buffer.offset + start) from None
        size = len(text[:end].encode("utf-8"))
        decoded = _decode(codec, data[start : start + size], buffer.offset + start)
        following = buffer.skip_whitespace(start + size)
        separator = buffer.data[following : following + 1]
        if separator == b"]":
            return decoded, following + 1, True
        if separator != b",":
            raise _error("invalid JSON: expected ',' or ']'", buffer.offset + following)
        return decoded, _after_comma(buffer, following + 1), False


def _too_deep(data: bytes) -> bool:
    """Whether the value at the start of ``data`` nests deeper than
    ``MAX_DOCUMENT_DEPTH``: brackets outside strings, up to where the value closes
    (or a string the buffer has not finished begins)."""
    outside = JSON_STRING.sub(b"", data)
    unfinished = outside.find(b'"')
    depth = 0
    for bracket in bracket_string(outside if unfinished == -1 else outside[:unfinished]):
        depth += 1 if bracket == 91 else -1  # "[" or "]"
        if depth > MAX_DOCUMENT_DEPTH:
            return True
        if depth <= 0:
            return False
    return False


@functools.cache
def _raw_decoder() -> Callable[[str], tuple[Any, int]]:
    import json

    return json.JSONDecoder().raw_decode


def _utf8_head(data: bytes, offset: int) -> str:
    """``data`` as text, without the bytes of a character the buffer has not
    finished reading."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8")
        raise _error(f"invalid JSON: {exc}", offset + exc.start) from None


def _truncated(buffer: _Buffer, start: int, codec: Backend) -> ValidationError:
    """The error for an item that never ended: the array is cut short, or the item
    itself is not JSON (then in the decoder's words)."""
    rest = buffer.data[start:].rstrip(_WHITESPACE)
    try:
        codec.decode(rest.removesuffix(b","))
    except ValidationError as exc:
        return _error(exc.errors[0].message, buffer.offset + start)
    return _error("invalid JSON: the array is not closed", buffer.offset + len(buffer.data))


def _expect_end(buffer: _Buffer, position: int) -> None:
    position = buffer.skip_whitespace(position)
    if position < len(buffer.data):
        raise _error("invalid JSON: data after the array", buffer.offset + position)


# --- a large array in memory, a piece at a time -------------------------------------

PIECE_BYTES: Final = 64 << 10
"""About how much of a large array ``loads`` decodes at a time: the decoded dicts of
a piece are structured while they are still in the CPU cache, and die before the
next piece is read."""

_PIECE_WINDOW: Final = 4 * PIECE_BYTES
"""How far from a piece's start its cut is looked for."""

_MAX_CUTS_TRIED: Final = 4
"""Failed cuts per piece before the document is decoded whole instead."""


class Unsplittable(Exception):
    """The document is not cut into pieces: the caller decodes it whole (which also
    gives the verdict on a document that is not valid JSON)."""


def array_pieces(raw: bytes, codec: Backend) -> Iterator[tuple[Any, bool]]:
    """The items of ``raw``, a JSON array of objects, as decoded lists of about
    :data:`PIECE_BYTES` each, with the ``checked`` flag ``decode_checked`` gives.

    A piece is cut at a ``}`` followed by ``,`` and an object, and only kept if
    ``[`` + the piece + ``]`` decodes: a cut inside an item or a string leaves the
    piece's brackets unbalanced or a string open, so the items are exactly those a
    whole-document decode gives, and together the pieces prove the document valid.
    Raises :class:`Unsplittable`, before or between pieces, when ``raw`` is not
    such an array or no cut is found.
    """
    opening = _OPENING_BRACKET.match(raw)
    if opening is None:
        raise Unsplittable
    start = opening.end()
    head = _OBJECT_HEAD.match(raw, start)
    end = len(raw)
    while end and raw[end - 1] in _WHITESPACE:
        end -= 1
    end -= 1  # at the closing bracket
    if head is None or raw[end : end + 1] != b"]":
        raise Unsplittable
    boundary = _boundary(head[1])
    while end - start > PIECE_BYTES:
        piece = _cut_piece(raw, start, end, codec, boundary)
        if piece is None:
            break
        decoded, start = piece
        yield decoded
    try:
        yield codec.decode_checked(b"[" + raw[start:end] + b"]")
    except ValidationError:
        raise Unsplittable from None


def _boundary(first_key: bytes) -> re.Pattern[bytes]:
    """Where an item may end: ``}``, a comma, and an object that begins with
    ``first_key`` (the pattern matches up to that object's ``{``)."""
    return re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*(?=\{[ \t\r\n]*" + re.escape(first_key) + rb")")


def _cut_piece(
    data: bytes, start: int, end: int, codec: Backend, boundary: re.Pattern[bytes]
) -> tuple[tuple[Any, bool], int] | None:
    """The items from ``start`` (an object's ``{``) to a cut between
    :data:`PIECE_BYTES` and ``_PIECE_WINDOW`` bytes on (and before ``end``), decoded
    (``decode_checked``), and where the next item starts; None if no cut is there.
    A cut is kept only if the piece decodes; :class:`Unsplittable` after too many
    that do not. The search is bounded: a piece costs what its bytes cost."""
    search_from = start + PIECE_BYTES
    end = min(end, start + _PIECE_WINDOW)
    for _ in range(_MAX_CUTS_TRIED):
        cut = boundary.search(data, search_from, end)
        if cut is None:
            return None
        try:
            return codec.decode_checked(b"[" + data[start : cut.start() + 1] + b"]"), cut.end()
        except ValidationError:
            search_from = cut.end()
    raise Unsplittable


def encode_chunks(
    codec: Backend,
    fallback: Backend,
    items: Iterable[Any],
    unstructure_batch: Callable[[list[Any], Backend], list[Any]],
    *,
    lines: bool,
) -> Iterator[bytes]:
    """JSON array (or NDJSON) bytes for ``items``, ``CHUNK`` items per encoder call.

    A chunk holding an integer beyond 64 bits, which orjson cannot write, is written
    by ``fallback`` (the standard library).
    """
    first = True
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == CHUNK:
            yield _encoded(codec, fallback, batch, unstructure_batch, lines=lines, first=first)
            first = False
            batch = []
    if batch:
        yield _encoded(codec, fallback, batch, unstructure_batch, lines=lines, first=first)
        first = False
    if not lines:
        yield b"[]" if first else b"]"


def _encoded(
    codec: Backend,
    fallback: Backend,
    batch: list[Any],
    unstructure_batch: Callable[[list[Any], Backend], list[Any]],
    *,
    lines: bool,
    first: bool,
) -> bytes:
    try:
        return _encode_batch(codec, batch, unstructure_batch, lines=lines, first=first)
    except BeyondBackend:
        return _encode_batch(fallback, batch, unstructure_batch, lines=lines, first=first)


def _encode_batch(
    codec: Backend,
    batch: list[Any],
    unstructure_batch: Callable[[list[Any], Backend], list[Any]],
    *,
    lines: bool,
    first: bool,
) -> bytes:
    values = unstructure_batch(batch, codec)
    if lines:
        return b"".join([codec.encode(value) + b"\n" for value in values])
    body = codec.encode(values)
    return (b"[" if first else b",") + body[1:-1]


def validated(validate: Callable[[Any, bool], Any]) -> Validate:
    """``validate(value, checked)`` with errors placed at the item's index."""

    def at_index(value: Any, checked: bool, index: int) -> Any:
        try:
            return validate(value, checked)
        except ValueError as exc:
            raise as_validation_error(exc, index) from None

    return at_index
