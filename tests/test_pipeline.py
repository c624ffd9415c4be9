"""One read pipeline: the findings of the architecture review, each a test.

Every JSON-to-model path (``loads``, ``iter_loads`` in any chunking, ``structure``,
the CLI) goes through one cutter, one reader, one set of generated functions: the
same verdicts and values, linear time, bounded memory, no crash on any input.
"""

from __future__ import annotations

import io
import json
import linecache
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responses
import responses._pieces
from responses import FlowRunResponse, StateType, ValidationError
from responses._pieces import ReadBuffer

from .conftest import AVAILABLE_BACKENDS

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = (LIVE / "flow_runs_filter_page1.json").read_bytes()
RUNS = json.loads(PAGE)
FLOW = "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"
ROOT = Path(__file__).parent.parent
BACKENDS = ["json", "orjson"]


def _chunks(body: bytes, size: int) -> Iterator[bytes]:
    return (body[i : i + size] for i in range(0, len(body), size))


def _backend(name: str) -> str:
    pytest.importorskip(name)
    return name


# --- streams are linear and give loads' verdict for any chunking ---------------------


def _big_item_page() -> bytes:
    """Two runs around one whose parameters hold 12 MB: a string, and objects full of
    brackets inside strings (no cut fits in a window)."""
    blob = [{"k": i, "text": "]}{,", "nested": {"a": [1, 2, {"b": "x"}]}} for i in range(20_000)]
    parameters = {"text": "x" * 11_000_000, "blob": blob}
    runs = [RUNS[0], {**RUNS[1], "parameters": parameters}, RUNS[2]]
    return json.dumps(runs).encode()


def _timed(function: Any) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_multi_megabyte_item_in_small_chunks_takes_linear_time(backend: str) -> None:
    """Proven once against a buffer that copied what it held on every chunk (as the
    old one did): 1 KB chunks took 37x as long as 1 MB chunks and this test failed."""
    backend = _backend(backend)
    body = _big_item_page()
    assert len(body) > 12_000_000
    expected = responses.loads(body, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]

    def streamed(size: int) -> list[Any]:
        return list(responses.iter_loads(_chunks(body, size), FlowRunResponse, backend=backend))  # type: ignore[arg-type]

    assert streamed(1024) == expected
    # one run, ratios only
    large = min(_timed(lambda: streamed(1 << 20)) for _ in range(2))
    small = min(_timed(lambda: streamed(1024)) for _ in range(2))
    assert small < 3 * large, (small, large)


def test_one_byte_chunks_of_a_small_page_give_loads_values() -> None:
    body = json.dumps(RUNS[:6], indent=1, ensure_ascii=False).encode()
    expected = responses.loads(body, list[FlowRunResponse])
    assert list(responses.iter_loads(_chunks(body, 1), FlowRunResponse)) == expected
    lines = b"\n".join(json.dumps(run).encode() for run in RUNS[:6])
    assert list(responses.iter_loads(_chunks(lines, 1), FlowRunResponse, lines=True)) == expected


def _id_lookalike_runs(count: int) -> bytes:
    """Runs whose parameters hold lists of objects that begin with "id" (every one a
    false cut for the fast path)."""
    runs = [
        {**RUNS[i % len(RUNS)], "parameters": {"items": [{"id": j, "v": "a"} for j in range(6)]}}
        for i in range(count)
    ]
    return json.dumps(runs).encode()


def test_false_cuts_cost_linear_time_in_streams() -> None:
    body = _id_lookalike_runs(3000)
    expected = responses.loads(body, list[FlowRunResponse])
    streamed = list(responses.iter_loads(_chunks(body, 65536), FlowRunResponse))
    assert streamed == expected
    # was 38 s against 74 ms: every item re-scanned the rest of the buffer
    loads = min(_timed(lambda: responses.loads(body, list[FlowRunResponse])) for _ in range(2))
    stream = min(
        _timed(lambda: list(responses.iter_loads(_chunks(body, 65536), FlowRunResponse)))
        for _ in range(2)
    )
    assert stream < 4 * loads, (stream, loads)


@pytest.mark.parametrize("chunk", [65536, 8192, 4096, 1 << 20])
def test_the_verdict_does_not_depend_on_the_chunking(chunk: int) -> None:
    # chunks ending inside true, null and 1. after failed cuts were refused as not JSON
    body = _id_lookalike_runs(3000)
    assert len(body) > 1_000_000
    expected = responses.loads(body, list[FlowRunResponse])
    assert list(responses.iter_loads(_chunks(body, chunk), FlowRunResponse)) == expected
    assert list(responses.iter_loads(io.BytesIO(body), FlowRunResponse)) == expected


