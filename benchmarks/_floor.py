"""The no-check floor: our own objects from JSON with no checks at all.

orjson reads the document; generated code then builds each instance as fast as pure
Python can: UUIDs from their hex digits, datetimes by ``fromisoformat``, durations
from float seconds, enums by value, slots filled directly, defaults for missing keys.
It is built from public information only (``attrs.fields``, ``typing.get_type_hints``)
and checked, as every contender is, to give objects equal to ``responses.loads``'s.
What it costs is what exactness costs nothing of: the time left to the library's
checks is ours over this.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, Union, get_args, get_origin
from uuid import UUID, SafeUUID

import attrs

_new = object.__new__
_set_int = UUID.__dict__["int"].__set__
_set_safe = UUID.__dict__["is_safe"].__set__


def _uuid(text: str) -> UUID:
    value: UUID = _new(UUID)
    _set_int(value, int(text.replace("-", ""), 16))
    _set_safe(value, SafeUUID.unknown)
    return value


def _strip(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        return (members[0] if len(members) == 1 else Any), True
    return tp, False


def _reader(tp: Any, builders: dict[type, Callable[[Any], Any]]) -> str | None:
    """The source of the conversion of ``v`` for ``tp``, or None (the value as is)."""
    if tp is UUID:
        return "_uuid(v)"
    if tp is datetime:
        return "_fromisoformat(v)"
    if tp is timedelta:
        return "_timedelta(seconds=v)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"_{tp.__name__}(v)"
    if attrs.has(tp):
        return f"_build_{tp.__name__}(v)"
    if get_origin(tp) is frozenset:
        return "_frozenset(v)"
    if get_origin(tp) is list and attrs.has(get_args(tp)[0]):
        return f"[_build_{get_args(tp)[0].__name__}(x) for x in v]"
    return None


def floor_builder(cl: type) -> Callable[[dict[str, Any]], Any]:
    """The no-check builder of instances of the attrs class ``cl``."""
    namespace: dict[str, Any] = {
        "_new": _new,
        "_uuid": _uuid,
        "_fromisoformat": datetime.fromisoformat,
        "_timedelta": timedelta,
        "_frozenset": frozenset,
    }
    builders: dict[type, Callable[[Any], Any]] = {}
    _define(cl, namespace, builders)
    return namespace[f"_build_{cl.__name__}"]  # type: ignore[no-any-return]


def _define(cl: type, ns: dict[str, Any], builders: dict[type, Callable[[Any], Any]]) -> None:
    name = f"_build_{cl.__name__}"
    if name in ns:
        return
    ns[name] = None  # placeholder: recursion
    hints = typing.get_type_hints(cl, include_extras=True)
    lines = [f"def {name}(d):", "    o = _new(_cl_" + cl.__name__ + ")"]
    ns["_cl_" + cl.__name__] = cl
    for field in attrs.fields(cl):
        if not field.init:
            continue
        tp, optional = _strip(hints[field.name])
        for nested in (tp, *get_args(tp)):
            if isinstance(nested, type) and attrs.has(nested):
                _define(nested, ns, builders)
            if isinstance(nested, type) and issubclass(nested, enum.Enum):
                ns[f"_{nested.__name__}"] = nested
        setter = f"_set_{cl.__name__}_{field.name}"
        ns[setter] = getattr(cl, field.name).__set__
        reader = _reader(tp, builders)
        key = repr(field.name)
        lines += ["    try:", f"        v = d[{key}]", "    except KeyError:"]
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            ns[f"_factory_{cl.__name__}_{field.name}"] = default.factory  # type: ignore[attr-defined]
            lines.append(f"        v = _factory_{cl.__name__}_{field.name}()")
        else:
            ns[f"_default_{cl.__name__}_{field.name}"] = default
            lines.append(f"        v = _default_{cl.__name__}_{field.name}")
        if reader is not None:
            lines.append("    else:")
            lines.append(
                f"        v = None if v is None else {reader}"
                if optional
                else f"        v = {reader}"
            )
        lines.append(f"    {setter}(o, v)")
    if hasattr(cl, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    exec("\n".join(lines), ns)
