"""Property tests: every model round-trips through both backends and both APIs."""

from __future__ import annotations

import copy
import json
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import responses

from .conftest import sort_pause_keys
from .strategies import MODELS, model

orjson = pytest.importorskip("orjson")

HASHABLE = {m for m in MODELS if getattr(m, "__hash__", None) is not None}


@given(data=st.data())
def test_every_public_model_has_a_strategy(data: st.DataObject) -> None:
    assert len(MODELS) == 27
    for cl in MODELS:
        assert isinstance(data.draw(model(cl)), cl)


@pytest.mark.parametrize("cl", MODELS, ids=lambda c: c.__name__)
@given(data=st.data())
def test_round_trips(cl: type, data: st.DataObject) -> None:
    obj = data.draw(model(cl))
    for backend in ("json", "orjson"):
        again = responses.loads(responses.dumps(obj, backend=backend), cl, backend=backend)
        assert again == obj
        # (pause_keys is a set: its order is arbitrary)
        assert sort_pause_keys(responses.unstructure(again)) == sort_pause_keys(
            responses.unstructure(obj)
        )
    assert responses.structure(responses.unstructure(obj), cl) == obj
    by_json = json.loads(responses.dumps(obj, backend="json"))
    by_orjson = orjson.loads(responses.dumps(obj, backend="orjson"))
    assert sort_pause_keys(by_json) == sort_pause_keys(by_orjson)


@pytest.mark.parametrize("cl", MODELS, ids=lambda c: c.__name__)
@given(data=st.data())
def test_equality_hashing_copies_and_immutability(cl: type, data: st.DataObject) -> None:
    obj = data.draw(model(cl))
    same = responses.loads(responses.dumps(obj), cl)
    assert same == obj
    assert not (same != obj)
    if cl in HASHABLE:
        assert hash(same) == hash(obj)
    else:
        with pytest.raises(TypeError):
            hash(obj)
    for clone in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
        assert clone == obj
    name = attrs.fields(cl)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, name, getattr(obj, name))


def test_which_models_are_hashable() -> None:
    names = sorted(m.__name__ for m in HASHABLE)
    assert "FlowRunResponse" not in names
    assert "State" in names
    assert "StateWaitDetails" in names
