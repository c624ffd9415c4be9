"""What a type is made of, in one place (as msgspec's ``inspect.type_info``).

Code generation, JSON Schema, ``from_orm`` and the test strategies all read classes
through :func:`class_info`. Besides attrs' own information it reads our class
protocol:

- ``__wire_order__`` (class attribute): the fields in Prefect's order, when it
  differs from definition order (models sharing fields through a common base);
- ``__forbid_extra_keys__`` (class attribute): unknown keys are refused whatever the
  converter says (Prefect's schedules);
- ``_pre_structure(values) -> values`` (static method): rewrites the raw input
  before the fields are read (a pydantic-style pre root validator);
- field metadata ``wire=False`` (held, not sent) and ``deprecated=True`` (schema);
- ``Annotated[T, StructureWith(function, schema)]`` field types: read with
  ``function`` instead of ``T``'s hook.
"""

from __future__ import annotations

import enum
import types
import typing
import weakref
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

import attrs

from ._types import ByServerPython, FieldCheck, StructureWith

__all__ = [
    "ClassInfo",
    "FieldInfo",
    "class_info",
    "is_enum",
    "is_model_union",
    "is_our_class",
    "is_our_enum",
    "is_our_target",
    "is_our_union",
    "is_tagged_union",
    "is_union",
    "literal_tag",
    "server_side",
    "split_optional",
    "structure_with",
]

_NONE_TYPE: Final = type(None)


