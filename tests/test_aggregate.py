"""Team view: many results of one questionnaire aggregated per role, with the gap.

The fixture team (tests/fixtures/aggregate/team) is four managers and three
employees on leadership-vision (every scale 0-4, so an answer v is worth
25 * v points). Every expected number is worked out by hand in the comments
and written as a literal, so a change in the engine's arithmetic shows up here.

    question      M1 M2 M3 M4 | E1 E2 E3
    needs          4  3  4  3 |  2  3  2
    visits         3  3  2  4 |  1  1  2
    reviews        3  2  3  2 |  1  2  1
    agenda         2  2  3  1 |  1  0  1
    urgency        4  4  3  4 |  3  2  3
    involvement    3  4  3  2 |  2  1  2

M1 and M2 are result files (M2's stored scores are tampered with), M3 and M4
a JSON-lines bundle, E1-E3 result codes in a text file (E3 broken over two
lines, as a pasted code can be).
"""

import argparse
import csv
import io
import json
import shutil
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.devtools import benchmark_data
from build_scripts.devtools.vectors import vectors_for
from kit import aggregate_cli, loader
from kit.engine import aggregate as agg
from kit.engine import validate
from kit.engine.aggregate import aggregate, identify, summary_csv
from kit.engine.api import handle_request
from kit.engine.errors import InputError
from kit.engine.results import encode, read_record, record
from kit.engine.scoring import score

FIXTURES = Path(__file__).parent / "fixtures" / "aggregate"
TEAM = FIXTURES / "team"
BAD = FIXTURES / "bad"
QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
MANAGERS = [[4, 3, 3, 2, 4, 3], [3, 3, 2, 2, 4, 4], [4, 2, 3, 3, 3, 3], [3, 4, 2, 1, 4, 2]]
EMPLOYEES = [[2, 1, 1, 1, 3, 2], [3, 1, 2, 0, 2, 1], [2, 2, 1, 1, 3, 2]]
ANONYMITY = (
    "fewer than 3 respondents in this group; results are shown for groups of 3 or more "
    "to protect anonymity"
)


@pytest.fixture(scope="module")
def vision():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")


@pytest.fixture(scope="module")
def sponsor():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / "sponsor-readiness.yaml")


def text_item(path: Path) -> dict:
    return {"name": path.name, "kind": "text", "data": path.read_text(encoding="utf-8")}


def team_items() -> list[dict]:
    return [text_item(TEAM / n) for n in ("m1.json", "m2.json", "managers.jsonl", "employees.txt")]


def rec(model, role, values, i, questions=QUESTIONS):
    return record(
        model, role, dict(zip(questions, values, strict=True)), f"resp-{role}-{i:08d}", "2025-03-20"
    )


def by_id(entries: list[dict]) -> dict:
    return {e["id"]: e for e in entries}


def means(stats: dict) -> dict:
    return {role: s.get("mean") for role, s in stats.items()}


# --- the hand-computed team ---------------------------------------------------------------


def test_team_respondents_and_overall(vision):
    r = aggregate(vision, team_items())
    assert r["questionnaire"] == {
        "id": "leadership-vision",
        "version": 1,
        "title": "Does our leadership live the customer-centric vision?",
    }
    assert r["results"] == 7
    assert [(g["id"], g["n"], g["incomplete"], g["withheld"]) for g in r["roles"]] == [
        ("manager", 4, 0, False),
        ("employee", 3, 0, False),
    ]
    assert r["compare"] == {"roles": ["manager", "employee"], "shown": True, "reason": None}
    assert r["rejected"] == []
    assert r["accepted"] == [
        {"name": "m1.json", "results": 1},
        {"name": "m2.json", "results": 1},
        {"name": "managers.jsonl", "results": 2},
        {"name": "employees.txt", "results": 3},
    ]
    # Overall per person: sum of answers / 24 * 100, one decimal.
    # Managers 19, 18, 18, 16 -> 79.2, 75.0, 75.0, 66.7: mean 295.9 / 4 = 73.975 -> 74.0.
    # Employees 10, 9, 11 -> 41.7, 37.5, 45.8: mean 125 / 3 = 41.67 -> 41.7.
    # Gap 74.0 - 41.7 = 32.3.
    o = r["overall"]
    assert means(o["roles"]) == {"manager": 74.0, "employee": 41.7}
    assert o["gap"] == 32.3
    # Bands of 20: managers all in [60, 80); employees 37.5 in [20, 40), two in [40, 60).
    assert [b["count"] for b in o["roles"]["manager"]["distribution"]] == [0, 0, 0, 4, 0]
    assert [b["count"] for b in o["roles"]["employee"]["distribution"]] == [0, 1, 2, 0, 0]
    assert o["roles"]["manager"]["distribution"][0] == {"from": 0, "to": 20, "count": 0}
    assert o["roles"]["manager"]["n"] == 4 and o["roles"]["employee"]["n"] == 3


