"""Runs the cases and gathers every figure into one JSON-ready dict."""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from . import _probe
from ._contenders import (
    OPERATIONS,
    Contender,
    Profile,
    available,
    check_agreement,
    expected_values,
    profile,
)
from ._data import DataKind, ParamsSize, dataset
from ._timing import Collector, Spread, paired

Progress = Callable[[str], None]


@dataclass
class Config:
    sizes: list[int]
    rounds: int = 7
    seed: int = 1
    params: ParamsSize = "small"
    data: DataKind = "real"
    file: str | None = None
    memory_count: int = 100_000
    import_repeats: int = 5
    operations: tuple[str, ...] = OPERATIONS
    collectors: tuple[Collector, ...] = ("on", "paused")
    prefect: bool = False
    # 2: Prefect 2.20's wire and ``responses`` (the default); 3: Prefect 3.9's wire and
    # ``responses.prefect3``, against Prefect 3.9.1's own models (``--prefect 3``)
    profile: int = 2
    stream: bool = False
    stream_count: int = 100_000
    shards: int = 0
    workers: int = 2
    shard_runs: int = 5_000


def _versions(config: Config) -> dict[str, str]:
    found = {}
    names = ["prefect-responses-attrs", "attrs", "cattrs", "orjson", "pydantic", "pydantic-core"]
    names += ["msgspec", "mashumaro"] if config.profile == 2 else []
    names += ["prefect"] if config.prefect else []
    names += ["fastapi"] if config.prefect and config.profile == 3 else []  # its writer
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _meta(config: Config) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "gc": "headline: on, as each library leaves it; second table: paused around "
        "every contender's calls alike; prepared inputs frozen with gc.freeze()",
        "versions": _versions(config),
        "rounds": config.rounds,
        "source": _source(config),
        "orjson": "blocked (--no-orjson)" if os.environ.get(_probe.NO_ORJSON) else "as installed",
    }


def _source(config: Config) -> str:
    if config.file:
        return f"the file {config.file}"
    if config.data == "real" and config.profile == 3:
        return (
            "real FlowRunResponse bodies from a Prefect 3.9.1 server (/flow_runs/filter "
            "pages first, then GET /flow_runs/{id} and the other routes: 128 distinct runs "
            "and snapshots, repeated with fresh run ids beyond that; written by orjson, as "
            "/flow_runs/filter writes them)"
        )
    if config.data == "real":
        return (
            "real /flow_runs/filter pages from a Prefect 2.20.27 server (600 runs, "
            "repeated with fresh run ids beyond that)"
        )
    return f"generated (seed {config.seed}, {config.params} parameters)"


