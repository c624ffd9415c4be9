"""Who created or last updated an object."""

from __future__ import annotations

from uuid import UUID

import attrs

from ._types import checked

__all__ = ["CreatedBy", "UpdatedBy"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class CreatedBy:
    """Who or what created an object."""

    id: UUID | None = None
    type: str | None = None
    display_value: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked)
class UpdatedBy:
    """Who or what last updated an object."""

    id: UUID | None = None
    type: str | None = None
    display_value: str | None = None