def test_team_dimensions(vision):
    r = aggregate(vision, team_items())
    dims = by_id(r["dimensions"])
    # understanding: managers 87.5, 75, 75, 87.5 -> 81.25 -> 81.2 (round half to even,
    # as scoring's round()); employees 37.5, 50, 50 -> 45.83 -> 45.8; gap 35.4.
    assert means(dims["understanding"]["roles"]) == {"manager": 81.2, "employee": 45.8}
    assert dims["understanding"]["gap"] == 35.4
    # sharing: 62.5, 50, 75, 37.5 -> 56.25 -> 56.2; employees 25, 25, 25 -> 25.0; gap 31.2.
    assert means(dims["sharing"]["roles"]) == {"manager": 56.2, "employee": 25.0}
    assert dims["sharing"]["gap"] == 31.2
    # acting: 87.5, 100, 75, 75 -> 84.375 -> 84.4; 62.5, 37.5, 62.5 -> 54.17 -> 54.2; 30.2.
    assert means(dims["acting"]["roles"]) == {"manager": 84.4, "employee": 54.2}
    assert dims["acting"]["gap"] == 30.2
    counts = {
        (d, role): [b["count"] for b in dims[d]["roles"][role]["distribution"]]
        for d in dims
        for role in ("manager", "employee")
    }
    assert counts == {
        ("understanding", "manager"): [0, 0, 0, 2, 2],
        ("understanding", "employee"): [0, 1, 2, 0, 0],
        ("sharing", "manager"): [0, 1, 1, 2, 0],
        ("sharing", "employee"): [0, 3, 0, 0, 0],
        ("acting", "manager"): [0, 0, 0, 2, 2],  # 100 belongs to the top band
        ("acting", "employee"): [0, 1, 0, 2, 0],
    }
    assert dims["understanding"]["guide"] == "guide/top-down-nps.md#whom-to-call"
    assert dims["sharing"]["guide"] == "talk-tracks/exec-staff-meeting.md"
    assert dims["acting"]["guide"] == "guide/walking-the-talk.md"
    assert dims["acting"]["recommendation"]["id"] == "acting-own-it"


def test_team_items(vision):
    r = aggregate(vision, team_items())
    items = by_id(r["items"])
    # Item mean = 25 * (sum of answers) / n.
    expected = {
        # question: (manager mean, employee mean, gap)
        "needs": (87.5, 58.3, 29.2),  # 25*14/4; 25*7/3 = 58.33
        "visits": (75.0, 33.3, 41.7),  # 25*12/4; 25*4/3 = 33.33
        "reviews": (62.5, 33.3, 29.2),  # 25*10/4; 25*4/3
        "agenda": (50.0, 16.7, 33.3),  # 25*8/4; 25*2/3 = 16.67
        "urgency": (93.8, 66.7, 27.1),  # 25*15/4 = 93.75 -> 93.8; 25*8/3 = 66.67
        "involvement": (75.0, 41.7, 33.3),  # 25*12/4; 25*5/3 = 41.67
    }
    got = {
        q: (
            items[q]["roles"]["manager"]["mean"],
            items[q]["roles"]["employee"]["mean"],
            items[q]["gap"],
        )
        for q in expected
    }
    assert got == expected
    agenda = items["agenda"]["roles"]["employee"]
    assert agenda["n"] == 3 and agenda["n_scored"] == 3
    assert [(d["value"], d["label"], d["count"]) for d in agenda["distribution"]] == [
        (0, "Never", 1),
        (1, "Rarely", 2),
        (2, "Sometimes", 0),
        (3, "Often", 0),
        (4, "Always", 0),
    ]
    assert items["needs"]["dimension"] == "understanding"
    assert items["needs"]["texts"]["employee"].startswith("Our leadership makes")


def test_team_largest_gaps(vision):
    r = aggregate(vision, team_items())
    # By absolute gap, ties (33.3, 29.2) in definition order.
    assert [(g["id"], g["gap"]) for g in r["largest_gaps"]] == [
        ("visits", 41.7),
        ("agenda", 33.3),
        ("involvement", 33.3),
        ("needs", 29.2),
        ("reviews", 29.2),
        ("urgency", 27.1),
    ]
    first = r["largest_gaps"][0]
    assert first["dimension"] == "understanding"
    assert first["dimension_title"] == "Understanding customers"
    assert first["means"] == {"manager": 75.0, "employee": 33.3}
    assert first["guide"] == "guide/top-down-nps.md#whom-to-call"
    assert first["recommendation"] == "understanding-calls"


def test_stored_scores_are_never_trusted(vision):
    r = aggregate(vision, team_items())
    # m2.json claims overall 100; its answers score 75.0 and that is what counts.
    assert r["warnings"] == [
        {
            "name": "m2.json",
            "message": "the scores written in this file do not match its answers; "
            "the answers were scored again",
        }
    ]
    assert r["overall"]["roles"]["manager"]["mean"] == 74.0


def test_compare_reversed_gives_negative_gaps(vision):
    r = aggregate(vision, team_items(), compare=["employee", "manager"])
    assert r["overall"]["gap"] == -32.3
    assert r["largest_gaps"][0]["id"] == "visits" and r["largest_gaps"][0]["gap"] == -41.7


