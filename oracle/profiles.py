"""The Prefect versions the oracle checks: one harness, a profile per version.

A profile names the Prefect it runs against, our package that must give Prefect's
verdicts (``responses`` or ``responses.prefect3``), the real captures that seed the
cases, and the module that parses a payload as that Prefect's server does. Only the
chosen profile's Prefect is imported: each lives in a venv of its own (``make oracle2``,
``make oracle3``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class Rejected(Exception):
    """Prefect refused the payload (validation, or a route that cannot render it)."""


@dataclass(frozen=True)
class Profile:
    key: str
    """``"2"`` or ``"3"``: ``python -m oracle --prefect KEY``."""
    prefect: str
    """The Prefect release, as ``pip`` pins it."""
    package: str
    """Our package that must give its verdicts."""
    captures: str
    """The folder of real response bodies under ``tests/fixtures``."""
    side: str
    """The module with ``parse(model, payload)`` as that Prefect's routes parse."""

    @property
    def live(self) -> Path:
        return ROOT / "tests" / "fixtures" / self.captures

    @property
    def ours(self) -> ModuleType:
        return importlib.import_module(self.package)

    def parse(self, name: str, payload: Any) -> Any:
        """The JSON value Prefect's route sends for ``payload`` read as ``name``, or Rejected."""
        return importlib.import_module(self.side).parse(name, payload)

    def check_installed(self) -> None:
        from importlib.metadata import version

        installed = version("prefect")
        if installed != self.prefect:
            raise SystemExit(
                f"the oracle for Prefect {self.prefect} found prefect=={installed} installed: "
                f"run it in its own venv ({'make oracle' if self.key == '2' else 'make oracle3'})"
            )


PROFILES = {
    "2": Profile("2", "2.20.27", "responses", "prefect-2.20-live", "oracle.prefect_side"),
    "3": Profile("3", "3.9.1", "responses.prefect3", "prefect-3.9-live", "oracle.prefect3_side"),
}
