"""The benchmark's --shards/--workers figure runs end to end (its shape, never its timings)."""

from __future__ import annotations

import json
from pathlib import Path

import responses
from benchmarks import _report
from benchmarks.__main__ import parse_args
from benchmarks._parallel import count_shard, measure, write_shards


def test_defaults_make_bench_runs_it_small() -> None:
    args = parse_args([])
    assert (args.shards, args.workers, args.shard_runs) == (4, 2, 5_000)
    args = parse_args(["--shards", "8", "--workers", "3", "--shard-runs", "100"])
    assert (args.shards, args.workers, args.shard_runs) == (8, 3, 100)


def test_shards_hold_real_runs(tmp_path: Path) -> None:
    paths = write_shards(tmp_path, 3, 10)
    assert [Path(path).name for path in paths] == [f"runs-{i:03d}.ndjson" for i in range(3)]
    lines = Path(paths[0]).read_bytes().splitlines()
    assert len(lines) == 10
    assert json.loads(lines[0])["flow_id"]
    assert count_shard(paths[0], responses.converter.copy()) == 10


def test_measure_and_report() -> None:
    found = measure(2, 2, 20, 1, lambda _: None)
    assert (found["shards"], found["workers"], found["runs_per_shard"]) == (2, 2, 20)
    assert found["speedup"]["median"] > 0
    assert set(found["runs_per_s"]) == {"one process", "2 processes"}
    assert found["worker_backends"] == [responses.converter.backend]
    assert found["converter_per_task_ms"] > 0
    assert found["ceiling"] > 0
    text = "\n".join(_report.parallel(found))
    assert "Many processes: 2 NDJSON shards of 20 real runs" in text
    assert "2 processes vs one: " in text
    assert "the machine's ceiling during the run" in text
