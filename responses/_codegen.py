"""Generated structure and unstructure functions, one pair per attrs class and converter.

Like cattrs' ``make_dict_structure_fn``, each function is written as Python
source for one class and compiled once. The structure function reads every
field with the hook the converter has for its type, collects every problem with
its path and builds the instance only when there is none. Where the hook is one
of ours, the common case is written inline (a type check) and the hook is called
only for unusual input; a hook the caller registered is always called.

The source of every function is kept in ``linecache`` under a name unique to the
class and the converter, one statement per line, so tracebacks and
``inspect.getsource`` show it.
"""

from __future__ import annotations

import enum
import functools
import itertools
import linecache
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

import attrs
import cattrs

from ._errors import (
    MAX_ERRORS,
    ErrorDetail,
    ValidationError,
    as_validation_error,
    error_details,
)
from ._scalars import describe
from ._types import FieldCheck, StructureWith

__all__ = [
    "CodeGenerator",
    "ignoring_checked",
    "is_model_union",
    "is_union",
    "ordered_fields",
    "resolved_fields",
    "split_optional",
    "wire_fields",
]

Hook = Callable[..., Any]

_NONE_TYPE: Final = type(None)

# How deep nested models are written inline in their parent's unstructure function.
_INLINE_DEPTH: Final = 3

_unique = itertools.count(1)


# --- type inspection -----------------------------------------------------------------


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


def is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def is_model_union(tp: Any) -> bool:
    """A union of attrs classes (no ``None``)."""
    return is_union(tp) and all(attrs.has(m) for m in get_args(tp))


def is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def structure_with(tp: Any) -> Hook | None:
    """The function of a ``StructureWith`` marker on an ``Annotated`` type, if any."""
    if get_origin(tp) is Annotated:
        for marker in tp.__metadata__:
            if isinstance(marker, StructureWith):
                return marker.function
    return None


def _literal_tag(cl: type) -> tuple[str, str] | None:
    """``("type", "accept_details")`` for a class whose first field is a one-value Literal."""
    fields = resolved_fields(cl)
    if fields:
        field, tp = fields[0]
        if get_origin(tp) is Literal and len(get_args(tp)) == 1:
            return field.name, get_args(tp)[0]
    return None


def is_tagged_union(tp: Any) -> bool:
    """A union of attrs classes that each start with a one-value ``Literal`` tag field."""
    return is_model_union(tp) and all(_literal_tag(m) is not None for m in get_args(tp))


def _forbids_extra_keys(cl: type) -> bool:
    """Classes that reject unknown keys whatever the converter (Prefect's schedules)."""
    return bool(getattr(cl, "__forbid_extra_keys__", False))


@functools.cache
def resolved_fields(cl: type) -> tuple[tuple[attrs.Attribute[Any], Any], ...]:
    """The attrs fields of ``cl`` with their resolved types, in definition order."""
    hints = typing.get_type_hints(cl, include_extras=True)
    return tuple((f, hints[f.name]) for f in attrs.fields(cl))


@functools.cache
def ordered_fields(cl: type) -> tuple[tuple[attrs.Attribute[Any], Any], ...]:
    """The fields in Prefect's order: definition order unless the class names it in
    ``__wire_order__`` (models that share their fields through a common base)."""
    fields = resolved_fields(cl)
    order: tuple[str, ...] | None = cl.__dict__.get("__wire_order__")
    if order is None:
        return fields
    by_name = {field.name: (field, tp) for field, tp in fields}
    if sorted(order) != sorted(by_name):
        raise TypeError(f"{cl.__name__}.__wire_order__ must name every field once")
    return tuple(by_name[name] for name in order)


def wire_fields(cl: type) -> tuple[tuple[attrs.Attribute[Any], Any], ...]:
    """The fields Prefect sends, in its order (``wire=False`` in a field's metadata:
    held, but not sent)."""
    return tuple((f, tp) for f, tp in ordered_fields(cl) if f.metadata.get("wire", True))


