"""Prefect's verdicts: a payload parsed as Prefect 2.20.27's JSON routes parse it.

``Model.parse_obj(payload)``, then what FastAPI 0.99 (vendored) does with a
``response_model``: ``.dict(by_alias=True)``, re-validation with a cloned field,
``jsonable_encoder``, and Starlette's ``json.dumps(..., allow_nan=False)``.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import re
from typing import Any

os.environ.pop("PREFECT_TEST_MODE", None)  # unknown keys ignored, as on a real server

from prefect._vendor.fastapi.routing import serialize_response
from prefect._vendor.fastapi.utils import (
    create_cloned_field,
    create_response_field,
)
from prefect.server.schemas import core, responses, schedules, states

from .profiles import Rejected

MODELS: dict[str, Any] = {
    "FlowRunResponse": responses.FlowRunResponse,
    "FlowRun": core.FlowRun,
    "FlowRunPolicy": core.FlowRunPolicy,
    "State": states.State,
    "OrchestrationResult": responses.OrchestrationResult,
    "HistoryResponse": responses.HistoryResponse,
    "WorkQueueResponse": responses.WorkQueueResponse,
    "WorkQueueStatusDetail": responses.WorkQueueStatusDetail,
    "WorkQueueWithStatus": responses.WorkQueueWithStatus,
    "DeploymentResponse": responses.DeploymentResponse,
    "DeploymentSchedule": core.DeploymentSchedule,
    "IntervalSchedule": schedules.IntervalSchedule,
    "CronSchedule": schedules.CronSchedule,
    "RRuleSchedule": schedules.RRuleSchedule,
    "WorkerResponse": responses.WorkerResponse,
    "WorkerFlowRunResponse": responses.WorkerFlowRunResponse,
    "GlobalConcurrencyLimitResponse": responses.GlobalConcurrencyLimitResponse,
}

_FIELDS: dict[str, Any] = {}


def _field(name: str) -> Any:
    field = _FIELDS.get(name)
    if field is None:
        field = create_cloned_field(
            create_response_field(name=f"Response_{name}", type_=MODELS[name])
        )
        _FIELDS[name] = field
    return field


# pendulum 2.1's C parser builds a tzinfo it never range-checks from an offset of 24
# hours or more: Prefect's route then fails (ValueError, a 500), but the object it
# leaves behind corrupts memory and crashes the process later, at random. Such
# payloads are parsed in a forked child, which takes the damage with it.
_HUGE_OFFSET = re.compile(r"[0-9][+-]([0-9]{2}):?([0-9]{2})$")  # a time's offset


def _dangerous(value: Any) -> bool:
    if isinstance(value, str):
        match = _HUGE_OFFSET.search(value)
        return match is not None and int(match[1]) * 60 + int(match[2]) >= 24 * 60
    if isinstance(value, dict):
        return any(_dangerous(item) for item in value.values())
    if isinstance(value, list):
        return any(_dangerous(item) for item in value)
    return False


def _parse_in_child(name: str, payload: Any) -> Any:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without cleaning up
        os.close(read)
        try:
            answer: tuple[str, Any] = ("accept", _parse(name, payload))
        except Rejected as exc:
            answer = ("reject", str(exc))
        with os.fdopen(write, "wb") as out:
            pickle.dump(answer, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise Rejected(f"the process crashed (status {status})")
    verdict, value = pickle.loads(data)  # noqa: S301 - our own child's answer
    if verdict == "reject":
        raise Rejected(value)
    return value


def parse(name: str, payload: Any) -> Any:
    """The JSON value Prefect's route sends for ``payload`` read as ``name``, or Rejected."""
    if _dangerous(payload):
        return _parse_in_child(name, payload)
    return _parse(name, payload)


def _parse(name: str, payload: Any) -> Any:
    model = MODELS[name]
    payload = copy.deepcopy(payload)  # pydantic v1's pre root validators edit their input
    try:
        parsed = model.parse_obj(payload)
        coroutine = serialize_response(
            field=_field(name), response_content=parsed, is_coroutine=True
        )
        try:
            coroutine.send(None)
        except StopIteration as done:
            content = done.value
        else:  # pragma: no cover - serialize_response awaits nothing with is_coroutine
            raise RuntimeError("serialize_response suspended")
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except Exception as exc:  # noqa: BLE001 - any failure is a refusal (a 422 or a 500)
        raise Rejected(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    return json.loads(text)
