"""``python -m responses``: exit codes, error paths, standard input, help everywhere."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from responses._cli import main

from .conftest import AVAILABLE_BACKENDS, sort_pause_keys

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = LIVE / "flow_runs_filter_page1.json"
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    """The exit code, and what went to standard output and standard error together."""
    code, out, err = run_split(*args)
    return code, out + err


def run_split(*args: str) -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue().decode(), err.getvalue()


def test_check_a_valid_page() -> None:
    code, out = run("check", "--model", "FlowRunResponse", "--list", str(PAGE))
    assert (code, out) == (0, "valid: 200 x FlowRunResponse\n")


def test_check_prints_every_error_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"flow_id": 1}, {"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75",
                                                "state": {"type": "NOPE"}}]))  # fmt: skip
    code, out = run("check", "--model", "FlowRunResponse", "--list", str(bad))
    assert code == 1
    assert "$[0].flow_id: expected a UUID string, got an integer" in out
    assert "$[1].state.type: expected one of" in out


def test_check_strict_and_backend(tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text('{"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "surprise": 1}')
    assert run("check", "--model", "FlowRunResponse", "--allow-extra", str(extra))[0] == 0
    for strict in ([], ["--strict"]):  # unknown keys are errors by default
        code, out = run("check", "--model", "FlowRunResponse", *strict, "--backend", "json",
                        str(extra))  # fmt: skip
        assert code == 1
        assert "$.surprise: unknown field" in out


def test_any_object_no_longer_passes_as_any_model() -> None:
    run_body = LIVE / "03700_get_flow_runs_id.json"
    code, out, err = run_split("check", "--model", "DeploymentResponse", str(run_body))
    assert code == 1
    assert out == ""  # diagnostics go to standard error
    assert "unknown field" in err
    assert run("check", "--model", "FlowRunResponse", str(run_body)) == (
        0,
        "valid: FlowRunResponse\n",
    )


def test_check_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "responses", "check", "--model", "State", "-"],
        input=b'{"type": "RUNNING"}',
        capture_output=True,
        cwd=ROOT,
    )
    assert (result.returncode, result.stdout) == (0, b"valid: State\n")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--model", "Nope", "x.json"],
        ["check", "x.json"],
        ["schema"],
        ["convert", "--to", "yaml", "x.json"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(*args)
    assert caught.value.code == 2


def test_a_missing_file_is_a_usage_error() -> None:
    assert run("check", "--model", "State", "/nonexistent/file.json")[0] == 2


@pytest.mark.parametrize("command", [[], ["check"], ["schema"], ["convert"]])
def test_help_everywhere(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(*command, "--help")
    assert caught.value.code == 0
    assert "usage: " in capsys.readouterr().out


@pytest.mark.parametrize("openapi", [None, "3.0", "3.1"])
def test_schema(openapi: str | None) -> None:
    extra = ["--openapi", openapi] if openapi else []
    code, out = run("schema", "StateResponseDetails", *extra)
    assert code == 0
    document = json.loads(out)
    if openapi:
        assert "StateWaitDetails" in document["schemas"]
    else:
        assert len(document["anyOf"]) == 4


def test_convert_between_the_encoders() -> None:
    pytest.importorskip("orjson")
    body = (LIVE / "00000_post_work_pools_name_queues.json").read_bytes()
    code, out = run("convert", "--to", "json", "--model", "WorkQueueResponse",
                    str(LIVE / "00000_post_work_pools_name_queues.json"))  # fmt: skip
    assert code == 0
    assert out.encode() == body
    code, out = run("convert", "--to", "orjson", "--list", "--model", "FlowRunResponse", str(PAGE))
    assert code == 0
    assert sort_pause_keys(json.loads(out)) == sort_pause_keys(json.loads(PAGE.read_bytes()))
    code, out = run("convert", "--to", "json", str(PAGE))
    assert code == 0
    assert json.loads(out) == json.loads(PAGE.read_bytes())


def test_convert_rejects_invalid_payloads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    code, out = run("convert", "--to", "json", str(bad))
    assert code == 1
    assert "invalid JSON" in out


def test_check_list_streams_and_reports_every_bad_item(tmp_path: Path) -> None:
    items = json.loads(PAGE.read_bytes())
    items[3]["flow_id"] = 7
    items[150]["state"]["type"] = "NOPE"
    path = tmp_path / "page.json"
    path.write_text(json.dumps(items))
    code, out = run("check", "--model", "FlowRunResponse", "--list", str(path))
    assert code == 1
    assert out.startswith("2 validation errors")
    assert "$[3].flow_id" in out
    assert "$[150].state.type" in out
    path.write_bytes(PAGE.read_bytes()[:-10])
    code, out = run("check", "--model", "FlowRunResponse", "--list", str(path))
    assert code == 1
    assert "invalid JSON" in out


# --- what users reach for first --------------------------------------------------------


def test_errors_go_to_standard_error_and_data_to_standard_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"flow_id": 1}')
    code, out, err = run_split("convert", "--to", "json", "--model", "FlowRunResponse", str(bad))
    assert (code, out) == (1, "")
    assert "$.flow_id: expected a UUID string" in err
    code, out, err = run_split("convert", "--to", "json", str(PAGE))
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(PAGE.read_bytes())


def test_version_and_models() -> None:
    with pytest.raises(SystemExit) as caught:
        run("--version")
    assert caught.value.code == 0
    code, out = run("models")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 29  # every model, the details union and the schedule union
    assert any(line.startswith("FlowRunResponse ") for line in lines)
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)  # a description each


def test_newline_delimited_json_in_check_and_convert(tmp_path: Path) -> None:
    runs = json.loads(PAGE.read_bytes())[:5]
    path = tmp_path / "runs.ndjson"
    path.write_text("\n".join(json.dumps(run) for run in runs) + "\n")
    assert run("check", "--model", "FlowRunResponse", "--lines", str(path)) == (
        0,
        "valid: 5 x FlowRunResponse\n",
    )
    code, out = run("convert", "--to", "json", "--model", "FlowRunResponse", "--lines", str(path))
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == sort_pause_keys(runs) or [
        sort_pause_keys(json.loads(line)) for line in out.splitlines()
    ] == sort_pause_keys(runs)
    runs[2]["flow_id"] = 5
    path.write_text("\n".join(json.dumps(run) for run in runs))
    code, out = run("check", "--model", "FlowRunResponse", "--lines", str(path))
    assert code == 1
    assert "$[2].flow_id" in out


def test_the_program_is_named_as_invoked() -> None:
    script = Path(sys.executable).parent / "prefect-responses"
    if script.exists():
        result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
        assert result.stdout.startswith("usage: prefect-responses")
    result = subprocess.run(
        [sys.executable, "-m", "responses", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.stdout.startswith("usage: python -m responses")


_ARGUMENTS = st.sampled_from(
    [
        ["check", "--model", "FlowRunResponse"],
        ["check", "--model", "FlowRunResponse", "--list"],
        ["check", "--model", "FlowRunResponse", "--lines"],
        ["check", "--model", "StateResponseDetails", "--allow-extra", "--backend", "json"],
        ["check", "--model", "DeploymentResponse", "--list"],
        ["convert", "--to", "json"],
        ["convert", "--to", "json", "--list"],
        ["convert", "--to", "json", "--lines"],
        ["convert", "--to", "json", "--model", "WorkQueueResponse"],
        ["convert", "--to", "json", "--model", "FlowRunResponse", "--list"],
        ["convert", "--to", "json", "--model", "FlowRunResponse", "--lines"],
    ]
)
_BODIES = [PAGE.read_bytes()[:3000], *(p.read_bytes() for p in sorted(LIVE.glob("000*.json"))[:6])]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    arguments=_ARGUMENTS,
    body=st.one_of(
        st.binary(max_size=300),
        st.sampled_from(_BODIES),
        st.tuples(st.sampled_from(_BODIES), st.integers(0, 3000), st.binary(max_size=4)).map(
            lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
        ),
    ),
)
def test_every_subcommand_ends_with_an_exit_code_never_a_traceback(
    arguments: list[str], body: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "payload.json"
    path.write_bytes(body)
    for backend in AVAILABLE_BACKENDS:
        argv = [*arguments, str(path)]
        if argv[0] == "convert":
            argv[2] = backend
        try:
            code, _, _ = run_split(*argv)
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code  # type: ignore[assignment]
        assert code in (0, 1, 2)


def _isolated_package(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the package alone on a path, and the environment that imports it
    (no site: the checkout's own install is not seen)."""
    import shutil
    import sysconfig

    shutil.copytree(ROOT / "responses", tmp_path / "responses")
    path = os.pathsep.join([str(tmp_path), sysconfig.get_paths()["purelib"]])
    return tmp_path / "responses", {**os.environ, "PYTHONPATH": path}


