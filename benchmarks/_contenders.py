"""The contenders: this library (two backends), pydantic v2, msgspec, and orjson alone.

Each contender offers the four operations on a flow-run list; a missing library
leaves its contender out instead of failing the run.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import responses
from responses import FlowRunResponse

OPERATIONS = ("dumps", "loads", "unstructure", "structure")
Operation = str


@dataclass
class Contender:
    """One way of doing the operations; ``ops`` maps an operation to a function."""

    name: str
    ops: dict[Operation, Callable[[Any], Any]] = field(default_factory=dict)
    # The contender's own objects from JSON bytes (dumps and unstructure work on these).
    objects: Callable[[bytes], Any] | None = None


def _ours(backend: responses.BackendName, *, builtins_too: bool) -> Contender:
    def loads(data: bytes) -> Any:
        return responses.loads(data, list[FlowRunResponse], backend=backend)

    def dumps(runs: Any) -> bytes:
        return responses.dumps(runs, backend=backend)

    ops: dict[Operation, Callable[[Any], Any]] = {"loads": loads, "dumps": dumps}
    if builtins_too:
        # structure/unstructure do not involve a JSON backend: measure them once
        ops["structure"] = lambda data: responses.structure(data, list[FlowRunResponse])
        ops["unstructure"] = responses.unstructure
    return Contender(f"responses[{backend}]", ops, loads)


def _pydantic() -> Contender:
    from pydantic import TypeAdapter

    from ._pydantic_models import FlowRunResponse as Model

    adapter = TypeAdapter(list[Model])
    return Contender(
        "pydantic",
        {
            "loads": adapter.validate_json,
            "dumps": adapter.dump_json,
            "structure": adapter.validate_python,
            "unstructure": lambda runs: adapter.dump_python(runs, mode="json"),
        },
        adapter.validate_json,
    )


def _msgspec() -> Contender:
    import msgspec

    from ._msgspec_models import FlowRunResponse as Struct

    decoder = msgspec.json.Decoder(list[Struct], strict=False)
    encoder = msgspec.json.Encoder()
    return Contender(
        "msgspec",
        {
            "loads": decoder.decode,
            "dumps": encoder.encode,
            "structure": lambda data: msgspec.convert(data, list[Struct], strict=False),
            "unstructure": msgspec.to_builtins,
        },
        decoder.decode,
    )


def _orjson_floor() -> Contender:
    import orjson

    return Contender(
        "orjson alone (floor)",
        {"loads": orjson.loads, "dumps": orjson.dumps},
        orjson.loads,
    )


def available() -> tuple[list[Contender], list[str]]:
    """The contenders whose libraries are installed, and notes on those that are not."""
    missing = []
    has = {
        name: importlib.util.find_spec(name) is not None
        for name in ("orjson", "pydantic", "msgspec")
    }
    found = [_ours("json", builtins_too=not has["orjson"])]
    if has["orjson"]:
        found.append(_ours("orjson", builtins_too=True))
    else:
        missing.append("orjson (install the 'orjson' or 'bench' extra)")
    for name, factory in (("pydantic", _pydantic), ("msgspec", _msgspec)):
        if has[name]:
            found.append(factory())
        else:
            missing.append(f"{name} (install the 'bench' extra)")
    if has["orjson"]:
        found.append(_orjson_floor())
    return found, missing


def _canonical(data: bytes) -> Any:
    """JSON values as this library reads them, for comparing contenders' output."""
    runs = responses.loads(data, list[FlowRunResponse], backend="json")
    values = json.loads(responses.dumps(runs, backend="json"))
    for run in values:
        run["empirical_policy"]["pause_keys"] = sorted(run["empirical_policy"]["pause_keys"])
    return values


def check_agreement(contender: Contender, data: bytes, expected: Any) -> None:
    """Raise AssertionError unless every operation of ``contender`` gives our JSON values."""
    name = contender.name
    if contender.objects is None:
        return
    objects = contender.objects(data)
    for op, function in contender.ops.items():
        if op == "loads":
            if contender.name.startswith("orjson"):
                assert objects == json.loads(data), f"{name} loads"
                continue
            out = contender.ops.get("dumps", lambda o: responses.dumps(o))(objects)
        elif op == "dumps":
            out = function(objects)
        elif op == "structure":
            built = function(json.loads(data))
            out = contender.ops["dumps"](built)
        else:
            out = json.dumps(function(objects)).encode()
        if contender.name.startswith("orjson"):
            assert json.loads(out) == json.loads(data), f"{name} {op}"
        else:
            assert _canonical(out) == expected, f"{name} {op} disagrees with responses"


def expected_values(data: bytes) -> Any:
    """Our reading of ``data``, the yardstick for every contender."""
    return _canonical(data)
