"""Action plans from a result (kit.engine.plan*): picking the starting plan, drafting
the 30-60-90-day plan, and the Markdown, CSV and iCalendar exports."""

import csv
import datetime
import io

import pytest

from build_scripts.generate import plans as plan_files
from build_scripts.generate.ui import ui_for
from kit import loader
from kit.engine.api import handle_request
from kit.engine.plan_doc import LABEL_KEYS
from kit.engine.plan_export import escape_text, fold

MODELS = {m.id: m for m in loader.load_all()}
LOADED = plan_files.load_all(roles={m.id: [r.id for r in m.roles] for m in MODELS.values()})


def labels(lang: str = "en") -> dict:
    ui = ui_for(lang)[0]
    return {k: ui[f"plan_{k}"] for k in LABEL_KEYS}


def answers_at(model, value_index: int, **fixed) -> dict:
    """Every question answered with its scale's option at value_index (route answers fixed)."""
    out = dict(fixed)
    for q in model.questions:
        if q.id in out:
            continue
        options = model.scales[q.scale].options
        scored = [o for o in options if o.scored]
        out[q.id] = scored[min(value_index, len(scored) - 1)].value
    return out


def request(action: str, qid="leadership-vision", role="manager", answers=None, **extra) -> dict:
    model = MODELS[qid]
    return {
        "op": "plan",
        "action": action,
        "definition": model.definition,
        "plans": plan_files.definitions_for(qid, LOADED),
        "role": role,
        "answers": answers if answers is not None else answers_at(model, 1),
        **extra,
    }


def ok(req: dict) -> dict:
    reply = handle_request(req)
    assert reply["ok"], reply
    return reply["result"]


def draft(**kw) -> dict:
    kw.setdefault("start", "2026-12-04")
    kw.setdefault("uid", "plan-test-0001")
    return ok(request("draft", **kw))


# --- choosing the starting plan ---------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "role", "fixed", "plan"),
    [
        ("leadership-vision", "manager", {}, "people-leader"),
        ("leadership-vision", "employee", {}, "team-member"),
        ("walk-the-talk", "leader", {}, "people-leader"),
        ("executive-commitment", "executive", {}, "executive-team"),
        ("executive-commitment", "observer", {}, "team-member"),
        ("sponsor-readiness", "sponsor", {"phase": 0}, "sponsor-infancy"),
        ("sponsor-readiness", "sponsor", {"phase": 1}, "sponsor-design"),
        ("sponsor-readiness", "sponsor", {"phase": 2}, "sponsor-implementation"),
        ("resistance", "sponsor", {}, "sponsor-implementation"),
    ],
)
def test_each_role_gets_its_starting_plan(qid, role, fixed, plan):
    result = ok(request("options", qid, role, answers_at(MODELS[qid], 1, **fixed)))
    assert result["plan"]["id"] == plan


def test_every_bundled_questionnaire_and_role_has_a_plan_other_than_the_fallback():
    for model in MODELS.values():
        for role in model.roles:
            kinds = {
                t.questionnaire
                for x in LOADED
                for t in x.plan.targets
                if t.questionnaire == model.id and role.id in t.roles
            }
            assert kinds == {model.id}, (model.id, role.id)


def test_an_unknown_questionnaire_gets_the_fallback_plan():
    model = MODELS["leadership-vision"]
    definition = {**model.definition, "id": "acme-pulse"}
    req = request("options")
    req["definition"] = definition
    req["plans"] = plan_files.definitions_for("acme-pulse", LOADED)
    assert ok(req)["plan"]["id"] == "general"


def test_options_list_the_results_recommendations_weakest_first_as_plain_text():
    result = ok(request("options", language="de"))
    recs = result["recommendations"]
    assert [r["id"] for r in recs][0] in {"understanding-calls", "sharing-agenda", "acting-own-it"}
    assert all("](" not in r["text"] and "\n" not in r["text"] for r in recs)
    assert result["plan"]["role"] == "Führungskraft"


def test_an_incomplete_result_is_refused_with_a_reason():
    model = MODELS["leadership-vision"]
    answers = answers_at(model, 1)
    answers.pop(next(iter(answers)))
    reply = handle_request(request("options", answers=answers))
    assert reply == {"ok": False, "kind": "input", "error": reply["error"]}
    assert "not complete" in reply["error"]


# --- drafting -----------------------------------------------------------------------


