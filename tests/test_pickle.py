"""Converters pickle by their recipe: settings and the hooks registered since
construction, replayed on unpickling (issue 22). The spawned workers are in
test_parallel.py; here everything stays in one process."""

from __future__ import annotations

import copy
import json
import pickle
import threading
from typing import Any

import pytest

import responses
from responses import (
    FlowRunPolicy,
    FlowRunResponse,
    ResponsesConverter,
    StateType,
    ValidationError,
)

from .conftest import AVAILABLE_BACKENDS
from .parallel_helpers import LIVE, PAGES, custom_converter, describe, shout, verdict

PAGE = (LIVE / PAGES[0]).read_bytes()
_RUN = json.loads(PAGE)[0]  # a whole run: no random defaults to tell results apart
EXTRA_KEY = json.dumps([{**_RUN, "surprise": 1}]).encode()
BAD_STATE = json.dumps([{**_RUN, "state_type": "NOPE"}]).encode()
SMALL_RUN = json.dumps(
    {"id": _RUN["id"], "flow_id": _RUN["flow_id"], "name": "keen", "state_type": "running"}
    | {"parameters": {"a": 1, "b": 2}, "empirical_policy": {}}
).encode()
PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def _cloudpickle() -> Any:
    return pytest.importorskip("cloudpickle")


# --- module-level hooks: importable by name, so the standard pickler takes them ----------


def state_type_lower(value: Any, _: Any) -> StateType:
    return StateType(str(value).upper())


def unstructure_state_type(value: StateType) -> str:
    return value.value.lower()


def is_policy(tp: Any) -> bool:
    return tp is FlowRunPolicy


def structure_policy(value: Any, _: Any) -> FlowRunPolicy:
    return FlowRunPolicy(retries=7)


def unstructure_policy(value: FlowRunPolicy) -> dict[str, Any]:
    return {"retries": value.retries}


def is_parameters(tp: Any) -> bool:
    return tp == dict[str, Any]


def parameters_factory(_: Any) -> Any:
    return lambda value, _: {"count": len(value)}


def unstructure_parameters_factory(_: Any) -> Any:
    return lambda value: sorted(value)


def fallback(tp: Any) -> Any:
    raise TypeError(f"no hook for {tp!r}")


class MyConverter(ResponsesConverter):
    __slots__ = ()


def every_kind_of_hook(base: ResponsesConverter) -> ResponsesConverter:
    """A copy with one registration of each of cattrs' six kinds, two by decorator."""
    mine = base.copy()
    mine.register_structure_hook(str, shout)
    mine.register_structure_hook(StateType, state_type_lower)
    mine.register_structure_hook_func(is_policy, structure_policy)
    mine.register_structure_hook_factory(is_parameters)(parameters_factory)  # decorator
    mine.register_unstructure_hook(StateType, unstructure_state_type)
    mine.register_unstructure_hook_func(is_policy, unstructure_policy)
    mine.register_unstructure_hook_factory(is_parameters, unstructure_parameters_factory)
    return mine


def results(converter: ResponsesConverter) -> list[Any]:
    """Verdicts, values and bytes of a converter on valid and invalid input."""
    runs = converter.loads(PAGE, list[FlowRunResponse])
    return [
        runs,
        converter.dumps(runs),
        converter.dumps(runs, backend="json"),
        converter.unstructure(runs[0]),
        verdict(converter, EXTRA_KEY),
        verdict(converter, BAD_STATE),
        verdict(converter, b'[{"flow_id": 5}]'),
    ]


# --- the default converter: a reference to the module global -----------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_default_converter_pickles_as_a_reference(protocol: int) -> None:
    data = pickle.dumps(responses.converter, protocol)
    assert pickle.loads(data) is responses.converter
    assert len(data) < 100  # a name, not a recipe
    assert copy.copy(responses.converter) is not responses.converter  # copy() is a copy
    cloudpickle = _cloudpickle()
    assert cloudpickle.loads(cloudpickle.dumps(responses.converter)) is responses.converter


def test_a_copy_of_the_default_pickles_by_recipe() -> None:
    copied = responses.converter.copy()
    restored = pickle.loads(pickle.dumps(copied))
    assert restored is not responses.converter
    assert describe(restored) == {**describe(copied), "is_default": False}
    assert results(restored) == results(responses.converter)


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", AVAILABLE_BACKENDS)
def test_settings_survive(backend: str) -> None:
    made = responses.make_converter(backend=backend, forbid_extra_keys=True, gc_pause=True)
    copied = responses.converter.copy(backend=backend, forbid_extra_keys=True, gc_pause=True)
    for converter in (made, copied):
        restored = pickle.loads(pickle.dumps(converter))
        assert describe(restored) == describe(converter)
        assert verdict(restored, EXTRA_KEY)[0] == "invalid"
        assert results(restored) == results(converter)


