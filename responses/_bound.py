"""A decoder and an encoder bound to one type, as msgspec's ``Decoder``/``Encoder``:
for hot loops, the per-call dispatch of ``loads``/``dumps`` done once.

Made by :meth:`ResponsesConverter.decoder` and :meth:`ResponsesConverter.encoder`; they
give exactly the verdicts, values and bytes of ``loads`` and ``dumps`` with the
converter's hooks as they were when the decoder or encoder was made (make a new one
after registering a hook).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Generic, Protocol, TypeVar

from ._codecs import BeyondBackend, Codec, as_bytes
from ._errors import ValidationError, as_validation_error
from ._pieces import ReadBuffer, array_pieces
from ._read import structure_pieces
from ._rules import UnstructureMode

__all__ = ["Decoder", "Encoder", "decode_document"]

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]

NOT_A_LIST: Final = object()


class _Converter(Protocol):
    """What a decoder and an encoder use of the converter that made them."""

    def _hooks(self, cl: Any) -> tuple[Hook, Hook]: ...
    def _unstructure_hook(self, cl: Any, mode: UnstructureMode) -> Callable[[Any], Any]: ...
    def _codec(self, name: str) -> Codec: ...
    def _dumps(self, codec: Codec, obj: Any) -> bytes: ...
    def unstructure(self, obj: Any) -> Any: ...


def decode_document(
    codec: Codec, data: Any, cl: Any, item_type: Any, hooks: tuple[Hook, Hook]
) -> Any:
    """``data`` read as ``cl`` (``item_type`` its items' type, or ``NOT_A_LIST``) with
    the structure hooks for Python input and trusted decoder output: ``loads``' body."""
    raw = as_bytes(data)
    if item_type is NOT_A_LIST:
        value, trusted, _ = codec.decode(raw)
        return structured(hooks[trusted], value, cl)
    return structure_pieces(array_pieces(ReadBuffer(raw), codec), item_type, *hooks)


def structured(hook: Hook, value: Any, cl: Any) -> Any:
    """``hook(value, cl)``, its invalid-input exceptions as one ValidationError."""
    try:
        return hook(value, cl)
    except ValidationError:
        raise
    except ValueError as exc:  # a scalar hook's InvalidValue, or a caller's hook
        raise as_validation_error(exc) from exc


class Decoder(Generic[T]):
    """Reads JSON text into one type: ``decode(data)`` is ``loads(data, type)``."""

    __slots__ = ("_codec", "_hooks", "_item_type", "type")

    type: Any
    """The type it reads (a model class, ``list[Model]``, a union ...)."""

    def __init__(self, converter: _Converter, cl: Any, codec: Codec, item_type: Any) -> None:
        self.type = cl
        self._codec = codec
        self._item_type = item_type
        self._hooks = converter._hooks(cl if item_type is NOT_A_LIST else item_type)

    def decode(self, data: bytes | bytearray | memoryview | str) -> T:
        """The value of ``data``; :class:`~responses.ValidationError` if it is invalid."""
        return decode_document(  # type: ignore[no-any-return]
            self._codec, data, self.type, self._item_type, self._hooks
        )

    def __repr__(self) -> str:
        return (
            f"Decoder({getattr(self.type, '__name__', self.type)!s}, backend={self._codec.name!r})"
        )


class Encoder(Generic[T]):
    """Writes one type as JSON: ``encode(obj)`` is ``dumps(obj)``."""

    __slots__ = ("_codec", "_converter", "_fallback", "_hook", "type")

    type: Any
    """The type it writes."""

    def __init__(self, converter: _Converter, cl: Any, codec: Codec) -> None:
        self.type = cl
        self._converter = converter
        self._codec = codec
        self._fallback = converter._codec("json")
        mode: UnstructureMode = "native" if codec.native else "text"
        self._hook: Callable[[Any], Any] | None = (
            converter._unstructure_hook(cl, mode) if isinstance(cl, type) else None
        )

    def encode(self, obj: T) -> bytes:
        """The bytes ``dumps(obj)`` writes."""
        hook = self._hook
        if hook is not None and obj.__class__ is self.type:
            try:
                return self._codec.encode(hook(obj))
            except BeyondBackend:
                return self._fallback.encode(self._converter.unstructure(obj))
        return self._converter._dumps(self._codec, obj)

    def __repr__(self) -> str:
        return (
            f"Encoder({getattr(self.type, '__name__', self.type)!s}, backend={self._codec.name!r})"
        )
