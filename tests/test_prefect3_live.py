"""Conformance with a real Prefect 3.9.1 server through ``responses.prefect3``.

The bodies are in ``tests/fixtures/prefect-3.9-live`` (see its README). Prefect 3.9
writes every route with pydantic-core or orjson, which spell floats alike: the
``orjson`` backend must give back every body byte for byte; the ``json`` backend every
body whose floats Python's ``json`` spells as the server did (the others differ in
float spelling only: the same values).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest

import responses
from responses import prefect3
from responses._typeinfo import class_info

LIVE = Path(__file__).parent / "fixtures" / "prefect-3.9-live"
INDEX: list[dict[str, Any]] = json.loads((LIVE / "index.json").read_bytes())
_PAUSE_KEYS = re.compile(rb'"pause_keys":\[([^\]]*)\]')


def _sorted_pause_keys(body: bytes) -> bytes:
    def sort(match: re.Match[bytes]) -> bytes:
        items = sorted(json.loads(b"[" + match.group(1) + b"]"), key=repr)
        return b'"pause_keys":' + json.dumps(items, ensure_ascii=False).encode()

    return _PAUSE_KEYS.sub(sort, body)


def _model(entry: dict[str, Any]) -> Any:
    cl = getattr(prefect3, entry["model"])
    return list[cl] if entry["many"] else cl  # type: ignore[valid-type]


def _python_spells_it(body: bytes) -> bool:
    """Whether Python's ``json`` writes the decoded body as the server did."""
    value = json.loads(body)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() == body


def test_the_index_lists_every_body_and_every_model_is_covered() -> None:
    files = {path.name for path in LIVE.glob("*.json")} - {"index.json"}
    assert {entry["file"] for entry in INDEX} == files
    assert len(INDEX) >= 300
    for entry in INDEX:
        assert entry["encoder"] in ("pydantic", "orjson")
        assert hasattr(prefect3, entry["model"]), entry["model"]


def test_every_body_reads_and_writes_back_byte_for_byte_with_orjson() -> None:
    pytest.importorskip("orjson")
    for entry in INDEX:
        body = (LIVE / entry["file"]).read_bytes()
        obj = prefect3.loads(body, _model(entry), backend="orjson")
        written = prefect3.dumps(obj, backend="orjson")
        assert _sorted_pause_keys(written) == _sorted_pause_keys(body), entry["file"]


def test_every_body_reads_and_writes_back_with_the_standard_library() -> None:
    exact = 0
    for entry in INDEX:
        body = (LIVE / entry["file"]).read_bytes()
        obj = prefect3.loads(body, _model(entry), backend="json")
        written = prefect3.dumps(obj, backend="json")
        if _python_spells_it(body):
            assert _sorted_pause_keys(written) == _sorted_pause_keys(body), entry["file"]
            exact += 1
        else:  # floats such as 0.00001 (Python: 1e-05): the same values
            assert written != body
            assert json.loads(written) == json.loads(body), entry["file"]
    assert exact >= len(INDEX) * 9 // 10


def test_both_backends_read_the_same_values() -> None:
    pytest.importorskip("orjson")
    for entry in INDEX[::5]:
        body = (LIVE / entry["file"]).read_bytes()
        model = _model(entry)
        assert prefect3.loads(body, model, backend="json") == prefect3.loads(
            body, model, backend="orjson"
        ), entry["file"]


def test_structure_and_unstructure_round_trip_every_body() -> None:
    for entry in INDEX[::3]:
        value = json.loads((LIVE / entry["file"]).read_bytes())
        obj = prefect3.structure(value, _model(entry))
        assert prefect3.unstructure(obj) == value, entry["file"]


def test_lists_stream_in_and_out_as_the_body() -> None:
    entry = next(e for e in INDEX if e["route"] == "/flow_runs/filter")
    body = (LIVE / entry["file"]).read_bytes()
    runs = list(prefect3.iter_loads(io.BytesIO(body), prefect3.FlowRunResponse))
    assert runs == prefect3.loads(body, list[prefect3.FlowRunResponse])
    out = io.BytesIO()
    prefect3.dump(runs, out)
    assert _sorted_pause_keys(out.getvalue()) == _sorted_pause_keys(prefect3.dumps(runs))
    assert b"".join(prefect3.iter_dumps(runs)) == out.getvalue()


# --- what is shared with the 2.20 layer, and what is not -----------------------------------


