"""JSON in, JSON out: the one entry point the browser worker calls.

A request is {"op": NAME, ...}; the reply is {"ok": true, "result": {...}} or
{"ok": false, "error": "...", "kind": "definition" | "answers" | "input" |
"request"}: user mistakes never raise.

Ops: score and validate (questionnaires) live here; the other tools register
a module whose `handle(request) -> result` raises InputError for bad input.
"""

import importlib
import json
from typing import Any

from . import jsontext
from .cache import cached as _cached
from .cache import model as _model
from .errors import AnswerError, DefinitionError, InputError
from .scoring import score

# Tool ops by module, imported on first use so a page loads only what it needs.
TOOL_OPS = {
    "nps": "kit.engine.nps",
    "story": "kit.engine.stories",
    "aggregate": "kit.engine.aggregate",
    "result": "kit.engine.results",
    "benchmark": "kit.engine.benchmark",
    # Team rounds (issue 17): one module, dispatching on the op.
    "round_check": "kit.engine.rounds",
    "round_shares": "kit.engine.rounds",
    "round_release": "kit.engine.rounds",
    "round_combine": "kit.engine.rounds",
    # Does a change or a gap matter (issue 20): actions people, groups, gap.
    "change": "kit.engine.change",
    # Action plans from a result (issue 20): options, draft, export.
    "plan": "kit.engine.plan",
}


# Checked benchmarks by questionnaire and benchmark text, beside the models (cache.py).
_benchmarks: dict[str, dict] = {}


def _score(request: dict) -> dict:
    model = _model(request.get("definition"))
    role = request.get("role")
    result = score(model, role, request.get("answers", {}))
    # An organisation's medians beside the respondent's scores (kit.engine.benchmark).
    if request.get("benchmark") is not None:
        from . import benchmark

        data = request["benchmark"]
        try:
            bench = _cached(
                _benchmarks, [model.id, model.version, data], lambda: benchmark.read(data, model)
            )
        except InputError as e:  # the build checks it; a broken one must not stop scoring
            result["benchmark"] = {"shown": False, "error": f"benchmark: {e}"}
        else:
            result["benchmark"] = benchmark.compare(model, bench, role, result)
    return result


def _validate(request: dict) -> dict:
    model = _model(request.get("definition"))
    return {"id": model.id, "version": model.version}


OPS = {"score": _score, "validate": _validate}


def handle_request(request: Any) -> dict[str, Any]:
    if not isinstance(request, dict):
        return {"ok": False, "kind": "request", "error": "request must be a JSON object"}
    op = request.get("op")
    try:
        if request.get("chart_words") is not None:
            # Checked here for every op: a chart that is not drawn (a group
            # withheld) must not hide a page's broken words.
            from .charts import chart_words

            chart_words(request["chart_words"])
        if op in OPS:
            return {"ok": True, "result": OPS[op](request)}
        if op in TOOL_OPS:
            module = importlib.import_module(TOOL_OPS[op])
            return {"ok": True, "result": module.handle(request)}
    except DefinitionError as e:
        return {"ok": False, "kind": "definition", "error": str(e)}
    except AnswerError as e:
        return {"ok": False, "kind": "answers", "error": str(e)}
    except InputError as e:
        return {"ok": False, "kind": "input", "error": str(e)}
    known = ", ".join(sorted([*OPS, *TOOL_OPS]))
    return {"ok": False, "kind": "request", "error": f"unknown op {op!r} (known: {known})"}


def handle(request_json: str) -> str:
    """The worker's call: a JSON request string in, a JSON reply string out."""
    try:
        request = jsontext.loads(request_json)
    except ValueError as e:
        return json.dumps({"ok": False, "kind": "request", "error": f"invalid JSON: {e}"})
    return json.dumps(handle_request(request), sort_keys=True)