def test_same_numbers_from_records_codes_and_bundles(vision):
    """All seven as records, as codes, and as one JSON-lines bundle: the same statistics."""
    records = [rec(vision, "manager", v, i) for i, v in enumerate(MANAGERS)]
    records += [rec(vision, "employee", v, i) for i, v in enumerate(EMPLOYEES)]
    as_records = [{"name": f"r{i}", "kind": "record", "data": x} for i, x in enumerate(records)]
    as_codes = [
        {"name": f"code {i}", "kind": "code", "data": encode(vision, x["role"], x["answers"])}
        for i, x in enumerate(records)
    ]
    bundle = [{"name": "all.jsonl", "kind": "text", "data": "\n".join(map(json.dumps, records))}]
    mixed = as_records[:3] + as_codes[3:]
    results = [
        aggregate(vision, items) for items in (as_records, as_codes, bundle, mixed, team_items())
    ]
    keys = ("roles", "overall", "dimensions", "items", "largest_gaps")
    for r in results[1:]:
        assert {k: r[k] for k in keys} == {k: results[0][k] for k in keys}
    assert results[2]["accepted"] == [{"name": "all.jsonl", "results": 7}]


# --- anonymity ----------------------------------------------------------------------------


def test_small_group_is_withheld_with_no_gap(vision):
    items = team_items()[:3] + [
        {
            "name": "code 1",
            "kind": "code",
            "data": encode(vision, "employee", dict(zip(QUESTIONS, EMPLOYEES[0], strict=True))),
        },
        {
            "name": "code 2",
            "kind": "code",
            "data": encode(vision, "employee", dict(zip(QUESTIONS, EMPLOYEES[1], strict=True))),
        },
    ]
    r = aggregate(vision, items)
    employee = r["roles"][1]
    assert employee == {
        "id": "employee",
        "label": "I am rating my manager and our leadership",
        "short": "Their teams",
        "n": 2,
        "incomplete": 0,
        "withheld": True,
        "reason": ANONYMITY,
    }
    withheld = {"withheld": True, "reason": ANONYMITY}
    assert r["overall"]["roles"]["employee"] == withheld
    assert all(d["roles"]["employee"] == withheld for d in r["dimensions"])
    assert all(i["roles"]["employee"] == withheld for i in r["items"])
    assert r["overall"]["gap"] is None
    assert all(d["gap"] is None for d in r["dimensions"] + r["items"])
    assert r["largest_gaps"] == []
    assert r["compare"] == {
        "roles": ["manager", "employee"],
        "shown": False,
        "reason": "no gaps: employee: fewer than 3 respondents",
    }
    # The managers are still shown.
    assert r["overall"]["roles"]["manager"]["mean"] == 74.0
    # Nothing of the two employees' answers is anywhere in the result.
    assert "Rarely" not in json.dumps([i["roles"]["employee"] for i in r["items"]])


def test_min_group_is_configurable(vision):
    items = team_items()
    assert aggregate(vision, items, min_group=4)["roles"][1]["withheld"] is True
    r = aggregate(vision, items, min_group=1)
    assert r["overall"]["gap"] == 32.3
    with pytest.raises(InputError, match="min_group must be a whole number of at least 1"):
        aggregate(vision, items, min_group=0)
    with pytest.raises(InputError, match="min_group"):
        aggregate(vision, items, min_group=True)


def test_empty_group_and_a_figure_from_too_few_answers(sponsor):
    """Three sponsors and three team members, but the branch shows 'design' to one of them."""
    q = ["phase", "credibility", "courage", "vision"]
    inf = ["inf-strategy", "inf-support", "inf-resources", "inf-case", "inf-personal"]
    des = ["des-coalition", "des-continuity", "des-roadblocks", "des-risks", "des-future"]
    records = []
    for i, role in enumerate(["sponsor"] * 3 + ["team"] * 3):
        phase = 1 if i == 5 else 0
        answers = dict(zip(q, [phase, 3, 3, 3], strict=True))
        answers |= dict.fromkeys(des if phase else inf, 2)
        records.append(record(sponsor, role, answers, f"resp-sponsor-{i:08d}", "2025-03-20"))
    r = aggregate(
        sponsor, [{"name": f"r{i}", "kind": "record", "data": x} for i, x in enumerate(records)]
    )
    items = by_id(r["items"])
    dims = by_id(r["dimensions"])
    # Shown to all three team members: shown.
    assert items["credibility"]["roles"]["team"]["mean"] == 75.0
    assert dims["qualities"]["roles"]["team"]["mean"] == 75.0
    assert dims["qualities"]["gap"] == 0.0
    # 'design' questions answered by one team member, 'infancy' by two: withheld.
    small_item = {
        "withheld": True,
        "reason": "fewer than 3 answers to this question in this group; results are shown "
        "for 3 or more answers to protect anonymity",
    }
    small_score = {
        "withheld": True,
        "reason": "fewer than 3 complete results in this group; results are shown for 3 or "
        "more to protect anonymity",
    }
    assert items["des-coalition"]["roles"]["team"] == small_item
    assert items["inf-case"]["roles"]["team"] == small_item
    assert dims["design"]["roles"]["team"] == small_score
    assert dims["infancy"]["roles"]["team"] == small_score
    assert dims["infancy"]["roles"]["sponsor"]["mean"] == 50.0
    assert dims["infancy"]["gap"] is None and items["inf-case"]["gap"] is None
    # The sponsors never saw the design questions: no answers, withheld, and no gap.
    assert items["des-coalition"]["roles"]["sponsor"] == small_item
    # The route question has a distribution but no mean.
    phase = items["phase"]
    assert phase["scored"] is False and phase["gap"] is None and phase["dimension"] is None
    assert phase["roles"]["team"]["mean"] is None
    assert [d["count"] for d in phase["roles"]["team"]["distribution"]] == [2, 1, 0]