def test_memory_after_the_array_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.dumps(RUNS[:3]).encode() + b" " * (16 << 20)
    held: list[int] = []
    original = ReadBuffer.more

    def more(self: ReadBuffer) -> bool:
        held.append(len(self.data))
        return original(self)

    monkeypatch.setattr(ReadBuffer, "more", more)
    assert len(list(responses.iter_loads(_chunks(body, 65536), FlowRunResponse))) == 3
    assert max(held) < 1 << 20  # read whitespace is dropped as it goes


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_chunking_of_a_mutated_page_gives_loads_verdict_and_values(data: st.DataObject) -> None:
    runs = [dict(RUNS[i]) for i in data.draw(st.lists(st.integers(0, 199), min_size=1, max_size=6))]
    target = data.draw(st.integers(0, len(runs) - 1))
    key = data.draw(st.sampled_from(sorted(runs[target])))
    runs[target][key] = data.draw(
        st.sampled_from([None, 1, "x", [], {}, {"id": 1}, '},{"id":', "\u2028", 2**70, 1.5])
    )
    body = json.dumps(runs).encode()
    if data.draw(st.booleans()):  # a byte lost or doubled
        cut = data.draw(st.integers(0, len(body) - 1))
        body = body[:cut] + body[cut + 1 :] if data.draw(st.booleans()) else body[:cut] * 2
    sizes = data.draw(st.lists(st.integers(1, 3000), min_size=1, max_size=20))

    def chunks() -> Iterator[bytes]:
        position = 0
        for size in sizes * (len(body) // max(sum(sizes), 1) + 1):
            yield body[position : position + size]
            position += size
            if position >= len(body):
                return

    def outcome(read: Any) -> Any:
        try:
            return [responses.unstructure(run) for run in read()]
        except ValidationError as exc:
            if any(not error.segments for error in exc.errors):
                return "invalid"  # the document is not JSON: that verdict wins
            return [error.path for error in exc.errors]

    # fields missing get a fresh id or name on each read: compare what both readers keep
    def comparable(value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(run, dict) for run in value):
            kept = [{k: v for k, v in run.items() if k not in ("id", "name")} for run in value]
            for run in kept:  # a state without its own id or timestamp gets fresh ones
                if isinstance(run.get("state"), dict):
                    run["state"] = {
                        k: v for k, v in run["state"].items() if k not in ("id", "timestamp")
                    }
            return kept
        return value

    whole = outcome(lambda: responses.loads(body, list[FlowRunResponse]))
    streamed = outcome(
        lambda: list(responses.iter_loads(chunks(), FlowRunResponse, errors="collect"))
    )
    assert comparable(streamed) == comparable(whole)


# --- nesting: strings cannot fool the guard, no crash in any thread ----------------------

_GUARD = textwrap.dedent(
    """
    import json, sys, threading
    import responses
    depth, backend, big = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "big"
    # the brackets in strings make it look flat: ["]", ["]", ... "x" ..., "["], "["]
    value = '["]",' * depth + '"x"' + ',"["]' * depth
    count = ',"run_count":10000000000000000000' if big else ""  # orjson hands it to json
    body = (
        '[{"flow_id":"3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"' + count
        + ',"parameters":{"a":' + value + "}}]"
    )
    verdicts = []

    def load():
        for read in (
            lambda: responses.loads(body, list[responses.FlowRunResponse], backend=backend),
            lambda: list(
                responses.iter_loads(body.encode(), responses.FlowRunResponse, backend=backend)
            ),
        ):
            try:
                read()
                verdicts.append("ok")
            except responses.ValidationError as exc:
                verdicts.append(exc.errors[0].message.split(" (at byte")[0])

    threading.stack_size(128 * 1024)
    worker = threading.Thread(target=load)
    worker.start()
    worker.join()
    print(json.dumps(verdicts))
    """
)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("big", ["big", "small"])
@pytest.mark.parametrize("depth", [300, 2000])
def test_brackets_in_strings_cannot_crash_the_reader(backend: str, big: str, depth: int) -> None:
    backend = _backend(backend)
    result = subprocess.run(
        [sys.executable, "-c", _GUARD, str(depth), backend, big],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]  # -11: the interpreter died
    loads, streamed = json.loads(result.stdout)
    assert loads == streamed
    if depth == 2000:
        assert loads == "invalid JSON: nested more than 512 arrays or objects deep"
    else:  # within the document limit, beyond the free-form one
        assert "nested more than 254" in loads


def _recursing(depth: int, function: Any) -> Any:
    return function() if depth == 0 else _recursing(depth - 1, function)


def test_the_verdict_does_not_depend_on_the_callers_stack_depth() -> None:
    value: Any = 1
    for _ in range(200):
        value = [value]
    body = json.dumps({**RUNS[0], "parameters": {"a": value}})
    shallow = responses.loads(body, FlowRunResponse, backend="json")
    deep = _recursing(
        sys.getrecursionlimit() - 150,
        lambda: responses.loads(body, FlowRunResponse, backend="json"),
    )
    assert deep == shallow
    assert responses.structure(json.loads(body), FlowRunResponse) == shallow


@pytest.mark.parametrize("backend", BACKENDS)
def test_deep_unknown_keys_get_one_verdict_from_both_backends(backend: str) -> None:
    backend = _backend(backend)
    for depth, verdict in ((300, None), (600, "nested more than 512")):
        body = '{"flow_id":"' + FLOW + '","extra":' + "[" * depth + "]" * depth + "}"
        document = f"[{body}]".encode()
        readers = (
            lambda body=body: responses.loads(body, FlowRunResponse, backend=backend),  # type: ignore[arg-type]
            lambda document=document: next(
                responses.iter_loads(document, FlowRunResponse, backend=backend)  # type: ignore[arg-type]
            ),
        )
        for read in readers:
            if verdict is None:
                assert read().flow_id.hex == FLOW.replace("-", "")
            else:
                with pytest.raises(ValidationError, match=verdict):
                    read()


def test_free_form_values_nest_as_deep_as_prefect_writes_and_read_back() -> None:
    value: Any = "leaf"
    for _ in range(178):  # a real payload 179 levels deep
        value = {"k": value}
    run = responses.structure({"flow_id": FLOW, "parameters": {"a": value}}, FlowRunResponse)
    for backend in responses.converter._codecs:
        page = responses.dumps([run, run], backend=backend)  # type: ignore[arg-type]
        assert responses.loads(page, list[FlowRunResponse]) == [run, run]


# --- generated code ------------------------------------------------------------------------


def test_linecache_stays_bounded_over_any_number_of_converters() -> None:
    responses.make_converter().structure({"flow_id": FLOW}, FlowRunResponse)
    before = sum(1 for name in linecache.cache if name.startswith("<responses"))
    for _ in range(300):
        copy = responses.converter.copy()
        copy.structure({"flow_id": FLOW}, FlowRunResponse)
        copy.loads(json.dumps([RUNS[0]]), list[FlowRunResponse])
        copy.dumps(RUNS and copy.loads(json.dumps(RUNS[0]), FlowRunResponse))
    after = sum(1 for name in linecache.cache if name.startswith("<responses"))
    assert after <= before + 8  # the trusted and native variants, once


def test_generated_sources_read_by_field_name() -> None:
    from responses._codegen import generated_source

    source = generated_source(responses.converter.get_structure_hook(responses.State))
    assert source is not None
    assert "type = _structure_type(v" in source
    assert "state_details = " in source
    assert "_set_state_details(o, state_details)" in source
    assert "checked" not in source


# --- attrs' and cattrs' promises ------------------------------------------------------------


@attrs.define(slots=False)
class Loose:
    count: int
    label: str = "x"


PRE_INIT_CALLS: list[int] = []


@attrs.define
class WithPreInit:
    count: int

    def __attrs_pre_init__(self) -> None:
        PRE_INIT_CALLS.append(1)


@attrs.define
class Account:
    _balance: int = attrs.field(validator=attrs.validators.ge(0))
    nickname: str = attrs.field(default="", alias="name")
    doubled: int = attrs.field(
        default=attrs.Factory(lambda self: self._balance * 2, takes_self=True)
    )


def test_users_classes_are_built_through_init() -> None:
    assert responses.structure({"count": "3"}, Loose) == Loose(3)
    assert responses.unstructure(Loose(1)) == {"count": 1, "label": "x"}
    PRE_INIT_CALLS.clear()
    assert responses.structure({"count": 2}, WithPreInit) == WithPreInit(2)
    assert PRE_INIT_CALLS == [1, 1]  # ours, then the expected value's
    account = responses.structure({"_balance": 5, "nickname": "n"}, Account)
    assert account == Account(balance=5, name="n")
    assert account.doubled == 10
    with pytest.raises(cattrs.ClassValidationError) as caught:  # cattrs' own, for users' classes
        responses.structure({"_balance": -1}, Account)
    assert "_balance" in str(caught.value.exceptions[0])


@attrs.define
class Options:
    names: list[str]
    count: int = attrs.field(default=0, alias="n")


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ({"omit_if_default": True}, {"names": ["a"]}),
        ({"use_alias": True}, {"names": ["a"], "n": 0}),
        ({"unstruct_collection_overrides": {list: tuple}}, {"names": ("a",), "count": 0}),
        ({"detailed_validation": False}, {"names": ["a"], "count": 0}),
        ({"prefer_attrib_converters": True}, {"names": ["a"], "count": 0}),
    ],
)
def test_cattrs_options_apply_to_users_classes(
    option: dict[str, Any], expected: dict[str, Any]
) -> None:
    # cattrs' machinery builds users' classes' hooks, so cattrs' options hold for them;
    # our models keep Prefect's wire format whatever the options say
    reference = cattrs.Converter(**option).unstructure(Options(["a"]))
    assert reference == expected
    for made in (responses.converter.copy(**option), responses.ResponsesConverter(**option)):
        assert made.unstructure(Options(["a"])) == expected
        run = made.structure({"flow_id": FLOW}, FlowRunResponse)
        assert made.dumps(run) == responses.dumps(run)
    with pytest.raises(TypeError, match="ResponsesConverter: "):
        responses.ResponsesConverter(bogus=True)


