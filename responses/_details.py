"""The orchestration verdict: ``OrchestrationResult`` and its details union."""

from __future__ import annotations

from typing import Literal

import attrs

from ._enums import SetStateStatus
from ._states import State
from ._types import checked

__all__ = [
    "OrchestrationResult",
    "StateAbortDetails",
    "StateAcceptDetails",
    "StateRejectDetails",
    "StateResponseDetails",
    "StateWaitDetails",
]


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateAcceptDetails:
    """The proposed state was accepted."""

    type: Literal["accept_details"] = "accept_details"


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateRejectDetails:
    """The proposed state was rejected."""

    type: Literal["reject_details"] = "reject_details"
    reason: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateAbortDetails:
    """The transition was aborted."""

    type: Literal["abort_details"] = "abort_details"
    reason: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class StateWaitDetails:
    """The caller should wait ``delay_seconds`` and propose again."""

    type: Literal["wait_details"] = "wait_details"
    delay_seconds: int
    reason: str | None = None


StateResponseDetails = (
    StateAcceptDetails | StateWaitDetails | StateRejectDetails | StateAbortDetails
)
"""The details union, told apart by its ``type`` tag."""


@attrs.frozen(kw_only=True, unsafe_hash=False, field_transformer=checked)
class OrchestrationResult:
    """The answer to a proposed state: the resulting state, a status and details.

    Prefect does not check ``status`` against ``details``; neither do we.
    """

    state: State | None = None
    status: SetStateStatus
    details: StateResponseDetails
