"""Prefect 2.20's REST API responses as frozen attrs classes, read and written by cattrs.

>>> import responses
>>> run = responses.loads(body, responses.FlowRunResponse)
>>> responses.dumps(run)  # the same bytes Prefect's server sends

The module functions are the methods of ``converter``, the default
:class:`ResponsesConverter`; ``make_converter()`` builds one with other settings
(JSON backend, unknown keys forbidden, garbage-collector pause).
"""

import os as _os
import sys as _sys
import typing as _typing
import warnings as _warnings
from importlib import import_module as _import_module
from types import ModuleType as _ModuleType

from ._bound import Decoder, Encoder
from ._clash import DISTRIBUTION as __distribution__
from ._clash import foreign_modules as _foreign_modules
from ._codecs import BackendName
from ._converter import ResponsesConverter, configure_converter, converter, make_converter
from ._enums import DeploymentStatus, SetStateStatus, StateType, WorkerStatus, WorkQueueStatus
from ._errors import ErrorDetail, ValidationError

if _typing.TYPE_CHECKING:
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

# Each group of models loads the first time one of its names is used: a service that
# reads flow runs does not pay for deployments, schedules and JSON Schema.
_LAZY = {
    "._actors": ("CreatedBy", "UpdatedBy"),
    "._concurrency": ("GlobalConcurrencyLimitResponse",),
    "._deployments": ("DeploymentResponse", "DeploymentSchedule"),
    "._details": (
        "OrchestrationResult",
        "StateAbortDetails",
        "StateAcceptDetails",
        "StateRejectDetails",
        "StateResponseDetails",
        "StateWaitDetails",
    ),
    "._flow_runs": ("FlowRun", "FlowRunPolicy", "FlowRunResponse"),
    "._history": ("HistoryResponse", "HistoryResponseState"),
    "._schedules": ("CronSchedule", "IntervalSchedule", "RRuleSchedule", "Schedule"),
    "._schema": ("json_schema", "openapi_components"),
    "._slugs": ("generate_slug",),
    "._states": ("State", "StateDetails"),
    "._work_queues": (
        "QueueFilter",
        "WorkQueueHealthPolicy",
        "WorkQueueResponse",
        "WorkQueueStatusDetail",
        "WorkQueueWithStatus",
    ),
    "._workers": ("WorkerFlowRunResponse", "WorkerResponse"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


class _Package(_ModuleType):
    """The ``responses`` module: names of the model groups resolve on first use.

    The hooks live on this class, not in the module's namespace, so ``dir()`` and
    ``help()`` show the public API only (and list every name of ``__all__``).
    """

    def __getattr__(self, name: str) -> _typing.Any:
        if name == "__version__":  # read from the installed metadata on first use
            from importlib.metadata import PackageNotFoundError, version

            try:
                self.__version__ = version(__distribution__)
            except PackageNotFoundError:  # a source tree on sys.path, not installed
                self.__version__ = "0+unknown"
            return self.__version__
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(_import_module(module, self.__name__), name)
        setattr(self, name, value)
        return value

    def __dir__(self) -> list[str]:
        return [*sorted(__all__), "__version__"]


_sys.modules[__name__].__class__ = _Package

if _foreign_modules(_os.path.dirname(__file__)):  # see responses._clash
    from ._clash import clash_problem as _clash_problem

    _warnings.warn(str(_clash_problem(_sys.modules[__name__])), RuntimeWarning, stacklevel=2)

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
    "Decoder",
    "DeploymentResponse",
    "DeploymentSchedule",
    "DeploymentStatus",
    "Encoder",
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
    "configure_converter",
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
