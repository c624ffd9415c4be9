"""The contenders: this library (two backends), pydantic v2, msgspec, and orjson alone.

Each contender offers the four operations on a flow-run list; a missing library
leaves its contender out instead of failing the run.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
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


def _ours(backend: responses.BackendName, *, builtins_too: bool, bound: bool = False) -> Contender:
    def loads(data: bytes) -> Any:
        return responses.loads(data, list[FlowRunResponse], backend=backend)

    def dumps(runs: Any) -> bytes:
        return responses.dumps(runs, backend=backend)

    ops: dict[Operation, Callable[[Any], Any]] = {"loads": loads, "dumps": dumps}
    if bound:  # a decoder and an encoder bound to the type: no per-call dispatch
        decoder = responses.converter.decoder(list[FlowRunResponse], backend=backend)
        encoder = responses.converter.encoder(list[FlowRunResponse], backend=backend)
        ops = {"loads": decoder.decode, "dumps": encoder.encode}
        return Contender(f"responses[{backend}] decoder/encoder", ops, loads)
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


def _mashumaro() -> Contender:
    from mashumaro.codecs.orjson import ORJSONDecoder, ORJSONEncoder

    from ._mashumaro_models import FlowRunResponse as Model

    decoder = ORJSONDecoder(list[Model])
    encoder = ORJSONEncoder(list[Model])
    return Contender(
        "mashumaro", {"loads": decoder.decode, "dumps": encoder.encode}, decoder.decode
    )


def _cattrs_out_of_the_box() -> Contender:
    """cattrs' preconf orjson converter on our classes, two hooks added (durations,
    enums by value are its own): what a cattrs user gets without this library's code."""
    from datetime import timedelta
    from uuid import UUID

    from cattrs.preconf.orjson import make_converter

    converter = make_converter()
    converter.register_structure_hook(UUID, lambda value, _: UUID(value))
    converter.register_structure_hook(timedelta, lambda value, _: timedelta(seconds=value))
    converter.register_unstructure_hook(timedelta, timedelta.total_seconds)
    converter.register_unstructure_hook(frozenset, list)

    def loads(data: bytes) -> Any:
        return converter.loads(data, list[FlowRunResponse])

    return Contender("cattrs out of the box", {"loads": loads, "dumps": converter.dumps}, loads)


def _no_check_floor() -> Contender:
    import orjson

    from ._floor import floor_builder

    build = floor_builder(FlowRunResponse)

    def loads(data: bytes) -> list[Any]:
        return [build(item) for item in orjson.loads(data)]

    return Contender("no-check floor", {"loads": loads}, loads)


PREFECT_VERSION = "2.20.27"


def _prefect() -> Contender:
    """Prefect 2.20's own models (pydantic v1), what this library replaces: runs read
    as its API reads them and written as ``POST /flow_runs/filter`` writes them."""
    import orjson
    from prefect.server.schemas.responses import FlowRunResponse as Model

    parse = Model.parse_obj

    def structure(values: Any) -> list[Any]:
        return [parse(value) for value in values]

    def unstructure(runs: Any) -> list[Any]:
        return [run.dict(json_compatible=True) for run in runs]

    def loads(data: bytes) -> list[Any]:
        return structure(orjson.loads(data))

    return Contender(
        "prefect 2.20",
        {
            "loads": loads,
            "dumps": lambda runs: orjson.dumps(unstructure(runs)),
            "structure": structure,
            "unstructure": unstructure,
        },
        loads,
    )


def prefect_importable() -> str | None:
    """Why Prefect 2.20 cannot be measured here, or None when it can."""
    try:
        version = metadata.version("prefect")
    except metadata.PackageNotFoundError:
        return f"prefect (pip install 'prefect=={PREFECT_VERSION}' in a separate venv)"
    if version != PREFECT_VERSION:
        return f"prefect {PREFECT_VERSION} (found {version})"
    return None


def _orjson_floor() -> Contender:
    import orjson

    return Contender(
        "orjson alone (floor)",
        {"loads": orjson.loads, "dumps": orjson.dumps},
        orjson.loads,
    )


def available(*, prefect: bool = False) -> tuple[list[Contender], list[str]]:
    """The contenders whose libraries are installed, and notes on those that are not.
    Prefect 2.20's own models take part when asked (``--prefect``) and importable."""
    missing = []
    has = {
        name: importlib.util.find_spec(name) is not None
        for name in ("orjson", "pydantic", "msgspec")
    }
    found = [_ours("json", builtins_too=not has["orjson"])]
    if has["orjson"]:
        # the default contender comes last (the suite pairs it with everyone)
        found.append(_ours("orjson", builtins_too=False, bound=True))
        found.append(_ours("orjson", builtins_too=True))
    else:
        missing.append("orjson (pip install 'prefect-responses-attrs[orjson]')")
    has["mashumaro"] = has["orjson"] and importlib.util.find_spec("mashumaro") is not None
    for name, factory in (
        ("pydantic", _pydantic),
        ("msgspec", _msgspec),
        ("mashumaro", _mashumaro),
    ):
        if has[name]:
            found.append(factory())
        else:
            missing.append(f"{name} (pip install --group bench)")
    if prefect:
        why_not = prefect_importable()
        if why_not is None:
            found.append(_prefect())
        else:
            missing.append(why_not)
    if has["orjson"]:
        found.append(_cattrs_out_of_the_box())
        found.append(_no_check_floor())
        found.append(_orjson_floor())
    return found, missing


def _canonical(data: bytes) -> Any:
    """JSON values as this library reads them, for comparing contenders' output."""
    runs = responses.loads(data, list[FlowRunResponse], backend="json")
    values = json.loads(responses.dumps(runs, backend="json"))
    for run in values:
        run["empirical_policy"]["pause_keys"] = sorted(run["empirical_policy"]["pause_keys"])
        # clock-dependent fields: Prefect's models recompute them as they read
        run["estimated_run_time"] = run["estimated_start_time_delta"] = None
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
