"""Prefect 2.20's REST API responses as frozen attrs classes, read and written by cattrs.

>>> import responses
>>> run = responses.loads(body, responses.FlowRunResponse)
>>> responses.dumps(run)  # the same bytes Prefect's server sends

The module functions are the methods of ``converter``, the default
:class:`ResponsesConverter`; ``make_converter()`` builds one with other settings
(JSON backend, unknown keys forbidden, garbage-collector pause).
"""

from ._actors import CreatedBy, UpdatedBy
from ._backends import BackendName
from ._concurrency import GlobalConcurrencyLimitResponse
from ._converter import ResponsesConverter, converter, make_converter
from ._deployments import DeploymentResponse, DeploymentSchedule
from ._details import (
    OrchestrationResult,
    StateAbortDetails,
    StateAcceptDetails,
    StateRejectDetails,
    StateResponseDetails,
    StateWaitDetails,
)
from ._enums import DeploymentStatus, SetStateStatus, StateType, WorkerStatus, WorkQueueStatus
from ._errors import ErrorDetail, ValidationError
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

loads = converter.loads
dumps = converter.dumps
structure = converter.structure
unstructure = converter.unstructure
iter_loads = converter.iter_loads
iter_dumps = converter.iter_dumps
dump = converter.dump

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
    "ResponsesConverter",
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
    "dump",
    "dumps",
    "generate_slug",
    "iter_dumps",
    "iter_loads",
    "json_schema",
    "loads",
    "make_converter",
    "openapi_components",
    "structure",
    "unstructure",
]
