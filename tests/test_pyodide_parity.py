"""The engine gives identical results under the real Pyodide runtime and CPython.

Runs in Node with the runtime and engine wheel exactly as a built site ships
them (so a trimmed runtime that lost a module the engine needs fails here).
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from build_scripts.site_assets import RUNTIME_URL_DIR
from kit.engine.api import handle_request
from tests.vectors import all_requests

pytestmark = pytest.mark.pyodide
RUNNER = Path(__file__).with_name("pyodide_runner.mjs")


def run_in_pyodide(runtime: Path, requests: list) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the parity test runs Pyodide in Node", pytrace=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "requests.json"
        path.write_text(json.dumps(requests), encoding="utf-8")
        proc = subprocess.run(
            [node, str(RUNNER), str(runtime), str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_vector_scores_identically_in_pyodide(built_site):
    requests = all_requests()
    assert len(requests) > 20
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    assert out["python"].startswith("3.14")
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    assert all(r["ok"] for r in expected)
    mismatches = [
        (i, r["answers"], got, want)
        for i, (r, got, want) in enumerate(zip(requests, out["replies"], expected, strict=True))
        if got != want
    ]
    assert mismatches == []


def test_engine_errors_are_identical_in_pyodide(built_site):
    requests = [
        {"op": "score", "definition": {"id": "x"}, "role": "a", "answers": {}},
        {"op": "nope"},
        *[
            {"op": "score", "definition": r["definition"], "role": "nobody", "answers": {}}
            for r in all_requests()[:1]
        ],
    ]
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    assert out["replies"] == [handle_request(r) for r in requests]
    assert [r["kind"] for r in out["replies"]] == ["definition", "request", "answers"]
