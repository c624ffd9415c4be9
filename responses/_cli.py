"""``prefect-responses`` (or ``python -m responses``): check payloads, print schemas,
re-encode JSON, list the models.

Exit codes: 0 valid (or done), 1 invalid payload, 2 usage error. Data goes to
standard output, every diagnostic to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO, TextIO, get_args

__all__ = ["main"]

from ._clash import DISTRIBUTION, clash_problem


class _UsageError(Exception):
    """A setting or an environment that cannot work (exit code 2)."""


def _program() -> str:
    """The program's name as it was invoked."""
    invoked = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if not invoked or invoked in ("__main__.py", "-c") or invoked.startswith("python"):
        return "python -m responses"
    return invoked


Profile = str
"""Which Prefect's wire format: ``"2"`` (Prefect 2.20, ``responses``) or ``"3"``
(Prefect 3.9, ``responses.prefect3``)."""


def _package(profile: Profile = "2") -> Any:
    """The ``responses`` package (or its ``prefect3`` layer), checked to be this
    distribution's (see the README's note on the name clash with the HTTP-mocking
    library ``responses``)."""
    import responses

    problem = clash_problem(responses)
    if problem is not None:
        raise _UsageError(problem)
    if profile == "3":
        from responses import prefect3

        return prefect3
    return responses


def _models(profile: Profile = "2") -> dict[str, Any]:
    import attrs

    from ._typeinfo import is_model_union

    responses = _package(profile)
    found: dict[str, Any] = {}
    for name in responses.__all__:
        value = getattr(responses, name)
        if (isinstance(value, type) and attrs.has(value)) or is_model_union(value):
            found[name] = value
    return found


def _named_model(name: str, profile: Profile = "2") -> Any:
    try:
        models = _models(profile)
    except _UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if name not in models:
        raise argparse.ArgumentTypeError(
            f"unknown model {name!r}; one of: {', '.join(sorted(models))} "
            "(see the 'models' command)"
        )
    return models[name]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{DISTRIBUTION} {version(DISTRIBUTION)}"
    except PackageNotFoundError:
        return f"{DISTRIBUTION} (not installed: running from a source tree)"


def _profile_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prefect",
        choices=["2", "3"],
        default="2",
        help="whose wire format: Prefect 2.20 (the default) or Prefect 3.9 (responses.prefect3)",
    )


def _profile(argv: Sequence[str] | None) -> Profile:
    """The ``--prefect`` option, read before the models are named."""
    early = argparse.ArgumentParser(add_help=False)
    _profile_option(early)
    known, _ = early.parse_known_args(argv)
    return str(known.prefect)


