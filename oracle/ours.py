"""Our verdicts: the same payload through every path of this library (``pkg``: the
package of the profile, ``responses`` or ``responses.prefect3``)."""

from __future__ import annotations

import copy
import json
import traceback
from types import ModuleType
from typing import Any

import attrs

import responses

Outcome = tuple[str, Any]  # ("accept", json value) | ("reject", message) | ("stray", repr)


def navigate(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _accept(pkg: ModuleType, model: Any, path: tuple[Any, ...]) -> Outcome:
    try:
        return ("accept", navigate(json.loads(pkg.dumps(model, backend="json")), path))
    except responses.ValidationError as exc:  # not writable is a refusal too
        return ("reject", f"dumps: {exc}")


def _run(pkg: ModuleType, call: Any, path: tuple[Any, ...]) -> Outcome:
    try:
        model = call()
    except responses.ValidationError as exc:
        return ("reject", str(exc).replace("\n", " ")[:200])
    except TypeError as exc:
        # A constructor called without a required argument: Python's own refusal, the
        # same as Prefect's "field required", not input reaching a validator.
        if "required keyword-only argument" in str(exc):
            return ("reject", str(exc)[:200])
        return ("stray", f"TypeError: {str(exc)[:200]}")
    except Exception as exc:  # noqa: BLE001 - anything else is the bug we look for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            "stray",
            f"{type(exc).__name__}: {str(exc)[:200]} ({where.filename}:{where.lineno})",
        )
    try:
        return _accept(pkg, model, path)
    except Exception as exc:  # noqa: BLE001
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            "stray",
            f"writing: {type(exc).__name__}: {str(exc)[:200]} ({where.filename}:{where.lineno})",
        )


_PARENT_RULES = {"StateDetails"}


def _constructor(cls: type, base_model: Any, payload: Any, path: tuple[Any, ...]) -> Any:
    """The innermost model on ``path`` built by its own constructor from the payload's
    values there; returns (call, the path of the field inside that model)."""
    holder_path: tuple[Any, ...] = ()
    inner_cls: Any = cls
    model = base_model
    for depth, key in enumerate(path[:-1]):
        model = model[key] if isinstance(key, int) else getattr(model, key)
        # StateDetails' scheduled_time default is its State's rule: build the State
        if attrs.has(type(model)) and type(model).__name__ not in _PARENT_RULES:
            inner_cls = type(model)
            holder_path = path[: depth + 1]
    inner_payload = navigate(payload, holder_path)
    if not isinstance(inner_payload, dict):
        return None, ()
    names = {f.name for f in attrs.fields(inner_cls) if f.init}
    kwargs = {k: v for k, v in inner_payload.items() if k in names}

    def call() -> Any:
        return inner_cls(**copy.deepcopy(kwargs))

    return call, path[len(holder_path) :]


def parse(
    name: str,
    payload: Any,
    path: tuple[Any, ...],
    base_model: Any,
    *,
    python: bool = False,
    pkg: ModuleType = responses,
) -> dict[str, Outcome]:
    """Every path's outcome: loads (with both backends), iter_loads (JSON payloads only),
    structure, constructor."""
    cls = getattr(pkg, name)
    results: dict[str, Outcome] = {}
    if not python:
        try:
            data = json.dumps(payload).encode()
        except (TypeError, ValueError):
            data = None
        if data is not None:
            results["loads"] = _run(pkg, lambda: pkg.loads(data, cls), path)
            other = "json" if pkg.converter.backend == "orjson" else None
            if other is not None:  # the standard library's backend too
                results["loads json"] = _run(pkg, lambda: pkg.loads(data, cls, backend=other), path)
            results["iter_loads"] = _run(
                pkg, lambda: next(iter(list(pkg.iter_loads(b"[" + data + b"]", cls)))), path
            )
    results["structure"] = _run(pkg, lambda: pkg.structure(copy.deepcopy(payload), cls), path)
    if base_model is not None:
        call, inner = _constructor(cls, base_model, payload, path)
        if call is not None:
            results["constructor"] = _run(pkg, call, inner)
    return results
