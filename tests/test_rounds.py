"""Team rounds in the engine: shares, release, combine (kit.engine.rounds*).

The combined team view is checked against hand-computed numbers and against
kit.engine.aggregate on result records of the same answers (an independent
path: per-response scores and histograms instead of share vectors).
"""

import json
import os
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import loader
from kit.engine import team_stats
from kit.engine.aggregate import aggregate
from kit.engine.api import handle_request
from kit.engine.errors import AnswerError, InputError
from kit.engine.results import record
from kit.engine.rounds import ids_digest, release, shares
from kit.engine.rounds_check import check_round
from kit.engine.rounds_combine import combine
from kit.engine.rounds_layout import Layout, P, pack, unpack
from kit.engine.scoring import score, visible_questions

QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
MANAGERS = [[4, 3, 3, 2, 4, 3], [3, 3, 2, 2, 4, 4], [4, 2, 3, 3, 3, 3]]
EMPLOYEES = [[2, 1, 1, 1, 3, 2], [3, 1, 2, 0, 2, 1], [2, 2, 1, 1, 3, 2], [1] * 6, [4] * 6]
KEY_A = "A" * 43
KEY_B = "B" * 42 + "A"


@pytest.fixture(scope="module")
def models():
    return {m.id: m for m in loader.load_all()}


@pytest.fixture(scope="module")
def vision(models):
    return models["leadership-vision"]


def make_round(model, minimum=3, holders=2, teams=("alpha",), roles=None):
    data = {
        "id": "0123456789abcdef",
        "name": "Spring round",
        "questionnaire": model.id,
        "teams": [{"id": t, "label": t.title()} for t in teams],
        "minimum": minimum,
        "key_holders": [
            {"name": "Facilitator", "public_key": KEY_A},
            {"name": "Works council", "public_key": KEY_B},
        ][:holders],
    }
    if roles:
        data["roles"] = roles
    return check_round(data, model)


def answers_of(values):
    return dict(zip(QUESTIONS, values, strict=True))


def run_round(model, rnd, responses, previous=None):
    """responses: [(team, role, answers)] -> (sums, payloads per holder)."""
    per_holder = [[] for _ in rnd["key_holders"]]
    for team, role, answers in responses:
        for p in shares(model, rnd, team, role, answers)["payloads"]:
            per_holder[p["holder"]].append(p)
    sums = [release(model, rnd, i, ps, previous) for i, ps in enumerate(per_holder)]
    return sums, per_holder


def vision_team(vision, rnd):
    return [("alpha", "manager", answers_of(v)) for v in MANAGERS] + [
        ("alpha", "employee", answers_of(v)) for v in EMPLOYEES
    ]


# --- hand-computed ------------------------------------------------------------------------


def test_three_managers_and_five_employees_by_hand(vision):
    rnd = make_round(vision)
    sums, _ = run_round(vision, rnd, vision_team(vision, rnd))
    view = combine(vision, rnd, sums)
    # Overall = sum of answers / 24 x 100. Managers 19, 18, 18 -> 79.2, 75.0, 75.0:
    # mean 76.4. Employees 10, 9, 11, 6, 24 -> 41.7, 37.5, 45.8, 25.0, 100.0: mean 50.0.
    assert [(r["id"], r["n"], r["withheld"]) for r in view["roles"]] == [
        ("manager", 3, False),
        ("employee", 5, False),
    ]
    o = view["overall"]
    assert (o["roles"]["manager"]["mean"], o["roles"]["employee"]["mean"], o["gap"]) == (
        76.4,
        50.0,
        26.4,
    )
    assert [b["count"] for b in o["roles"]["employee"]["distribution"]] == [0, 2, 2, 0, 1]
    # 25.0 and 37.5 in [20, 40), 41.7 and 45.8 in [40, 60), 100 in the top band.
    assert o["roles"]["manager"]["median"] is None  # sums carry no medians
    # "needs": managers 4, 3, 4 -> 11/12 = 91.7; employees 2, 3, 2, 1, 4 -> 12/20 = 60.0.
    needs = next(i for i in view["items"] if i["id"] == "needs")
    assert needs["roles"]["manager"]["mean"] == 91.7
    assert needs["roles"]["employee"]["mean"] == 60.0
    assert needs["gap"] == 31.7
    assert [d["count"] for d in needs["roles"]["employee"]["distribution"]] == [0, 1, 2, 1, 1]
    team = view["teams"][0]
    assert (team["id"], team["label"], team["overall"]["gap"]) == ("alpha", "Alpha", 26.4)
    assert [(r["id"], r["n"]) for r in team["roles"]] == [("manager", 3), ("employee", 5)]
    assert view["withheld"] == [] and view["duplicates"] == 0
    assert view["round"]["key_holders"] == ["Facilitator", "Works council"]
    outcomes = {o["id"]: o["count"] for o in view["roles"][1]["outcomes"]}
    assert sum(outcomes.values()) == 5
    assert view["chart"].startswith("<svg")


