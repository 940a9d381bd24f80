"""The engine gives identical results under the real Pyodide runtime and CPython.

Runs in Node with the runtime and engine wheel exactly as a built site ships
them (so a trimmed runtime that lost a module the engine needs fails here),
started as the worker starts it: from scratch, and restored from a memory
snapshot as on a second visit (`restored`).
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from build_scripts.devtools.vectors import all_requests, round_requests
from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
from kit.engine.api import handle_request

pytestmark = pytest.mark.pyodide
RUNNER = Path(__file__).with_name("pyodide_runner.mjs")
STARTS = ["fresh", "restored"]


def run_in_pyodide(
    runtime: Path, requests: list, raw: list[str] | None = None, start: str = "fresh"
) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the parity test runs Pyodide in Node", pytrace=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "requests.json"
        path.write_text(json.dumps(requests), encoding="utf-8")
        args = [node, str(RUNNER), *(["--restored"] if start == "restored" else [])]
        args += [str(runtime), str(path)]
        if raw is not None:
            (Path(tmp) / "raw.json").write_text(json.dumps(raw), encoding="utf-8")
            args.append(str(Path(tmp) / "raw.json"))
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["restored"] is (start == "restored")
    return out


@pytest.mark.parametrize("start", STARTS)
def test_every_vector_scores_identically_in_pyodide(built_site, start):
    requests = all_requests()
    assert len(requests) > 20
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests, start=start)
    assert out["python"].startswith("3.14")
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    assert all(r["ok"] for r in expected)
    mismatches = [
        (i, r["answers"], got, want)
        for i, (r, got, want) in enumerate(zip(requests, out["replies"], expected, strict=True))
        if got != want
    ]
    assert mismatches == []


@pytest.mark.parametrize("start", STARTS)
def test_engine_errors_are_identical_in_pyodide(built_site, start):
    requests = [
        {"op": "score", "definition": {"id": "x"}, "role": "a", "answers": {}},
        {"op": "nope"},
        *[
            {"op": "score", "definition": r["definition"], "role": "nobody", "answers": {}}
            for r in all_requests()[:1]
        ],
    ]
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests, start=start)
    assert out["replies"] == [handle_request(r) for r in requests]
    assert [r["kind"] for r in out["replies"]] == ["definition", "request", "answers"]


def test_deeply_nested_input_is_refused_not_fatal_in_pyodide(built_site):
    # 20,000 levels exhaust Pyodide's WebAssembly stack inside json.loads
    # (measured), which would stop the runtime: the engine refuses them first.
    deep = "[" * 20_000 + "]" * 20_000
    definition = all_requests()[0]["definition"]
    requests = [
        {
            "op": "aggregate",
            "definition": definition,
            "items": [
                {"name": "deep.json", "kind": "text", "data": deep},
                {"name": "fine.txt", "kind": "text", "data": "not a result"},
            ],
        },
        all_requests()[0],
    ]
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    agg, after = out["replies"]
    assert agg["ok"], agg
    reasons = {r["name"]: r["reason"] for r in agg["result"]["rejected"]}
    assert "nested more than 100 levels deep" in reasons["deep.json"]
    assert "fine.txt" in reasons
    assert after["ok"]  # the runtime is still alive


def test_a_deeply_nested_request_is_refused_in_pyodide(built_site):
    # The request itself: the runner hands api.handle the raw text.
    deep = "[" * 20_000 + "]" * 20_000
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, [{"op": "nope"}], raw=[deep])
    assert out["raw"] == [
        {"ok": False, "kind": "request", "error": "invalid JSON: nested more than 100 levels deep"}
    ]


@pytest.mark.parametrize("start", STARTS)
def test_team_rounds_are_identical_in_pyodide(built_site, start):
    """Shares (with fixed randomness), releases and combined team views of a round
    per questionnaire: the same in Pyodide as in CPython."""
    requests = round_requests()
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    assert all(r["ok"] for r in expected), [r for r in expected if not r["ok"]][:1]
    combined = [r["result"] for r in expected if "overall" in r.get("result", {})]
    assert len(combined) == 7 and all(c["results"] > 0 for c in combined)
    assert any(c["withheld"] for c in combined)
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests, start=start)
    mismatches = [
        (i, r["op"])
        for i, (r, got, want) in enumerate(zip(requests, out["replies"], expected, strict=True))
        if got != want
    ]
    assert mismatches == []


def test_restored_interpreters_reseed_random(built_site):
    """Every restore of one snapshot starts from the same memory: `random` is
    reseeded from os.urandom, so two restores draw differently from each other
    and from the start that made the snapshot. The str hash seed (PYTHONHASHSEED
    unset: random) cannot change in a running interpreter; a snapshot keeps the
    random seed of the browser's own start that made it."""
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, [{"op": "nope"}], start="restored")
    r = out["restores"]
    assert r["random_imported"] is True  # else reseeding would go untested
    assert len(set(r["draws"])) == 3, r["draws"]
    assert r["hash_randomization"] == [1, 1]
    assert r["hashes"][0] == r["hashes"][1]
