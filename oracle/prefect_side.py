"""Prefect's verdicts: a payload parsed as Prefect 2.20.27's JSON routes parse it.

``Model.parse_obj(payload)``, then what FastAPI 0.99 (vendored) does with a
``response_model``: ``.dict(by_alias=True)``, re-validation with a cloned field,
``jsonable_encoder``, and Starlette's ``json.dumps(..., allow_nan=False)``.
"""

from __future__ import annotations

import json
import os
from typing import Any

os.environ.pop("PREFECT_TEST_MODE", None)  # unknown keys ignored, as on a real server

from prefect._vendor.fastapi.routing import serialize_response
from prefect._vendor.fastapi.utils import (
    create_cloned_field,
    create_response_field,
)
from prefect.server.schemas import core, responses, schedules, states

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


class Rejected(Exception):
    """Prefect refused the payload (validation, or a route that cannot render it)."""


def parse(name: str, payload: Any) -> Any:
    """The JSON value Prefect's route sends for ``payload`` read as ``name``, or Rejected."""
    model = MODELS[name]
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
