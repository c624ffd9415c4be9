"""The converter: a cattrs ``Converter`` that is also the JSON codec.

In the shape of cattrs' preconf converters: :func:`configure_converter` registers
our hooks on any cattrs converter, :class:`ResponsesConverter` is a converter so
configured with the JSON methods on top (configuration lives on the object:
backend, unknown keys, garbage-collector pause), and :func:`make_converter` makes
one. ``copy()`` is cattrs' own: a new converter with every setting, and the hooks
registered since construction copied over; hooks registered on a copy apply to
that copy only.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Final,
    Never,
    SupportsIndex,
    TypeVar,
    get_args,
    get_origin,
    overload,
)

import cattrs

from ._bound import NOT_A_LIST, Decoder, Encoder, decode_document, structured
from ._codecs import BackendName, Codec, codec_named, default_backend_name
from ._codegen import (
    OUR_STRUCTURE,
    OUR_UNSTRUCTURE,
    generated_source,
    structure_hook,
    unstructure_hook,
)
from ._errors import as_validation_error
from ._gc import call_with_gc_paused
from ._pieces import ReadBuffer, Source, array_pieces, line_pieces
from ._read import ErrorMode, iter_structured
from ._recipe import SECOND, Registration, init_options, recipe
from ._rules import RULES, Rule, UnstructureMode
from ._typeinfo import (
    is_our_class,
    is_our_target,
    split_optional,
)
from ._types import set_default_converter
from ._write import CHUNK, encode, encode_chunks

__all__ = ["ResponsesConverter", "configure_converter", "converter", "make_converter"]

T = TypeVar("T")
Hook = Callable[..., Any]

if TYPE_CHECKING:
    from typing_extensions import deprecated
else:

    def deprecated(message: str) -> Callable[[T], T]:
        """PEP 702's marker (``warnings.deprecated`` from 3.13): for type checkers only."""
        return lambda function: function


@functools.lru_cache(maxsize=256)
def _cached_list_item_type(cl: Any) -> Any:
    if get_origin(cl) is not list:
        return NOT_A_LIST
    return (get_args(cl) or (Any,))[0]


def _list_item_type(cl: Any) -> Any:
    """The item type of ``list[X]``, else ``NOT_A_LIST``."""
    try:
        return _cached_list_item_type(cl)
    except TypeError:  # an unhashable type form
        return _cached_list_item_type.__wrapped__(cl)


# --- cattrs' options ----------------------------------------------

_CATTRS_INIT: Final = inspect.signature(cattrs.Converter.__init__)
_CATTRS_COPY: Final = inspect.signature(cattrs.Converter.copy)


def _check_options(signature: inspect.Signature, args: tuple[Any, ...], kwargs: Any) -> None:
    """Refuse arguments cattrs does not take before anything is built. Every cattrs
    option is honoured for users' classes (cattrs' own machinery builds their hooks);
    our models keep Prefect's wire format whatever the options say."""
    try:
        signature.bind(None, *args, **kwargs)
    except TypeError as exc:
        raise TypeError(f"ResponsesConverter: {exc}") from None