def test_models_with_the_same_wire_are_the_2_20_classes_of_this_layer() -> None:
    """Same wire, Prefect 3.9's rules: subclasses of the 2.20 classes, made this layer's
    (their constructors check fields as prefect3.structure does)."""
    for name in (
        "CronSchedule",
        "IntervalSchedule",
        "RRuleSchedule",
        "CreatedBy",
        "UpdatedBy",
        "FlowRunPolicy",
        "HistoryResponse",
        "GlobalConcurrencyLimitResponse",
        "WorkQueueStatusDetail",
        "StateAcceptDetails",
        "StateWaitDetails",
    ):
        ours, theirs = getattr(prefect3, name), getattr(responses, name)
        assert ours is not theirs and issubclass(ours, theirs), name
        assert ours.__module__ == "responses.prefect3._shared", name
        wire = [f.name for f in class_info(ours).wire_fields]
        assert wire == [f.name for f in class_info(theirs).wire_fields], name
    for name in ("ValidationError", "StateType"):
        assert getattr(prefect3, name) is getattr(responses, name), name
    for name in (
        "FlowRunResponse",
        "FlowRun",
        "State",
        "StateDetails",
        "OrchestrationResult",
        "DeploymentResponse",
        "DeploymentSchedule",
        "WorkQueueResponse",
        "WorkerResponse",
        "WorkerFlowRunResponse",
    ):
        assert getattr(prefect3, name) is not getattr(responses, name), name


def test_new_fields_in_prefect_3_order() -> None:
    def names(cl: type) -> list[str]:
        return [field.name for field in attrs.fields(cl)]

    run = names(prefect3.FlowRunResponse)
    assert run.index("labels") == run.index("tags") + 1
    details = names(prefect3.StateDetails)
    assert details.index("deferred") == details.index("cache_expiration") + 1
    assert details[-2:] == ["traceparent", "deployment_concurrency_lease_id"]
    deployment = names(prefect3.DeploymentResponse)
    for gone in ("infra_overrides", "schedule", "is_schedule_active", "manifest_path"):
        assert gone not in deployment
    schedule = names(prefect3.DeploymentSchedule)
    assert "max_active_runs" not in schedule and "catchup" not in schedule
    assert schedule[-2:] == ["parameters", "slug"]


_ID = "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"


def test_enforce_parameter_schema_defaults_to_true() -> None:
    body = json.dumps({"name": "d", "flow_id": _ID}).encode()
    assert prefect3.loads(body, prefect3.DeploymentResponse).enforce_parameter_schema is True
    assert responses.loads(body, responses.DeploymentResponse).enforce_parameter_schema is False


def test_orchestration_result_needs_a_state_key() -> None:
    body = b'{"status": "ACCEPT", "details": {"type": "accept_details"}}'
    with pytest.raises(prefect3.ValidationError, match=r"\$\.state"):
        prefect3.loads(body, prefect3.OrchestrationResult)
    null = b'{"state": null, "status": "ACCEPT", "details": {"type": "accept_details"}}'
    assert prefect3.loads(null, prefect3.OrchestrationResult).state is None
    assert responses.loads(body, responses.OrchestrationResult).state is None


@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_datetimes_are_written_as_pydantic_writes_them(backend: str) -> None:
    pytest.importorskip(backend)
    moments = {
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC): "2025-01-02T03:04:05Z",
        datetime(2025, 1, 2, 3, 4, 5, 120000, tzinfo=UTC): "2025-01-02T03:04:05.120000Z",
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=5, minutes=45))): (
            "2025-01-02T03:04:05+05:45"
        ),
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-3, minutes=-30))): (
            "2025-01-02T03:04:05-03:30"
        ),
    }
    for moment, text in moments.items():
        limit = prefect3.ConcurrencyLimit(tag="t", concurrency_limit=1, id=_ID, created=moment)
        assert f'"created":"{text}"'.encode() in prefect3.dumps(limit, backend=backend)  # type: ignore[arg-type]
        old = responses.GlobalConcurrencyLimitResponse(
            name="n", limit=1, active_slots=0, created=moment
        )
        assert b"Z" not in responses.dumps(old, backend=backend).split(b'"created":')[1][:40]  # type: ignore[arg-type]


def test_converters_keep_the_prefect_3_writers() -> None:
    mine = prefect3.converter.copy()
    assert isinstance(mine, prefect3.Prefect3Converter)
    plain = prefect3.make_converter(backend="json", forbid_extra_keys=True)
    moment = datetime(2025, 1, 2, tzinfo=UTC)
    state = prefect3.State(type=prefect3.StateType.RUNNING, timestamp=moment)
    for converter in (mine, plain, prefect3.converter):
        assert b'"timestamp":"2025-01-02T00:00:00Z"' in converter.dumps(state)
    with pytest.raises(prefect3.ValidationError):
        plain.loads(b'{"type": "RUNNING", "nope": 1}', prefect3.State)
    assert "Prefect3Converter" in repr(plain)


def test_import_responses_does_not_import_prefect3() -> None:
    code = (
        "import sys, responses; responses.FlowRunResponse; "
        "print('responses.prefect3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_public_names() -> None:
    for name in prefect3.__all__:
        assert getattr(prefect3, name) is not None, name
    assert set(dir(prefect3)) == set(prefect3.__all__)
    for name in ("loads", "dumps", "structure", "unstructure", "iter_loads", "iter_dumps", "dump"):
        assert callable(getattr(prefect3, name))
    schema = prefect3.json_schema(prefect3.FlowRunResponse)
    assert "labels" in json.dumps(schema)
    assert prefect3.openapi_components(prefect3.WorkPoolResponse)