def test_draft_dates_run_30_60_90_days_from_the_start():
    plan = draft()
    start = datetime.date(2026, 12, 4)
    for item in plan["items"]:
        due = datetime.date.fromisoformat(item["due"])
        assert (due - start).days == item["phase"]
        checkin = datetime.date.fromisoformat(item["checkin"])
        assert checkin.weekday() < 5 and 0 <= (checkin - due).days <= 2
    assert [i["phase"] for i in plan["items"]] == sorted(i["phase"] for i in plan["items"])
    # 2026-12-04 + 30 = Sunday 2027-01-03: the check-in moves to Monday.
    assert plan["items"][0]["due"] == "2027-01-03"
    assert plan["items"][0]["checkin"] == "2027-01-04"


def test_a_picked_recommendation_opens_its_focus_area_and_brings_its_actions():
    plan = draft(picked=["sharing-agenda"])
    assert plan["picked"] == ["sharing-agenda"]
    focus = {i["focus"] for i in plan["items"]}
    assert "Bringing customer feedback into the team's work" in focus
    assert "Hearing customers first hand" not in focus  # not picked
    assert "Checking progress" in focus  # always part of the plan
    first = next(i for i in plan["items"] if i["focus"].startswith("Bringing"))
    assert first["action"].startswith("Make the customer the first item")
    assert all(i["owner"] and i["evidence"] for i in plan["items"])


def test_nothing_picked_gives_the_roles_own_steps_only():
    plan = draft(picked=[])
    assert plan["items"] and {i["focus"] for i in plan["items"]} == {"Checking progress"}


def test_german_draft_is_in_german():
    plan = draft(language="de", picked=["acting-own-it"])
    assert plan["title"].startswith("30-60-90-Tage-Plan")
    assert plan["role_label"] == "Führungskraft"
    assert any(i["focus"] == "Kundenprobleme selbst angehen" for i in plan["items"])


def test_sponsor_plan_follows_the_phase_answer():
    model = MODELS["sponsor-readiness"]
    plan = draft(qid="sponsor-readiness", role="sponsor", answers=answers_at(model, 0, phase=1))
    assert plan["plan"] == "sponsor-design"
    assert plan["sources"] == [
        "Janet LeBlanc, “Effective CEM Requires Engaged Leadership”,"
        " Janet LeBlanc + Associates Inc."
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"start": "2026-02-30"}, "start: '2026-02-30' is not a date (YYYY-MM-DD)"),
        ({"picked": ["nope"]}, "picked[0]: 'nope' is not one of this result's recommendations"),
        ({"uid": "x"}, "uid: expected 8-64 letters, digits or '-'"),
    ],
)
def test_draft_errors_name_the_field(extra, message):
    req = request("draft", start="2026-12-04", uid="plan-test-0001")
    req.update(extra)
    reply = handle_request(req)
    assert not reply["ok"] and reply["kind"] == "input"
    assert reply["error"].startswith(message)


# --- exports --------------------------------------------------------------------------


def export(doc: dict, fmt: str, lang: str = "en") -> dict:
    return ok(
        {
            "op": "plan",
            "action": "export",
            "format": fmt,
            "plan": doc,
            "labels": labels(lang),
            "stamp": "2026-12-04T19:05:07.123Z",
        }
    )


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    out: list[str] = []
    for line in text[:-2].split("\r\n"):
        assert "\n" not in line and "\r" not in line
        assert len(line.encode("utf-8")) <= 75, line
        if line.startswith(" "):
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            assert value[i] not in ";,", value  # unescaped separators
            out.append(value[i])
            i += 1
    return "".join(out)


def test_ics_is_rfc5545_one_event_per_checkin_date():
    plan = draft()
    plan["items"][0]["action"] = (
        "Call Ølstrup A/S; ask: why, really? \\ then report\nback — 日本語テキスト " * 3
    )
    text = export(plan, "ics")["text"]
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events = [i for i, x in enumerate(lines) if x == "BEGIN:VEVENT"]
    dates = sorted({i["checkin"] for i in plan["items"]})
    assert len(events) == len(dates) == 3
    props = [
        dict(x.split(":", 1) for x in lines[i + 1 : lines.index("END:VEVENT", i)]) for i in events
    ]
    assert [p["DTSTART;VALUE=DATE"] for p in props] == [d.replace("-", "") for d in dates]
    assert len({p["UID"] for p in props}) == 3 and all(p["UID"].endswith("@cx-kit") for p in props)
    assert all(p["DTSTAMP"] == "20261204T190507Z" for p in props)
    for p in props:
        start = datetime.datetime.strptime(p["DTSTART;VALUE=DATE"], "%Y%m%d")
        assert datetime.datetime.strptime(
            p["DTEND;VALUE=DATE"], "%Y%m%d"
        ) - start == datetime.timedelta(days=1)
    description = unescape(props[0]["DESCRIPTION"])
    assert (
        "Call Ølstrup A/S; ask: why, really? \\ then report\nback — 日本語テキスト" in description
    )
    assert unescape(props[0]["SUMMARY"]) == f"Check-in: {plan['title']}"
    # Folding happened, and never inside a character (every physical line decodes).
    assert any(line.startswith(" ") for line in text.split("\r\n"))


