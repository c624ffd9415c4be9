"""``python -m benchmarks.hostile``: time every hostile input with both backends."""

from __future__ import annotations

import argparse
import sys
import time

from ._hostile import cases, outcome


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m benchmarks.hostile",
        description="Time every hostile input of the test suite with both JSON backends "
        "and print a Markdown table, slowest cases last (progress on stderr).",
    ).parse_args(argv)
    rows = []
    for case in cases():
        for backend in ("json", "orjson"):
            start = time.perf_counter()
            result = outcome(case, backend)  # type: ignore[arg-type]
            elapsed = time.perf_counter() - start
            rows.append((elapsed, case.name, backend, len(case.data), result))
            print(f"[hostile] {case.name} ({backend}): {result}", file=sys.stderr, flush=True)
    print("| input | backend | size | outcome | seconds |\n|---|---|---:|---|---:|")
    for elapsed, name, backend, size, result in rows:
        print(f"| {name} | {backend} | {size:,} | {result} | {elapsed:.4f} |")
    small = [row for row in rows if row[3] < 1_000_000]
    worst = max(small)
    print(f"\nSlowest input under 1 MB: {worst[1]} ({worst[2]}), {worst[0]:.4f} s.")
    worst_all = max(rows)
    print(
        f"Slowest input overall: {worst_all[1]} ({worst_all[2]}, {worst_all[3]:,} bytes), "
        f"{worst_all[0]:.3f} s."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