def test_the_round_chart_speaks_the_pages_language(vision):
    """round_combine's gap chart takes the page's chart_words (cw19)."""
    rnd = make_round(vision)
    sums, _ = run_round(vision, rnd, vision_team(vision, rnd))
    words = {"decimal": ",", "gap": "Differenz {gap}", "groups_title": "{title}: beide Sichten"}
    chart = combine(vision, rnd, sums, chart_words=words)["chart"]
    assert f'<title id="cx-gap-title">{vision.title}: beide Sichten</title>' in chart
    assert "Differenz +" in chart and "gap +" not in chart
    assert re.search(r">\d+,\d</text>", chart) and not re.search(r">\d+\.\d</text>", chart)


def _records(model, responses):
    out = []
    for i, (_team, role, answers) in enumerate(responses):
        data = record(model, role, answers, f"resp-{i:012d}", "2026-01-05")
        out.append({"name": f"r{i}", "kind": "record", "data": data})
    return out


# A sealed round's sums hold no per-person spread: no median, and no verdict on
# whether a gap is beyond answer noise (kit.engine.change needs each result).
NOT_FROM_SUMS = ("median", "gap_status", "gap_threshold")


def _without_medians(value):
    if isinstance(value, dict):
        return {k: _without_medians(v) for k, v in value.items() if k not in NOT_FROM_SUMS}
    if isinstance(value, list):
        return [_without_medians(v) for v in value]
    return value


SHARED_KEYS = ("questionnaire", "min_group", "compare", "results", "overall", "dimensions")


def _compare_with_aggregate(model, rnd, responses):
    sums, _ = run_round(model, rnd, responses)
    view = combine(model, rnd, sums)
    expected = aggregate(model, _records(model, responses), rnd["minimum"], rnd["roles"][:2])
    keys = [*SHARED_KEYS, "items", "largest_gaps"]
    # A group under the minimum never leaves its key holders, so it is not in everyone's
    # scores either; the team view still counts it there.
    if not any(0 < r["n"] < rnd["minimum"] for r in expected["roles"]):
        keys.append("everyone")
    for key in keys:
        assert _without_medians(view[key]) == _without_medians(expected[key]), key
    roles = [{k: r[k] for k in ("id", "n", "withheld", "reason")} for r in view["roles"]]
    assert roles == [
        {k: r[k] for k in ("id", "n", "withheld", "reason")} for r in expected["roles"]
    ]
    return view


def test_the_same_team_view_as_aggregate_on_the_same_results(vision):
    view = _compare_with_aggregate(vision, make_round(vision), vision_team(vision, None))
    assert view["overall"]["gap"] == 26.4


