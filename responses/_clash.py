"""The import name ``responses`` is also the HTTP-mocking library's: say so when the
two have met in one environment, instead of failing oddly.

Installed after this distribution, the other library replaces ``responses/__init__.py``
(and ``py.typed``) and adds its own modules beside ours; uninstalled afterwards, it
removes those two files, leaving ours without them. Installed before, ours replaces
its ``__init__.py`` and its modules stay behind.
"""

from __future__ import annotations

import os
from types import ModuleType
from typing import Final

__all__ = ["DISTRIBUTION", "clash_problem", "foreign_modules"]

DISTRIBUTION: Final = "prefect-responses-attrs"

# The HTTP-mocking library's own modules (responses 0.2x): none of them is ours.
_FOREIGN: Final = ("matchers.py", "registries.py", "_recorder.py")

_FIX: Final = (
    "they share the import name 'responses' and cannot share an environment: "
    f"pip uninstall -y responses {DISTRIBUTION} && pip install {DISTRIBUTION} "
    "(in an environment without the mocking library)"
)


def foreign_modules(folder: str) -> list[str]:
    """The mocking library's modules found in ``folder`` (two stat calls each)."""
    return [name for name in _FOREIGN if os.path.exists(os.path.join(folder, name))]


def clash_problem(package: ModuleType) -> str | None:
    """What is wrong with the imported ``responses`` package, in one sentence, or None."""
    init = getattr(package, "__file__", None)
    if init is None:
        return (
            f"the 'responses' package has lost its __init__.py (removed when another "
            f"package named responses was uninstalled): pip install --force-reinstall "
            f"{DISTRIBUTION}"
        )
    if getattr(package, "__distribution__", None) != DISTRIBUTION:
        return (
            f"'import responses' gives another package ({os.path.dirname(init)}), most "
            f"likely the HTTP-mocking library responses, not {DISTRIBUTION}: {_FIX}"
        )
    foreign = foreign_modules(os.path.dirname(init))
    if foreign:
        return (
            f"modules of the HTTP-mocking library responses ({', '.join(foreign)}) sit in "
            f"{DISTRIBUTION}'s folder {os.path.dirname(init)}: {_FIX}"
        )
    return None
