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

The server's Python matters too: Prefect 3.9 keeps datetimes with pendulum up to
Python 3.12 and with the standard library and ``whenever`` from 3.13, and an interval
schedule then holds an ISO 8601 interval as it was given (``"P1D"``) and a naive
anchor as naive. ``server_python`` says which server the converter speaks for: it
chooses how the fields marked :class:`~responses._types.ByServerPython` are read and
written, when code is generated (as ``forbid_extra_keys`` does).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Final, Literal, SupportsIndex, get_args

from .._codecs import BackendName
from .._converter import ResponsesConverter, field_checker
from .._rules import RULES_V2, Rule
from .._types import set_default_converter

__all__ = ["Prefect3Converter", "ServerPython", "converter", "datetime_text", "make_converter"]

ServerPython = Literal["3.11", "3.12", "3.13", "3.14", "3.15"]
"""The Python versions Prefect 3.9.1 runs on (``Requires-Python: >=3.11,<3.16``)."""

SERVER_PYTHONS: Final[tuple[str, ...]] = get_args(ServerPython)
DEFAULT_SERVER_PYTHON: Final = "3.12"


def datetime_text(value: datetime) -> str:
    """ISO 8601 as pydantic v2 writes it: microseconds only when non-zero, a zero UTC
    offset as ``Z``, any other offset as ``+HH:MM`` (naive values without one)."""
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


def _checked_server_python(value: Any) -> str:
    if value not in SERVER_PYTHONS:
        raise ValueError(
            f"server_python must be one of {', '.join(map(repr, SERVER_PYTHONS))} "
            f"(the Pythons Prefect 3.9.1 runs on), not {value!r}"
        )
    return value  # type: ignore[no-any-return]


class Prefect3Converter(ResponsesConverter):
    """A :class:`~responses.ResponsesConverter` writing Prefect 3.9's bytes, for a
    server on Python ``server_python``."""

    __slots__ = ("server_python",)
    _scalar_rules: ClassVar[tuple[Rule, ...]] = RULES_V2

    server_python: ServerPython

    def __init__(
        self, *args: Any, server_python: ServerPython = DEFAULT_SERVER_PYTHON, **kwargs: Any
    ) -> None:
        self.server_python = _checked_server_python(server_python)  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self._init_options["server_python"] = server_python  # pickled with the recipe
        self.register_unstructure_hook(datetime, datetime_text)
        # The hook is this class's own, as the base class's are: copy() makes a new
        # Prefect3Converter (which has it) and copies over only hooks registered later,
        # and pickling does not record it (a restored converter would register it again).
        self._struct_copy_skip = self._structure_func.get_num_fns()
        self._unstruct_copy_skip = self._unstructure_func.get_num_fns()
        self._registrations.clear()

    def copy(
        self, *args: Any, server_python: ServerPython | None = None, **kwargs: Any
    ) -> Prefect3Converter:
        """A copy with every hook and setting of this one, but those given."""
        copied = super().copy(*args, **kwargs)
        assert isinstance(copied, Prefect3Converter)
        chosen = _checked_server_python(
            self.server_python if server_python is None else server_python
        )
        copied.server_python = chosen  # type: ignore[assignment]
        copied._init_options["server_python"] = chosen
        return copied

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        if self is converter:
            return "converter"  # the module global: unpickles as that very object
        return super().__reduce_ex__(protocol)

    def __repr__(self) -> str:
        rest = super().__repr__()[len("<ResponsesConverter") : -1]
        return f"<Prefect3Converter{rest} server_python={self.server_python!r}>"


def make_converter(
    *,
    backend: BackendName | None = None,
    forbid_extra_keys: bool = False,
    gc_pause: bool = False,
    server_python: ServerPython = DEFAULT_SERVER_PYTHON,
) -> Prefect3Converter:
    """A converter for Prefect 3.9's models, as :func:`responses.make_converter`.

    Both backends write Prefect 3.9's datetimes; ``orjson`` also spells floats as
    Prefect 3.9's server does on every route (pydantic-core and orjson agree), while
    ``json`` spells them as Python does (``1e-05`` for ``0.00001``).

    ``server_python`` is the Python the Prefect server runs on (``"3.11"`` to
    ``"3.15"``; ``"3.12"`` by default, which reads and writes as 3.11 does). From
    ``"3.13"`` an interval schedule's ISO 8601 interval is read as an
    :class:`~responses.prefect3.ItemizedDelta` and written back as such (``"P1D"``),
    and a naive anchor date stays naive; before, they are a duration (written in
    seconds, ``86400.0``) and an anchor in UTC (``...Z``), whichever converter read them.
    """
    return Prefect3Converter(
        backend=backend,
        gc_pause=gc_pause,
        forbid_extra_keys=forbid_extra_keys,
        server_python=server_python,
    )


converter: Final = make_converter()
"""The default Prefect 3.9 converter: unknown keys ignored, orjson when usable."""

set_default_converter(field_checker(converter), converter.structure, "responses.prefect3")
