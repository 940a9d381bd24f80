"""Results people can keep, share and act on: a saved record, a CSV, a result code.

- `record(...)` builds the versioned result record a respondent saves as JSON
  (docs/reference/result-format.md); `read_record(...)` checks an imported one
  and scores its answers again, so a stored score is never trusted.
- `record_csv(...)` turns a record into a spreadsheet-friendly CSV text.
- `encode(...)` / `decode(...)` turn answers into a short result code such as
  `CX1.leadership-vision.1.AJX5.7p3qoA` and back, safe to paste in chat, email
  or a URL fragment.
- `handle(request)` is the op "result" of `kit.engine.api`.

Like the rest of the engine: no I/O, no clock, no randomness. The caller
passes the response id and the date.
"""

import base64
import binascii
import csv
import datetime
import io
import re
from typing import Any

from .errors import AnswerError, InputError
from .model import ID_RE, Questionnaire
from .scoring import check_answers, score, visible_questions

FORMAT = "cx-kit-result"
FORMAT_VERSION = 1
RECORD_FIELDS = (
    "format", "format_version", "questionnaire", "role", "answers", "result",
    "response_id", "date",
)  # fmt: skip
RESULT_FIELDS = ("overall", "band", "dimensions", "complete")
RESPONSE_ID_RE = re.compile(r"[A-Za-z0-9_-]{16,32}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

CODE_FORMAT = 1
CODE_PREFIX = f"CX{CODE_FORMAT}"
CHECK_CHARS = 6
B64_RE = re.compile(r"[A-Za-z0-9_-]+")
VERSION_RE = re.compile(r"[1-9][0-9]{0,8}")

NOT_A_RECORD = f"this file is not a kit result (no 'format': '{FORMAT}')"
NOT_A_CODE = f"this is not a kit result code (a result code starts with '{CODE_PREFIX}.')"
DAMAGED_CODE = "this result code is damaged or incomplete: copy the whole code again"


# --- the result record -------------------------------------------------------


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) <= 40 else "a long text"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_score(value: Any) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100
    )


def _bad(field: str, expected: str, value: Any) -> InputError:
    return InputError(
        f"this result's {field} is not valid: expected {expected}, got {_kind(value)}"
    )


def _check_response_id(value: Any) -> str:
    if not isinstance(value, str) or not RESPONSE_ID_RE.fullmatch(value):
        raise _bad("response_id", "16 to 32 letters, digits, '-' or '_'", value)
    return value


def _check_date(value: Any) -> str:
    if isinstance(value, str) and DATE_RE.fullmatch(value):
        try:
            datetime.date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise _bad("date", "a date written YYYY-MM-DD", value)


def _summary(result: dict) -> dict:
    """The part of a score result a record keeps."""
    return {
        "overall": result["overall"],
        "band": result["band"]["id"] if result["band"] else None,
        "dimensions": {d["id"]: d["score"] for d in result["dimensions"] if d["shown"]},
        "complete": result["complete"],
    }


def _shown_answers(model: Questionnaire, role: str, answers: Any) -> dict[str, int]:
    """Answers to the questions shown for these answers, in definition order."""
    clean = check_answers(model, role, answers)
    return {q.id: clean[q.id] for q in visible_questions(model, clean) if q.id in clean}


def _record(
    model: Questionnaire, role: str, answers: Any, response_id: Any, date: Any
) -> tuple[dict, dict]:
    _check_response_id(response_id)
    _check_date(date)
    result = score(model, role, answers)
    kept = _shown_answers(model, role, answers)
    rec = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "questionnaire": {"id": model.id, "version": model.version, "title": model.title},
        "role": role,
        "answers": kept,
        "result": _summary(result),
        "response_id": response_id,
        "date": date,
    }
    return rec, result


def record(model: Questionnaire, role: str, answers: Any, response_id: str, date: str) -> dict:
    """The versioned result record for one response (JSON-ready).

    Raises AnswerError for answers that do not fit and InputError for a bad
    response id or date. Only answers to shown questions are kept.
    """
    return _record(model, role, answers, response_id, date)[0]


