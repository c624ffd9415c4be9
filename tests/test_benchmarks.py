"""The benchmark suite runs end to end (shape of its output only, never its timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import responses
from benchmarks.__main__ import main
from benchmarks._data import flow_runs, flow_runs_json

from .conftest import AVAILABLE_BACKENDS

OPERATIONS = {"dumps", "loads", "unstructure", "structure"}
LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"


def test_generated_data_is_deterministic_and_valid() -> None:
    assert flow_runs_json(50, seed=3) == flow_runs_json(50, seed=3)
    assert flow_runs_json(50, seed=3) != flow_runs_json(50, seed=4)
    runs = flow_runs(300, params="large")
    assert {run["state_type"] for run in runs} == {t.value for t in responses.StateType}
    assert len({run["flow_id"] for run in runs}) < 50  # runs share flows
    assert any(run["job_variables"] is None for run in runs)
    loaded = responses.loads(flow_runs_json(300), list[responses.FlowRunResponse])
    assert len(loaded) == 300


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_quick_run_json_plot_compare_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pydantic")
    pytest.importorskip("msgspec")
    pytest.importorskip("matplotlib")
    first = tmp_path / "first.json"
    png = tmp_path / "ratios.png"
    argv = ["--quick", "--stream", "--json", str(first), "--plot", str(png), "--prefect"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "| operation | contender | µs/object" in out
    assert "A/A control" in out
    assert "[bench]" in err
    assert "real /flow_runs/filter pages" in out
    assert "seed" not in out.split("\n\n")[2]  # real data claims no seed
    assert "cost vs pydantic" in out
    results = json.loads(first.read_text())
    cases = results["cases"]
    assert {c["operation"] for c in cases} == OPERATIONS
    assert {c["size"] for c in cases} == {1, 200}
    assert {c["collector"] for c in cases} == {"on", "paused"}
    assert set(results["stream"]["speed"]) == {"iter_loads vs loads", "iter_dumps vs dumps"}
    assert results["stream"]["peak_mb"]["iter_loads"] >= 0
    if "prefect 2.20" not in {c["contender"] for c in cases}:
        assert any("prefect" in note for note in results["missing"])
    contenders = {c["contender"] for c in cases}
    ours = {f"responses[{backend}]" for backend in AVAILABLE_BACKENDS}
    assert {*ours, "pydantic", "msgspec"} <= contenders
    for case in cases:
        assert case["us_per_object"] > 0
        if case["contender"].startswith("responses"):
            assert case["vs_pydantic"]["min"] <= case["vs_pydantic"]["median"]
    assert set(results["memory"]["bytes"]) == {"responses", "pydantic", "msgspec"}
    assert set(results["import_time"]["seconds"]) == {"responses", "pydantic", "msgspec"}
    assert png.read_bytes().startswith(b"\x89PNG")
    own = tmp_path / "runs.json"
    own.write_bytes(flow_runs_json(120, seed=9))
    argv = ["--file", str(own), "--rounds", "1", "--memory-count", "0", "--import-repeats", "0"]
    assert main([*argv, "--collector", "on", "--compare", str(first)]) == 0
    out, _ = capsys.readouterr()
    assert "### 120 runs" in out
    assert "the file" in out
    assert "## Change against the run of" in out
    assert "Our throughput ratio to pydantic in each run" in out


def test_real_data_has_distinct_run_ids() -> None:
    from benchmarks._data import real_flow_runs

    runs = real_flow_runs(1500)
    assert len({run["id"] for run in runs}) == 1500
    assert len({run["flow_id"] for run in runs}) < 20  # flows are shared, as in a real list
    assert runs[:200] == json.loads((LIVE / "flow_runs_filter_page1.json").read_bytes())