@pytest.mark.parametrize("qid", ["sponsor-readiness", "executive-commitment", "walk-the-talk"])
def test_branching_and_dont_know_match_aggregate(models, qid):
    """Questions hidden by branches and "don't know" answers, many respondents."""
    model = models[qid]
    rng = random.Random(qid)
    roles = [r.id for r in model.roles[:2]]
    responses = []
    for i in range(24):
        role = roles[i % 2]
        answers: dict = {}
        for _ in range(3):  # settle the branches: answer what is shown
            for q in visible_questions(model, answers):
                options = [o.value for o in model.scales[q.scale].options]
                answers.setdefault(q.id, rng.choice(options))
        shown = {q.id for q in visible_questions(model, answers)}
        answers = {k: v for k, v in answers.items() if k in shown}
        if score(model, role, answers)["complete"]:
            responses.append(("alpha", role, answers))
    assert len(responses) > 15
    _compare_with_aggregate(model, make_round(model, minimum=3), responses)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_any_team_gives_the_same_view_as_aggregate(models, data):
    """Random questionnaire, team size and answers (branches included): the round's
    combined view equals the team view of the same results."""
    model = models[data.draw(st.sampled_from(sorted(models)))]
    roles = [r.id for r in model.roles[:2]]
    responses = [
        ("alpha", data.draw(st.sampled_from(roles)), data.draw(_complete_answers(model)))
        for _ in range(data.draw(st.integers(1, 12)))
    ]
    _compare_with_aggregate(model, make_round(model, minimum=3), responses)


# --- shares ----------------------------------------------------------------------------------


def _complete_answers(model):
    def build(draw):
        answers: dict = {}
        for q in model.questions:
            if q in visible_questions(model, answers):
                options = [o.value for o in model.scales[q.scale].options]
                answers[q.id] = draw(st.sampled_from(options))
        return answers

    return st.composite(lambda draw: build(draw))()


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_shares_add_up_to_the_exact_counts(models, data):
    model = models[data.draw(st.sampled_from(sorted(models)))]
    rnd = make_round(model)
    role = data.draw(st.sampled_from(rnd["roles"]))
    answers = data.draw(_complete_answers(model))
    layout = Layout(model)
    out = shares(model, rnd, "alpha", role, answers)
    a, b = (unpack(p["vector"], layout.size) for p in out["payloads"])
    counts = [(x + y) % P for x, y in zip(a, b, strict=True)]
    assert counts == layout.vector(score(model, role, answers), answers)
    assert counts[0] == 1 and layout.problems(counts, 1) == []


@settings(max_examples=40, deadline=None)
@given(
    first=st.lists(st.integers(0, 4), min_size=6, max_size=6),
    second=st.lists(st.integers(0, 4), min_size=6, max_size=6),
    rand=st.binary(min_size=16 + 8 * 200, max_size=16 + 8 * 200),
)
def test_one_share_is_independent_of_the_answers(vision, first, second, rand):
    rnd = make_round(vision)
    layout = Layout(vision)
    x = shares(vision, rnd, "alpha", "employee", answers_of(first), rand)
    y = shares(vision, rnd, "alpha", "employee", answers_of(second), rand)
    # Share 0 is the randomness alone: the same for any answers.
    assert x["payloads"][0]["vector"] == y["payloads"][0]["vector"]
    # Share 1 = answers - r: for any other answers some r' gives the very same share
    # (r' = r + y - x), so with r uniform share 1 is uniform whatever the answers.
    r = unpack(x["payloads"][0]["vector"], layout.size)
    vx = layout.vector(score(vision, "employee", answers_of(first)), answers_of(first))
    vy = layout.vector(score(vision, "employee", answers_of(second)), answers_of(second))
    r2 = [(a + c - b) % P for a, b, c in zip(r, vx, vy, strict=True)]
    rand2 = rand[:16] + bytes.fromhex("".join(f"{v:016x}" for v in r2))
    z = shares(vision, rnd, "alpha", "employee", answers_of(second), rand2)
    assert z["payloads"][1]["vector"] == x["payloads"][1]["vector"]


