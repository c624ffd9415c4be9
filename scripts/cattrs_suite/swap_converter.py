"""A pytest plugin (``-p swap_converter``) for cattrs' own test suite.

Loaded before cattrs' ``conftest.py`` is imported, it records every test's outcome
in the file named by ``CATTRS_SUITE_REPORT`` (JSON lines), stops any test after
``CATTRS_SUITE_TIMEOUT`` seconds, leaves out the tests listed in ``CATTRS_SUITE_SKIP``
and, when ``CATTRS_SUITE_SWAP=1``,
rebinds ``cattrs.Converter`` (and its aliases) to :class:`responses.ResponsesConverter`
first, so every ``Converter`` the tests build is ours. cattrs' preconf converters
are imported before the swap: they stay subclasses of cattrs' own class.

``responses`` is imported in both runs. Hypothesis draws part of its examples from
the constants in the source of every *local* module imported (not under
site-packages: our editable install and this plugin), so with ``responses`` imported
in one run only, the two runs drew different examples from the same seed. Imported in
both, they draw the same ones: a test failing with ours only failed on examples
cattrs' class passed. The examples still change whenever a constant in ``responses``
does (a listed test may pass in one commit and fail in the next).
"""

from __future__ import annotations

import json
import os
import signal
from typing import Any

import pytest

import responses

if os.environ.get("CATTRS_SUITE_SWAP") == "1":
    import importlib
    import pkgutil

    import cattrs
    import cattrs.converters
    import cattrs.preconf

    for info in pkgutil.iter_modules(cattrs.preconf.__path__, "cattrs.preconf."):
        try:  # each needs its serialization library: those installed bind cattrs' class
            importlib.import_module(info.name)
        except ImportError:
            pass
    for module in (cattrs, cattrs.converters):
        module.Converter = responses.ResponsesConverter  # type: ignore[misc]
        module.GenConverter = responses.ResponsesConverter  # type: ignore[misc]

TIMEOUT = float(os.environ.get("CATTRS_SUITE_TIMEOUT", "20"))


class TestTimeout(BaseException):
    """A test ran past ``CATTRS_SUITE_TIMEOUT`` seconds (a BaseException, so that
    hypothesis does not go on shrinking)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise TestTimeout(f"over {TIMEOUT:g} s")


class _Report:
    """Outcomes as JSON lines, written as they come, so that a run the interpreter
    does not survive still says what ran (``{"started": id}`` before each test)."""

    def __init__(self, path: str | None) -> None:
        self.file = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115
        self.done: dict[str, tuple[str, str]] = {}

    def write(self, **entry: str) -> None:
        if self.file is not None:
            for key in ("test", "started"):
                if key in entry:  # parametrized ids name the class: cattrs' name for both
                    entry[key] = entry[key].replace("ResponsesConverter", "Converter")
            self.file.write(json.dumps(entry) + "\n")
            self.file.flush()


_report = _Report(os.environ.get("CATTRS_SUITE_REPORT"))
_skip = set(filter(None, os.environ.get("CATTRS_SUITE_SKIP", "").split("\n")))


def _id(nodeid: str) -> str:
    return nodeid.replace("ResponsesConverter", "Converter")


def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    if _skip:
        items[:] = [item for item in items if _id(item.nodeid) not in _skip]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Any:
    _report.write(started=item.nodeid)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        return (yield)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        outcome, reason = _report.done.get(item.nodeid, ("passed", ""))
        _report.write(test=item.nodeid, outcome=outcome, reason=reason)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.outcome == "passed" and report.when != "call":
        return
    outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
    if report.outcome == "failed" and report.when != "call":
        outcome = "error"
    if _report.done.get(report.nodeid, ("passed",))[0] == "passed":
        crash = getattr(report.longrepr, "reprcrash", None)
        reason = crash.message.splitlines()[0][:200] if crash and crash.message else ""
        _report.done[report.nodeid] = (outcome, reason)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _report.write(test=report.nodeid or "<collection>", outcome="error")