def test_group_with_no_results(vision):
    r = aggregate(vision, team_items()[:3])
    assert r["roles"][1]["n"] == 0
    assert r["roles"][1]["reason"] == "no results from this group"
    assert r["compare"]["reason"] == "no gaps: employee: no results"


# --- incomplete results and "don't know" --------------------------------------------------


def test_incomplete_results_count_for_items_only(vision):
    partial = rec(vision, "employee", [0, 0], 9, questions=["needs", "visits"])
    items = team_items() + [{"name": "partial.json", "kind": "record", "data": partial}]
    r = aggregate(vision, items)
    employee = r["roles"][1]
    assert (employee["n"], employee["incomplete"]) == (4, 1)
    it = by_id(r["items"])
    # needs: 2, 3, 2, 0 -> 25 * 7 / 4 = 43.75 -> 43.8; urgency unchanged (not answered).
    assert it["needs"]["roles"]["employee"]["mean"] == 43.8
    assert it["needs"]["roles"]["employee"]["n"] == 4
    assert it["urgency"]["roles"]["employee"]["n"] == 3
    # Dimensions and overall are unchanged: the partial result is left out of them.
    assert (
        r["overall"]["roles"]["employee"]
        == aggregate(vision, team_items())["overall"]["roles"]["employee"]
    )
    assert by_id(r["dimensions"])["understanding"]["roles"]["employee"]["mean"] == 45.8


def test_dont_know_is_counted_but_not_scored():
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "executive-commitment.yaml")
    qs = [q.id for q in model.questions]
    records = []
    for i, first in enumerate([2, 1, -1]):  # yes, partly, don't know
        answers = dict.fromkeys(qs, 1) | {qs[0]: first}
        records.append(
            record(model, model.roles[1].id, answers, f"resp-dontknow-{i:06d}", "2025-03-20")
        )
    r = aggregate(model, [{"name": "x", "kind": "record", "data": records}])
    stat = by_id(r["items"])[qs[0]]["roles"][model.roles[1].id]
    # Scored answers 2 and 1 on a 0-2 scale: (100 + 50) / 2 = 75.0; "don't know" counted apart.
    assert (stat["n"], stat["n_scored"], stat["mean"]) == (3, 2, 75.0)
    assert {d["value"]: d["count"] for d in stat["distribution"]}[-1] == 1


# --- bad inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        (
            "other-questionnaire.json",
            "this result is for 'walk-the-talk'; this page is 'leadership-vision'",
        ),
        (
            "other-version.json",
            "this result is for 'leadership-vision' version 2; this page is version 1",
        ),
        (
            "malformed.json",
            "malformed JSON: Expecting property name enclosed in double quotes (line 10, column 1)",
        ),
        ("not-a-result.json", "this file is not a kit result (no 'format': 'cx-kit-result')"),
    ],
)
def test_bad_files_are_rejected_by_name_and_reason(vision, file, reason):
    r = aggregate(vision, team_items() + [text_item(BAD / file)])
    assert r["rejected"] == [{"name": file, "reason": reason}]
    assert r["results"] == 7


@pytest.mark.parametrize(
    ("item", "name", "reason"),
    [
        (
            {"name": "tampered", "kind": "code", "data": "CX1.leadership-vision.1.AR2T.WQ_Aiw"},
            "tampered",
            "this result code is damaged or incomplete: copy the whole code again",
        ),
        (
            {"name": "code 9", "kind": "code", "data": "CX1.walk-the-talk.1.AAAA.AAAAAA"},
            "code 9",
            "this result code is damaged or incomplete: copy the whole code again",
        ),
        (
            {"name": "hello", "kind": "code", "data": "hello"},
            "hello",
            "this is not a kit result code",
        ),
        ({"name": "n", "kind": "code", "data": 5}, "n", "expected a result code"),
        ({"name": "t", "kind": "text", "data": None}, "t", "expected the text of a file"),
        ({"name": "t", "kind": "text", "data": "  \n"}, "t", "the file is empty"),
        (
            {"name": "t", "kind": "text", "data": "Dear Dana, thanks!"},
            "t",
            "this is not a kit result: expected",
        ),
        ({"name": "t", "kind": "text", "data": "[]"}, "t", "the list of results is empty"),
        ({"name": "t", "kind": "text", "data": "[1]"}, "t item 1", "this file is not a kit result"),
        (
            {"name": "x", "kind": "pdf", "data": ""},
            "x",
            "unknown kind 'pdf' (kinds: record, code, text)",
        ),
        ({"kind": "record", "data": {}}, "item 1", "this file is not a kit result"),
        ("just text", "item 1", "expected an item {name, kind, data}"),
        ({"name": "r", "kind": "record", "data": []}, "r", "the list of results is empty"),
    ],
)
def test_bad_items_are_rejected_by_name_and_reason(vision, item, name, reason):
    r = aggregate(vision, [item, *team_items()])
    assert len(r["rejected"]) == 1
    assert r["rejected"][0]["name"] == name
    assert r["rejected"][0]["reason"].startswith(reason)
    assert r["results"] == 7


