"""Field types with a validation of their own, spelled as ``Annotated`` aliases.

The converter reads the :class:`StructureWith` marker and validates the field
with its function instead of the base type's hook; type checkers see the base type.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, Final, TypeVar

from ._errors import as_validation_error
from ._scalars import (
    InvalidValue,
    describe,
    structure_dict_any,
    structure_int,
    structure_non_negative_int,
    structure_plain_datetime,
    structure_positive_int,
    structure_str,
    structure_v2_float,
    structure_v2_int,
    structure_v2_plain_datetime,
    structure_v2_str,
    structure_v2_timedelta,
)
from ._slugs import generate_slug

__all__ = [
    "ByServerPython",
    "FieldCheck",
    "FlowRunName",
    "GracePeriodSeconds",
    "Labels",
    "LabelsField",
    "Name",
    "NonEmptyishName",
    "NonNegativeFloat",
    "NonNegativeInt",
    "PlainDateTime",
    "PositiveDuration",
    "PositiveInt",
    "RetryDelay",
    "RetryDelays",
    "RunName",
    "StructureWith",
    "V2PlainDateTime",
    "WorkQueueName",
    "pre_structure_on_init",
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
            check = self._check = _default_for(self.owner).field_checker(self.owner, self.name)
        return check(value)

    def __repr__(self) -> str:
        return f"FieldCheck({self.owner.__name__}.{self.name})"


class _DefaultConverter:
    """What the models need of their layer's default converter, which is made after
    them: filled in by :mod:`responses._converter` (and by :mod:`responses.prefect3`
    for Prefect 3.9's models) when it is imported (the models' modules never import it)."""

    field_checker: Callable[[type, str], Callable[[Any], Any]]
    structure: Callable[[Any, Any], Any]


_DEFAULTS: Final[dict[str, _DefaultConverter]] = {}
"""The default converter of each layer, by package: ``responses`` (Prefect 2.20) and
``responses.prefect3`` (Prefect 3.9, whose scalar rules are pydantic v2's)."""


def _default_for(cl: type) -> _DefaultConverter:
    """The default converter of the layer ``cl`` belongs to (its innermost package)."""
    module = cl.__module__
    for package in sorted(_DEFAULTS, key=len, reverse=True):
        if module == package or module.startswith(package + "."):
            return _DEFAULTS[package]
    return _DEFAULTS["responses"]


def set_default_converter(
    field_checker: Callable[[type, str], Callable[[Any], Any]],
    structure: Callable[[Any, Any], Any],
    package: str = "responses",
) -> None:
    """Called once per layer by its converter module: how constructors of the models
    of ``package`` check a field, and how ``from_orm`` structures what it read."""
    default = _DEFAULTS[package] = _DefaultConverter()
    default.field_checker = field_checker
    default.structure = structure


def structure_default(value: Any, cl: Any) -> Any:
    """``value`` structured as ``cl`` by the default converter of its layer."""
    return _default_for(cl).structure(value, cl)


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


_C = TypeVar("_C", bound=type)


def pre_structure_on_init(cls: _C) -> _C:
    """Class decorator: ``cls(**kwargs)`` runs ``cls._pre_structure`` on its arguments as
    given, as ``structure`` runs it on its input (Prefect's ``mode="before"`` validators
    see what the caller gave, before attrs' defaults and field checks); a refusal is a
    :class:`~responses.ValidationError`, as in ``structure``."""
    attrs_init: Callable[..., None] = cls.__dict__["__init__"]
    pre_structure = cls._pre_structure  # type: ignore[attr-defined]

    def __init__(self: Any, **kwargs: Any) -> None:
        try:
            kwargs = pre_structure(kwargs)
        except ValueError as exc:
            raise as_validation_error(exc) from None
        attrs_init(self, **kwargs)

    __init__.__signature__ = inspect.signature(attrs_init)  # type: ignore[attr-defined]
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__doc__ = attrs_init.__doc__
    type.__setattr__(cls, "__init__", __init__)
    return cls


def checked(cls: type, fields: list[Any]) -> list[Any]:
    """attrs ``field_transformer``: every field validated on construction."""
    return [f.evolve(converter=FieldCheck(cls, f.name)) if f.init else f for f in fields]


_BANNED_NAME_CHARACTERS: Final = frozenset("/%&><")


def _without_banned_characters(name: str) -> str:
    if not _BANNED_NAME_CHARACTERS.isdisjoint(name):
        raise InvalidValue("name must not contain any of the characters / % & > <")
    return name


def structure_work_queue_name(value: Any, _: Any = None) -> str:
    """A string without any of ``/ % & > <`` (Prefect's ``validate_name``)."""
    return _without_banned_characters(structure_str(value))


def structure_v2_name(value: Any, _: Any = None) -> str:
    """Prefect 3.9's ``Name``: a non-empty string (pydantic v2's: no numbers) without
    any of ``/ % & > <``."""
    name = structure_v2_str(value)
    if not name:
        raise InvalidValue("name must not be empty")
    return _without_banned_characters(name)


def structure_v2_non_emptyish_name(value: Any, _: Any = None) -> str:
    """Prefect 3.9's ``NonEmptyishName`` (work pools): a ``Name`` that is not only
    quotes and spaces."""
    if isinstance(value, str) and not value.strip("' \""):
        raise InvalidValue("name cannot be an empty string")
    return structure_v2_name(value)


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


def structure_v2_run_name(value: Any, _: Any = None) -> str:
    """A run name in Prefect 3.9 (``FlowRun``, ``TaskRun``): any falsy value becomes a
    random slug (``name or generate_slug(2)``), anything else must be a string."""
    if value is None or (isinstance(value, _FALSY_JSON) and not value):
        return generate_slug()
    return structure_v2_str(value)


RunName = Annotated[str, StructureWith(structure_v2_run_name)]
"""Prefect 3.9's run name: a falsy value becomes a random slug, numbers are refused."""

Name = Annotated[str, StructureWith(structure_v2_name)]
"""Prefect 3.9's ``Name`` (work queues): non-empty, without ``/ % & > <``."""

NonEmptyishName = Annotated[str, StructureWith(structure_v2_non_emptyish_name)]
"""Prefect 3.9's ``NonEmptyishName`` (work pools): a ``Name`` not only quotes and spaces."""


def structure_labels(value: Any, _: Any = None) -> dict[str, Any]:
    """Prefect 3.9's ``KeyValueLabels``: an object whose values are strings, booleans
    or numbers, taken as they are (pydantic's strict types)."""
    if not isinstance(value, dict):
        raise InvalidValue(f"expected an object, got {describe(value)}")
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidValue(f"object keys must be strings, got {describe(key)}")
        if not isinstance(item, str | int | float):
            raise InvalidValue(f"value of {key!r}: expected a string, number or boolean")
    return structure_dict_any(value)


def structure_labels_field(value: Any, _: Any = None) -> dict[str, Any]:
    """Prefect 3.9's ``KeyValueLabelsField`` (flow-run and deployment responses): any
    falsy value (null, ``[]``, ``""``, ``0``, ``false``) is ``{}``, as ``v or {}``."""
    if value is None or (isinstance(value, _FALSY_JSON) and not value):
        return {}
    return structure_labels(value)


_LABELS_SCHEMA: Final = {"type": "object", "additionalProperties": True}
Labels = Annotated[dict[str, Any], StructureWith(structure_labels, _LABELS_SCHEMA)]
"""Prefect 3.9's ``KeyValueLabels`` (``core.FlowRun``, ``TaskRun``): strings, numbers
and booleans by key."""
LabelsField = Annotated[dict[str, Any], StructureWith(structure_labels_field, _LABELS_SCHEMA)]
"""Prefect 3.9's ``KeyValueLabelsField``: labels, any falsy value read as ``{}``."""


def structure_grace_period_seconds(value: Any, _: Any = None) -> int:
    """Prefect 3.9's ``ConcurrencyOptions.grace_period_seconds``: an integer from 60 to
    86,400 (pydantic v2's integers)."""
    number = structure_v2_int(value)
    if not 60 <= number <= 86_400:
        raise InvalidValue(f"expected an integer from 60 to 86400, got {number}")
    return number


GracePeriodSeconds = Annotated[
    int,
    StructureWith(
        structure_grace_period_seconds, {"type": "integer", "minimum": 60, "maximum": 86400}
    ),
]
"""Seconds from 60 to 86,400 (Prefect 3.9's deployment concurrency grace period)."""


def structure_non_negative_float(value: Any, _: Any = None) -> float:
    """A float of at least zero (Prefect 3.9's ``validate_not_negative``)."""
    number = structure_v2_float(value)
    if number < 0:
        raise InvalidValue(f"expected a number of at least 0, got {number!r}")
    return number


NonNegativeFloat = Annotated[
    float, StructureWith(structure_non_negative_float, {"type": "number", "minimum": 0})
]
"""A float of at least zero (``TaskRunPolicy.retry_jitter_factor``)."""


def _strict_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def structure_retry_delays(value: Any, _: Any = None) -> Any:
    """Prefect 3.9's ``TaskRunPolicy.retry_delay``, ``None | int | float | list[int] |
    list[float]`` in pydantic's smart mode: an exact int, float or list of them as it
    is (a list of ints and floats as floats); else the first lax reading in that order
    (``true`` is 1, ``"2"`` is 2, ``"2.5"`` 2.5); at most 50 delays."""
    if isinstance(value, list | tuple):
        items = list(value)
        if len(items) > 50:
            raise InvalidValue("at most 50 retry delays")
        if all(_strict_number(item) for item in items):
            if all(isinstance(item, int) for item in items):
                return [structure_v2_int(item) for item in items]
            return [structure_v2_float(item) for item in items]
        try:
            return [structure_v2_int(item) for item in items]
        except InvalidValue:
            pass
        try:
            return [structure_v2_float(item) for item in items]
        except InvalidValue:
            raise InvalidValue("expected a number or an array of numbers") from None
    if isinstance(value, float) and not isinstance(value, bool):
        return structure_v2_float(value)
    try:
        return structure_v2_int(value)
    except InvalidValue:
        pass
    try:
        return structure_v2_float(value)
    except InvalidValue:
        raise InvalidValue(
            f"expected a number or an array of numbers, got {describe(value)}"
        ) from None


RetryDelays = Annotated[
    Any,
    StructureWith(
        structure_retry_delays,
        {"anyOf": [{"type": "number"}, {"type": "array", "items": {"type": "number"}}]},
    ),
]
"""A retry delay in seconds, or a list of them (Prefect 3.9's task runs)."""

V2PlainDateTime = Annotated[datetime, StructureWith(structure_v2_plain_datetime)]
"""Prefect 3.9's plain ``datetime`` fields (pydantic v2's grammar): a naive value stays naive."""


def structure_positive_timedelta(value: Any, _: Any = None) -> timedelta:
    """A duration longer than zero, in pydantic v2's grammar: Prefect 2.20 declares
    ``IntervalSchedule.interval`` with its pydantic-core ``PositiveDuration``."""
    duration = structure_v2_timedelta(value)
    if duration <= timedelta(0):
        raise InvalidValue(f"expected a positive duration, got {duration.total_seconds()} seconds")
    return duration


PositiveDuration = Annotated[timedelta, StructureWith(structure_positive_timedelta)]
"""A timedelta greater than zero."""
