"""What the parallel tests ship to spawned workers: importable by name, as spawn needs.

``read_shard`` is the README's recipe ("Many processes"), with types.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import responses
from responses import FlowRunResponse, ResponsesConverter, ValidationError

LIVE = Path(__file__).parent / "fixtures" / "prefect-2.20-live"
PAGES = (
    "flow_runs_filter_page1.json",
    "flow_runs_filter_page2.json",
    "flow_runs_filter_page3.json",
)


def read_shard(
    path: str | os.PathLike[str], converter: ResponsesConverter = responses.converter
) -> list[FlowRunResponse]:
    """Every flow run of one NDJSON shard. A bad line raises ValidationError with the
    shard's file name in front of its path: $['runs-002.ndjson'][17].state.type."""
    name = os.path.basename(path)
    with open(path, "rb") as file:
        try:
            return list(converter.iter_loads(file, FlowRunResponse, lines=True))
        except ValidationError as exc:
            raise ValidationError(exc.prefixed(name), truncated=exc.truncated) from None


def shout(value: Any, _: Any) -> str:
    """A user's structure hook for ``str``: every string field upper case."""
    return str(value).upper()


def custom_converter() -> ResponsesConverter:
    """A copy of the default converter with a hook of the user's and settings of its own."""
    custom = responses.converter.copy(backend="json")
    custom.register_structure_hook(str, shout)
    return custom


def write_shards(directory: Path, count: int) -> list[Path]:
    """The 600 real runs of three /flow_runs/filter pages as ``count`` NDJSON shards."""
    runs = [run for page in PAGES for run in json.loads((LIVE / page).read_bytes())]
    paths = []
    for index in range(count):
        path = directory / f"runs-{index:03d}.ndjson"
        lines = [json.dumps(run, separators=(",", ":")) for run in runs[index::count]]
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def verdict(converter: ResponsesConverter, data: bytes) -> tuple[str, Any]:
    """What a converter makes of ``data`` as a list of runs: its bytes (canonical), or
    its errors."""
    try:
        return "valid", canonical(converter.dumps(converter.loads(data, list[FlowRunResponse])))
    except ValidationError as exc:
        return "invalid", str(exc)


def canonical(data: bytes) -> bytes:
    """``data`` (runs as JSON) with the items of each ``pause_keys`` array sorted, byte
    for byte otherwise: that array is a set, written in the order of the process's
    string hashes (``PYTHONHASHSEED``), which differ from process to process."""
    return _PAUSE_KEYS.sub(_sorted_keys, data)


_PAUSE_KEYS = re.compile(rb'"pause_keys":\[((?:"(?:[^"\\]|\\.)*",?)*)\]')
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def _sorted_keys(match: re.Match[bytes]) -> bytes:
    return b'"pause_keys":[' + b",".join(sorted(_STRING.findall(match[1]))) + b"]"


def describe(converter: ResponsesConverter) -> dict[str, Any]:
    """A converter's settings, as seen in the process that holds it."""
    return {
        "backend": converter.backend,
        "forbid_extra_keys": converter.forbid_extra_keys,
        "gc_pause": converter.gc_pause,
        "is_default": converter is responses.converter,
    }