def test_other_questionnaire_code_is_rejected(vision):
    walk = loader.load_file(loader.QUESTIONNAIRE_DIR / "walk-the-talk.yaml")
    code = encode(walk, "leader", {})
    r = aggregate(vision, [{"name": "code 1", "kind": "code", "data": code}])
    assert r["rejected"] == [
        {
            "name": "code 1",
            "reason": "this result code is for the questionnaire 'walk-the-talk', which this "
            "page does not have (it has: leadership-vision)",
        }
    ]
    assert r["results"] == 0 and r["accepted"] == []


def test_bundle_lines_are_named(vision):
    good = [rec(vision, "manager", v, i) for i, v in enumerate(MANAGERS)]
    lines = [
        json.dumps(good[0]),
        "",
        '{"format": "cx-kit-result",',
        json.dumps({"x": 1}),
        json.dumps(good[2]),
    ]
    lines.append(json.dumps(good[0]))
    r = aggregate(vision, [{"name": "team.jsonl", "kind": "text", "data": "\r\n".join(lines)}])
    assert r["results"] == 2
    assert r["rejected"] == [
        {
            "name": "team.jsonl line 3",
            "reason": "malformed JSON: Expecting property name enclosed in double quotes "
            "(column 28)",
        },
        {
            "name": "team.jsonl line 4",
            "reason": "this file is not a kit result (no 'format': 'cx-kit-result')",
        },
        {
            "name": "team.jsonl line 6",
            "reason": "the same response as team.jsonl line 1 (response id resp-manager-00000000): "
            "counted once",
        },
    ]
    assert r["accepted"] == [{"name": "team.jsonl", "results": 2}]


def test_json_list_and_byte_order_mark(vision):
    good = [rec(vision, "manager", v, i) for i, v in enumerate(MANAGERS)]
    r = aggregate(
        vision, [{"name": "all.json", "kind": "text", "data": "\ufeff" + json.dumps(good)}]
    )
    assert r["results"] == 4 and r["rejected"] == []


def test_codes_text_with_notes_and_joined_pieces(vision):
    codes = [encode(vision, "employee", dict(zip(QUESTIONS, v, strict=True))) for v in EMPLOYEES]
    text = f"Codes from the workshop:\n{codes[0]} {codes[1]}\n"
    text += f"{codes[2][:10]}\n{codes[2][10:]} thanks\n"
    r = aggregate(vision, [{"name": "codes.txt", "kind": "text", "data": text}])
    assert r["results"] == 3
    assert r["rejected"] == [
        {
            "name": "codes.txt line 1",
            "reason": "this is not a kit result code (a result code starts with 'CX1.')",
        },
        {
            "name": "codes.txt line 3 (after the code)",
            "reason": "this is not a kit result: expected a result file (JSON), a JSON-lines "
            "bundle or result codes",
        },
    ]


def test_duplicate_response_ids_keep_the_first(vision):
    items = team_items() + [text_item(BAD / "duplicate-m1.json")]
    r = aggregate(vision, items)
    assert r["results"] == 7
    assert r["rejected"] == [
        {
            "name": "duplicate-m1.json",
            "reason": "the same response as m1.json (response id team-manager-0001): counted once",
        }
    ]


def test_identical_codes_all_count_with_a_warning(vision):
    code = encode(vision, "employee", dict(zip(QUESTIONS, EMPLOYEES[0], strict=True)))
    items = [{"name": f"code {i}", "kind": "code", "data": code} for i in (1, 2, 3)]
    r = aggregate(vision, items)
    assert r["roles"][1]["n"] == 3
    assert [w["name"] for w in r["warnings"]] == ["code 2", "code 3"]
    assert r["warnings"][0]["message"] == (
        "the same code as code 1: counted again (a code has no response id, so a copy cannot "
        "be told from someone who gave the same answers)"
    )
    many = [{"name": f"code {i}", "kind": "code", "data": code} for i in range(1, 31)]
    r = aggregate(vision, many)
    assert r["roles"][1]["n"] == 30 and len(r["warnings"]) == 21
    assert r["warnings"][-1] == {
        "name": "result codes",
        "message": "9 more code(s) repeat an earlier code: each is counted (a code has no "
        "response id, so a copy cannot be told from someone who gave the same answers)",
    }


