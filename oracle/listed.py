"""Refusals of ours that the README's input-contract table lists: spellings Prefect
accepts but never emits, which we reject on purpose. Anything else we refuse while
Prefect accepts is a failure of the oracle run."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_TIME_ONLY = re.compile(r"[0-9]{1,2}:[0-9]{1,2}?(?::[0-9]{1,2})?(?:[.,][0-9]{1,9})?")


def listed_refusal(kind: str, raw: Any) -> str | None:
    """The README's reason for refusing ``raw`` in a field of ``kind``, or None."""
    if kind == "aware datetime" and isinstance(raw, str):
        if raw == "now" or _TIME_ONLY.fullmatch(raw.strip()):
            return "clock-dependent datetime"
    return None
