"""What is published: the wheel holds the library and its license, nothing else; the
extras are only what a pip user can run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import responses

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    source = tmp_path_factory.mktemp("clean")
    for name in ("pyproject.toml", "setup.cfg", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "responses", source / "responses",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    assert (
        "LICENSE"
        in subprocess.run(
            ["tar", "tzf", str(sdist)], capture_output=True, text=True, check=True
        ).stdout
    )
    return built


def test_the_wheel_holds_the_library_and_its_license_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    info = "prefect_responses_attrs-0.1.0.dist-info/"
    assert all(n.startswith(("responses/", info)) for n in names), names
    assert f"{info}licenses/LICENSE" in names
    assert "responses/py.typed" in names
    modules = {n.removeprefix("responses/") for n in names if n.startswith("responses/")}
    assert modules == {p.name for p in Path(responses.__file__).parent.iterdir() if p.is_file()}


def test_published_metadata(wheel: Path) -> None:
    info = "prefect_responses_attrs-0.1.0.dist-info/"
    metadata = Parser().parsestr(zipfile.ZipFile(wheel).read(f"{info}METADATA").decode())
    assert metadata["License-Expression"] == "Apache-2.0"
    # the benchmark and the test tools run from a clone: no extras for them
    assert metadata.get_all("Provides-Extra") == ["orjson"]
    requires = metadata.get_all("Requires-Dist")
    runtime = sorted(r.split(">")[0] for r in requires if "extra ==" not in r)
    assert runtime == ["attrs", "cattrs", "python-dateutil"]
    entry_points = zipfile.ZipFile(wheel).read(f"{info}entry_points.txt").decode()
    assert "prefect-responses = responses._cli:main" in entry_points


def test_license_is_apache() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text
    assert "Version 2.0, January 2004" in text