def test_a_converter_made_with_cattrs_arguments_works() -> None:
    made = responses.ResponsesConverter(forbid_extra_keys=True, backend="json")
    with pytest.raises(ValidationError, match="unknown field"):
        made.structure({"flow_id": FLOW, "bogus": 1}, FlowRunResponse)
    copied = made.copy()
    assert copied.forbid_extra_keys and copied.backend == "json"
    assert copied.loads(json.dumps(RUNS[0]), FlowRunResponse) == responses.loads(
        json.dumps(RUNS[0]), FlowRunResponse
    )


def test_a_str_hook_on_a_copy_leaves_enum_fields_alone() -> None:
    # the README's example: it used to turn enums into str and accept "BOGUS"
    mine = responses.converter.copy()
    mine.register_structure_hook(str, lambda value, _: str(value).strip())
    state = mine.structure({"type": "RUNNING", "name": "  Running  "}, responses.State)
    assert state.type is StateType.RUNNING
    assert state.name == "Running"
    with pytest.raises(ValidationError, match="type"):
        mine.structure({"type": "BOGUS"}, responses.State)
    assert mine.loads(mine.dumps(state), responses.State) == state
    assert mine.unstructure(state)["type"] == "RUNNING"
    for backend in AVAILABLE_BACKENDS:
        written = mine.dumps(state, backend=backend)  # type: ignore[arg-type]
        assert json.loads(written)["type"] == "RUNNING"


