"""The Prefect 3.9 converter: the 2.20 converter with Prefect 3.9's rules and writers.

Its scalar rules are pydantic v2's (:data:`responses._rules.RULES_V2`: strings only for
``str``; v2's integers, floats, UUIDs, datetimes and durations), Prefect 3.9's models
being pydantic v2 models throughout; the models' constructors check their fields with
this module's default converter.

Prefect 3.9's server writes every response with pydantic v2's serializer (FastAPI
>= 0.130; ``/flow_runs/filter`` and ``/flow_runs/paginate`` through
``model_dump(mode="json")`` and orjson). The one difference from 2.20's writers that a
model's own fields show is the datetime: a zero UTC offset is written ``Z``. It is a
hook of this converter's (called in both unstructure modes, so orjson gets the text
too); every other writer is the 2.20 layer's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Final

from .._codecs import BackendName
from .._converter import ResponsesConverter, field_checker
from .._rules import RULES_V2, Rule
from .._types import set_default_converter

__all__ = ["Prefect3Converter", "converter", "datetime_text", "make_converter"]


def datetime_text(value: datetime) -> str:
    """ISO 8601 as pydantic v2 writes it: microseconds only when non-zero, a zero UTC
    offset as ``Z``, any other offset as ``+HH:MM`` (naive values without one)."""
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


class Prefect3Converter(ResponsesConverter):
    """A :class:`~responses.ResponsesConverter` writing Prefect 3.9's bytes."""

    __slots__ = ()
    _scalar_rules: ClassVar[tuple[Rule, ...]] = RULES_V2

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register_unstructure_hook(datetime, datetime_text)
        # The hook is this class's own, as the base class's are: copy() makes a new
        # Prefect3Converter (which has it) and copies over only hooks registered later.
        self._struct_copy_skip = self._structure_func.get_num_fns()
        self._unstruct_copy_skip = self._unstructure_func.get_num_fns()

    def copy(self, *args: Any, **kwargs: Any) -> Prefect3Converter:
        copied = super().copy(*args, **kwargs)
        assert isinstance(copied, Prefect3Converter)
        return copied

    def __repr__(self) -> str:
        return "<Prefect3Converter" + super().__repr__()[len("<ResponsesConverter") :]


def make_converter(
    *,
    backend: BackendName | None = None,
    forbid_extra_keys: bool = False,
    gc_pause: bool = False,
) -> Prefect3Converter:
    """A converter for Prefect 3.9's models, as :func:`responses.make_converter`.

    Both backends write Prefect 3.9's datetimes; ``orjson`` also spells floats as
    Prefect 3.9's server does on every route (pydantic-core and orjson agree), while
    ``json`` spells them as Python does (``1e-05`` for ``0.00001``).
    """
    return Prefect3Converter(
        backend=backend, gc_pause=gc_pause, forbid_extra_keys=forbid_extra_keys
    )


converter: Final = make_converter()
"""The default Prefect 3.9 converter: unknown keys ignored, orjson when usable."""

set_default_converter(field_checker(converter), converter.structure, "responses.prefect3")