def is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def split_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(tp, False)``."""
    if get_origin(tp) is Annotated:
        inner, optional = split_optional(get_args(tp)[0])
        return (Annotated[(inner, *tp.__metadata__)] if optional else tp), optional
    if is_union(tp):
        members = [m for m in get_args(tp) if m is not _NONE_TYPE]
        if len(members) < len(get_args(tp)):
            return (members[0] if len(members) == 1 else Union[tuple(members)]), True  # noqa: UP007
    return tp, False


def is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def is_model_union(tp: Any) -> bool:
    """A union of attrs classes (no ``None``)."""
    return is_union(tp) and all(attrs.has(m) for m in get_args(tp))


def _in_package(tp: Any) -> bool:
    module = getattr(tp, "__module__", None) or ""
    return module == "responses" or module.startswith("responses.")


def is_our_class(tp: Any) -> bool:
    """An attrs class of this package (Prefect's responses and their parts): the
    classes whose wire contract is ours, read and written by generated code. Every
    other class, a user's, gets cattrs' own machinery."""
    return isinstance(tp, type) and _in_package(tp) and attrs.has(tp)


def is_our_enum(tp: Any) -> bool:
    """An enum of this package (users' enums get cattrs' hooks)."""
    return is_enum(tp) and _in_package(tp)


def is_our_union(tp: Any) -> bool:
    """A union of our attrs classes (no ``None``)."""
    return is_union(tp) and all(is_our_class(m) for m in get_args(tp))


def is_our_target(tp: Any) -> bool:
    """A type our pipeline reads and writes: one of our classes, a union of them, a
    list of either, or a bare ``list`` (JSON values). Anything else is cattrs' business."""
    if tp is list:
        return True
    if get_origin(tp) is list:
        args = get_args(tp)
        return bool(args) and (is_our_class(args[0]) or is_our_union(args[0]))
    return is_our_class(tp) or is_our_union(tp)


def server_side(converter: Any, tp: Any) -> tuple[Any, Any] | None:
    """``(read, prepare)`` of a ``ByServerPython`` field type on a converter made for a
    server's Python (one with a ``server_python``), else ``None``."""
    server_python = getattr(converter, "server_python", None)
    if server_python is not None and get_origin(tp) is Annotated:
        for marker in tp.__metadata__:
            if isinstance(marker, ByServerPython):
                return marker.side(server_python)
    return None


def structure_with(tp: Any) -> StructureWith | None:
    """The ``StructureWith`` marker of an ``Annotated`` type, if any."""
    if get_origin(tp) is Annotated:
        for marker in tp.__metadata__:
            if isinstance(marker, StructureWith):
                return marker
    return None


def literal_tag(cl: type) -> tuple[str, str] | None:
    """``("type", "accept_details")`` for a class whose first field is a one-value
    ``Literal`` of a string."""
    fields = class_info(cl).fields
    if fields:
        base = fields[0].base
        if get_origin(base) is Literal and len(get_args(base)) == 1:
            value = get_args(base)[0]
            if isinstance(value, str):
                return fields[0].name, value
    return None


def is_tagged_union(tp: Any) -> bool:
    """A union of attrs classes that each start with a one-value ``Literal`` tag field."""
    return is_model_union(tp) and all(literal_tag(m) is not None for m in get_args(tp))


@attrs.frozen
class FieldInfo:
    """One field of a class, as structuring and writing see it."""

    name: str
    """The attribute, and the key on the wire."""
    init_name: str
    """The keyword ``__init__`` takes (attrs' alias: ``balance`` for ``_balance``)."""
    type: Any
    """The resolved type, ``Annotated`` and ``None`` kept."""
    inner: Any
    """The type without ``None`` (``Annotated`` kept)."""
    base: Any
    """The type without ``None`` and ``Annotated``."""
    optional: bool
    required: bool
    default: Any
    """The default value, ``attrs.NOTHING`` when there is none or a factory."""
    factory: Callable[..., Any] | None
    takes_self: bool
    init: bool
    wire: bool
    deprecated: bool
    marker: StructureWith | None


@attrs.frozen
class ClassInfo:
    """An attrs class: its fields and our class protocol."""

    cl: type
    fields: tuple[FieldInfo, ...]
    """In definition order."""
    ordered_fields: tuple[FieldInfo, ...]
    """In Prefect's order (``__wire_order__``, else definition order)."""
    wire_fields: tuple[FieldInfo, ...]
    """The fields sent, in Prefect's order."""
    forbid_extra_keys: bool
    pre_structure: Callable[[dict[str, Any]], dict[str, Any]] | None
    post_init: bool
    slot_filled: bool
    """Whether instances may be made by filling the slots directly: the class is
    slotted and has nothing for ``__init__`` to do that structuring has not done
    (no validators, no converters but :class:`FieldCheck`, every field in
    ``__init__``, no ``__attrs_pre_init__``, no factory that takes ``self``)."""


def _field_info(field: attrs.Attribute[Any], tp: Any) -> FieldInfo:
    inner, optional = split_optional(tp)
    base = get_args(inner)[0] if get_origin(inner) is Annotated else inner
    default = field.default
    factory = None
    takes_self = False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = typing.cast(Any, default).factory
        takes_self = bool(typing.cast(Any, default).takes_self)
        default = attrs.NOTHING
    return FieldInfo(
        name=field.name,
        init_name=field.alias or field.name,
        type=tp,
        inner=inner,
        base=base,
        optional=optional,
        required=field.default is attrs.NOTHING,
        default=default,
        factory=factory,
        takes_self=takes_self,
        init=field.init,
        wire=bool(field.metadata.get("wire", True)),
        deprecated=bool(field.metadata.get("deprecated", False)),
        marker=structure_with(inner),
    )


def _slot_filled(cl: type, fields: tuple[FieldInfo, ...]) -> bool:
    if "__slots__" not in cl.__dict__ or hasattr(cl, "__attrs_pre_init__"):
        return False
    for attribute in attrs.fields(cl):
        if not attribute.init or attribute.validator is not None:
            return False
        if attribute.converter is not None and not isinstance(attribute.converter, FieldCheck):
            return False
    return not any(f.takes_self for f in fields)


def _build(cl: type) -> ClassInfo:
    hints = typing.get_type_hints(cl, include_extras=True)
    fields = tuple(
        _field_info(field, hints.get(field.name, field.type if field.type is not None else Any))
        for field in attrs.fields(cl)
    )
    order: tuple[str, ...] | None = cl.__dict__.get("__wire_order__")
    ordered = fields
    if order is not None:
        by_name = {f.name: f for f in fields}
        if sorted(order) != sorted(by_name):
            raise TypeError(f"{cl.__name__}.__wire_order__ must name every field once")
        ordered = tuple(by_name[name] for name in order)
    return ClassInfo(
        cl=cl,
        fields=fields,
        ordered_fields=ordered,
        wire_fields=tuple(f for f in ordered if f.wire),
        forbid_extra_keys=bool(getattr(cl, "__forbid_extra_keys__", False)),
        pre_structure=getattr(cl, "_pre_structure", None),
        post_init=hasattr(cl, "__attrs_post_init__"),
        slot_filled=_slot_filled(cl, fields),
    )


_INFO: Final[weakref.WeakKeyDictionary[type, ClassInfo]] = weakref.WeakKeyDictionary()


def class_info(cl: type) -> ClassInfo:
    """What ``cl``, an attrs class, is made of (computed once per class)."""
    info = _INFO.get(cl)
    if info is None:
        info = _INFO[cl] = _build(cl)
    return info