def test_a_hook_for_the_enum_itself_is_used() -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(StateType, lambda value, _: StateType(value.upper()))
    assert mine.structure({"type": "running"}, responses.State).type is StateType.RUNNING


# --- the public API's edges -----------------------------------------------------------------


def test_iter_loads_refuses_a_list_type() -> None:
    with pytest.raises(TypeError, match=r"pass the item type"):
        responses.iter_loads(PAGE, list[FlowRunResponse])  # type: ignore[arg-type]


def test_dict_targets_are_validated() -> None:
    # not one of our models: cattrs' dict hook (our int rule for the values), cattrs' error
    assert responses.loads(b'{"a": "1"}', dict[str, int]) == {"a": 1}
    with pytest.raises(cattrs.IterableValidationError) as caught:
        responses.loads(b'{"a": "x"}', dict[str, int])
    assert cattrs.transform_error(caught.value) == ["invalid value for type, expected int @ $['a']"]
    assert responses.loads(b'{"a": [1]}', dict) == {"a": [1]}
    with pytest.raises(TypeError, match="JSON text must be bytes"):
        responses.loads(io.BytesIO(b"{}"), dict)  # type: ignore[arg-type]


def test_integers_no_writer_can_write_are_refused() -> None:
    with pytest.raises(ValidationError, match="4300 digits"):
        responses.structure({"flow_id": FLOW, "run_count": 10**5000}, FlowRunResponse)
    with pytest.raises(ValidationError, match="4300 digits"):
        responses.structure({"flow_id": FLOW, "parameters": {"n": -(10**5000)}}, FlowRunResponse)
    with pytest.raises(ValidationError, match="run_count"):
        FlowRunResponse(flow_id=FLOW, run_count=10**5000)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body", [b'{"a": 123456789012345678901234567890}', b'{"a": "\\ud800"}', b"[1, 2.5e400]"]
)
def test_model_less_convert_never_shows_a_traceback(body: bytes, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(body)
    for to in AVAILABLE_BACKENDS:
        result = subprocess.run(
            [sys.executable, "-m", "responses", "convert", str(path), "--to", to],
            cwd=ROOT,
            capture_output=True,
        )
        assert result.returncode in (0, 1), result.stderr
        assert b"Traceback" not in result.stderr + result.stdout


def test_the_cli_check_list_uses_the_same_reader(tmp_path: Path) -> None:
    path = tmp_path / "runs.json"
    path.write_bytes(_id_lookalike_runs(200))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "responses",
            "check",
            str(path),
            "--model",
            "FlowRunResponse",
            "--list",
        ],
        cwd=ROOT,
        capture_output=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"valid: 200 x FlowRunResponse" in result.stdout


