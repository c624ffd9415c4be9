"""The contenders: this library (two backends), pydantic v2, msgspec, and orjson alone.

Each contender offers the four operations on a flow-run list; a missing library
leaves its contender out instead of failing the run. A profile says which wire is
measured: Prefect 2.20's (``responses``, the default) or Prefect 3.9's
(``responses.prefect3``, ``--prefect 3``), and whose own models are the reference.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module, metadata
from types import ModuleType
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


@dataclass(frozen=True)
class Profile:
    """Which Prefect's wire the suite measures, with which layer of ours.

    ``prefect`` is the contender name of that Prefect's own models; ``baseline`` is the
    contender every table, memory figure and ``--compare`` is relative to."""

    version: int
    module: ModuleType
    prefect: str
    prefect_version: str
    baseline: str
    data: str  # the dataset kind of its real data (benchmarks._data.dataset)
    label: str  # how our contenders are named: responses[orjson], responses.prefect3[json]

    @property
    def model(self) -> type:
        return self.module.FlowRunResponse  # type: ignore[no-any-return]

    @property
    def converter(self) -> responses.ResponsesConverter:
        return self.module.converter  # type: ignore[no-any-return]


def profile(version: int = 2) -> Profile:
    """The Prefect 2.20 profile (``responses``, the default) or Prefect 3.9's
    (``responses.prefect3``, whose reference is Prefect 3.9.1's own pydantic v2 models)."""
    if version == 2:
        return Profile(2, responses, "prefect 2.20", "2.20.27", "pydantic", "real", "responses")
    if version == 3:
        prefect3 = import_module("responses.prefect3")
        return Profile(
            3, prefect3, "prefect 3.9", "3.9.1", "prefect 3.9", "real3", "responses.prefect3"
        )
    raise ValueError(f"no benchmark profile for Prefect {version}")


def _ours(
    backend: responses.BackendName,
    *,
    builtins_too: bool,
    bound: bool = False,
    prof: Profile | None = None,
) -> Contender:
    prof = prof or profile(2)
    module, model, label = prof.module, prof.model, prof.label

    def loads(data: bytes) -> Any:
        return module.loads(data, list[model], backend=backend)

    def dumps(runs: Any) -> bytes:
        return module.dumps(runs, backend=backend)  # type: ignore[no-any-return]

    ops: dict[Operation, Callable[[Any], Any]] = {"loads": loads, "dumps": dumps}
    if bound:  # a decoder and an encoder bound to the type: no per-call dispatch
        decoder = prof.converter.decoder(list[model], backend=backend)
        encoder = prof.converter.encoder(list[model], backend=backend)
        ops = {"loads": decoder.decode, "dumps": encoder.encode}
        return Contender(f"{label}[{backend}] decoder/encoder", ops, loads)
    if builtins_too:
        # structure/unstructure do not involve a JSON backend: measure them once
        ops["structure"] = lambda data: module.structure(data, list[model])
        ops["unstructure"] = module.unstructure
    return Contender(f"{label}[{backend}]", ops, loads)


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


def _cattrs_out_of_the_box(model: type = FlowRunResponse) -> Contender:
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
        return converter.loads(data, list[model])

    return Contender("cattrs out of the box", {"loads": loads, "dumps": converter.dumps}, loads)


def _no_check_floor(model: type = FlowRunResponse) -> Contender:
    import orjson

    from ._floor import floor_builder

    build = floor_builder(model)

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


def _prefect3() -> list[Contender]:
    """Prefect 3.9's own models (pydantic v2), read and written as its server and client
    do: ``TypeAdapter(list[FlowRunResponse])`` reads (``validate_json``, as
    ``model_validate_json``; ``validate_python``, as ``model_validate`` of each run);
    most routes write with pydantic-core's serializer for the response model (FastAPI
    >= 0.130: ``TypeAdapter.dump_json``), ``POST /flow_runs/filter`` with
    ``model_dump(mode="json")`` of each run and orjson (a second contender)."""
    import orjson
    from prefect.server.schemas.responses import FlowRunResponse as Model
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[Model])

    def unstructure(runs: Any) -> list[Any]:
        return [run.model_dump(mode="json") for run in runs]

    def filter_route(runs: Any) -> bytes:
        return orjson.dumps([run.model_dump(mode="json") for run in runs])

    loads = adapter.validate_json
    return [
        Contender(
            "prefect 3.9",
            {
                "loads": loads,
                "dumps": lambda runs: adapter.dump_json(runs, by_alias=True),
                "structure": adapter.validate_python,
                "unstructure": unstructure,
            },
            loads,
        ),
        Contender("prefect 3.9 /flow_runs/filter", {"dumps": filter_route}, loads),
    ]


