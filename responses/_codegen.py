"""Generated structure and unstructure functions, per class, converter and mode.

Like cattrs' ``make_dict_structure_fn``, each function is written as Python source
for one class and compiled once, its handlers passed in as globals named after the
fields they serve (``_structure_state``, ``_type_state``, ``_default_tags``).
Modes are fixed here, when the code is written (see :mod:`responses._rules`):

- structure ``python`` (anything a caller passed) or ``trusted`` (a checked
  decoder's output), both called with cattrs' ``(value, type)`` signature;
- unstructure ``text`` (builtins only) or ``native`` (for orjson).

A structure function reads every field with the hook the converter has for its
type, collects every problem with its path, and builds the instance only when there
is none: by filling its slots (our models: nothing is left for ``__init__`` to
check) or, for any other class, through ``__init__`` (validators, converters,
``__attrs_pre_init__``, aliases and defaults as attrs promises). Where the hook is
one of the rules', its common case is written inline; a hook the caller registered
is always called.

Sources are kept in ``linecache`` as ``<responses structure module.Qualname>``
(``-2``, ``-3`` ... only where the source differs), so tracebacks and
``inspect.getsource`` show them and identical sources share one entry, however
many converters are made. :func:`generated_source` prints any of them.
"""

from __future__ import annotations

import keyword
import linecache
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Final, Literal, get_args, get_origin

import attrs
import cattrs

from ._errors import ErrorCollector, ErrorDetail, ValidationError, as_validation_error
from ._rules import (
    RULE_OF,
    SOURCE_GLOBALS,
    STRUCTURE_SOURCES,
    UNSTRUCTURE_SOURCES,
    StructureMode,
    UnstructureMode,
    enum_value,
    identity,
    rule_of,
    unstructure_str_like,
)
from ._scalars import (
    describe,
    enum_structure_hook,
    make_literal_structure,
    structure_dict_str,
    structure_str_like,
    structure_str_list,
)
from ._typeinfo import (
    FieldInfo,
    class_info,
    is_enum,
    is_our_class,
    is_our_enum,
    is_our_union,
    is_tagged_union,
    is_union,
    literal_tag,
    server_side,
    structure_with,
)

__all__ = [
    "GENERATED",
    "MODEL_STRUCTURE",
    "MODEL_UNSTRUCTURE",
    "OUR_PREDICATES",
    "OUR_STRUCTURE",
    "OUR_UNSTRUCTURE",
    "generated_mode",
    "generated_source",
    "make_list_structure",
    "make_list_unstructure",
    "make_structure",
    "make_tagged_union_structure",
    "make_union_unstructure",
    "make_unstructure",
    "make_untagged_union_structure",
    "structure_hook",
    "unstructure_hook",
    "user_hook",
]

Hook = Callable[..., Any]

GENERATED: Final = "__responses_generated__"
"""The attribute our generated hooks carry: ``(factory, type, mode)``, from which
the same hook in another mode is made."""

# How deep nested models are written inline in their parent's unstructure function.
_INLINE_DEPTH: Final = 3


def _mark(hook: Hook, factory: Callable[..., Hook], tp: Any, mode: str) -> Hook:
    setattr(hook, GENERATED, (factory, tp, mode))
    return hook


def generated_mode(hook: Hook) -> tuple[Callable[..., Hook], Any, str] | None:
    """``(factory, type, mode)`` if ``hook`` was generated here, else ``None``."""
    return getattr(hook, GENERATED, None)


# --- which hook a type is read and written with ----------------------------------------


def _captured_by_base(converter: cattrs.Converter, tp: type, hook: Hook, unstructure: bool) -> bool:
    """Whether ``hook``, the converter's hook for the enum ``tp``, is really the hook
    of one of its bases (``str``, ``int``, ``Enum``): cattrs dispatches subclasses to
    a base class's hook, but an enum keeps its own unless one is registered for it."""
    get = converter.get_unstructure_hook if unstructure else converter.get_structure_hook
    return any(get(base) is hook for base in tp.__mro__[1:] if base is not object)


