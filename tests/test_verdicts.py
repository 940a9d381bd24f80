"""Verdicts a leader can trust (issue 16): every new rule condition, the floor on
the weakest dimension, what decided a result, texts and advice per role, and a
checklist's count. Worked out by hand on the two small questionnaires in
tests/fixtures/verdicts/ (see their comments).

verdict-floor: five questions on a 0-4 scale (9 = don't know, unscored), all
weight 1, so a question counts value / 4; alpha = a1, a2; beta = b1 and b2
(b2 reversed: 0 counts 1.0, 4 counts 0.0); gamma = c1. Bands low [0, 40),
mid [40, 75) with floor 25, high [75, 100] with floor 50. Rules in order:
unsure (2+ don't know), collapse (a dimension below 10 and overall >= 50),
never-item (an answer at most 0, reversed read the usual way, and overall >= 60).

verdict-checklist: four signs (2 yes, 1 partly, 0 no, -1 don't know),
first = s1, s2; second = s3, s4. Rules in order: all-yes, some-no (one or more
0), almost (fewer than two answers of 1 or -1), unconfirmed (two or more
don't know); bands not-yet [0, 50), partly [50, 100] with floor 50.
"""

from pathlib import Path

import pytest

from kit import loader
from kit.engine import score

HERE = Path(__file__).parent / "fixtures" / "verdicts"
FLOOR = loader.load_file(HERE / "verdict-floor.yaml")
CHECK = loader.load_file(HERE / "verdict-checklist.yaml")


def floor(a1, a2, b1, b2, c1, role="lead"):
    return score(FLOOR, role, {"a1": a1, "a2": a2, "b1": b1, "b2": b2, "c1": c1})


def check(s1, s2, s3, s4, role="lead"):
    return score(CHECK, role, {"s1": s1, "s2": s2, "s3": s3, "s4": s4})


def band(result):
    return result["band"]["id"]


def recs(result):
    return [r["id"] for r in result["recommendations"]]


def dim(did, title, value):
    return {"kind": "dimension", "dimension": did, "title": title, "score": value}


# -- the floor on the weakest dimension ----------------------------------------------


def test_a_weak_dimension_keeps_a_high_average_out_of_the_top_band():
    # alpha 100, beta (1 + 1) / 2 = 100, gamma 1 / 4 = 25; overall 4.25 / 5 = 85.
    # 85 is in high, whose floor 50 gamma misses; mid's floor 25 it meets.
    r = floor(4, 4, 4, 0, 1)
    assert r["overall"] == 85.0
    assert band(r) == "mid"
    assert r["decided_by"] == dim("gamma", "Gamma", 25.0)


def test_the_result_moves_down_past_every_floor_it_misses():
    # alpha (0 + 0.25) / 2 = 12.5, beta 100, gamma 2 / 4 = 50; overall 2.75 / 5 = 55.
    # 55 is in mid (floor 25, missed by 12.5): low, which has no floor. No rule:
    # no dimension below 10, and never-item needs overall 60.
    r = floor(0, 1, 4, 0, 2)
    assert r["overall"] == 55.0
    assert band(r) == "low"
    assert r["decided_by"] == dim("alpha", "Alpha", 12.5)


def test_without_a_cap_the_overall_score_decides():
    # Everything at the top but b2 (reversed) at 0, which counts 1.0: all 100.
    r = floor(4, 4, 4, 0, 4)
    assert band(r) == "high"
    assert r["decided_by"] == {"kind": "overall", "score": 100.0}
    # alpha 12.5, beta 50, gamma 0 (c1 0): overall (0 + .25 + 1 + 0 + 0) / 5 = 25;
    # collapse needs overall 50, never-item 60: the low band, nothing capped it.
    r = floor(0, 1, 4, 4, 0)
    assert r["overall"] == 25.0
    assert band(r) == "low"
    assert r["decided_by"] == {"kind": "overall", "score": 25.0}


# -- new rule conditions ---------------------------------------------------------------


def test_any_dimension_below():
    # gamma 0, the rest 100: overall 80; gamma is below 10 and overall >= 50.
    r = floor(4, 4, 4, 0, 0)
    assert r["overall"] == 80.0
    assert band(r) == "collapse"
    assert r["decided_by"] == dim("gamma", "Gamma", 0.0)


def test_any_item_at_most():
    # a1 0: alpha 50, the rest 100, overall 80; no dimension below 10.
    r = floor(0, 4, 4, 0, 4)
    assert band(r) == "never-item"
    assert r["decided_by"] == {"kind": "items", "questions": ["a1"]}


