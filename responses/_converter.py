"""The cattrs converter: scalar hooks plus generated per-class code.

``make_converter`` registers small hooks (one per scalar type, one factory per
container shape) and a factory that writes a specialized structure and
unstructure function for each attrs class the first time it is needed, as
cattrs' own ``make_dict_structure_fn`` does. The generated structure function
reads every field with its hook, collects every problem with its path, and
builds the instance by setting its slots directly (the instance is complete
before anyone sees it). Hot scalar hooks are inlined as a type check that
falls back to the hook only for unusual input.
"""

from __future__ import annotations

import enum
import linecache
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin
from uuid import UUID

import attrs
import cattrs

from ._errors import ErrorDetail, ValidationError
from ._orjson import usable_orjson
from ._scalars import (
    InvalidValue,
    describe,
    structure_any,
    structure_bool,
    structure_datetime,
    structure_dict_any,
    structure_dict_str,
    structure_float,
    structure_frozenset,
    structure_int,
    structure_str,
    structure_str_list,
    structure_timedelta,
    structure_uuid,
)
from ._types import StructureWith

__all__ = ["make_converter"]

Hook = Callable[[Any, Any], Any]

# How the generated code inlines our own scalar hooks: the common case is a type
# check; anything else goes through the hook (`{h}`) for coercion or the error.
_INLINE: Final[dict[Hook, str]] = {
    structure_str: "{v} if {v}.__class__ is str else {h}({v})",
    structure_int: "{v} if {v}.__class__ is int else {h}({v})",
    structure_bool: "{v} if {v} is True or {v} is False else {h}({v})",
    structure_float: "{v} if {v}.__class__ is float and {v} - {v} == 0.0 else {h}({v})",
    structure_dict_any: "{v} if {v}.__class__ is dict else {h}({v})",
    structure_any: "{v}",
    structure_uuid: "{h}({v})",
    structure_datetime: "{h}({v})",
    structure_timedelta: "{h}({v})",
}

_NONE_TYPE: Final = type(None)

# How deep nested models are written inline in their parent's unstructure function.
_INLINE_DEPTH: Final = 3


# --- type inspection -----------------------------------------------------------------


