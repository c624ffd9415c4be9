"""Conformance with a real Prefect 2.20.27 server: every captured body, byte for byte.

The bodies are in ``tests/fixtures/prefect-2.20-live`` (see its README); each one is
read with the encoder the server used and written back, and must give the same bytes
(``pause_keys`` compared as a set, as Prefect writes a set in arbitrary order).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import responses

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
INDEX: list[dict[str, Any]] = json.loads((LIVE / "index.json").read_bytes())
_PAUSE_KEYS = re.compile(rb'"pause_keys":\[([^\]]*)\]')


def _sorted_pause_keys(body: bytes) -> bytes:
    def sort(match: re.Match[bytes]) -> bytes:
        items = sorted(json.loads(b"[" + match.group(1) + b"]"), key=repr)
        return b'"pause_keys":' + json.dumps(items, ensure_ascii=False).encode()

    return _PAUSE_KEYS.sub(sort, body)


def _model(entry: dict[str, Any]) -> Any:
    cl = getattr(responses, entry["model"])
    return list[cl] if entry["many"] else cl  # type: ignore[valid-type]


@pytest.mark.parametrize("backend", ["json", "orjson"])
def test_every_live_body_reads_and_writes_back_byte_for_byte(backend: str) -> None:
    pytest.importorskip(backend)
    checked = 0
    for entry in INDEX:
        if entry["encoder"] != backend:
            continue
        body = (LIVE / entry["file"]).read_bytes()
        obj = responses.loads(body, _model(entry), backend=backend)  # type: ignore[arg-type]
        written = responses.dumps(obj, backend=backend)  # type: ignore[arg-type]
        assert _sorted_pause_keys(written) == _sorted_pause_keys(body), entry["file"]
        checked += 1
    assert checked == sum(entry["encoder"] == backend for entry in INDEX) > 0


def test_every_live_body_reads_the_same_with_both_backends() -> None:
    pytest.importorskip("orjson")
    for entry in INDEX[::7]:
        body = (LIVE / entry["file"]).read_bytes()
        model = _model(entry)
        assert responses.loads(body, model, backend="json") == responses.loads(
            body, model, backend="orjson"
        ), entry["file"]


def test_filter_pages_are_200_runs() -> None:
    for page in (1, 2, 3):
        runs = responses.loads(
            (LIVE / f"flow_runs_filter_page{page}.json").read_bytes(),
            list[responses.FlowRunResponse],
        )
        assert len(runs) == 200
