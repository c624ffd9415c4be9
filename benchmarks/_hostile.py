"""Hostile inputs: malformed, oversized, deep and odd payloads for the front door.

Each must either raise ``responses.ValidationError`` or load; ``python -m
benchmarks.hostile`` times them all (the test suite checks only the outcomes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import responses

FLOW = b'"3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"'
MB = 1_000_000


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    cl: Any
    loads: bool | None  # True: must load; False: must be rejected; None: either
    stream: bool = False  # read with iter_loads (``cl`` the item class), not loads


def _run(fields: bytes) -> bytes:
    return b'{"flow_id":' + FLOW + (b"," + fields if fields else b"") + b"}"


def cases() -> Iterator[Hostile]:
    run = responses.FlowRunResponse
    runs = list[responses.FlowRunResponse]
    # not JSON at all
    yield Hostile("empty input", b"", run, False)
    yield Hostile("whitespace only", b"   \n", run, False)
    yield Hostile("not JSON", b"flow run, please", run, False)
    yield Hostile("truncated object", _run(b'"name":"x"')[:-1], run, False)
    yield Hostile("trailing garbage", _run(b"") + b"garbage", run, False)
    yield Hostile("invalid UTF-8", b'{"name":"\xff\xfe"}', run, False)
    yield Hostile("UTF-8 byte order mark", b"\xef\xbb\xbf" + _run(b""), run, False)
    yield Hostile("NaN token", _run(b'"parameters":{"x":NaN}'), run, False)
    yield Hostile("Infinity token", _run(b'"parameters":{"x":-Infinity}'), run, False)
    yield Hostile("number overflowing a double", _run(b'"parameters":{"x":1e400}'), run, False)
    # wrong shapes
    yield Hostile("array where an object goes", b"[" + _run(b"") + b"]", run, False)
    yield Hostile("object where an array goes", _run(b""), runs, False)
    yield Hostile("string where an object goes", _run(b'"state":"RUNNING"'), run, False)
    yield Hostile("object where a string goes", _run(b'"name":{"a":1}'), run, False)
    yield Hostile("number where a list goes", _run(b'"tags":5'), run, False)
    yield Hostile("duplicate keys (last wins)", _run(b'"name":"a","name":"b"'), run, True)
    yield Hostile("duplicate key turning bad", _run(b'"flow_id":"nope"'), run, False)
    yield Hostile("lone surrogate escape", _run(b'"name":"\\ud800"'), run, False)
    yield Hostile("control characters", _run(b'"name":"\\u0000\\u001f\\u007f"'), run, True)
    # numbers
    yield Hostile("int beyond 64 bits", _run(b'"run_count":' + str(2**70).encode()), run, True)
    yield Hostile(
        "negative int beyond 64 bits in parameters",
        _run(b'"parameters":{"x":-' + str(2**90).encode() + b"}"),
        run,
        True,
    )
    yield Hostile("int of 5,000 digits", _run(b'"run_count":' + b"9" * 5000), run, False)
    yield Hostile("float for an int field", _run(b'"run_count":1e300'), run, True)
    # size and depth
    deep = b"[" * 100_000 + b"]" * 100_000
    yield Hostile(
        "parameters nested 100,000 deep", _run(b'"parameters":{"x":' + deep + b"}"), run, False
    )
    yield Hostile("state nested 100,000 deep", _run(b'"state":' + deep), run, False)
    yield Hostile(
        "1 MB duration string", _run(b'"total_run_time":"' + b"1" * MB + b'"'), run, False
    )
    yield Hostile(
        "1 MB duration, ISO form", _run(b'"total_run_time":"P' + b"1" * MB + b'"'), run, False
    )
    yield Hostile(
        "1 MB datetime string",
        _run(b'"created":"2024-05-01T00:00:00.' + b"1" * MB + b'"'),
        run,
        False,
    )
    yield Hostile("1 MB UUID string", _run(b'"id":"' + b"a" * MB + b'"'), run, False)
    yield Hostile("1 MB integer string", _run(b'"run_count":"' + b"9" * MB + b'"'), run, False)
    yield Hostile("1 MB boolean string", _run(b'"auto_scheduled":"' + b"y" * MB + b'"'), run, False)
    yield Hostile(
        "100,000 unknown keys", _run(b",".join(b'"k%d":0' % i for i in range(100_000))), run, True
    )
    yield Hostile(
        "50 MB string in parameters",
        _run(b'"parameters":{"s":"' + b"x" * (50 * MB) + b'"}'),
        run,
        True,
    )
    yield Hostile("50 MB name", _run(b'"name":"' + b"n" * (50 * MB) + b'"'), run, True)
    yield Hostile(
        "one million tags", _run(b'"tags":[' + b",".join([b'"t"'] * MB) + b"]"), run, True
    )
    yield Hostile(
        "100,000 runs, one bad",
        b"[" + b",".join([_run(b"")] * 99_999 + [_run(b'"run_count":"x"')]) + b"]",
        runs,
        False,
    )
    # where arrays are cut into items or pieces: cuts that look right and are not
    page = b"[" + b",".join([_run(b'"name":"n"')] * 5_000) + b"]"  # ~0.4 MB
    lookalikes = b"[" + b",".join(b'{"flow_id":%d}' % i for i in range(40_000)) + b"]"
    for stream in (False, True):
        how = "streamed " if stream else ""
        cl = run if stream else runs
        yield Hostile(
            f"{how}runs with a doubled comma", page.replace(b"},{", b"},,{", 1), cl, False, stream
        )
        yield Hostile(
            f"{how}runs with a missing comma", page.replace(b"},{", b"}{", 1), cl, False, stream
        )
        yield Hostile(
            f"{how}1 MB of lookalike items inside a run",
            b"[" + _run(b'"parameters":{"x":' + lookalikes + b"}") + b"]",
            cl,
            True,
            stream,
        )
        yield Hostile(
            f"{how}1 MB string of lookalike cuts",
            b"[" + _run(b'"name":"' + b'},{\\"flow_id\\":1' * 60_000 + b'"') + b"]",
            cl,
            True,
            stream,
        )
        yield Hostile(
            f"{how}a run nested 100,000 deep after good ones",
            page[:-1] + b"," + _run(b'"parameters":{"x":' + deep + b"}") + b"]",
            cl,
            False,
            stream,
        )


def outcome(case: Hostile, backend: responses.BackendName) -> str:
    """``"loaded"`` or ``"rejected"``; anything else escapes as the exception it is."""
    try:
        if case.stream:
            for _ in responses.iter_loads(case.data, case.cl, backend=backend):
                pass
        else:
            responses.loads(case.data, case.cl, backend=backend)
    except responses.ValidationError as error:
        assert error.errors, case.name
        return "rejected"
    return "loaded"
