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


# --- the Prefect 3 profile (--prefect 3): wired and run without Prefect installed ------

LIVE3 = Path(__file__).parent / "fixtures" / "prefect-3.9-live"


def test_real3_data_is_the_captured_runs_with_distinct_ids() -> None:
    from benchmarks._data import dataset, real3_flow_runs, real3_flow_runs_json, real3_pool
    from responses import prefect3

    pool = real3_pool()
    index = json.loads((LIVE3 / "index.json").read_bytes())
    bodies = [entry for entry in index if entry["model"] == "FlowRunResponse"]
    captured = [
        run
        for entry in bodies
        for run in (
            json.loads((LIVE3 / entry["file"]).read_bytes())
            if entry["many"]
            else [json.loads((LIVE3 / entry["file"]).read_bytes())]
        )
    ]
    assert len(pool) == len({json.dumps(run, sort_keys=True) for run in captured})
    assert all(run in captured for run in pool)
    first_page = next(e for e in bodies if e["route"] == "/flow_runs/filter")["file"]
    page = json.loads((LIVE3 / first_page).read_bytes())
    assert pool[: len(page)] == page  # the /flow_runs/filter pages come first
    runs = real3_flow_runs(1000)
    assert len({run["id"] for run in runs}) == 1000
    for run in runs:  # a copy's ids are fresh together: its state still names it
        assert run["state"]["state_details"]["flow_run_id"] in (None, run["id"])
    assert len({run["flow_id"] for run in runs}) < 20  # flows are shared
    data = dataset("real3", 300)
    assert json.loads(data) == real3_flow_runs(300)
    loaded = prefect3.loads(data, list[prefect3.FlowRunResponse])
    assert len(loaded) == 300
    if "orjson" in AVAILABLE_BACKENDS:  # the server's own /flow_runs/filter bytes
        assert real3_flow_runs_json(len(page)) == (LIVE3 / first_page).read_bytes()
        assert prefect3.dumps(loaded, backend="orjson") == data


def test_prefect_option_chooses_the_profile() -> None:
    from benchmarks.__main__ import parse_args

    assert parse_args([]).prefect is None
    assert parse_args(["--prefect"]).prefect == "2"
    assert parse_args(["--prefect", "2"]).prefect == "2"
    assert parse_args(["--prefect", "3", "--quick"]).prefect == "3"
    with pytest.raises(SystemExit):
        parse_args(["--prefect", "4"])


def test_prefect3_contenders_agree_without_prefect() -> None:
    from benchmarks._contenders import available, check_agreement, expected_values, profile
    from benchmarks._data import dataset

    prof = profile(3)
    assert prof.module.__name__ == "responses.prefect3"
    contenders, missing = available(prefect=True, prof=prof)
    names = [c.name for c in contenders]
    ours = [name for name in names if name.startswith("responses")]
    assert ours[-1] == f"responses.prefect3[{AVAILABLE_BACKENDS[-1]}]"  # the default, last
    assert all(name.startswith("responses.prefect3[") for name in ours)
    # the suite's own pydantic/msgspec/mashumaro models have 2.20's shape: not in profile 3
    assert not {"pydantic", "msgspec", "mashumaro", "prefect 2.20"} & set(names)
    from benchmarks._contenders import prefect_importable

    if prefect_importable("3.9.1") is None:
        assert {"prefect 3.9", "prefect 3.9 /flow_runs/filter"} <= set(names)
    else:
        assert any("prefect==3.9.1" in note or "prefect 3.9.1" in note for note in missing)
    data = dataset("real3", 60)
    expected = expected_values(data, prof)
    for contender in contenders:
        check_agreement(contender, data, expected, prof)
    # a 2.20 reading of 3.9 data drops what 2.20 does not know (labels, new details)
    assert expected_values(data) != expected


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_prefect3_profile_quick_run_and_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "p3.json"
    argv = ["--prefect", "3", "--quick", "--collector", "on", "--shards", "0"]
    argv += ["--memory-count", "200", "--import-repeats", "1", "--stream", "--json", str(out_json)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "Profile: Prefect 3.9.1's wire, `responses.prefect3`" in out
    assert "FlowRunResponse bodies from a Prefect 3.9.1 server" in out
    if "orjson" not in AVAILABLE_BACKENDS:
        # without Prefect and orjson the json backend has nothing to be timed against
        assert "Not measured (not installed): orjson" in out
        assert json.loads(out_json.read_text())["cases"] == []
        return
    assert "vs Prefect 3.9 filter route" in out  # the filter route's writer is orjson's
    assert "checking responses.prefect3" in err
    results = json.loads(out_json.read_text())
    assert results["profile"]["module"] == "responses.prefect3"
    assert results["profile"]["baseline"] == "prefect 3.9"
    cases = results["cases"]
    assert {c["size"] for c in cases} == {1, 200}
    contenders = {c["contender"] for c in cases}
    assert {f"responses.prefect3[{b}]" for b in AVAILABLE_BACKENDS} <= contenders
    assert not any(name.startswith("responses[") for name in contenders)
    assert results["parallel"] is None  # the shards figure is the 2.20 profile's
    assert results["stream"]["peak_mb"] is None
    assert set(results["stream"]["speed"]) == {"iter_loads vs loads", "iter_dumps vs dumps"}
    assert "responses.prefect3" in results["memory"]["bytes"]
    assert "responses.prefect3" in results["import_time"]["seconds"]
    assert not {"responses", "pydantic", "msgspec"} & set(results["memory"]["bytes"])
    assert main(["--prefect", "3", "--quick", "--collector", "on", "--shards", "0",
                 "--memory-count", "0", "--import-repeats", "0", "--sizes", "1",
                 "--compare", str(out_json)]) == 0  # fmt: skip
    out, _ = capsys.readouterr()
    assert "Our throughput ratio to prefect 3.9 in each run" in out