def test_text_over_5_mb_is_rejected_with_its_name(vision):
    big = team_items()[2]["data"] + " " * (5 * 1024 * 1024)
    r = aggregate(vision, team_items() + [{"name": "huge.jsonl", "kind": "text", "data": big}])
    assert r["rejected"] == [
        {"name": "huge.jsonl", "reason": "larger than 5 MB (5.0 MB): split it into smaller files"}
    ]
    assert r["results"] == 7
    # Multi-byte characters count as bytes: 2 million "é" are 4 MB of UTF-8 but 2M characters.
    ok = "\u00e9" * 2_000_000
    assert "larger" not in str(
        aggregate(vision, [{"name": "a", "kind": "text", "data": ok}])["rejected"]
    )
    too_big = "\u00e9" * 2_700_000
    assert aggregate(vision, [{"name": "b", "kind": "text", "data": too_big}])["rejected"][0][
        "reason"
    ].startswith("larger than 5 MB (5.1 MB)")
    # The command line reads files of any size.
    assert (
        aggregate(vision, [{"name": "huge", "kind": "text", "data": big}], max_bytes=None)[
            "results"
        ]
        == 2
    )


def test_bad_options_raise(vision):
    with pytest.raises(
        InputError, match=r"unknown role 'boss' in compare \(roles: manager, employee\)"
    ):
        aggregate(vision, [], compare=["boss", "employee"])
    with pytest.raises(InputError, match="compare must name two different roles"):
        aggregate(vision, [], compare=["manager", "manager"])
    with pytest.raises(InputError, match="items must be a list"):
        aggregate(vision, {"a": 1})


def test_identify_picks_the_first_valid_result(vision):
    models = {m.id: m for m in loader.load_all()}
    items = [text_item(BAD / "malformed.json"), text_item(BAD / "tampered-code.txt")] + team_items()
    assert identify(items, models) == "leadership-vision"
    assert identify([text_item(BAD / "other-questionnaire.json")], models) == "walk-the-talk"
    assert identify([text_item(BAD / "not-a-result.json")], models) is None


# --- the op and CSV -----------------------------------------------------------------------


def test_handle_request_shape(vision):
    request = {"op": "aggregate", "definition": vision.definition, "items": team_items()}
    reply = handle_request(json.loads(json.dumps(request)))
    assert reply["ok"] is True
    r = reply["result"]
    assert r["overall"]["gap"] == 32.3 and r["min_group"] == 3
    assert json.loads(json.dumps(r)) == r  # JSON-ready
    reply = handle_request({**request, "min_group": 4, "compare": ["employee", "manager"]})
    assert reply["result"]["compare"]["reason"] == "no gaps: employee: fewer than 4 respondents"


@pytest.mark.parametrize(
    ("extra", "kind", "message"),
    [
        ({"min_group": "3"}, "input", "min_group must be a whole number"),
        ({"compare": ["manager"]}, "input", "compare must name two different roles"),
        ({"items": None}, "input", "items must be a list"),
        ({"format": "xlsx"}, "input", "format must be 'json' or 'csv'"),
        ({"definition": {"id": "x"}}, "definition", "version: required whole number"),
    ],
)
def test_handle_request_errors(vision, extra, kind, message):
    request = {"op": "aggregate", "definition": vision.definition, "items": [], **extra}
    reply = handle_request(request)
    assert reply["ok"] is False and reply["kind"] == kind
    assert message in reply["error"]


def test_csv_summary(vision):
    reply = handle_request(
        {"op": "aggregate", "definition": vision.definition, "items": team_items(), "format": "csv"}
    )["result"]
    assert reply["filename"] == "leadership-vision-team.csv" and reply["results"] == 7
    text = reply["csv"]
    assert text.startswith("\ufeffquestionnaire,") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "questionnaire", "version", "kind", "id", "dimension", "title",
        "manager n", "manager mean", "employee n", "employee mean", "gap (manager - employee)",
    ]  # fmt: skip
    assert rows[1] == [
        "leadership-vision",
        "1",
        "respondents",
        "respondents",
        "",
        "Respondents",
        "4",
        "",
        "3",
        "",
        "",
    ]
    assert rows[2] == [
        "leadership-vision",
        "1",
        "overall",
        "overall",
        "",
        "Overall",
        "4",
        "74.0",
        "3",
        "41.7",
        "32.3",
    ]
    assert rows[3][2:] == [
        "dimension",
        "understanding",
        "understanding",
        "Understanding customers",
        "4",
        "81.2",
        "3",
        "45.8",
        "35.4",
    ]
    assert rows[6][2:5] == ["item", "needs", "understanding"]
    assert rows[6][6:] == ["4", "87.5", "3", "58.3", "29.2"]
    assert len(rows) == 1 + 1 + 1 + 3 + 6


def test_csv_withheld_and_formula_guard(vision):
    definition = json.loads(json.dumps(vision.definition))
    definition["dimensions"][0]["title"] = '=HYPERLINK("http://x")'
    definition["questions"][0]["short"] = "@SUM(A1)"
    model = validate(definition)
    r = aggregate(model, team_items()[:3])
    rows = list(csv.reader(io.StringIO(summary_csv(r)[1:])))
    assert rows[3][5] == '\'=HYPERLINK("http://x")'
    assert rows[6][5] == "'@SUM(A1)"
    assert rows[2][8:] == ["", "withheld", ""]
    assert rows[1][6:] == ["4", "", "0", "", ""]
    assert agg._cell(-1.5) == "-1.5" and agg._cell("-x") == "'-x"


