"""The action plan op gives identical replies under the real Pyodide runtime and CPython:
options, drafts for every starting plan, every export, and its errors."""

import json

import pytest

from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
from kit.engine.api import handle_request
from tests.test_plan import MODELS, answers_at, labels, request
from tests.test_pyodide_parity import run_in_pyodide

pytestmark = pytest.mark.pyodide


def plan_requests() -> list[dict]:
    out = []
    for qid, model in MODELS.items():
        for role in model.roles:
            fixed = {"phase": 1} if qid == "sponsor-readiness" else {}
            answers = answers_at(model, 1, **fixed)
            out.append(request("options", qid, role.id, answers, language="de"))
            draft = request("draft", qid, role.id, answers, start="2026-12-04", uid="parity-0001")
            out.append(draft)
            doc = handle_request(draft)["result"]
            doc["items"][0]["action"] = "Ølstrup; a, b\\c\n" * 8
            for fmt in ("md", "csv", "ics"):
                out.append({"op": "plan", "action": "export", "format": fmt, "plan": doc,
                            "labels": labels("de"), "stamp": "2026-12-04T19:05:07Z"})  # fmt: skip
    out.append(request("draft", start="2026-02-30", uid="parity-0001"))
    return out


def test_plan_op_is_identical_in_pyodide(built_site):
    requests = plan_requests()
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    assert sum(r["ok"] for r in expected) == len(requests) - 1
    assert out["replies"] == expected
