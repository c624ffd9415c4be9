"""Prefect 3.9.1's verdicts: a payload parsed as Prefect 3.9.1's JSON routes parse it.

``Model.model_validate(payload)`` (the server's models are pydantic v2 throughout),
then what FastAPI (>= 0.130) does with a ``response_model``: the response field's
``validate`` (``TypeAdapter.validate_python(..., from_attributes=True)``) and its JSON
writer, pydantic-core's ``dump_json``; the routes Prefect writes with orjson write
``model_dump(mode="json")``, the same JSON values.
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any

os.environ.pop("PREFECT_TEST_MODE", None)  # unknown keys ignored, as on a real server

from fastapi.utils import create_model_field
from prefect.server.schemas import core, responses, schedules, states

from .profiles import Rejected

__all__ = ["MODELS", "Rejected", "model_named", "parse"]

MODELS: dict[str, Any] = {
    "FlowRunResponse": responses.FlowRunResponse,
    "FlowRun": core.FlowRun,
    "FlowRunPolicy": core.FlowRunPolicy,
    "State": states.State,
    "OrchestrationResult": responses.OrchestrationResult,
    "HistoryResponse": responses.HistoryResponse,
    "WorkQueueResponse": responses.WorkQueueResponse,
    "WorkQueueStatusDetail": responses.WorkQueueStatusDetail,
    "DeploymentResponse": responses.DeploymentResponse,
    "DeploymentSchedule": core.DeploymentSchedule,
    "IntervalSchedule": schedules.IntervalSchedule,
    "CronSchedule": schedules.CronSchedule,
    "RRuleSchedule": schedules.RRuleSchedule,
    "WorkerResponse": responses.WorkerResponse,
    "WorkerFlowRunResponse": responses.WorkerFlowRunResponse,
    "GlobalConcurrencyLimitResponse": responses.GlobalConcurrencyLimitResponse,
    "WorkPoolResponse": responses.WorkPoolResponse,
    "TaskRun": core.TaskRun,
    "TaskRunResponse": responses.TaskRunResponse,
    "ConcurrencyLimit": core.ConcurrencyLimit,
    "ConcurrencyLimitV2": core.ConcurrencyLimitV2,
    "FlowRunPaginationResponse": responses.FlowRunPaginationResponse,
    "TaskRunPaginationResponse": responses.TaskRunPaginationResponse,
    "DeploymentPaginationResponse": responses.DeploymentPaginationResponse,
}

# Where the other response models of the captures live (route modules define a few).
_SOURCES = (
    "prefect.server.schemas.responses",
    "prefect.server.schemas.core",
    "prefect.server.schemas.states",
    "prefect.server.schemas.schedules",
    "prefect.server.schemas.ui",
    "prefect.server.api.ui.task_runs",
    "prefect.server.api.ui.flow_runs",
    "prefect.server.api.concurrency_limits_v2",
    "prefect.server.models.flow_runs",
)


def model_named(name: str) -> Any:
    """Prefect 3.9.1's model of that name (its schemas first, then its route modules)."""
    model = MODELS.get(name)
    if model is None:
        for source in _SOURCES:
            model = getattr(importlib.import_module(source), name, None)
            if model is not None:
                MODELS[name] = model
                break
        else:
            raise LookupError(f"Prefect 3.9.1 has no response model {name!r}")
    return model


_FIELDS: dict[str, Any] = {}


def _field(name: str) -> Any:
    field = _FIELDS.get(name)
    if field is None:
        field = _FIELDS[name] = create_model_field(name=f"Response_{name}", type_=model_named(name))
    return field


def parse(name: str, payload: Any) -> Any:
    """The JSON value Prefect's route sends for ``payload`` read as ``name``, or Rejected."""
    model = model_named(name)
    try:
        parsed = model.model_validate(payload)
        field = _field(name)
        value, errors = field.validate(parsed, {}, loc=("response",))
        if errors:
            raise ValueError(f"response validation: {errors}")
        text = field.serialize_json(value, by_alias=True)
    except Exception as exc:  # noqa: BLE001 - any failure is a refusal (a 422 or a 500)
        raise Rejected(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    return json.loads(text)
