"""JSON Schema of the models, built from the attrs classes themselves (no pydantic).

The layout is Prefect's (pydantic v1's ``Model.schema()``): nested models and enums
under ``definitions``, referenced as ``#/definitions/Name``; optional fields left out
of ``required``; datetimes ``date-time``, durations ``time-delta`` (float seconds),
UUIDs ``uuid``. Titles and descriptions are our own. Unlike Prefect's, the schemas
admit ``null`` exactly where the wire carries it (optional fields), written for the
dialect asked for: ``anyOf`` with ``{"type": "null"}`` for JSON Schema (draft 7) and
OpenAPI 3.1, ``nullable: true`` for OpenAPI 3.0, which has no null type.
"""

from __future__ import annotations

import enum
import inspect
import typing
from typing import Annotated, Any, Final, Literal, get_args, get_origin

import attrs

from ._converter import converter
from ._rules import RULES
from ._typeinfo import class_info, is_model_union, is_union, structure_with

__all__ = ["json_schema", "openapi_components"]

_SCALARS: Final[dict[Any, dict[str, Any]]] = {
    rule.type: dict(rule.schema) for rule in RULES if rule.type not in (dict, frozenset)
}


def _describe(cl: type) -> str | None:
    doc = inspect.getdoc(cl)
    return doc.split("\n\n")[0].replace("\n", " ") if doc else None


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


OpenAPIVersion = Literal["3.0", "3.1"]

# OpenAPI 3.0's null, for a schema that has no type of its own to make nullable
# (a reference, a union): ``nullable`` only works beside ``type`` in the same object.
_OPENAPI_30_NULL: Final[dict[str, Any]] = {"type": "object", "nullable": True, "enum": [None]}


class _Builder:
    def __init__(self, prefix: str, *, openapi_30: bool = False) -> None:
        self.prefix = prefix
        self.openapi_30 = openapi_30
        self.definitions: dict[str, dict[str, Any]] = {}

    def nullable(self, schema: dict[str, Any]) -> dict[str, Any]:
        """``schema``, also admitting null."""
        if not schema:
            return schema  # any value: null included
        if self.openapi_30:
            if isinstance(schema.get("type"), str):
                enum = schema.get("enum")
                extra = {"enum": [*enum, None]} if enum is not None else {}
                return {**schema, **extra, "nullable": True}
            return {"anyOf": [*schema.get("anyOf", [schema]), dict(_OPENAPI_30_NULL)]}
        return {"anyOf": [*schema.get("anyOf", [schema]), {"type": "null"}]}

    def ref(self, cl: type) -> dict[str, Any]:
        if cl.__name__ not in self.definitions:
            self.definitions[cl.__name__] = {}  # placeholder: recursion and order
            self.definitions[cl.__name__] = (
                self.enum(cl) if issubclass(cl, enum.Enum) else self.model(cl)
            )
        return {"$ref": f"{self.prefix}{cl.__name__}"}

    def enum(self, cl: type[enum.Enum]) -> dict[str, Any]:
        schema: dict[str, Any] = {"title": cl.__name__}
        if description := _describe(cl):
            schema["description"] = description
        schema["enum"] = [member.value for member in cl]
        schema["type"] = "string"
        return schema

    def model(self, cl: type) -> dict[str, Any]:
        schema: dict[str, Any] = {"title": cl.__name__}
        if description := _describe(cl):
            schema["description"] = description
        schema["type"] = "object"
        properties: dict[str, Any] = {}
        required = []
        info = class_info(cl)
        for field in info.ordered_fields:
            prop: dict[str, Any] = {"title": _title(field.name)}
            if field.deprecated:
                prop["deprecated"] = True
            default = field.default
            if field.required:
                if not field.optional:
                    required.append(field.name)
            elif default is not None and default is not attrs.NOTHING:
                prop["default"] = (
                    converter.unstructure(default) if not isinstance(default, str) else default
                )
            value = self.type(field.inner)
            optional = field.optional
            if optional:
                value = self.nullable(value)
            elif "$ref" in value:
                # siblings of $ref are ignored by JSON Schema drafts before 2019-09
                value = {"allOf": [value]}
            prop.update(value)
            properties[field.name] = prop
        schema["properties"] = properties
        if required:
            schema["required"] = required
        if getattr(cl, "__forbid_extra_keys__", False):
            schema["additionalProperties"] = False
        return schema

    def type(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is Annotated:
            marker = structure_with(tp)
            if marker is not None and marker.schema is not None:
                return dict(marker.schema)
            return self.type(get_args(tp)[0])
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
            return self.ref(tp)
        if is_model_union(tp):
            return {"anyOf": [self.ref(member) for member in get_args(tp)]}
        if is_union(tp):
            return {"anyOf": [self.type(member) for member in get_args(tp)]}
        if origin is Literal:
            values = list(get_args(tp))
            schema: dict[str, Any] = {"enum": values}
            if all(isinstance(v, str) for v in values):
                schema["type"] = "string"
            return schema
        if origin is dict:
            _, value_type = get_args(tp) or (str, Any)
            schema = {"type": "object"}
            if value_type is not Any:
                schema["additionalProperties"] = self.type(value_type)
            return schema
        if origin is list:
            (item_type,) = get_args(tp) or (Any,)
            return {"type": "array", "items": self.type(item_type)}
        if origin is frozenset:
            (item_type,) = get_args(tp) or (Any,)
            return {"type": "array", "items": self.type(item_type), "uniqueItems": True}
        raise TypeError(f"no JSON Schema for {tp!r}")


def json_schema(cl: Any) -> dict[str, Any]:
    """The JSON Schema (draft 7) of a model class (or of a union of models, such as
    ``StateResponseDetails``), with nested models and enums under ``definitions``."""
    builder = _Builder("#/definitions/")
    if attrs.has(cl):
        schema = builder.model(typing.cast(type, cl))
    elif is_model_union(cl):
        members = get_args(cl)
        schema = {
            "title": " | ".join(m.__name__ for m in members),
            "anyOf": [builder.model(m) for m in members],
        }
    else:
        raise TypeError(f"json_schema() takes a model class or a union of them, not {cl!r}")
    if builder.definitions:
        schema["definitions"] = builder.definitions
    return schema


def openapi_components(*classes: Any, openapi: OpenAPIVersion = "3.1") -> dict[str, Any]:
    """The ``components`` block of an OpenAPI document (3.1 or 3.0) for these models.

    Every model and enum they use gets an entry under ``schemas``, referenced as
    ``#/components/schemas/Name``. Put it at ``document["components"]``. Null is
    written as 3.1's JSON Schema 2020-12 does (``{"type": "null"}``) or with 3.0's
    ``nullable: true``.
    """
    if openapi not in ("3.0", "3.1"):
        raise ValueError(f"openapi must be '3.0' or '3.1', not {openapi!r}")
    builder = _Builder("#/components/schemas/", openapi_30=openapi == "3.0")
    for cl in classes:
        for member in get_args(cl) if is_model_union(cl) else (cl,):
            builder.ref(member)
    return {"schemas": builder.definitions}
