"""Conformance with a real Prefect 3.9.1 server through ``responses.prefect3``.

The bodies are in ``tests/fixtures/prefect-3.9-live`` (a server on Python 3.11) and
``tests/fixtures/prefect-3.9-live-py313`` (on Python 3.13: no pendulum, so ISO 8601
intervals and naive anchors stay as given); see their READMEs. Each is read and written
with a converter for its server's Python. Prefect 3.9 writes every route with
pydantic-core or orjson, which spell floats alike: the ``orjson`` backend must give
back every body byte for byte; the ``json`` backend every body whose floats Python's
``json`` spells as the server did (the others differ in float spelling only: the same
values).
"""

from __future__ import annotations

import functools
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

FIXTURES = Path(__file__).parent / "fixtures"
CAPTURES = {"3.11": FIXTURES / "prefect-3.9-live", "3.13": FIXTURES / "prefect-3.9-live-py313"}
"""Each capture's folder, by its server's Python."""
SERVERS = list(CAPTURES)
LIVE = CAPTURES["3.11"]
INDEX: list[dict[str, Any]] = json.loads((LIVE / "index.json").read_bytes())
_PAUSE_KEYS = re.compile(rb'"pause_keys":\[([^\]]*)\]')


@functools.cache
def _index(server: str) -> list[dict[str, Any]]:
    return json.loads((CAPTURES[server] / "index.json").read_bytes())  # type: ignore[no-any-return]


@functools.cache
def _converter(server: str) -> prefect3.Prefect3Converter:
    return prefect3.make_converter(server_python=server)  # type: ignore[arg-type]


def _bodies(server: str) -> list[tuple[dict[str, Any], bytes]]:
    return [(entry, (CAPTURES[server] / entry["file"]).read_bytes()) for entry in _index(server)]


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


@pytest.mark.parametrize("server", SERVERS)
def test_the_index_lists_every_body_and_every_model_is_covered(server: str) -> None:
    files = {path.name for path in CAPTURES[server].glob("*.json")} - {"index.json"}
    assert {entry["file"] for entry in _index(server)} == files
    assert len(_index(server)) >= 300
    for entry in _index(server):
        assert entry["encoder"] in ("pydantic", "orjson")
        assert hasattr(prefect3, entry["model"]), entry["model"]


# The routes of the families that answer with a model, beyond the first capture's 41
# (see the fixture README for those left out, and why).
ADDED_ROUTES = {
    ("GET", "/flow_run_states/"),
    ("GET", "/flow_run_states/{id}"),
    ("GET", "/task_run_states/"),
    ("GET", "/task_run_states/{id}"),
    ("POST", "/task_runs/history"),
    ("GET", "/flow_runs/{id}/graph"),
    ("POST", "/flow_runs/{id}/input/filter"),
    ("POST", "/flow_runs/bulk_set_state"),
    ("POST", "/flow_runs/bulk_delete"),
    ("POST", "/deployments/bulk_delete"),
    ("POST", "/deployments/{id}/create_flow_run/bulk"),
    ("GET", "/deployments/{id}/work_queue_check"),
    ("GET", "/concurrency_limits/{id}"),
    ("POST", "/concurrency_limits/increment"),
    ("POST", "/concurrency_limits/decrement"),
    ("POST", "/v2/concurrency_limits/increment"),
    ("POST", "/v2/concurrency_limits/decrement"),
    ("POST", "/v2/concurrency_limits/increment-with-lease"),
    ("POST", "/work_pools/{name}/concurrency_status"),
    ("POST", "/work_queues/{id}/concurrency_status"),
    ("GET", "/ui/task_runs/{id}"),
    ("POST", "/ui/task_runs/count"),
    ("POST", "/ui/task_runs/dashboard/counts"),
    ("POST", "/ui/flow_runs/history"),
}


def test_both_captures_hold_every_route_with_objects_of_every_model() -> None:
    routes = {server: {(e["method"], e["route"]) for e in _index(server)} for server in SERVERS}
    assert routes["3.11"] == routes["3.13"]
    assert len(routes["3.11"]) == 65
    assert routes["3.11"] >= ADDED_ROUTES
    for server in SERVERS:
        assert [e["file"] for e in _index(server)] == [e["file"] for e in _index("3.11")]
        found: dict[str, int] = {}
        for entry, body in _bodies(server):
            value = json.loads(body)
            count = len(value) if entry["many"] else 1
            found[entry["model"]] = found.get(entry["model"], 0) + count
        assert all(found.values()), [model for model, count in found.items() if not count]