def user_hook(converter: cattrs.Converter, tp: Any, unstructure: bool) -> Hook | None:
    """The hook a user registered for ``tp`` with a predicate (``register_*_hook_func``,
    ``register_*_hook_factory``, or a hook for a generic or union type), if any."""
    dispatch = converter._unstructure_func if unstructure else converter._structure_func
    for (
        predicate,
        handler,
        is_generator,
        takes_converter,
    ) in dispatch._function_dispatch._handler_pairs:
        if predicate in OUR_PREDICATES:
            return None
        try:
            handles = predicate(tp)
        except Exception:  # noqa: BLE001, S112 (as cattrs' own dispatch does)
            continue
        if handles:
            found: Any = handler
            if not is_generator:
                return found  # type: ignore[no-any-return]
            return found(tp, converter) if takes_converter else found(tp)  # type: ignore[no-any-return]
    return None


def structure_hook(
    converter: cattrs.Converter, tp: Any, mode: StructureMode, *, by_server: bool = True
) -> Hook:
    """The hook a value of type ``tp`` in one of our models is read with, in ``mode``:
    cattrs' signature. A hook of the user's wins; else our models' own. ``by_server``
    false ignores :class:`~responses._types.ByServerPython` (constructors serve every
    server's objects: a schedule read for Python 3.13 must evolve unchanged)."""
    side = server_side(converter, tp) if by_server else None
    if side is not None and side[0] is not None:
        return side[0]  # type: ignore[no-any-return]
    marker = structure_with(tp)
    if marker is not None:
        return marker.function
    if get_origin(tp) is Annotated:
        return structure_hook(converter, get_args(tp)[0], mode)
    hook = user_hook(converter, tp, False)
    if hook is None:
        for predicate, factory in MODEL_STRUCTURE:
            if predicate(tp):
                return factory(tp, converter, mode)
        hook = converter.get_structure_hook(tp)
    if is_enum(tp) and (
        hook is structure_str_like or _captured_by_base(converter, tp, hook, False)
    ):
        return enum_structure_hook(tp)
    if mode != "python":
        generated = generated_mode(hook)
        if generated is not None:
            return mode_variant(converter, hook, mode)
    return hook


def unstructure_hook(converter: cattrs.Converter, tp: Any, mode: UnstructureMode) -> Hook:
    """The hook a value of type ``tp`` in one of our models is written with, in ``mode``."""
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    hook = user_hook(converter, tp, True)
    if hook is None:
        for predicate, factory in MODEL_UNSTRUCTURE:
            if predicate(tp):
                return factory(tp, converter, mode)
        hook = converter.get_unstructure_hook(tp)
    if is_enum(tp) and (
        hook is unstructure_str_like or _captured_by_base(converter, tp, hook, True)
    ):
        return enum_value
    if mode != "text" and generated_mode(hook) is not None:
        return mode_variant(converter, hook, mode)
    return hook


def mode_variant(converter: cattrs.Converter, hook: Hook, mode: str) -> Hook:
    """The same generated hook, in another mode. Kept on the hook it derives from:
    when a registration makes cattrs generate that one anew, the variant goes too."""
    generated = generated_mode(hook)
    if generated is None:
        return hook
    factory, tp, hook_mode = generated
    if hook_mode == mode:
        return hook
    variants: dict[str, Hook] = hook.__dict__.setdefault("__responses_variants__", {})
    variant = variants.get(mode)
    if variant is None:
        variant = variants[mode] = factory(tp, converter, mode)
    return variant


# --- source handling -------------------------------------------------------------------


def _compile(kind: str, cl: Any, name: str, source: str, namespace: dict[str, Any]) -> Hook:
    """Compile ``source`` defining ``name`` under a linecache name from the class."""
    lines = source.splitlines(True)
    qualname = getattr(cl, "__qualname__", getattr(cl, "__name__", repr(cl)))
    base = f"<responses {kind} {getattr(cl, '__module__', '')}.{qualname}"
    filename = base + ">"
    count = 1
    while True:
        entry = (len(source), None, lines, filename)
        if linecache.cache.setdefault(filename, entry) == entry:
            break
        count += 1
        filename = f"{base}-{count}>"
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102
    function: Hook = namespace[name]
    function.__source__ = source  # type: ignore[attr-defined]
    return function


