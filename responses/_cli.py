"""``python -m responses``: check a payload, print a schema, re-encode JSON.

Exit codes: 0 valid (or done), 1 invalid payload, 2 usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO, get_args

import attrs

from ._converter import ResponsesConverter, make_converter
from ._errors import ValidationError
from ._typeinfo import is_model_union

__all__ = ["main"]


def _models() -> dict[str, Any]:
    import responses

    found: dict[str, Any] = {}
    for name in responses.__all__:
        value = getattr(responses, name)
        if (isinstance(value, type) and attrs.has(value)) or is_model_union(value):
            found[name] = value
    return found


def _model(name: str) -> Any:
    models = _models()
    if name not in models:
        raise argparse.ArgumentTypeError(
            f"unknown model {name!r}; one of: {', '.join(sorted(models))}"
        )
    return models[name]


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as file:
        return file.read()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m responses",
        description="Prefect 2.20 API responses: validate payloads, print schemas, re-encode.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate a payload against a model",
        description="Validate a JSON payload; print every error with its JSON path. "
        "Exit 0 when valid, 1 when not, 2 on a usage error.",
    )
    check.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    check.add_argument("--model", required=True, type=_model, help="e.g. FlowRunResponse")
    check.add_argument(
        "--list",
        action="store_true",
        help="the payload is a JSON array of them (read as a stream: any size)",
    )
    check.add_argument("--strict", action="store_true", help="unknown keys are errors")
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
        help="re-encode a payload as one of Prefect's encoders writes it",
        description="Re-encode JSON in the bytes Prefect's json (routes) or orjson "
        "(/flow_runs/filter) encoder writes. With --model the payload is validated and "
        "written as the model; without, any JSON is re-encoded as is.",
    )
    convert.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    convert.add_argument("--to", required=True, choices=["json", "orjson"], help="the encoder")
    convert.add_argument("--model", type=_model, help="validate as this model first")
    convert.add_argument("--list", action="store_true", help="the payload is a JSON array of them")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: BinaryIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    out = stdout if stdout is not None else sys.stdout.buffer
    try:
        if args.command == "schema":
            return _schema(args, out)
        if args.command == "check" and args.list:
            return _check_stream(args, out)
        data = _read(args.file)
        if args.command == "check":
            return _check(args, data, out)
        return _convert(args, data, out)
    except (OSError, _UsageError) as exc:
        print(f"python -m responses: error: {exc}", file=sys.stderr)
        return 2


class _UsageError(Exception):
    """A setting that cannot work here (the orjson backend without orjson)."""


def _converter(**settings: Any) -> ResponsesConverter:
    try:
        return make_converter(**settings)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _target(args: argparse.Namespace) -> Any:
    return list[args.model] if args.list else args.model  # type: ignore[name-defined]


def _check_stream(args: argparse.Namespace, out: BinaryIO) -> int:
    """``check --list``, read as a stream (a file of any size in bounded memory); every
    bad item is reported (up to 100 problems), not only the first."""
    converter = _converter(backend=args.backend, forbid_extra_keys=args.strict)
    valid = 0
    file = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    try:
        for _ in converter.iter_loads(file, args.model, errors="collect"):
            valid += 1
    except ValidationError as exc:
        out.write(f"{exc}\n".encode("utf-8", "backslashreplace"))
        return 1
    finally:
        if file is not sys.stdin.buffer:
            file.close()
    out.write(f"valid: {valid} x {_name(args.model)}\n".encode())
    return 0


def _name(model: Any) -> str:
    return getattr(model, "__name__", None) or " | ".join(m.__name__ for m in get_args(model))


def _check(args: argparse.Namespace, data: bytes, out: BinaryIO) -> int:
    converter = _converter(backend=args.backend, forbid_extra_keys=args.strict)
    try:
        value = converter.loads(data, _target(args))
    except ValidationError as exc:
        out.write(f"{exc}\n".encode("utf-8", "backslashreplace"))
        return 1
    out.write(f"valid: {_name(args.model)}\n".encode())
    del value
    return 0


def _schema(args: argparse.Namespace, out: BinaryIO) -> int:
    from ._schema import json_schema, openapi_components

    if args.openapi:
        document = openapi_components(args.model, openapi=args.openapi)
    else:
        document = json_schema(args.model)
    out.write(json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n")
    return 0


def _convert(args: argparse.Namespace, data: bytes, out: BinaryIO) -> int:
    converter = _converter(backend=args.to)
    target = Any if args.model is None else _target(args)
    try:
        value = converter.loads(data, target)
    except ValidationError as exc:
        out.write(f"{exc}\n".encode("utf-8", "backslashreplace"))
        return 1
    out.write(converter.dumps(value))
    return 0
