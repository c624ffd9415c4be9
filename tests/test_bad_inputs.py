"""Prefect's verdict on 70 malformed payloads, held against our input contract.

Accepted by Prefect: we accept with the same value, or reject (a stricter policy,
listed in STRICTER with the reason). Rejected by Prefect: we reject.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import responses

from .conftest import load_fixture

CASES: list[dict[str, Any]] = load_fixture("bad_inputs.json")

# Payloads Prefect accepts that we reject on purpose, by the note of the case.
STRICTER = {
    "details without a type tag (union tries accept first)": "the details union is "
    "dispatched on its tag; a missing tag names the allowed tags",
}


def _drop(value: Any, path: list[Any] | str) -> None:
    keys = path.split(".") if isinstance(path, str) else list(path)
    for key in keys[:-1]:
        value = value[key]
    if isinstance(value, dict):
        value.pop(keys[-1], None)


def _without_volatile(value: Any, paths: list[Any]) -> Any:
    value = copy.deepcopy(value)
    for path in paths:
        _drop(value, path)
    return value


def test_table_has_seventy_cases() -> None:
    assert len(CASES) == 70


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['model']}: {c.get('note', '')}")
def test_bad_input_contract(case: dict[str, Any]) -> None:
    cl = getattr(responses, case["model"])
    wire = json.dumps(case["payload"])
    if not case["prefect_accepts"]:
        with pytest.raises(responses.ValidationError) as caught:
            responses.loads(wire, cl)
        assert caught.value.errors
        for error in caught.value.errors:
            assert error.path.startswith("$")
            assert error.message
        return
    if case.get("note") in STRICTER:
        with pytest.raises(responses.ValidationError):
            responses.loads(wire, cl)
        return
    model = responses.loads(wire, cl)
    ours = json.loads(responses.dumps(model, backend="json"))
    volatile = case.get("volatile_paths") or []
    assert _without_volatile(ours, volatile) == _without_volatile(case["prefect_value"], volatile)


def test_rejection_paths_name_the_field() -> None:
    paths = set()
    for case in CASES:
        if case["prefect_accepts"] or case["prefect_error"]["exception"] != "ValidationError":
            continue
        with pytest.raises(responses.ValidationError) as caught:
            responses.structure(case["payload"], getattr(responses, case["model"]))
        prefect_locs = {
            "$" + "".join(f".{part}" for part in error["loc"] if part != "__root__")
            for error in case["prefect_error"]["errors"]
        }
        ours = {error.path for error in caught.value.errors}
        # every path we report is one Prefect reports too (Prefect lists union members apart)
        assert ours & prefect_locs or any(p.startswith(tuple(prefect_locs)) for p in ours), (
            ours,
            prefect_locs,
        )
        paths |= ours
    assert "$.state.state_details.flow_run_id" in paths