def generated_source(hook: Hook) -> str | None:
    """The Python source of a generated hook (``None`` for any other)."""
    return getattr(hook, "__source__", None)


_RESERVED: Final = frozenset(
    {
        "d",
        "v",
        "o",
        "e",
        "kw",
        "errors",
        "dict",
        "str",
        "KeyError",
        "ValueError",
        "TypeError",
        "None",
    }
)


def _local(field: FieldInfo) -> str:
    """The local variable holding a field's value: the field's name where it can be."""
    name = field.name
    if name.startswith("_") or name in _RESERVED or keyword.iskeyword(name):
        return f"_v_{name}"
    return name


# --- structure ---------------------------------------------------------------------------


def _as_dict(value: Any, cl: type) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    raise ValidationError.at(f"expected an object for {cl.__name__}, got {describe(value)}")


def _add_error(errors: ErrorCollector | None, name: str, exc: Exception) -> ErrorCollector:
    found = ErrorCollector() if errors is None else errors
    found.add(exc, name)
    return found


def _add_missing(errors: ErrorCollector | None, name: str) -> ErrorCollector:
    found = ErrorCollector() if errors is None else errors
    found.add_detail(ErrorDetail((name,), "field required"))
    return found


def _add_unknown(errors: ErrorCollector | None, keys: Any) -> ErrorCollector:
    found = ErrorCollector() if errors is None else errors
    for key in sorted(map(str, keys)):
        found.add_detail(ErrorDetail((key,), "unknown field"))
    return found


def _structure_expression(
    converter: cattrs.Converter,
    field: FieldInfo,
    mode: StructureMode,
    local: str,
    ns: dict[str, Any],
) -> str:
    hook = structure_hook(converter, field.inner, mode)
    handler, type_name = f"_structure_{field.name}", f"_type_{field.name}"
    ns[handler] = hook
    if field.inner is str:
        type_name = "str"
    else:
        ns[type_name] = field.inner
    rule = STRUCTURE_SOURCES.get(hook)
    template = _CALL_WITH_TYPE
    if rule is not None and (rule.type is not str or field.base is str):
        template = rule.python if mode == "python" else rule.trusted
    expression = template.format(v=local, h=handler, t=type_name)
    if field.optional:
        return f"None if {local} is None else ({expression})"
    return expression


_CALL_WITH_TYPE: Final = "{h}({v}, {t})"