def _parser(profile: Profile = "2") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program(),
        description="Prefect API responses (2.20, or 3.9 with --prefect 3): validate "
        "payloads, print schemas, re-encode.",
    )
    parser.add_argument("--version", action="version", version=_version())
    _profile_option(parser)
    parser.add_argument(
        "--server-python",
        metavar="3.X",
        default=None,
        help="with --prefect 3: the Python the Prefect server runs on (3.11 to 3.15; "
        "3.12 by default); from 3.13 ISO 8601 intervals and naive anchors stay as given",
    )

    def _model(name: str) -> Any:
        return _named_model(name, profile)

    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    shape = argparse.ArgumentParser(add_help=False)
    many = shape.add_mutually_exclusive_group()
    many.add_argument("--list", action="store_true", help="the payload is a JSON array of them")
    many.add_argument(
        "--lines", action="store_true", help="the payload is newline-delimited JSON, one a line"
    )

    check = commands.add_parser(
        "check",
        parents=[shape],
        help="validate a payload against a model",
        description="Validate a JSON payload; print every error with its JSON path to "
        "standard error. Exit 0 when valid, 1 when not, 2 on a usage error. Arrays "
        "(--list) and newline-delimited JSON (--lines) are read as streams: any size.",
    )
    check.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    check.add_argument("--model", required=True, type=_model, help="e.g. FlowRunResponse")
    check.add_argument(
        "--allow-extra",
        action="store_true",
        help="ignore unknown keys, as Prefect's server does outside PREFECT_TEST_MODE. "
        "By default they are errors: most of a payload's keys are optional, so "
        "without this check almost any object would pass as almost any model",
    )
    check.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # the default
    check.add_argument("--backend", choices=["json", "orjson"], help="the JSON reader to use")

    schema = commands.add_parser(
        "schema",
        help="print a model's JSON Schema",
        description="Print a model's JSON Schema (draft 7), or the OpenAPI components "
        "block that describes it.",
    )
    schema.add_argument("model", metavar="NAME", type=_model, help="e.g. FlowRunResponse")
    schema.add_argument(
        "--openapi", choices=["3.0", "3.1"], help="print OpenAPI components instead"
    )

    convert = commands.add_parser(
        "convert",
        parents=[shape],
        help="re-encode a payload as one of Prefect's encoders writes it",
        description="Re-encode JSON in the bytes Prefect's json (routes) or orjson "
        "(/flow_runs/filter) encoder writes. With --model the payload is validated and "
        "written as the model; without, any JSON is re-encoded as is. With --lines, "
        "newline-delimited JSON in and out.",
    )
    convert.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    convert.add_argument("--to", required=True, choices=["json", "orjson"], help="the encoder")
    convert.add_argument("--model", type=_model, help="validate as this model first")

    commands.add_parser(
        "models",
        help="list the models, one a line",
        description="List every model this library reads, with a one-line description.",
    )
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code."""
    out = stdout if stdout is not None else sys.stdout.buffer
    err = stderr if stderr is not None else sys.stderr
    program = _program()
    try:
        profile = _profile(argv)
        args = _parser(profile).parse_args(argv)
        args.profile = profile
        if args.command == "models":
            return _list_models(out, profile)
        if args.command == "schema":
            return _schema(args, out)
        if args.command == "check":
            return _check(args, out, err)
        return _convert(args, out, err)
    except _UsageError as exc:
        print(f"{program}: error: {exc}", file=err)
        return 2
    except BrokenPipeError:  # the reader went away (| head): nothing left to say
        _silence_stdout()
        return 1
    except OSError as exc:
        print(f"{program}: error: {exc}", file=err)
        return 2


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _converter(profile: Profile, server_python: str | None, **settings: Any) -> Any:
    responses = _package(profile)
    if server_python is not None:
        if profile != "3":
            raise _UsageError("--server-python is a setting of Prefect 3's (--prefect 3)")
        settings["server_python"] = server_python
    try:
        return responses.make_converter(**settings)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _source(path: str) -> IO[bytes]:
    return sys.stdin.buffer if path == "-" else open(path, "rb")


def _read(path: str) -> bytes:
    with _source(path) as file:
        return file.read()


def _name(model: Any) -> str:
    return getattr(model, "__name__", None) or " | ".join(m.__name__ for m in get_args(model))


def _report(error: Exception, err: TextIO) -> int:
    """Print a ValidationError; exit code 1."""
    text = str(error)
    print(text.encode("utf-8", "backslashreplace").decode("utf-8"), file=err)
    return 1


def _check(args: argparse.Namespace, out: BinaryIO, err: TextIO) -> int:
    converter = _converter(
        args.profile,
        args.server_python,
        backend=args.backend,
        forbid_extra_keys=not args.allow_extra,
    )
    invalid = _package(args.profile).ValidationError
    if args.list or args.lines:
        valid = 0
        with _source(args.file) as file:
            try:
                for _ in converter.iter_loads(file, args.model, lines=args.lines, errors="collect"):
                    valid += 1
            except invalid as exc:
                return _report(exc, err)
        out.write(f"valid: {valid} x {_name(args.model)}\n".encode())
        return 0
    try:
        converter.loads(_read(args.file), args.model)
    except invalid as exc:
        return _report(exc, err)
    out.write(f"valid: {_name(args.model)}\n".encode())
    return 0


def _convert(args: argparse.Namespace, out: BinaryIO, err: TextIO) -> int:
    converter = _converter(args.profile, args.server_python, backend=args.to)
    invalid = _package(args.profile).ValidationError
    item = Any if args.model is None else args.model
    try:
        if args.lines:
            with _source(args.file) as file:
                values = list(converter.iter_loads(file, item, lines=True))
            chunks: Iterator[bytes] = converter.iter_dumps(values, lines=True)
            out.write(b"".join(chunks))
            return 0
        value = converter.loads(_read(args.file), list[item] if args.list else item)  # type: ignore[valid-type]
    except invalid as exc:
        return _report(exc, err)
    out.write(converter.dumps(value))
    return 0


def _schema(args: argparse.Namespace, out: BinaryIO) -> int:
    responses = _package(args.profile)
    if args.openapi:
        document = responses.openapi_components(args.model, openapi=args.openapi)
    else:
        document = responses.json_schema(args.model)
    out.write(json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n")
    return 0


def _list_models(out: BinaryIO, profile: Profile = "2") -> int:
    import inspect

    models = _models(profile)
    width = max(map(len, models))
    for name, model in sorted(models.items()):
        if isinstance(model, type):
            doc = inspect.getdoc(model) or ""
            summary = doc.split("\n\n")[0].replace("\n", " ")
        else:
            summary = "one of " + ", ".join(member.__name__ for member in get_args(model))
        out.write(f"{name:<{width}}  {summary}\n".encode())
    return 0