def test_one_key_holder_gets_the_counts_themselves(vision):
    rnd = make_round(vision, holders=1)
    out = shares(vision, rnd, "alpha", "manager", answers_of(MANAGERS[0]))
    layout = Layout(vision)
    [payload] = out["payloads"]
    answers = answers_of(MANAGERS[0])
    x = layout.vector(score(vision, "manager", answers), answers)
    assert unpack(payload["vector"], layout.size) == x
    sums, _ = run_round(vision, rnd, vision_team(vision, rnd))
    assert combine(vision, rnd, sums)["overall"]["gap"] == 26.4


def test_payload_fields_and_fresh_randomness(vision):
    rnd = make_round(vision)
    a = shares(vision, rnd, "alpha", "manager", answers_of(MANAGERS[0]))
    b = shares(vision, rnd, "alpha", "manager", answers_of(MANAGERS[0]))
    assert a["response"] != b["response"] and len(a["response"]) == 32
    assert a["payloads"][0]["vector"] != b["payloads"][0]["vector"]
    p = a["payloads"][1]
    assert {k: p[k] for k in ("kind", "format", "round", "holder", "team", "role")} == {
        "kind": "cx-kit-share",
        "format": 1,
        "round": "0123456789abcdef",
        "holder": 1,
        "team": "alpha",
        "role": "manager",
    }


def test_incomplete_answers_unknown_team_and_role_are_refused(vision):
    rnd = make_round(vision)
    with pytest.raises(AnswerError, match="incomplete: involvement not answered"):
        shares(vision, rnd, "alpha", "manager", answers_of(MANAGERS[0][:5] + [None]))
    with pytest.raises(InputError, match="team: 'beta' is not a team of this round"):
        shares(vision, rnd, "beta", "manager", answers_of(MANAGERS[0]))
    with pytest.raises(InputError, match="role: 'ceo' is not a role of this round"):
        shares(vision, rnd, "alpha", "ceo", answers_of(MANAGERS[0]))


# --- release ----------------------------------------------------------------------------------


def test_the_same_submission_five_times_counts_once(vision):
    rnd = make_round(vision)
    team = vision_team(vision, rnd)
    per_holder = [[], []]
    for team_id, role, answers in team:
        for p in shares(vision, rnd, team_id, role, answers)["payloads"]:
            per_holder[p["holder"]] += [p] * (5 if role == "manager" else 1)
    sums = [release(vision, rnd, i, ps) for i, ps in enumerate(per_holder)]
    assert sums[0]["duplicates"] == 12  # 3 managers x 4 extra copies
    assert sums[0]["groups"]["alpha"]["manager"]["responses"] == 3
    view = combine(vision, rnd, sums)
    assert view["overall"]["gap"] == 26.4 and view["duplicates"] == 12
    assert "counted once" in view["warnings"][0]["message"]


def test_same_id_with_different_contents_is_refused(vision):
    rnd = make_round(vision)
    a = shares(vision, rnd, "alpha", "manager", answers_of(MANAGERS[0]))["payloads"][0]
    b = dict(a, role="employee")
    with pytest.raises(InputError, match=r"payloads\[1\]: response .* twice with different"):
        release(vision, rnd, 0, [a, b])


def test_a_group_under_the_minimum_is_withheld_with_its_reason(vision):
    rnd = make_round(vision, minimum=5, teams=("alpha", "beta"))
    responses = [("alpha", "employee", answers_of(v)) for v in EMPLOYEES]
    responses += [("beta", "employee", answers_of(v)) for v in EMPLOYEES[:4]]
    responses += [("beta", "manager", answers_of(MANAGERS[0]))]
    sums, _ = run_round(vision, rnd, responses)
    reason = team_stats.group_reason(5)
    assert "fewer than 5 respondents" in reason
    assert sums[0]["withheld"] == [
        {"team": "beta", "role": "manager", "responses": 1, "reason": reason},
        {"team": "beta", "role": "employee", "responses": 4, "reason": reason},
    ]
    assert list(sums[0]["groups"]) == ["alpha"]
    view = combine(vision, rnd, sums)
    manager = view["roles"][0]
    assert (manager["n"], manager["withheld"], manager["reason"]) == (1, True, reason)
    assert view["overall"]["roles"]["manager"] == {"withheld": True, "reason": reason}
    assert view["overall"]["gap"] is None
    assert view["compare"]["reason"] == "no gaps: manager: fewer than 5 respondents"
    beta = view["teams"][1]
    assert [(r["id"], r["n"], r["reason"]) for r in beta["roles"]] == [
        ("manager", 1, reason),
        ("employee", 4, reason),
    ]
    assert beta["overall"]["roles"]["employee"] == {"withheld": True, "reason": reason}
    alpha = view["teams"][0]
    assert alpha["overall"]["roles"]["employee"]["mean"] == 50.0
    assert alpha["roles"][0]["reason"] == team_stats.NO_RESULTS


