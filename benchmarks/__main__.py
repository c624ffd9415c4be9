"""``python -m benchmarks``: the flow-run serialization benchmark."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import _report
from ._probe import NO_ORJSON


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "").replace(",", "")) for part in text.split()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers, got {text!r}") from None
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Serialization throughput for flow runs: responses against pydantic v2, "
        "msgspec, orjson alone and (--prefect) Prefect 2.20's own models, as ratios from "
        "interleaved pairs; with --prefect 3, responses.prefect3 on Prefect 3.9's wire "
        "against Prefect 3.9.1's own models.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1, 200, 10_000],
        metavar='"1 200 10000"',
        help="runs per call: one run (GET /flow_runs/{id}), a 200-run page "
        "(/flow_runs/filter), an export (default: 1 200 10000)",
    )
    parser.add_argument(
        "--data",
        choices=["real", "generated"],
        default="real",
        help="real: /flow_runs/filter pages a Prefect 2.20.27 server sent (default; with "
        "--prefect 3, the FlowRunResponse bodies a Prefect 3.9.1 server sent); "
        "generated: the seeded generator (--seed, --params)",
    )
    parser.add_argument(
        "--params",
        choices=["small", "large"],
        default="small",
        help="size of each run's parameters (default: small)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per pair")
    parser.add_argument("--file", help="benchmark your own JSON array of flow runs instead")
    parser.add_argument("--json", dest="json_path", help="write every figure to this JSON file")
    parser.add_argument("--compare", help="an earlier --json file: print the change per case")
    parser.add_argument("--plot", help="draw the ratios to this PNG (needs matplotlib)")
    parser.add_argument(
        "--collector",
        choices=["both", "on", "paused"],
        default="both",
        help="on: every library as it comes (the headline); paused: the cyclic collector "
        "off around every contender's calls alike; both (default)",
    )
    parser.add_argument(
        "--prefect",
        nargs="?",
        const="2",
        choices=["2", "3"],
        default=None,
        help="--prefect (or --prefect 2): also measure Prefect 2.20's own models (needs "
        "prefect==2.20.27 importable); --prefect 3: the Prefect 3 profile, "
        "responses.prefect3 on real Prefect 3.9 runs against Prefect 3.9.1's own models "
        "(needs prefect==3.9.1 importable: make bench-prefect3; without it, against the "
        "floors and cattrs only)",
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="also measure iter_loads/iter_dumps and the peak memory of streaming a file",
    )
    parser.add_argument(
        "--stream-count",
        type=int,
        default=100_000,
        help="runs in the file for the streaming peak-memory figure (0 skips it)",
    )
    parser.add_argument(
        "--memory-count",
        type=int,
        default=100_000,
        help="runs loaded for the retained-memory figure (0 skips it)",
    )
    parser.add_argument(
        "--import-repeats",
        type=int,
        default=5,
        help="fresh interpreters per import-time figure (0 skips it)",
    )
    parser.add_argument(
        "--shards",
        type=int,
        default=4,
        metavar="K",
        help="read K NDJSON shards of real runs with --workers processes against one "
        "process (default: 4; 0 skips it)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="W",
        help="spawned worker processes for --shards (default: 2)",
    )
    parser.add_argument(
        "--shard-runs",
        type=int,
        default=5_000,
        metavar="N",
        help="runs per shard for --shards (default: 5000)",
    )
    parser.add_argument(
        "--no-orjson",
        action="store_true",
        help="measure this library as if orjson were not installed",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a run of a few seconds: 300 runs, 2 rounds, small memory figure",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.no_orjson:
        if "responses" in sys.modules:
            print("--no-orjson must come before responses is imported", file=sys.stderr)
            return 2
        os.environ[NO_ORJSON] = "1"  # for the fresh interpreters of the probes too
        sys.modules["orjson"] = None  # type: ignore[assignment]
    from ._suite import Config, run

    if args.plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            print(
                "--plot needs matplotlib: pip install --group bench "
                "(or run `make bench`, which installs it)",
                file=sys.stderr,
            )
            return 2
    old = None
    if args.compare:
        old = json.loads(Path(args.compare).read_text())
    config = Config(
        sizes=args.sizes,
        rounds=args.rounds,
        seed=args.seed,
        params=args.params,
        data=args.data,
        file=args.file,
        memory_count=args.memory_count,
        import_repeats=args.import_repeats,
        collectors=("on", "paused") if args.collector == "both" else (args.collector,),
        prefect=args.prefect is not None,
        profile=int(args.prefect or 2),
        stream=args.stream,
        stream_count=args.stream_count,
        shards=args.shards,
        workers=args.workers,
        shard_runs=args.shard_runs,
    )
    if args.quick:
        config.sizes, config.rounds = [1, 200], 2
        config.memory_count = min(config.memory_count, 1_000)
        config.import_repeats = min(config.import_repeats, 1)
        config.stream_count = min(config.stream_count, 2_000)
        config.shard_runs = min(config.shard_runs, 500)

    def progress(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    results = run(config, progress)
    print(_report.markdown(results))
    if old is not None:
        print(_report.compare(old, results))
    if args.json_path:
        Path(args.json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_path).write_text(json.dumps(results, indent=2) + "\n")
        progress(f"wrote {args.json_path}")
    if args.plot:
        _report.plot(results, args.plot)
        progress(f"wrote {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
