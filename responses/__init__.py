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

if _typing.TYPE_CHECKING:  # the methods' signatures, declared for type checkers
    __version__: str
    from collections.abc import Iterable as _Iterable
    from collections.abc import Iterator as _Iterator

    from ._pieces import Source as _Source
    from ._read import ErrorMode as _ErrorMode

    _T = _typing.TypeVar("_T")
    _Text = bytes | bytearray | memoryview | str

    @_typing.overload
    def loads(
        data: _Text,
        cl: type[_T],
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> _T: ...
    @_typing.overload
    def loads(
        data: _Text,
        cl: _typing.Any,
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> _typing.Any: ...
    def loads(
        data: _Text,
        cl: _typing.Any,
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> _typing.Any:
        """Parse JSON text into ``cl``, validating it (``converter.loads``)."""

    def dumps(
        obj: _typing.Any, *, backend: BackendName | None = None, gc_pause: bool | None = None
    ) -> bytes:
        """A model (or list of models) as Prefect writes it (``converter.dumps``)."""

    @_typing.overload
    def structure(obj: _typing.Any, cl: type[_T], *, gc_pause: bool | None = None) -> _T: ...
    @_typing.overload
    def structure(
        obj: _typing.Any, cl: _typing.Any, *, gc_pause: bool | None = None
    ) -> _typing.Any: ...
    def structure(
        obj: _typing.Any, cl: _typing.Any, *, gc_pause: bool | None = None
    ) -> _typing.Any:
        """Validate builtins into ``cl`` (``converter.structure``)."""

    def unstructure(
        obj: _typing.Any, unstructure_as: _typing.Any = None, *, gc_pause: bool | None = None
    ) -> _typing.Any:
        """A model as JSON-compatible builtins (``converter.unstructure``)."""

    from typing_extensions import deprecated as _deprecated

    @_typing.overload
    @_deprecated("iter_loads yields items: pass the item type, not list[...] (a TypeError)")
    def iter_loads(
        source: _Source,
        cl: type[list[_typing.Any]],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: _ErrorMode = "raise",
    ) -> _typing.Never: ...
    @_typing.overload
    def iter_loads(
        source: _Source,
        cl: type[_T],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: _ErrorMode = "raise",
    ) -> _Iterator[_T]: ...
    def iter_loads(
        source: _Source,
        cl: type[_T],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: _ErrorMode = "raise",
    ) -> _Iterator[_T]:
        """Validated items of a JSON array or NDJSON, one at a time (``converter.iter_loads``)."""

    def iter_dumps(
        objects: _Iterable[_typing.Any], *, lines: bool = False, backend: BackendName | None = None
    ) -> _Iterator[bytes]:
        """Chunks of a JSON array or NDJSON (``converter.iter_dumps``)."""

    def dump(
        objects: _Iterable[_typing.Any],
        file: _typing.IO[bytes],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
    ) -> None:
        """Write ``iter_dumps(objects)`` to a binary file (``converter.dump``)."""

else:
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