_RUN_CLI = "import sys; from responses._cli import main; sys.exit(main())"


def test_the_name_clash_is_said_in_one_sentence(tmp_path: Path) -> None:
    package, env = _isolated_package(tmp_path)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-S", "-c", _RUN_CLI, *args],
            capture_output=True, text=True, env=env, cwd=tmp_path,
        )  # fmt: skip

    assert cli("models").returncode == 0
    # the mocking library installed after us: its modules beside ours
    (package / "matchers.py").write_text("")
    imported = subprocess.run(
        [sys.executable, "-S", "-W", "error::RuntimeWarning", "-c", "import responses"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert imported.returncode != 0
    assert "HTTP-mocking library responses (matchers.py)" in imported.stderr
    result = cli("models")
    assert result.returncode == 2
    assert "pip uninstall -y responses prefect-responses-attrs" in result.stderr
    assert "Traceback" not in result.stderr
    # ... with its own __init__.py over ours
    (package / "__init__.py").write_text('"""A mocking library."""\n')
    result = cli("check", "--model", "CreatedBy", "x.json")
    assert result.returncode == 2
    assert "gives another package" in result.stderr
    assert len(result.stderr.strip().splitlines()[-1]) > 80  # the sentence, not a usage dump
    # ... then uninstalled: our folder without its __init__.py
    (package / "__init__.py").unlink()
    result = cli("models")
    assert result.returncode == 2
    assert "lost its __init__.py" in result.stderr


def test_prefect_3_bodies_with_prefect_3() -> None:
    live3 = Path(__file__).parent / "fixtures" / "prefect-3.9-live"
    index = json.loads((live3 / "index.json").read_text())
    entries = index if isinstance(index, list) else index.get("bodies", index.get("entries", []))
    page = next(e for e in entries if "filter" in str(e.get("route", "")) and e.get("many"))
    path = live3 / page["file"]
    code, out = run("--prefect", "3", "check", "--model", page["model"], "--list", str(path))
    assert code == 0, out
    code, out = run("--prefect", "3", "convert", "--to", "orjson", "--model", page["model"],
                    "--list", str(path))  # fmt: skip
    if "orjson" in AVAILABLE_BACKENDS:
        assert code == 0
        assert out.encode() == path.read_bytes()
    code, out = run("--prefect", "3", "models")
    assert "TaskRunResponse " in out
    with pytest.raises(SystemExit):  # a 3.x model is not a 2.20 one
        run("check", "--model", "TaskRunResponse", str(path))


def test_prefect_3_bodies_of_a_python_3_13_server() -> None:
    live = Path(__file__).parent / "fixtures" / "prefect-3.9-live-py313"
    index = json.loads((live / "index.json").read_text())
    path = next(
        live / e["file"]
        for e in index
        if e["model"] == "DeploymentSchedule" and b'"P1D"' in (live / e["file"]).read_bytes()
    )
    args = ["convert", "--to", "json", "--model", "DeploymentSchedule", "--list", str(path)]
    code, out = run("--prefect", "3", "--server-python", "3.13", *args)
    assert code == 0, out
    assert out.encode() == path.read_bytes()
    code, out = run("--prefect", "3", *args)  # a 3.12 server: seconds and UTC
    assert code == 0 and '"interval":86400.0' in out
    code, out = run("--prefect", "3", "--server-python", "3.10", *args)
    assert code == 2 and "server_python must be one of" in out
    code, out = run("--server-python", "3.13", "check", "--model", "CreatedBy", str(path))
    assert code == 2 and "--prefect 3" in out
