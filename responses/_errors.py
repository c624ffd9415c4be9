"""The one exception raised for invalid input, with a JSON path for every problem."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

__all__ = [
    "MAX_ERRORS",
    "ErrorCollector",
    "ErrorDetail",
    "ErrorList",
    "InvalidValue",
    "ValidationError",
    "as_validation_error",
    "error_details",
]

PathSegment = str | int

MAX_ERRORS: Final = 100
"""At most this many problems are collected; past it, validation stops."""


def render_path(path: Sequence[PathSegment]) -> str:
    """Render ``("state", "state_details", 0)`` as ``$.state.state_details[0]``."""
    parts = ["$"]
    for segment in path:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif segment.isidentifier():
            parts.append(f".{segment}")
        else:
            parts.append(f"[{segment!r}]")
    return "".join(parts)


class InvalidValue(ValueError):
    """A single value failed validation; the caller adds the path."""


class ErrorDetail:
    """One problem found in the input: where (``path``) and what (``message``)."""

    __slots__ = ("message", "segments")

    segments: tuple[PathSegment, ...]
    """The path as keys and indexes: ``("state", "type")``."""
    message: str

    def __init__(self, segments: tuple[PathSegment, ...], message: str) -> None:
        self.segments = segments
        self.message = message

    @property
    def path(self) -> str:
        """The JSON path of the offending value, like ``$.state.type``."""
        return render_path(self.segments)

    def __repr__(self) -> str:
        return f"ErrorDetail(path={self.path!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ErrorDetail):
            return NotImplemented
        return (self.segments, self.message) == (other.segments, other.message)

    def __hash__(self) -> int:
        return hash((self.segments, self.message))


class ErrorList(list[ErrorDetail]):
    """The problems of a :class:`ValidationError`: a list of :class:`ErrorDetail`, also
    callable as pydantic's ``errors()`` is: ``err.errors()`` gives one dict per problem
    with ``loc`` (the path's segments), ``msg`` and ``type`` (``"value_error"``)."""

    def __call__(self) -> list[dict[str, Any]]:
        return [{"loc": e.segments, "msg": e.message, "type": "value_error"} for e in self]


class ValidationError(ValueError):
    """Raised for every invalid input; ``errors`` lists the problems found.

    ``str(err)`` shows one line per problem, each starting with its JSON path.
    At most :data:`MAX_ERRORS` problems are collected (``truncated`` is then true):
    a payload with thousands of bad items costs no more than one with a hundred.
    """

    def __init__(self, errors: Iterable[ErrorDetail], *, truncated: bool = False) -> None:
        found = list(errors)
        self.truncated: bool = truncated or len(found) > MAX_ERRORS
        self.errors: ErrorList = ErrorList(found[:MAX_ERRORS])
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.errors)
        head = f"{count} validation error{'s' if count != 1 else ''}"
        if self.truncated:
            head = f"{head} (validation stopped after {MAX_ERRORS})"
        lines = [f"  {e.path}: {e.message}" for e in self.errors]
        return "\n".join([head, *lines])

    def __reduce__(self) -> tuple[Any, tuple[list[ErrorDetail], bool]]:
        return (_rebuild, (self.errors, self.truncated))

    def prefixed(self, segment: PathSegment) -> list[ErrorDetail]:
        """The errors, each with ``segment`` put in front of its path."""
        return [ErrorDetail((segment, *e.segments), e.message) for e in self.errors]

    @classmethod
    def at(cls, message: str, *segments: PathSegment) -> ValidationError:
        """A single-problem error at the given path."""
        return cls([ErrorDetail(segments, message)])


def _rebuild(errors: list[ErrorDetail], truncated: bool) -> ValidationError:
    return ValidationError(errors, truncated=truncated)


def error_details(exc: Exception, *segments: PathSegment) -> list[ErrorDetail]:
    """The problems an exception raised while validating stands for, at ``segments``.

    ``InvalidValue`` (ours) keeps its message; any other (a ``ValueError`` from a
    hook of the caller's, a ``TypeError`` from an attrs validator) is named with
    its type. Callers pass only what means invalid input; every other exception
    is a bug or an interruption and propagates as itself.
    """
    if isinstance(exc, ValidationError):
        if not segments:
            return exc.errors
        return [ErrorDetail((*segments, *e.segments), e.message) for e in exc.errors]
    message = str(exc) if isinstance(exc, InvalidValue) else f"{type(exc).__name__}: {exc}"
    return [ErrorDetail(segments, message)]


def as_validation_error(exc: Exception, *segments: PathSegment) -> ValidationError:
    """The one place such an exception becomes a ``ValidationError`` (see
    :func:`error_details`)."""
    if isinstance(exc, ValidationError) and not segments:
        return exc
    truncated = isinstance(exc, ValidationError) and exc.truncated
    return ValidationError(error_details(exc, *segments), truncated=truncated)


class ErrorCollector:
    """The one place problems are gathered: generated code, lists, streams and the
    command line all add to one of these, with the path or item index where each
    was found, and stop once :data:`MAX_ERRORS` are held."""

    __slots__ = ("details", "truncated")

    def __init__(self) -> None:
        self.details: list[ErrorDetail] = []
        self.truncated = False

    def __bool__(self) -> bool:
        return bool(self.details)

    @property
    def full(self) -> bool:
        """Whether no more problems are taken (the caller may stop looking)."""
        return self.truncated

    def add(self, exc: Exception, *segments: PathSegment) -> bool:
        """Add the problems ``exc`` stands for (see :func:`error_details`) at
        ``segments``; True once full."""
        if isinstance(exc, ValidationError) and exc.truncated:
            self.truncated = True
        return self._extend(error_details(exc, *segments))

    def add_detail(self, detail: ErrorDetail) -> bool:
        return self._extend([detail])

    def _extend(self, details: list[ErrorDetail]) -> bool:
        room = MAX_ERRORS - len(self.details)
        if len(details) > room:
            self.truncated = True
            details = details[:room]
        self.details.extend(details)
        return self.truncated

    def error(self) -> ValidationError:
        """The :class:`ValidationError` of everything collected."""
        return ValidationError(self.details, truncated=self.truncated)
