"""The converter: a cattrs ``Converter`` that is also the JSON codec.

As with cattrs' preconf converters, configuration lives on the object:
``make_converter(backend=..., forbid_extra_keys=..., gc_pause=...)`` returns a
:class:`ResponsesConverter` whose ``loads``/``dumps``/``structure``/``unstructure``
use it; ``copy()`` keeps all of it, and hooks registered on a copy apply to the
generated code of that copy only.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import IO, Annotated, Any, Final, Literal, TypeVar, get_args, get_origin, overload
from uuid import UUID

import attrs
import cattrs

from ._backends import Backend, BackendName, BeyondBackend, backend_named, default_backend_name
from ._codegen import (
    CodeGenerator,
    ignoring_checked,
    is_enum,
    is_model_union,
    is_tagged_union,
    is_union,
    split_optional,
)
from ._errors import MAX_ERRORS, ErrorDetail, ValidationError, as_validation_error, error_details
from ._gc import call_with_gc_paused
from ._orjson import usable_orjson
from ._scalars import (
    enum_structure_hook,
    make_literal_structure,
    structure_bool,
    structure_datetime,
    structure_dict_any,
    structure_dict_str,
    structure_float,
    structure_frozenset,
    structure_int,
    structure_json_value,
    structure_str_like,
    structure_str_list,
    structure_timedelta,
    structure_uuid,
)
from ._streaming import (
    CHUNK,
    Source,
    Unsplittable,
    array_pieces,
    encode_chunks,
    iter_items,
    validated,
)

__all__ = ["ResponsesConverter", "converter", "field_check", "make_converter"]

T = TypeVar("T")
Hook = Callable[..., Any]


def _identity(value: Any) -> Any:
    return value


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def unstructure_str_like(value: str) -> str:
    """The converter's unstructure hook for ``str`` and (as cattrs dispatches) its
    subclasses: enums as their value, other subclasses as plain strings."""
    if value.__class__ is str:
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str.__str__(value)


def _unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return list(value)


def _uuid_text(value: UUID) -> str:
    return str(value)


def _datetime_text(value: datetime) -> str:
    return value.isoformat()


def _duration_seconds(value: timedelta) -> float:
    return value.total_seconds()


class ResponsesConverter(cattrs.Converter):
    """A cattrs converter for the models that reads and writes JSON itself.

    Made by :func:`make_converter`; ``responses.converter`` is the default one.
    ``backend`` is the JSON codec (``"json"`` or ``"orjson"``), ``gc_pause``
    whether bulk calls pause the cyclic garbage collector (off unless asked).
    """

    __slots__ = ("_codecs", "_generator", "_wire", "backend", "gc_pause")

    backend: BackendName
    gc_pause: bool

    def __init__(
        self,
        *args: Any,
        backend: BackendName | None = None,
        gc_pause: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.backend = backend or default_backend_name()
        self.gc_pause = gc_pause
        self._codecs: dict[str, Backend] = {}
        self._codec(self.backend)  # an unknown or missing backend fails here, not later
        # cattrs' copy() calls the class with positional arguments, then copies the
        # original's hooks in: a copy installs none of its own.
        self._generator: CodeGenerator = _NO_GENERATOR if args else _install_hooks(self)
        self._wire: dict[type, tuple[Hook, Hook]] = {}

    def copy(
        self,
        *args: Any,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
        **kwargs: Any,
    ) -> ResponsesConverter:
        """A copy with every hook and setting of this one, but those given."""
        copied = super().copy(*args, **kwargs)
        copied.backend = backend or self.backend
        copied._codec(copied.backend)
        copied.gc_pause = self.gc_pause if gc_pause is None else gc_pause
        copied._generator = self._generator
        return copied

    def __repr__(self) -> str:
        return (
            f"<ResponsesConverter backend={self.backend!r} "
            f"forbid_extra_keys={self.forbid_extra_keys} gc_pause={self.gc_pause}>"
        )

    # --- builtins ---------------------------------------------------------------

    @overload
    def structure(self, obj: Any, cl: type[T], *, gc_pause: bool | None = None) -> T: ...
    @overload
    def structure(self, obj: Any, cl: Any, *, gc_pause: bool | None = None) -> Any: ...
    def structure(self, obj: Any, cl: Any, *, gc_pause: bool | None = None) -> Any:
        """Validate JSON-compatible builtins into ``cl`` (a model class or ``list[Model]``).

        Raises :class:`~responses.ValidationError` listing the problems found.
        """
        if self._pausing(gc_pause, obj.__class__ is list):
            return call_with_gc_paused(self._structure, obj, cl, False)
        return self._structure(obj, cl, False)

    def _structure(self, value: Any, cl: Any, checked: bool) -> Any:
        """``value`` structured as ``cl`` (``checked``: fresh from a checked decode)."""
        try:
            return self._taking_checked(cl)(value, cl, checked)
        except ValidationError:
            raise
        except ValueError as exc:  # a scalar hook's InvalidValue, or a caller's hook
            raise as_validation_error(exc) from exc

    def _taking_checked(self, cl: Any) -> Hook:
        """The structure hook of ``cl``, callable as ``(value, cl, checked)``: ours take
        the flag, a hook of the caller's is called with cattrs' two arguments."""
        hook: Hook = self.get_structure_hook(cl)
        return hook if self._generator.is_ours(hook) else ignoring_checked(hook)

    def unstructure(
        self, obj: Any, unstructure_as: Any = None, *, gc_pause: bool | None = None
    ) -> Any:
        """A model (or list of models) as JSON-compatible builtins, keys in Prefect's order.

        Dicts held by the model (``parameters``, ``context`` ...) are shared, not copied.
        """
        if unstructure_as is not None or obj.__class__ is not list:
            return super().unstructure(obj, unstructure_as)
        if self._pausing(gc_pause, True):
            return call_with_gc_paused(self._unstructure_list, obj, self.get_unstructure_hook)
        return self._unstructure_list(obj, self.get_unstructure_hook)

    @staticmethod
    def _unstructure_list(items: list[Any], hook_of: Callable[[Any], Hook]) -> list[Any]:
        if not items:
            return []
        first = items[0].__class__
        hook = hook_of(first)
        out: list[Any] = []
        append = out.append
        for item in items:
            if item.__class__ is not first:
                return [hook_of(item.__class__)(item) for item in items]
            append(hook(item))
        return out

    # --- JSON -------------------------------------------------------------------

    @overload
    def loads(
        self,
        data: bytes | bytearray | memoryview | str,
        cl: type[T],
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> T: ...
    @overload
    def loads(
        self,
        data: bytes | bytearray | memoryview | str,
        cl: Any,
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> Any: ...
    def loads(
        self,
        data: bytes | bytearray | memoryview | str,
        cl: Any,
        *,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
    ) -> Any:
        """Parse JSON text into ``cl`` (a model class or ``list[Model]``), validating it.

        Raises :class:`~responses.ValidationError` for text that is not JSON and for
        every invalid value.
        """
        codec = self._codec(backend or self.backend)
        if self._pausing(gc_pause, _list_item_type(cl) is not _NOT_A_LIST):
            return call_with_gc_paused(self._loads, codec, data, cl)
        return self._loads(codec, data, cl)

    def _loads(self, codec: Backend, data: Any, cl: Any) -> Any:
        item_type = _list_item_type(cl)
        if item_type is not _NOT_A_LIST and data.__class__ is bytes and len(data) > SPLIT_ABOVE:
            try:
                return self._structure_items(array_pieces(data, codec), item_type)
            except Unsplittable:
                pass  # decoded whole below, which also gives the verdict on bad JSON
        decoded, checked = codec.decode_checked(data)
        if decoded.__class__ is list and item_type is not _NOT_A_LIST:
            return self._structure_items([(decoded, checked)], item_type)
        return self._structure(decoded, cl, checked)

    def _structure_items(
        self, pieces: Iterable[tuple[list[Any], bool]], item_type: Any
    ) -> list[Any]:
        """Structure freshly decoded lists (the pieces of one array, each with its
        ``checked`` flag) item by item, dropping each decoded item once it is read:
        the parsed dicts die as the objects are made, not all at the end. Once too
        many errors are found, the remaining pieces are only decoded (a document
        that is not JSON gets that verdict, wherever the fault)."""
        hook = self._taking_checked(item_type)
        out = []
        errors: list[ErrorDetail] = []
        index = 0
        for decoded, checked in pieces:
            if len(errors) > MAX_ERRORS:
                continue
            for position in range(len(decoded)):
                item = decoded[position]
                decoded[position] = None
                try:
                    out.append(hook(item, item_type, checked))
                except ValueError as exc:
                    errors.extend(error_details(exc, index + position))
                    if len(errors) > MAX_ERRORS:
                        break
            index += len(decoded)
        if errors:
            raise ValidationError(errors)
        return out

    def iter_loads(
        self,
        source: Source,
        cl: type[T],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
    ) -> Iterator[T]:
        """Validated objects of ``cl``, one at a time, from a JSON array (or, with
        ``lines``, newline-delimited JSON) read from ``source``: ``bytes``, a binary
        file, or an iterable of ``bytes`` chunks (an HTTP response's ``iter_bytes()``).

        Memory holds a read buffer and the items of about 64 KB decoded at once, not
        the document; time is linear in the input. Any chunking gives the same result.
        A bad item raises :class:`~responses.ValidationError` with its index once the
        items before it have been yielded; so do truncated input, data after the array
        and a top level that is not an array (with the byte offset).
        """
        codec = self._codec(backend or self.backend)
        hook = self._taking_checked(cl)
        return iter_items(
            source, codec, validated(lambda value, checked: hook(value, cl, checked)), lines=lines
        )

    def iter_dumps(
        self, objects: Iterable[Any], *, lines: bool = False, backend: BackendName | None = None
    ) -> Iterator[bytes]:
        """``bytes`` chunks of a JSON array (or, with ``lines``, newline-delimited JSON)
        of ``objects``, any iterable: together, the bytes ``dumps(list(objects))`` writes."""
        codec = self._codec(backend or self.backend)
        return encode_chunks(
            codec, self._codec("json"), objects, self._unstructure_batch, lines=lines
        )

    def dump(
        self,
        objects: Iterable[Any],
        file: IO[bytes],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
    ) -> None:
        """Write ``iter_dumps(objects)`` to a binary file."""
        for chunk in self.iter_dumps(objects, lines=lines, backend=backend):
            file.write(chunk)

    def _unstructure_batch(self, batch: list[Any], codec: Backend) -> list[Any]:
        hook_of = self._wire_hook if codec.native else self.get_unstructure_hook
        return self._unstructure_list(batch, hook_of)

    def dumps(
        self, obj: Any, *, backend: BackendName | None = None, gc_pause: bool | None = None
    ) -> bytes:
        """A model (or list of models) as compact UTF-8 JSON, exactly as Prefect writes it."""
        codec = self._codec(backend or self.backend)
        if self._pausing(gc_pause, obj.__class__ is list):
            return call_with_gc_paused(self._dumps, codec, obj)
        return self._dumps(codec, obj)

    def _dumps(self, codec: Backend, obj: Any) -> bytes:
        if obj.__class__ is list and len(obj) > CHUNK:
            # written a chunk at a time, as iter_dumps does: each chunk's dicts are
            # encoded while the objects they come from are still in the CPU cache
            # (joining views of the encoder's output instead of copies was measured:
            # 2% faster at 200 runs, 18% slower at 10,000, as every buffer stays alive)
            chunks = encode_chunks(
                codec, self._codec("json"), obj, self._unstructure_batch, lines=False
            )
            return b"".join(chunks)
        hook_of = self._wire_hook if codec.native else self.get_unstructure_hook
        try:
            if obj.__class__ is list:  # one chunk: the same bytes, without the machinery
                return codec.encode(self._unstructure_list(obj, hook_of))
            return codec.encode(hook_of(obj.__class__)(obj))
        except BeyondBackend:  # an integer beyond 64 bits: the standard library writes it
            return self._dumps(self._codec("json"), obj)

    # --- internals --------------------------------------------------------------

    def _codec(self, name: str) -> Backend:
        try:
            return self._codecs[name]
        except KeyError:
            codec = self._codecs[name] = backend_named(name)
            return codec

    def _pausing(self, gc_pause: bool | None, bulk: bool) -> bool:
        """Pause only when asked, and only for lists (where the collector costs)."""
        return bulk and (self.gc_pause if gc_pause is None else gc_pause)

    def _wire_hook(self, cl: type) -> Hook:
        """The unstructure hook for an encoder that writes UUIDs, datetimes and enums
        itself: regenerated whenever the regular hook changes (a hook registered)."""
        regular: Hook = self.get_unstructure_hook(cl)
        cached = self._wire.get(cl)
        if cached is not None and cached[0] is regular:
            return cached[1]
        wire: Hook
        if getattr(regular, "_responses_generated", None) is self._generator:
            wire = self._generator.make_unstructure(cl, self, native=True)
        else:
            wire = regular
        self._wire[cl] = (regular, wire)
        return wire


_NOT_A_LIST: Final = object()

SPLIT_ABOVE: Final = 1 << 20
"""``loads`` reads a list longer than this many bytes a piece at a time (see
``array_pieces``): the decoded dicts of one piece stay in the CPU cache while they
are structured, and the whole document is never held decoded."""


@functools.lru_cache(maxsize=256)
def _cached_list_item_type(cl: Any) -> Any:
    if get_origin(cl) is not list:
        return _NOT_A_LIST
    return (get_args(cl) or (Any,))[0]


def _list_item_type(cl: Any) -> Any:
    """The item type of ``list[X]``, else ``_NOT_A_LIST``."""
    try:
        return _cached_list_item_type(cl)
    except TypeError:  # an unhashable type form: asked directly
        return _cached_list_item_type.__wrapped__(cl)


_NO_GENERATOR: Final = typing.cast(CodeGenerator, None)  # a copy's, until copy() sets it


_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def _is_scalar_union(tp: Any) -> bool:
    return is_union(tp) and all(member in _SCALARS for member in get_args(tp))


def _is_any(tp: Any) -> bool:
    return tp is Any


def _origin_is(origin: Any) -> Callable[[Any], bool]:
    def predicate(tp: Any) -> bool:
        return tp is origin or get_origin(tp) is origin

    return predicate


def _install_hooks(converter: ResponsesConverter) -> CodeGenerator:
    """Register the scalar hooks and the factories that generate per-class code."""
    orjson = usable_orjson()
    text_globals: dict[str, Any] = {}
    if orjson is not None:
        # orjson spells UUIDs and datetimes exactly as str()/isoformat() do, 2-3x faster
        uuid_text = datetime_text = "_orjson_dumps({a})[1:-1].decode()"
        text_globals["_orjson_dumps"] = orjson.dumps
    else:
        uuid_text, datetime_text = "str({a})", "{a}.isoformat()"
    generator = CodeGenerator(
        inline_structure={
            structure_str_like: (
                "{v} if {v}.__class__ is str and (checked or {v}.isascii()) else {h}({v}, {t})"
            ),
            structure_int: "{v} if {v}.__class__ is int else {h}({v})",
            structure_bool: "{v} if {v} is True or {v} is False else {h}({v})",
            structure_float: "{v} if {v}.__class__ is float and {v} - {v} == 0.0 else {h}({v})",
            structure_dict_any: (
                "{v} if {v}.__class__ is dict and (checked or not {v}) else {h}({v})"
            ),
            structure_json_value: "{v} if checked else {h}({v})",
            structure_uuid: "{h}({v})",
            structure_datetime: "{h}({v})",
            structure_timedelta: "{h}({v})",
        },
        inline_unstructure={
            _identity: "{a}",
            unstructure_str_like: "{a}",
            _uuid_text: uuid_text,
            _datetime_text: datetime_text,
            _duration_seconds: "{a}.total_seconds()",
            _enum_value: "{a}.value",
            _unstructure_frozenset: "list({a})",
        },
        inline_native={
            _uuid_text: "{a}",
            _datetime_text: "{a}",
            _enum_value: "{a}",
            _unstructure_frozenset: "tuple({a})",
        },
        template_globals=text_globals,
        enum_hook=enum_structure_hook,
        str_hooks=(structure_str_like, unstructure_str_like),
        enum_value=_enum_value,
    )

    def list_structure(tp: Any, converter: cattrs.Converter) -> Hook:
        (item_type,) = get_args(tp) or (Any,)
        if item_type is str and converter.get_structure_hook(str) is structure_str_like:
            return structure_str_list
        return generator.make_list_structure(tp, converter)

    def dict_structure(tp: Any) -> Hook:
        return structure_dict_str if get_args(tp) == (str, str) else structure_dict_any

    def annotated_structure(tp: Any, converter: cattrs.Converter) -> Hook:
        return generator.field_hook(converter, tp)

    converter.register_structure_hook(str, structure_str_like)
    for tp, hook in {
        int: structure_int,
        float: structure_float,
        bool: structure_bool,
        UUID: structure_uuid,
        datetime: structure_datetime,
        timedelta: structure_timedelta,
    }.items():
        converter.register_structure_hook(tp, hook)
    converter.register_structure_hook_func(_is_any, structure_json_value)
    converter.register_structure_hook_func(is_enum, lambda v, tp: enum_structure_hook(tp)(v))
    # Factories taking (type, converter) get the converter in use, copies included.
    # cattrs tries the last registered first: the tagged union wins over the untagged
    # one for unions whose members carry a tag.
    structure_factories: list[tuple[Callable[[Any], bool], Callable[..., Hook]]] = [
        (is_model_union, generator.make_untagged_union_structure),
        (is_tagged_union, generator.make_tagged_union_structure),
        (_origin_is(Annotated), annotated_structure),
        (_origin_is(dict), dict_structure),
        (_origin_is(list), list_structure),
        (_origin_is(frozenset), lambda _: structure_frozenset),
        (_origin_is(Literal), make_literal_structure),
        (attrs.has, generator.make_structure),
    ]
    for predicate, factory in structure_factories:
        converter.register_structure_hook_factory(predicate, factory)

    unstructure_hooks: dict[Any, Hook] = {
        str: unstructure_str_like,  # cattrs sends str enums here too
        int: _identity,
        float: _identity,
        bool: _identity,
        type(None): _identity,
        UUID: _uuid_text,
        datetime: _datetime_text,
        timedelta: _duration_seconds,
    }
    for tp, unstructure_hook in unstructure_hooks.items():
        converter.register_unstructure_hook(tp, unstructure_hook)
    unstructure_factories: list[tuple[Callable[[Any], bool], Callable[..., Any]]] = [
        (_is_scalar_union, lambda _: _identity),
        (_is_any, lambda _: _identity),
        (_origin_is(dict), lambda _: _identity),
        (_origin_is(Literal), lambda _: _identity),
        (is_enum, lambda _: _enum_value),
        (_origin_is(frozenset), lambda _: _unstructure_frozenset),
        (_origin_is(list), generator.make_list_unstructure),
        (is_model_union, generator.make_union_unstructure),
        (attrs.has, generator.make_unstructure),
    ]
    for predicate, factory in unstructure_factories:
        converter.register_unstructure_hook_factory(predicate, factory)
    return generator


def make_converter(
    *,
    backend: BackendName | None = None,
    forbid_extra_keys: bool = False,
    gc_pause: bool = False,
) -> ResponsesConverter:
    """A converter for the models, with its own JSON codec.

    ``backend``: ``"json"`` (the standard library, Prefect's route encoding) or
    ``"orjson"`` (Prefect's ``/flow_runs/filter`` encoding); by default orjson when
    it is installed and usable, else ``json``. ``forbid_extra_keys`` rejects unknown
    keys instead of ignoring them (Prefect's ``PREFECT_TEST_MODE``). ``gc_pause``
    pauses the cyclic garbage collector during calls on lists (see docs/guarantees.md).
    """
    return ResponsesConverter(
        backend=backend, gc_pause=gc_pause, forbid_extra_keys=forbid_extra_keys
    )


converter: Final = make_converter()
"""The default converter: unknown keys ignored, orjson when usable, collector untouched."""


def field_check(owner: type, name: str) -> Callable[[Any], Any]:
    """The check :class:`~responses._types.FieldCheck` runs: ``structure``'s hook for
    the field's type, with errors named after the field."""
    tp = typing.get_type_hints(owner, include_extras=True)[name]
    inner, optional = split_optional(tp)
    hook = converter._generator.field_hook(converter, inner)

    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        try:
            return hook(value, inner)
        except ValueError as exc:
            raise as_validation_error(exc, name) from None

    return check
