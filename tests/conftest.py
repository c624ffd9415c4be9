"""Shared test helpers: the Prefect 2.20 fixture corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import responses

# Bounded by default so that `make test` stays within minutes; for long runs:
#   pytest --hypothesis-profile=long   (or --run-slow for the stress tests too)
settings.register_profile(
    "default",
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the long stress tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="long stress test: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


FIXTURES = Path(__file__).parent / "fixtures" / "prefect-2.20"


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


AVAILABLE_BACKENDS = ["json", "orjson"] if _importable("orjson") else ["json"]
"""The JSON backends this install has (the plain install has the standard library's)."""

# Route files (Python json encoder) and the model each holds.
ROUTE_FILES: dict[str, type] = {
    "created_by.json": responses.CreatedBy,
    "flow_run_policy.json": responses.FlowRunPolicy,
    "flow_run_response.json": responses.FlowRunResponse,
    "history_response.json": responses.HistoryResponse,
    "history_response_state.json": responses.HistoryResponseState,
    "orchestration_result.json": responses.OrchestrationResult,
    "state.json": responses.State,
    "state_abort_details.json": responses.StateAbortDetails,
    "state_accept_details.json": responses.StateAcceptDetails,
    "state_details.json": responses.StateDetails,
    "state_reject_details.json": responses.StateRejectDetails,
    "state_wait_details.json": responses.StateWaitDetails,
    "work_queue_health_policy.json": responses.WorkQueueHealthPolicy,
    "work_queue_response.json": responses.WorkQueueResponse,
    "work_queue_status_detail.json": responses.WorkQueueStatusDetail,
    "work_queue_with_status.json": responses.WorkQueueWithStatus,
    "deployment_response.json": responses.DeploymentResponse,
    "worker_response.json": responses.WorkerResponse,
    "worker_flow_run_response.json": responses.WorkerFlowRunResponse,
    "global_concurrency_limit_response.json": responses.GlobalConcurrencyLimitResponse,
    "updated_by.json": responses.UpdatedBy,
}

# Filter files (orjson encoder).
FILTER_FILES: dict[str, type] = {
    "flow_run_response_filter.json": responses.FlowRunResponse,
}


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_bytes())


def route_encode(value: Any) -> bytes:
    """Prefect's route encoding (starlette JSONResponse)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def sort_pause_keys(value: Any) -> Any:
    """The value with every ``pause_keys`` array sorted (a set: its order is arbitrary)."""
    if isinstance(value, dict):
        return {
            key: sorted(item, key=repr)
            if key == "pause_keys" and isinstance(item, list)
            else sort_pause_keys(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [sort_pause_keys(item) for item in value]
    return value


@pytest.fixture(scope="session")
def orjson() -> Any:
    return pytest.importorskip("orjson")