# --- scoring with fast lookups is scoring -------------------------------------------------


@pytest.mark.parametrize("model", loader.load_all(), ids=lambda m: m.id)
def test_indexed_model_scores_exactly_like_the_model(model):
    fast = agg._indexed(model)
    assert fast is not model
    for role, answers in vectors_for(model, per_role=20):
        assert score(fast, role, answers) == score(model, role, answers)


# --- a generated set, checked against a plain computation ---------------------------------


def test_generated_results_match_a_plain_computation(vision, tmp_path):
    records = benchmark_data.generate(vision, 2000, seed=3)
    assert records == benchmark_data.generate(vision, 2000, seed=3)  # deterministic
    path = tmp_path / "generated.jsonl"
    benchmark_data.write_jsonl(path, records)
    r = aggregate(vision, [text_item(path)], max_bytes=None)
    assert r["results"] == 2000 and r["rejected"] == [] and r["warnings"] == []

    # The plain way: read_record on each, statistics.mean over the people.
    rescored = [read_record(x, vision) for x in records]
    for role in ("manager", "employee"):
        mine = [x for x in rescored if x["role"] == role]
        done = [x for x in mine if x["result"]["complete"]]
        assert r["roles"][[g["id"] for g in r["roles"]].index(role)]["n"] == len(mine)
        overall = statistics.mean(x["result"]["overall"] for x in done)
        assert r["overall"]["roles"][role]["mean"] == pytest.approx(overall, abs=0.05)
        for d in r["dimensions"]:
            plain = statistics.mean(x["result"]["dimensions"][d["id"]] for x in done)
            assert d["roles"][role]["mean"] == pytest.approx(plain, abs=0.05)
        for item in r["items"]:
            plain = statistics.mean(
                25 * x["answers"][item["id"]] for x in mine if item["id"] in x["answers"]
            )
            assert item["roles"][role]["mean"] == pytest.approx(plain, abs=0.05)
    # Managers rate higher than employees, as the generator intends.
    assert r["overall"]["gap"] > 10


# --- the command line ---------------------------------------------------------------------


def run_cli(argv):
    parser = argparse.ArgumentParser(prog="kit")
    aggregate_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["aggregate", *argv])
    return args.func(args)


