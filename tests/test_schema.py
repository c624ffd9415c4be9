"""Our JSON Schema against Prefect's, and every corpus object against our schema."""

from __future__ import annotations

import json
from typing import Any

import pytest

import responses

from .conftest import FILTER_FILES, FIXTURES, ROUTE_FILES, load_fixture

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
    """Structure only: no titles, descriptions or examples; ``allOf: [$ref]`` is ``$ref``."""
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
        # Prefect's schemas leave out null for optional fields: drop nulls to check them
        validator.validate(_without_nulls(value))


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_schema_rejects_what_we_reject() -> None:
    validator = jsonschema.Draft7Validator(responses.json_schema(responses.FlowRunResponse))
    assert not validator.is_valid({"name": "x"})  # flow_id is required
    assert not validator.is_valid({"flow_id": "x", "state_type": "completed"})


def test_openapi_components() -> None:
    components = responses.openapi_components(
        responses.FlowRunResponse, responses.OrchestrationResult
    )
    schemas = components["schemas"]
    assert {"FlowRunResponse", "OrchestrationResult", "State", "StateType"} <= set(schemas)
    text = json.dumps(components)
    assert "#/definitions/" not in text
    assert '"#/components/schemas/State"' in text
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": components,
    }
    json.dumps(document)
