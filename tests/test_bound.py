"""A decoder and an encoder bound to a type give exactly what loads and dumps give."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responses
from responses import FlowRunResponse, ValidationError

from .conftest import AVAILABLE_BACKENDS
from .strategies import json_paths

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
RUNS = json.loads((LIVE / "flow_runs_filter_page1.json").read_bytes())
_KEPT = ("id", "name")  # missing, they are made afresh on each read


def _outcome(read: Any) -> Any:
    try:
        value = read()
    except ValidationError as exc:
        return [(e.path, e.message) for e in exc.errors]
    values = value if isinstance(value, list) else [value]
    return [responses.unstructure(v) for v in values]


def _comparable(outcome: Any) -> Any:
    if outcome and isinstance(outcome[0], dict):
        return [_without_fresh_values(run) for run in outcome]
    return outcome


def _without_fresh_values(run: dict[str, Any]) -> dict[str, Any]:
    """The run without what each read makes afresh: ids and names when missing, and a
    scheduled state's time when its details lack one (the time of reading)."""
    run = {k: v for k, v in run.items() if k not in _KEPT}
    state = run.get("state")
    if isinstance(state, dict) and state.get("type") == "SCHEDULED":
        details = {**state["state_details"], "scheduled_time": None}
        run["state"] = {**state, "state_details": details}
    return run


@pytest.mark.parametrize("backend", AVAILABLE_BACKENDS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_decoders_and_encoders_agree_with_loads_and_dumps(
    backend: str, data: st.DataObject
) -> None:
    runs = [copy.deepcopy(RUNS[i]) for i in data.draw(st.lists(st.integers(0, 199), max_size=4))]
    if runs:
        target = runs[data.draw(st.integers(0, len(runs) - 1))]
        path = data.draw(st.sampled_from(json_paths(target)))
        if path:
            place = target
            for key in path[:-1]:
                place = place[key]
            place[path[-1]] = data.draw(st.sampled_from([None, 1, "x", [], {}, 2**70, 1e-7]))
    page = json.dumps(runs).encode()
    for cl, body in (
        (list[FlowRunResponse], page),
        (FlowRunResponse, json.dumps(runs[:1] and runs[0])),
    ):
        decoder = responses.converter.decoder(cl, backend=backend)  # type: ignore[arg-type]
        got = _outcome(lambda decoder=decoder, body=body: decoder.decode(body))
        expected = _outcome(lambda body=body, cl=cl: responses.loads(body, cl, backend=backend))  # type: ignore[arg-type]
        assert _comparable(got) == _comparable(expected)
    try:
        objects = responses.loads(page, list[FlowRunResponse])
    except ValidationError:
        return
    for cl, value in ((list[FlowRunResponse], objects), *((FlowRunResponse, o) for o in objects)):
        encoder = responses.converter.encoder(cl, backend=backend)  # type: ignore[arg-type]
        assert encoder.encode(value) == responses.dumps(value, backend=backend)  # type: ignore[arg-type]


def test_a_decoder_keeps_the_hooks_it_was_made_with() -> None:
    mine = responses.converter.copy()
    decoder = mine.decoder(responses.State)
    mine.register_structure_hook(str, lambda value, _: "changed")
    assert decoder.decode(b'{"type": "RUNNING", "name": "x"}').name == "x"
    assert (
        mine.decoder(responses.State).decode(b'{"type": "RUNNING", "name": "x"}').name == "changed"
    )
    assert repr(decoder).startswith("Decoder(State")
