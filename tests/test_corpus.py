"""The corpus made by Prefect 2.20.27 round-trips byte for byte, with both backends."""

from __future__ import annotations

import json
from typing import Any

import pytest

import responses

from .conftest import (
    FILTER_FILES,
    FIXTURES,
    ROUTE_FILES,
    load_fixture,
    route_encode,
    sort_pause_keys,
)


def _objects(name: str) -> list[Any]:
    objects = load_fixture(name)
    assert isinstance(objects, list)
    assert objects
    return objects


def test_fixture_files_match_manifest() -> None:
    manifest = json.loads((FIXTURES / "MANIFEST.json").read_text())
    listed = json.dumps(manifest)
    for name in [*ROUTE_FILES, *FILTER_FILES]:
        assert name in listed


@pytest.mark.parametrize("name", sorted(ROUTE_FILES))
def test_route_files_round_trip_with_stdlib_backend(name: str) -> None:
    cl = ROUTE_FILES[name]
    for index, value in enumerate(_objects(name)):
        wire = route_encode(value)
        model = responses.loads(wire, cl, backend="json")
        assert isinstance(model, cl)
        out = responses.dumps(model, backend="json")
        if out != wire:
            # Only the order of a set may differ.
            assert sort_pause_keys(json.loads(out)) == sort_pause_keys(value), index
            assert route_encode(sort_pause_keys(json.loads(out))) == route_encode(
                sort_pause_keys(value)
            ), index


@pytest.mark.parametrize("name", sorted(ROUTE_FILES))
def test_route_files_whole_file_round_trips(name: str) -> None:
    cl = ROUTE_FILES[name]
    wire = (FIXTURES / name).read_bytes()
    models = responses.loads(wire, list[cl], backend="json")
    out = responses.dumps(models, backend="json")
    if "pause_keys" not in wire.decode():
        assert out == wire
    else:
        assert sort_pause_keys(json.loads(out)) == sort_pause_keys(json.loads(wire))


def test_filter_file_whole_list(orjson: Any) -> None:
    wire = (FIXTURES / "flow_run_response_filter.json").read_bytes()
    models = responses.loads(wire, list[responses.FlowRunResponse], backend="orjson")
    out = responses.dumps(models, backend="orjson")
    assert sort_pause_keys(orjson.loads(out)) == sort_pause_keys(orjson.loads(wire))


@pytest.mark.parametrize("name", sorted(ROUTE_FILES))
def test_backends_agree_on_json_values(name: str, orjson: Any) -> None:
    cl = ROUTE_FILES[name]
    wire = (FIXTURES / name).read_bytes()
    by_json = responses.loads(wire, list[cl], backend="json")
    by_orjson = responses.loads(wire, list[cl], backend="orjson")
    assert by_json == by_orjson
    assert orjson.loads(responses.dumps(by_json, backend="orjson")) == json.loads(
        responses.dumps(by_orjson, backend="json")
    )


def test_route_and_filter_files_hold_the_same_runs() -> None:
    route = responses.loads(
        (FIXTURES / "flow_run_response.json").read_bytes(), list[responses.FlowRunResponse]
    )
    filtered = responses.loads(
        (FIXTURES / "flow_run_response_filter.json").read_bytes(),
        list[responses.FlowRunResponse],
    )
    assert route == filtered


@pytest.mark.parametrize("name", sorted(ROUTE_FILES))
def test_structure_unstructure_round_trip(name: str) -> None:
    cl = ROUTE_FILES[name]
    for value in _objects(name):
        model = responses.structure(value, cl)
        assert sort_pause_keys(responses.unstructure(model)) == sort_pause_keys(value)
        assert responses.structure(responses.unstructure(model), cl) == model


@pytest.mark.parametrize("name", sorted({**ROUTE_FILES, **FILTER_FILES}))
def test_files_round_trip_with_orjson_backend(name: str, orjson: Any) -> None:
    """Each object as orjson spells it (the filter file's own encoding; for route files
    the same values, floats spelled orjson's way) comes back as orjson spells it."""
    cl = {**ROUTE_FILES, **FILTER_FILES}[name]
    for index, value in enumerate(_objects(name)):
        wire = orjson.dumps(value)
        out = responses.dumps(responses.loads(wire, cl, backend="orjson"), backend="orjson")
        if out != wire:
            assert orjson.dumps(sort_pause_keys(orjson.loads(out))) == orjson.dumps(
                sort_pause_keys(value)
            ), index


def test_corpus_counts() -> None:
    """Every object of every model file is covered (the closing note quotes these counts)."""
    counts = {name: len(_objects(name)) for name in [*ROUTE_FILES, *FILTER_FILES]}
    assert counts["flow_run_response.json"] == 200
    assert counts["deployment_response.json"] == 50
    assert sum(counts.values()) == 2350
