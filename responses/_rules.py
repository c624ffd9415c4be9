"""Each scalar kind declared once: how it is read, how it is written, its schema.

A :class:`Rule` ties a type to its structure hook (the parser of
:mod:`responses._scalars`), the source generated code inlines for it in each mode,
its unstructure hook with the source inlined for each kind of encoder, and its JSON
Schema fragment. The converter registers the hooks from here, code generation
inlines the sources from here, JSON Schema reads the fragments from here: nothing
about a scalar kind is written twice.

Structure modes, fixed when code is generated:

- ``python``: the value may be anything a caller passed;
- ``trusted``: the value is fresh from a decoder whose document was checked (see
  :mod:`responses._codecs`): JSON types only, strings UTF-8 can carry, free-form
  values nested within ``MAX_NESTING``.

Unstructure modes: ``text`` (the standard library's encoder: builtins only) and
``native`` (orjson writes UUIDs, datetimes, enums and tuples itself).

In the sources, ``{v}`` is the value, ``{h}`` the hook, ``{t}`` the type, ``{a}``
the attribute read.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Final, Literal
from uuid import UUID

import attrs

from ._deltas import ItemizedDelta, itemized_text, structure_itemized_delta
from ._orjson import usable_orjson
from ._scalars import (
    WRITABLE_INT,
    structure_bool,
    structure_datetime,
    structure_dict_any,
    structure_float,
    structure_frozenset,
    structure_int,
    structure_json_value,
    structure_str_like,
    structure_timedelta,
    structure_uuid,
    structure_v2_datetime,
    structure_v2_dict_any,
    structure_v2_duration,
    structure_v2_float,
    structure_v2_int,
    structure_v2_str_like,
    structure_v2_uuid,
)

__all__ = [
    "RULES",
    "RULES_V2",
    "RULE_OF",
    "STRUCTURE_SOURCES",
    "UNSTRUCTURE_SOURCES",
    "Rule",
    "StructureMode",
    "UnstructureMode",
    "enum_value",
    "identity",
    "rule_of",
    "unstructure_frozenset",
    "unstructure_str_like",
]

Hook = Callable[..., Any]
StructureMode = Literal["python", "trusted"]
UnstructureMode = Literal["text", "native"]


def identity(value: Any) -> Any:
    return value


def enum_value(value: enum.Enum) -> Any:
    return value.value


def unstructure_str_like(value: str) -> str:
    """The unstructure hook for ``str`` and (as cattrs dispatches) its subclasses:
    enums as their value, other subclasses as plain strings."""
    if value.__class__ is str:
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str.__str__(value)


def unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return list(value)


def _uuid_text(value: UUID) -> str:
    return str(value)


def _datetime_text(value: datetime) -> str:
    return value.isoformat()


def _duration_seconds(value: timedelta) -> float:
    return value.total_seconds()


@attrs.frozen
class Rule:
    """One scalar kind."""

    type: Any
    structure: Hook
    python: str
    """Inlined structure source for Python input."""
    trusted: str
    """Inlined structure source for a trusted decoder's output."""
    unstructure: Hook
    text: str
    """Inlined unstructure source for the standard library's encoder."""
    native: str
    """Inlined unstructure source for orjson."""
    schema: Mapping[str, Any]


_orjson = usable_orjson()
# orjson spells UUIDs and datetimes exactly as str()/isoformat() do, 2-3x faster
_TEXT_OF: Final = "_orjson_dumps({a})[1:-1].decode()" if _orjson is not None else None
SOURCE_GLOBALS: Final[Mapping[str, Any]] = {"_BIG": WRITABLE_INT} | (
    {"_orjson_dumps": _orjson.dumps} if _orjson is not None else {}
)
"""Names the inlined sources use."""

