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


def markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
    lines = [
        f"## Benchmark: flow-run lists ({meta['date']})",
        "",
        f"Python {meta['python']} ({meta['implementation']}), {meta['platform']}, "
        f"{meta['machine']}, {meta['cores']} cores; garbage collector {meta['gc']}.",
        f"Libraries: {versions}"
        + (
            ""
            if meta.get("orjson", "as installed") == "as installed"
            else f"; orjson {meta['orjson']}"
        )
        + ".",
        f"Data: {meta['source']} (seed {meta['seed']}, {meta['params']} parameters); "
        f"{meta['rounds']} interleaved rounds per pair after a warm-up.",
        "",
        f"> {NOISE_NOTE}",
        "",
        "Ratios are throughput of the row's contender over the other's (above 1: the row is "
        "faster), as median (min-max) over rounds.",
        "",
    ]
    if results.get("missing"):
        lines += [f"Not measured (not installed): {'; '.join(results['missing'])}.", ""]
    sizes = sorted({case["size"] for case in results["cases"]})
    for size in sizes:
        megabytes = results["json_bytes"][str(size)] / 1e6
        lines += [
            f"### {size:,} flow runs ({megabytes:.1f} MB of JSON)",
            "",
            "| operation | contender | µs/object | objects/s | MB/s | vs pydantic | vs msgspec |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for case in results["cases"]:
            if case["size"] != size:
                continue
            lines.append(
                f"| {case['operation']} | {case['contender']} | {case['us_per_object']:.2f} | "
                f"{case['objects_per_s']:,.0f} | {case['mb_per_s']:.1f} | "
                f"{_ratio(case['vs_pydantic'])} | {_ratio(case['vs_msgspec'])} |"
            )
        lines.append("")
    for control in results.get("controls", []):
        lines.append(
            f"A/A control ({control['operation']}, {control['size']:,} runs, "
            f"{control['contender']} against itself): {_ratio(control['ratio'])}; "
            "1.00 means the method is fair, its spread is the noise floor."
        )
    lines.append("")
    memory = results.get("memory")
    if memory:
        base = memory["bytes"].get("pydantic")
        lines += [
            f"Retained memory of {memory['count']:,} loaded runs (fresh interpreter, tracemalloc):",
            "",
        ]
        lines += ["| library | MB | per run | vs pydantic |", "|---|---:|---:|---:|"]
        for name, size in memory["bytes"].items():
            share = f"{size / base:.2f}x" if base else ""
            lines.append(
                f"| {name} | {size / 1e6:.1f} | {size / memory['count']:,.0f} B | {share} |"
            )
        lines.append("")
    imports = results.get("import_time")
    if imports:
        base = imports["seconds"].get("pydantic", {}).get("median")
        lines += [
            "Import plus models plus first loads, fresh interpreter "
            f"(median of {imports['repeats']}):",
            "",
            "| library | ms | vs pydantic |",
            "|---|---:|---:|",
        ]
        for name, spread in imports["seconds"].items():
            share = f"{spread['median'] / base:.2f}x" if base else ""
            lines.append(f"| {name} | {spread['median'] * 1e3:.1f} | {share} |")
        lines.append("")
    return "\n".join(lines)


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Per-case change of µs/object from ``old`` to ``new``; slowdowns beyond the noise flagged."""
    noise = max(
        [abs(c["ratio"]["max"] - c["ratio"]["min"]) / 2 for c in new.get("controls", [])] or [0.0]
    )
    threshold = max(0.10, noise)
    index = {(c["operation"], c["size"], c["contender"]): c for c in old["cases"]}
    lines = [
        f"## Change against the run of {old['meta']['date']}",
        "",
        f"Flagged: slower by more than {threshold:.0%} "
        "(the larger of 10% and this run's A/A spread).",
        "",
        "| operation | size | contender | before µs/object | now µs/object | change | |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for case in new["cases"]:
        key = (case["operation"], case["size"], case["contender"])
        before = index.get(key)
        if before is None:
            continue
        change = case["us_per_object"] / before["us_per_object"] - 1
        flag = "SLOWER" if change > threshold else ("faster" if change < -threshold else "")
        lines.append(
            f"| {key[0]} | {key[1]:,} | {key[2]} | {before['us_per_object']:.2f} | "
            f"{case['us_per_object']:.2f} | {change:+.1%} | {flag} |"
        )
    return "\n".join(lines) + "\n"


def plot(results: dict[str, Any], path: str) -> None:
    """A bar chart of our throughput ratios to pydantic and msgspec, with min-max whiskers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    size = max(case["size"] for case in results["cases"])
    rows = [
        case
        for case in results["cases"]
        if case["size"] == size and case["contender"].startswith("responses")
    ]
    figure, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=False)
    for axis, other in zip(axes, ("vs_pydantic", "vs_msgspec"), strict=True):
        usable = [row for row in rows if row[other]]
        labels = [
            f"{row['operation']}\n{row['contender'].removeprefix('responses')}" for row in usable
        ]
        medians = [row[other]["median"] for row in usable]
        low = [row[other]["median"] - row[other]["min"] for row in usable]
        high = [row[other]["max"] - row[other]["median"] for row in usable]
        axis.bar(range(len(usable)), medians, yerr=[low, high], capsize=3, color="#3b7dd8")
        axis.axhline(1.0, color="black", linewidth=0.8)
        axis.set_xticks(range(len(usable)), labels, fontsize=7)
        axis.set_title(f"responses throughput {other.replace('_', ' ')} ({size:,} runs)")
        axis.set_ylabel("ratio (above 1: responses faster)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
