"""``from_orm``: build models from any object that has the fields as attributes."""

from __future__ import annotations

import typing
from typing import Any, TypeVar, get_args, get_origin

import attrs

from ._typeinfo import class_info
from ._types import structure_default

__all__ = ["attributes_to_dict", "queue_and_pool", "structure_attributes"]

T = TypeVar("T")

_MISSING: Any = object()


def _model_type(tp: Any) -> type | None:
    """The attrs class a field holds (directly, as ``X | None`` or as a union)."""
    if attrs.has(tp):
        return typing.cast(type, tp)
    for member in get_args(tp):
        if attrs.has(member):
            return typing.cast(type, member)
    return None


def _item_model_type(tp: Any) -> type | None:
    """The attrs class of a ``list[Model]`` field's items (also ``list[Model] | None``)."""
    for candidate in (tp, *get_args(tp)):
        if get_origin(candidate) is list:
            return _model_type(get_args(candidate)[0])
    return None


def _as_values(cl: type, value: Any) -> Any:
    """A row (or a dict, or a model instance) as what ``structure`` reads for ``cl``."""
    if value is None or isinstance(value, dict) or attrs.has(value.__class__):
        return value
    return attributes_to_dict(cl, value)


def attributes_to_dict(cl: type, row: object) -> dict[str, Any]:
    """The fields of ``cl`` read from ``row``'s attributes; nested models and lists of
    models likewise."""
    values: dict[str, Any] = {}
    for field in class_info(cl).fields:
        value = getattr(row, field.name, _MISSING)
        if value is _MISSING:
            continue
        items = _item_model_type(field.type)
        nested = None if items is not None else _model_type(field.type)
        if nested is not None:
            value = _as_values(nested, value)
        elif items is not None and value is not None and not isinstance(value, str | dict):
            value = [_as_values(items, item) for item in value]
        values[field.name] = value
    return values


def queue_and_pool(row: object, *, ids: bool) -> dict[str, Any]:
    """The work-queue and work-pool names (and ids) from ``row``'s relationships."""
    values: dict[str, Any] = {}
    queue = getattr(row, "work_queue", None)
    if queue is None:
        return values
    if ids:
        values["work_queue_id"] = queue.id
    values["work_queue_name"] = queue.name
    pool = getattr(queue, "work_pool", None)
    if pool is not None:
        if ids:
            values["work_pool_id"] = pool.id
        values["work_pool_name"] = pool.name
    return values


def structure_attributes(values: dict[str, Any], cl: type[T]) -> T:
    """``values`` validated into ``cl`` by the default converter."""
    return structure_default(values, cl)  # type: ignore[no-any-return]
