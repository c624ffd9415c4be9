"""Measurements that need a fresh interpreter: retained memory and import time.

Run as ``python -m benchmarks._probe memory|import CONTENDER ...``; prints one number.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NO_ORJSON = "RESPONSES_BENCH_NO_ORJSON"  # set: the probes run as if orjson were absent
_BLOCK_ORJSON = "import sys\nsys.modules['orjson'] = None\n"

# What "import plus first loads" means for each contender, in a fresh interpreter.
FIRST_LOADS = {
    "responses": ("import responses\nresponses.loads(RUN, list[responses.FlowRunResponse])\n"),
    "responses.prefect3": (
        "from responses import prefect3\nprefect3.loads(RUN, list[prefect3.FlowRunResponse])\n"
    ),
    "prefect 3.9": (
        "from pydantic import TypeAdapter\n"
        "from prefect.server.schemas.responses import FlowRunResponse\n"
        "TypeAdapter(list[FlowRunResponse]).validate_json(RUN)\n"
    ),
    "pydantic": (
        "from pydantic import TypeAdapter\n"
        "from benchmarks._pydantic_models import FlowRunResponse\n"
        "TypeAdapter(list[FlowRunResponse]).validate_json(RUN)\n"
    ),
    "msgspec": (
        "import msgspec\n"
        "from benchmarks._msgspec_models import FlowRunResponse\n"
        "msgspec.json.Decoder(list[FlowRunResponse], strict=False).decode(RUN)\n"
    ),
}


def _loader(contender: str) -> Any:
    if contender == "responses":
        import responses

        return lambda data: responses.loads(data, list[responses.FlowRunResponse])
    if contender == "responses.prefect3":
        from responses import prefect3

        return lambda data: prefect3.loads(data, list[prefect3.FlowRunResponse])
    if contender == "prefect 3.9":
        from prefect.server.schemas.responses import FlowRunResponse as Prefect3Model
        from pydantic import TypeAdapter

        return TypeAdapter(list[Prefect3Model]).validate_json
    if contender == "pydantic":
        from pydantic import TypeAdapter

        from ._pydantic_models import FlowRunResponse

        return TypeAdapter(list[FlowRunResponse]).validate_json
    import msgspec

    from ._msgspec_models import FlowRunResponse as Struct

    return msgspec.json.Decoder(list[Struct], strict=False).decode


def _retained(contender: str, count: int, kind: str, seed: int, params: str) -> int:
    from ._data import dataset

    data = dataset(kind, count, seed=seed, params=params)  # type: ignore[arg-type]
    load = _loader(contender)
    load(data[: data.index(b"},{") + 1] + b"]")  # build lazily generated code first
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    runs = load(data)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(runs) == count
    return after - before


def _run(args: list[str]) -> float:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks._probe", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(output.strip().splitlines()[-1])


def retained_memory(contender: str, count: int, *, data: str, seed: int, params: str) -> int:
    """Bytes held by ``count`` loaded flow runs, measured in a fresh interpreter."""
    return int(_run(["memory", contender, str(count), data, str(seed), params]))


def _peak_rss_mb() -> float:
    """This process's peak RSS in MB. Linux: ``VmHWM``, which belongs to this program
    (``ru_maxrss`` carries over the RSS of the parent at ``fork``, so a child of a big
    benchmark process would report the parent's size)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak_rss() -> None:
    """Start the peak RSS afresh from the current RSS, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        pass


def _peak(mode: str, path: str) -> float:
    """MB by which the peak RSS grows while ``path`` is read whole (``loads``) or as a
    stream (``iter_loads``), after a warm-up on its first runs."""
    import responses

    with open(path, "rb") as file:  # warm up: generated code, caches
        for _ in zip(
            range(300), responses.iter_loads(file, responses.FlowRunResponse), strict=False
        ):
            pass
    _reset_peak_rss()
    before = _peak_rss_mb()
    if mode == "loads":
        with open(path, "rb") as file:
            count = len(responses.loads(file.read(), list[responses.FlowRunResponse]))
    else:
        with open(path, "rb") as file:
            count = sum(1 for _ in responses.iter_loads(file, responses.FlowRunResponse))
    assert count > 0
    return _peak_rss_mb() - before


def stream_peaks(count: int, kind: str) -> dict[str, float]:
    """Peak-RSS growth (MB) for ``count`` runs in a file, loaded whole and streamed."""
    import tempfile

    import responses

    from ._data import dataset

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "runs.json"
        with path.open("wb") as file:
            chunk = dataset(kind, 1000)  # type: ignore[arg-type]
            runs = responses.loads(chunk, list[responses.FlowRunResponse])
            responses.dump((run for _ in range(count // 1000) for run in runs), file)
        return {
            "file_mb": path.stat().st_size / 1e6,
            **{mode: _run(["peak", mode, str(path)]) for mode in ("loads", "iter_loads")},
        }


def _with_bytecode() -> dict[str, str]:
    # Installed packages import from compiled bytecode (pip writes it); a source
    # checkout must be allowed to write it too, or it recompiles on every import.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def import_time(contender: str, run_json: bytes) -> float:
    """Seconds to import the library, build its models and load one run, in a fresh
    interpreter (the interpreter's own start-up excluded; bytecode caches warm)."""
    code = (
        (_BLOCK_ORJSON if os.environ.get(NO_ORJSON) else "") + "import time\n"
        "start = time.perf_counter()\n"
        f"RUN = {run_json!r}\n" + FIRST_LOADS[contender] + "print(time.perf_counter() - start)\n"
    )
    command = [sys.executable, "-c", code]
    env = _with_bytecode()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)  # warm caches
    output = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return float(output.strip())


if __name__ == "__main__":
    if os.environ.get(NO_ORJSON):
        sys.modules["orjson"] = None  # type: ignore[assignment]
    kind, name, *rest = sys.argv[1:]
    if kind == "memory":
        print(_retained(name, int(rest[0]), rest[1], int(rest[2]), rest[3]))
    elif kind == "peak":
        print(_peak(name, rest[0]))
    else:
        raise SystemExit(f"unknown probe {kind!r}")
