"""What a user's type checker sees: ``mypy --strict`` on a script outside the repository.

Like attrs' own typing tests, the script states what ``reveal_type`` must print; the
package is found the way a user's project finds it (the installed distribution, an
editable install included), not through this repository's directory.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("mypy")

SCRIPT = textwrap.dedent(
    """
    import attrs
    import responses
    from responses import FlowRunResponse, State, ValidationError

    body = b'{"flow_id": "3cbd3d0a-e014-4d9f-be4a-58791a5c0e75"}'
    run = responses.loads(body, FlowRunResponse)
    reveal_type(run)  # R: responses._flow_runs.FlowRunResponse
    runs = responses.loads(b"[]", list[FlowRunResponse])
    reveal_type(runs)  # R: list[responses._flow_runs.FlowRunResponse]
    reveal_type(responses.dumps(run))  # R: bytes
    reveal_type(run.state)  # R: responses._states.State | None
    reveal_type(run.parameters)  # R: dict[str, Any]
    reveal_type(attrs.evolve(run, name="x"))  # R: responses._flow_runs.FlowRunResponse
    converter = responses.make_converter(backend="json", forbid_extra_keys=True)
    reveal_type(converter)  # R: responses._converter.ResponsesConverter
    reveal_type(converter.copy())  # R: responses._converter.ResponsesConverter
    reveal_type(converter.structure({}, State))  # R: responses._states.State
    try:
        responses.structure({}, State)
    except ValidationError as err:
        reveal_type(err.errors)  # R: responses._errors.ErrorList
        reveal_type(err.errors[0].path)  # R: str
    item = next(responses.iter_loads(b"[]", FlowRunResponse))
    reveal_type(item)  # R: responses._flow_runs.FlowRunResponse
    for bad in responses.iter_loads(b"[]", list[FlowRunResponse]):  # E: Need type annotation
        pass
    decoded = converter.decoder(FlowRunResponse).decode(body)
    reveal_type(decoded)  # R: responses._flow_runs.FlowRunResponse
    reveal_type(converter.encoder(FlowRunResponse).encode(run))  # R: bytes
    reveal_type(responses.__version__)  # R: str
    responses.make_converter(backend="yaml")  # E: Argument "backend"
    run.name = "x"  # E: Property "name" defined in
    """
)


def test_a_users_checker_sees_the_types(tmp_path: Path) -> None:
    script = tmp_path / "user_script.py"
    script.write_text(SCRIPT)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--show-error-codes",
         "--cache-dir", str(tmp_path / "cache"), script.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )  # fmt: skip
    output = result.stdout
    assert "Cannot find implementation or library stub" not in output, output
    lines = SCRIPT.splitlines()
    for number, line in enumerate(lines, start=1):
        expected = re.search(r"# ([RE]): (.*)$", line)
        if expected is None:
            continue
        kind, text = expected.groups()
        found = [
            message
            for message in output.splitlines()
            if message.startswith(f"{script.name}:{number}: ")
        ]
        if kind == "R":
            assert any(f'Revealed type is "{text}"' in m for m in found), (number, found)
        else:
            assert any(" error: " in m and text in m for m in found), (number, found)
    errors = [m for m in output.splitlines() if " error: " in m]
    expected_errors = sum("# E:" in line for line in lines)
    assert len(errors) == expected_errors, output


def test_pyright_sees_the_public_api_fully_typed(tmp_path: Path) -> None:
    """``pyright --verifytypes``: every public symbol's type is known (95% required)."""
    import json
    import os
    import shutil

    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed (the test dependency group has it)")
    env = {
        **os.environ,
        "VIRTUAL_ENV": sys.prefix,  # pyright resolves imports in this environment
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(
        [pyright, "--verifytypes", "responses", "--ignoreexternal", "--outputjson"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.skip(f"pyright could not run here: {result.stderr[-300:]}")
    completeness = report["typeCompleteness"]
    assert completeness["packageRootDirectory"].endswith("responses")
    assert "site-packages" not in completeness["packageRootDirectory"] or (
        Path(completeness["packageRootDirectory"]).samefile(
            Path(__import__("responses").__file__).parent
        )
    )
    assert completeness["completenessScore"] >= 0.95, completeness
