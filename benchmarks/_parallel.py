"""``--shards K --workers W``: reading K NDJSON shards of real flow runs with W spawned
processes against one process.

Each shard is a file of real runs (the live ``/flow_runs/filter`` pages, repeated with
fresh ids), one per line. A task reads one shard with ``iter_loads(file, lines=True)``
and returns its count, as a Dask or Spark job reduces what it reads where it reads it
(shipping the objects back would time pickling, not reading). The pool is started and
warmed (every worker has imported the library and generated its code) before timing,
as a long-lived pool or a Dask cluster is; a copy of the default converter goes with
every task, pickled by its recipe. Pairs are interleaved as the rest of the suite's:
the ratio is time(one process) / time(W processes), so above 1 is a speed-up (the cores
are the ceiling: about 1.8x on 2 shared cores).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ._data import real_flow_runs
from ._probe import NO_ORJSON
from ._timing import paired

if os.environ.get(NO_ORJSON):  # --no-orjson reaches the spawned workers through this
    sys.modules["orjson"] = None  # type: ignore[assignment]

Progress = Callable[[str], None]


def count_shard(path: str, converter: Any) -> int:
    """The task: every run of one shard read and validated; their count."""
    from responses import FlowRunResponse

    with open(path, "rb") as file:
        return sum(1 for _ in converter.iter_loads(file, FlowRunResponse, lines=True))


def spin(loops: int) -> float:
    """Seconds of a pure-Python loop: the machine's own parallel ceiling, measured."""
    started = time.perf_counter()
    total = 0
    for index in range(loops):
        total += index
    return time.perf_counter() - started


def _ceiling(pool: ProcessPoolExecutor, workers: int, loops: int) -> float:
    """W loops in the pool against W loops here one after another (median of 3): the
    speed-up a perfectly parallel task would get on this machine now (other processes
    of a shared machine take cores too)."""
    ratios = []
    for _ in range(3):
        alone = sum(spin(loops) for _ in range(workers))
        started = time.perf_counter()
        list(pool.map(spin, [loops] * workers))
        ratios.append(alone / (time.perf_counter() - started))
    return sorted(ratios)[1]


def _warm(converter: Any) -> str:
    """Import and generate the code of a worker; its converter's backend."""
    from responses import FlowRunResponse

    converter.loads(json.dumps([real_flow_runs(1)[0]]).encode(), list[FlowRunResponse])
    return str(converter.backend)


def write_shards(directory: Path, shards: int, runs_per_shard: int) -> list[str]:
    runs = real_flow_runs(shards * runs_per_shard)
    paths = []
    for index in range(shards):
        path = directory / f"runs-{index:03d}.ndjson"
        with path.open("w", encoding="utf-8") as file:
            for run in runs[index::shards]:
                file.write(json.dumps(run, ensure_ascii=False, separators=(",", ":")) + "\n")
        paths.append(str(path))
    return paths


def measure(
    shards: int, workers: int, runs_per_shard: int, rounds: int, progress: Progress
) -> dict[str, Any]:
    """The parallel figure: runs per second with one and with ``workers`` processes."""
    import responses

    converter = responses.converter.copy()  # pickled by its recipe, as a user's would be
    total = shards * runs_per_shard
    with tempfile.TemporaryDirectory(prefix="responses-shards-") as directory:
        progress(f"parallel: writing {shards} shards of {runs_per_shard:,} real runs")
        paths = write_shards(Path(directory), shards, runs_per_shard)
        shard_mb = sum(os.path.getsize(path) for path in paths) / shards / 1e6
        context = multiprocessing.get_context("spawn")
        progress(f"parallel: starting {workers} spawned workers")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            started = time.perf_counter()
            backends = set(pool.map(_warm, [converter] * (workers * 2)))
            warm_up = time.perf_counter() - started

            def one_process(paths: list[str]) -> int:
                return sum(count_shard(path, converter) for path in paths)

            def many_processes(paths: list[str]) -> int:
                return sum(pool.map(count_shard, paths, [converter] * len(paths)))

            assert one_process(paths) == many_processes(paths) == total
            progress(f"parallel: {shards} shards x {runs_per_shard:,} runs, {workers} workers")
            pair = paired(many_processes, paths, one_process, paths, rounds=rounds, repeat=1)
            progress("parallel: the machine's ceiling (pure-Python loops)")
            ceiling = _ceiling(pool, workers, max(100_000, runs_per_shard * 400))
    single = min(pair.times_b)
    return {
        "shards": shards,
        "workers": workers,
        "runs_per_shard": runs_per_shard,
        "shard_mb": shard_mb,
        "cores": os.cpu_count(),
        "backend": converter.backend,
        "worker_backends": sorted(backends),
        "speedup": pair.ratio.as_dict(),
        "ceiling": ceiling,
        "runs_per_s": {
            "one process": total / sorted(pair.times_b)[len(pair.times_b) // 2],
            f"{workers} processes": total / sorted(pair.times_a)[len(pair.times_a) // 2],
        },
        "one_process_best_s": single,
        "pool_warm_up_s": warm_up,
        "converter_per_task_ms": _converter_per_task(converter) * 1e3,
    }


def _converter_per_task(converter: Any) -> float:
    """What a task pays for the converter it receives: unpickling it and generating
    its code for one run (median of 5, in this process)."""
    from responses import FlowRunResponse

    data = pickle.dumps(converter)
    one = json.dumps([real_flow_runs(1)[0]]).encode()
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        pickle.loads(data).loads(one, list[FlowRunResponse])
        samples.append(time.perf_counter() - started)
    return sorted(samples)[2]
