"""The engine's change and gap verdicts (kit.engine.change, change_views, the op "change").

Figures checked by hand on leadership-vision (answers 0-4: one step is 25 points, so
the assumed noise of one answer is 12.5 points; two questions per dimension).
"""

import math

import pytest

from kit import loader
from kit.engine import change as ch
from kit.engine.api import handle_request
from kit.engine.change import compare_groups, compare_people, gap
from kit.engine.errors import InputError
from kit.engine.results import encode, record
from kit.engine.scoring import score

QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
# Understanding (needs, visits) scores 25, 25, 50, 50, 25 -> mean 35, sd sqrt(750/4)
BEFORE = [[1, 1, 2, 2, 1, 1], [1, 1, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1],
          [1, 1, 2, 2, 1, 1]]  # fmt: skip
# ... and 75, 50, 75, 75, 50 -> mean 65, the same sd
AFTER = [[3, 3, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1],
         [2, 2, 2, 2, 1, 1]]  # fmt: skip


@pytest.fixture(scope="module")
def vision():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")


@pytest.fixture(scope="module")
def definition(vision):
    return vision.definition


def scored(model, values, role="employee"):
    return score(model, role, dict(zip(QUESTIONS, values, strict=True)))


def rec(model, values, i, role="employee", date="2026-01-15"):
    answers = {q: v for q, v in zip(QUESTIONS, values, strict=True) if v is not None}
    return record(model, role, answers, f"resp-{role}-{i:08d}", date)


def dim(out, did):
    return next(d for d in out["dimensions"] if d["id"] == did)


# --- one person -----------------------------------------------------------------------


def test_person_threshold_is_the_answer_noise_of_two_results(vision):
    out = compare_people(
        vision, scored(vision, [1, 1, 2, 2, 1, 1]), scored(vision, [3, 3, 2, 3, 1, 1])
    )
    # Two answers: noise 12.5 / sqrt(2) per result; SE of the change 12.5; 1.96 x 12.5 = 24.5.
    understanding = dim(out, "understanding")
    assert understanding["before"] == 25.0 and understanding["after"] == 75.0
    assert understanding["change"] == 50.0 and understanding["threshold"] == 24.5
    assert understanding["index"] == 4.0
    assert understanding["reliable"] and understanding["direction"] == "better"
    sharing = dim(out, "sharing")  # +12.5: one step on one of two answers
    assert sharing["change"] == 12.5 and sharing["status"] == "noise" and not sharing["reliable"]
    assert dim(out, "acting")["direction"] == "same"
    # Six answers overall: SE = 12.5 * sqrt(2 / 6) = 7.217; threshold 14.1 < the 24.5 of two.
    assert out["overall"]["change"] == 20.9 and out["overall"]["threshold"] == 14.1
    assert out["overall"]["reliable"]
    assert "1.96" in out["method"]


def test_a_worse_result_is_worse(vision):
    out = compare_people(
        vision, scored(vision, [4, 4, 2, 2, 1, 1]), scored(vision, [1, 1, 2, 2, 1, 1])
    )
    assert dim(out, "understanding")["change"] == -75.0
    assert dim(out, "understanding")["direction"] == "worse"
    assert dim(out, "understanding")["reliable"]


def test_one_answer_is_too_few_to_call_a_change_reliable(vision):
    before = score(vision, "manager", dict(zip(QUESTIONS, [0, 0, 2, 2, 1, 1], strict=True)))
    # "visits" unanswered: understanding rests on one answer after.
    after = score(vision, "manager", {"needs": 4, "reviews": 2, "agenda": 2, "urgency": 1,
                                       "involvement": 1})  # fmt: skip
    row = dim(compare_people(vision, before, after), "understanding")
    assert row["change"] == 100.0
    assert row["status"] == "too_few" and row["reliable"] is False
    assert "too few" in row["note"]


def test_people_must_share_the_role(vision):
    with pytest.raises(InputError, match="different roles"):
        compare_people(
            vision, scored(vision, BEFORE[0], "manager"), scored(vision, AFTER[0], "employee")
        )


