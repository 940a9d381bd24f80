"""The team view's questionnaire comes from the results (issue 19): codes and
files name it, so a code is never rejected because another one was selected;
groups go by short names; one message per withheld group."""

from pathlib import Path

import pytest

from kit import loader
from kit.engine.api import handle_request
from kit.engine.charts import GAP_WIDTH
from kit.engine.results import encode
from kit.engine.team_pick import choose, claimed_counts

TEAM = Path(__file__).parent / "fixtures" / "aggregate" / "team"
TITLES = {"leadership-vision": "Leadership vision", "walk-the-talk": "Walk the talk"}


@pytest.fixture(scope="module")
def models():
    return {
        q: loader.load_file(loader.QUESTIONNAIRE_DIR / f"{q}.yaml")
        for q in ("leadership-vision", "walk-the-talk")
    }


def team_items() -> list[dict]:
    return [
        {"name": n, "kind": "text", "data": (TEAM / n).read_text(encoding="utf-8")}
        for n in ("m1.json", "m2.json", "managers.jsonl", "employees.txt")
    ]


def walk_code(models, role="leader") -> dict:
    return {"name": "walk", "kind": "code", "data": encode(models["walk-the-talk"], role, {})}


def request(models, items, selected):
    return {
        "op": "aggregate",
        "definitions": {q: m.definition for q, m in models.items()},
        "selected": selected,
        "items": items,
    }


def test_the_items_name_their_questionnaire(models):
    # Seven leadership-vision results (4 files' worth of managers, 3 codes).
    counts = claimed_counts(team_items())
    assert counts == {"leadership-vision": 7}
    picked = choose(team_items(), TITLES, "walk-the-talk")
    assert picked == {
        "id": "leadership-vision",
        "title": "Leadership vision",
        "switched": True,
        "set_aside": [],
    }


def test_selected_questionnaire_kept_when_the_items_are_for_it(models):
    picked = choose(team_items(), TITLES, "leadership-vision")
    assert picked["switched"] is False and picked["id"] == "leadership-vision"


def test_nothing_named_keeps_the_selection():
    assert choose([], TITLES, "walk-the-talk")["id"] == "walk-the-talk"


def test_op_switches_and_sets_aside_the_minority(models):
    reply = handle_request(request(models, [*team_items(), walk_code(models)], "walk-the-talk"))
    assert reply["ok"] is True
    r = reply["result"]
    assert r["questionnaire"]["id"] == "leadership-vision"
    assert r["results"] == 7 and r["overall"]["gap"] == 32.3
    assert r["picked"]["switched"] is True
    assert r["picked"]["set_aside"] == [
        {"id": "walk-the-talk", "title": models["walk-the-talk"].title, "count": 1}
    ]
    assert [x["name"] for x in r["rejected"]] == ["walk"]


def test_groups_have_short_names(models):
    r = handle_request(request(models, team_items(), "leadership-vision"))["result"]
    names = {g["id"]: (g["short"], g["label"]) for g in r["roles"]}
    assert names == {
        "manager": ("Managers (self)", "I lead people and am rating myself"),
        "employee": ("Their teams", "I am rating my manager and our leadership"),
    }
    # The chart's legend uses them too, drawn narrow enough to stay readable on a phone.
    assert "Managers (self)" in r["chart"] and "I lead people" not in r["chart"]
    assert f'viewBox="0 0 {GAP_WIDTH} ' in r["chart"]


def test_each_withheld_group_has_its_own_message(models):
    items = [{"name": "m1", "kind": "text", "data": (TEAM / "m1.json").read_text()}]
    r = handle_request(request(models, items, "leadership-vision"))["result"]
    withheld = [g for g in r["roles"] if g["withheld"]]
    assert [g["id"] for g in withheld] == ["manager", "employee"]
    assert all(g["reason"] for g in withheld)
    assert withheld[0]["reason"] != withheld[1]["reason"]  # too few vs none at all


def test_german_short_names(models):
    path = loader.QUESTIONNAIRE_DIR / "leadership-vision.de.yaml"
    de, missing = loader.load_translation(path, models["leadership-vision"])
    assert [r.short for r in de.roles] == ["Führungskräfte (selbst)", "Ihre Teams"]
    assert not [m for m in missing if m.startswith("role")]


def test_a_role_without_short_name_falls_back_to_its_label(models):
    definition = models["walk-the-talk"].definition
    roles = [{"id": r["id"], "label": r["label"]} for r in definition["roles"]]
    bare = {**definition, "roles": roles}
    reply = handle_request({"op": "aggregate", "definition": bare, "items": [walk_code(models)]})
    roles = reply["result"]["roles"]
    assert roles[0]["short"] == roles[0]["label"] == "I lead people and am rating myself"


def _record(model, role, values, i):
    from kit.engine.results import record

    qids = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
    return record(
        model, role, dict(zip(qids, values, strict=True)), f"r-{role}-{i:08d}", "2025-03-20"
    )


def _records_item(model, rows):
    import json

    lines = [json.dumps(_record(model, role, v, i)) for i, (role, v) in enumerate(rows)]
    return {"name": "all.jsonl", "kind": "text", "data": "\n".join(lines)}


def test_each_gap_says_whether_it_is_large_enough_to_act_on(models):
    from kit.engine.aggregate import aggregate

    vision = models["leadership-vision"]
    # Five managers all at 4 and five team members at 1 or 2: a gap far beyond noise.
    rows = [("manager", [4] * 6)] * 5 + [("employee", [1, 2] * 3), ("employee", [2, 1] * 3)] * 3
    r = aggregate(vision, [_records_item(vision, rows[:11])])
    assert r["overall"]["gap_status"] == "reliable"
    assert all(d["gap_status"] == "reliable" for d in r["dimensions"])
    # The hand-computed fixture team has 3 employees: too few to tell.
    r = aggregate(vision, team_items())
    assert r["overall"]["gap"] == 32.3 and r["overall"]["gap_status"] == "too_few"
    # Same views on both sides: within noise.
    same = [("manager", [2, 3] * 3), ("employee", [3, 2] * 3)] * 5
    r = aggregate(vision, [_records_item(vision, same)])
    assert r["overall"]["gap_status"] == "noise" and r["overall"]["gap_threshold"] > 0