def test_fold_and_escape_follow_rfc5545():
    assert escape_text("a;b,c\\d\ne\r\nf") == "a\\;b\\,c\\\\d\\ne\\nf"
    line = "DESCRIPTION:" + "ä" * 100
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert [len(p.encode()) for p in parts][0] <= 75 and all(
        len(p.encode()) <= 74 for p in parts[1:]
    )
    assert "".join(parts) == line
    assert fold("SHORT:x") == "SHORT:x"


def test_same_plan_exports_the_same_uids_so_calendars_update_not_duplicate():
    plan = draft()
    first = [x for x in unfold(export(plan, "ics")["text"]) if x.startswith("UID:")]
    plan["items"][0]["action"] = "changed"
    again = [x for x in unfold(export(plan, "ics")["text"]) if x.startswith("UID:")]
    assert first == again


def test_csv_has_one_row_per_action_and_defuses_formulas():
    plan = draft()
    plan["items"][1]["owner"] = '=HYPERLINK("x")'
    plan["items"][1]["done"] = True
    out = export(plan, "csv", "de")
    assert out["filename"] == "leadership-vision-plan-2026-12-04.csv"
    text = out["text"]
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "Handlungsfeld",
        "Maßnahme",
        "Verantwortlich",
        "Fällig",
        "Nachweis des Fortschritts",
        "Review",
        "Erledigt",
    ]
    assert len(rows) == len(plan["items"]) + 1
    assert rows[2][2] == '\'=HYPERLINK("x")' and rows[2][6] == "x"


def test_markdown_groups_actions_by_focus_area_with_commitments_and_credit():
    plan = draft()
    plan["commitments"] = "I will call two customers.\nPriya checks on me."
    plan["items"][0]["done"] = True
    md = export(plan, "md")["text"]
    assert md.startswith(f"# {plan['title']}\n")
    assert "- **Role:** People leader" in md and "- **Start:** 2026-12-04" in md
    assert "## Hearing customers first hand" in md
    assert "- [x] " in md and "- [ ] " in md
    assert "## My commitments\n\nI will call two customers.\nPriya checks on me.\n" in md
    assert "*Source: MyCustomer, “CEM maturity model pt 3" in md


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["items"][2].update(due="2027-13-01"),
            "items[2].due: text '2027-13-01' is not a date (YYYY-MM-DD)",
        ),
        (lambda d: d["items"][0].update(owner=None), "items[0].owner: expected text, got nothing"),
        (lambda d: d["items"][1].update(done="yes"), "items[1].done: expected true or false"),
        (lambda d: d.update(start=""), "plan.start: text '' is not a date"),
        (lambda d: d.update(format=2), "plan.format: expected 1"),
        (lambda d: d.update(items="x"), "plan.items: expected a list"),
    ],
)
def test_export_names_the_field_of_an_edited_plan_that_is_wrong(change, message):
    plan = draft()
    change(plan)
    reply = handle_request(
        {
            "op": "plan",
            "action": "export",
            "format": "ics",
            "plan": plan,
            "labels": labels(),
            "stamp": "2026-12-04T19:05:07Z",
        }
    )
    assert not reply["ok"] and reply["kind"] == "input"
    assert reply["error"].startswith(message), reply["error"]


def test_export_refuses_a_bad_format_stamp_and_labels():
    plan = draft()
    base = {
        "op": "plan",
        "action": "export",
        "plan": plan,
        "labels": labels(),
        "stamp": "2026-12-04T19:05:07Z",
    }
    assert (
        "format: expected 'md', 'csv' or 'ics'"
        in handle_request({**base, "format": "pdf"})["error"]
    )
    assert handle_request({**base, "format": "ics", "stamp": "yesterday"})["error"].startswith(
        "stamp:"
    )
    assert (
        handle_request({**base, "format": "md", "labels": {}})["error"] == "labels.focus: missing"
    )
    assert handle_request({**base, "action": "nope"})["error"].startswith("action: expected one of")
