"""Prefect 2.20's REST API responses as frozen attrs classes, read and written by cattrs.

>>> import responses
>>> run = responses.loads(body, responses.FlowRunResponse)
>>> responses.dumps(run)  # the same bytes Prefect's server sends
"""

from ._converter import make_converter
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
from ._flow_runs import CreatedBy, FlowRunPolicy, FlowRunResponse
from ._history import HistoryResponse, HistoryResponseState
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
from ._slugs import generate_slug
from ._states import State, StateDetails
from ._work_queues import (
    QueueFilter,
    WorkQueueHealthPolicy,
    WorkQueueResponse,
    WorkQueueStatusDetail,
    WorkQueueWithStatus,
)

__all__ = [
    "BackendName",
    "CreatedBy",
    "DeploymentStatus",
    "ErrorDetail",
    "FlowRunPolicy",
    "FlowRunResponse",
    "HistoryResponse",
    "HistoryResponseState",
    "OrchestrationResult",
    "QueueFilter",
    "SetStateStatus",
    "State",
    "StateAbortDetails",
    "StateAcceptDetails",
    "StateDetails",
    "StateRejectDetails",
    "StateResponseDetails",
    "StateType",
    "StateWaitDetails",
    "ValidationError",
    "WorkQueueHealthPolicy",
    "WorkQueueResponse",
    "WorkQueueStatus",
    "WorkQueueStatusDetail",
    "WorkQueueWithStatus",
    "WorkerStatus",
    "converter",
    "dumps",
    "generate_slug",
    "get_default_backend",
    "loads",
    "make_converter",
    "set_default_backend",
    "structure",
    "unstructure",
]