def test_the_house_has_no_import_circle() -> None:
    import ast

    package = ROOT / "responses"
    imports: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                found.add(node.module)
        imports[path.stem] = found
    imports.pop("__init__")  # the package's own names, lazily
    imports.pop("__main__")

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for module in imports.get(start, ()):
            if module == goal or (module not in seen and reaches(module, goal, seen | {module})):
                return True
        return False

    circles = sorted(m for m in imports if reaches(m, m, {m}))
    assert circles == [], circles


_JSON_TEXT = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
).map(json.dumps)


@given(_JSON_TEXT, st.integers(0, 200), st.sampled_from(["", " ", ",", "]", "}", '"', "x", "\\"]))
def test_the_iterative_reader_reads_what_the_standard_library_reads(
    text: str, cut: int, insert: str
) -> None:
    """The reader used where the caller's stack is too deep: the same values, and the
    same verdicts on broken text."""
    from responses._codecs import StdlibCodec
    from responses._iterparse import parse

    decoder = StdlibCodec()._decoder
    for document in (text, text[:cut] + insert + text[cut:]):
        try:
            expected: Any = decoder.decode(document)
        except ValueError:
            expected = ValueError
        try:
            got: Any = parse(document, decoder)
        except ValueError:
            got = ValueError
        assert got == expected or (got != got and expected != expected)


def test_a_big_integer_sends_only_its_own_line_to_the_standard_library() -> None:
    pytest.importorskip("orjson")
    plain = responses.structure({"flow_id": FLOW, "parameters": {"x": 1e-7}}, FlowRunResponse)
    big = responses.structure({"flow_id": FLOW, "parameters": {"x": 2**70}}, FlowRunResponse)
    lines = b"".join(responses.iter_dumps([plain, big, plain], lines=True, backend="orjson"))
    first, second, third = lines.splitlines()
    assert b"1e-7" in first and b"1e-7" in third  # orjson's spelling, not json's 1e-07
    assert str(2**70).encode() in second
    assert list(responses.iter_loads(lines, FlowRunResponse, lines=True)) == [plain, big, plain]