def make_structure(tp: Any, converter: cattrs.Converter, mode: StructureMode = "python") -> Hook:
    """The structure function of the attrs class ``tp`` in ``mode``."""
    cl: type = tp
    info = class_info(cl)
    forbid = converter.forbid_extra_keys or info.forbid_extra_keys
    ns: dict[str, Any] = {
        **SOURCE_GLOBALS,
        "_cl": cl,
        "_new": object.__new__,
        "_as_dict": _as_dict,
        "_add_error": _add_error,
        "_add_missing": _add_missing,
        "_add_unknown": _add_unknown,
        "_ValidationError": ValidationError,
        "_as_validation_error": as_validation_error,
    }
    name = f"structure_{cl.__name__}" + ("" if mode == "python" else f"_{mode}")
    if not name.isidentifier():
        name = "structure"
    lines = [
        f"def {name}(d, _=None):",
        "    if d.__class__ is not dict:",
        "        if d.__class__ is _cl:",
        "            return d",
        "        d = _as_dict(d, _cl)",
    ]
    if info.pre_structure is not None:
        ns["_pre_structure"] = info.pre_structure
        lines += [
            "    try:",
            "        d = _pre_structure(d)",
            "    except ValueError as e:",
            "        raise _as_validation_error(e) from e",
        ]
    lines.append("    errors = None")
    through_init = not info.slot_filled
    if through_init:
        lines.append("    kw = {}")
    fields = [f for f in info.fields if f.init]
    for field in fields:
        local = _local(field)
        key = repr(field.name)
        lines += ["    try:", f"        v = d[{key}]", "    except KeyError:"]
        if field.required:
            lines.append(f"        errors = _add_missing(errors, {key})")
        elif through_init:
            lines.append("        pass")  # __init__ applies the default
        elif field.factory is not None:
            ns[f"_factory_{field.name}"] = field.factory
            lines.append(f"        {local} = _factory_{field.name}()")
        else:
            ns[f"_default_{field.name}"] = field.default
            lines.append(f"        {local} = _default_{field.name}")
        expression = _structure_expression(converter, field, mode, "v", ns)
        target = f"kw[{field.init_name!r}]" if through_init else local
        lines += [
            "    else:",
            "        try:",
            f"            {target} = {expression}",
            "        except ValueError as e:",
            f"            errors = _add_error(errors, {key}, e)",
        ]
    if forbid:
        ns["_known"] = frozenset(f.name for f in info.fields)
        lines += [
            "    if not _known.issuperset(d):",
            "        errors = _add_unknown(errors, d.keys() - _known)",
        ]
    lines += ["    if errors is not None:", "        raise errors.error()"]
    if through_init:
        # the class checks or converts values itself: its __init__ does, as attrs promises
        lines += [
            "    try:",
            "        return _cl(**kw)",
            "    except (ValueError, TypeError) as e:",
            "        raise _as_validation_error(e) from e",
        ]
    else:
        lines.append("    o = _new(_cl)")
        for field in fields:
            ns[f"_set_{field.name}"] = getattr(cl, field.name).__set__
            lines.append(f"    _set_{field.name}(o, {_local(field)})")
        if info.post_init:
            lines += [
                "    try:",
                "        o.__attrs_post_init__()",
                "    except ValueError as e:",
                "        raise _as_validation_error(e) from e",
            ]
        lines.append("    return o")
    kind = "structure" if mode == "python" else f"structure {mode}"
    function = _compile(kind, cl, name, "\n".join(lines) + "\n", ns)
    return _mark(function, make_structure, tp, mode)


def make_list_structure(
    tp: Any, converter: cattrs.Converter, mode: StructureMode = "python"
) -> Hook:
    """The structure hook of ``list[X]``: every bad item reported with its index."""
    (item_type,) = get_args(tp) or (Any,)
    hook = structure_hook(converter, item_type, mode)

    def structure_list(value: Any, _: Any = None) -> list[Any]:
        if value.__class__ is not list and not isinstance(value, list | tuple):
            raise ValidationError.at(f"expected an array, got {describe(value)}")
        try:
            return [hook(item, item_type) for item in value]
        except ValueError:
            pass  # the loop below says where and what
        errors = ErrorCollector()
        for index, item in enumerate(value):
            try:
                hook(item, item_type)
            except ValueError as exc:
                if errors.add(exc, index):
                    break
        raise errors.error()

    return _mark(structure_list, make_list_structure, tp, mode)


def make_tagged_union_structure(
    tp: Any, converter: cattrs.Converter, mode: StructureMode = "python"
) -> Hook:
    """Members told apart by their first field, a one-value ``Literal`` tag."""
    members = get_args(tp)
    tags = {m: literal_tag(m) for m in members}
    tag_key = next(iter(tags.values()))[0]  # type: ignore[index]
    hooks = {tag[1]: (structure_hook(converter, m, mode), m) for m, tag in tags.items() if tag}
    allowed = ", ".join(repr(tag) for tag in hooks)

    def structure_tagged_union(value: Any, _: Any = None) -> Any:
        if value.__class__ in members:
            return value
        if not isinstance(value, Mapping):
            raise ValidationError.at(f"expected an object, got {describe(value)}")
        tag = value.get(tag_key)
        found = hooks.get(tag) if isinstance(tag, str) else None
        if found is None:
            problem = (
                "missing"
                if tag is None
                else f"unknown tag {tag[:40]!r}"
                if isinstance(tag, str)
                else f"the tag must be a string, got {describe(tag)}"
            )
            raise ValidationError.at(f"{problem}; expected one of {allowed}", tag_key)
        hook, member = found
        return hook(value, member)

    return _mark(structure_tagged_union, make_tagged_union_structure, tp, mode)


