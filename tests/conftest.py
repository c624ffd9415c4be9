"""Shared test helpers: the Prefect 2.20 fixture corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import responses

FIXTURES = Path(__file__).parent / "fixtures" / "prefect-2.20"

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
