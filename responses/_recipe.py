"""Converters pickle by their recipe, not their generated state.

A converter's state is mostly generated code, caches and codec objects (a
``_json.Scanner`` cannot be pickled at all); what makes it is small: its class,
its settings (backend, ``gc_pause``, cattrs' options as given) and the hooks
registered on it since construction, in order. That recipe is what is pickled;
unpickling makes a fresh converter from the settings and replays the registrations
on it, so a converter restored in another process gives the same verdicts, values
and bytes, and regenerates its code there.

A hook that cannot be pickled fails with a :class:`pickle.PicklingError` naming it
and the registration it came with. It is tried with the pickler at work: the
standard one takes functions importable by name, cloudpickle's (Dask's) also takes
lambdas and closures by value. ``dump`` of cloudpickle's and dill's picklers is a
Python method, so the pickler at work is found on the stack as that frame's
``self``; the C pickler leaves no frame, and the standard pickler is used.
"""

from __future__ import annotations

import inspect
import sys
from typing import TYPE_CHECKING, Any, Final, SupportsIndex

if TYPE_CHECKING:
    import pickle

__all__ = ["Registration", "init_options", "recipe", "restore"]

Registration = tuple[str, tuple[Any, ...], dict[str, Any]]
"""A ``register_*`` call made after construction: method name, args, kwargs."""

# The argument of each ``register_*`` method that, when left out, makes it a decorator.
SECOND: Final = {
    "register_structure_hook": "func",
    "register_unstructure_hook": "func",
    "register_structure_hook_func": "func",
    "register_unstructure_hook_func": "func",
    "register_structure_hook_factory": "factory",
    "register_unstructure_hook_factory": "factory",
}

_STACK_DEPTH: Final = 32


def init_options(
    signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """cattrs' options as given to a converter's constructor, by name."""
    bound = signature.bind(None, *args, **kwargs)
    return dict(list(bound.arguments.items())[1:])


def recipe(converter: Any, protocol: SupportsIndex) -> tuple[Any, ...]:
    """``converter.__reduce_ex__(protocol)``: :func:`restore` and the recipe, each part
    checked with the pickler at work so that what it cannot take is named."""
    options = {**converter._init_options, "forbid_extra_keys": converter.forbid_extra_keys}
    registrations: tuple[Registration, ...] = tuple(converter._registrations)
    pickler = _pickler_at_work()
    for name, value in options.items():
        _check(converter, pickler, protocol, value, f"the option {name}={_name(value)}")
    for method, args, kwargs in registrations:
        call = f"{method}({', '.join([*map(_name, args), *map(_name, kwargs.values())])})"
        for value in (*args, *kwargs.values()):
            _check(converter, pickler, protocol, value, f"{_name(value)}, registered by {call},")
    cls = type(converter)
    return restore, (cls, converter.backend, converter.gc_pause, options, registrations)


def restore(
    cls: Any,
    backend: str,
    gc_pause: bool,
    options: dict[str, Any],
    registrations: tuple[Registration, ...],
) -> Any:
    """A converter (a ``ResponsesConverter``; not imported here: no import circle) made
    from a recipe: the settings, then every registration replayed."""
    converter = cls(backend=backend, gc_pause=gc_pause, **options)
    for method, args, kwargs in registrations:
        getattr(converter, method)(*args, **kwargs)
    return converter


def _check(
    converter: Any,
    pickler: type[pickle.Pickler],
    protocol: SupportsIndex,
    value: Any,
    what: str,
) -> None:
    import io  # only ever called while pickling: the import costs nothing then
    import pickle

    try:
        try:
            instance = pickler(io.BytesIO(), int(protocol))
        except TypeError:  # a pickler made with other arguments: try the standard one
            instance = pickle.Pickler(io.BytesIO(), int(protocol))
        instance.dump(value)
    except Exception as exc:  # any failure of the pickler: named, re-raised
        by = "the standard pickler" if pickler is pickle.Pickler else _name(pickler)
        raise pickle.PicklingError(
            f"cannot pickle {converter!r}: {what} cannot be pickled by {by} "
            f"({type(exc).__name__}: {exc}). "
            "Define hooks at module level (importable by name), or pickle with cloudpickle."
        ) from exc


def _pickler_at_work() -> type[pickle.Pickler]:
    """The class of the pickler whose ``dump`` is on the stack, else the standard one."""
    import pickle  # only ever called while pickling

    picklers = (pickle.Pickler, pickle._Pickler)
    frame = sys._getframe(2)
    for _ in range(_STACK_DEPTH):
        if frame is None:
            break
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, picklers):
            return type(candidate)  # type: ignore[return-value]
        frame = frame.f_back  # type: ignore[assignment]
    return pickle.Pickler


def _name(value: Any) -> str:
    """A function or class by its import path, anything else by a short repr."""
    if inspect.isclass(value) or inspect.isroutine(value):
        return f"{value.__module__}.{value.__qualname__}"
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}..."