def _rounds_for(config: Config, size: int) -> int:
    # Large lists take seconds per call: fewer rounds keep the run within minutes.
    return config.rounds if size <= 10_000 else max(3, config.rounds // 2)


def _kind(config: Config) -> DataKind:
    """The dataset kind: real data is the profile's own Prefect's."""
    if config.data == "real":
        return profile(config.profile).data  # type: ignore[return-value]
    return config.data


def _datasets(config: Config) -> list[tuple[int, bytes]]:
    if config.file:
        with open(config.file, "rb") as handle:
            data = handle.read()
        return [(len(json.loads(data)), data)]
    return [
        (size, dataset(_kind(config), size, seed=config.seed, params=config.params))
        for size in config.sizes
    ]


_OTHERS = (
    "prefect 3.9",
    "prefect 3.9 /flow_runs/filter",
    "pydantic",
    "msgspec",
    "mashumaro",
    "cattrs out of the box",
    "no-check floor",
    "prefect 2.20",
    "orjson alone (floor)",
)


def _pairs(
    contenders: list[Contender], op: str, collector: Collector, baseline: str = "pydantic"
) -> list[tuple[str, str]]:
    """Which pairs are timed: our default backend against everyone; the stdlib backend
    and the bound decoder/encoder against the profile's baseline (pydantic; Prefect
    3.9's own models in the Prefect 3 profile), in the headline table only."""
    names = {c.name for c in contenders if op in c.ops}
    ours = [c.name for c in contenders if c.name.startswith("responses") and op in c.ops]
    if baseline not in names:  # not installed: the others' first contender stands in
        baseline = next((other for other in _OTHERS if other in names), baseline)
    pairs = []
    for mine in ours:
        default = mine == ours[-1]
        for other in _OTHERS:
            if other not in names:
                continue
            if not default and (other != baseline or collector != "on"):
                continue
            pairs.append((mine, other))
    return pairs


def run(config: Config, progress: Progress) -> dict[str, Any]:
    prof = profile(config.profile)
    contenders, missing = available(prefect=config.prefect, prof=prof)
    by_name = {c.name: c for c in contenders}
    datasets = _datasets(config)

    # Every contender must give our JSON values before it is timed.
    sample = datasets[0][1] if config.file else dataset(_kind(config), 200, seed=config.seed)
    expected = expected_values(sample, prof)
    for contender in contenders:
        progress(f"checking {contender.name} against {prof.label}")
        check_agreement(contender, sample, expected, prof)

    cases: list[dict[str, Any]] = []
    controls: list[dict[str, Any]] = []
    for size, data in datasets:
        rounds = _rounds_for(config, size)
        inputs = _inputs(contenders, data, config.operations)
        # Every contender's prepared input stays alive for the whole run. Frozen, it is
        # left out of collections, so no contender pays for traversing the others' data.
        gc.collect()
        gc.freeze()
        for collector in config.collectors:
            for op in config.operations:
                times: dict[str, list[float]] = defaultdict(list)
                ratios: dict[tuple[str, str], Spread] = {}
                for mine_name, other_name in _pairs(contenders, op, collector, prof.baseline):
                    mine, other = by_name[mine_name], by_name[other_name]
                    progress(
                        f"{op:<11} {size:>7,} runs, collector {collector}: "
                        f"{mine.name} vs {other.name}"
                    )
                    pair = paired(
                        mine.ops[op],
                        inputs[mine.name][op],
                        other.ops[op],
                        inputs[other.name][op],
                        rounds=rounds,
                        collector=collector,
                    )
                    times[mine.name] += pair.times_a
                    times[other.name] += pair.times_b
                    ratios[(mine.name, other.name)] = pair.ratio
                for name, samples in times.items():
                    median = statistics.median(samples)
                    cases.append(
                        {
                            "operation": op,
                            "size": size,
                            "collector": collector,
                            "contender": name,
                            "seconds": median,
                            "us_per_object": median / size * 1e6,
                            "objects_per_s": size / median,
                            "mb_per_s": len(data) / median / 1e6,
                            "vs_pydantic": _ratio(ratios, name, "pydantic"),
                            "vs_msgspec": _ratio(ratios, name, "msgspec"),
                            "vs_prefect": _ratio(ratios, name, prof.prefect),
                            "vs_floor": _ratio(ratios, name, "orjson alone (floor)"),
                            "vs": {
                                other: _ratio(ratios, name, other)
                                for other in _OTHERS
                                if (name, other) in ratios
                            },
                            "samples": len(samples),
                        }
                    )
        control = _control(contenders, inputs, size, rounds, progress)
        if control:
            controls.append(control)
        del inputs
        gc.unfreeze()

    results: dict[str, Any] = {
        "meta": _meta(config),
        "profile": {
            "prefect": prof.prefect_version,
            "module": prof.module.__name__,
            "baseline": prof.baseline,
            "prefect_contender": prof.prefect,
        },
        "missing": missing,
        "json_bytes": {str(size): len(data) for size, data in datasets},
        "cases": cases,
        "controls": controls,
        "stream": _stream(config, prof, datasets[-1], progress) if config.stream else None,
        "parallel": _parallel(config, progress) if prof.version == 2 else None,
        "memory": _memory(config, prof, contenders, progress),
        "import_time": _import_times(config, prof, contenders, datasets[0][1], progress),
    }
    return results


def _stream(
    config: Config, prof: Profile, largest: tuple[int, bytes], progress: Progress
) -> dict[str, Any]:
    """iter_loads / iter_dumps against loads / dumps, and (Prefect 2.20 profile) the peak
    memory of streaming a large file against loading it whole (fresh interpreters)."""
    import io

    module, model = prof.module, prof.model
    size, data = largest
    runs = module.loads(data, list[model])
    pairs = {
        "iter_loads vs loads": (
            lambda d: sum(1 for _ in module.iter_loads(io.BytesIO(d), model)),
            lambda d: len(module.loads(d, list[model])),
            data,
        ),
        "iter_dumps vs dumps": (
            lambda r: b"".join(module.iter_dumps(r)),
            module.dumps,
            runs,
        ),
    }
    found: dict[str, Any] = {"size": size, "speed": {}, "peak_mb": None}
    for label, (streamed, whole, argument) in pairs.items():
        progress(f"stream {size:>7,} runs: {label}")
        pair = paired(streamed, argument, whole, argument, rounds=config.rounds)
        found["speed"][label] = pair.ratio.as_dict()
    if config.stream_count > 0 and prof.version == 2:
        progress(f"stream: peak memory of {config.stream_count:,} runs, fresh interpreters")
        found["peak_mb"] = _probe.stream_peaks(config.stream_count, config.data)
        found["peak_count"] = config.stream_count
    return found


def _parallel(config: Config, progress: Progress) -> dict[str, Any] | None:
    """K shards read by W spawned processes against one (see _parallel.py)."""
    if config.shards <= 0 or config.workers <= 0 or config.shard_runs <= 0:
        return None
    from ._parallel import measure

    return measure(config.shards, config.workers, config.shard_runs, config.rounds, progress)


def _ratio(ratios: dict[tuple[str, str], Spread], mine: str, other: str) -> dict[str, float] | None:
    found = ratios.get((mine, other))
    return None if found is None else found.as_dict()


def _inputs(
    contenders: list[Contender], data: bytes, operations: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    builtins = json.loads(data)
    inputs: dict[str, dict[str, Any]] = {}
    for contender in contenders:
        objects = None
        if contender.objects and ({"dumps", "unstructure"} & set(operations)):
            objects = contender.objects(data)
        inputs[contender.name] = {
            "loads": data,
            "structure": builtins,
            "dumps": objects,
            "unstructure": objects,
        }
    return inputs


def _control(
    contenders: list[Contender],
    inputs: dict[str, dict[str, Any]],
    size: int,
    rounds: int,
    progress: Progress,
) -> dict[str, Any] | None:
    """Ours against ours: the ratio must read 1.00 within the noise."""
    mine = [c for c in contenders if c.name.startswith("responses")][-1]
    op = "loads"
    progress(f"{op:<11} {size:>7,} runs: A/A control, {mine.name} vs itself")
    function, argument = mine.ops[op], inputs[mine.name][op]
    pair = paired(function, argument, function, argument, rounds=rounds)
    return {"operation": op, "size": size, "contender": mine.name, "ratio": pair.ratio.as_dict()}


def _probed(prof: Profile, contenders: list[Contender]) -> list[str]:
    """The contenders measured in fresh interpreters (memory, import): ours and the
    profile's pydantic-based and msgspec ones."""
    names = {c.name.split("[")[0] for c in contenders}
    return sorted(names & set(_probe.FIRST_LOADS) & {prof.label, prof.baseline, "msgspec"})


def _memory(
    config: Config, prof: Profile, contenders: list[Contender], progress: Progress
) -> dict[str, Any] | None:
    if config.memory_count <= 0:
        return None
    found: dict[str, int] = {}
    for name in _probed(prof, contenders):
        progress(f"memory: {config.memory_count:,} runs loaded by {name} (fresh interpreter)")
        found[name] = _probe.retained_memory(
            name, config.memory_count, data=_kind(config), seed=config.seed, params=config.params
        )
    return {"count": config.memory_count, "bytes": found}


def _import_times(
    config: Config, prof: Profile, contenders: list[Contender], data: bytes, progress: Progress
) -> dict[str, Any] | None:
    if config.import_repeats <= 0:
        return None
    first = json.dumps(json.loads(data)[:1]).encode()
    found = {}
    for name in _probed(prof, contenders):
        progress(
            f"import: {name} plus its first loads (fresh interpreter x{config.import_repeats})"
        )
        samples = [_probe.import_time(name, first) for _ in range(config.import_repeats)]
        found[name] = Spread.of(samples).as_dict()
    return {"repeats": config.import_repeats, "seconds": found, "python": sys.version.split()[0]}