def test_cattrs_options_survive() -> None:
    # by the name at call time: test_isolation reloads the package's modules
    mine = responses.ResponsesConverter(
        forbid_extra_keys=True, detailed_validation=True, structure_fallback_factory=fallback
    )
    mine.forbid_extra_keys = False  # set on the object after construction: kept too
    restored = pickle.loads(pickle.dumps(mine))
    assert restored._init_options["structure_fallback_factory"] is fallback
    assert restored.forbid_extra_keys is False
    assert results(restored) == results(mine)
    with pytest.raises(TypeError, match="no hook for"):
        restored.structure(1, complex)


def test_a_subclass_stays_itself() -> None:
    mine = MyConverter(backend="json")
    mine.register_structure_hook(str, shout)
    restored = pickle.loads(pickle.dumps(mine))
    assert type(restored) is MyConverter
    assert results(restored) == results(mine)


# --- registrations ---------------------------------------------------------------------


def test_every_kind_of_registration_is_replayed() -> None:
    mine = every_kind_of_hook(responses.converter)
    assert [method for method, _, _ in mine._registrations] == [
        "register_structure_hook",
        "register_structure_hook",
        "register_structure_hook_func",
        "register_structure_hook_factory",
        "register_unstructure_hook",
        "register_unstructure_hook_func",
        "register_unstructure_hook_factory",
    ]
    for protocol in PROTOCOLS:
        restored = pickle.loads(pickle.dumps(mine, protocol))
        assert restored._registrations == mine._registrations
        assert results(restored) == results(mine)
    # the hooks are in force, in the restored converter too
    run = mine.loads(SMALL_RUN, FlowRunResponse)
    again = pickle.loads(pickle.dumps(mine))
    assert again.loads(SMALL_RUN, FlowRunResponse) == run
    assert (run.name, run.state_type) == ("KEEN", StateType.RUNNING)
    assert (run.empirical_policy.retries, run.parameters) == (7, {"count": 2})
    out = again.unstructure(run)
    assert out["state_type"] == "running"
    assert out["empirical_policy"] == {"retries": 7}
    assert out["parameters"] == ["count"]


def test_only_registrations_after_construction_are_recorded() -> None:
    assert responses.make_converter()._registrations == []
    assert ResponsesConverter()._registrations == []
    base = responses.converter.copy()
    base.register_structure_hook(str, shout)
    child = base.copy()
    child.register_structure_hook_func(is_policy, structure_policy)
    assert len(base._registrations) == 1  # a copy's registrations stay its own
    assert len(child._registrations) == 2
    assert results(pickle.loads(pickle.dumps(child))) == results(child)
    assert results(pickle.loads(pickle.dumps(base))) == results(base)
    assert results(copy.copy(child)) == results(child)
    assert results(copy.deepcopy(child)) == results(child)


def test_one_converter_twice_in_a_pickle_is_one_object() -> None:
    mine = custom_converter()
    first, second = pickle.loads(pickle.dumps([mine, mine]))
    assert first is second


def test_a_restored_converter_pickles_again() -> None:
    mine = every_kind_of_hook(responses.converter.copy(forbid_extra_keys=True))
    twice = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(mine))))
    assert twice._registrations == mine._registrations
    assert results(twice) == results(mine)


# --- hooks that cannot be pickled: named ----------------------------------------------------


def test_a_lambda_is_named_by_the_standard_pickler() -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(str, lambda value, _: str(value))
    with pytest.raises(pickle.PicklingError) as info:
        pickle.dumps(mine)
    message = str(info.value)
    assert "test_a_lambda_is_named_by_the_standard_pickler.<locals>.<lambda>" in message
    assert "register_structure_hook(builtins.str, " in message
    assert "module level" in message


def test_a_local_predicate_is_named() -> None:
    def local_predicate(tp: Any) -> bool:
        return tp is int

    mine = responses.converter.copy()
    mine.register_unstructure_hook_func(local_predicate, int)
    with pytest.raises(pickle.PicklingError, match=r"local_predicate, registered by "):
        pickle.dumps(mine)


def test_cloudpickle_takes_lambdas_and_names_what_it_cannot_take() -> None:
    cloudpickle = _cloudpickle()
    mine = responses.converter.copy()
    mine.register_structure_hook(str, lambda value, _: str(value).upper())
    restored = cloudpickle.loads(cloudpickle.dumps(mine))
    assert results(restored) == results(mine)
    assert restored.loads(PAGE, list[FlowRunResponse])[0].name == _RUN["name"].upper()

    lock = threading.Lock()

    def locked(value: Any, _: Any) -> str:
        with lock:
            return str(value)

    mine.register_structure_hook(str, locked)
    with pytest.raises(pickle.PicklingError) as info:
        cloudpickle.dumps(mine)
    assert "locked, registered by register_structure_hook(" in str(info.value)
    assert "cloudpickle" in str(info.value)


def test_validation_errors_still_pickle() -> None:
    restored = pickle.loads(pickle.dumps(custom_converter()))
    with pytest.raises(ValidationError) as info:
        restored.loads(BAD_STATE, list[FlowRunResponse])
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)
