"""What is published: the wheel holds the library and its license, nothing else; the
extras are only what a pip user can run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import responses

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist, built from the files a clean clone has."""
    pytest.importorskip("build")
    source = tmp_path_factory.mktemp("clean")
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        target = source / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name.decode(), target)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("*.whl")
    return built


def test_the_sdist_tests_itself_after_install(dist: Path, tmp_path: Path) -> None:
    """What a packager does with the sdist: unpack it and run its tests (here with this
    interpreter's test tools, against the unpacked package, not the checkout)."""
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.glob("prefect_responses_attrs-*")
    for needed in ("tests/conftest.py", "tests/strategies.py", "docs/guarantees.md",
                   "tests/fixtures/prefect-2.20-live/index.json", "CHANGELOG.md"):  # fmt: skip
        assert (tree / needed).exists(), needed
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    check = "import responses, sys; sys.exit(not responses.__file__.startswith(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", check, str(tree)], cwd=tree, check=True)
    collected = subprocess.run([*run, "--collect-only"], cwd=tree, capture_output=True, text=True)
    assert collected.returncode == 0, collected.stdout[-3000:]
    some = ["tests/test_live.py", "tests/test_corpus.py", "tests/test_schema.py"]
    result = subprocess.run([*run, *some], cwd=tree, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_wheel_holds_the_library_and_its_license_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    info = "prefect_responses_attrs-0.1.0.dist-info/"
    assert all(n.startswith(("responses/", info)) for n in names), names
    assert f"{info}licenses/LICENSE" in names
    assert "responses/py.typed" in names
    modules = {n.removeprefix("responses/") for n in names if n.startswith("responses/")}
    package = Path(responses.__file__).parent
    assert modules == {
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


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