def make_untagged_union_structure(
    tp: Any, converter: cattrs.Converter, mode: StructureMode = "python"
) -> Hook:
    """Members told apart by their keys: the one whose required keys are all present
    (and, if it forbids unknown keys, that knows every key given) is chosen."""
    members = get_args(tp)
    hooks = {m: structure_hook(converter, m, mode) for m in members}
    required = {m: frozenset(f.name for f in class_info(m).fields if f.required) for m in members}
    known = {m: frozenset(f.name for f in class_info(m).fields) for m in members}
    closed = {m: converter.forbid_extra_keys or class_info(m).forbid_extra_keys for m in members}
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
            return hooks[fitting[0]](value, fitting[0])
        if fitting:
            found = " and ".join(m.__name__ for m in fitting)
            raise ValidationError.at(f"ambiguous: the keys fit {found}")
        given = ", ".join(sorted(map(str, keys))[:20]) or "none"
        raise ValidationError.at(f"the keys ({given}) fit none of {names}")

    return _mark(structure_untagged_union, make_untagged_union_structure, tp, mode)


# --- unstructure -------------------------------------------------------------------------


class _Writing:
    """Where an unstructure expression is written: the mode, the nesting depth, and
    the locals bound for nested models (named after their path: ``state_details``)."""

    def __init__(self, mode: UnstructureMode) -> None:
        self.mode = mode
        self.statements: list[str] = []
        self.nullable: set[str] = set()
        self.names: set[str] = {"o"}

    def bind(self, parent: str, field: str, *, nullable: bool) -> str:
        """A local holding ``parent.field``, None-safe when ``parent`` may be None."""
        stem = field if parent == "o" else f"{parent}_{field}"
        local = stem if stem.isidentifier() and not keyword.iskeyword(stem) else f"_n_{stem}"
        while local in self.names or local.startswith("_u_"):
            local = f"{local}_"
        self.names.add(local)
        access = f"{parent}.{field}"
        if parent in self.nullable:
            self.statements.append(f"    {local} = None if {parent} is None else {access}\n")
            self.nullable.add(local)
        else:
            self.statements.append(f"    {local} = {access}\n")
        if nullable:
            self.nullable.add(local)
        return local


def _unstructure_expression(
    converter: cattrs.Converter,
    field: FieldInfo,
    parent: str,
    ns: dict[str, Any],
    writing: _Writing,
    depth: int,
) -> str:
    access = f"{parent}.{field.name}"
    inner = field.base if field.marker is None else get_args(field.inner)[0]
    hook = unstructure_hook(converter, inner, writing.mode)
    if attrs.has(inner) and generated_mode(hook) is not None and depth < _INLINE_DEPTH:
        local = writing.bind(parent, field.name, nullable=field.optional)
        display = _dict_display(converter, inner, local, ns, writing, depth + 1)
        return f"(None if {local} is None else {display})" if field.optional else display
    value = access
    side = server_side(converter, field.inner)
    if side is not None and side[1] is not None:  # the value as this server holds it
        ns[f"_prepare_{field.name}"] = side[1]
        value = f"_prepare_{field.name}({access})"
    expression = _value_expression(converter, inner, hook, value, ns, writing, depth)
    if field.optional and expression != access:
        return f"(None if {access} is None else {expression})"
    return expression


