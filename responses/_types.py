"""Field types with a validation of their own, spelled as ``Annotated`` aliases.

The converter reads the :class:`StructureWith` marker and validates the field
with its function instead of the base type's hook; type checkers see the base type.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Final

from ._scalars import (
    InvalidValue,
    structure_int,
    structure_non_negative_int,
    structure_plain_datetime,
    structure_positive_int,
    structure_str,
)

__all__ = [
    "NonNegativeInt",
    "PlainDateTime",
    "PositiveInt",
    "RetryDelay",
    "StructureWith",
    "WorkQueueName",
]


class StructureWith:
    """Marker: validate an ``Annotated`` field with ``function(value, type)``."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any, Any], Any]) -> None:
        self.function = function

    def __repr__(self) -> str:
        return f"StructureWith({self.function.__name__})"


_BANNED_NAME_CHARACTERS: Final = frozenset("/%&><")


def structure_work_queue_name(value: Any, _: Any = None) -> str:
    """A string without any of ``/ % & > <`` (Prefect's ``validate_name``)."""
    name = structure_str(value)
    if not _BANNED_NAME_CHARACTERS.isdisjoint(name):
        raise InvalidValue("name must not contain any of the characters / % & > <")
    return name


PositiveInt = Annotated[int, StructureWith(structure_positive_int)]
"""An integer greater than zero."""

NonNegativeInt = Annotated[int, StructureWith(structure_non_negative_int)]
"""An integer of at least zero."""

PlainDateTime = Annotated[datetime, StructureWith(structure_plain_datetime)]
"""A datetime that may stay naive (Prefect's plain ``datetime`` fields)."""

WorkQueueName = Annotated[str, StructureWith(structure_work_queue_name)]
"""A work-queue name: any string without ``/ % & > <``."""

RetryDelay = Annotated[int | float, StructureWith(structure_int)]
"""``FlowRunPolicy.retry_delay``: read as an int, but may hold a float copied from
``retry_delay_seconds`` (see :class:`~responses.FlowRunPolicy`)."""
