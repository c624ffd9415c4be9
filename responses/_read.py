"""Every way a list comes in: decoded pieces, one structure hook per mode, one error
collector, item indexes in every error.

``loads`` of a list, ``iter_loads`` (arrays and newline-delimited JSON, bytes, files
and chunks) and the command line all read pieces from :mod:`responses._pieces` and
structure them here, so they give the same verdicts and values for any input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from ._errors import ErrorCollector, ValidationError, as_validation_error
from ._pieces import Piece

__all__ = ["ErrorMode", "iter_structured", "structure_pieces"]

Hook = Callable[[Any, Any], Any]
ErrorMode = Literal["raise", "collect"]


def structure_pieces(
    pieces: Iterable[Piece], item_type: Any, python: Hook, trusted: Hook
) -> list[Any]:
    """Every item of ``pieces`` structured as ``item_type``, or one
    :class:`ValidationError` listing the bad items (by index) once all are read.

    Each decoded item is dropped once it is read: the parsed dicts die as the objects
    are made, not all at the end. Once the collector is full the remaining pieces are
    still decoded, so a document that is not JSON gets that verdict wherever the fault.
    """
    out: list[Any] = []
    append = out.append
    errors = ErrorCollector()
    index = 0
    for items, is_trusted in pieces:
        if errors.full:
            index += len(items)
            continue
        hook = trusted if is_trusted else python
        for position in range(len(items)):
            item = items[position]
            items[position] = None
            try:
                append(hook(item, item_type))
            except ValueError as exc:
                if errors.add(exc, index + position):
                    break
        index += len(items)
    if errors:
        raise errors.error()
    return out


def iter_structured(
    pieces: Iterable[Piece],
    item_type: Any,
    python: Hook,
    trusted: Hook,
    *,
    errors: ErrorMode = "raise",
) -> Iterator[Any]:
    """The items of ``pieces`` structured one at a time.

    ``errors="raise"``: the first bad item raises, with its index, once the items
    before it are yielded. ``errors="collect"``: bad items are skipped and reported
    together at the end (or when :data:`~responses._errors.MAX_ERRORS` are held), in
    one :class:`ValidationError` that also carries a JSON error, if the input has one.
    """
    collector = ErrorCollector() if errors == "collect" else None
    index = 0
    stream = iter(pieces)
    while True:
        try:
            items, is_trusted = next(stream)
        except StopIteration:
            break
        except ValidationError as exc:  # the input itself is not JSON
            if collector is None:
                raise
            collector.add(exc)
            raise collector.error() from None
        hook = trusted if is_trusted else python
        for item in items:
            try:
                value = hook(item, item_type)
            except ValueError as exc:
                if collector is None:
                    raise as_validation_error(exc, index) from None
                if collector.add(exc, index):
                    raise collector.error() from None
            else:
                yield value
            index += 1
    if collector:
        raise collector.error()
