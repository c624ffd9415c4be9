"""Prefect's enumerations: string enums whose value equals their name."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "DeploymentStatus",
    "SetStateStatus",
    "StateType",
    "WorkQueueStatus",
    "WorkerStatus",
]


class _AutoEnum(str, Enum):  # noqa: UP042 - StrEnum changes format() of members
    """A ``str`` enum whose values are the member names, like Prefect's ``AutoEnum``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return str(self.value)


class _KebabEnum(_AutoEnum):
    def in_kebab_case(self) -> str:
        """The value in kebab case, as Prefect offers: ``NOT_READY`` -> ``not-ready``."""
        return str(self.value).lower().replace("_", "-")


class StateType(_AutoEnum):
    """The type of a run's state."""

    SCHEDULED = "SCHEDULED"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    CRASHED = "CRASHED"
    PAUSED = "PAUSED"
    CANCELLING = "CANCELLING"

    @property
    def is_terminal(self) -> bool:
        """True for COMPLETED, CANCELLED, FAILED and CRASHED."""
        return self in TERMINAL_STATES


TERMINAL_STATES = frozenset(
    {StateType.COMPLETED, StateType.CANCELLED, StateType.FAILED, StateType.CRASHED}
)


class SetStateStatus(_AutoEnum):
    """The orchestration verdict on a proposed state."""

    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    ABORT = "ABORT"
    WAIT = "WAIT"


class WorkQueueStatus(_KebabEnum):
    """Whether a work queue is ready to hand out runs."""

    READY = "READY"
    NOT_READY = "NOT_READY"
    PAUSED = "PAUSED"


class DeploymentStatus(_KebabEnum):
    """Whether a deployment has a worker polling for it."""

    READY = "READY"
    NOT_READY = "NOT_READY"


class WorkerStatus(_AutoEnum):
    """Whether a worker has sent a heartbeat recently."""

    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