def test_any_item_at_most_reads_a_reversed_question_the_usual_way_round():
    # b2 answered 4 on a reversed question is as bad as 0: beta (1 + 0) / 2 = 50,
    # overall 4 / 5 = 80. b2 answered 0 (counts 1.0) is not "at most 0".
    r = floor(4, 4, 4, 4, 4)
    assert r["overall"] == 80.0
    assert band(r) == "never-item"
    assert r["decided_by"] == {"kind": "items", "questions": ["b2"]}
    assert band(floor(4, 4, 4, 0, 4)) == "high"


def test_unknown_at_least():
    # a1 and b1 don't know: two unknowns, whatever the scores.
    r = floor(9, 4, 9, 0, 4)
    assert r["overall"] == 100.0
    assert band(r) == "unsure"
    assert r["decided_by"] == {"kind": "items", "questions": ["a1", "b1"]}
    # One unknown is not enough: the top band (alpha from a2 alone is 100).
    assert band(floor(9, 4, 4, 0, 4)) == "high"


# -- advice per role, and for what nobody can confirm ----------------------------------


def test_recommendations_for_the_role_weakest_dimension_first():
    # gamma 25 < 75: the lead's advice for the lead, the staff's for the staff.
    assert recs(floor(4, 4, 4, 0, 1)) == ["gamma-lead"]
    assert recs(floor(4, 4, 4, 0, 1, role="staff")) == ["gamma-staff"]


def test_unknown_advice_only_when_a_question_of_its_dimension_is_unknown():
    assert recs(floor(9, 4, 4, 0, 4)) == ["alpha-unsure"]
    assert recs(floor(4, 4, 4, 0, 4)) == []
    # alpha 100 from a2, gamma 25: weakest first, then alpha's unknown advice.
    assert recs(floor(9, 4, 4, 0, 1, role="staff")) == ["gamma-staff", "alpha-unsure"]


def test_texts_per_role_are_read_from_a_string_or_a_mapping():
    high = next(b for b in FLOOR.bands if b.id == "high")
    assert high.texts["lead"].startswith("High, and no area is weak. Keep")
    assert high.texts["staff"].endswith("Tell your manager what works.")
    low = next(b for b in FLOOR.bands if b.id == "low")
    assert low.texts == {"lead": "Low overall.", "staff": "Low overall."}
    rec = FLOOR.dimension("alpha").recommendations[0]
    assert rec.unknown and rec.below is None and rec.roles == ()
    assert rec.texts["staff"] == "Ask your manager to show you how alpha works."
    assert FLOOR.dimension("gamma").recommendations[0].roles == ("lead",)


# -- an all-or-nothing checklist --------------------------------------------------------


def test_every_sign_yes():
    r = check(2, 2, 2, 2)
    assert band(r) == "all-yes"
    assert r["tally"] == {
        "total": 4, "yes": 4, "unknown": 0, "unanswered": 0, "by_value": {"2": 4},
    }  # fmt: skip
    assert r["decided_by"] == {"kind": "items", "questions": ["s1", "s2", "s3", "s4"]}


def test_one_sign_unconfirmed_is_almost_there_and_says_which():
    r = check(2, 2, 2, -1)
    assert band(r) == "almost"
    assert r["tally"] == {
        "total": 4, "yes": 3, "unknown": 1, "unanswered": 0, "by_value": {"2": 3, "-1": 1},
    }  # fmt: skip
    # "fewer than 2 short of yes": the one short decided it.
    assert r["decided_by"] == {"kind": "items", "questions": ["s4"]}
    assert r["unknown"] == ["s4"]
    assert recs(r) == ["second-confirm"]


def test_one_yes_and_the_rest_unknown_is_never_reassuring():
    # Only s1 is scored, so the overall score is 100: the count decides.
    r = check(2, -1, -1, -1)
    assert r["overall"] == 100.0
    assert band(r) == "unconfirmed"
    assert r["tally"]["yes"] == 1
    assert r["tally"]["unknown"] == 3
    assert r["decided_by"] == {"kind": "items", "questions": ["s2", "s3", "s4"]}


def test_a_clear_no_is_counted():
    r = check(0, 2, 2, 2)
    assert band(r) == "some-no"
    assert r["decided_by"] == {"kind": "items", "questions": ["s1"]}


def test_two_partly_is_not_almost_there():
    # Two answers short of yes: no rule; overall (1 + 1 + .5 + .5) / 4 = 75,
    # first 100, second 50: partly's floor 50 is met.
    r = check(2, 2, 1, 1)
    assert r["overall"] == 75.0
    assert band(r) == "partly"
    assert r["decided_by"] == {"kind": "overall", "score": 75.0}
    assert r["tally"]["by_value"] == {"2": 2, "1": 2}