def _check_shape(data: Any) -> dict:
    """Check every field of an imported record; return a plain copy of it."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(NOT_A_RECORD)
    version = data.get("format_version")
    if not _is_int(version) or version < 1:
        raise _bad("format_version", "a whole number", version)
    if version > FORMAT_VERSION:
        raise InputError(
            f"this result was made by a newer version of the kit (format {version}); "
            f"this site reads format {FORMAT_VERSION}"
        )
    for key in data:
        if key not in RECORD_FIELDS:
            raise InputError(f"this result has an unknown field '{key}'")
    for key in RECORD_FIELDS:
        if key not in data:
            raise InputError(f"this result is missing the field '{key}'")

    quest = data["questionnaire"]
    if not isinstance(quest, dict) or sorted(quest) != ["id", "title", "version"]:
        raise _bad("questionnaire", "a mapping of id, version and title", quest)
    if not isinstance(quest["id"], str) or not ID_RE.fullmatch(quest["id"]):
        raise _bad("questionnaire id", "a questionnaire id", quest["id"])
    if not _is_int(quest["version"]) or quest["version"] < 1:
        raise _bad("questionnaire version", "a whole number of at least 1", quest["version"])
    if not isinstance(quest["title"], str):
        raise _bad("questionnaire title", "text", quest["title"])

    if not isinstance(data["role"], str) or not ID_RE.fullmatch(data["role"]):
        raise _bad("role", "a role id", data["role"])

    answers = data["answers"]
    if not isinstance(answers, dict):
        raise _bad("answers", "a mapping of question id to option value", answers)
    for qid, value in answers.items():
        if not _is_int(value):
            raise _bad(f"answer to '{qid}'", "an option value (a whole number)", value)

    result = data["result"]
    if not isinstance(result, dict) or sorted(result) != sorted(RESULT_FIELDS):
        raise _bad("result", "a mapping of " + ", ".join(RESULT_FIELDS), result)
    if not _is_score(result["overall"]):
        raise _bad("overall score", "a score from 0 to 100 or null", result["overall"])
    if result["band"] is not None and not isinstance(result["band"], str):
        raise _bad("result band", "a result id or null", result["band"])
    if not isinstance(result["dimensions"], dict):
        raise _bad("dimension scores", "a mapping of dimension id to score", result["dimensions"])
    for did, value in result["dimensions"].items():
        if not _is_score(value):
            raise _bad(f"score of '{did}'", "a score from 0 to 100 or null", value)
    if not isinstance(result["complete"], bool):
        raise _bad("result complete", "true or false", result["complete"])

    _check_response_id(data["response_id"])
    _check_date(data["date"])
    return {
        "format": FORMAT,
        "format_version": version,
        "questionnaire": dict(quest),
        "role": data["role"],
        "answers": dict(answers),
        "result": {**result, "dimensions": dict(result["dimensions"])},
        "response_id": data["response_id"],
        "date": data["date"],
    }


def _read(data: Any, model: Questionnaire) -> tuple[dict, dict, bool]:
    """(record re-scored from its answers, full score result, stored result agreed)."""
    stored = _check_shape(data)
    quest = stored["questionnaire"]
    if quest["id"] != model.id:
        raise InputError(f"this result is for '{quest['id']}'; this page is '{model.id}'")
    if quest["version"] != model.version:
        raise InputError(
            f"this result is for '{model.id}' version {quest['version']}; "
            f"this page is version {model.version}"
        )
    try:
        rec, result = _record(
            model, stored["role"], stored["answers"], stored["response_id"], stored["date"]
        )
    except AnswerError as e:
        raise InputError(
            f"this result's answers do not fit '{model.id}' version {model.version}: {e}"
        ) from None
    return rec, result, rec["result"] == stored["result"]


def read_record(data: Any, model: Questionnaire | None = None) -> dict:
    """Check an imported record (a decoded JSON dict) and return it rebuilt.

    With a model, the questionnaire id and version must match and the result is
    scored again from the answers (the stored scores are ignored); answers to
    questions the answers hide are dropped. Without a model only the structure
    is checked and the stored result is returned as it is: use that only to
    find which questionnaire the record belongs to.
    """
    if model is None:
        return _check_shape(data)
    return _read(data, model)[0]


# --- CSV -----------------------------------------------------------------------

CSV_COLUMNS = (
    "questionnaire", "version", "role", "response_id", "date",
    "kind", "id", "dimension", "short", "text", "value", "label",
)  # fmt: skip
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _cell(value: Any) -> str:
    """One CSV cell: whitespace collapsed, spreadsheet formulas defused."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.1f}"
    else:
        text = " ".join(str(value).split())
    if text[:1] in ("=", "+", "-", "@") and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    return text


def record_csv(record: Any, model: Questionnaire) -> str:
    """A record as CSV text: one row per shown question, per shown dimension, and overall.

    Every row repeats the questionnaire, role, response id and date, so files
    from several people can be pasted under each other and pivoted. The text
    starts with a UTF-8 byte-order mark so spreadsheet programs pick the
    right encoding; rows end with CRLF.
    """
    rec, result, _ = _read(record, model)
    role = rec["role"]
    answers = rec["answers"]
    context = [model.id, model.version, role, rec["response_id"], rec["date"]]
    rows: list[list[Any]] = []
    for q in visible_questions(model, answers):
        value = answers.get(q.id)
        option = model.scales[q.scale].option(value) if value is not None else None
        label = option.label if option else ""
        kind = "answer" if q.scored else "route"
        rows.append([kind, q.id, q.dimension, q.short, q.texts[role], value, label])
    for d in result["dimensions"]:
        if d["shown"]:
            dim = model.dimension(d["id"])
            rows.append(["dimension", dim.id, dim.id, dim.title, dim.description, d["score"], ""])
    if result["band"]:
        label = result["band"]["label"]
    else:
        label = f"incomplete ({result['answered']} of {result['total']} answered)"
    rows.append(["overall", "overall", "", "Overall", model.title, result["overall"], label])

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in context + row])
    return "\ufeff" + out.getvalue()


