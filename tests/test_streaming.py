"""Streaming: iter_loads / iter_dumps / dump give what loads / dumps give, in bounded memory."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import responses
from responses import FlowRunResponse, ValidationError

from .conftest import FILTER_FILES, FIXTURES, ROUTE_FILES

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGE = (LIVE / "flow_runs_filter_page1.json").read_bytes()
ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["json", "orjson"]
FILES = {**ROUTE_FILES, **FILTER_FILES}


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_iter_loads_equals_loads_on_the_corpus(name: str, backend: str) -> None:
    pytest.importorskip(backend)
    body = (FIXTURES / name).read_bytes()
    cl = FILES[name]
    expected = responses.loads(body, list[cl], backend=backend)  # type: ignore[valid-type,arg-type]
    for source in (body, io.BytesIO(body), _chunks(body, 4096), iter(_chunks(body, 1000))):
        got = list(responses.iter_loads(source, cl, backend=backend))  # type: ignore[arg-type]
        assert got == expected


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(FILES))
def test_iter_dumps_is_byte_identical_to_dumps(name: str, backend: str) -> None:
    pytest.importorskip(backend)
    cl = FILES[name]
    objects = responses.loads((FIXTURES / name).read_bytes(), list[cl])  # type: ignore[valid-type]
    expected = responses.dumps(objects, backend=backend)  # type: ignore[arg-type]
    assert b"".join(responses.iter_dumps(iter(objects), backend=backend)) == expected  # type: ignore[arg-type]
    file = io.BytesIO()
    responses.dump((o for o in objects), file, backend=backend)  # type: ignore[arg-type]
    assert file.getvalue() == expected


def test_empty_and_whitespace() -> None:
    assert b"".join(responses.iter_dumps([])) == responses.dumps([]) == b"[]"
    assert list(responses.iter_loads(b" \n[ \t]\n ", FlowRunResponse)) == []
    assert list(responses.iter_loads([b"", b"[", b"", b"]"], FlowRunResponse)) == []


@given(st.lists(st.integers(0, len(PAGE)), max_size=6))
def test_any_split_gives_the_same_items(cuts: list[int]) -> None:
    points = [0, *sorted(cuts), len(PAGE)]
    chunks = [PAGE[a:b] for a, b in itertools.pairwise(points)]
    small = list(responses.iter_loads(chunks, FlowRunResponse))
    assert small == responses.loads(PAGE, list[FlowRunResponse])


_PRETTY = json.dumps(json.loads(PAGE)[:3], indent=2, ensure_ascii=False).encode()


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_byte_chunks_pretty_printed_and_multibyte_utf8(backend: str) -> None:
    pytest.importorskip(backend)
    document = _PRETTY.replace(b'"name": "', '"name": "\u00e9\u6f22\U0001f600'.encode(), 1)
    assert "\u00e9\u6f22\U0001f600".encode() in document
    expected = responses.loads(document, list[FlowRunResponse], backend=backend)  # type: ignore[arg-type]
    got = list(responses.iter_loads(_chunks(document, 1), FlowRunResponse, backend=backend))  # type: ignore[arg-type]
    assert got == expected
    assert got[0].name.startswith("\u00e9\u6f22\U0001f600")


def test_items_that_contain_item_separators() -> None:
    common = {"id": "00000000-0000-4000-8000-000000000001", "name": "n"}
    runs = [
        {**common, "flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75",
         "parameters": {"a": [{"x": "},{"}, {}]}},
        {**common, "flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75", "name": "}]",
         "tags": ["},{", "]"]},
    ]  # fmt: skip
    for separators in ((",", ":"), (", ", ": ")):
        body = json.dumps(runs, separators=separators).encode()
        assert list(responses.iter_loads(_chunks(body, 3), FlowRunResponse)) == responses.loads(
            body, list[FlowRunResponse]
        )


def test_arrays_of_other_values() -> None:
    body = b'[1, [2, 3], "a,]", {"x": [{"y": 1}, {}]}, null]'
    assert list(responses.iter_loads(_chunks(body, 2), Any)) == json.loads(body)  # type: ignore[arg-type]


def test_ndjson_round_trip() -> None:
    runs = responses.loads(PAGE, list[FlowRunResponse])
    lines = b"".join(responses.iter_dumps(runs, lines=True))
    assert lines.count(b"\n") == 200
    assert lines.splitlines()[0] == responses.dumps(runs[0])
    got = list(responses.iter_loads(_chunks(lines + b"\n\n", 333), FlowRunResponse, lines=True))
    assert got == runs


def test_a_bad_item_comes_after_the_good_ones() -> None:
    items = json.loads(PAGE)[:5]
    items[3]["state"]["type"] = "NOPE"
    seen = []
    stream = responses.iter_loads(json.dumps(items).encode(), FlowRunResponse)
    with pytest.raises(ValidationError) as caught:  # noqa: PT012 - the loop is the point
        for run in stream:
            seen.append(run)
    assert len(seen) == 3
    assert caught.value.errors[0].path == "$[3].state.type"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty input (at byte 0)"),
        (b'  {"flow_id": 1}', "expected a JSON array (at byte 2)"),
        (b"[", "not closed"),
        (b"[{}] x", "data after the array (at byte 5)"),
        (b"[{},", "truncated after a comma"),
        (b"[1,", "truncated after a comma"),
        (b'[{"a": 1},', "truncated after a comma"),
        (b'[{"a": ', "invalid JSON"),
        (b"[{}, {]", "invalid JSON"),
        (b'[{"a": 1} {"b": 2}]', "invalid JSON"),
    ],
)
def test_broken_documents_say_where(body: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(responses.iter_loads(_chunks(body, 2), responses.StateAcceptDetails))


def test_bad_sources_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "runs.json"
    path.write_bytes(PAGE)
    with path.open(encoding="utf-8") as text_file, pytest.raises(TypeError, match="binary"):
        list(responses.iter_loads(text_file, FlowRunResponse))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes chunks"):
        list(responses.iter_loads(["[]"], FlowRunResponse))  # type: ignore[list-item]
    with path.open("rb") as binary:
        assert len(list(responses.iter_loads(binary, FlowRunResponse))) == 200


_MEMORY = """
import sys
import responses

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

small, big = sys.argv[1], sys.argv[2]
with open(small, "rb") as f:  # warm up on another file: generated code, caches
    for _ in responses.iter_loads(f, responses.FlowRunResponse):
        pass
with open("/proc/self/clear_refs", "w") as refs:  # the peak from here on
    refs.write("5")
before = peak_kb()
count = 0
with open(big, "rb") as f:
    for run in responses.iter_loads(f, responses.FlowRunResponse):
        count += 1
print(count, (peak_kb() - before) // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's clear_refs")
def test_streaming_memory_is_bounded_by_an_item_not_the_document(tmp_path: Path) -> None:
    """Proven once against an iter_loads that read the whole document (``loads`` of
    ``f.read()``): it grew by 103 MB and this test failed."""
    small = tmp_path / "small.json"
    small.write_bytes(PAGE)
    path = tmp_path / "runs.json"
    with path.open("wb") as file:  # 20,000 real runs, about 40 MB
        file.write(b"[")
        file.write(b",".join([PAGE[1:-1]] * 100))
        file.write(b"]")
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY, str(small), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    count, grown_mb = map(int, result.stdout.split())
    assert count == 20_000
    assert grown_mb < 20, (
        f"peak RSS grew by {grown_mb} MB for a {path.stat().st_size >> 20} MB file"
    )
