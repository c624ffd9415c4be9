"""The public functions: loads/dumps/structure/unstructure, errors, strict mode, backends."""

from __future__ import annotations

import json
from typing import Any

import pytest

import responses
from responses import FlowRunResponse, OrchestrationResult, ValidationError

RUN = {"flow_id": "00000000-0000-4000-8000-000000000002", "name": "keen-raven"}


def test_dumps_is_compact_utf8_in_field_order() -> None:
    run = responses.structure({**RUN, "tags": ["ünïcode"]}, FlowRunResponse)
    for backend in ("json", "orjson"):
        pytest.importorskip(backend)
        text = responses.dumps(run, backend=backend)  # type: ignore[arg-type]
        assert isinstance(text, bytes)
        assert b" " not in text.replace(b"Z", b"")
        assert "ünïcode".encode() in text
        keys = list(json.loads(text))
        assert keys[:4] == ["id", "created", "updated", "name"]
        assert keys[-1] == "job_variables"
        assert len(keys) == 35


def test_loads_lists_and_str_input() -> None:
    runs = responses.loads(json.dumps([RUN, RUN]), list[FlowRunResponse])
    assert len(runs) == 2
    assert responses.dumps(runs).startswith(b"[{")


def test_errors_carry_every_problem_with_paths() -> None:
    payload = [
        {
            **RUN,
            "run_count": "x",
            "state": {"type": "RUNNING", "state_details": {"flow_run_id": 1}},
        },
        {"name": None},
    ]
    with pytest.raises(ValidationError) as caught:
        responses.structure(payload, list[FlowRunResponse])
    paths = [error.path for error in caught.value.errors]
    assert paths == [
        "$[0].run_count",
        "$[0].state.state_details.flow_run_id",
        "$[1].name",
        "$[1].flow_id",
    ]
    text = str(caught.value)
    assert text.startswith("4 validation errors")
    assert "$[0].state.state_details.flow_run_id: expected a UUID string, got an integer" in text


def test_unknown_tag_names_the_allowed_tags() -> None:
    with pytest.raises(ValidationError) as caught:
        responses.structure({"status": "ACCEPT", "details": {"type": "nope"}}, OrchestrationResult)
    (error,) = caught.value.errors
    assert error.path == "$.details.type"
    for tag in ("accept_details", "reject_details", "abort_details", "wait_details"):
        assert tag in error.message


def test_details_union_dispatch() -> None:
    result = responses.structure(
        {"status": "WAIT", "details": {"type": "wait_details", "delay_seconds": "5"}},
        OrchestrationResult,
    )
    assert result.details == responses.StateWaitDetails(delay_seconds=5)
    assert result.state is None


def test_unknown_keys_ignored_or_rejected_by_a_strict_converter() -> None:
    payload = {**RUN, "extra": 1, "empirical_policy": {"unknown": 2}}
    assert responses.structure(payload, FlowRunResponse).name == "keen-raven"
    strict = responses.make_converter(forbid_extra_keys=True)
    with pytest.raises(ValidationError) as caught:
        strict.loads(json.dumps(payload), FlowRunResponse)
    assert [e.path for e in caught.value.errors] == ["$.empirical_policy.unknown", "$.extra"]


@pytest.mark.parametrize(
    "data", [b"", b"{", b"\xff\xfe", b"[1,]", b"NaN", b'{"a": Infinity}', "nul\x00"]
)
@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_invalid_json_is_a_validation_error(data: Any, backend: str) -> None:
    pytest.importorskip(backend)
    with pytest.raises(ValidationError, match="invalid JSON"):
        responses.loads(data, FlowRunResponse, backend=backend)  # type: ignore[arg-type]


def test_nothing_but_validation_error_escapes() -> None:
    for payload in (None, 1, "x", [], {"flow_id": []}, {"flow_id": {}}, {"state": 5}):
        with pytest.raises(ValidationError):
            responses.structure(payload, FlowRunResponse)


def test_backend_choice_lives_on_the_converter() -> None:
    assert responses.converter.backend in ("json", "orjson")
    stdlib = responses.make_converter(backend="json")
    assert stdlib.backend == "json"
    assert stdlib.copy().backend == "json"
    with pytest.raises(ValueError, match="unknown JSON backend 'yaml'") as caught:
        responses.make_converter(backend="yaml")  # type: ignore[arg-type]
    assert not isinstance(caught.value, ValidationError)  # a usage error, not bad input
    with pytest.raises(ValueError, match="unknown JSON backend") as caught:
        responses.dumps(responses.structure(RUN, FlowRunResponse), backend="yaml")  # type: ignore[arg-type]
    assert not isinstance(caught.value, ValidationError)


def test_unstructure_gives_json_builtins() -> None:
    run = responses.structure(RUN, FlowRunResponse)
    data = responses.unstructure(run)
    assert json.loads(json.dumps(data)) == data
    assert data["flow_id"] == RUN["flow_id"]
    assert responses.unstructure([run]) == [data]


def test_converter_is_composable_without_touching_ours() -> None:
    mine = responses.converter.copy()
    mine.register_unstructure_hook(FlowRunResponse, lambda run: {"name": run.name})
    run = responses.structure(RUN, FlowRunResponse)
    assert mine.unstructure(run) == {"name": "keen-raven"}
    assert len(responses.unstructure(run)) == 35


def test_a_copy_with_a_nested_hook_uses_it_and_leaves_ours_alone() -> None:
    mine = responses.converter.copy()
    mine.register_unstructure_hook(responses.State, lambda state: state.type.value)
    mine.register_structure_hook(
        responses.CreatedBy, lambda value, _: responses.CreatedBy(display_value=str(value))
    )
    payload = {**RUN, "state": {"type": "RUNNING"}, "created_by": "ada"}
    run = mine.structure(payload, FlowRunResponse)
    assert run.created_by == responses.CreatedBy(display_value="ada")
    assert mine.unstructure(run)["state"] == "RUNNING"
    with pytest.raises(ValidationError, match=r"\$\.created_by"):
        responses.structure(payload, FlowRunResponse)
    assert responses.unstructure(run)["state"]["type"] == "RUNNING"


def test_dir_and_help_show_the_public_api_only() -> None:
    import pydoc

    assert [name for name in dir(responses) if not name.startswith("_")] == sorted(
        responses.__all__
    )
    text = pydoc.render_doc(responses, renderer=pydoc.plaintext)
    functions = text[text.index("FUNCTIONS") : text.index("DATA")]
    for hidden in ("__getattr__", "__dir__", "import_module", "TYPE_CHECKING"):
        assert hidden not in functions
        assert hidden not in dir(responses)
