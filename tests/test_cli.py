"""``python -m responses``: exit codes, error paths, standard input, help everywhere."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from responses._cli import main

from .conftest import sort_pause_keys

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = LIVE / "flow_runs_filter_page1.json"
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    out = io.BytesIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue().decode()


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
    assert run("check", "--model", "FlowRunResponse", str(extra))[0] == 0
    code, out = run("check", "--model", "FlowRunResponse", "--strict", "--backend", "json",
                    str(extra))  # fmt: skip
    assert code == 1
    assert "$.surprise: unknown field" in out


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
    assert "usage: python -m responses" in capsys.readouterr().out


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