def test_models_of_the_added_routes_share_what_prefect_shares() -> None:
    assert issubclass(prefect3.WorkQueueResponse, prefect3.WorkQueue)
    assert issubclass(prefect3.UITaskRun, prefect3.TaskRun)
    names = [field.name for field in attrs.fields(prefect3.UITaskRun)]
    assert names[-1] == "flow_run_name"
    entry = next(e for e in INDEX if e["route"] == "/flow_run_states/{id}")
    state = prefect3.loads((LIVE / entry["file"]).read_bytes(), prefect3.State)
    assert isinstance(state.state_details, prefect3.StateDetails)
    with pytest.raises(prefect3.ValidationError, match=r"\$\.results\[0\]\.status"):
        prefect3.loads(
            b'{"results": [{"flow_run_id": null, "status": "DONE"}]}',
            prefect3.FlowRunBulkCreateResponse,
        )
    for key, valid in [("ok-1", True), ("", True), ("a\n", True), ("Bad", False), ("a_b", False)]:
        body = json.dumps([{"flow_run_id": _ID, "key": key, "value": "1"}])
        if valid:  # Prefect 3.9.1's verdicts
            assert prefect3.loads(body, list[prefect3.FlowRunInput])[0].key == key
        else:
            with pytest.raises(prefect3.ValidationError, match=r"\$\[0\]\.key: .*lowercase"):
                prefect3.loads(body, list[prefect3.FlowRunInput])
    with pytest.raises(prefect3.ValidationError, match=r"\$\.limits\[1\]\.id"):
        prefect3.loads(
            b'{"lease_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "limits": ['
            b'{"id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "name": "a", "limit": 1},'
            b'{"id": "nope", "name": "b", "limit": 1}]}',
            prefect3.ConcurrencyLimitWithLeaseResponse,
        )


@pytest.mark.parametrize("server", SERVERS)
def test_every_body_reads_and_writes_back_byte_for_byte_with_orjson(server: str) -> None:
    pytest.importorskip("orjson")
    converter = _converter(server)
    for entry, body in _bodies(server):
        obj = converter.loads(body, _model(entry), backend="orjson")
        written = converter.dumps(obj, backend="orjson")
        assert _sorted_pause_keys(written) == _sorted_pause_keys(body), entry["file"]


@pytest.mark.parametrize("server", SERVERS)
def test_every_body_reads_and_writes_back_with_the_standard_library(server: str) -> None:
    converter = _converter(server)
    exact = 0
    for entry, body in _bodies(server):
        obj = converter.loads(body, _model(entry), backend="json")
        written = converter.dumps(obj, backend="json")
        if _python_spells_it(body):
            assert _sorted_pause_keys(written) == _sorted_pause_keys(body), entry["file"]
            exact += 1
        else:  # floats such as 0.00001 (Python: 1e-05): the same values
            assert written != body
            assert json.loads(written) == json.loads(body), entry["file"]
    assert exact >= len(_index(server)) * 9 // 10


@pytest.mark.parametrize("server", SERVERS)
def test_both_backends_read_the_same_values(server: str) -> None:
    pytest.importorskip("orjson")
    converter = _converter(server)
    for entry, body in _bodies(server)[::5]:
        model = _model(entry)
        assert converter.loads(body, model, backend="json") == converter.loads(
            body, model, backend="orjson"
        ), entry["file"]


@pytest.mark.parametrize("server", SERVERS)
def test_structure_and_unstructure_round_trip_every_body(server: str) -> None:
    converter = _converter(server)
    for entry, body in _bodies(server)[::3]:
        value = json.loads(body)
        obj = converter.structure(value, _model(entry))
        assert converter.unstructure(obj) == value, entry["file"]


def _objects(value: Any) -> Any:
    """Every object of our models in a read value, nested ones included."""
    if isinstance(value, list):
        for item in value:
            yield from _objects(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _objects(item)
    elif attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _objects(getattr(value, field.name))


@pytest.mark.parametrize("server", SERVERS)
def test_every_object_read_can_be_evolved_unchanged(server: str) -> None:
    # attrs.evolve checks every field again with the constructor's rules: what was
    # read must pass them (a task run's inputs are models of ours, kept as they are)
    converter = _converter(server)
    kinds: set[type] = set()
    for entry, body in _bodies(server):
        for obj in _objects(converter.loads(body, _model(entry))):
            assert attrs.evolve(obj) == obj, (entry["file"], type(obj).__name__)
            kinds.add(type(obj))
    assert prefect3.TaskRun in kinds and prefect3.Parameter in kinds


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
        "IntervalSchedule",  # a Python 3.13+ server writes it otherwise
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


def test_import_responses_stays_light() -> None:
    # The Prefect 3 layer loads on first use; pickle only when a converter is pickled.
    code = (
        "import sys, responses; responses.FlowRunResponse; "
        "print(sorted({'responses.prefect3', 'pickle'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names() -> None:
    for name in prefect3.__all__:
        assert getattr(prefect3, name) is not None, name
    assert set(dir(prefect3)) == set(prefect3.__all__)
    for name in ("loads", "dumps", "structure", "unstructure", "iter_loads", "iter_dumps", "dump"):
        assert callable(getattr(prefect3, name))
    schema = prefect3.json_schema(prefect3.FlowRunResponse)
    assert "labels" in json.dumps(schema)
    assert prefect3.openapi_components(prefect3.WorkPoolResponse)
    models = [getattr(prefect3, name) for name in prefect3.__all__]
    models = [model for model in models if isinstance(model, type) and attrs.has(model)]
    assert len(models) >= 55
    for model in models:  # every model has a schema in each dialect
        assert prefect3.json_schema(model)["title"] == model.__name__
        assert model.__name__ in prefect3.openapi_components(model, openapi="3.0")["schemas"]
