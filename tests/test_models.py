"""Model behaviour: defaults, equality, hashing, immutability, from_orm."""

from __future__ import annotations

import copy
import inspect
import pickle
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from uuid import UUID, uuid4

import attrs
import pytest

import responses
from responses import (
    FlowRunPolicy,
    FlowRunResponse,
    State,
    StateDetails,
    StateType,
    WorkQueueResponse,
)
from responses._types import FieldCheck

FLOW = UUID("00000000-0000-4000-8000-000000000002")


def test_public_api_is_importable() -> None:
    for name in responses.__all__:
        assert hasattr(responses, name), name
    assert issubclass(responses.ValidationError, ValueError)


def test_defaults_are_generated_as_prefect_does() -> None:
    first, second = FlowRunResponse(flow_id=FLOW), FlowRunResponse(flow_id=FLOW)
    assert first.id != second.id
    assert first.id.version == 4
    assert re.fullmatch(r"[a-z]+-[a-z]+", first.name)
    assert first.empirical_policy == FlowRunPolicy()
    assert first.parameters == {} and first.parameters is not second.parameters
    assert first.total_run_time == timedelta(0)
    assert responses.loads(b'{"flow_id": "%s"}' % str(FLOW).encode(), FlowRunResponse).name


def test_state_name_and_schedule_defaults() -> None:
    state = State(type=StateType.CANCELLING)
    assert state.name == "Cancelling"
    assert State(type=StateType.RUNNING, name="").name == ""
    scheduled = State(type=StateType.SCHEDULED)
    assert scheduled.state_details.scheduled_time is not None
    assert scheduled.timestamp.tzinfo is UTC
    loaded = responses.structure({"type": "RUNNING", "name": None}, State)
    assert loaded.name == "Running"


def test_flow_run_policy_copies_legacy_fields_like_the_wire() -> None:
    assert FlowRunPolicy(max_retries=2, retry_delay_seconds=1.5).retry_delay == 1
    assert FlowRunPolicy(max_retries=2, retry_delay_seconds=1.5).retries == 2
    assert FlowRunPolicy(retry_delay_seconds=0.5).retry_delay == 0.5
    assert FlowRunPolicy(retries=3, max_retries=2).retries == 3


def test_models_are_frozen_and_evolve() -> None:
    run = FlowRunResponse(flow_id=FLOW, name="keen-raven")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        run.name = "other"  # type: ignore[misc]
    renamed = attrs.evolve(run, name="proud-otter")
    assert renamed.name == "proud-otter"
    assert run.name == "keen-raven"


def test_flow_run_equality_ignores_the_estimates() -> None:
    run = FlowRunResponse(flow_id=FLOW, name="keen-raven")
    later = attrs.evolve(
        run,
        estimated_run_time=timedelta(seconds=5),
        estimated_start_time_delta=timedelta(seconds=9),
    )
    assert run == later
    assert run != attrs.evolve(run, id=uuid4())
    assert run != attrs.evolve(run, total_run_time=timedelta(seconds=1))


def test_hashing_follows_the_fields() -> None:
    # classes holding dicts or lists are unhashable, like Prefect's mutable models
    for unhashable in (
        FlowRunResponse(flow_id=FLOW),
        StateDetails(),
        WorkQueueResponse(name="q"),
        responses.HistoryResponse(
            interval_start=datetime.now(UTC),
            interval_end=datetime.now(UTC),
            states=[],
        ),
    ):
        with pytest.raises(TypeError):
            hash(unhashable)
    # the others hash consistently with equality
    policy = FlowRunPolicy(pause_keys=frozenset({"a", "b"}))
    assert hash(policy) == hash(FlowRunPolicy(pause_keys=frozenset({"b", "a"})))
    assert hash(responses.StateWaitDetails(delay_seconds=3)) == hash(
        responses.StateWaitDetails(delay_seconds=3)
    )
    # State keeps Prefect's hash over the run ids, timestamp and type
    moment = datetime(2024, 5, 1, tzinfo=UTC)
    one = State(type=StateType.RUNNING, timestamp=moment)
    two = State(type=StateType.RUNNING, timestamp=moment, id=one.id)
    assert one == two and hash(one) == hash(two)


def test_pickle_and_copy() -> None:
    run = FlowRunResponse(flow_id=FLOW, parameters={"x": [1]}, state=State(type=StateType.PAUSED))
    for clone in (pickle.loads(pickle.dumps(run)), copy.copy(run), copy.deepcopy(run)):
        assert clone == run


