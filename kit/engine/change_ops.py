"""The op "change" of kit.engine.api: {"op": "change", "action": ..., "definition": ...}.

- "people": "before" and "after" are two result records (cx-kit-result, e.g.
  two history entries) or result codes of one person; each is checked and
  scored again. Reply: kit.engine.change.compare_people plus "before_date",
  "after_date" (records only) and "role".
- "groups": "before" and "after" are two rounds, each either a list of team
  view items ({name, kind, data}, as the op "aggregate" takes) or a team view
  (an aggregate output, e.g. an opened round); optional "min_group" (the
  anonymity minimum, as in the team view) and "role" (default: every role).
  Reply: {"method", "min_group", "roles": [compare_views per role],
  "gap": {"before": gap_view, "after": gap_view}, "rounds": {"before": {...},
  "after": {...}}} where each round lists its "results", "accepted",
  "rejected" and "warnings" as the team view does.
- "gap": "items" (or "view") of one round: {"gap": gap_view, "round": {...}};
  or "self" and "team" lists of records/codes: kit.engine.change.gap.
"""

from typing import Any

from . import change as ch
from .aggregate import DEFAULT_MIN_GROUP, aggregate
from .cache import model as _model
from .change_views import compare_views, gap_view
from .errors import InputError
from .model import Questionnaire
from .results import decode, read_record
from .scoring import score


def _scored(model: Questionnaire, data: Any, what: str) -> tuple[dict, str | None]:
    """A record or a result code, scored again from its answers: (result, date)."""
    try:
        if isinstance(data, str):
            decoded = decode(data.strip(), {model.id: model})
            if decoded.get("version", model.version) != model.version:
                raise InputError(f"this code is for version {decoded['version']}")
            return score(model, decoded["role"], decoded["answers"]), None
        rec = read_record(data, model)
        return score(model, rec["role"], rec["answers"]), rec["date"]
    except InputError as e:
        raise InputError(f"{what}: {e}") from None


def _people(model: Questionnaire, request: dict) -> dict:
    before, before_date = _scored(model, request.get("before"), "before")
    after, after_date = _scored(model, request.get("after"), "after")
    out = ch.compare_people(model, before, after)
    out.update(role=before["role"], before_date=before_date, after_date=after_date)
    return out


def _round(model: Questionnaire, data: Any, what: str, min_group: int) -> dict:
    if isinstance(data, dict):
        return data  # a team view already (checked by change_views)
    if not isinstance(data, list):
        raise InputError(f"'{what}' must be a list of results (files or codes) or a team view")
    return aggregate(model, data, min_group)


def _round_info(view: dict) -> dict:
    return {k: view.get(k, []) for k in ("results", "accepted", "rejected", "warnings")}


def _min_group(request: dict) -> int:
    return request.get("min_group", DEFAULT_MIN_GROUP)


def _groups(model: Questionnaire, request: dict) -> dict:
    k = _min_group(request)
    before = _round(model, request.get("before"), "before", k)
    after = _round(model, request.get("after"), "after", k)
    role = request.get("role")
    role_ids = [r.id for r in model.roles]
    if role is not None and role not in role_ids:
        raise InputError(f"unknown role {role!r} (roles: {', '.join(role_ids)})")
    roles = [compare_views(model, before, after, r) for r in ([role] if role else role_ids)]
    return {
        "method": ch.METHOD_GROUPS,
        "minimum": ch.MIN_RESPONDENTS,
        "questionnaire": {"id": model.id, "version": model.version, "title": model.title},
        "min_group": before.get("min_group", k),
        "roles": roles,
        "gap": {"before": gap_view(model, before), "after": gap_view(model, after)},
        "rounds": {"before": _round_info(before), "after": _round_info(after)},
    }


def _gap(model: Questionnaire, request: dict) -> dict:
    if "self" in request or "team" in request:
        lists = []
        for what in ("self", "team"):
            data = request.get(what)
            if not isinstance(data, list):
                raise InputError(f"'{what}' must be a list of result records or codes")
            lists.append([_scored(model, d, what)[0] for d in data])
        return ch.gap(model, *lists)
    data = request.get("view", request.get("items"))
    view = _round(model, data, "items", _min_group(request))
    return {"gap": gap_view(model, view), "round": _round_info(view)}


ACTIONS = {"people": _people, "groups": _groups, "gap": _gap}


def handle(request: dict) -> dict:
    action = request.get("action")
    if action not in ACTIONS:
        raise InputError(f"unknown change action {action!r} (actions: {', '.join(ACTIONS)})")
    return ACTIONS[action](_model(request.get("definition")), request)
