"""Renders results: the Markdown table, the comparison with an earlier run, the plot."""

from __future__ import annotations

from typing import Any

NOISE_NOTE = (
    "Shared machines are noisy: absolute times can swing by tens of percent between runs. "
    "The ratios are taken pair by pair from interleaved runs in the same process and carry "
    "over between machines far better than the times do; read them first."
)


def _ratio(spread: dict[str, float] | None) -> str:
    if spread is None:
        return ""
    return f"{spread['median']:.2f}x ({spread['min']:.2f}-{spread['max']:.2f})"


_COLLECTORS = {
    "on": "Collector on, as every library leaves it (the headline)",
    "paused": "Collector paused around every contender's calls alike (each codec's own speed)",
}


def _runs(count: int) -> str:
    return "1 run" if count == 1 else f"{count:,} runs"


def _size(data_bytes: int) -> str:
    return f"{data_bytes / 1e6:.1f} MB" if data_bytes >= 100_000 else f"{data_bytes / 1e3:.1f} kB"


_PROFILE_2 = {"prefect": "2.20.27", "module": "responses", "baseline": "pydantic"}


def _profile(results: dict[str, Any]) -> dict[str, Any]:
    """Which wire the run measured (results of runs before profiles: Prefect 2.20's)."""
    return results.get("profile") or _PROFILE_2


def _columns(results: dict[str, Any]) -> list[tuple[str, str]]:
    """The per-size tables' ratio columns: (contender, header)."""
    if _profile(results)["prefect"].startswith("3."):
        return [
            ("prefect 3.9", "vs Prefect 3.9"),
            ("prefect 3.9 /flow_runs/filter", "vs Prefect 3.9 filter route"),
            ("no-check floor", "vs no-check floor"),
        ]
    return [
        ("pydantic", "vs pydantic"),
        ("msgspec", "vs msgspec"),
        ("prefect 2.20", "vs Prefect 2.20"),
    ]


def _headline(results: dict[str, Any]) -> list[str]:
    """One row per operation and contender, one column group per size: ours against
    pydantic and msgspec, collector on."""
    cases = [c for c in results["cases"] if c.get("collector", "on") == "on"]
    sizes = sorted({c["size"] for c in cases})
    ours = [c for c in cases if c["contender"].startswith("responses")]
    if not ours:
        return []
    header = "| operation | contender | " + " | ".join(_runs(s) for s in sizes) + " |"
    lines = [
        "Our throughput over each other contender's (above 1: we are faster; against the "
        "no-check floor, 1.0 would mean exactness costs nothing), median of the interleaved "
        "pairs, collector on:",
        "",
        header,
        "|---|---|" + "---:|" * len(sizes),
    ]
    rows: dict[tuple[str, str], dict[int, str]] = {}
    for case in ours:
        for other, spread in case.get("vs", {}).items():
            if spread and other != "orjson alone (floor)":
                key = (case["operation"], f"{case['contender']} vs {other}")
                rows.setdefault(key, {})[case["size"]] = f"{spread['median']:.2f}x"
    for (op, label), by_size in rows.items():
        cells = " | ".join(by_size.get(size, "") for size in sizes)
        lines.append(f"| {op} | {label} | {cells} |")
    return [*lines, ""]


def markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
    prof = _profile(results)
    lines = [
        f"## Benchmark: flow runs ({meta['date']})",
        "",
        f"Profile: Prefect {prof['prefect']}'s wire, `{prof['module']}`; tables relative "
        f"to {prof['baseline']}.",
        "",
        f"Python {meta['python']} ({meta['implementation']}), {meta['platform']}, "
        f"{meta['machine']}, {meta['cores']} cores; garbage collector: {meta['gc']}.",
        f"Libraries: {versions}"
        + (
            ""
            if meta.get("orjson", "as installed") == "as installed"
            else f"; orjson {meta['orjson']}"
        )
        + ".",
        f"Data: {meta['source']}; {meta['rounds']} interleaved rounds per pair after a "
        "warm-up; a sample is as many calls as take about 30 ms.",
        "",
        f"> {NOISE_NOTE}",
        "",
    ]
    if results.get("missing"):
        lines += [f"Not measured (not installed): {'; '.join(results['missing'])}.", ""]
    lines += _headline(results)
    lines += [
        "Times are µs per flow run (lower is better); ratios are the row's throughput over "
        "the other's (above 1: the row is faster), as median (min-max) over rounds.",
        "",
    ]
    columns = _columns(results)
    for collector, title in _COLLECTORS.items():
        cases = [c for c in results["cases"] if c.get("collector", "on") == collector]
        for size in sorted({case["size"] for case in cases}):
            lines += [
                f"### {_runs(size)} ({_size(results['json_bytes'][str(size)])} of JSON): "
                f"{title.lower()}",
                "",
                "| operation | contender | µs/object | objects/s | "
                + " | ".join(header for _, header in columns)
                + " |",
                "|---|---|---:|---:|" + "---:|" * len(columns),
            ]
            for case in cases:
                if case["size"] != size:
                    continue
                vs = case.get("vs", {})
                cells = " | ".join(_ratio(vs.get(other)) for other, _ in columns)
                lines.append(
                    f"| {case['operation']} | {case['contender']} | {case['us_per_object']:.2f} | "
                    f"{case['objects_per_s']:,.0f} | {cells} |"
                )
            lines.append("")
    for control in results.get("controls", []):
        lines.append(
            f"A/A control ({control['operation']}, {_runs(control['size'])}, "
            f"{control['contender']} against itself): {_ratio(control['ratio'])}; "
            "1.00 means the method is fair, its spread is the noise floor."
        )
    lines.append("")
    stream = results.get("stream")
    if stream:
        lines += [f"Streaming, {_runs(stream['size'])} (throughput ratio, above 1: faster):", ""]
        for label, spread in stream["speed"].items():
            lines.append(f"- {label}: {_ratio(spread)}")
        peak = stream.get("peak_mb")
        if peak:
            lines += [
                "",
                f"Peak RSS growth from just after `import responses`, {stream['peak_count']:,} "
                f"runs in a {peak['file_mb']:.0f} MB file (fresh interpreters): `loads` of the "
                f"whole file {peak['loads']:.0f} MB, `iter_loads` {peak['iter_loads']:.1f} MB.",
            ]
        lines.append("")
    if results.get("parallel"):
        lines += parallel(results["parallel"])
    memory = results.get("memory")
    baseline = prof["baseline"]
    if memory:
        base = memory["bytes"].get(baseline)
        lines += [
            f"Retained memory of {memory['count']:,} loaded runs (fresh interpreter, "
            "tracemalloc); the ratio is a cost ratio, ours over theirs (below 1: less):",
            "",
        ]
        lines += [f"| library | MB | per run | cost vs {baseline} |", "|---|---:|---:|---:|"]
        for name, size in memory["bytes"].items():
            share = f"{size / base:.2f}x" if base else ""
            lines.append(
                f"| {name} | {size / 1e6:.1f} | {size / memory['count']:,.0f} B | {share} |"
            )
        lines.append("")
    imports = results.get("import_time")
    if imports:
        base = imports["seconds"].get(baseline, {}).get("median")
        lines += [
            "Import plus models plus first loads, fresh interpreter "
            f"(median of {imports['repeats']}); a cost ratio (below 1: faster):",
            "",
            f"| library | ms | cost vs {baseline} |",
            "|---|---:|---:|",
        ]
        for name, spread in imports["seconds"].items():
            share = f"{spread['median'] / base:.2f}x" if base else ""
            lines.append(f"| {name} | {spread['median'] * 1e3:.1f} | {share} |")
        lines.append("")
    return "\n".join(lines)


def parallel(found: dict[str, Any]) -> list[str]:
    """The --shards/--workers figure (see _parallel.py)."""
    speed = found["runs_per_s"]
    return [
        f"Many processes: {found['shards']} NDJSON shards of {found['runs_per_shard']:,} real "
        f"runs ({found['shard_mb']:.1f} MB each), `iter_loads(lines=True)` in "
        f"{found['workers']} spawned workers against one process, {found['cores']} cores "
        "(throughput ratio, above 1: faster):",
        "",
        f"- {found['workers']} processes vs one: {_ratio(found['speedup'])} "
        f"({', '.join(f'{name} {rate:,.0f} runs/s' for name, rate in speed.items())})",
        f"- the machine's ceiling during the run (pure-Python loops, {found['workers']} "
        f"processes vs one): {found['ceiling']:.2f}x; other processes of a shared machine "
        "take cores too",
        f"- a converter copy shipped with each task costs the task "
        f"{found['converter_per_task_ms']:.1f} ms (unpickled by its recipe, its code "
        f"generated); the warm-up of the pool took {found['pool_warm_up_s']:.1f} s",
        "",
    ]


