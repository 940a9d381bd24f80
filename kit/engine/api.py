"""JSON in, JSON out: the one entry point the browser worker calls.

A request is {"op": "score", "definition": {...}, "role": "...", "answers": {...}}.
The reply is {"ok": true, "result": {...}} or {"ok": false, "error": "...",
"kind": "definition" | "answers" | "request"}: user mistakes never raise.
"""

import json
from typing import Any

from .errors import AnswerError, DefinitionError
from .model import Questionnaire, validate
from .scoring import score

# Validated models by (id, version, definition text), so repeated scoring of
# one page does not re-validate its definition on every answer.
_models: dict[str, Questionnaire] = {}


def _model(definition: Any) -> Questionnaire:
    key = json.dumps(definition, sort_keys=True, default=str)
    if key not in _models:
        if len(_models) > 32:
            _models.clear()
        _models[key] = validate(definition)
    return _models[key]


def handle_request(request: Any) -> dict[str, Any]:
    if not isinstance(request, dict):
        return {"ok": False, "kind": "request", "error": "request must be a JSON object"}
    op = request.get("op")
    try:
        if op == "score":
            model = _model(request.get("definition"))
            result = score(model, request.get("role"), request.get("answers", {}))
            return {"ok": True, "result": result}
        if op == "validate":
            model = _model(request.get("definition"))
            return {"ok": True, "result": {"id": model.id, "version": model.version}}
    except DefinitionError as e:
        return {"ok": False, "kind": "definition", "error": str(e)}
    except AnswerError as e:
        return {"ok": False, "kind": "answers", "error": str(e)}
    return {"ok": False, "kind": "request", "error": f"unknown op {op!r} (known: score, validate)"}


def handle(request_json: str) -> str:
    """The worker's call: a JSON request string in, a JSON reply string out."""
    try:
        request = json.loads(request_json)
    except ValueError as e:
        return json.dumps({"ok": False, "kind": "request", "error": f"invalid JSON: {e}"})
    except RecursionError:
        return json.dumps({"ok": False, "kind": "request", "error": "invalid JSON: nested too deep"})
    return json.dumps(handle_request(request), sort_keys=True)
