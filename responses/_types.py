"""Field types with a validation of their own, spelled as ``Annotated`` aliases.

The converter reads the :class:`StructureWith` marker and validates the field
with its function instead of the base type's hook; type checkers see the base type.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, Final

from ._scalars import (
    InvalidValue,
    structure_int,
    structure_non_negative_int,
    structure_plain_datetime,
    structure_positive_int,
    structure_str,
    structure_v2_timedelta,
)
from ._slugs import generate_slug

__all__ = [
    "ByServerPython",
    "FieldCheck",
    "FlowRunName",
    "NonNegativeInt",
    "PlainDateTime",
    "PositiveDuration",
    "PositiveInt",
    "RetryDelay",
    "StructureWith",
    "WorkQueueName",
    "set_default_converter",
    "structure_default",
]


class StructureWith:
    """Marker: validate an ``Annotated`` field with ``function(value, type)``.

    ``schema`` replaces the JSON Schema of the base type when it says more (or less).
    """

    __slots__ = ("function", "schema")

    def __init__(
        self, function: Callable[[Any, Any], Any], schema: dict[str, Any] | None = None
    ) -> None:
        self.function = function
        self.schema = schema

    def __repr__(self) -> str:
        return f"StructureWith({self.function.__name__})"


class ByServerPython:
    """Marker: a field Prefect's server reads and writes by its own Python version.

    Prefect 3.9 keeps datetimes with pendulum up to Python 3.12 and with the standard
    library and ``whenever`` from 3.13, so one value may be read, and written, two
    ways. A converter made for a server's Python (``responses.prefect3``'s
    ``server_python``) reads such a field with ``read`` of that side and writes
    ``prepare(value)`` with the field type's writer; ``None`` keeps the field's own
    (its ``StructureWith`` or its type's rule; the value as it is). Converters without
    that setting, and constructors, ignore the marker.
    """

    __slots__ = ("pendulum", "stdlib")

    FIRST_WITHOUT_PENDULUM: Final = (3, 13)

    def __init__(
        self,
        *,
        pendulum: tuple[Callable[[Any, Any], Any] | None, Callable[[Any], Any] | None],
        stdlib: tuple[Callable[[Any, Any], Any] | None, Callable[[Any], Any] | None],
    ) -> None:
        self.pendulum = pendulum
        self.stdlib = stdlib

    def side(
        self, server_python: str
    ) -> tuple[Callable[[Any, Any], Any] | None, Callable[[Any], Any] | None]:
        """``(read, prepare)`` for a server on Python ``server_python`` (``"3.13"``)."""
        version = tuple(int(part) for part in server_python.split("."))
        return self.pendulum if version < self.FIRST_WITHOUT_PENDULUM else self.stdlib

    def __repr__(self) -> str:
        return "ByServerPython(...)"


class FieldCheck:
    """An attrs converter that validates one field on construction.

    ``Model(...)`` and ``attrs.evolve(...)`` run it: the value is structured as
    ``structure`` would (coerced the same way, or rejected with a
    :class:`~responses.ValidationError` naming the field). Generated structure code
    knows these converters and skips them: ``loads`` does not check twice.
    """

    __slots__ = ("_check", "name", "owner")

    def __init__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name
        self._check: Callable[[Any], Any] | None = None

    def __call__(self, value: Any) -> Any:
        check = self._check
        if check is None:
            check = self._check = _DEFAULT.field_checker(self.owner, self.name)
        return check(value)

    def __repr__(self) -> str:
        return f"FieldCheck({self.owner.__name__}.{self.name})"


class _DefaultConverter:
    """What the models need of the default converter, which is made after them:
    filled in by :mod:`responses._converter` when it is imported (the models'
    modules never import it)."""

    field_checker: Callable[[type, str], Callable[[Any], Any]]
    structure: Callable[[Any, Any], Any]


_DEFAULT: Final = _DefaultConverter()


def set_default_converter(
    field_checker: Callable[[type, str], Callable[[Any], Any]],
    structure: Callable[[Any, Any], Any],
) -> None:
    """Called once by :mod:`responses._converter`: how constructors check a field, and
    how ``from_orm`` structures what it read."""
    _DEFAULT.field_checker = field_checker
    _DEFAULT.structure = structure


def structure_default(value: Any, cl: Any) -> Any:
    """``value`` structured as ``cl`` by the default converter."""
    return _DEFAULT.structure(value, cl)


class _CallSignature:
    """``__signature__`` of FieldCheck instances, ``(value: Any) -> Any``: attrs reads
    every converter's signature while it builds a class, and one shared copy saves an
    inspection per field (~2 ms at import). The class keeps its own signature."""

    def __init__(self) -> None:
        call = inspect.signature(FieldCheck.__call__)
        self.signature = call.replace(parameters=list(call.parameters.values())[1:])

    def __get__(self, instance: object, owner: type) -> inspect.Signature | None:
        return None if instance is None else self.signature


FieldCheck.__signature__ = _CallSignature()  # type: ignore[attr-defined]


def checked(cls: type, fields: list[Any]) -> list[Any]:
    """attrs ``field_transformer``: every field validated on construction."""
    return [f.evolve(converter=FieldCheck(cls, f.name)) if f.init else f for f in fields]


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

RetryDelay = Annotated[int | float, StructureWith(structure_int, {"type": "number"})]
"""``FlowRunPolicy.retry_delay``: read as an int, but may hold a float copied from
``retry_delay_seconds`` (see :class:`~responses.FlowRunPolicy`)."""


_FALSY_JSON: Final = (str, int, float, list, tuple, dict)


def structure_flow_run_name(value: Any, _: Any = None) -> str:
    """A flow-run name; any falsy value (null, ``""``, ``0``, ``false``, ``0.0``, ``[]``,
    ``{}``) becomes a random slug: ``core.FlowRun``'s ``name or generate_slug(2)``."""
    if value is None or (isinstance(value, _FALSY_JSON) and not value):
        return generate_slug()
    return structure_str(value)


FlowRunName = Annotated[str, StructureWith(structure_flow_run_name)]
"""A flow-run name that a falsy value (null, empty, 0, false) turns into a random slug."""


def structure_positive_timedelta(value: Any, _: Any = None) -> timedelta:
    """A duration longer than zero, in pydantic v2's grammar: Prefect 2.20 declares
    ``IntervalSchedule.interval`` with its pydantic-core ``PositiveDuration``."""
    duration = structure_v2_timedelta(value)
    if duration <= timedelta(0):
        raise InvalidValue(f"expected a positive duration, got {duration.total_seconds()} seconds")
    return duration


PositiveDuration = Annotated[timedelta, StructureWith(structure_positive_timedelta)]
"""A timedelta greater than zero."""