def test_from_orm_reads_attributes_and_relationships() -> None:
    pool = SimpleNamespace(id=uuid4(), name="pool")
    queue = SimpleNamespace(id=uuid4(), name="queue", work_pool=pool)
    state = SimpleNamespace(
        id=uuid4(),
        type=StateType.RUNNING,
        name=None,
        timestamp=datetime(2024, 5, 1, 12),
        message=None,
        data=None,
        state_details=SimpleNamespace(flow_run_id=uuid4()),
    )
    row = SimpleNamespace(
        id=uuid4(),
        name="keen-raven",
        flow_id=FLOW,
        tags=["a"],
        state=state,
        work_queue=queue,
        created=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
    )
    run = FlowRunResponse.from_orm(row)
    assert run.work_queue_id == queue.id and run.work_queue_name == "queue"
    assert run.work_pool_id == pool.id and run.work_pool_name == "pool"
    assert run.state is not None and run.state.name == "Running"
    assert run.state.timestamp.tzinfo is UTC
    assert run.state.state_details.flow_run_id == state.state_details.flow_run_id

    bare = FlowRunResponse.from_orm(SimpleNamespace(flow_id=FLOW, work_queue=None))
    assert bare.work_queue_name is None

    queue_row = SimpleNamespace(id=uuid4(), name="q", priority=2, status="READY", work_pool=pool)
    work_queue = WorkQueueResponse.from_orm(queue_row)
    assert work_queue.work_pool_name == "pool"
    assert work_queue.status is responses.WorkQueueStatus.READY

    with pytest.raises(responses.ValidationError, match=r"\$\.name"):
        WorkQueueResponse.from_orm(SimpleNamespace(name="a/b"))


def test_health_policy_evaluation() -> None:
    policy = responses.WorkQueueHealthPolicy(
        maximum_late_runs=0, maximum_seconds_since_last_polled=60
    )
    now = datetime.now(UTC)
    assert policy.evaluate_health_status(0, now)
    assert not policy.evaluate_health_status(1, now)
    assert not policy.evaluate_health_status(0, None)
    assert not policy.evaluate_health_status(0, now - timedelta(minutes=5))
    relaxed = responses.WorkQueueHealthPolicy(
        maximum_late_runs=None, maximum_seconds_since_last_polled=None
    )
    assert relaxed.evaluate_health_status(100, None)


def test_enums_look_like_prefects() -> None:
    assert repr(responses.SetStateStatus.ACCEPT) == "SetStateStatus.ACCEPT"
    assert responses.WorkQueueStatus.NOT_READY.in_kebab_case() == "not-ready"
    assert StateType.CRASHED.is_terminal and not StateType.RUNNING.is_terminal


def test_constructor_signatures_stay_readable() -> None:
    """The field checks share one signature (attrs reads it per field); the models'
    ``__init__`` keeps every field with its type, the check class its own signature."""
    check = FieldCheck(responses.FlowRunResponse, "name")
    assert list(inspect.signature(check).parameters) == ["value"]
    assert list(inspect.signature(FieldCheck).parameters) == ["owner", "name"]
    init = inspect.signature(responses.FlowRunResponse)
    assert "flow_id" in init.parameters and "name" in init.parameters
    assert responses.FlowRunResponse.__init__.__annotations__["name"] == "Any"


def _model_classes() -> list[type]:
    from responses import prefect3

    found = {
        value
        for module in (responses, prefect3)
        for value in (getattr(module, name) for name in module.__all__)
        if isinstance(value, type) and attrs.has(value)
    }
    return sorted(found, key=lambda cl: (cl.__module__, cl.__qualname__))


@pytest.mark.parametrize("cl", [cl for cl in _model_classes() if hasattr(cl, "_pre_structure")])
def test_constructors_run_the_pre_structure_step_as_structure_does(cl: type) -> None:
    # One way: pre_structure_on_init wraps the constructor of every model with a
    # _pre_structure step (Prefect's mode="before" validators), keeping attrs' signature.
    init = cl.__dict__["__init__"]
    assert init.__module__ == "responses._types", cl
    assert init.__qualname__ == f"{cl.__qualname__}.__init__"
    assert list(inspect.signature(init).parameters) == [
        "self",
        *(f.alias for f in attrs.fields(cl) if f.init),
    ]


def test_a_pre_structure_refusal_names_the_same_field_on_every_path() -> None:
    from responses import prefect3

    deployment = {
        "name": "d",
        "flow_id": FLOW,
        "job_variables": {"a": 1},
        "infra_overrides": {"a": 2},
    }
    pool = {"name": "p", "type": "process", "default_queue_id": None}
    for converter, cl, values, path in (
        (responses, responses.DeploymentResponse, deployment, "$.job_variables"),
        (prefect3, prefect3.WorkPoolResponse, pool, "$.default_queue_id"),
    ):
        seen = [
            _refusal(converter.structure, values, cl),
            _refusal(lambda values, cl: cl(**values), values, cl),
            _refusal(converter.structure, [values], list[cl]),
        ]
        assert seen[0] == seen[1] and seen[0][0][0] == path, seen
        assert seen[2] == [(path.replace("$", "$[0]", 1), seen[0][0][1])]


def _refusal(read: Callable[..., object], values: object, cl: object) -> list[tuple[str, str]]:
    with pytest.raises(responses.ValidationError) as caught:
        read(values, cl)
    return [(e.path, e.message) for e in caught.value.errors]
