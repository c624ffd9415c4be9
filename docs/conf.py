"""Sphinx configuration: the API reference, generated from the docstrings (``make docs``)."""

from __future__ import annotations

project = "prefect-responses-attrs"
author = "The responses developers"
copyright = "2026, The responses developers"  # noqa: A001
extensions = ["sphinx.ext.autodoc", "sphinx.ext.intersphinx", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
intersphinx_mapping: dict[str, tuple[str, None]] = {}
myst_heading_anchors = 3
# links to files of the repository (LICENSE ...); "type" in annotations, which names
# both the builtin and the models' tag fields
suppress_warnings = ["myst.xref_missing", "ref.python"]
html_theme = "alabaster"
