"""Whether orjson can be used here, checked once."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from types import ModuleType
from uuid import UUID

__all__ = ["usable_orjson"]


@functools.cache
def usable_orjson() -> ModuleType | None:
    """orjson, if it is installed and writes UUIDs and datetimes exactly as this
    interpreter's ``str()`` and ``isoformat()`` do; ``None`` otherwise.

    In a subinterpreter orjson cannot recognise these types, so there it is not used
    by default.
    """
    try:
        import orjson
    except ImportError:
        return None
    probe_uuid = UUID(int=0x1234567890ABCDEF1234567890ABCDEF)
    probe_time = datetime(2024, 5, 1, 5, 30, 0, 17, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    try:
        written = orjson.dumps([probe_uuid, probe_time])
    except TypeError:
        return None
    expected = f'["{probe_uuid}","{probe_time.isoformat()}"]'.encode()
    return orjson if written == expected else None