def _value_expression(
    converter: cattrs.Converter,
    tp: Any,
    hook: Hook,
    access: str,
    ns: dict[str, Any],
    writing: _Writing,
    depth: int,
) -> str:
    generated = generated_mode(hook)
    if get_origin(tp) is list and generated is not None and generated[0] is make_list_unstructure:
        (item_type,) = get_args(tp)
        variable = f"y{depth}"
        item_hook = unstructure_hook(converter, item_type, writing.mode)
        item = _value_expression(converter, item_type, item_hook, variable, ns, writing, depth + 1)
        return access if item == variable else f"[{item} for {variable} in {access}]"
    rule = UNSTRUCTURE_SOURCES.get(hook)
    if rule is not None and (hook is not unstructure_str_like or tp is str):
        return (rule.native if writing.mode == "native" else rule.text).format(a=access)
    name = f"_u_{len(ns)}"
    ns[name] = hook
    return f"{name}({access})"


def _dict_display(
    converter: cattrs.Converter,
    cl: type,
    parent: str,
    ns: dict[str, Any],
    writing: _Writing,
    depth: int,
) -> str:
    indent = "    " * (depth + 2)
    entries = [
        f"{indent}{field.name!r}: "
        + _unstructure_expression(converter, field, parent, ns, writing, depth)
        + ",\n"
        for field in class_info(cl).wire_fields
    ]
    return "{\n" + "".join(entries) + "    " * (depth + 1) + "}"


def make_unstructure(tp: Any, converter: cattrs.Converter, mode: UnstructureMode = "text") -> Hook:
    """The unstructure function of the attrs class ``tp`` in ``mode``: the fields
    Prefect sends, in its order."""
    cl: type = tp
    name = f"unstructure_{cl.__name__}" + ("" if mode == "text" else f"_{mode}")
    if not name.isidentifier():
        name = "unstructure"
    ns: dict[str, Any] = dict(SOURCE_GLOBALS)
    writing = _Writing(mode)
    body = _dict_display(converter, cl, "o", ns, writing, 0)
    source = "".join([f"def {name}(o):\n", *writing.statements, f"    return {body}\n"])
    kind = "unstructure" if mode == "text" else f"unstructure {mode}"
    return _mark(_compile(kind, cl, name, source, ns), make_unstructure, tp, mode)


def make_list_unstructure(
    tp: Any, converter: cattrs.Converter, mode: UnstructureMode = "text"
) -> Hook:
    (item_type,) = get_args(tp) or (Any,)
    hook = unstructure_hook(converter, item_type, mode)

    def unstructure_list(value: Any) -> list[Any]:
        return [hook(item) for item in value]

    return _mark(unstructure_list, make_list_unstructure, tp, mode)


def make_union_unstructure(
    tp: Any, converter: cattrs.Converter, mode: UnstructureMode = "text"
) -> Hook:
    hooks = {m: unstructure_hook(converter, m, mode) for m in get_args(tp)}

    def unstructure_union(value: Any) -> Any:
        return hooks[value.__class__](value)

    return _mark(unstructure_union, make_union_unstructure, tp, mode)


# --- which hooks are ours ---------------------------------------------------------------

_SCALAR_TYPES: Final = frozenset({str, int, float, bool, type(None)})


def _is_scalar_union(tp: Any) -> bool:
    return is_union(tp) and all(member in _SCALAR_TYPES for member in get_args(tp))


def _is_any(tp: Any) -> bool:
    return tp is Any


def _origin_is(origin: Any) -> Callable[[Any], bool]:
    def predicate(tp: Any) -> bool:
        return tp is origin or get_origin(tp) is origin

    return predicate


def make_dict_structure(
    tp: Any, converter: cattrs.Converter, mode: StructureMode = "python"
) -> Hook:
    """``dict[K, V]``: free-form objects as they are, others key by key."""
    key_type, value_type = get_args(tp) or (str, Any)
    if key_type is str and value_type is Any:
        return rule_of(converter, dict).structure
    if (
        key_type is str
        and value_type is str
        and converter.get_structure_hook(str) is RULE_OF[str].structure
    ):
        return structure_dict_str
    key_hook = structure_hook(converter, key_type, mode)
    value_hook = structure_hook(converter, value_type, mode)

    def structure_dict(value: Any, _: Any = None) -> dict[Any, Any]:
        if not isinstance(value, Mapping):
            raise ValidationError.at(f"expected an object, got {describe(value)}")
        out: dict[Any, Any] = {}
        errors: ErrorCollector | None = None
        for key, item in value.items():
            try:
                out[key_hook(key, key_type)] = value_hook(item, value_type)
            except ValueError as exc:
                errors = errors or ErrorCollector()
                if errors.add(exc, str(key)):
                    break
        if errors:
            raise errors.error()
        return out

    return structure_dict