class ResponsesConverter(cattrs.Converter):
    """A cattrs converter for the models that reads and writes JSON itself.

    Made by :func:`make_converter`; ``responses.converter`` is the default one.
    ``backend`` is the JSON codec (``"json"`` or ``"orjson"``), ``gc_pause``
    whether bulk calls pause the cyclic garbage collector (off unless asked).
    cattrs' options apply to users' classes as cattrs applies them; our models honour
    ``forbid_extra_keys`` and keep Prefect's wire format whatever the others say.
    """

    __slots__ = (
        "_codecs",
        "_init_options",
        "_registrations",
        "_structure_cache",
        "_unstructure_cache",
        "backend",
        "gc_pause",
    )

    backend: BackendName
    gc_pause: bool
    _scalar_rules: typing.ClassVar[tuple[Rule, ...]] = RULES
    """The scalar rules this class registers (Prefect 3.9's converter has its own)."""

    def __init__(
        self,
        *args: Any,
        backend: BackendName | None = None,
        gc_pause: bool = False,
        **kwargs: Any,
    ) -> None:
        _check_options(_CATTRS_INIT, args, kwargs)
        self._init_options = init_options(_CATTRS_INIT, args, kwargs)  # for pickling
        codec = codec_named(backend or default_backend_name())  # fails here, not later
        super().__init__(*args, **kwargs)
        self.backend = codec.name
        self.gc_pause = gc_pause
        self._codecs: dict[str, Codec] = {codec.name: codec}
        # Our hooks by mode, next to cattrs' hook they were derived from: valid for as
        # long as cattrs gives that hook (a registration makes it give a new one).
        self._structure_cache: dict[Any, tuple[Hook, tuple[Hook, Hook]]] = {}
        self._unstructure_cache: dict[tuple[Any, str], tuple[Hook, Hook]] = {}
        configure_converter(self, self._scalar_rules)
        # Our hooks are this class's own, as cattrs' are its: copy() makes a new
        # converter (which has them) and copies over only the hooks registered since.
        self._struct_copy_skip = self._structure_func.get_num_fns()
        self._unstruct_copy_skip = self._unstructure_func.get_num_fns()
        # ... and those are what pickling records and replays (see _recipe.py)
        self._registrations: list[Registration] = []

    def copy(
        self,
        *args: Any,
        backend: BackendName | None = None,
        gc_pause: bool | None = None,
        **kwargs: Any,
    ) -> ResponsesConverter:
        """A copy with every hook and setting of this one, but those given."""
        _check_options(_CATTRS_COPY, args, kwargs)
        copied = super().copy(*args, **kwargs)
        copied.backend = (backend and codec_named(backend).name) or self.backend
        copied._codec(copied.backend)
        copied.gc_pause = self.gc_pause if gc_pause is None else gc_pause
        copied._registrations = list(self._registrations)
        return copied

    def __repr__(self) -> str:
        return (
            f"<ResponsesConverter backend={self.backend!r} "
            f"forbid_extra_keys={self.forbid_extra_keys} gc_pause={self.gc_pause}>"
        )

    # --- pickling: by recipe, the settings and the registrations (see _recipe.py) -------

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        if self is converter:
            return "converter"  # the module global: unpickles as that very object
        return recipe(self, protocol)

    def __copy__(self) -> ResponsesConverter:
        return self.copy()

    def register_structure_hook(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_structure_hook", args, kwargs)

    def register_structure_hook_func(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_structure_hook_func", args, kwargs)

    def register_structure_hook_factory(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_structure_hook_factory", args, kwargs)

    def register_unstructure_hook(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_unstructure_hook", args, kwargs)

    def register_unstructure_hook_func(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_unstructure_hook_func", args, kwargs)

    def register_unstructure_hook_factory(self, *args: Any, **kwargs: Any) -> Any:
        return self._register("register_unstructure_hook_factory", args, kwargs)

    def _register(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """cattrs' ``method``, recorded once construction is over (a decorator's call is
        recorded when it is applied, as the full call it makes)."""
        second = args[1] if len(args) > 1 else kwargs.get(SECOND[method])
        if second is None and method.endswith("_factory"):

            def decorator(factory: Hook) -> Hook:
                getattr(self, method)(*args, factory, **kwargs)
                return factory

            return decorator
        result = getattr(super(), method)(*args, **kwargs)
        if second is not None and getattr(self, "_registrations", None) is not None:
            self._registrations.append((method, args, kwargs))
        return result

    # --- hooks by mode -----------------------------------------------------------------

    def _hooks(self, cl: Any) -> tuple[Hook, Hook]:
        """The structure hooks of ``cl`` for Python input and for trusted decoder output
        (for a type not ours, cattrs' hook both times)."""
        try:
            current = self.get_structure_hook(cl)
            cached = self._structure_cache.get(cl)
        except TypeError:  # an unhashable type form
            return self._make_hooks(cl)
        if cached is not None and cached[0] is current:
            return cached[1]
        hooks = self._make_hooks(cl)
        self._structure_cache[cl] = (current, hooks)
        return hooks

    def _make_hooks(self, cl: Any) -> tuple[Hook, Hook]:
        if not is_our_target(cl):
            hook = self.get_structure_hook(cl)
            return hook, hook
        return structure_hook(self, cl, "python"), structure_hook(self, cl, "trusted")

    def _unstructure_hook(self, cl: Any, mode: UnstructureMode, ours: bool | None = None) -> Hook:
        """The unstructure hook of ``cl`` in ``mode`` (cached as ``_hooks``): a class, or
        a target of ours (``ours=True``: ``unstructure_as=list[FlowRunResponse]``)."""
        current = self.get_unstructure_hook(cl)
        cached = self._unstructure_cache.get((cl, mode))
        if cached is not None and cached[0] is current:
            return cached[1]
        if ours is None:
            ours = is_our_class(cl)
        hook = unstructure_hook(self, cl, mode) if ours else current
        self._unstructure_cache[cl, mode] = (current, hook)
        return hook

    def _unstructure(self, value: Any, codec: Codec) -> Any:
        """``value`` (a model or a list of models) unstructured for ``codec``."""
        mode: UnstructureMode = "native" if codec.native else "text"
        if value.__class__ is list:
            return self._unstructure_list(value, mode)
        return self._unstructure_hook(value.__class__, mode)(value)

    def _unstructure_list(self, items: list[Any], mode: UnstructureMode) -> list[Any]:
        if not items:
            return []
        first = items[0].__class__
        hook = self._unstructure_hook(first, mode)
        out: list[Any] = []
        append = out.append
        for item in items:
            if item.__class__ is not first:
                return [self._unstructure_hook(item.__class__, mode)(item) for item in items]
            append(hook(item))
        return out

    def generated_sources(self, cl: type) -> dict[str, str]:
        """The Python source of every generated function of the attrs class ``cl`` on
        this converter, by mode: ``"structure python"`` (input from Python),
        ``"structure trusted"`` (a checked decoder's output), ``"unstructure text"``
        (the standard library's encoder) and ``"unstructure native"`` (orjson). A
        variant whose hook is one of yours is left out."""
        variants: dict[str, Hook] = {
            "structure python": structure_hook(self, cl, "python"),
            "structure trusted": structure_hook(self, cl, "trusted"),
            "unstructure text": unstructure_hook(self, cl, "text"),
            "unstructure native": unstructure_hook(self, cl, "native"),
        }
        found = {mode: generated_source(hook) for mode, hook in variants.items()}
        return {mode: source for mode, source in found.items() if source is not None}

    # --- builtins ---------------------------------------------------------------------

    @overload
    def structure(self, obj: Any, cl: type[T], *, gc_pause: bool | None = None) -> T: ...
    @overload
    def structure(self, obj: Any, cl: Any, *, gc_pause: bool | None = None) -> Any: ...
    def structure(self, obj: Any, cl: Any, *, gc_pause: bool | None = None) -> Any:
        """Validate JSON-compatible builtins into ``cl`` (a model class or ``list[Model]``).

        Raises :class:`~responses.ValidationError` listing the problems found.
        """
        if not _ours(cl):
            return super().structure(obj, cl)  # cattrs' machinery, cattrs' exceptions
        hook = self._hooks(cl)[0]
        if self._pausing(gc_pause, obj.__class__ is list):
            return call_with_gc_paused(structured, hook, obj, cl)
        return structured(hook, obj, cl)

    def unstructure(
        self, obj: Any, unstructure_as: Any = None, *, gc_pause: bool | None = None
    ) -> Any:
        """A model (or list of models) as JSON-compatible builtins, keys in Prefect's order.

        Dicts held by the model (``parameters``, ``context`` ...) are shared, not copied.
        """
        if unstructure_as is not None:
            if not _ours(unstructure_as):
                return super().unstructure(obj, unstructure_as)
            try:
                hash(unstructure_as)
            except TypeError:  # an unhashable type form: not cached
                return unstructure_hook(self, unstructure_as, "text")(obj)
            return self._unstructure_hook(unstructure_as, "text", ours=True)(obj)
        if obj.__class__ is not list:
            return self._unstructure_hook(obj.__class__, "text")(obj)
        if obj and not _our_class(obj[0].__class__):
            return super().unstructure(obj)
        if self._pausing(gc_pause, True):
            return call_with_gc_paused(self._unstructure_list, obj, "text")
        return self._unstructure_list(obj, "text")

    # --- JSON ---------------------------------------------------------------------------

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
        item_type = _list_item_type(cl)
        if item_type is not NOT_A_LIST and not _ours(item_type):
            item_type = NOT_A_LIST  # a list of users' classes: cattrs reads the whole value
        hooks = self._hooks(cl if item_type is NOT_A_LIST else item_type)
        if item_type is not NOT_A_LIST and self._pausing(gc_pause, True):
            return call_with_gc_paused(decode_document, codec, data, cl, item_type, hooks)
        return decode_document(codec, data, cl, item_type, hooks)

    @overload
    def decoder(self, cl: type[T], *, backend: BackendName | None = None) -> Decoder[T]: ...
    @overload
    def decoder(self, cl: Any, *, backend: BackendName | None = None) -> Decoder[Any]: ...
    def decoder(self, cl: Any, *, backend: BackendName | None = None) -> Decoder[Any]:
        """A reader bound to ``cl`` (a model class or ``list[Model]``): its ``decode(data)``
        gives what ``loads(data, cl)`` gives, without the per-call dispatch (as msgspec's
        ``Decoder``). It keeps this converter's hooks as they are now."""
        codec = self._codec(backend or self.backend)
        return Decoder(self, cl, codec, _list_item_type(cl))

    @overload
    def encoder(self, cl: type[T], *, backend: BackendName | None = None) -> Encoder[T]: ...
    @overload
    def encoder(self, cl: Any, *, backend: BackendName | None = None) -> Encoder[Any]: ...
    def encoder(self, cl: Any, *, backend: BackendName | None = None) -> Encoder[Any]:
        """A writer bound to ``cl``: its ``encode(obj)`` gives the bytes ``dumps(obj)``
        gives, without the per-call dispatch. It keeps this converter's hooks as they are
        now."""
        return Encoder(self, cl, self._codec(backend or self.backend))

    @overload
    @deprecated("iter_loads yields items: pass the item type, not list[...] (a TypeError)")
    def iter_loads(
        self,
        source: Source,
        cl: type[list[Any]],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: ErrorMode = "raise",
    ) -> Never: ...
    @overload
    def iter_loads(
        self,
        source: Source,
        cl: type[T],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: ErrorMode = "raise",
    ) -> Iterator[T]: ...
    def iter_loads(
        self,
        source: Source,
        cl: type[T],
        *,
        lines: bool = False,
        backend: BackendName | None = None,
        errors: ErrorMode = "raise",
    ) -> Iterator[T]:
        """Validated objects of ``cl``, one at a time, from a JSON array (or, with
        ``lines``, newline-delimited JSON) read from ``source``: ``bytes``, a binary
        file, or an iterable of ``bytes`` chunks (an HTTP response's ``iter_bytes()``).

        Memory holds a read buffer and a piece of at most 64 KB decoded at once, not
        the document; time is linear in the input, and any chunking gives the same
        result as ``loads``. With ``errors="raise"`` a bad item raises
        :class:`~responses.ValidationError` with its index once the items before it
        have been yielded; with ``errors="collect"`` bad items are skipped and all of
        them (up to 100) are raised together at the end. Truncated input, data after
        the array and a top level that is not an array raise with the byte offset.
        """
        if _list_item_type(cl) is not NOT_A_LIST:
            raise TypeError(
                "iter_loads yields the items of an array: pass the item type "
                f"({_type_name(get_args(cl)[0] if get_args(cl) else cl)}), not {_type_name(cl)}"
            )
        if errors not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
        codec = self._codec(backend or self.backend)
        buffer = ReadBuffer(source)
        pieces = line_pieces(buffer, codec) if lines else array_pieces(buffer, codec)
        python, trusted = self._hooks(cl)
        return iter_structured(pieces, cl, python, trusted, errors=errors)

    def iter_dumps(
        self, objects: Iterable[Any], *, lines: bool = False, backend: BackendName | None = None
    ) -> Iterator[bytes]:
        """``bytes`` chunks of a JSON array (or, with ``lines``, newline-delimited JSON)
        of ``objects``, any iterable: together, the bytes ``dumps(list(objects))`` writes."""
        codec = self._codec(backend or self.backend)
        return encode_chunks(codec, self._codec("json"), objects, self._unstructure, lines=lines)

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

    def dumps(
        self, obj: Any, *, backend: BackendName | None = None, gc_pause: bool | None = None
    ) -> bytes:
        """A model (or list of models) as compact UTF-8 JSON, exactly as Prefect writes it."""
        codec = self._codec(backend or self.backend)
        if self._pausing(gc_pause, obj.__class__ is list):
            return call_with_gc_paused(self._dumps, codec, obj)
        return self._dumps(codec, obj)

    def _dumps(self, codec: Codec, obj: Any) -> bytes:
        fallback = self._codec("json")
        if obj.__class__ is list and len(obj) > CHUNK:
            # a chunk at a time: each chunk's dicts are encoded while the objects they
            # come from are still in the CPU cache
            return b"".join(encode_chunks(codec, fallback, obj, self._unstructure, lines=False))
        return encode(codec, fallback, obj, self._unstructure)

    # --- internals ----------------------------------------------------------------------

    def _codec(self, name: str) -> Codec:
        try:
            return self._codecs[name]
        except KeyError:
            codec = self._codecs[name] = codec_named(name)
            return codec

    def _pausing(self, gc_pause: bool | None, bulk: bool) -> bool:
        """Pause only when asked, and only for lists (where the collector costs)."""
        return bulk and (self.gc_pause if gc_pause is None else gc_pause)


@functools.lru_cache(maxsize=512)
def _cached_ours(cl: Any) -> bool:
    return is_our_target(cl)


_our_class: Final = functools.lru_cache(maxsize=512)(is_our_class)
"""``is_our_class``, remembered for the classes a list's first item has."""


def _ours(cl: Any) -> bool:
    """Whether ``cl`` is read and written by our pipeline (see ``is_our_target``)."""
    try:
        return _cached_ours(cl)
    except TypeError:  # an unhashable type form
        return is_our_target(cl)


def _type_name(tp: Any) -> str:
    return tp.__name__ if isinstance(tp, type) else repr(tp)


# --- the hooks ---------------------------------------------------------------------------


def configure_converter(converter: cattrs.Converter, rules: tuple[Rule, ...] = RULES) -> None:
    """Register the scalar rules' hooks and the factories that generate code for our
    models on ``converter`` (as cattrs' ``preconf`` modules do).

    Only our models (the classes of this package), unions of them and our enums get
    generated code; every other type keeps cattrs' own hooks, the scalar rules
    (``str``, ``int``, ``float``, ``bool``, ``UUID``, ``datetime``, ``timedelta``)
    apart, until a hook of the user's replaces them. ``rules``: Prefect 2.20's scalar
    rules, or :data:`~responses._rules.RULES_V2` (Prefect 3.9's)."""
    for rule in rules:
        if rule.type is not Any and rule.type is not dict and rule.type is not frozenset:
            converter.register_structure_hook(rule.type, rule.structure)
            converter.register_unstructure_hook(rule.type, rule.unstructure)
    # Factories taking (type, converter) get the converter in use, copies included.
    # cattrs tries the last registered first: the tagged union wins over the untagged
    # one for unions whose members carry a tag.
    for predicate, factory in OUR_STRUCTURE:
        converter.register_structure_hook_factory(predicate, factory)
    for predicate, factory in OUR_UNSTRUCTURE:
        converter.register_unstructure_hook_factory(predicate, factory)


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


def field_checker(default: cattrs.Converter) -> Callable[[type, str], Callable[[Any], Any]]:
    """How the constructors of a layer's models check a field: ``default``'s hook for
    the field's type, errors named after the field."""

    def make_check(owner: type, name: str) -> Callable[[Any], Any]:
        tp = typing.get_type_hints(owner, include_extras=True)[name]
        inner, optional = split_optional(tp)
        hook = structure_hook(default, inner, "python", by_server=False)

        def check(value: Any) -> Any:
            if value is None and optional:
                return None
            try:
                return hook(value, inner)
            except ValueError as exc:
                raise as_validation_error(exc, name) from None

        return check

    return make_check


set_default_converter(field_checker(converter), converter.structure)
