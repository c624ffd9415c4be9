"""Global concurrency limits."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

import attrs

from ._types import checked

__all__ = ["GlobalConcurrencyLimitResponse"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class GlobalConcurrencyLimitResponse:
    """A named concurrency limit shared across runs, with slots that decay over time."""

    id: UUID = attrs.field(factory=uuid4)
    created: datetime | None = None
    updated: datetime | None = None
    active: bool = True
    name: str
    limit: int
    active_slots: int
    slot_decay_per_second: float = 2.0
