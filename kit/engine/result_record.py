"""The result record a respondent saves as JSON (docs/reference/result-format.md).

`record(...)` builds it; `read_record(...)` checks an imported one and scores
its answers again, so a stored score is never trusted. No I/O, no clock: the
caller passes the response id and the date.
"""

import datetime
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

NOT_A_RECORD = f"this file is not a kit result (no 'format': '{FORMAT}')"


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
