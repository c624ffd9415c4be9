"""The one exception raised for invalid input, with a JSON path for every problem."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["ErrorDetail", "ValidationError"]

PathSegment = str | int


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


class ErrorDetail:
    """One problem found in the input: where (``path``) and what (``message``)."""

    __slots__ = ("message", "segments")

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


class ValidationError(ValueError):
    """Raised for every invalid input; ``errors`` lists every problem found.

    ``str(err)`` shows one line per problem, each starting with its JSON path.
    """

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors: list[ErrorDetail] = list(errors)
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.errors)
        head = f"{count} validation error{'s' if count != 1 else ''}"
        lines = [f"  {e.path}: {e.message}" for e in self.errors]
        return "\n".join([head, *lines])

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[ErrorDetail]]]:
        return (type(self), (self.errors,))

    def prefixed(self, segment: PathSegment) -> list[ErrorDetail]:
        """The errors, each with ``segment`` put in front of its path."""
        return [ErrorDetail((segment, *e.segments), e.message) for e in self.errors]

    @classmethod
    def at(cls, message: str, *segments: PathSegment) -> ValidationError:
        """A single-problem error at the given path."""
        return cls([ErrorDetail(segments, message)])