def test_a_question_with_too_few_answers_says_why(models):
    """A branch shows a question to fewer than the minimum: that cell says why."""
    model = models["sponsor-readiness"]
    rnd = make_round(model, minimum=3)
    route = next(q for q in model.questions if q.type == "route")
    values = [o.value for o in model.scales[route.scale].options]
    responses = []
    for i in range(4):
        answers = {route.id: values[0] if i else values[-1]}
        for q in visible_questions(model, answers):
            answers.setdefault(q.id, model.scales[q.scale].options[-1].value)
        responses.append(("alpha", model.roles[0].id, answers))
    view = _compare_with_aggregate(model, rnd, responses)
    reasons = {
        s["reason"]
        for i in view["items"]
        for s in i["roles"].values()
        if s["withheld"] and s["reason"].startswith("fewer than 3 answers")
    }
    assert reasons, "expected a question answered by fewer than 3"


def test_differencing_is_refused(vision):
    rnd = make_round(vision, minimum=3)
    team = vision_team(vision, rnd)
    sums, per_holder = run_round(vision, rnd, team)
    # The same responses again: the same sums, allowed.
    assert release(vision, rnd, 0, per_holder[0], [sums[0]]) == sums[0]
    extra = shares(vision, rnd, "alpha", "employee", answers_of(EMPLOYEES[0]))["payloads"]
    with pytest.raises(InputError, match="role employee differ from an earlier release .* by 1"):
        release(vision, rnd, 0, [*per_holder[0], extra[0]], [sums[0]])
    with pytest.raises(InputError, match="differ from an earlier release .* by 1"):
        release(vision, rnd, 0, per_holder[0][:-1], [sums[0]])  # one employee left out
    # A group that falls under the minimum is withheld: nothing to difference.
    assert "manager" not in release(vision, rnd, 0, per_holder[0][1:], [sums[0]])["groups"]["alpha"]
    more = [
        shares(vision, rnd, "alpha", "employee", answers_of(v))["payloads"][0]
        for v in EMPLOYEES[:3]
    ]
    assert (
        release(vision, rnd, 0, per_holder[0] + more, [sums[0]])["groups"]["alpha"]["employee"][
            "responses"
        ]
        == 8
    )
    other_round = dict(sums[0], round="fedcba9876543210")
    release(vision, rnd, 0, [*per_holder[0], extra[0]], [other_round])  # another round's


# --- combine refuses -------------------------------------------------------------------------


