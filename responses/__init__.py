"""Prefect 2.20's REST API responses as frozen attrs classes, read and written by cattrs.

>>> import responses
>>> run = responses.loads(body, responses.FlowRunResponse)
>>> responses.dumps(run)  # the same bytes Prefect's server sends

The functions load with the package; each group of models (flow runs, work queues,
deployments ...) loads the first time one of its names is used, which keeps
``import responses`` light for a service that only needs a few of them.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._converter import make_converter
from ._enums import DeploymentStatus, SetStateStatus, StateType, WorkerStatus, WorkQueueStatus
from ._errors import ErrorDetail, ValidationError
from ._gc import set_gc_pause
from ._json import (
    BackendName,
    converter,
    dumps,
    get_default_backend,
    loads,
    set_default_backend,
    structure,
    unstructure,
)

if TYPE_CHECKING:
    from ._actors import CreatedBy, UpdatedBy
    from ._concurrency import GlobalConcurrencyLimitResponse
    from ._deployments import DeploymentResponse, DeploymentSchedule
    from ._details import (
        OrchestrationResult,
        StateAbortDetails,
        StateAcceptDetails,
        StateRejectDetails,
        StateResponseDetails,
        StateWaitDetails,
    )
    from ._flow_runs import FlowRun, FlowRunPolicy, FlowRunResponse
    from ._history import HistoryResponse, HistoryResponseState
    from ._schedules import CronSchedule, IntervalSchedule, RRuleSchedule, Schedule
    from ._schema import json_schema, openapi_components
    from ._slugs import generate_slug
    from ._states import State, StateDetails
    from ._work_queues import (
        QueueFilter,
        WorkQueueHealthPolicy,
        WorkQueueResponse,
        WorkQueueStatusDetail,
        WorkQueueWithStatus,
    )
    from ._workers import WorkerFlowRunResponse, WorkerResponse

_LAZY = {
    "CreatedBy": "._actors",
    "UpdatedBy": "._actors",
    "GlobalConcurrencyLimitResponse": "._concurrency",
    "DeploymentResponse": "._deployments",
    "DeploymentSchedule": "._deployments",
    "OrchestrationResult": "._details",
    "StateAbortDetails": "._details",
    "StateAcceptDetails": "._details",
    "StateRejectDetails": "._details",
    "StateResponseDetails": "._details",
    "StateWaitDetails": "._details",
    "FlowRun": "._flow_runs",
    "FlowRunPolicy": "._flow_runs",
    "FlowRunResponse": "._flow_runs",
    "HistoryResponse": "._history",
    "HistoryResponseState": "._history",
    "CronSchedule": "._schedules",
    "IntervalSchedule": "._schedules",
    "RRuleSchedule": "._schedules",
    "Schedule": "._schedules",
    "json_schema": "._schema",
    "openapi_components": "._schema",
    "generate_slug": "._slugs",
    "State": "._states",
    "StateDetails": "._states",
    "QueueFilter": "._work_queues",
    "WorkQueueHealthPolicy": "._work_queues",
    "WorkQueueResponse": "._work_queues",
    "WorkQueueStatusDetail": "._work_queues",
    "WorkQueueWithStatus": "._work_queues",
    "WorkerFlowRunResponse": "._workers",
    "WorkerResponse": "._workers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "BackendName",
    "CreatedBy",
    "CronSchedule",
    "DeploymentResponse",
    "DeploymentSchedule",
    "DeploymentStatus",
    "ErrorDetail",
    "FlowRun",
    "FlowRunPolicy",
    "FlowRunResponse",
    "GlobalConcurrencyLimitResponse",
    "HistoryResponse",
    "HistoryResponseState",
    "IntervalSchedule",
    "OrchestrationResult",
    "QueueFilter",
    "RRuleSchedule",
    "Schedule",
    "SetStateStatus",
    "State",
    "StateAbortDetails",
    "StateAcceptDetails",
    "StateDetails",
    "StateRejectDetails",
    "StateResponseDetails",
    "StateType",
    "StateWaitDetails",
    "UpdatedBy",
    "ValidationError",
    "WorkQueueHealthPolicy",
    "WorkQueueResponse",
    "WorkQueueStatus",
    "WorkQueueStatusDetail",
    "WorkQueueWithStatus",
    "WorkerFlowRunResponse",
    "WorkerResponse",
    "WorkerStatus",
    "converter",
    "dumps",
    "generate_slug",
    "get_default_backend",
    "json_schema",
    "loads",
    "make_converter",
    "openapi_components",
    "set_default_backend",
    "set_gc_pause",
    "structure",
    "unstructure",
]