# --- groups ----------------------------------------------------------------------------


def test_groups_welch_threshold_shrinks_with_more_respondents(vision):
    before = [scored(vision, v) for v in BEFORE]
    after = [scored(vision, v) for v in AFTER]
    row = dim(compare_groups(vision, before, after), "understanding")
    # SE = sqrt(187.5/5 + 187.5/5) = 8.660; 1.96 x 8.660 = 16.97; change 30.
    assert (row["before"], row["after"], row["change"]) == (35.0, 65.0, 30.0)
    assert row["threshold"] == 17.0 and row["index"] == 3.46
    assert row["reliable"] and (row["n_before"], row["n_after"]) == (5, 5)
    # Twice the people, same answers: sd sqrt(1500/9) = 12.91, SE 5.774, threshold 11.3.
    doubled = dim(compare_groups(vision, before * 2, after * 2), "understanding")
    assert doubled["threshold"] == 11.3 and doubled["change"] == 30.0


def test_groups_floor_the_spread_at_answer_noise(vision):
    """Everyone answering alike leaves only the answer noise: 12.5/sqrt(2) per person."""
    before = [scored(vision, BEFORE[0])] * 5
    after = [scored(vision, AFTER[1])] * 5
    row = dim(compare_groups(vision, before, after), "understanding")
    # SE = sqrt(2 x 78.125 / 5) = 5.590; threshold 11.0; change 25.
    assert row["threshold"] == 11.0 and row["reliable"]


def test_groups_below_five_respondents_are_too_few(vision):
    before = [scored(vision, v) for v in BEFORE[:4]]
    after = [scored(vision, v) for v in AFTER]
    row = dim(compare_groups(vision, before, after), "understanding")
    assert row["status"] == "too_few" and not row["reliable"]
    assert row["n_before"] == 4


# --- gap ---------------------------------------------------------------------------------


def test_gap_of_one_self_view_against_the_team(vision):
    manager = scored(vision, [4, 4, 2, 2, 1, 1], "manager")
    team = [scored(vision, v) for v in BEFORE]
    row = dim(gap(vision, [manager], team), "understanding")
    # 100 - 35 = 65; SE = sqrt(12.5^2/2 + 187.5/5) = 10.753; threshold 21.1.
    assert (row["self"], row["team"], row["gap"]) == (100.0, 35.0, 65.0)
    assert row["threshold"] == 21.1 and row["matters"] and row["direction"] == "above"
    small = dim(gap(vision, [manager], team[:4]), "understanding")
    assert small["status"] == "too_few" and not small["matters"]


def test_noise_of_a_mean_follows_the_weights(vision):
    q = vision.question("needs")
    assert ch.item_noise(vision, q) == 12.5
    assert math.isclose(ch.mean_noise(vision, [q, q, q, q]), 6.25)


# --- the op -------------------------------------------------------------------------------


def test_op_people_takes_history_records_and_codes(vision, definition):
    before = rec(vision, [1, 1, 2, 2, 1, 1], 1, date="2026-01-15")
    after = rec(vision, [3, 3, 2, 3, 1, 1], 2, date="2026-07-15")
    reply = handle_request({"op": "change", "action": "people", "definition": definition,
                            "before": before, "after": after})  # fmt: skip
    assert reply["ok"], reply
    out = reply["result"]
    assert (out["before_date"], out["after_date"], out["role"]) == (
        "2026-01-15", "2026-07-15", "employee")  # fmt: skip
    assert dim(out, "understanding")["threshold"] == 24.5
    code = encode(vision, "employee", dict(zip(QUESTIONS, [3, 3, 2, 3, 1, 1], strict=True)))
    by_code = handle_request({"op": "change", "action": "people", "definition": definition,
                              "before": before, "after": code})["result"]  # fmt: skip
    assert dim(by_code, "understanding") == dim(out, "understanding")


