"""A result record as spreadsheet-friendly CSV text."""

import csv
import io
import re
from typing import Any

from .model import Questionnaire
from .result_record import _read
from .scoring import visible_questions

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