def prefect_importable(version: str = PREFECT_VERSION) -> str | None:
    """Why that Prefect cannot be measured here, or None when it can."""
    try:
        found = metadata.version("prefect")
    except metadata.PackageNotFoundError:
        make = " (make bench-prefect3)" if version.startswith("3.") else ""
        return f"prefect (pip install 'prefect=={version}' in a separate venv{make})"
    if found != version:
        return f"prefect {version} (found {found})"
    return None


def _orjson_floor() -> Contender:
    import orjson

    return Contender(
        "orjson alone (floor)",
        {"loads": orjson.loads, "dumps": orjson.dumps},
        orjson.loads,
    )


def available(
    *, prefect: bool = False, prof: Profile | None = None
) -> tuple[list[Contender], list[str]]:
    """The contenders whose libraries are installed, and notes on those that are not.
    That Prefect's own models take part when asked (``--prefect``) and importable.

    In the Prefect 3 profile the pydantic v2 contender is Prefect 3.9's own models: the
    suite's pydantic, msgspec and mashumaro models are of 2.20's shape and sit out."""
    prof = prof or profile(2)
    missing = []
    has = {
        name: importlib.util.find_spec(name) is not None
        for name in ("orjson", "pydantic", "msgspec")
    }
    found = [_ours("json", builtins_too=not has["orjson"], prof=prof)]
    if has["orjson"]:
        # the default contender comes last (the suite pairs it with everyone)
        found.append(_ours("orjson", builtins_too=False, bound=True, prof=prof))
        found.append(_ours("orjson", builtins_too=True, prof=prof))
    else:
        missing.append("orjson (pip install 'prefect-responses-attrs[orjson]')")
    if prof.version == 2:
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
        why_not = prefect_importable(prof.prefect_version)
        if why_not is not None:
            missing.append(why_not)
        elif prof.version == 2:
            found.append(_prefect())
        elif has["orjson"]:
            found += _prefect3()
    if has["orjson"]:
        found.append(_cattrs_out_of_the_box(prof.model))
        found.append(_no_check_floor(prof.model))
        found.append(_orjson_floor())
    return found, missing


def _canonical(data: bytes, prof: Profile | None = None) -> Any:
    """JSON values as this library reads them, for comparing contenders' output."""
    module = (prof or profile(2)).module
    model = module.FlowRunResponse
    runs = module.loads(data, list[model], backend="json")
    values = json.loads(module.dumps(runs, backend="json"))
    for run in values:
        run["empirical_policy"]["pause_keys"] = sorted(run["empirical_policy"]["pause_keys"])
        # clock-dependent fields: Prefect's models recompute them as they read
        run["estimated_run_time"] = run["estimated_start_time_delta"] = None
    return values


def check_agreement(
    contender: Contender, data: bytes, expected: Any, prof: Profile | None = None
) -> None:
    """Raise AssertionError unless every operation of ``contender`` gives our JSON values."""
    module = (prof or profile(2)).module
    name = contender.name
    if contender.objects is None:
        return
    objects = contender.objects(data)
    for op, function in contender.ops.items():
        if op == "loads":
            if contender.name.startswith("orjson"):
                assert objects == json.loads(data), f"{name} loads"
                continue
            out = contender.ops.get("dumps", lambda o: module.dumps(o))(objects)
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
            assert _canonical(out, prof) == expected, f"{name} {op} disagrees with responses"


def expected_values(data: bytes, prof: Profile | None = None) -> Any:
    """Our reading of ``data``, the yardstick for every contender."""
    return _canonical(data, prof)
