"""Results people can keep, share and act on: a saved record, a CSV, a result code.

- `record(...)` builds the versioned result record a respondent saves as JSON
  (docs/reference/result-format.md); `read_record(...)` checks an imported one
  and scores its answers again, so a stored score is never trusted.
- `record_csv(...)` turns a record into a spreadsheet-friendly CSV text.
- `encode(...)` / `decode(...)` turn answers into a short result code such as
  `CX1.leadership-vision.1.AJX5.7p3qoA` and back, safe to paste in chat, email
  or a URL fragment.
- `handle(request)` is the op "result" of `kit.engine.api`.

The record, the CSV and the code each have their own module (result_record,
result_csv, result_code); this one re-exports them and holds the op.

Like the rest of the engine: no I/O, no clock, no randomness. The caller
passes the response id and the date.
"""

from .errors import AnswerError, InputError
from .model import Questionnaire
from .result_code import CODE_PREFIX, DAMAGED_CODE, NOT_A_CODE, decode, encode
from .result_csv import CSV_COLUMNS, record_csv
from .result_record import (
    FORMAT,
    FORMAT_VERSION,
    NOT_A_RECORD,
    RESPONSE_ID_RE,
    _read,
    _record,
    read_record,
    record,
)
from .scoring import score

__all__ = [
    "CODE_PREFIX", "CSV_COLUMNS", "DAMAGED_CODE", "FORMAT", "FORMAT_VERSION",
    "NOT_A_CODE", "NOT_A_RECORD", "RESPONSE_ID_RE", "decode", "delta", "encode",
    "handle", "read_record", "record", "record_csv",
]  # fmt: skip


def _definition_model(request: dict) -> Questionnaire:
    from .cache import model as _model

    return _model(request.get("definition"))


def _models(request: dict) -> dict[str, Questionnaire]:
    from .cache import model as _model

    raw = request.get("definitions", request.get("definition"))
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise InputError("'definitions' must be a questionnaire definition or a list of them")
    models = [_model(d) for d in raw]
    return {m.id: m for m in models}


def _filename(model: Questionnaire, rec: dict, ext: str) -> str:
    return f"{model.id}-{rec['date']}.{ext}"


def _act_record(request: dict) -> dict:
    model = _definition_model(request)
    rec, result = _record(
        model,
        request.get("role"),
        request.get("answers", {}),
        request.get("response_id"),
        request.get("date"),
    )
    return {"record": rec, "result": result, "filename": _filename(model, rec, "json")}


def _act_read(request: dict) -> dict:
    model = _definition_model(request)
    rec, result, matches = _read(request.get("record"), model)
    return {"record": rec, "result": result, "stored_result_matches": matches}


def _act_encode(request: dict) -> dict:
    model = _definition_model(request)
    return {"code": encode(model, request.get("role"), request.get("answers", {}))}


def _act_decode(request: dict) -> dict:
    models = _models(request)
    decoded = decode(request.get("code"), models)
    model = models[decoded["questionnaire"]]
    return {**decoded, "result": score(model, decoded["role"], decoded["answers"])}


def _act_csv(request: dict) -> dict:
    model = _definition_model(request)
    rec = read_record(request.get("record"), model)
    return {"csv": record_csv(rec, model), "filename": _filename(model, rec, "csv")}


def _act_chart(request: dict) -> dict:
    from .charts import chart_svg

    model = _definition_model(request)
    title = request.get("title", model.title)
    if not isinstance(title, str):
        raise InputError("'title' must be text")
    chart_id = request.get("chart_id")
    words = request.get("chart_words")
    return {"svg": chart_svg(model, request.get("result"), title, chart_id=chart_id, words=words)}


def delta(previous: dict, current: dict) -> dict:
    """Change from one re-scored record to the next: overall and per dimension."""

    def diff(a, b):
        return None if a is None or b is None else round(b - a, 1)

    prev, cur = previous["result"], current["result"]
    return {
        "previous_date": previous["date"],
        "overall": diff(prev["overall"], cur["overall"]),
        "dimensions": {
            did: diff(prev["dimensions"].get(did), score_)
            for did, score_ in cur["dimensions"].items()
        },
    }


def _act_keep(request: dict) -> dict:
    """Everything a page keeps for a complete result, in one request: the
    record, its code, its chart, and the change since the previous record."""
    from .charts import chart_svg

    model = _definition_model(request)
    out = _act_record(request)
    out["code"] = encode(model, request.get("role"), request.get("answers", {}))
    out["svg"] = chart_svg(model, out["result"], model.title, words=request.get("chart_words"))
    previous = request.get("previous")
    out["delta"] = None
    if previous is not None:
        prev_record, _, _ = _read(previous, model)
        # A manager's self-view and an employee's view are not one person's change.
        if prev_record["role"] == out["record"]["role"]:
            out["delta"] = delta(prev_record, out["record"])
    return out


def _act_history(request: dict) -> dict:
    """Re-read stored records: each one re-scored, or the reason it is unusable."""
    model = _definition_model(request)
    records = request.get("records")
    if not isinstance(records, list):
        raise InputError("'records' must be a list")
    entries = []
    for item in records:
        try:
            rec, result, _ = _read(item, model)
            entries.append({"record": rec, "result": result})
        except (InputError, AnswerError) as e:
            entries.append({"error": str(e)})
    return {"entries": entries}


ACTIONS = {
    "keep": _act_keep,
    "history": _act_history,
    "record": _act_record,
    "read": _act_read,
    "encode": _act_encode,
    "decode": _act_decode,
    "csv": _act_csv,
    "chart": _act_chart,
}


def handle(request: dict) -> dict:
    """The op "result": request["action"] picks what to do (see ACTIONS)."""
    action = request.get("action")
    if action not in ACTIONS:
        raise InputError(f"unknown result action {action!r} (actions: {', '.join(ACTIONS)})")
    return ACTIONS[action](request)