def _make_dict_unstructure(
    tp: Any, converter: cattrs.Converter, mode: UnstructureMode = "text"
) -> Hook:
    key_type, value_type = get_args(tp) or (str, Any)
    if key_type is str and (value_type is Any or value_type in _SCALAR_TYPES):
        return identity  # JSON as it is
    key_hook = unstructure_hook(converter, key_type, "text")
    value_hook = unstructure_hook(converter, value_type, "text")

    def unstructure_dict(value: Mapping[Any, Any]) -> dict[Any, Any]:
        return {key_hook(key): value_hook(item) for key, item in value.items()}

    return unstructure_dict


def _list_structure(tp: Any, converter: cattrs.Converter, mode: StructureMode = "python") -> Hook:
    (item_type,) = get_args(tp) or (Any,)
    if item_type is str and converter.get_structure_hook(str) is RULE_OF[str].structure:
        return structure_str_list
    return make_list_structure(tp, converter, mode)


def _is_our_tagged_union(tp: Any) -> bool:
    return is_our_union(tp) and is_tagged_union(tp)


def _unstructure_factory(hook: Hook) -> Callable[..., Hook]:
    return lambda _tp, _converter, _mode: hook


# The hooks of the types our models' fields are made of (lists, dicts, literals, unions
# of models, Any ...), as ``(predicate, factory(type, converter, mode))``. Generated
# code uses them for those fields (see ``structure_hook``); they are never registered on
# a converter, so a user's class with a ``list[int]`` field gets cattrs' own hook.
MODEL_STRUCTURE: Final[list[tuple[Callable[[Any], bool], Callable[..., Hook]]]] = [
    (_is_our_tagged_union, make_tagged_union_structure),
    (is_our_union, make_untagged_union_structure),
    (_is_any, lambda _tp, _c, _m: RULE_OF[Any].structure),
    (_origin_is(dict), make_dict_structure),
    (_origin_is(list), _list_structure),
    (_origin_is(frozenset), lambda _tp, _c, _m: RULE_OF[frozenset].structure),
    (_origin_is(Literal), lambda tp, _c, _m: make_literal_structure(tp)),
]
MODEL_UNSTRUCTURE: Final[list[tuple[Callable[[Any], bool], Callable[..., Hook]]]] = [
    (_is_scalar_union, _unstructure_factory(identity)),
    (_is_any, _unstructure_factory(identity)),
    (_origin_is(dict), _make_dict_unstructure),
    (_origin_is(Literal), _unstructure_factory(identity)),
    (_origin_is(frozenset), _unstructure_factory(RULE_OF[frozenset].unstructure)),
    (_origin_is(list), make_list_unstructure),
    (is_our_union, make_union_unstructure),
]
OUR_STRUCTURE: Final[list[tuple[Callable[[Any], bool], Callable[..., Hook]]]] = [
    (is_our_enum, enum_structure_hook),
    (is_our_union, make_untagged_union_structure),
    (_is_our_tagged_union, make_tagged_union_structure),
    (is_our_class, make_structure),
]
OUR_UNSTRUCTURE: Final[list[tuple[Callable[[Any], bool], Callable[..., Hook]]]] = [
    (is_our_enum, lambda _: enum_value),
    (is_our_union, make_union_unstructure),
    (is_our_class, make_unstructure),
]
OUR_PREDICATES: Final = frozenset(predicate for predicate, _ in OUR_STRUCTURE + OUR_UNSTRUCTURE)
"""The predicates ``configure_converter`` registers: function-dispatch handlers
registered before the first of these are the user's own."""
