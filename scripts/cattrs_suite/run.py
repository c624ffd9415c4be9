"""cattrs' own test suite, run with cattrs' ``Converter`` and with ours.

Downloads the sdist of the installed cattrs (it holds ``tests/``) with pip, runs its
suite twice under cattrs' fast hypothesis profile (``FAST=1``): once as it is, once
with every ``Converter`` replaced by :class:`responses.ResponsesConverter` (the
plugin ``swap_converter.py``), and compares. Every test that passes with cattrs'
class must pass with ours, except those listed in ``differences.txt`` (deliberate
differences, each with its reason). Exit status 0 when so, 1 otherwise.

    python scripts/cattrs_suite/run.py [--keep-going] [-- PYTEST ARGS]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = ROOT / ".cattrs-suite"
DIFFERENCES = HERE / "differences.txt"

# cattrs' preconf converters are other classes (they stay cattrs'), and their tests
# need a dozen serialization libraries: not run.
IGNORED = ["tests/test_preconf.py", "tests/preconf"]


def sdist() -> Path:
    """cattrs' sdist at the installed version, unpacked (downloaded once)."""
    release = version("cattrs")
    target = CACHE / f"cattrs-{release}"
    if (target / "tests" / "conftest.py").exists():
        return target
    CACHE.mkdir(exist_ok=True)
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
            *("--no-binary", ":all:", f"cattrs=={release}", "--dest", str(CACHE)),
        ],
        check=True,
    )
    with tarfile.open(CACHE / f"cattrs-{release}.tar.gz") as archive:
        archive.extractall(CACHE, filter="data")
    return target


def run_suite(source: Path, swap: bool, extra: list[str]) -> dict[str, str]:
    """Every test's outcome (``passed``, ``failed``, ``skipped``, ``error``, ``crashed``
    ...). A test the interpreter does not survive is ``crashed``, and the run goes on
    without it."""
    report = CACHE / ("responses.jsonl" if swap else "cattrs.jsonl")
    report.unlink(missing_ok=True)
    outcomes: dict[str, str] = {}
    reasons: dict[str, str] = {}
    command = [sys.executable, "-m", "pytest", "-p", "swap_converter", "-q", "-o", "addopts="]
    command += ["-p", "no:cacheprovider", "--tb=no", "--no-header", "-rN", "tests"]
    command += ["--hypothesis-seed=0"]  # the same examples every run: comparable verdicts
    command += [f"--ignore={path}" for path in IGNORED] + extra
    started = time.perf_counter()
    while True:
        env = {
            **os.environ,
            "FAST": "1",
            "CATTRS_SUITE_SWAP": "1" if swap else "0",
            "CATTRS_SUITE_REPORT": str(report),
            "CATTRS_SUITE_SKIP": "\n".join(outcomes),
            "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        done = subprocess.run(command, cwd=source, env=env, check=False, stdout=subprocess.DEVNULL)
        running = None
        for line in report.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "started" in entry:
                running = entry["started"]
            else:
                outcomes[entry["test"]] = entry["outcome"]
                reasons[entry["test"]] = entry.get("reason", "")
                running = None
        if done.returncode >= 0 or running is None:
            break
        outcomes[running] = "crashed"  # killed by a signal: go on without it
    (CACHE / report.with_suffix(".reasons.json").name).write_text(
        json.dumps(reasons, indent=0, sort_keys=True), encoding="utf-8"
    )
    label = "ResponsesConverter" if swap else "cattrs.Converter"
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    summary = ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
    print(f"{label:>18}: {summary} ({time.perf_counter() - started:.0f} s)", flush=True)
    return outcomes


def passes_alone(source: Path, test: str) -> bool:
    """Whether ``test`` passes with our class when run by itself (twice at most): a
    hypothesis test can fail in the full run for reasons of the run, not of the
    converter (hypothesis's ``FlakyStrategyDefinition`` on a loaded machine, whose
    data generation then differs between replays: such a failure counts as flaky)."""
    report = CACHE / "alone.jsonl"
    for _ in range(2):
        report.unlink(missing_ok=True)
        env = {
            **os.environ,
            "FAST": "1",
            "CATTRS_SUITE_SWAP": "1",
            "CATTRS_SUITE_REPORT": str(report),
            "CATTRS_SUITE_SKIP": "",
            "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        command = [sys.executable, "-m", "pytest", "-p", "swap_converter", "-q", "-o"]
        command += ["addopts=", "-p", "no:cacheprovider", "--tb=no", "--no-header", test]
        command += ["--hypothesis-seed=0"]
        done = subprocess.run(command, cwd=source, env=env, check=False, stdout=subprocess.DEVNULL)
        if done.returncode == 0:
            return True
    return False


def differences() -> dict[str, str]:
    """The deliberate differences: test id (or fnmatch pattern) -> reason."""
    listed: dict[str, str] = {}
    for line in DIFFERENCES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, _, reason = line.partition(" # ")
            listed[pattern.strip()] = reason.strip()
    return listed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args()
    source = sdist()
    print(f"cattrs {version('cattrs')}'s suite in {source.relative_to(ROOT)}", flush=True)
    theirs = run_suite(source, False, args.pytest_args)
    ours = run_suite(source, True, args.pytest_args)
    listed = differences()
    broken, deliberate = [], []
    for test, outcome in sorted(theirs.items()):
        if outcome != "passed" or ours.get(test) == "passed":
            continue
        reason = next((r for p, r in listed.items() if fnmatch.fnmatchcase(test, p)), None)
        (broken if reason is None else deliberate).append(test)
    reasons = json.loads((CACHE / "responses.reasons.json").read_text(encoding="utf-8"))
    flaky = [
        test for test in broken if "Flaky" in reasons.get(test, "") or passes_alone(source, test)
    ]
    broken = [test for test in broken if test not in flaky]
    stale = [p for p in listed if not any(fnmatch.fnmatchcase(t, p) for t in deliberate)]
    passing = sum(outcome == "passed" for outcome in theirs.values())
    print(
        f"{passing} pass with cattrs' class; with ours {passing - len(broken) - len(deliberate)}"
        f" pass, {len(deliberate)} differ deliberately, {len(broken)} broken"
    )
    for pattern in stale:
        print(f"  listed, passing this run (hypothesis may not draw the case): {pattern}")
    for test in flaky:
        print(f"  flaky (hypothesis said so, or it passes alone; counted as passing): {test}")
    for test in broken:
        print(f"  BROKEN ({ours.get(test, 'not run')}): {test}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