def _noise(results: dict[str, Any]) -> float:
    """Half the widest A/A spread of a run: ratios within it are the same."""
    spreads = [(c["ratio"]["max"] - c["ratio"]["min"]) / 2 for c in results.get("controls", [])]
    return max(spreads or [0.0])


def _vs(case: dict[str, Any], baseline: str) -> dict[str, float] | None:
    found = case.get("vs", {}).get(baseline)
    if found is None and baseline == "pydantic":
        found = case.get("vs_pydantic")
    return found  # type: ignore[no-any-return]


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Per case, the change of our throughput ratio to the baseline (pydantic; Prefect
    3.9's own models in the Prefect 3 profile) from ``old`` to ``new``.

    Ratios, not times: each comes from pairs interleaved in one run, so it carries over
    between runs and machines where the times do not. A change is flagged only beyond
    the noise of both runs (their A/A spreads) and at least 5%.
    """
    threshold = max(0.05, _noise(old) + _noise(new))
    baseline = _profile(new)["baseline"]

    def key(case: dict[str, Any]) -> tuple[str, int, str, str]:
        return (case["operation"], case["size"], case["contender"], case.get("collector", "on"))

    index = {key(c): c for c in old["cases"] if _vs(c, baseline)}
    lines = [
        f"## Change against the run of {old['meta']['date']}",
        "",
        f"Our throughput ratio to {baseline} in each run (above 1: we are faster). Flagged: a "
        f"change beyond {threshold:.0%} (the two runs' A/A spreads together, at least 5%).",
        "",
        "| operation | size | collector | contender | before | now | change | |",
        "|---|---:|---|---|---:|---:|---:|---|",
    ]
    for case in new["cases"]:
        before = index.get(key(case))
        now_vs = _vs(case, baseline)
        if before is None or not now_vs:
            continue
        then, now = _vs(before, baseline)["median"], now_vs["median"]  # type: ignore[index]
        change = now / then - 1
        flag = "SLOWER" if change < -threshold else ("faster" if change > threshold else "")
        op, size, contender, collector = key(case)
        lines.append(
            f"| {op} | {size:,} | {collector} | {contender} | {then:.2f}x | {now:.2f}x | "
            f"{change:+.1%} | {flag} |"
        )
    return "\n".join(lines) + "\n"


def plot(results: dict[str, Any], path: str) -> None:
    """A bar chart of our throughput ratios to pydantic and msgspec (Prefect 3.9's two
    writers in the Prefect 3 profile), with min-max whiskers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    size = max(case["size"] for case in results["cases"])
    rows = [
        case
        for case in results["cases"]
        if case["size"] == size
        and case["contender"].startswith("responses")
        and case.get("collector", "on") == "on"
    ]
    figure, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=False)
    others = [other for other, _ in _columns(results)[:2]]
    for axis, other in zip(axes, others, strict=True):
        usable = [row for row in rows if row.get("vs", {}).get(other)]
        labels = [
            f"{row['operation']}\n{row['contender'].removeprefix('responses')}" for row in usable
        ]
        spreads = [row["vs"][other] for row in usable]
        medians = [spread["median"] for spread in spreads]
        low = [spread["median"] - spread["min"] for spread in spreads]
        high = [spread["max"] - spread["median"] for spread in spreads]
        axis.bar(range(len(usable)), medians, yerr=[low, high], capsize=3, color="#3b7dd8")
        axis.axhline(1.0, color="black", linewidth=0.8)
        axis.set_xticks(range(len(usable)), labels, fontsize=7)
        axis.set_title(f"responses throughput vs {other} ({size:,} runs)")
        axis.set_ylabel("ratio (above 1: responses faster)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
