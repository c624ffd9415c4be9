"""Threads, converter copies, reloads and subinterpreters: no shared state leaks."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import responses

from .conftest import FIXTURES, ROUTE_FILES

ROOT = Path(__file__).resolve().parent.parent
WORK = [(FIXTURES / name).read_bytes() for name in sorted(ROUTE_FILES)]
MODELS = [list[ROUTE_FILES[name]] for name in sorted(ROUTE_FILES)]


def _round(index: int, backend: str) -> bytes:
    cl = MODELS[index]
    return responses.dumps(responses.loads(WORK[index], cl, backend=backend), backend=backend)  # type: ignore[arg-type]


def _eight_threads(backend: str, seconds: float) -> None:
    pytest.importorskip(backend)
    expected = [_round(i, backend) for i in range(len(WORK))]
    jobs = [i % len(WORK) for i in range(8 * len(WORK))]
    deadline = time.monotonic() + seconds  # bounded: as many rounds as fit, at least one
    with ThreadPoolExecutor(max_workers=8) as pool:
        while True:
            for index, out in pool.map(lambda i: (i, _round(i, backend)), jobs):
                if b"pause_keys" in expected[index]:
                    assert len(out) == len(expected[index])  # a set: order may differ
                else:
                    assert out == expected[index]
            if time.monotonic() > deadline:
                break


@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_eight_threads_agree_with_one(backend: str) -> None:
    _eight_threads(backend, seconds=0)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_eight_threads_stress(backend: str) -> None:
    _eight_threads(backend, seconds=60)


def test_a_users_converter_leaves_ours_untouched() -> None:
    before = responses.dumps(responses.loads(WORK[0], MODELS[0]))
    mine = responses.converter.copy()
    mine.register_unstructure_hook(responses.CreatedBy, lambda _: "someone")
    mine.register_structure_hook(responses.CreatedBy, lambda *_: responses.CreatedBy())
    assert responses.dumps(responses.loads(WORK[0], MODELS[0])) == before
    strict = responses.make_converter(forbid_extra_keys=True)
    with pytest.raises(responses.ValidationError):
        strict.get_structure_hook(responses.CreatedBy)({"nope": 1}, responses.CreatedBy)
    assert responses.structure({"nope": 1}, responses.CreatedBy) == responses.CreatedBy()


def test_reload_keeps_working() -> None:
    for name in ("responses._codegen", "responses._converter", "responses"):
        importlib.reload(sys.modules[name])
    reloaded = importlib.import_module("responses")
    runs = reloaded.loads(WORK[0], MODELS[0])
    assert reloaded.dumps(runs) == responses.dumps(runs)


_SNAPSHOT = """
import gc, json, linecache, sys, warnings
def snapshot():
    return (gc.isenabled(), gc.get_threshold(), sys.getrecursionlimit(), len(warnings.filters),
            list(sys.meta_path), list(sys.path_hooks), json._default_encoder.__dict__.copy(),
            # attrs and cattrs register their own generated code; we add none at import
            sorted(key for key in linecache.cache if key.startswith("<responses")),
            sys.getswitchinterval())
before = snapshot()
import responses
after = snapshot()
print("same" if before == after else f"changed: {before} -> {after}")
"""


def test_import_mutates_nothing_global() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SNAPSHOT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "same", result.stdout


def _run_in_subinterpreters(module: str, code: str) -> subprocess.CompletedProcess[str]:
    script = f"import {module} as m\nfor _ in range(2):\n" + (
        f"    i = m.create()\n    m.run_string(i, {code!r})\n    m.destroy(i)\n"
    )
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)


def test_subinterpreters() -> None:
    module = None
    for name in ("_interpreters", "_xxsubinterpreters"):
        try:
            module = importlib.import_module(name).__name__
            break
        except ImportError:
            continue
    if module is None:
        pytest.skip("this Python has no subinterpreter module")
    # CPython 3.12.1 itself aborts when uuid and datetime are imported in a second
    # subinterpreter (its _datetime is not isolated): nothing of ours to test there.
    probe = _run_in_subinterpreters(module, "import uuid, datetime")
    if probe.returncode != 0:
        pytest.skip(
            f"this Python's own uuid/datetime fail in subinterpreters: {probe.stderr[-200:]}"
        )
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import responses
        run = responses.loads(
            b'{{"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "name": "x"}}',
            responses.FlowRunResponse)
        assert responses.dumps(run).startswith(b'{{"id":')
        """
    )
    result = _run_in_subinterpreters(module, code)
    assert result.returncode == 0, result.stderr[-2000:]
