"""Hostile input: a ValidationError with a path, or a valid object; never anything else."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import responses
from benchmarks._hostile import Hostile, cases, outcome

from .conftest import AVAILABLE_BACKENDS, ROUTE_FILES, load_fixture
from .strategies import json_paths

CASES = list(cases())
BACKENDS = AVAILABLE_BACKENDS


FLOW = "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input(case: Hostile, backend: str) -> None:
    pytest.importorskip(backend)
    result = outcome(case, backend)  # type: ignore[arg-type]
    if case.loads is not None:
        assert result == ("loaded" if case.loads else "rejected")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "body",
    [
        b'{"flow_id":"3cbd3d0a-e014-4d9f-be4a-58791a5c0e75","name":"\\ud800"}',
        # a run of 19 digits sends the document to the standard library's reader
        b'{"flow_id":"3cbd3d0a-e014-4d9f-be4a-58791a5c0e75","name":"\\ud800","run_count":'
        b"12345678901234567890}",
        b'{"flow_id":"3cbd3d0a-e014-4d9f-be4a-58791a5c0e75","parameters":{"\\udfff":1}}',
    ],
)
def test_lone_surrogates_are_rejected_on_input(body: bytes, backend: str) -> None:
    pytest.importorskip(backend)
    with pytest.raises(responses.ValidationError):
        responses.loads(body, responses.FlowRunResponse, backend=backend)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("field", "value"), [("name", "\ud800"), ("parameters", {"k": "\udfff"}), ("tags", ["\ud83d"])]
)
def test_lone_surrogates_in_str_documents_are_rejected(
    backend: str, field: str, value: object
) -> None:
    """JSON text passed as a ``str`` can hold a lone surrogate unescaped (bytes cannot):
    rejected with both backends, never accepted into an object no encoder can write."""
    pytest.importorskip(backend)
    text = json.dumps({"flow_id": FLOW, field: value}, ensure_ascii=False)
    with pytest.raises(responses.ValidationError, match="surrogate"):
        responses.loads(text, responses.FlowRunResponse, backend=backend)  # type: ignore[arg-type]


def test_lone_surrogates_from_python_are_rejected_too() -> None:
    with pytest.raises(responses.ValidationError, match=r"\$\.name: .*surrogate"):
        responses.structure({"flow_id": FLOW, "name": "\ud800"}, responses.FlowRunResponse)
    with pytest.raises(responses.ValidationError, match=r"\$\.tags: .*surrogate"):
        responses.FlowRunResponse(flow_id=uuid.UUID(FLOW), tags=["ok", "\udc00"])


def test_big_integers_keep_their_value_with_both_backends() -> None:
    big = 2**70 + 1
    payload = json.dumps(
        {
            "flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75",
            "run_count": big,
            "parameters": {"x": [-big]},
        }
    )
    for backend in BACKENDS:
        pytest.importorskip(backend)
        run = responses.loads(payload, responses.FlowRunResponse, backend=backend)  # type: ignore[arg-type]
        assert run.run_count == big
        assert run.parameters == {"x": [-big]}
        # orjson cannot write it: the standard library writes that document instead
        assert json.loads(responses.dumps(run, backend=backend))["run_count"] == big  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_rejected_in_free_form_values(value: float) -> None:
    with pytest.raises(responses.ValidationError, match=r"\$\.parameters: .*finite"):
        responses.structure(
            {"flow_id": FLOW, "parameters": {"x": [value]}}, responses.FlowRunResponse
        )
    with pytest.raises(responses.ValidationError, match=r"\$\.data: .*finite"):
        responses.State(type=responses.StateType.RUNNING, data={"x": value})


# --- mutations of valid payloads ------------------------------------------------------

REPLACEMENTS = st.sampled_from(
    [None, True, False, 0, -1, 2**70, 1.5, -0.0, "", "x", "RUNNING", "2024-05-01",
     "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "PT1H", [], [1, "a"], {}, {"type": "bogus"},
     {"type": "wait_details"}, "\u0000", "𝔘𝔫𝔦"]
)  # fmt: skip
SAMPLES = [
    (cl, value) for name, cl in sorted(ROUTE_FILES.items()) for value in load_fixture(name)[:3]
]


def _mutate(value: Any, path: tuple[Any, ...], action: str, replacement: Any) -> Any:
    if not path:
        return replacement if action == "replace" else [value]
    result = copy.deepcopy(value)
    parent = result
    for key in path[:-1]:
        parent = parent[key]
    if action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "wrap":
        parent[path[-1]] = [parent[path[-1]]]
    elif action == "stringify":
        parent[path[-1]] = json.dumps(parent[path[-1]])
    else:
        parent[path[-1]] = replacement
    return result


@given(data=st.data())
def test_mutated_payloads_load_or_fail_cleanly(data: st.DataObject) -> None:
    cl, value = data.draw(st.sampled_from(SAMPLES))
    path = data.draw(st.sampled_from(json_paths(value)))
    action = data.draw(st.sampled_from(["drop", "replace", "wrap", "stringify"]))
    mutated = _mutate(value, path, action, data.draw(REPLACEMENTS))
    for backend in BACKENDS:
        try:
            loaded = responses.loads(json.dumps(mutated), cl, backend=backend)  # type: ignore[arg-type]
        except responses.ValidationError as error:
            assert error.errors
            assert all(e.path.startswith("$") and e.message for e in error.errors)
            continue
        assert isinstance(loaded, cl)
        # whatever we accept, we write, and read back as the same object
        assert responses.loads(responses.dumps(loaded, backend=backend), cl) == loaded  # type: ignore[arg-type]


@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    for backend in BACKENDS:
        try:
            responses.loads(data, responses.OrchestrationResult, backend=backend)  # type: ignore[arg-type]
        except responses.ValidationError:
            pass
