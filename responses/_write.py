"""Writing lists: JSON arrays (or newline-delimited JSON) a chunk of items at a time.

``dumps`` of a long list, ``iter_dumps`` and ``dump`` all write through here: the
items of a chunk are unstructured and encoded together, while the objects they
come from are still in the CPU cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from ._codecs import BeyondBackend, Codec

__all__ = ["CHUNK", "encode", "encode_chunks"]

CHUNK: Final = 64
"""Items encoded per encoder call."""

Unstructure = Callable[[list[Any], Codec], list[Any]]
"""Unstructures a batch of objects for a codec (its native or text mode)."""


def encode(
    codec: Codec, fallback: Codec, value: Any, unstructure: Callable[[Any, Codec], Any]
) -> bytes:
    """``value`` unstructured for ``codec`` and encoded; by ``fallback`` (the standard
    library) where ``codec`` cannot write it (an integer beyond 64 bits, nesting
    deeper than orjson writes)."""
    try:
        return codec.encode(unstructure(value, codec))
    except BeyondBackend:
        return fallback.encode(unstructure(value, fallback))


def encode_chunks(
    codec: Codec,
    fallback: Codec,
    items: Iterable[Any],
    unstructure_batch: Unstructure,
    *,
    lines: bool,
) -> Iterator[bytes]:
    """JSON array (or NDJSON) bytes for ``items``, ``CHUNK`` items per encoder call.
    With ``lines``, a line that ``codec`` cannot write is written by ``fallback``
    alone; the other lines of its chunk keep ``codec``'s spelling."""
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
    codec: Codec,
    fallback: Codec,
    batch: list[Any],
    unstructure_batch: Unstructure,
    *,
    lines: bool,
    first: bool,
) -> bytes:
    if lines:
        out = []
        for value in unstructure_batch(batch, codec):
            try:
                out.append(codec.encode(value))
            except BeyondBackend:
                out.append(b"")  # written below, by the fallback
        if any(not line for line in out):
            texts = unstructure_batch(batch, fallback)
            out = [line or fallback.encode(texts[i]) for i, line in enumerate(out)]
        return b"".join([line + b"\n" for line in out])
    try:
        body = codec.encode(unstructure_batch(batch, codec))
    except BeyondBackend:
        body = fallback.encode(unstructure_batch(batch, fallback))
    return (b"[" if first else b",") + body[1:-1]