def _honours_init(cl: type) -> bool:
    """Whether instances must be made by calling ``__init__``: the class has attrs
    validators, converters or ``init=False`` fields of its own (ours, the
    :class:`FieldCheck` converters, check what structuring has checked already)."""
    for field in attrs.fields(cl):
        if not field.init or field.validator is not None:
            return True
        if field.converter is not None and not isinstance(field.converter, FieldCheck):
            return True
    return False


# --- errors ----------------------------------------------------------------------------


def _add_error(
    errors: list[ErrorDetail] | None, name: str | int, exc: ValueError
) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    found.extend(error_details(exc, name))
    return found


def _add_missing(errors: list[ErrorDetail] | None, name: str) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    found.append(ErrorDetail((name,), "field required"))
    return found


def _add_unknown(errors: list[ErrorDetail] | None, keys: Any) -> list[ErrorDetail]:
    found = [] if errors is None else errors
    found.extend(ErrorDetail((key,), "unknown field") for key in sorted(map(str, keys)))
    return found


def _as_dict(value: Any, cl: type) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    raise ValidationError.at(f"expected an object for {cl.__name__}, got {describe(value)}")


# --- code generation -----------------------------------------------------------------


def _compile(name: str, tag: str, source: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    filename = f"<responses {name} #{tag}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(code, namespace)  # noqa: S102
    function: Callable[..., Any] = namespace[name]
    return function


class CodeGenerator:
    """Writes the structure/unstructure functions of a converter's classes.

    ``inline_structure`` maps our scalar hooks to the source that inlines them
    (``{v}`` the value, ``{h}`` the hook, ``{t}`` the type, ``checked`` the flag our
    structure functions take: true for values fresh from a JSON decoder whose document
    was checked, where free-form values are JSON already and only their container
    type needs a look; our own hooks pass it on to each other).
    ``inline_unstructure`` maps our unstructure hooks to an expression over ``{a}``
    (the attribute access), and ``inline_native`` overrides those for an encoder that
    writes some types itself (orjson: UUIDs, datetimes, enums, tuples);
    ``template_globals`` are the names those expressions use. Every method takes the
    converter it works for, so a copy with hooks of its own generates code that
    calls them.
    """

    def __init__(
        self,
        *,
        inline_structure: Mapping[Hook, str],
        inline_unstructure: Mapping[Hook, str],
        inline_native: Mapping[Hook, str],
        template_globals: Mapping[str, Any],
        enum_hook: Callable[[type[enum.Enum]], Hook],
        str_hooks: tuple[Hook, Hook],
        enum_value: Hook,
    ) -> None:
        self.inline_structure = dict(inline_structure)
        self.inline_unstructure = dict(inline_unstructure)
        self.inline_native = {**self.inline_unstructure, **inline_native}
        self.template_globals = dict(template_globals)
        self.enum_hook = enum_hook
        self.str_hook, self.str_unstructure_hook = str_hooks
        self.enum_value = enum_value

    def _tag(self, converter: cattrs.Converter) -> str:
        return f"{id(converter):x}.{next(_unique)}"

    # structure ---------------------------------------------------------------

    def field_hook(self, converter: cattrs.Converter, tp: Any) -> Hook:
        """The hook a field of type ``tp`` is read with."""
        custom = structure_with(tp)
        if custom is not None:
            return custom
        hook = converter.get_structure_hook(tp)
        if hook is self.str_hook and is_enum(tp):
            return self.enum_hook(tp)  # our str hook on a str enum: its own hook
        return hook

    def is_ours(self, hook: Hook) -> bool:
        """Whether ``hook`` was generated here (and so takes the ``checked`` flag)."""
        return getattr(hook, "_responses_generated", None) is self

    def structure_expression(
        self, converter: cattrs.Converter, tp: Any, index: int, ns: dict[str, Any]
    ) -> str:
        inner, optional = split_optional(tp)
        hook = self.field_hook(converter, inner)
        ns[f"_h{index}"] = hook
        ns[f"_t{index}"] = inner
        default = "{h}({v}, {t}, checked)" if self.is_ours(hook) else "{h}({v}, {t})"
        template = self.inline_structure.get(hook, default)
        if hook is self.str_hook and inner is not str:
            template = "{h}({v}, {t})"  # a str subclass: only the hook knows it
        expression = template.format(v="v", h=f"_h{index}", t=f"_t{index}")
        if optional:
            return f"None if v is None else ({expression})"
        return expression

    def make_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        """The structure function of ``tp``: ``(value, type=None, checked=False)``."""
        cl: type = tp
        name = f"structure_{cl.__name__}"
        honour_init = _honours_init(cl)
        ns: dict[str, Any] = {
            "_cl": cl,
            "_new": object.__new__,
            "_as_dict": _as_dict,
            "_add_error": _add_error,
            "_add_missing": _add_missing,
            "_add_unknown": _add_unknown,
            "_ValidationError": ValidationError,
            "_as_validation_error": as_validation_error,
        }
        lines = [
            f"def {name}(d, _=None, checked=False):",
            "    if d.__class__ is not dict:",
            "        if d.__class__ is _cl:",
            "            return d",
            "        d = _as_dict(d, _cl)",
        ]
        pre = getattr(cl, "_pre_structure", None)
        if pre is not None:
            # a pydantic-style pre root validator: rewrites the raw input first
            ns["_pre"] = pre
            lines += [
                "    try:",
                "        d = _pre(d)",
                "    except ValueError as e:",
                "        raise _as_validation_error(e) from e",
            ]
        lines.append("    errors = None")
        fields = [(f, t) for f, t in resolved_fields(cl) if f.init]
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
                "        except ValueError as e:",
                f"            errors = _add_error(errors, {key!r}, e)",
            ]
        if converter.forbid_extra_keys or _forbids_extra_keys(cl):
            ns["_known"] = frozenset(f.name for f, _ in fields)
            lines += [
                "    if not _known.issuperset(d):",
                "        errors = _add_unknown(errors, d.keys() - _known)",
            ]
        lines += ["    if errors is not None:", "        raise _ValidationError(errors)"]
        if honour_init:
            # the class checks or converts values itself: let its __init__ do so
            lines += ["    try:", "        o = _cl("]
            lines += [f"            {field.name}=a{i}," for i, (field, _) in enumerate(fields)]
            lines += [
                "        )",
                "    except (ValueError, TypeError) as e:",
                "        raise _as_validation_error(e) from e",
                "    return o",
            ]
            return self._ours(_compile(name, self._tag(converter), "\n".join(lines) + "\n", ns))
        lines.append("    o = _new(_cl)")
        for i, (field, _) in enumerate(fields):
            ns[f"_s{i}"] = getattr(cl, field.name).__set__
            lines.append(f"    _s{i}(o, a{i})")
        if hasattr(cl, "__attrs_post_init__"):
            lines += [
                "    try:",
                "        o.__attrs_post_init__()",
                "    except ValueError as e:",
                "        raise _as_validation_error(e) from e",
            ]
        lines.append("    return o")
        return self._ours(_compile(name, self._tag(converter), "\n".join(lines) + "\n", ns))

    def _ours(self, hook: Hook) -> Hook:
        """Mark a hook as generated here: it takes the ``checked`` flag."""
        hook._responses_generated = self  # type: ignore[attr-defined]
        return hook

    def make_list_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        (item_type,) = get_args(tp) or (Any,)
        item_hook = self.field_hook(converter, item_type)
        hook = item_hook if self.is_ours(item_hook) else ignoring_checked(item_hook)

        def structure_list(value: Any, _: Any = None, checked: bool = False) -> list[Any]:
            if value.__class__ is not list and not isinstance(value, tuple):
                raise ValidationError.at(f"expected an array, got {describe(value)}")
            try:
                return [hook(item, item_type, checked) for item in value]
            except ValueError:
                pass  # the loop below says where and what
            errors: list[ErrorDetail] = []
            for index, item in enumerate(value):
                try:
                    hook(item, item_type, checked)
                except ValueError as exc:
                    _add_error(errors, index, exc)
                    if len(errors) > MAX_ERRORS:
                        break
            raise ValidationError(errors)

        return self._ours(structure_list)

    def make_tagged_union_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        members = get_args(tp)
        tag_key = typing.cast(tuple[str, str], _literal_tag(members[0]))[0]
        by_tag = {typing.cast(tuple[str, str], _literal_tag(m))[1]: m for m in members}
        hooks = {tag: self._taking_checked(converter, m) for tag, m in by_tag.items()}
        allowed = ", ".join(repr(tag) for tag in by_tag)

        def structure_tagged_union(value: Any, _: Any = None, checked: bool = False) -> Any:
            if value.__class__ in members:
                return value
            if not isinstance(value, Mapping):
                raise ValidationError.at(f"expected an object, got {describe(value)}")
            tag = value.get(tag_key)
            hook = hooks.get(tag) if isinstance(tag, str) else None
            if hook is None:
                problem = (
                    "missing"
                    if tag is None
                    else f"unknown tag {tag[:40]!r}"
                    if isinstance(tag, str)
                    else f"the tag must be a string, got {describe(tag)}"
                )
                raise ValidationError.at(f"{problem}; expected one of {allowed}", tag_key)
            return hook(value, None, checked)

        return self._ours(structure_tagged_union)

    def make_untagged_union_structure(self, tp: Any, converter: cattrs.Converter) -> Hook:
        """Members told apart by their keys: the one whose required keys are all present
        (and, if it forbids unknown keys, that knows every key given) is chosen."""
        members = get_args(tp)
        hooks = {m: self._taking_checked(converter, m) for m in members}
        required = {
            m: frozenset(f.name for f in attrs.fields(m) if f.default is attrs.NOTHING)
            for m in members
        }
        known = {m: frozenset(f.name for f in attrs.fields(m)) for m in members}
        closed = {m: converter.forbid_extra_keys or _forbids_extra_keys(m) for m in members}
        names = ", ".join(m.__name__ for m in members)

        def structure_untagged_union(value: Any, _: Any = None, checked: bool = False) -> Any:
            if value.__class__ in members:
                return value
            if not isinstance(value, Mapping):
                raise ValidationError.at(f"expected an object, got {describe(value)}")
            keys = value.keys()
            fitting = [
                m for m in members if required[m] <= keys and (not closed[m] or keys <= known[m])
            ]
            if len(fitting) == 1:
                return hooks[fitting[0]](value, None, checked)
            if fitting:
                found = " and ".join(m.__name__ for m in fitting)
                raise ValidationError.at(f"ambiguous: the keys fit {found}")
            given = ", ".join(sorted(map(str, keys))[:20]) or "none"
            raise ValidationError.at(f"the keys ({given}) fit none of {names}")

        return self._ours(structure_untagged_union)

    def _taking_checked(self, converter: cattrs.Converter, tp: Any) -> Hook:
        hook = self.field_hook(converter, tp)
        return hook if self.is_ours(hook) else ignoring_checked(hook)

    # unstructure -------------------------------------------------------------

    def unstructure_expression(
        self,
        converter: cattrs.Converter,
        tp: Any,
        access: str,
        ns: dict[str, Any],
        context: _Unstructuring,
    ) -> str:
        """An expression giving the JSON-ready value of ``access`` (e.g. ``o.state``).

        A nested model whose hook is ours is written in place (its dict display),
        read through a local variable bound before the ``return``.
        """
        inner, optional = split_optional(tp)
        if get_origin(inner) is Annotated:
            inner = get_args(inner)[0]
        hook: Hook = converter.get_unstructure_hook(inner)
        if (
            attrs.has(inner)
            and getattr(hook, "_responses_generated", None) is self
            and context.depth < _INLINE_DEPTH
        ):
            local = context.bind(access, nullable=optional)
            display = self._dict_display(converter, inner, local, ns, context.deeper())
            return f"(None if {local} is None else {display})" if optional else display
        expression = self._value_expression(converter, inner, hook, access, ns, context)
        if optional and expression != access:
            return f"(None if {access} is None else {expression})"
        return expression

    def _value_expression(
        self,
        converter: cattrs.Converter,
        tp: Any,
        hook: Hook,
        access: str,
        ns: dict[str, Any],
        context: _Unstructuring,
    ) -> str:
        if get_origin(tp) is list and getattr(hook, "_responses_list", None) is self:
            (item_type,) = get_args(tp)
            variable = f"y{context.depth}"
            item_hook = converter.get_unstructure_hook(item_type)
            deeper = context.deeper()
            item = self._value_expression(converter, item_type, item_hook, variable, ns, deeper)
            return access if item == variable else f"[{item} for {variable} in {access}]"
        if hook is self.str_unstructure_hook and tp is not str:
            # cattrs sends str subclasses (our enums) to the str hook: only it knows them
            hook = self.enum_value if is_enum(tp) else hook
            if hook is not self.enum_value:
                name = f"_u{len(ns)}"
                ns[name] = self.str_unstructure_hook
                return f"{name}({access})"
        templates = self.inline_native if context.native else self.inline_unstructure
        template = templates.get(hook)
        if template is not None:
            return str(template.format(a=access))
        name = f"_u{len(ns)}"
        ns[name] = hook
        return f"{name}({access})"

    def _dict_display(
        self,
        converter: cattrs.Converter,
        cl: type,
        access: str,
        ns: dict[str, Any],
        context: _Unstructuring,
    ) -> str:
        indent = "    " * (context.depth + 2)
        entries = [
            f"{indent}{field.name!r}: "
            + self.unstructure_expression(converter, tp, f"{access}.{field.name}", ns, context)
            + ",\n"
            for field, tp in wire_fields(cl)
        ]
        return "{\n" + "".join(entries) + "    " * (context.depth + 1) + "}"

    def make_unstructure(
        self, tp: Any, converter: cattrs.Converter, *, native: bool = False
    ) -> Callable[[Any], Any]:
        """The unstructure function of ``tp``; with ``native``, the variant for an
        encoder that writes some types itself (see ``inline_native``)."""
        cl: type = tp
        name = f"unstructure_{cl.__name__}" + ("_native" if native else "")
        ns: dict[str, Any] = dict(self.template_globals)
        context = _Unstructuring(native=native)
        body = self._dict_display(converter, cl, "o", ns, context)
        source = "".join([f"def {name}(o):\n", *context.statements, f"    return {body}\n"])
        function = _compile(name, self._tag(converter), source, ns)
        function._responses_generated = self  # type: ignore[attr-defined]
        return function

    def make_list_unstructure(self, tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
        (item_type,) = get_args(tp) or (Any,)
        hook = converter.get_unstructure_hook(item_type)

        def unstructure_list(value: Any) -> list[Any]:
            return [hook(item) for item in value]

        unstructure_list._responses_list = self  # type: ignore[attr-defined]
        return unstructure_list

    def make_union_unstructure(self, tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
        hooks = {m: converter.get_unstructure_hook(m) for m in get_args(tp)}

        def unstructure_union(value: Any) -> Any:
            return hooks[value.__class__](value)

        return unstructure_union


class _Unstructuring:
    """Where an unstructure expression is written: nesting depth, whether for a
    native encoder, and the local variables bound for nested models."""

    def __init__(self, *, native: bool, depth: int = 0, shared: _Unstructuring | None = None):
        self.native = native
        self.depth = depth
        self.statements: list[str] = [] if shared is None else shared.statements
        self.nullable: set[str] = set() if shared is None else shared.nullable

    def deeper(self) -> _Unstructuring:
        return _Unstructuring(native=self.native, depth=self.depth + 1, shared=self)

    def bind(self, access: str, *, nullable: bool) -> str:
        """A local variable holding ``access`` (``parent.field``), None-safe when the
        parent may be None."""
        local = f"n{len(self.statements) + 1}"
        parent = access.rpartition(".")[0]
        if parent in self.nullable:
            self.statements.append(f"    {local} = None if {parent} is None else {access}\n")
            self.nullable.add(local)
        else:
            self.statements.append(f"    {local} = {access}\n")
        if nullable:
            self.nullable.add(local)
        return local


def ignoring_checked(hook: Hook) -> Hook:
    """A hook of cattrs' signature ``(value, type)``, callable as ours are."""

    def call(value: Any, tp: Any, checked: bool = False) -> Any:
        return hook(value, tp)

    return call