def test_cli_table_from_a_folder(capsys):
    assert run_cli([str(TEAM)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Does our leadership live the customer-centric vision?"
    assert lines[1] == "leadership-vision version 1: 7 result(s) from 4 input(s), 0 rejected"
    assert lines[3].split() == ["manager", "employee", "gap"]
    assert lines[4].split() == ["Respondents", "4", "3"]
    assert lines[5].split() == ["Overall", "74.0", "41.7", "+32.3"]
    assert lines[6].split() == ["Understanding", "customers", "81.2", "45.8", "+35.4"]
    assert "Largest gaps by question (manager minus employee):" in lines
    first = lines[lines.index("Largest gaps by question (manager minus employee):") + 1]
    assert first.split()[:5] == ["+41.7", "visits", "75.0", "vs", "33.3"]
    assert first.endswith("see guide/top-down-nps.md#whom-to-call")
    assert err.splitlines() == [
        f"{TEAM / 'm2.json'}: warning: the scores written in this file do not match its "
        "answers; the answers were scored again"
    ]


def test_cli_lists_rejected_inputs_on_stderr(capsys):
    files = [str(BAD / n) for n in ("malformed.json", "other-version.json", "tampered-code.txt")]
    assert run_cli([str(TEAM), *files, "missing.json", "CX1.leadership-vision.1.AR2T.WQ_Kiw"]) == 0
    out, err = capsys.readouterr()
    assert "8 result(s) from 8 input(s), 3 rejected" in out
    assert err.splitlines()[:4] == [
        "missing.json: no such file or folder",
        f"{BAD / 'malformed.json'}: malformed JSON: Expecting property name enclosed in double "
        "quotes (line 10, column 1)",
        f"{BAD / 'other-version.json'}: this result is for 'leadership-vision' version 2; "
        "this page is version 1",
        f"{BAD / 'tampered-code.txt'} line 1: this result code is damaged or incomplete: copy "
        "the whole code again",
    ]
    assert "Traceback" not in err


def test_cli_json(capsys):
    assert run_cli([str(TEAM), "--json", "--min-group", "4"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["min_group"] == 4 and r["roles"][1]["withheld"] is True
    assert r["overall"]["roles"]["manager"]["mean"] == 74.0 and r["overall"]["gap"] is None


def test_cli_csv_and_compare(capsys):
    assert run_cli([str(TEAM), "--csv", "--compare", "employee", "manager"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0][-1] == "gap (employee - manager)"
    assert rows[2][-1] == "-32.3"


def test_cli_questionnaire_option(capsys, tmp_path):
    shutil.copy(TEAM / "m1.json", tmp_path / "m1.json")
    assert run_cli([str(tmp_path), "--questionnaire", "walk-the-talk"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{tmp_path / 'm1.json'}: this result is for 'leadership-vision'; "
        "this page is 'walk-the-talk'",
        "nothing to aggregate: no valid result of 'walk-the-talk'",
    ]
    definition = loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml"
    assert run_cli([str(tmp_path), "--questionnaire", str(definition), "--min-group", "1"]) == 0
    assert "1 result(s) from 1 input(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "last"),
    [
        (
            [str(BAD / "malformed.json"), str(BAD / "not-a-result.json")],
            "nothing to aggregate: no valid result in the input(s)",
        ),
        (["missing.json"], "nothing to aggregate: no valid result in the input(s)"),
        ([str(TEAM), "--min-group", "0"], "min_group must be a whole number of at least 1, not 0"),
        (
            [str(TEAM), "--min-group", "x"],
            "--min-group must be a whole number of at least 1, not 'x'",
        ),
        (
            [str(TEAM), "--compare", "boss", "manager"],
            "unknown role 'boss' in compare (roles: manager, employee)",
        ),
        (
            [str(TEAM), "--questionnaire", "nope"],
            "nope: no such definition file or bundled questionnaire id",
        ),
    ],
)
def test_cli_errors_exit_1_one_line_each(capsys, argv, last):
    assert run_cli(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == last
    assert "Traceback" not in err


def test_cli_names_questionnaires_it_does_not_have(capsys, tmp_path):
    data = json.loads((TEAM / "m1.json").read_text())
    data["questionnaire"]["id"] = "our-own"
    (tmp_path / "x.json").write_text(json.dumps(data))
    assert run_cli([str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2].startswith("questionnaire(s) 'our-own' not bundled with this kit")


def test_cli_generated_bundle(capsys, tmp_path, vision):
    path = tmp_path / "bench.jsonl"
    benchmark_data.write_jsonl(path, benchmark_data.generate(vision, 2000, seed=5))
    assert run_cli([str(path), "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["results"] == 2000 and r["accepted"] == [{"name": str(path), "results": 2000}]
    assert sum(g["n"] for g in r["roles"]) == 2000


def test_benchmark_data_main_writes_codes_and_bundles(tmp_path, capsys, vision):
    out = tmp_path / "c.txt"
    assert benchmark_data.main(["leadership-vision", "-n", "50", "--codes", "-o", str(out)]) == 0
    r = aggregate(vision, [text_item(out)])
    assert r["results"] == 50 and r["rejected"] == []
    assert benchmark_data.main(["nope", "-n", "5"]) == 1


def test_one_role_questionnaire_has_no_gaps(vision):
    definition = json.loads(json.dumps(vision.definition))
    definition["roles"] = definition["roles"][:1]
    for q in definition["questions"]:
        q["text"] = q["text"]["manager"]
    # Advice and verdicts are worded per role too (issue 16): keep the manager's.
    texts = [r for d in definition["dimensions"] for r in d.get("recommendations", [])]
    for item in [*texts, *definition.get("rules", []), *definition["bands"]]:
        if isinstance(item["text"], dict):
            item["text"] = item["text"]["manager"]
    model = validate(definition)
    records = [rec(model, "manager", v, i) for i, v in enumerate(MANAGERS)]
    r = aggregate(model, [{"name": "all", "kind": "record", "data": records}])
    assert r["compare"] is None and r["largest_gaps"] == [] and r["overall"]["gap"] is None
    assert r["overall"]["roles"]["manager"]["mean"] == 74.0
    assert list(csv.reader(io.StringIO(summary_csv(r)[1:])))[0][-1] == "gap"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "name": st.text(max_size=8),
                "kind": st.sampled_from(["record", "code", "text", "other"]),
                "data": st.one_of(
                    st.text(max_size=60),
                    st.sampled_from(
                        [
                            "CX1.leadership-vision.1.AR2T.WQ_Kiw",
                            "CX1.leadership-vision.1.AR2T",
                            '{"format": "cx-kit-result"}',
                            '{"a": 1}\n{"b": 2}',
                            "[{}, 3]",
                        ]
                    ),
                    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                    st.integers(),
                    st.none(),
                ),
            }
        ),
        max_size=5,
    )
)
def test_any_input_is_counted_or_rejected_never_raises(items):
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")
    r = aggregate(model, items)
    assert r["results"] + len(r["rejected"]) >= len(items)
    json.dumps(r)


@pytest.mark.pyodide
def test_identical_in_pyodide(built_site):
    """The op under the real Pyodide runtime, as the page's worker runs it."""
    from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
    from tests.test_pyodide_parity import run_in_pyodide

    bad = [text_item(p) for p in sorted(BAD.iterdir())]
    requests = []
    for model in loader.load_all():
        records = benchmark_data.generate(model, 200, seed=2)
        bundle = {"name": "g.jsonl", "kind": "text", "data": "\n".join(map(json.dumps, records))}
        items = [*team_items(), *bad, bundle]
        for extra in ({}, {"format": "csv"}, {"min_group": 1000}):
            requests.append(
                {"op": "aggregate", "definition": model.definition, "items": items, **extra}
            )
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    assert all(r["ok"] for r in expected)
    assert out["replies"] == expected