def _change(group: dict, index: int, by: int) -> None:
    x = unpack(group["vector"], len(group["vector"]) * 6 // 8 // 8)
    x[index] = (x[index] + by) % P
    group["vector"] = pack(x)


def test_inconsistent_combinations_are_refused(vision):
    rnd = make_round(vision)
    sums, per_holder = run_round(vision, rnd, vision_team(vision, rnd))
    broken = json.loads(json.dumps(sums[1]))
    _change(broken["groups"]["alpha"]["employee"], 3, 1)
    with pytest.raises(
        InputError,
        match="combined counts of team alpha, role employee are "
        r"inconsistent \(question 'needs': its counts add up to 6, not 5",
    ):
        combine(vision, rnd, [sums[0], broken])
    negative = json.loads(json.dumps(sums[1]))
    _change(negative["groups"]["alpha"]["manager"], 1, -1)
    with pytest.raises(InputError, match="1 count\\(s\\) are negative"):
        combine(vision, rnd, [sums[0], negative])
    # Sums over different responses: refused before adding anything.
    fewer = release(vision, rnd, 1, per_holder[1][1:])
    with pytest.raises(InputError, match="not over the same responses"):
        combine(vision, rnd, [sums[0], fewer])
    withheld_differs = dict(sums[1], withheld=[{"team": "alpha", "role": "x", "responses": 1}])
    with pytest.raises(InputError, match="not over the same responses"):
        combine(vision, rnd, [sums[0], withheld_differs])
    with pytest.raises(InputError, match="one share-sum from each key holder"):
        combine(vision, rnd, [sums[0], sums[0]])
    with pytest.raises(InputError, match="give 2 share-sum file"):
        combine(vision, rnd, [sums[0]])


def test_a_forged_submission_is_caught_by_the_consistency_check(vision):
    """Anyone can seal for the public keys: a share claiming two answers to one
    question makes the combined counts inconsistent."""
    rnd = make_round(vision, holders=1)
    layout = Layout(vision)
    _, per_holder = run_round(vision, rnd, vision_team(vision, rnd))
    forged = dict(per_holder[0][3])
    x = unpack(forged["vector"], layout.size)
    x[1] += 1  # a second answer to the first question
    forged["vector"] = pack(x)
    forged["response"] = "f" * 32
    s = release(vision, rnd, 0, [*per_holder[0], forged])
    with pytest.raises(InputError, match="inconsistent .*question 'needs': .* add up to 7, not 6"):
        combine(vision, rnd, [s])
    too_high = dict(forged, vector=pack([1] + [0] * (layout.size - 1)))
    s = release(vision, rnd, 0, [*per_holder[0], too_high])
    with pytest.raises(InputError, match="inconsistent"):
        combine(vision, rnd, [s])


def test_score_sums_out_of_range_are_refused(vision):
    layout = Layout(vision)
    answers = answers_of(MANAGERS[0])
    x = layout.vector(score(vision, "manager", answers), answers)
    x[layout.overall] = 100  # 10.0 points, but the band says 60-80
    assert any("does not fit its score bands" in p for p in layout.problems(x, 1))


def test_ids_digest_is_of_the_sorted_distinct_ids():
    import hashlib

    assert ids_digest(["b", "a", "b"]) == hashlib.sha256(b"a\nb").hexdigest()


# --- the round and the api ------------------------------------------------------------------


def test_round_defaults_and_errors_name_the_field(vision):
    rnd = make_round(vision)
    assert rnd["roles"] == ["manager", "employee"] and rnd["version"] == 1
    assert rnd["dropbox"] is None and rnd["kind"] == "cx-kit-round"
    base = {k: v for k, v in rnd.items() if k != "minimum"}
    assert check_round(base, vision)["minimum"] == 5
    assert check_round({**base, "dropbox": "/box"}, vision)["dropbox"] == "/box/"
    generated = check_round({k: v for k, v in base.items() if k != "id"}, vision)["id"]
    assert len(generated) == 16 and int(generated, 16) >= 0
    for change, message in [
        ({"minimum": 2}, "round.minimum: expected a whole number of at least 3, got 2"),
        ({"key_holders": []}, "round.key_holders: expected a list of 1 to 2"),
        ({"key_holders": [{"name": "x", "public_key": "abc"}]}, "public_key: expected an X25519"),
        ({"teams": [{"id": "Bad Id", "label": "x"}]}, r"round.teams\[0\].id: expected an id"),
        ({"roles": ["manager", "boss"]}, "unknown role 'boss'"),
        ({"dropbox": "https://evil.example/"}, "round.dropbox: expected a path on this site"),
        ({"id": "XYZ"}, "round.id: expected 16 lowercase hex digits"),
        ({"version": 2}, "the round is for leadership-vision version 2"),
        ({"kind": "cx-kit-sealed"}, "round.kind"),
    ]:
        with pytest.raises(InputError, match=message):
            check_round({**base, **change}, vision)


def test_ops_through_the_api(vision):
    rnd = make_round(vision)
    d = vision.definition
    bad = handle_request({"op": "round_check", "round": {**rnd, "minimum": 1}})
    assert bad["kind"] == "input" and "round.minimum" in bad["error"]
    partial = handle_request(
        {
            "op": "round_shares",
            "definition": d,
            "round": rnd,
            "team": "alpha",
            "role": "manager",
            "answers": {},
        }
    )
    assert partial["kind"] == "answers"
    sums = []
    payloads = [[], []]
    for team, role, answers in vision_team(vision, rnd):
        reply = handle_request(
            {
                "op": "round_shares",
                "definition": d,
                "round": rnd,
                "team": team,
                "role": role,
                "answers": answers,
            }
        )
        for p in reply["result"]["payloads"]:
            payloads[p["holder"]].append(p)
    for i in range(2):
        reply = handle_request(
            {
                "op": "round_release",
                "definition": d,
                "round": rnd,
                "holder": i,
                "payloads": payloads[i],
                "previous": [],
            }
        )
        sums.append(reply["result"])
    reply = handle_request({"op": "round_combine", "definition": d, "round": rnd, "sums": sums})
    assert reply["ok"] and reply["result"]["overall"]["gap"] == 26.4


def test_a_managers_own_result_beside_their_team(vision):
    rnd = make_round(vision, minimum=5)
    responses = [("alpha", "employee", answers_of(v)) for v in EMPLOYEES]
    responses.append(("alpha", "manager", answers_of(MANAGERS[0])))
    sums, _ = run_round(vision, rnd, responses)
    own = record(vision, "manager", answers_of(MANAGERS[0]), "resp-own-00000001", "2026-01-05")
    view = combine(
        vision, rnd, sums, [{"team": "alpha", "name": "Ann", "kind": "record", "data": own}]
    )
    # The manager group of 1 is withheld; their own result (79.2) is shown with consent.
    assert view["teams"][0]["roles"][0]["withheld"] is True
    [mine] = view["teams"][0]["own_results"]
    assert (mine["name"], mine["role"], mine["overall"]) == ("Ann", "manager", 79.2)
    assert (mine["compared_with"], mine["overall_gap"]) == ("employee", 29.2)


# --- damaged input never crashes the engine ----------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2**62) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def vision_round_files(vision):
    rnd = make_round(vision)
    sums, per_holder = run_round(vision, rnd, vision_team(vision, rnd))
    return rnd, sums, per_holder


def _damaged(value, path, new):
    """value with the entry at path (a list of keys) replaced by new."""
    value = json.loads(json.dumps(value))
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return value


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:2]):
            yield from _paths(v, (*prefix, i))


