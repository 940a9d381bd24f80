"""Action plans from a result: the recommendations to pick, the 30-60-90-day draft, exports.

The op "plan" (kit.engine.api) takes the page's questionnaire definition, the
role and answers (scored here, by the one scoring engine), the starting plans
the page carries (kit/plans/*.yaml, checked by kit.engine.plan_model) and the
page's language, with `action`:

- "options": the result's recommendations to pick from (weakest area first)
  and the starting plan chosen for this questionnaire, role and answers.
- "draft": the plan document for the picked recommendation ids (all when
  `picked` is left out), from `start` (YYYY-MM-DD): focus areas, each with
  actions, owner, due date, evidence of progress and check-in date. A picked
  recommendation is the first action of its focus area; the starting plan's
  actions for that area follow at days 30, 60 and 90. `uid` (from the page)
  names the plan in calendar files.
- "export": the (edited) document as Markdown, CSV or an iCalendar file
  (kit.engine.plan_export), `format` "md" | "csv" | "ics".

The document is the page's to edit and keep; every export checks it again
(kit.engine.plan_doc) and names the field of anything wrong.

Pure standard library and no I/O: it runs in CPython and in Pyodide.
"""

import datetime
import re

from . import plan_doc, plan_export
from .cache import cached
from .cache import model as _model
from .errors import DefinitionError, InputError
from .errors import format_path as _format_path
from .model import Questionnaire
from .plan_model import StartingPlan, choose, validate_plan
from .scoring import score

_plans: dict[str, StartingPlan] = {}
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def plain(markdown: str) -> str:
    """A recommendation's Markdown as one line of plain text (links keep their words)."""
    text = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", markdown))
    return " ".join(text.split())


def _starting_plans(raw) -> list[StartingPlan]:
    if not isinstance(raw, list) or not raw:
        raise InputError("plans: expected the page's starting plans (a non-empty list)")
    out = []
    for i, definition in enumerate(raw):
        try:
            out.append(cached(_plans, definition, lambda d=definition: validate_plan(d)))
        except DefinitionError as e:
            first = e.problems[0]
            raise InputError(f"plans[{i}].{_format_path(first.path)}: {first.message}") from None
    return out


def _language(request: dict) -> str:
    lang = request.get("language", "en")
    return lang if lang in ("en", "de") else "en"


def _result(request: dict) -> tuple[Questionnaire, dict, dict]:
    model = _model(request.get("definition"))
    answers = request.get("answers", {})
    result = score(model, request.get("role"), answers)
    if not result["complete"] or not result["band"]:
        raise InputError("the assessment is not complete: answer every question to make a plan")
    return model, result, answers


def _recommendations(model: Questionnaire, result: dict) -> list[dict]:
    out = []
    for rec in result["recommendations"]:
        dim = model.dimension(rec["dimension"])
        found = next(r for r in dim.recommendations if r.id == rec["id"])
        text = found.texts.get(result["role"]) or found.text
        out.append({"id": rec["id"], "dimension": dim.id, "focus": dim.title, "text": plain(text)})
    return out


def _plan_summary(plan: StartingPlan, lang: str) -> dict:
    return {
        "id": plan.id,
        "title": plan.title.get(lang),
        "summary": plan.summary.get(lang),
        "role": plan.role.get(lang),
    }


def _starting_plan(request: dict, model, result: dict, answers):
    """The starting plan for this questionnaire, role and answers; one must fit."""
    plan = choose(_starting_plans(request.get("plans")), model.id, result["role"], answers)
    if plan is None:
        raise InputError(
            "plans: no starting plan fits this questionnaire and role, and none is the fallback"
        )
    return plan


def options(request: dict) -> dict:
    model, result, answers = _result(request)
    lang = _language(request)
    plan = _starting_plan(request, model, result, answers)
    return {
        "questionnaire": model.id,
        "role": result["role"],
        "plan": _plan_summary(plan, lang),
        "recommendations": _recommendations(model, result),
    }