def _split_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(tp, False)``."""
    if get_origin(tp) is Annotated:
        inner, optional = _split_optional(get_args(tp)[0])
        return (Annotated[(inner, *tp.__metadata__)] if optional else tp), optional
    if _is_union(tp):
        members = [m for m in get_args(tp) if m is not _NONE_TYPE]
        if len(members) < len(get_args(tp)):
            return (members[0] if len(members) == 1 else Union[tuple(members)]), True  # noqa: UP007
    return tp, False


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _structure_with(tp: Any) -> Hook | None:
    if get_origin(tp) is Annotated:
        for marker in tp.__metadata__:
            if isinstance(marker, StructureWith):
                return marker.function
    return None


def _literal_tag(cl: type) -> tuple[str, str] | None:
    """``("type", "accept_details")`` for a class whose first field is a one-value Literal."""
    fields = _resolved_fields(cl)
    if fields:
        field, tp = fields[0]
        if get_origin(tp) is Literal and len(get_args(tp)) == 1:
            return field.name, get_args(tp)[0]
    return None


def _is_model_union(tp: Any) -> bool:
    """A union of attrs classes (no ``None``)."""
    return _is_union(tp) and all(attrs.has(m) for m in get_args(tp))


def _is_tagged_union(tp: Any) -> bool:
    """A union of attrs classes that each start with a one-value ``Literal`` tag field."""
    return _is_model_union(tp) and all(_literal_tag(m) is not None for m in get_args(tp))


def _forbids_extra_keys(cl: type) -> bool:
    """Classes that reject unknown keys whatever the converter (Prefect's schedules)."""
    return bool(getattr(cl, "__forbid_extra_keys__", False))


def _resolved_fields(cl: type) -> list[tuple[attrs.Attribute[Any], Any]]:
    hints = typing.get_type_hints(cl, include_extras=True)
    return [(f, hints[f.name]) for f in attrs.fields(cl)]


# --- errors ----------------------------------------------------------------------------


def _message(exc: BaseException) -> str:
    if isinstance(exc, InvalidValue):
        return str(exc)
    return f"invalid value ({type(exc).__name__}: {exc})"


def _add_error(
    errors: list[ErrorDetail] | None, name: str | int, exc: Exception
) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    if isinstance(exc, ValidationError):
        found.extend(exc.prefixed(name))
    else:
        found.append(ErrorDetail((name,), _message(exc)))
    return found


def _add_missing(errors: list[ErrorDetail] | None, name: str) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    found.append(ErrorDetail((name,), "field required"))
    return found


def _add_unknown(errors: list[ErrorDetail] | None, keys: Any) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    found.extend(ErrorDetail((key,), "unknown field") for key in sorted(map(str, keys)))
    return found


def _root_error(exc: Exception) -> ValidationError:
    return exc if isinstance(exc, ValidationError) else ValidationError.at(_message(exc))


def _as_dict(value: Any, cl: type) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    raise ValidationError.at(f"expected an object for {cl.__name__}, got {describe(value)}")


# --- code generation -----------------------------------------------------------------


def _compile(name: str, source: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    filename = f"<responses generated {name}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(code, namespace)  # noqa: S102
    function: Callable[..., Any] = namespace[name]
    return function


class _Generator:
    """Writes the structure/unstructure functions of a converter's classes.

    Every method takes the converter it works for, so that a copy of a converter
    (``converter.copy()``) with hooks of its own generates code that uses them.
    """

    def __init__(self, *, forbid_extra_keys: bool, native: frozenset[type]) -> None:
        self.forbid_extra_keys = forbid_extra_keys
        self.is_native = _native_predicate(native)
        self.enum_hooks: dict[type, Hook] = {}

    def enum_hook(self, tp: type[enum.Enum]) -> Hook:
        hook = self.enum_hooks.get(tp)
        if hook is None:
            hook = self.enum_hooks[tp] = _make_enum_structure(tp)
        return hook

    # structure ---------------------------------------------------------------

    def field_hook(self, converter: cattrs.Converter, tp: Any) -> Hook:
        custom = _structure_with(tp)
        if custom is not None:
            return custom
        if tp is str:
            return structure_str
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.enum_hook(tp)
        return converter.get_structure_hook(tp)

    def structure_expression(
        self, converter: cattrs.Converter, tp: Any, index: int, ns: dict[str, Any]
    ) -> str:
        inner, optional = _split_optional(tp)
        hook = self.field_hook(converter, inner)
        ns[f"_h{index}"] = hook
        ns[f"_t{index}"] = inner
        template = _INLINE.get(hook, "{h}({v}, {t})")
        expression = template.format(v="v", h=f"_h{index}", t=f"_t{index}")
        if optional:
            return f"None if v is None else ({expression})"
        return expression

    def make_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        cl: type = tp
        name = f"structure_{cl.__name__}"
        ns: dict[str, Any] = {
            "_cl": cl,
            "_new": object.__new__,
            "_as_dict": _as_dict,
            "_add_error": _add_error,
            "_add_missing": _add_missing,
            "_add_unknown": _add_unknown,
            "_ValidationError": ValidationError,
        }
        lines = [
            f"def {name}(d, _=None):",
            "    if d.__class__ is not dict:",
            "        if d.__class__ is _cl:",
            "            return d",
            "        d = _as_dict(d, _cl)",
        ]
        pre = getattr(cl, "_pre_structure", None)
        if pre is not None:
            # a pydantic-style pre root validator: rewrites the raw input first
            ns["_pre"] = pre
            ns["_root_error"] = _root_error
            lines += [
                "    try:",
                "        d = _pre(d)",
                "    except Exception as e:",
                "        raise _root_error(e) from None",
            ]
        lines.append("    errors = None")
        setters = []
        fields = _resolved_fields(cl)
        for i, (field, field_type) in enumerate(fields):
            key = field.name
            lines += ["    try:", f"        v = d[{key!r}]", "    except KeyError:"]
            if field.default is attrs.NOTHING:
                lines.append(f"        errors = _add_missing(errors, {key!r})")
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                ns[f"_f{i}"] = typing.cast(Any, field.default).factory
                lines.append(f"        a{i} = _f{i}()")
            else:
                ns[f"_d{i}"] = field.default
                lines.append(f"        a{i} = _d{i}")
            expression = self.structure_expression(converter, field_type, i, ns)
            lines += [
                "    else:",
                "        try:",
                f"            a{i} = {expression}",
                "        except Exception as e:",
                f"            errors = _add_error(errors, {key!r}, e)",
            ]
            ns[f"_s{i}"] = getattr(cl, key).__set__
            setters.append(f"    _s{i}(o, a{i})")
        if self.forbid_extra_keys or _forbids_extra_keys(cl):
            ns["_known"] = frozenset(f.name for f, _ in fields)
            lines += [
                "    if not _known.issuperset(d):",
                "        errors = _add_unknown(errors, d.keys() - _known)",
            ]
        lines += [
            "    if errors is not None:",
            "        raise _ValidationError(errors)",
            "    o = _new(_cl)",
        ]
        lines += setters
        if hasattr(cl, "__attrs_post_init__"):
            ns["_root_error"] = _root_error
            lines += [
                "    try:",
                "        o.__attrs_post_init__()",
                "    except Exception as e:",
                "        raise _root_error(e) from None",
            ]
        lines.append("    return o")
        return _compile(name, "\n".join(lines) + "\n", ns)

    def make_list_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        (item_type,) = get_args(tp) or (Any,)
        if item_type is str:
            return structure_str_list
        hook = self.field_hook(converter, item_type)

        def structure_list(value: Any, _: Any = None) -> list[Any]:
            if value.__class__ is not list and not isinstance(value, tuple):
                raise ValidationError.at(f"expected an array, got {describe(value)}")
            try:
                return [hook(item, item_type) for item in value]
            except Exception:  # noqa: BLE001, S110 - the loop below says what went wrong
                pass
            errors: list[ErrorDetail] = []
            for index, item in enumerate(value):
                try:
                    hook(item, item_type)
                except Exception as exc:  # noqa: BLE001
                    _add_error(errors, index, exc)
            raise ValidationError(errors)

        return structure_list

    def make_tagged_union_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        members = get_args(tp)
        tag_key = typing.cast(tuple[str, str], _literal_tag(members[0]))[0]
        by_tag = {typing.cast(tuple[str, str], _literal_tag(m))[1]: m for m in members}
        hooks = {tag: converter.get_structure_hook(m) for tag, m in by_tag.items()}
        allowed = ", ".join(repr(tag) for tag in by_tag)

        def structure_tagged_union(value: Any, _: Any = None) -> Any:
            if value.__class__ in members:
                return value
            if not isinstance(value, Mapping):
                raise ValidationError.at(f"expected an object, got {describe(value)}")
            tag = value.get(tag_key)
            hook = hooks.get(tag) if isinstance(tag, str) else None
            if hook is None:
                problem = "missing" if tag is None else f"unknown tag {tag!r}"
                raise ValidationError.at(f"{problem}; expected one of {allowed}", tag_key)
            return hook(value, None)

        return structure_tagged_union

    def make_untagged_union_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        """Members told apart by their keys: the one whose required keys are all present
        (and, if it forbids unknown keys, that knows every key given) is chosen."""
        members = get_args(tp)
        hooks = {m: converter.get_structure_hook(m) for m in members}
        required = {
            m: frozenset(f.name for f in attrs.fields(m) if f.default is attrs.NOTHING)
            for m in members
        }
        known = {m: frozenset(f.name for f in attrs.fields(m)) for m in members}
        closed = {m: self.forbid_extra_keys or _forbids_extra_keys(m) for m in members}
        names = ", ".join(m.__name__ for m in members)

        def structure_untagged_union(value: Any, _: Any = None) -> Any:
            if value.__class__ in members:
                return value
            if not isinstance(value, Mapping):
                raise ValidationError.at(f"expected an object, got {describe(value)}")
            keys = value.keys()
            fitting = [
                m for m in members if required[m] <= keys and (not closed[m] or keys <= known[m])
            ]
            if len(fitting) == 1:
                return hooks[fitting[0]](value, None)
            if fitting:
                found = " and ".join(m.__name__ for m in fitting)
                raise ValidationError.at(f"ambiguous: the keys fit {found}")
            given = ", ".join(sorted(map(str, keys))) or "none"
            raise ValidationError.at(f"the keys ({given}) fit none of {names}")

        return structure_untagged_union

    # unstructure -------------------------------------------------------------

    def unstructure_expression(
        self, converter: cattrs.Converter, tp: Any, access: str, ns: dict[str, Any], depth: int
    ) -> str:
        """An expression giving the JSON-ready value of ``access`` (e.g. ``o.state.id``)."""
        inner, optional = _split_optional(tp)
        if get_origin(inner) is Annotated:
            inner = get_args(inner)[0]
        expression = self._value_expression(converter, inner, access, ns, depth)
        if optional and expression != access:
            return f"(None if {access} is None else {expression})"
        return expression

    def _value_expression(
        self, converter: cattrs.Converter, tp: Any, access: str, ns: dict[str, Any], depth: int
    ) -> str:
        origin = get_origin(tp)
        if self.is_native(tp):
            return access
        if tp is UUID or tp is datetime:
            orjson = usable_orjson()
            if orjson is not None:
                # orjson spells both exactly as str()/isoformat() do, 2-3 times faster
                ns["_orjson_dumps"] = orjson.dumps
                return f"_orjson_dumps({access})[1:-1].decode()"
            return f"str({access})" if tp is UUID else f"{access}.isoformat()"
        if tp is timedelta:
            return f"{access}.total_seconds()"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{access}.value"
        if origin is frozenset:
            # orjson writes tuples too, and tuple() of an empty set allocates nothing
            return f"tuple({access})" if self.is_native(tuple) else f"list({access})"
        if attrs.has(tp) or _is_model_union(tp):
            hook = converter.get_unstructure_hook(tp)
            if attrs.has(tp) and depth < _INLINE_DEPTH and getattr(hook, "_inlinable", False):
                # our own generated hook: write its dict display in place of the call
                return self._dict_display(converter, tp, access, ns, depth + 1)
            name = f"_u{len(ns)}"
            ns[name] = hook
            return f"{name}({access})"
        if origin is list:
            (item_type,) = get_args(tp)
            item = self._value_expression(converter, item_type, f"y{depth}", ns, depth + 1)
            return access if item == f"y{depth}" else f"[{item} for y{depth} in {access}]"
        return access

    def _dict_display(
        self, converter: cattrs.Converter, cl: type, access: str, ns: dict[str, Any], depth: int
    ) -> str:
        entries = [
            f"{field.name!r}: "
            + self.unstructure_expression(converter, tp, f"{access}.{field.name}", ns, depth)
            for field, tp in _resolved_fields(cl)
            if field.metadata.get("wire", True)  # else held, but not sent
        ]
        return "{" + ", ".join(entries) + "}"

    def make_unstructure(self, tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
        cl: type = tp
        name = f"unstructure_{cl.__name__}"
        ns: dict[str, Any] = {}
        body = self._dict_display(converter, cl, "o", ns, 0)
        source = f"def {name}(o):\n    return {body}\n"
        function = _compile(name, source, ns)
        function._inlinable = True  # type: ignore[attr-defined]
        return function

    def make_union_unstructure(self, tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
        hooks = {m: converter.get_unstructure_hook(m) for m in get_args(tp)}

        def unstructure_union(value: Any) -> Any:
            return hooks[value.__class__](value)

        return unstructure_union


def _is_any(tp: Any) -> bool:
    return tp is Any


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _origin_is(origin: Any) -> Callable[[Any], bool]:
    def predicate(tp: Any) -> bool:
        return get_origin(tp) is origin

    return predicate


def _native_predicate(native: frozenset[type]) -> Callable[[Any], bool]:
    def predicate(tp: Any) -> bool:
        return tp in native or (_is_enum(tp) and enum.Enum in native)

    return predicate


def make_converter(
    *, forbid_extra_keys: bool = False, native: frozenset[type] = frozenset()
) -> cattrs.Converter:
    """A converter for the models.

    ``forbid_extra_keys`` rejects unknown keys instead of ignoring them.
    ``native`` lists the types the JSON backend writes itself (``UUID``,
    ``datetime``, ``enum.Enum`` for orjson); those are left as objects by
    ``unstructure`` instead of being turned into strings. With ``tuple`` in it,
    sets are written as tuples rather than lists.
    """
    converter = cattrs.Converter()
    generator = _Generator(forbid_extra_keys=forbid_extra_keys, native=native)
    enum_hook = generator.enum_hook

    def structure_str_or_subclass(value: Any, tp: Any) -> Any:
        # cattrs dispatches every str subclass here, str-valued enums included
        if tp is str:
            return structure_str(value)
        if issubclass(tp, enum.Enum):
            return enum_hook(tp)(value, tp)
        return tp(structure_str(value))

    converter.register_structure_hook(str, structure_str_or_subclass)
    converter.register_structure_hook(enum.Enum, lambda value, tp: enum_hook(tp)(value, tp))
    scalar_hooks: dict[Any, Hook] = {
        int: structure_int,
        float: structure_float,
        bool: structure_bool,
        UUID: structure_uuid,
        datetime: structure_datetime,
        timedelta: structure_timedelta,
    }
    for tp, hook in scalar_hooks.items():
        converter.register_structure_hook(tp, hook)
    converter.register_structure_hook_func(_is_any, structure_any)

    def dict_hook(tp: Any) -> Hook:
        return structure_dict_str if get_args(tp) == (str, str) else structure_dict_any

    def annotated_hook(tp: Any, converter: cattrs.Converter) -> Hook:
        return generator.field_hook(converter, tp)

    # Factories taking (type, converter) get the converter in use, copies included.
    # cattrs tries the last registered first: the tagged union wins over the untagged
    # one for unions whose members carry a tag, and so on down the list.
    structure_factories: list[tuple[Callable[[Any], bool], Callable[..., Hook]]] = [
        (_is_model_union, generator.make_untagged_union_structure),
        (_is_tagged_union, generator.make_tagged_union_structure),
        (_origin_is(Annotated), annotated_hook),
        (_origin_is(dict), dict_hook),
        (_origin_is(list), generator.make_list_structure),
        (_origin_is(frozenset), lambda _: structure_frozenset),
        (_origin_is(Literal), _make_literal_structure),
        (attrs.has, generator.make_structure),
    ]
    for predicate, factory in structure_factories:
        converter.register_structure_hook_factory(predicate, factory)

    converter.register_unstructure_hook(UUID, str)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    orjson = usable_orjson()
    if orjson is not None:
        orjson_dumps = orjson.dumps

        def orjson_text(value: Any) -> str:
            # orjson spells UUIDs and datetimes as str()/isoformat() do, 2-3 times faster
            text: str = orjson_dumps(value)[1:-1].decode()
            return text

        converter.register_unstructure_hook(UUID, orjson_text)
        converter.register_unstructure_hook(datetime, orjson_text)
    converter.register_unstructure_hook(timedelta, timedelta.total_seconds)
    unstructure_factories: list[tuple[Callable[[Any], bool], Callable[[Any], Any]]] = [
        (_is_enum, lambda _: _enum_value),
        (_origin_is(frozenset), lambda _: list),
        (_native_predicate(native), lambda _: _identity),
    ]
    for predicate, factory in unstructure_factories:
        converter.register_unstructure_hook_factory(predicate, factory)
    converter.register_unstructure_hook_factory(_is_model_union, generator.make_union_unstructure)
    converter.register_unstructure_hook_factory(attrs.has, generator.make_unstructure)
    return converter


def _identity(value: Any) -> Any:
    return value


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def _make_literal_structure(tp: Any) -> Hook:
    allowed = get_args(tp)
    spelled = ", ".join(repr(a) for a in allowed)

    def structure_literal(value: Any, _: Any = None) -> Any:
        if value.__class__ is str or value.__class__ is int:
            for candidate in allowed:
                if value == candidate and value.__class__ is candidate.__class__:
                    return candidate
        raise InvalidValue(f"expected one of {spelled}, got {describe(value)}")

    return structure_literal


def _make_enum_structure(tp: type[enum.Enum]) -> Hook:
    members = {m.value: m for m in tp}
    spelled = ", ".join(repr(v) for v in members)

    def structure_enum(value: Any, _: Any = None) -> enum.Enum:
        if value.__class__ is str:
            member = members.get(value)
            if member is not None:
                return member
        elif isinstance(value, tp):
            return value
        raise InvalidValue(f"expected one of {spelled}, got {describe(value)}")

    return structure_enum
