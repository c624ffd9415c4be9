"""One cutter for every way a list comes in: ``loads`` of any size and ``iter_loads``
in any chunking give exactly the verdicts and values (errors and their paths
included) of decoding the whole document at once and structuring its items."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import responses
import responses._pieces
from responses import FlowRunResponse, ValidationError
from responses._codecs import as_bytes
from responses._errors import MAX_ERRORS
from responses._pieces import ReadBuffer, array_pieces

from .conftest import FILTER_FILES, FIXTURES, ROUTE_FILES
from .strategies import json_paths

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = (LIVE / "flow_runs_filter_page1.json").read_bytes()
RUNS = json.loads(PAGE)
BACKENDS = ["json", "orjson"]
FILES = {**ROUTE_FILES, **FILTER_FILES}


@contextlib.contextmanager
def _pieces_of(size: int | None) -> Iterator[None]:
    """Pieces of about ``size`` bytes (None: as the library sizes them)."""
    module = responses._pieces
    saved = module.PIECE_BYTES, module._WINDOW
    if size is not None:
        module.PIECE_BYTES, module._WINDOW = size, 2 * size  # type: ignore[misc]
    try:
        yield
    finally:
        module.PIECE_BYTES, module._WINDOW = saved  # type: ignore[misc]


def _whole(body: bytes | str, cl: Any, backend: str) -> Any:
    """The reference: the whole document decoded at once, its items structured."""
    codec = responses.converter._codec(backend)
    try:
        value = codec.decode(as_bytes(body))[0]
    except ValidationError:
        return "invalid"
    if not isinstance(value, list):
        return "invalid"
    try:
        return responses.structure(value, list[cl])
    except ValidationError as exc:
        return [(e.path, e.message) for e in exc.errors], exc.truncated


def _outcome(body: bytes | str, cl: Any, backend: str, *, pieces: int | None) -> Any:
    with _pieces_of(pieces):
        try:
            return responses.loads(body, list[cl], backend=backend)  # type: ignore[arg-type]
        except ValidationError as exc:
            if not exc.errors[0].segments:  # the document itself
                return "invalid"
            return [(e.path, e.message) for e in exc.errors], exc.truncated


def _streamed(body: bytes, cl: Any, backend: str, *, pieces: int | None, chunk: int) -> Any:
    """iter_loads of ``body`` in chunks of ``chunk`` bytes, collecting every error."""
    with _pieces_of(pieces):
        chunks = [body[i : i + chunk] for i in range(0, len(body), chunk)]
        got = []
        try:
            for item in responses.iter_loads(chunks, cl, backend=backend, errors="collect"):  # type: ignore[arg-type]
                got.append(item)
        except ValidationError as exc:
            if any(not e.segments for e in exc.errors):
                return "invalid"
            return [(e.path, e.message) for e in exc.errors], exc.truncated
        return got


def _agree(
    body: bytes,
    cl: Any,
    backend: str,
    sizes: tuple[int | None, ...] = (None, 1, 700, 5000),
    chunks: tuple[int, ...] = (4099,),
    *,
    seen: Any = lambda outcome: outcome,
) -> Any:
    """loads and iter_loads, in pieces of each size and chunks of each length, give
    what the whole document gives. Outcomes are compared as ``seen`` shows them."""
    whole = seen(_whole(body, cl, backend))
    for size in sizes:
        assert seen(_outcome(body, cl, backend, pieces=size)) == whole, size
        for chunk in (len(body) or 1, *chunks):
            streamed = _streamed(body, cl, backend, pieces=size, chunk=chunk)
            assert seen(streamed) == whole, (size, chunk)
    return whole


_GENERATED = {"id", "name"}  # missing, they get a fresh uuid4 or random name
_GENERATED_IN_STATE = {"id", "timestamp"}  # a fresh uuid4, the time of reading


def _generates_defaults(body: bytes) -> bool:
    """Whether a run in ``body`` lacks a field whose default differs on every read
    (a scheduled state without its scheduled time gets the time of reading too)."""
    try:
        runs = json.loads(body)
    except ValueError:
        return False
    if not isinstance(runs, list):
        return False
    for run in runs:
        if not isinstance(run, dict):
            continue
        if not run.keys() >= _GENERATED:
            return True
        state = run.get("state")
        if not isinstance(state, dict):
            continue
        details = state.get("state_details")
        if not state.keys() >= _GENERATED_IN_STATE or (
            state.get("type") == "SCHEDULED"
            and (not isinstance(details, dict) or details.get("scheduled_time") is None)
        ):
            return True
    return False


def _count_or_errors(outcome: Any) -> Any:
    return len(outcome) if isinstance(outcome, list) else outcome


def _pieces(body: bytes, backend: str, size: int | None = None) -> list[int]:
    """How many items each piece of ``body`` holds."""
    with _pieces_of(size):
        codec = responses.converter._codec(backend)
        return [len(items) for items, _ in array_pieces(ReadBuffer(body), codec)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_pieces_equal_the_whole_document_on_the_corpus(name: str, backend: str) -> None:
    pytest.importorskip(backend)
    _agree((FIXTURES / name).read_bytes(), FILES[name], backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_streams_decode_many_items_at_once(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip(backend)
    codec = type(responses.converter._codec(backend))
    decodes = []
    original = codec.decode

    def counting(self: Any, data: Any) -> Any:
        decodes.append(len(data))
        return original(self, data)

    monkeypatch.setattr(codec, "decode", counting)
    body = json.dumps(RUNS * 3).encode()
    got = list(responses.iter_loads(io.BytesIO(body), FlowRunResponse, backend=backend))  # type: ignore[arg-type]
    assert len(got) == 600
    assert len(decodes) < 60  # pieces of ~15 runs
    assert sum(decodes) < 1.01 * len(body)  # every byte decoded once
    assert got == responses.loads(body, list[FlowRunResponse])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_real_page_is_cut_into_trusted_pieces_at_runs(backend: str) -> None:
    pytest.importorskip(backend)
    codec = responses.converter._codec(backend)
    pieces = list(array_pieces(ReadBuffer(PAGE), codec))
    assert sum(len(items) for items, _ in pieces) == 200
    assert 5 < len(pieces) < 40
    assert all(trusted for _, trusted in pieces)  # each within MAX_NESTING brackets
    assert _pieces(PAGE, backend, 1) == [1] * 200
    assert len(_agree(PAGE, FlowRunResponse, backend)) == 200
    pretty = json.dumps(RUNS, indent=2).encode()
    assert sum(_pieces(pretty, backend, 1)) == 200
    _agree(pretty, FlowRunResponse, backend)


NESTED_LOOKALIKES: list[Any] = [
    {"x": [{"id": 1}, {"id": 2}, {"id": 3}]},  # objects inside an item begin with "id" too
    {"s": '},{"id":"x"}'},  # a cut inside a string
    {"s": '}, {"id": 1}]'},
    {"deep": [[{"id": [{"id": {}}]}, {"id": None}]]},
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("parameters", NESTED_LOOKALIKES)
def test_cuts_inside_items_and_strings_are_not_taken(backend: str, parameters: Any) -> None:
    pytest.importorskip(backend)
    runs = [{**run, "parameters": parameters} for run in RUNS[:12]]
    body = json.dumps(runs).encode()
    got = _agree(body, FlowRunResponse, backend)
    assert [run.parameters for run in got] == [parameters] * 12


@pytest.mark.parametrize("backend", BACKENDS)
def test_false_cuts_are_read_item_by_item(backend: str) -> None:
    pytest.importorskip(backend)
    runs = [{**run, "parameters": {"x": [{"id": i} for i in range(50)]}} for run in RUNS[:30]]
    body = json.dumps(runs).encode()
    assert sum(_pieces(body, backend)) == 30
    _agree(body, FlowRunResponse, backend)


BROKEN = [
    lambda b: b[:-1],  # not closed
    lambda b: b[1:],  # not opened
    lambda b: b + b"x",  # data after the array
    lambda b: b.replace(b'},{"id"', b'}{"id"', 1),  # a missing comma
    lambda b: b.replace(b'},{"id"', b'},,{"id"', 1),
    lambda b: b[: len(b) // 2] + b"\xff" + b[len(b) // 2 :],  # not UTF-8
    lambda b: b.replace(b'"id"', b'"id', 1),
    lambda b: b.replace(b"[", b"[ ", 1).replace(b"]", b"]]", 1),
    lambda b: b" \n" + b + b" \n",  # fine: whitespace around
    lambda b: b.replace(b"null", b'"\\ud800"', 1),  # a lone surrogate escape
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("index", range(len(BROKEN)))
def test_broken_documents_get_the_whole_document_verdict(backend: str, index: int) -> None:
    pytest.importorskip(backend)
    _agree(BROKEN[index](PAGE), FlowRunResponse, backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_errors_across_pieces_keep_their_index_and_the_limit(backend: str) -> None:
    pytest.importorskip(backend)
    bad = [{**run, "run_count": "many", "state_type": "NOPE"} for run in RUNS]
    errors, truncated = _agree(json.dumps(bad).encode(), FlowRunResponse, backend)
    assert errors[0][0].startswith("$[0].")
    assert truncated and len(errors) == MAX_ERRORS
    some = [{**run, "run_count": "many"} if i % 37 == 5 else run for i, run in enumerate(RUNS)]
    errors, truncated = _agree(json.dumps(some).encode(), FlowRunResponse, backend)
    assert [path for path, _ in errors] == [f"$[{i}].run_count" for i in range(5, 200, 37)]
    assert not truncated


_VALUES = st.sampled_from(
    [None, 1, -(2**70), 2**64, 1.5, "", "x", "\u2028", "\ud800", [], {}, {"id": 1},
     [{"id": 2}, {"id": 3}], "},{\"id\":", "2024-05-01T00:00:00+00:00", "RUNNING", True]
)  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
@given(
    st.lists(st.sampled_from(range(len(RUNS))), min_size=1, max_size=8),
    st.data(),
    _VALUES,
    st.integers(1, 6000),
    st.booleans(),
)
def test_pieces_agree_with_the_whole_document(
    backend: str, picks: list[int], data: st.DataObject, new: Any, size: int, ascii_only: bool
) -> None:
    """Mutated real runs, any piece size, both encodings of non-ASCII text."""
    pytest.importorskip(backend)
    runs = [copy.deepcopy(RUNS[i]) for i in picks]
    target = data.draw(st.sampled_from(range(len(runs))))
    path = data.draw(st.sampled_from(json_paths(runs[target])))
    place: Any = runs[target]
    for key in path[:-1]:
        place = place[key]
    if path:
        place[path[-1]] = new
    body = json.dumps(runs, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    cut = data.draw(st.integers(0, len(body)))
    if data.draw(st.booleans()):  # sometimes a byte goes missing or is doubled
        body = body[:cut] + body[cut + 1 :] if data.draw(st.booleans()) else body[:cut] * 2
    # a key the mutation renamed may leave a field to a fresh default on each read
    seen = _count_or_errors if _generates_defaults(body) else (lambda outcome: outcome)
    _agree(body, FlowRunResponse, backend, sizes=(size,), seen=seen)
