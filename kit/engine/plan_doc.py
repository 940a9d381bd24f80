"""The plan document a page keeps and edits, checked again before every export.

What the browser sends back may have been edited, stored for weeks or
tampered with: `read` checks every field a file is made from and names the
first one that is wrong (`items[2].due: '2027-13-01' is not a date`).
"""

import datetime
import re
from typing import Any

from .checker import _kind
from .errors import InputError

FORMAT = 1
_UID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_STAMP = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?Z$")
ITEM_TEXTS = ("focus", "action", "owner", "evidence")
ITEM_DATES = ("due", "checkin")
DOC_TEXTS = ("title", "role_label", "commitments", "questionnaire", "language")
# The words around the plan's own texts in every export, from the page (UI strings).
LABEL_KEYS = (
    "focus", "action", "owner", "due", "evidence", "checkin", "done", "start",
    "role", "commitments", "source", "checkin_event", "day",
)  # fmt: skip
MAX_TEXT = 4000
MAX_ITEMS = 200


def check_uid(value: Any) -> str:
    if not isinstance(value, str) or not _UID.match(value):
        raise InputError(f"uid: expected 8-64 letters, digits or '-', got {_kind(value)}")
    return value


def _text(data: dict, key: str, where: str, *, empty: bool = True) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise InputError(f"{where}{key}: expected text, got {_kind(value)}")
    if len(value) > MAX_TEXT:
        raise InputError(f"{where}{key}: longer than {MAX_TEXT} characters")
    if not empty and not value.strip():
        raise InputError(f"{where}{key}: must not be empty")
    return value


def _date(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InputError(f"{where}{key}: {_kind(value)} is not a date (YYYY-MM-DD)") from None


def read(doc: Any) -> dict:
    """A checked copy of a plan document; raises InputError naming the field."""
    if not isinstance(doc, dict):
        raise InputError(f"plan: expected a plan document, got {_kind(doc)}")
    if doc.get("format") != FORMAT:
        raise InputError(f"plan.format: expected {FORMAT}, got {_kind(doc.get('format'))}")
    out = {"format": FORMAT, "uid": check_uid(doc.get("uid"))}
    for key in DOC_TEXTS:
        out[key] = _text(doc, key, "plan.")
    out["start"] = _date(doc, "start", "plan.")
    sources = doc.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise InputError("plan.sources: expected a list of texts")
    out["sources"] = sources
    items = doc.get("items")
    if not isinstance(items, list):
        raise InputError(f"plan.items: expected a list, got {_kind(items)}")
    if len(items) > MAX_ITEMS:
        raise InputError(f"plan.items: more than {MAX_ITEMS} actions")
    out["items"] = []
    for i, item in enumerate(items):
        where = f"items[{i}]."
        if not isinstance(item, dict):
            raise InputError(f"items[{i}]: expected an action, got {_kind(item)}")
        clean = {k: _text(item, k, where) for k in ITEM_TEXTS}
        clean.update({k: _date(item, k, where) for k in ITEM_DATES})
        if not isinstance(item.get("done", False), bool):
            raise InputError(f"{where}done: expected true or false, got {_kind(item.get('done'))}")
        clean["done"] = item.get("done", False)
        clean["id"] = item.get("id") if isinstance(item.get("id"), str) else f"a{i + 1}"
        out["items"].append(clean)
    return out


def read_labels(labels: Any) -> dict:
    if not isinstance(labels, dict):
        raise InputError(f"labels: expected the page's export labels, got {_kind(labels)}")
    for key in LABEL_KEYS:
        if not isinstance(labels.get(key), str) or not labels[key]:
            raise InputError(f"labels.{key}: missing")
    return {k: labels[k] for k in LABEL_KEYS}


def read_stamp(value: Any) -> str:
    """An ISO time in UTC (as JavaScript's toISOString) -> iCalendar's 20261204T190500Z."""
    m = _STAMP.match(value) if isinstance(value, str) else None
    if not m:
        raise InputError(
            f"stamp: expected a UTC time such as 2026-12-04T19:05:00Z, got {_kind(value)}"
        )
    try:
        datetime.datetime(*map(int, m.groups()))
    except ValueError:
        raise InputError(f"stamp: '{value}' is not a real time") from None
    return "{}{}{}T{}{}{}Z".format(*m.groups())
