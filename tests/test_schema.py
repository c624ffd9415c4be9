"""Our JSON Schema against Prefect's, and every corpus object against our schema."""

from __future__ import annotations

import json
from typing import Any

import pytest

import responses

from .conftest import FILTER_FILES, FIXTURES, ROUTE_FILES, load_fixture

LIVE = FIXTURES.parent / "prefect-2.20-live"

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_FILES = sorted(p.name for p in (FIXTURES / "schemas").glob("*.schema.json"))
MODELS: dict[str, Any] = {
    name.replace(".json", ".schema.json"): cl for name, cl in ROUTE_FILES.items()
} | {"state_response_details.schema.json": responses.StateResponseDetails}

_WORDING = {"title", "description", "examples"}

# Where our schema says otherwise on purpose: Prefect's says ``retry_delay`` is an
# integer, but its own wire carries floats there (0.5 copied from retry_delay_seconds,
# see FlowRunPolicy), so a schema saying "integer" would reject real payloads.
KNOWN_DIFFERENCES = {("FlowRunPolicy", "retry_delay"): {"type": "number"}}


def patch_known_differences(schema: dict[str, Any]) -> dict[str, Any]:
    models = [schema, *schema.get("definitions", {}).values()]
    for model in models:
        for (title, field), replacement in KNOWN_DIFFERENCES.items():
            if model.get("title") == title and field in model.get("properties", {}):
                model["properties"][field] = {**model["properties"][field], **replacement}
    return schema


def normalize(schema: Any, *, in_properties: bool = False) -> Any:
    """Structure only: no titles, descriptions or examples; ``allOf: [$ref]`` is ``$ref``;
    ``anyOf: [X, {"type": "null"}]`` is X (Prefect's schemas leave null out)."""
    if isinstance(schema, list):
        return [normalize(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if in_properties:
        return {key: normalize(value) for key, value in schema.items()}
    out = {
        key: normalize(value, in_properties=key in ("properties", "definitions"))
        for key, value in schema.items()
        if key not in _WORDING
    }
    any_of = out.get("anyOf")
    if isinstance(any_of, list) and {"type": "null"} in any_of:
        members = [member for member in any_of if member != {"type": "null"}]
        del out["anyOf"]
        out.update(members[0] if len(members) == 1 else {"anyOf": members})
    all_of = out.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and set(all_of[0]) == {"$ref"}:
        del out["allOf"]
        out.update(all_of[0])
    return out


def test_every_schema_file_has_a_model() -> None:
    assert set(SCHEMA_FILES) == set(MODELS)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_matches_prefects(name: str) -> None:
    prefect = patch_known_differences(json.loads((FIXTURES / "schemas" / name).read_text()))
    ours = responses.json_schema(MODELS[name])
    assert list(ours.get("properties", {})) == list(prefect.get("properties", {}))
    assert ours.get("required") == prefect.get("required")
    assert normalize(ours) == normalize(prefect)
    jsonschema.Draft7Validator.check_schema(ours)


@pytest.mark.parametrize("name", sorted({**ROUTE_FILES, **FILTER_FILES}))
def test_corpus_validates_against_our_schema(name: str) -> None:
    cl = {**ROUTE_FILES, **FILTER_FILES}[name]
    validator = jsonschema.Draft7Validator(responses.json_schema(cl))
    for value in load_fixture(name):
        validator.validate(value)  # nulls and all


def test_live_bodies_validate_against_our_schema() -> None:
    index = json.loads((LIVE / "index.json").read_bytes())
    validators: dict[str, Any] = {}
    for entry in index[::5]:
        model = entry["model"]
        if model not in validators:
            schema = responses.json_schema(getattr(responses, model))
            validators[model] = jsonschema.Draft7Validator(schema)
        body = json.loads((LIVE / entry["file"]).read_bytes())
        for value in body if entry["many"] else [body]:
            validators[model].validate(value)


def _wrong_value(prop: dict[str, Any]) -> Any:
    """A value of a type the property does not admit (None if it admits anything)."""
    text = json.dumps(prop)
    if prop.keys() <= {"title", "description", "default", "deprecated"}:
        return None  # Any: every value is right
    return "not an array" if '"array"' in text else [{"wrong": True}]


@pytest.mark.parametrize("name", sorted(ROUTE_FILES))
def test_a_wrong_type_in_any_field_is_rejected(name: str) -> None:
    cl = ROUTE_FILES[name]
    schema = responses.json_schema(cl)
    validator = jsonschema.Draft7Validator(schema)
    checked = 0
    for value in load_fixture(name)[:3]:
        for field, prop in schema["properties"].items():
            wrong = _wrong_value(prop)
            if wrong is None or field not in value:
                continue
            assert not validator.is_valid({**value, field: wrong}), (field, wrong)
            checked += 1
    assert checked > 0


def test_null_only_where_the_field_is_optional() -> None:
    validator = jsonschema.Draft7Validator(responses.json_schema(responses.FlowRunResponse))
    base = {"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"}
    assert validator.is_valid({**base, "state": None, "parent_task_run_id": None})
    for field in ("flow_id", "run_count", "tags", "parameters", "empirical_policy", "name"):
        assert not validator.is_valid({**base, field: None}), field


def test_schema_rejects_what_we_reject() -> None:
    validator = jsonschema.Draft7Validator(responses.json_schema(responses.FlowRunResponse))
    assert not validator.is_valid({"name": "x"})  # flow_id is required
    assert not validator.is_valid({"flow_id": "x", "state_type": "completed"})


ALL_MODELS = [*{*ROUTE_FILES.values(), *FILTER_FILES.values()}]


@pytest.mark.parametrize(("version", "spelled"), [("3.0", "3.0.3"), ("3.1", "3.1.0")])
def test_openapi_components_are_valid_documents(version: str, spelled: str) -> None:
    spec_validator = pytest.importorskip("openapi_spec_validator")
    schema_validator = pytest.importorskip("openapi_schema_validator")
    components = responses.openapi_components(*ALL_MODELS, openapi=version)  # type: ignore[arg-type]
    schemas = components["schemas"]
    assert {"FlowRunResponse", "OrchestrationResult", "State", "StateType"} <= set(schemas)
    text = json.dumps(components)
    assert "#/definitions/" not in text
    assert '"#/components/schemas/State"' in text
    assert ('"nullable": true' in text) is (version == "3.0")
    assert ('{"type": "null"}' in text) is (version == "3.1")
    document = {
        "openapi": spelled,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": components,
    }
    spec_validator.validate(document)
    validator_class = (
        schema_validator.OAS30Validator if version == "3.0" else schema_validator.OAS31Validator
    )
    for name, cl in sorted({**ROUTE_FILES, **FILTER_FILES}.items()):
        root = {"$ref": f"#/components/schemas/{cl.__name__}", "components": components}
        validator = validator_class(root)
        for value in load_fixture(name)[:40]:
            validator.validate(value)
        assert not validator.is_valid([]), name


def test_openapi_version_is_checked() -> None:
    with pytest.raises(ValueError, match="openapi must be"):
        responses.openapi_components(responses.State, openapi="2.0")  # type: ignore[arg-type]