def test_op_groups_compares_two_rounds_per_question(vision, definition):
    def items(rows, start):
        return [{"name": f"r{start + i}.json", "kind": "record", "data": rec(vision, v, start + i)}
                for i, v in enumerate(rows)]  # fmt: skip

    reply = handle_request({"op": "change", "action": "groups", "definition": definition,
                            "before": items(BEFORE, 0), "after": items(AFTER, 100)})  # fmt: skip
    assert reply["ok"], reply
    out = reply["result"]
    employees = next(r for r in out["roles"] if r["role"] == "employee")
    assert (employees["n_before"], employees["n_after"]) == (5, 5)
    # A dimension's spread is bounded by its questions' spreads: equal here, so 17.0.
    assert dim(employees, "understanding")["threshold"] == 17.0
    needs = next(i for i in employees["items"] if i["id"] == "needs")
    assert (needs["before"], needs["after"], needs["change"], needs["threshold"]) == (
        35.0, 65.0, 30.0, 17.0)  # fmt: skip
    assert needs["reliable"]
    reviews = next(i for i in employees["items"] if i["id"] == "reviews")
    assert reviews["change"] == 0.0 and reviews["status"] == "noise"
    managers = next(r for r in out["roles"] if r["role"] == "manager")
    assert managers["withheld"] and managers["overall"]["status"] == "withheld"
    assert out["gap"]["before"]["shown"] is False  # no managers: no gap
    assert out["rounds"]["before"]["results"] == 5


def test_op_gap_from_a_team_view(vision, definition):
    managers = [[4, 4, 2, 2, 1, 1]] * 3 + [[3, 3, 2, 2, 1, 1]] * 2
    data = [{"name": f"m{i}", "kind": "record", "data": rec(vision, v, i, "manager")}
            for i, v in enumerate(managers)]  # fmt: skip
    data += [{"name": f"e{i}", "kind": "record", "data": rec(vision, v, 50 + i)}
             for i, v in enumerate(BEFORE)]  # fmt: skip
    reply = handle_request({"op": "change", "action": "gap", "definition": definition,
                            "items": data})  # fmt: skip
    out = reply["result"]["gap"]
    assert out["shown"] and out["roles"] == ["manager", "employee"]
    row = dim(out, "understanding")
    # 90 - 35 = 55; managers sd sqrt(750/4) / sqrt(5) = 6.124, employees the same: 17.0.
    assert (row["self"], row["team"], row["gap"], row["threshold"]) == (90.0, 35.0, 55.0, 17.0)
    assert row["matters"]


def test_op_errors_name_the_field(definition, vision):
    reply = handle_request({"op": "change", "action": "nope", "definition": definition})
    assert not reply["ok"] and "unknown change action" in reply["error"]
    reply = handle_request({"op": "change", "action": "people", "definition": definition,
                            "before": {"format": "x"}, "after": {}})  # fmt: skip
    assert reply["kind"] == "input" and reply["error"].startswith("before:")
    reply = handle_request({"op": "change", "action": "groups", "definition": definition,
                            "before": "text", "after": []})  # fmt: skip
    assert reply["kind"] == "input" and "'before'" in reply["error"]


def test_dont_know_is_not_an_answer_and_one_question_is_too_few():
    """Executive commitment: Yes/Partly/No on 0-2 (one step 50 points, noise 25 per
    answer), "Don't know" unscored; belief has one question."""
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "executive-commitment.yaml")
    ids = [q.id for q in model.questions if q.scored]
    before = score(model, "executive", dict(zip(ids, [2, 2, 2, -1, 2, 2, 2, 2], strict=True)))
    after = score(model, "executive", dict(zip(ids, [0] * 8, strict=True)))
    out = compare_people(model, before, after)
    attention = dim(out, "attention")
    # Three scored answers before (25/sqrt 3), four after (25/2): SE 19.09, threshold 37.4.
    assert (attention["before"], attention["after"], attention["change"]) == (100.0, 0.0, -100.0)
    assert attention["threshold"] == 37.4 and attention["direction"] == "worse"
    assert attention["reliable"]
    belief = dim(out, "belief")  # one question: never reliable for one person
    assert belief["change"] == -100.0 and belief["status"] == "too_few"
    assert out["minimum"] == ch.MIN_ANSWERS