def test_a_file_whose_read_returns_memoryviews_is_read() -> None:
    class Views(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def read(self, size: int = -1) -> memoryview:  # type: ignore[override]
            return memoryview(self.data.read(size))

    body = json.dumps(RUNS[:3]).encode()
    expected = responses.loads(body, list[FlowRunResponse])
    assert list(responses.iter_loads(Views(body), FlowRunResponse)) == expected  # type: ignore[arg-type]


def test_bytes_that_are_not_utf8_are_invalid_json_not_a_string_error() -> None:
    for backend in AVAILABLE_BACKENDS:
        with pytest.raises(ValidationError, match=r"\$: invalid JSON") as caught:
            responses.loads(b'{"flow_id": "\xff"}', FlowRunResponse, backend=backend)  # type: ignore[arg-type]
        assert caught.value.errors[0].message.count("invalid JSON") == 1


def test_validation_errors_read_as_pydantic_users_expect() -> None:
    with pytest.raises(ValidationError) as caught:
        responses.structure([{"flow_id": "nope"}], list[FlowRunResponse])
    err = caught.value
    assert err.errors[0].path == "$[0].flow_id"  # still the list of ErrorDetail
    assert err.errors() == [
        {"loc": (0, "flow_id"), "msg": err.errors[0].message, "type": "value_error"}
    ]


@attrs.frozen
class Page:
    runs: list[FlowRunResponse]
    note: str = ""


def test_our_models_in_users_classes_keep_our_verdicts_under_cattrs_errors() -> None:
    raw = {"flow_id": FLOW, "id": FLOW, "name": "n"}
    page = responses.structure({"runs": [raw]}, Page)
    assert page.runs[0] == responses.structure(raw, FlowRunResponse)
    assert responses.unstructure(page)["runs"][0] == responses.unstructure(page.runs[0])
    with pytest.raises(cattrs.ClassValidationError) as caught:
        responses.structure({"runs": [{"flow_id": "nope"}]}, Page)
    (inner,) = caught.value.exceptions
    assert isinstance(inner, cattrs.IterableValidationError)
    assert isinstance(inner.exceptions[0], ValidationError)  # ours, with its JSON path
    assert inner.exceptions[0].errors[0].path == "$.flow_id"


def test_cattrs_plain_scalars_for_users_classes_with_our_models_inside() -> None:
    # the README's recipe: cattrs' scalar handling for users' fields, ours for our models
    def ours(tp: Any) -> bool:
        return attrs.has(tp) and tp.__module__.startswith("responses")

    plain = cattrs.Converter()
    plain.register_structure_hook_factory(ours, responses.converter.get_structure_hook)
    plain.register_unstructure_hook_factory(ours, responses.converter.get_unstructure_hook)
    raw = {"flow_id": FLOW, "id": FLOW, "name": "n"}
    page = plain.structure({"runs": [raw], "note": 5}, Page)
    assert page.note == "5"  # cattrs' str(), not our rule
    assert page.runs[0] == responses.structure(raw, FlowRunResponse)
    assert plain.unstructure(page)["runs"][0] == responses.unstructure(page.runs[0])


def test_the_readmes_transform_error_equivalent() -> None:
    with pytest.raises(ValidationError) as caught:
        responses.structure({"flow_id": "nope", "run_count": "x"}, FlowRunResponse)
    lines = [f"{e.message} @ {e.path}" for e in caught.value.errors]
    assert lines == [
        "expected a UUID, got the string 'nope' @ $.flow_id",
        "expected an integer, got the string 'x' @ $.run_count",
    ]


def test_an_item_over_the_limit_gets_one_verdict_however_it_arrives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a red team: bytes in memory never met the 64 MB item limit, streams did."""
    monkeypatch.setattr(responses._pieces, "MAX_ITEM_BYTES", 100_000)
    run = {**RUNS[0], "parameters": {"blob": "a" * 200_000}}
    one = json.dumps(run).encode()
    document = json.dumps([RUNS[1], run, RUNS[2]]).encode()
    readers = {
        "loads": lambda: responses.loads(document, list[FlowRunResponse]),
        "iter_loads bytes": lambda: list(responses.iter_loads(document, FlowRunResponse)),
        "iter_loads file": lambda: list(
            responses.iter_loads(io.BytesIO(document), FlowRunResponse)
        ),
        "lines with a newline": lambda: list(
            responses.iter_loads(one + b"\n", FlowRunResponse, lines=True)
        ),
        "lines without": lambda: list(responses.iter_loads(one, FlowRunResponse, lines=True)),
    }
    for name, read in readers.items():
        with pytest.raises(ValidationError, match=r"(larger|longer) than 100000"):
            read()
        assert name


def test_items_before_a_large_one_do_not_search_the_same_window_again() -> None:
    """Found by a red team: ~95 small runs before a run holding 131 KB of `},` made every
    one of them search the same window (16-40x the time of the same runs with `ab`)."""

    def run(text: str, n: int) -> dict[str, Any]:
        return {**RUNS[n % 200], "parameters": {"p": text}}

    def document(filler: str) -> bytes:
        unit = [run("a" * 450, n) for n in range(95)] + [run((filler * 65_500)[:131_000], 95)]
        return json.dumps(unit * 4).encode()

    lookalikes, control = document("},"), document("ab")
    assert len(responses.loads(lookalikes, list[FlowRunResponse])) == 384
    slow = min(_timed(lambda: responses.loads(lookalikes, list[FlowRunResponse])) for _ in range(3))
    fast = min(_timed(lambda: responses.loads(control, list[FlowRunResponse])) for _ in range(3))
    assert slow < 5 * fast, (slow, fast)  # one run, ratios only; it was 16-40x