_CALL: Final = "{h}({v})"

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        type=str,
        structure=structure_str_like,
        python="{v} if {v}.__class__ is str and {v}.isascii() else {h}({v}, {t})",
        trusted="{v} if {v}.__class__ is str else {h}({v}, {t})",
        unstructure=unstructure_str_like,
        text="{a}",
        native="{a}",
        schema={"type": "string"},
    ),
    Rule(
        type=int,
        structure=structure_int,
        python="{v} if {v}.__class__ is int and -_BIG < {v} < _BIG else {h}({v})",
        trusted="{v} if {v}.__class__ is int else {h}({v})",
        unstructure=identity,
        text="{a}",
        native="{a}",
        schema={"type": "integer"},
    ),
    Rule(
        type=float,
        structure=structure_float,
        python="{v} if {v}.__class__ is float and {v} - {v} == 0.0 else {h}({v})",
        trusted="{v} if {v}.__class__ is float else {h}({v})",
        unstructure=identity,
        text="{a}",
        native="{a}",
        schema={"type": "number"},
    ),
    Rule(
        type=bool,
        structure=structure_bool,
        python="{v} if {v} is True or {v} is False else {h}({v})",
        trusted="{v} if {v} is True or {v} is False else {h}({v})",
        unstructure=identity,
        text="{a}",
        native="{a}",
        schema={"type": "boolean"},
    ),
    Rule(
        type=UUID,
        structure=structure_uuid,
        python=_CALL,
        trusted=_CALL,
        unstructure=_uuid_text,
        text=_TEXT_OF or "str({a})",
        native="{a}",
        schema={"type": "string", "format": "uuid"},
    ),
    Rule(
        type=datetime,
        structure=structure_datetime,
        python=_CALL,
        trusted=_CALL,
        unstructure=_datetime_text,
        text=_TEXT_OF or "{a}.isoformat()",
        native="{a}",
        schema={"type": "string", "format": "date-time"},
    ),
    Rule(
        type=timedelta,
        structure=structure_timedelta,
        python=_CALL,
        trusted=_CALL,
        unstructure=_duration_seconds,
        text="{a}.total_seconds()",
        native="{a}.total_seconds()",
        schema={"type": "number", "format": "time-delta"},
    ),
    Rule(
        type=ItemizedDelta,
        structure=structure_itemized_delta,
        python=_CALL,
        trusted=_CALL,
        unstructure=itemized_text,
        text="{a}.format_iso()",
        native="{a}.format_iso()",
        schema={"type": "string", "format": "duration"},
    ),
    Rule(
        type=Any,
        structure=structure_json_value,
        python=_CALL,
        trusted="{v}",
        unstructure=identity,
        text="{a}",
        native="{a}",
        schema={},
    ),
    Rule(
        type=dict,
        structure=structure_dict_any,
        python="{v} if {v}.__class__ is dict and not {v} else {h}({v})",
        trusted="{v} if {v}.__class__ is dict else {h}({v})",
        unstructure=identity,
        text="{a}",
        native="{a}",
        schema={"type": "object"},
    ),
    Rule(
        type=frozenset,
        structure=structure_frozenset,
        python=_CALL,
        trusted=_CALL,
        unstructure=unstructure_frozenset,
        text="list({a})",
        native="tuple({a})",
        schema={"type": "array", "uniqueItems": True},
    ),
)

RULE_OF: Final[Mapping[Any, Rule]] = {rule.type: rule for rule in RULES}
"""Each rule by its type."""

# Prefect 3.9's scalar kinds, where pydantic v2 reads them otherwise than Prefect 2.20's
# pydantic v1: strings only for ``str``, v2's integers, floats, UUIDs, datetimes and
# durations, objects without ``[]`` for ``{}``. Everything else (sources, writers,
# schemas) is the kind's one rule above.
_V2_STRUCTURE: Final[Mapping[Any, Hook]] = {
    str: structure_v2_str_like,
    int: structure_v2_int,
    float: structure_v2_float,
    UUID: structure_v2_uuid,
    datetime: structure_v2_datetime,
    timedelta: structure_v2_duration,
    dict: structure_v2_dict_any,
}
RULES_V2: Final[tuple[Rule, ...]] = tuple(
    attrs.evolve(rule, structure=_V2_STRUCTURE[rule.type]) if rule.type in _V2_STRUCTURE else rule
    for rule in RULES
)
"""The scalar rules of Prefect 3.9's converter (:mod:`responses.prefect3`)."""

STRUCTURE_SOURCES: Final[Mapping[Hook, Rule]] = {
    rule.structure: rule for rule in (*RULES, *RULES_V2)
}
"""The rule of each structure hook declared here (inlined where the converter's
hook for a field's type is one of these)."""

_ENUM_RULE: Final = Rule(
    type=enum.Enum,
    structure=identity,  # per enum: see _scalars.enum_structure_hook
    python=_CALL,
    trusted=_CALL,
    unstructure=enum_value,
    text="{a}.value",
    native="{a}",
    schema={"type": "string"},
)

UNSTRUCTURE_SOURCES: Final[Mapping[Hook, Rule]] = {
    rule.unstructure: rule for rule in (*RULES, _ENUM_RULE)
}  # identity serves several rules, all with the source "{a}"
"""The rule of each unstructure hook declared here."""


def rule_of(converter: Any, tp: Any) -> Rule:
    """The rule for ``tp`` among the scalar rules ``converter`` registered (a
    :class:`~responses.ResponsesConverter`'s class says which; 2.20's for any other)."""
    for rule in getattr(converter, "_scalar_rules", RULES):
        if rule.type is tp:
            return rule
    raise LookupError(tp)
