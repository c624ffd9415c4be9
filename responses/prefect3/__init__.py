"""Prefect 3.9's REST API responses: the same light layer as :mod:`responses`.

>>> from responses import prefect3
>>> run = prefect3.loads(body, prefect3.FlowRunResponse)
>>> prefect3.dumps(run)  # the bytes Prefect 3.9's server sends

Loaded on first use (``import responses`` does not import it). Models whose wire is
the same in 2.20 and 3.9 are the 2.20 layer's own classes (``prefect3.CronSchedule is
responses.CronSchedule``); the others are Prefect 3.9's, under its names. The module
functions are the methods of ``converter``, a :class:`Prefect3Converter`.
"""

from __future__ import annotations

import sys as _sys
import typing as _typing
from importlib import import_module as _import_module
from types import ModuleType as _ModuleType

from .._bound import Decoder, Encoder
from .._enums import DeploymentStatus, SetStateStatus, StateType, WorkerStatus, WorkQueueStatus
from .._errors import ErrorDetail, ValidationError
from ._converter import Prefect3Converter, converter, make_converter

if _typing.TYPE_CHECKING:
    from .._deltas import ItemizedDelta
    from .._schema import json_schema, openapi_components
    from ._models import (
        CollisionStrategy,
        ConcurrencyLimit,
        ConcurrencyLimitV2,
        ConcurrencyLimitWithLeaseResponse,
        ConcurrencyOptions,
        Constant,
        CountByState,
        DependencyResult,
        DeploymentBulkDeleteResponse,
        DeploymentPaginationResponse,
        DeploymentResponse,
        DeploymentSchedule,
        FlowRun,
        FlowRunBulkCreateResponse,
        FlowRunBulkDeleteResponse,
        FlowRunBulkSetStateResponse,
        FlowRunCreateResult,
        FlowRunInput,
        FlowRunOrchestrationResult,
        FlowRunPaginationResponse,
        FlowRunResponse,
        FlowRunResult,
        FlowRunSlotSummary,
        MinimalConcurrencyLimitResponse,
        OrchestrationResult,
        Parameter,
        RunInput,
        SimpleFlowRun,
        State,
        StateDetails,
        TaskRun,
        TaskRunCount,
        TaskRunPaginationResponse,
        TaskRunPolicy,
        TaskRunResponse,
        TaskRunResult,
        UITaskRun,
        WorkerFlowRunResponse,
        WorkerResponse,
        WorkPoolConcurrencyStatus,
        WorkPoolResponse,
        WorkPoolStatus,
        WorkPoolStorageConfiguration,
        WorkQueue,
        WorkQueueConcurrencyStatus,
        WorkQueueConcurrencyStatusDetail,
        WorkQueueResponse,
    )
    from ._shared import (
        CreatedBy,
        CronSchedule,
        FlowRunPolicy,
        GlobalConcurrencyLimitResponse,
        HistoryResponse,
        HistoryResponseState,
        IntervalSchedule,
        QueueFilter,
        RRuleSchedule,
        Schedule,
        StateAbortDetails,
        StateAcceptDetails,
        StateRejectDetails,
        StateResponseDetails,
        StateWaitDetails,
        UpdatedBy,
        WorkQueueHealthPolicy,
        WorkQueueStatusDetail,
    )

