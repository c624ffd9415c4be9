"""Converter objects: configuration on the object, the process left alone, cattrs' promises kept."""

from __future__ import annotations

import ast
import gc
import inspect
import linecache
import random
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import attrs
import cattrs
import pytest

import responses
from responses import FlowRunResponse, ValidationError

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = (LIVE / "flow_runs_filter_page1.json").read_bytes()
RUN = {"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "name": "keen-raven"}
RUNS = list[FlowRunResponse]


def _ten_thousand_runs() -> bytes:
    """10,000 real runs: the first live /flow_runs/filter page, 50 times over."""
    return b"[" + b",".join([PAGE[1:-1]] * 50) + b"]"


# --- the collector -------------------------------------------------------------------


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_never_touched_by_default() -> None:
    body = _ten_thousand_runs()
    seen_off = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            if not gc.isenabled():
                seen_off.append(True)
            stop.wait(0.0005)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        runs = responses.loads(body, RUNS)
        data = responses.unstructure(runs)
        again = responses.structure(data, RUNS)
        responses.dumps(again)
        responses.make_converter(backend="json").dumps(runs)
    finally:
        stop.set()
        poller.join()
    assert len(runs) == 10_000
    assert not seen_off


@pytest.mark.usefixtures("collector_on")
def test_gc_pause_on_request_per_converter_and_per_call() -> None:
    states: list[bool] = []
    mine = responses.converter.copy()

    def spy(value: Any, _: Any) -> Any:
        states.append(gc.isenabled())
        return responses.CreatedBy()

    mine.register_structure_hook(responses.CreatedBy, spy)
    body = b'[{"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "created_by": {}}]'
    mine.loads(body, RUNS)
    mine.loads(body, RUNS, gc_pause=True)
    pausing = mine.copy(gc_pause=True)
    pausing.loads(body, RUNS)
    pausing.loads(body, RUNS, gc_pause=False)
    assert states == [True, False, False, True]
    assert gc.isenabled()
    gc.disable()
    try:
        pausing.loads(body, RUNS)
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()


def _interrupt_at_random(
    seed: int, call: Callable[[], Any], exc: type[BaseException], rounds: int
) -> int:
    """Run ``call`` ``rounds`` times, each with a timer that raises ``exc`` at a random
    moment; return how many calls it interrupted."""
    rng = random.Random(seed)

    def handler(signum: int, frame: Any) -> None:
        raise exc("interrupted")

    previous = signal.signal(signal.SIGALRM, handler)
    # An exception raised while a gc callback runs (hypothesis installs one) is
    # ignored by Python, whatever the call: keep the timer out of them.
    callbacks, gc.callbacks[:] = gc.callbacks[:], []
    interrupted = 0
    try:
        for _ in range(rounds):
            try:
                signal.setitimer(signal.ITIMER_REAL, rng.uniform(1e-6, 4e-3))
                call()
                signal.setitimer(signal.ITIMER_REAL, 0)
            except exc:
                interrupted += 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks[:] = callbacks
    return interrupted


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer")
@pytest.mark.parametrize("enabled", [True, False])
def test_keyboard_interrupt_leaves_the_collector_as_the_caller_had_it(enabled: bool) -> None:
    was = gc.isenabled()
    body = b"[" + b",".join([PAGE[1:-1]] * 3) + b"]"
    pausing = responses.make_converter(gc_pause=True)
    runs = pausing.loads(body, RUNS)
    tiny = b'[{"type": "RUNNING"}]'
    calls: list[tuple[Callable[[], Any], int]] = [
        (lambda: pausing.loads(body, RUNS), 60),
        (lambda: pausing.dumps(runs), 60),
        (lambda: pausing.unstructure(runs), 60),
        # short calls: the interrupt lands near the pause's entry and exit more often
        (lambda: [pausing.loads(tiny, list[responses.State]) for _ in range(50)], 300),
    ]
    try:
        (gc.enable if enabled else gc.disable)()
        for seed, (call, rounds) in enumerate(calls):
            hits = _interrupt_at_random(seed, call, KeyboardInterrupt, rounds=rounds)
            assert gc.isenabled() is enabled
            assert hits > 0  # the timer did land inside calls
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer")
def test_exceptions_from_signal_handlers_propagate_as_themselves() -> None:
    body = _ten_thousand_runs()
    hits = _interrupt_at_random(7, lambda: responses.loads(body, RUNS), TimeoutError, rounds=3)
    assert hits == 3  # a TimeoutError, never a ValidationError


def test_a_bug_in_a_hook_is_not_reported_as_bad_input() -> None:
    mine = responses.converter.copy()

    def broken(value: Any, _: Any) -> Any:
        return value.no_such_attribute

    mine.register_structure_hook(responses.CreatedBy, broken)
    with pytest.raises(AttributeError) as caught:
        mine.structure({**RUN, "created_by": {}}, FlowRunResponse)
    frames = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert frames[-1] == "broken"  # the traceback ends at the hook that failed
    assert "structure_FlowRunResponse" in frames


# --- hooks on copies ------------------------------------------------------------------


def test_a_str_hook_on_a_copy_applies_to_str_fields_only_there() -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(str, lambda value, _: str(value).upper())
    run = mine.structure({**RUN, "tags": ["a"], "state_name": "x"}, FlowRunResponse)
    assert run.name == "KEEN-RAVEN"
    assert run.state_name == "X"
    assert run.tags == ["A"]
    assert responses.structure(RUN, FlowRunResponse).name == "keen-raven"


@pytest.mark.parametrize(
    ("tp", "field", "raw", "expected"),
    [
        (int, "run_count", "seven", 7),
        (UUID, "deployment_id", "dep", UUID(int=1)),
        (responses.StateType, "state_type", "running", responses.StateType.RUNNING),
        (datetime, "created", "yesterday", datetime(2024, 1, 1, tzinfo=UTC)),
        (str, "state_name", ["a", "list"], "a list"),
    ],
)
def test_scalar_hooks_on_a_copy_apply(tp: Any, field: str, raw: Any, expected: Any) -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(tp, lambda value, _: expected)
    assert getattr(mine.structure({**RUN, field: raw}, FlowRunResponse), field) == expected
    with pytest.raises(ValidationError):
        responses.structure({**RUN, field: raw}, FlowRunResponse)


def test_datetime_and_uuid_unstructure_hooks_on_a_copy_apply_to_both_backends() -> None:
    mine = responses.converter.copy()
    mine.register_unstructure_hook(UUID, lambda value: value.hex)
    run = responses.structure(RUN, FlowRunResponse)
    for backend in ("json", "orjson"):
        pytest.importorskip(backend)
        written = mine.dumps(run, backend=backend)  # type: ignore[arg-type]
        assert RUN["flow_id"].replace("-", "").encode() in written
        assert RUN["flow_id"].encode() in responses.dumps(run, backend=backend)  # type: ignore[arg-type]


def test_forbid_extra_keys_on_a_copy() -> None:
    strict = responses.converter.copy(forbid_extra_keys=True)
    with pytest.raises(ValidationError, match=r"\$\.extra: unknown field"):
        strict.structure({**RUN, "extra": 1}, FlowRunResponse)
    assert responses.structure({**RUN, "extra": 1}, FlowRunResponse).name == "keen-raven"
    assert strict.copy().forbid_extra_keys
    assert not responses.converter.forbid_extra_keys


def test_copies_keep_the_codec() -> None:
    mine = responses.make_converter(backend="json", gc_pause=True).copy()
    assert (mine.backend, mine.gc_pause) == ("json", True)
    run = mine.loads(b'{"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"}', FlowRunResponse)
    assert mine.dumps(run) == responses.dumps(run, backend="json")


# --- attrs' promises for models of the caller's own ----------------------------------


@attrs.frozen
class Measured:
    size: int = attrs.field(validator=attrs.validators.ge(0))
    label: str = attrs.field(converter=str.strip)
    derived: int = attrs.field(init=False, default=3)


def test_attrs_validators_converters_and_init_false_are_honoured() -> None:
    value = responses.structure({"size": "4", "label": "  a  ", "derived": 9}, Measured)
    assert value == Measured(size=4, label="a")
    assert value.derived == 3
    # a class of the caller's is cattrs' business: cattrs' exception, read by its tools
    with pytest.raises(cattrs.ClassValidationError) as caught:
        responses.structure({"size": -1, "label": "a"}, Measured)
    assert "'size' must be >= 0" in str(caught.value.exceptions[0])  # attrs' validator's


# --- generated code -------------------------------------------------------------------


def test_generated_code_is_readable_and_shared_between_converters() -> None:
    first = responses.make_converter(backend="json")
    second = responses.make_converter(backend="json")
    hooks = [c.get_structure_hook(FlowRunResponse) for c in (first, second)]
    hooks += [c.get_unstructure_hook(FlowRunResponse) for c in (first, second)]
    files = {hook.__code__.co_filename for hook in hooks}
    # named after the class; the same source shares one linecache entry
    assert files == {
        "<responses structure responses._flow_runs.FlowRunResponse>",
        "<responses unstructure responses._flow_runs.FlowRunResponse>",
    }
    for hook in hooks:
        source = inspect.getsource(hook)
        assert source == "".join(linecache.getlines(hook.__code__.co_filename))
        assert max(len(line) for line in source.splitlines()) < 200  # a statement a line


def test_a_traceback_through_generated_unstructure_code_shows_its_line() -> None:
    mine = responses.converter.copy()

    def failing(value: Any) -> Any:
        raise RuntimeError("boom")

    mine.register_unstructure_hook(responses.CreatedBy, failing)
    run = responses.structure({**RUN, "created_by": {}}, FlowRunResponse)
    with pytest.raises(RuntimeError) as caught:
        mine.unstructure(run)
    frame = traceback.extract_tb(caught.value.__traceback__)[-2]
    assert frame.name == "unstructure_FlowRunResponse"
    assert frame.line is not None
    assert "created_by" in frame.line


# --- layout -------------------------------------------------------------------------


def _module_imports(path: Path) -> set[str]:
    """The package modules ``path`` imports at module level (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "__init__")
    return found


def test_no_import_cycles() -> None:
    package = Path(responses.__file__).parent
    graph = {p.stem: _module_imports(p) for p in package.glob("*.py") if p.stem != "__init__"}

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        for imported in graph.get(module, ()):
            visit(imported, (*path, module))

    for module in graph:
        visit(module, ())


def test_module_functions_are_the_default_converters_methods() -> None:
    assert responses.loads.__self__ is responses.converter  # type: ignore[attr-defined]
    assert responses.dumps.__self__ is responses.converter  # type: ignore[attr-defined]
    assert isinstance(responses.converter, responses.ResponsesConverter)
    assert not hasattr(responses, "set_gc_pause")
    assert not hasattr(responses, "set_default_backend")
    assert sys.modules["responses"] is responses