def _date(value, field: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{field}: '{value}' is not a date (YYYY-MM-DD)") from None


def checkin_day(day: datetime.date) -> datetime.date:
    """A check-in on a weekend moves to the Monday after."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def draft(request: dict) -> dict:
    model, result, answers = _result(request)
    lang = _language(request)
    plan = _starting_plan(request, model, result, answers)
    start = _date(request.get("start"), "start")
    uid = plan_doc.check_uid(request.get("uid"))
    recs = _recommendations(model, result)
    picked = request.get("picked")
    if picked is None:
        picked = [r["id"] for r in recs]
    if not isinstance(picked, list) or not all(isinstance(p, str) for p in picked):
        raise InputError("picked: expected a list of recommendation ids")
    known = {r["id"] for r in recs}
    for i, rid in enumerate(picked):
        if rid not in known:
            raise InputError(f"picked[{i}]: '{rid}' is not one of this result's recommendations")
    chosen = [r for r in recs if r["id"] in set(picked)]

    def due(day: int) -> str:
        return (start + datetime.timedelta(days=day)).isoformat()

    def checkin(day: int) -> str:
        return checkin_day(start + datetime.timedelta(days=day)).isoformat()

    items: list[dict] = []

    def add(focus: str, text: str, owner: str, evidence: str, day: int) -> None:
        items.append(
            {
                "id": f"a{len(items) + 1}",
                "focus": focus,
                "action": text,
                "owner": owner,
                "evidence": evidence,
                "phase": day,
                "due": due(day),
                "checkin": checkin(day),
                "done": False,
            }
        )

    owner, evidence = plan.owner.get(lang), plan.evidence.get(lang)
    used: set[str] = set()
    # Weakest area first, as the result lists the recommendations.
    for rec in chosen:
        area = next((f for f in plan.focus if rec["dimension"] in f.dimensions), None)
        title = area.title.get(lang) if area else rec["focus"]
        add(title, rec["text"], owner, evidence, 30)
        if area and area.id not in used:
            used.add(area.id)
            for a in area.actions:
                add(
                    title,
                    a.text.get(lang),
                    (a.owner or plan.owner).get(lang),
                    (a.evidence or plan.evidence).get(lang),
                    a.day,
                )
    for area in plan.focus:
        if not area.dimensions:
            for a in area.actions:
                add(
                    area.title.get(lang),
                    a.text.get(lang),
                    (a.owner or plan.owner).get(lang),
                    (a.evidence or plan.evidence).get(lang),
                    a.day,
                )
    items.sort(key=lambda it: it["phase"])  # stable: areas keep their order within a phase
    for n, it in enumerate(items, 1):
        it["id"] = f"a{n}"
    role = model.role(result["role"])
    return {
        "format": plan_doc.FORMAT,
        "uid": uid,
        "plan": plan.id,
        "language": lang,
        "questionnaire": model.id,
        "questionnaire_title": model.title,
        "version": model.version,
        "role": result["role"],
        "role_label": plan.role.get(lang),
        "respondent_role": role.label if role else result["role"],
        "title": plan.title.get(lang),
        "summary": plan.summary.get(lang),
        "start": start.isoformat(),
        "picked": [r["id"] for r in chosen],
        "items": items,
        "commitments": "",
        "sources": [_credit(s) for s in plan.sources],
    }


def _credit(source) -> str:
    parts = [source.author, f"“{source.article}”"]
    if source.publisher and source.publisher != source.author:
        parts.append(source.publisher)
    if source.year:
        parts.append(str(source.year))
    return ", ".join(parts)


def export(request: dict) -> dict:
    doc = plan_doc.read(request.get("plan"))
    fmt = request.get("format")
    labels = plan_doc.read_labels(request.get("labels"))
    if fmt == "md":
        return {
            "filename": plan_export.filename(doc, "md"),
            "mime": "text/markdown;charset=utf-8",
            "text": plan_export.markdown(doc, labels),
        }
    if fmt == "csv":
        return {
            "filename": plan_export.filename(doc, "csv"),
            "mime": "text/csv;charset=utf-8",
            "text": plan_export.csv_text(doc, labels),
        }
    if fmt == "ics":
        stamp = plan_doc.read_stamp(request.get("stamp"))
        return {
            "filename": plan_export.filename(doc, "ics"),
            "mime": "text/calendar;charset=utf-8",
            "text": plan_export.ics(doc, labels, stamp),
        }
    raise InputError(f"format: expected 'md', 'csv' or 'ics', got {fmt!r}")


ACTIONS = {"options": options, "draft": draft, "export": export}


def handle(request: dict) -> dict:
    action = request.get("action")
    if action not in ACTIONS:
        raise InputError(f"action: expected one of {', '.join(ACTIONS)}, got {action!r}")
    return ACTIONS[action](request)