# --- result codes --------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _check(body: str) -> str:
    return _b64(binascii.crc32(body.encode("ascii")).to_bytes(4, "big"))


def _radices(model: Questionnaire) -> list[int]:
    """Digit sizes: the role, then each question (0 = unanswered, k = option k-1)."""
    return [len(model.roles)] + [len(model.scales[q.scale].options) + 1 for q in model.questions]


def _data_size(radices: list[int]) -> int:
    most = 1
    for r in radices:
        most *= r
    return max(1, ((most - 1).bit_length() + 7) // 8)


def encode(model: Questionnaire, role: str, answers: Any) -> str:
    """A short code for a role's answers: `CX1.<id>.<version>.<answers>.<check>`.

    Only answers to shown questions are kept. Raises AnswerError for answers
    that do not fit.
    """
    kept = _shown_answers(model, role, answers)
    digits = [next(i for i, r in enumerate(model.roles) if r.id == role)]
    for q in model.questions:
        options = model.scales[q.scale].options
        value = kept.get(q.id)
        digits.append(0 if value is None else 1 + [o.value for o in options].index(value))
    radices = _radices(model)
    number = 0
    for digit, radix in zip(digits, radices, strict=True):
        number = number * radix + digit
    data = _b64(number.to_bytes(_data_size(radices), "big"))
    body = f"{CODE_PREFIX}.{model.id}.{model.version}.{data}"
    return f"{body}.{_check(body)}"


def _split_code(code: Any) -> tuple[str, int, str]:
    """Check a pasted code's shape and checksum; return (id, version, answer data)."""
    if not isinstance(code, str):
        raise InputError(NOT_A_CODE)
    text = "".join(code.split())
    head = re.fullmatch(r"CX([0-9]*)(\..*)?", text)
    if not head:
        raise InputError(NOT_A_CODE)
    number, rest = head.group(1), head.group(2) or ""
    if not number:
        raise InputError(DAMAGED_CODE)
    if number.startswith("0"):
        raise InputError(NOT_A_CODE)
    if int(number) > CODE_FORMAT:
        raise InputError(
            f"this result code was made by a newer version of the kit (format {number}); "
            f"this site reads format {CODE_FORMAT}"
        )
    parts = rest[1:].split(".") if rest else []
    if len(parts) != 4:
        raise InputError(DAMAGED_CODE)
    qid, version, data, check = parts
    if (
        not ID_RE.fullmatch(qid)
        or not VERSION_RE.fullmatch(version)
        or not B64_RE.fullmatch(data)
        or len(check) != CHECK_CHARS
        or check != _check(text[: -CHECK_CHARS - 1])
    ):
        raise InputError(DAMAGED_CODE)
    return qid, int(version), data


def decode(code: Any, models_by_id: dict[str, Questionnaire]) -> dict:
    """Read a result code back: {"questionnaire", "version", "role", "answers"}.

    Whitespace and line breaks in a pasted code are ignored. Raises InputError
    with a distinct message for each way a code can be unusable.
    """
    qid, version, data = _split_code(code)
    model = models_by_id.get(qid)
    if model is None:
        have = ", ".join(sorted(models_by_id)) or "none"
        raise InputError(
            f"this result code is for the questionnaire '{qid}', which this page does not have "
            f"(it has: {have})"
        )
    if version != model.version:
        raise InputError(
            f"this result code is for '{qid}' version {version}; "
            f"this page is version {model.version}"
        )
    misfit = InputError(
        f"this result code does not fit '{qid}' version {version}: it was probably made "
        "from a changed copy of the questionnaire"
    )
    radices = _radices(model)
    size = _data_size(radices)
    try:
        raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        raise misfit from None
    if len(raw) != size or _b64(raw) != data:
        raise misfit
    number = int.from_bytes(raw, "big")
    digits = []
    for radix in reversed(radices):
        number, digit = divmod(number, radix)
        digits.append(digit)
    if number:
        raise misfit
    digits.reverse()
    role = model.roles[digits[0]].id
    answers = {}
    for q, digit in zip(model.questions, digits[1:], strict=True):
        if digit:
            answers[q.id] = model.scales[q.scale].options[digit - 1].value
    try:
        answers = _shown_answers(model, role, answers)
    except AnswerError as e:  # cannot happen for a code this kit made
        raise InputError(f"{misfit} ({e})") from None
    return {"questionnaire": qid, "version": version, "role": role, "answers": answers}


# --- the op ------------------------------------------------------------------------


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
    return {"svg": chart_svg(model, request.get("result"), title, chart_id=chart_id)}


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
    out["svg"] = chart_svg(model, out["result"], model.title)
    previous = request.get("previous")
    out["delta"] = None
    if previous is not None:
        prev_record, _, _ = _read(previous, model)
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