@settings(max_examples=int(os.environ.get("ROUND_FUZZ", "200")), deadline=None)
@given(data=st.data())
def test_damaged_rounds_payloads_and_sums_are_refused_not_fatal(vision, vision_round_files, data):
    """Any field of a valid request replaced by any JSON value: a reply, never a crash
    (ROUND_FUZZ=2000 tries more)."""
    rnd, sums, per_holder = vision_round_files
    d = vision.definition
    requests = {
        "round_check": {"round": rnd},
        "round_shares": {
            "round": rnd,
            "team": "alpha",
            "role": "manager",
            "answers": answers_of(MANAGERS[0]),
        },
        "round_release": {
            "round": rnd,
            "holder": 0,
            "payloads": per_holder[0],
            "previous": [sums[0]],
        },
        "round_combine": {"round": rnd, "sums": sums},
    }
    op = data.draw(st.sampled_from(sorted(requests)))
    request = {"op": op, "definition": d, **requests[op]}
    paths = [p for p in _paths(request) if p and p[0] not in ("op", "definition")]
    path = data.draw(st.sampled_from(paths))
    broken = _damaged(request, list(path), data.draw(JSON_VALUES))
    reply = handle_request(broken)
    assert reply["ok"] or reply["kind"] in ("input", "answers", "definition"), reply