def test_an_unfinished_checklist_has_no_verdict_but_a_count():
    r = score(CHECK, "lead", {"s1": 2, "s2": 1})
    assert r["band"] is None and r["decided_by"] is None
    assert r["tally"] == {
        "total": 4, "yes": 1, "unknown": 0, "unanswered": 2, "by_value": {"2": 1, "1": 1},
    }  # fmt: skip


def test_an_instrument_that_is_no_checklist_has_no_tally():
    assert floor(4, 4, 4, 0, 4)["tally"] is None


@pytest.mark.parametrize("answers", [(2, 2, 2, 1), (2, 2, 1, 2), (2, -1, 2, 2)])
def test_almost_there_whichever_sign_is_short(answers):
    assert band(check(*answers)) == "almost"


# -- the command line --------------------------------------------------------------------


def test_kit_score_says_what_decided_and_counts_a_checklist(tmp_path, capsys):
    from kit import cli

    answers = tmp_path / "a.json"
    answers.write_text('{"s1": 2, "s2": 1, "s3": 2, "s4": -1}')
    assert cli.main(["score", str(HERE / "verdict-checklist.yaml"), str(answers)]) == 0
    out = capsys.readouterr().out
    # Two short of yes (partly, don't know): no rule; (1 + .5 + 1) / 3 = 83.3.
    assert "yes      2 of 4 are a clear yes; 1 cannot be confirmed; Partly: 1\n" in out
    assert "result   Partly\ndecided  by the overall score, 83.3 / 100\n" in out
    answers.write_text('{"a1": 4, "a2": 4, "b1": 4, "b2": 0, "c1": 1}')
    assert cli.main(["score", str(HERE / "verdict-floor.yaml"), str(answers)]) == 0
    out = capsys.readouterr().out
    assert "result   Middle\ndecided  by Gamma, 25.0 / 100\n" in out
    assert "yes " not in out
    answers.write_text('{"a1": 0, "a2": 4, "b1": 4, "b2": 0, "c1": 4}')
    assert cli.main(["score", str(HERE / "verdict-floor.yaml"), str(answers)]) == 0
    assert "decided  by Alpha one\n" in capsys.readouterr().out


# -- the team's verdict on a checklist ----------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "team"),
    [
        ({2: 3}, 2),  # everyone says yes
        ({2: 3, -1: 1}, -1),  # one cannot confirm it: not a team yes
        ({2: 3, 1: 1, -1: 2}, 1),  # somebody saw it partly there
        ({2: 1, 1: 2, 0: 1, -1: 1}, 0),  # the worst answer given
        ({}, None),
    ],
)
def test_team_answer_is_yes_only_when_everyone_says_yes(counts, team):
    from kit.engine.checklist import team_answer

    assert team_answer(CHECK, CHECK.question("s1"), counts) == team


def test_the_team_view_gives_a_checklist_verdict_per_group():
    from kit.engine.aggregate import aggregate
    from kit.engine.results import record

    people = [
        ("lead", (2, 2, 2, 2)),  # alone: all-yes
        ("lead", (2, 2, 2, -1)),  # alone: almost
        ("lead", (2, 1, 2, 2)),  # alone: almost
        ("staff", (2, 2, 2, 2)),
        ("staff", (2, 2, 2, 2)),
    ]
    items = [
        {"name": f"r{i}.json", "kind": "record",
         "data": record(CHECK, role, dict(zip(["s1", "s2", "s3", "s4"], values, strict=True)),
                        f"respondent{i:04d}abcdefgh", "2026-12-04")}
        for i, (role, values) in enumerate(people)
    ]  # fmt: skip
    out = aggregate(CHECK, items, min_group=3)
    lead = out["checklist"]["lead"]
    # s1 and s3 everyone yes; s2 one partly; s4 one don't know. Two short of
    # yes: no rule; overall (1 + .5 + 1) / 3 = 83.3, first 75, second 100 >= 50.
    assert lead["answers"] == {"s1": 2, "s2": 1, "s3": 2, "s4": -1}
    assert lead["band"] == {"id": "partly", "label": "Partly", "kind": "band"}
    assert lead["tally"] == {
        "total": 4, "yes": 2, "unknown": 1, "unanswered": 0, "by_value": {"2": 2, "1": 1, "-1": 1},
    }  # fmt: skip
    assert lead["decided_by"] == {"kind": "overall", "score": 83.3}
    assert out["checklist"]["staff"]["withheld"] is True  # two respondents, fewer than 3
    assert aggregate(FLOOR, [], min_group=3)["checklist"] is None