_LAZY = {
    "responses._schema": ("json_schema", "openapi_components"),
    "responses.prefect3._shared": (
        "CreatedBy",
        "CronSchedule",
        "FlowRunPolicy",
        "GlobalConcurrencyLimitResponse",
        "HistoryResponse",
        "HistoryResponseState",
        "IntervalSchedule",
        "QueueFilter",
        "RRuleSchedule",
        "Schedule",
        "StateAbortDetails",
        "StateAcceptDetails",
        "StateRejectDetails",
        "StateResponseDetails",
        "StateWaitDetails",
        "UpdatedBy",
        "WorkQueueHealthPolicy",
        "WorkQueueStatusDetail",
    ),
    "responses._deltas": ("ItemizedDelta",),
    "responses.prefect3._models": (
        "CollisionStrategy",
        "ConcurrencyLimit",
        "ConcurrencyLimitV2",
        "ConcurrencyLimitWithLeaseResponse",
        "ConcurrencyOptions",
        "CountByState",
        "DependencyResult",
        "DeploymentBulkDeleteResponse",
        "DeploymentPaginationResponse",
        "DeploymentResponse",
        "DeploymentSchedule",
        "FlowRun",
        "FlowRunBulkCreateResponse",
        "FlowRunBulkDeleteResponse",
        "FlowRunBulkSetStateResponse",
        "FlowRunCreateResult",
        "FlowRunInput",
        "FlowRunOrchestrationResult",
        "FlowRunPaginationResponse",
        "FlowRunResponse",
        "FlowRunSlotSummary",
        "MinimalConcurrencyLimitResponse",
        "OrchestrationResult",
        "SimpleFlowRun",
        "State",
        "StateDetails",
        "TaskRun",
        "TaskRunCount",
        "TaskRunPaginationResponse",
        "TaskRunPolicy",
        "TaskRunResponse",
        "TaskRunResult",
        "Constant",
        "FlowRunResult",
        "Parameter",
        "RunInput",
        "UITaskRun",
        "WorkPoolConcurrencyStatus",
        "WorkPoolResponse",
        "WorkPoolStatus",
        "WorkPoolStorageConfiguration",
        "WorkQueue",
        "WorkQueueConcurrencyStatus",
        "WorkQueueConcurrencyStatusDetail",
        "WorkQueueResponse",
        "WorkerFlowRunResponse",
        "WorkerResponse",
    ),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


class _Package(_ModuleType):
    """``responses.prefect3``: model names resolve on first use."""

    def __getattr__(self, name: str) -> _typing.Any:
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(_import_module(module), name)
        setattr(self, name, value)
        return value

    def __dir__(self) -> list[str]:
        return sorted(__all__)


_sys.modules[__name__].__class__ = _Package

if _typing.TYPE_CHECKING:  # the same signatures as the 2.20 layer's functions
    from .. import dump, dumps, iter_dumps, iter_loads, loads, structure, unstructure
else:
    loads = converter.loads
    dumps = converter.dumps
    structure = converter.structure
    unstructure = converter.unstructure
    iter_loads = converter.iter_loads
    iter_dumps = converter.iter_dumps
    dump = converter.dump

__all__ = [
    "CollisionStrategy",
    "ConcurrencyLimit",
    "ConcurrencyLimitV2",
    "ConcurrencyLimitWithLeaseResponse",
    "ConcurrencyOptions",
    "Constant",
    "CountByState",
    "CreatedBy",
    "CronSchedule",
    "Decoder",
    "DependencyResult",
    "DeploymentBulkDeleteResponse",
    "DeploymentPaginationResponse",
    "DeploymentResponse",
    "DeploymentSchedule",
    "DeploymentStatus",
    "Encoder",
    "ErrorDetail",
    "FlowRun",
    "FlowRunBulkCreateResponse",
    "FlowRunBulkDeleteResponse",
    "FlowRunBulkSetStateResponse",
    "FlowRunCreateResult",
    "FlowRunInput",
    "FlowRunOrchestrationResult",
    "FlowRunPaginationResponse",
    "FlowRunPolicy",
    "FlowRunResponse",
    "FlowRunResult",
    "FlowRunSlotSummary",
    "GlobalConcurrencyLimitResponse",
    "HistoryResponse",
    "HistoryResponseState",
    "IntervalSchedule",
    "ItemizedDelta",
    "MinimalConcurrencyLimitResponse",
    "OrchestrationResult",
    "Parameter",
    "Prefect3Converter",
    "QueueFilter",
    "RRuleSchedule",
    "RunInput",
    "Schedule",
    "SetStateStatus",
    "SimpleFlowRun",
    "State",
    "StateAbortDetails",
    "StateAcceptDetails",
    "StateDetails",
    "StateRejectDetails",
    "StateResponseDetails",
    "StateType",
    "StateWaitDetails",
    "TaskRun",
    "TaskRunCount",
    "TaskRunPaginationResponse",
    "TaskRunPolicy",
    "TaskRunResponse",
    "TaskRunResult",
    "UITaskRun",
    "UpdatedBy",
    "ValidationError",
    "WorkPoolConcurrencyStatus",
    "WorkPoolResponse",
    "WorkPoolStatus",
    "WorkPoolStorageConfiguration",
    "WorkQueue",
    "WorkQueueConcurrencyStatus",
    "WorkQueueConcurrencyStatusDetail",
    "WorkQueueHealthPolicy",
    "WorkQueueResponse",
    "WorkQueueStatus",
    "WorkQueueStatusDetail",
    "WorkerFlowRunResponse",
    "WorkerResponse",
    "WorkerStatus",
    "converter",
    "dump",
    "dumps",
    "iter_dumps",
    "iter_loads",
    "json_schema",
    "loads",
    "make_converter",
    "openapi_components",
    "structure",
    "unstructure",
]
