"""Branching (show_if, route questions), rules and report fields, on an inline instrument.

DEFINITION below is modelled on an "executive sponsor readiness" check: a route
question `phase` (0 infancy, 1 design, 2 implementation) decides which of three
phase dimensions is shown; the `qualities` dimension always shows. Every scored
item is on a yes / partly / no / don't-know scale (2 / 1 / 0 / -1, the last one
unscored), weight 1, so a score is 100 * sum / (2 * scored items). Rules
`all-yes` (every shown item answered 2; a don't know keeps it from holding) and
`any-no` (some shown item answered 0) come before the bands not-ready [0, 50),
developing [50, 75), ready [75, 100]; without a no every item is at least partly,
so not-ready is reachable only through variants with other rules.

Expected values are worked out by hand and written as literals.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.engine import score
from kit.loader import LoadFailed, load_text

NAME = "kit/questionnaires/sponsor.yaml"

DEFINITION = """\
id: sponsor-readiness
version: 1
title: Executive sponsor readiness
summary: Is the executive sponsor ready for the phase the programme is in?
source:
  author: Tests
  article: Inline sponsor readiness
roles:
  - id: sponsor
    label: I sponsor the programme
scales:
  phase:
    options:
      - {value: 0, label: Infancy}
      - {value: 1, label: Design}
      - {value: 2, label: Implementation}
  ynd:
    options:
      - {value: 2, label: "Yes"}
      - {value: 1, label: Partly}
      - {value: 0, label: "No"}
      - {value: -1, label: Don't know, scored: false}
dimensions:
  - id: qualities
    title: Sponsor qualities
    recommendations:
      - id: qualities-coach
        below: 75
        text: Find a coach.
  - id: infancy
    title: Infancy
    show_if: {question: phase, equals: 0}
    recommendations:
      - id: infancy-case
        below: 100
        text: Write the case.
  - id: design
    title: Design
    show_if: {question: phase, equals: 1}
  - id: implementation
    title: Implementation
    show_if: {question: phase, equals: 2}
questions:
  - id: phase
    type: route
    scale: phase
    text: Which phase is the programme in?
  - id: passion
    dimension: qualities
    scale: ynd
    text: I am passionate about our customers.
    short: Passion
  - id: influence
    dimension: qualities
    scale: ynd
    text: I have the influence to remove obstacles.
  - id: vision
    dimension: infancy
    scale: ynd
    text: I have set out a customer vision.
  - id: case
    dimension: infancy
    scale: ynd
    text: I have made the business case.
  - id: blueprint
    dimension: design
    scale: ynd
    text: I have approved the programme blueprint.
  - id: metrics
    dimension: design
    scale: ynd
    text: I have agreed how success is measured.
  - id: rollout
    dimension: implementation
    scale: ynd
    text: I review the rollout every month.
  - id: resourcing
    dimension: implementation
    scale: ynd
    text: I have secured the people and budget.
rules:
  - id: all-yes
    label: Ready to sponsor
    text: Every answer is yes.
    when: {all_items: 2}
  - id: any-no
    label: A blocker to clear first
    text: At least one answer is no.
    when: {any_item: 0}
bands:
  - id: not-ready
    min: 0
    max: 50
    label: Not ready
    text: Not ready.
  - id: developing
    min: 50
    max: 75
    label: Developing
    text: Developing.
  - id: ready
    min: 75
    max: 100
    label: Ready
    text: Ready.
report:
  gaps: Where to grow
  unknown: What to find out
  weakest: Your weakest area
"""
# Lines of DEFINITION referred to below:
#  22 don't-know option   24 qualities id   30 infancy id    32 infancy show_if
#  37 design id           39 design show_if 42 implementation show_if
#  44 phase id            45 phase type     46 phase scale   48 passion id
#  51 passion text        53 influence id   81 rules:        82 all-yes id
#  85 all-yes when        86 any-no id      89 any-no when   101 ready id
# 106 report:            109 report weakest

QUESTIONS = [
    "phase",
    "passion",
    "influence",
    "vision",
    "case",
    "blueprint",
    "metrics",
    "rollout",
    "resourcing",
]
ITEMS = QUESTIONS[1:]
QUALITIES = ["passion", "influence"]
PHASE_ITEMS = {0: ["vision", "case"], 1: ["blueprint", "metrics"], 2: ["rollout", "resourcing"]}
DIMENSIONS = ["qualities", "infancy", "design", "implementation"]
TITLES = {
    "qualities": "Sponsor qualities",
    "infancy": "Infancy",
    "design": "Design",
    "implementation": "Implementation",
}
BANDS = [("not-ready", 0, 50), ("developing", 50, 75), ("ready", 75, 100)]
BAND_LABELS = {"not-ready": "Not ready", "developing": "Developing", "ready": "Ready"}
ALL_YES = {"id": "all-yes", "label": "Ready to sponsor", "kind": "rule"}
ANY_NO = {"id": "any-no", "label": "A blocker to clear first", "kind": "rule"}
YES, PARTLY, NO, DONT_KNOW = 2, 1, 0, -1

RULES_BLOCK = DEFINITION[DEFINITION.index("rules:\n") : DEFINITION.index("bands:\n")]


def edit(*pairs: tuple[str, str], text: str = DEFINITION) -> str:
    """DEFINITION with each (old, new) replaced; every old text must occur exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, f"edit target not unique: {old!r}"
        text = text.replace(old, new)
    return text


def with_rules(rules: str) -> str:
    """DEFINITION with its rules block replaced (rules text must end with a newline)."""
    return edit((RULES_BLOCK, rules))


def load(text: str = DEFINITION):
    return load_text(text, NAME)


def errors_of(text: str) -> list[str]:
    with pytest.raises(LoadFailed) as exc:
        load_text(text, NAME)
    return [str(e) for e in exc.value.errors]


MODEL = load()


def run(answers: dict, model=MODEL) -> dict:
    return score(model, "sponsor", answers)


def dims(result: dict) -> dict[str, float | None]:
    return {d["id"]: d["score"] for d in result["dimensions"]}


def shown_flags(result: dict) -> list[bool]:
    return [d["shown"] for d in result["dimensions"]]


def recs(result: dict) -> list[str]:
    return [r["id"] for r in result["recommendations"]]


def phase_answers(phase: int, a: int, b: int, c: int, d: int, **extra: int) -> dict:
    """The route answer, the two qualities items, then the phase's two items."""
    first, second = PHASE_ITEMS[phase]
    return {"phase": phase, "passion": a, "influence": b, first: c, second: d, **extra}


# -- the definition ------------------------------------------------------------------------


def test_definition_is_what_these_tests_assume():
    assert DEFINITION.splitlines()[44] == "    type: route"  # line 45
    assert DEFINITION.splitlines()[84] == "    when: {all_items: 2}"  # line 85
    assert DEFINITION.splitlines()[100] == "  - id: ready"  # line 101
    assert [q.id for q in MODEL.questions] == QUESTIONS
    assert [(q.type, q.scored, q.dimension) for q in MODEL.questions[:2]] == [
        ("route", False, ""),
        ("scale", True, "qualities"),
    ]
    assert [d.id for d in MODEL.dimensions] == DIMENSIONS
    assert [
        (d.show_if.question, d.show_if.values) if d.show_if else None for d in MODEL.dimensions
    ] == [None, ("phase", (0,)), ("phase", (1,)), ("phase", (2,))]
    assert all(q.show_if is None for q in MODEL.questions)
    assert (MODEL.question("passion").short, MODEL.question("influence").short) == ("Passion", "")
    assert [(r.id, r.all_items, r.any_item) for r in MODEL.rules] == [
        ("all-yes", 2, None),
        ("any-no", None, 0),
    ]
    assert [(b.id, b.min, b.max) for b in MODEL.bands] == BANDS
    assert MODEL.report == {
        "gaps": "Where to grow",
        "unknown": "What to find out",
        "weakest": "Your weakest area",
    }
    assert MODEL.scales["ynd"].scored_values == [2, 1, 0]


# -- what is shown -------------------------------------------------------------------------


def test_before_the_phase_is_answered_only_the_route_and_qualities_show():
    assert run({}) == {
        "questionnaire": "sponsor-readiness",
        "version": 1,
        "role": "sponsor",
        "answered": 0,
        "total": 3,
        "missing": ["phase", "passion", "influence"],
        "hidden": ["vision", "case", "blueprint", "metrics", "rollout", "resourcing"],
        "unscored": 0,
        "unknown": [],
        "gaps": [],
        "complete": False,
        "insufficient": False,
        "overall": None,
        "band": None,
        "weakest": None,
        "dimensions": [
            {"id": "qualities", "title": "Sponsor qualities", "shown": True, "score": None,
             "answered": 0, "total": 2},
            {"id": "infancy", "title": "Infancy", "shown": False, "score": None,
             "answered": 0, "total": 0},
            {"id": "design", "title": "Design", "shown": False, "score": None,
             "answered": 0, "total": 0},
            {"id": "implementation", "title": "Implementation", "shown": False, "score": None,
             "answered": 0, "total": 0},
        ],
        "recommendations": [],
        "decided_by": None,
        "tally": None,
    }  # fmt: skip


def test_qualities_answered_before_the_phase():
    # 3 / 4; the form is incomplete until the phase is chosen and its items answered.
    result = run({"passion": YES, "influence": PARTLY})
    assert result["missing"] == ["phase"]
    assert (result["answered"], result["total"]) == (2, 3)
    assert result["hidden"] == ["vision", "case", "blueprint", "metrics", "rollout", "resourcing"]
    assert result["overall"] == 75.0
    assert dims(result) == {"qualities": 75.0, "infancy": None, "design": None,
                            "implementation": None}  # fmt: skip
    assert result["gaps"] == ["influence"]
    assert (result["complete"], result["band"], result["weakest"]) == (False, None, None)


def test_choosing_phase_1_shows_the_design_items_only():
    result = run({"phase": 1})
    assert result["hidden"] == ["vision", "case", "rollout", "resourcing"]
    assert result["missing"] == ["passion", "influence", "blueprint", "metrics"]
    assert (result["answered"], result["total"]) == (1, 5)
    assert shown_flags(result) == [True, False, True, False]
    assert [(d["answered"], d["total"]) for d in result["dimensions"]] == [
        (0, 2),
        (0, 0),
        (0, 2),
        (0, 0),
    ]
    # The route answer is counted as answered but scores nothing.
    assert result["overall"] is None
    assert (result["unknown"], result["gaps"], result["unscored"]) == ([], [], 0)


@pytest.mark.parametrize(
    "phase, hidden, shown",
    [
        (0, ["blueprint", "metrics", "rollout", "resourcing"], [True, True, False, False]),
        (1, ["vision", "case", "rollout", "resourcing"], [True, False, True, False]),
        (2, ["vision", "case", "blueprint", "metrics"], [True, False, False, True]),
    ],
)
def test_each_phase_shows_its_own_dimension(phase, hidden, shown):
    result = run({"phase": phase})
    assert result["hidden"] == hidden
    assert shown_flags(result) == shown
    assert result["total"] == 5


def test_answers_to_hidden_questions_are_ignored():
    # Phase 1: the infancy and implementation answers (a "no" and a "don't know" among
    # them) are neither counted, nor scored, nor an error, nor able to trigger any-no.
    given_answers = {
        "phase": 1,
        "passion": YES,
        "influence": YES,
        "blueprint": YES,
        "metrics": YES,
        "vision": NO,
        "case": DONT_KNOW,
        "rollout": PARTLY,
        "resourcing": NO,
    }
    result = run(given_answers)
    assert (result["answered"], result["total"], result["missing"]) == (5, 5, [])
    assert result["hidden"] == ["vision", "case", "rollout", "resourcing"]
    assert (result["unknown"], result["unscored"], result["gaps"]) == ([], 0, [])
    assert result["overall"] == 100.0
    assert dims(result) == {"qualities": 100.0, "infancy": None, "design": 100.0,
                            "implementation": None}  # fmt: skip
    assert [(d["answered"], d["total"]) for d in result["dimensions"]] == [
        (2, 2),
        (0, 0),
        (2, 2),
        (0, 0),
    ]
    assert result["band"] == ALL_YES
    assert result["recommendations"] == []


def test_changing_the_phase_moves_the_result_to_the_other_items():
    # Same answers, phase 0 instead of 1: now vision (no) counts and case is "don't know".
    given_answers = {
        "phase": 0,
        "passion": YES,
        "influence": YES,
        "blueprint": YES,
        "metrics": YES,
        "vision": NO,
        "case": DONT_KNOW,
    }
    result = run(given_answers)
    assert result["hidden"] == ["blueprint", "metrics", "rollout", "resourcing"]
    # 2 + 2 + 0 over 3 scored items = 66.67; any-no wins over the band.
    assert result["overall"] == 66.7
    assert dims(result) == {"qualities": 100.0, "infancy": 0.0, "design": None,
                            "implementation": None}  # fmt: skip
    assert result["unknown"] == ["case"]
    assert result["gaps"] == ["vision"]
    assert result["band"] == ANY_NO
    assert result["weakest"] == "infancy"
    assert recs(result) == ["infancy-case"]  # infancy 0 < 100; qualities 100 is not < 75


# -- results: rules, then bands ------------------------------------------------------------


def test_all_yes_is_the_all_yes_rule():
    result = run(phase_answers(0, YES, YES, YES, YES))
    assert result["band"] == {"id": "all-yes", "label": "Ready to sponsor", "kind": "rule"}
    assert result["overall"] == 100.0
    assert (result["complete"], result["insufficient"]) == (True, False)
    assert result["gaps"] == []
    assert result["weakest"] == "qualities"  # tie at 100: definition order
    assert result["recommendations"] == []  # 100 is below neither 75 nor 100


@pytest.mark.parametrize(
    "given_answers, overall, gaps, weakest",
    [
        # 6/8 = 75 would be the ready band; the no wins. qualities 100, design 50.
        (phase_answers(1, YES, YES, NO, YES), 75.0, ["blueprint"], "design"),
        # The no in the always-shown qualities: 6/8; qualities 50, implementation 100.
        (phase_answers(2, NO, YES, YES, YES), 75.0, ["passion"], "qualities"),
        # All no: 0, which would be not-ready.
        (phase_answers(0, NO, NO, NO, NO), 0.0, ["passion", "influence", "vision", "case"],
         "qualities"),
    ],
)  # fmt: skip
def test_one_no_is_the_any_no_rule(given_answers, overall, gaps, weakest):
    result = run(given_answers)
    assert result["band"] == ANY_NO
    assert result["overall"] == overall
    assert result["gaps"] == gaps
    assert result["weakest"] == weakest


@pytest.mark.parametrize(
    "given_answers, overall, scores, band, weakest, recommendations",
    [
        # Partly only: 4/8 = 50, the lower edge of developing; tie at 50 -> qualities.
        (phase_answers(2, PARTLY, PARTLY, PARTLY, PARTLY), 50.0, (50.0, None, None, 50.0),
         "developing", "qualities", ["qualities-coach"]),
        (phase_answers(0, PARTLY, PARTLY, PARTLY, PARTLY), 50.0, (50.0, 50.0, None, None),
         "developing", "qualities", ["qualities-coach", "infancy-case"]),
        # 5/8 = 62.5; qualities 50, infancy 75 (below 100, so its advice too).
        (phase_answers(0, PARTLY, PARTLY, YES, PARTLY), 62.5, (50.0, 75.0, None, None),
         "developing", "qualities", ["qualities-coach", "infancy-case"]),
        # 5/8 = 62.5; qualities 75 (not below 75), design 50 (no advice defined).
        (phase_answers(1, PARTLY, YES, PARTLY, PARTLY), 62.5, (75.0, None, 50.0, None),
         "developing", "design", []),
        # 6/8 = 75, the lower edge of ready; implementation 50 is the weakest.
        (phase_answers(2, YES, YES, PARTLY, PARTLY), 75.0, (100.0, None, None, 50.0),
         "ready", "implementation", []),
        # 7/8 = 87.5; qualities 75, infancy 100.
        (phase_answers(0, YES, PARTLY, YES, YES), 87.5, (75.0, 100.0, None, None),
         "ready", "qualities", []),
        (phase_answers(1, YES, YES, PARTLY, YES), 87.5, (100.0, None, 75.0, None),
         "ready", "design", []),
    ],
)  # fmt: skip
def test_partly_answers_get_the_band_by_score(
    given_answers, overall, scores, band, weakest, recommendations
):
    result = run(given_answers)
    assert result["overall"] == overall
    assert dims(result) == dict(zip(DIMENSIONS, scores, strict=True))
    assert result["band"] == {"id": band, "label": BAND_LABELS[band], "kind": "band"}
    assert result["weakest"] == weakest
    assert recs(result) == recommendations
    # No no in these sets: the gaps are the scored items answered partly.
    assert result["gaps"] == [q for q in ITEMS if given_answers.get(q) == PARTLY]


def test_dont_know_is_counted_in_unknown_not_in_the_score():
    # Scored: 2 + 2 + 1 over 3 items = 83.33; qualities = passion alone = 100.
    result = run(phase_answers(1, YES, DONT_KNOW, YES, PARTLY))
    assert result["unknown"] == ["influence"]
    assert result["unscored"] == 1
    assert (result["answered"], result["total"], result["complete"]) == (5, 5, True)
    assert result["overall"] == 83.3
    assert dims(result) == {"qualities": 100.0, "infancy": None, "design": 75.0,
                            "implementation": None}  # fmt: skip
    assert result["dimensions"][0]["answered"] == 2  # "don't know" is an answer
    assert result["gaps"] == ["metrics"]
    assert result["weakest"] == "design"
    assert result["band"] == {"id": "ready", "label": "Ready", "kind": "band"}
    assert result["insufficient"] is False


def test_dont_know_is_not_a_no():
    # 1 + 1 + 1 over 3 = 50: the band, not any-no.
    result = run(phase_answers(1, PARTLY, DONT_KNOW, PARTLY, PARTLY))
    assert result["overall"] == 50.0
    assert result["band"] == {"id": "developing", "label": "Developing", "kind": "band"}


def test_one_dont_know_keeps_all_yes_from_holding():
    # Rules see every item answer: three yes and one don't know are not "all yes".
    # The score is 100 over the three scored items, so the top band.
    result = run(phase_answers(2, YES, YES, DONT_KNOW, YES))
    assert result["unknown"] == ["rollout"]
    assert result["overall"] == 100.0
    assert result["gaps"] == []
    assert result["band"] == {"id": "ready", "label": "Ready", "kind": "band"}


def test_a_rule_can_test_for_dont_know():
    model = load(with_rules("rules:\n" + rule("find-out", "{any_item: -1}", "Find out")))
    find_out = {"id": "find-out", "label": "Find out", "kind": "rule"}
    assert run(phase_answers(1, PARTLY, DONT_KNOW, PARTLY, PARTLY), model)["band"] == find_out
    # A don't know on a hidden question does not count.
    assert run(phase_answers(1, PARTLY, PARTLY, PARTLY, PARTLY, vision=DONT_KNOW), model)[
        "band"
    ] == {"id": "developing", "label": "Developing", "kind": "band"}


def test_all_dont_know_is_insufficient():
    result = run(phase_answers(2, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW))
    assert result["complete"] is True
    assert result["insufficient"] is True
    assert result["band"] is None
    assert result["overall"] is None
    assert dims(result) == dict.fromkeys(DIMENSIONS)
    assert result["unknown"] == ["passion", "influence", "rollout", "resourcing"]
    assert result["unscored"] == 4
    assert (result["gaps"], result["weakest"], result["recommendations"]) == ([], None, [])
    assert (result["answered"], result["total"], result["missing"]) == (5, 5, [])


def test_one_dimension_all_dont_know_is_not_insufficient():
    # Qualities has no score; infancy 3/4 = 75 is the overall; one scored dimension only.
    result = run(phase_answers(0, DONT_KNOW, DONT_KNOW, YES, PARTLY))
    assert result["insufficient"] is False
    assert result["overall"] == 75.0
    assert dims(result) == {"qualities": None, "infancy": 75.0, "design": None,
                            "implementation": None}  # fmt: skip
    assert result["band"] == {"id": "ready", "label": "Ready", "kind": "band"}
    assert result["weakest"] is None
    assert result["unknown"] == ["passion", "influence"]
    assert recs(result) == ["infancy-case"]


def test_incomplete_form_has_no_result_even_when_a_rule_would_hold():
    result = run({"phase": 1, "passion": NO, "influence": YES, "blueprint": YES})
    assert result["missing"] == ["metrics"]
    assert result["complete"] is False
    assert result["band"] is None
    assert result["overall"] == 66.7  # 4/6
    assert result["gaps"] == ["passion"]
    assert result["weakest"] == "qualities"  # 50 < design 100
    assert result["recommendations"] == []


def test_gaps_are_shown_scored_items_below_the_top_in_question_order():
    # Given out of order; vision at the top and case unknown are not gaps; the hidden
    # rollout (partly) is not either.
    result = run({"case": DONT_KNOW, "vision": YES, "influence": PARTLY, "passion": NO,
                  "phase": 0, "rollout": PARTLY})  # fmt: skip
    assert result["gaps"] == ["passion", "influence"]
    assert result["unknown"] == ["case"]
    assert result["overall"] == 50.0  # 0 + 1 + 2 over 3
    assert result["band"] == ANY_NO


# -- rules with dimension and overall tests ------------------------------------------------

RULE_HEAD = "rules:\n  - id: {id}\n    label: {label}\n    text: {label}.\n    when: {when}\n"


def rule(rid: str, when: str, label: str = "Rule") -> str:
    return RULE_HEAD.format(id=rid, label=label, when=when).removeprefix("rules:\n")


WEAK_QUALITIES_RULE = rule("weak-qualities", "{dimension_below: {qualities: 75}}", "Work on it")
DIMENSION_BELOW = load(with_rules("rules:\n" + WEAK_QUALITIES_RULE))
WEAK_QUALITIES = {"id": "weak-qualities", "label": "Work on it", "kind": "rule"}


@pytest.mark.parametrize(
    "given_answers, overall, band",
    [
        # qualities 50 < 75: the rule, though 6/8 = 75 is the ready band.
        (phase_answers(1, PARTLY, PARTLY, YES, YES), 75.0, WEAK_QUALITIES),
        # qualities 0: the rule (this variant has no any-no).
        (phase_answers(1, NO, NO, YES, YES), 50.0, WEAK_QUALITIES),
        # qualities exactly 75 is not below 75: the band.
        (phase_answers(1, YES, PARTLY, YES, YES), 87.5,
         {"id": "ready", "label": "Ready", "kind": "band"}),
        # qualities without a score (all don't know) is not below anything.
        (phase_answers(1, DONT_KNOW, DONT_KNOW, PARTLY, PARTLY), 50.0,
         {"id": "developing", "label": "Developing", "kind": "band"}),
    ],
)  # fmt: skip
def test_dimension_below_rule(given_answers, overall, band):
    result = run(given_answers, DIMENSION_BELOW)
    assert result["overall"] == overall
    assert result["band"] == band


def test_dimension_below_on_a_hidden_dimension_never_holds():
    model = load(with_rules("rules:\n" + rule("weak-design", "{dimension_below: {design: 60}}")))
    # Phase 0: design is hidden (no score), so the rule cannot hold.
    hidden = run(phase_answers(0, PARTLY, PARTLY, PARTLY, PARTLY, blueprint=NO), model)
    assert hidden["band"] == {"id": "developing", "label": "Developing", "kind": "band"}
    # Phase 1 with design at 50 < 60: it holds.
    shown = run(phase_answers(1, YES, YES, PARTLY, PARTLY), model)
    assert shown["overall"] == 75.0
    assert shown["band"] == {"id": "weak-design", "label": "Rule", "kind": "rule"}


OVERALL_RULES = load(
    with_rules(
        "rules:\n"
        + rule("stalled", "{overall_below: 62.5}", "Stalled")
        + rule("exemplary", "{overall_at_least: 87.5}", "Exemplary")
    )
)


@pytest.mark.parametrize(
    "given_answers, overall, band",
    [
        (phase_answers(0, NO, NO, NO, NO), 0.0, ("stalled", "Stalled", "rule")),
        (phase_answers(0, PARTLY, PARTLY, PARTLY, PARTLY), 50.0, ("stalled", "Stalled", "rule")),
        # 62.5 is not below 62.5.
        (phase_answers(0, PARTLY, PARTLY, PARTLY, YES), 62.5, ("developing", "Developing", "band")),
        (phase_answers(0, YES, YES, PARTLY, PARTLY), 75.0, ("ready", "Ready", "band")),
        # 5/6 = 83.3 with one don't know: ready, short of exemplary.
        (phase_answers(0, YES, YES, PARTLY, DONT_KNOW), 83.3, ("ready", "Ready", "band")),
        # 87.5 is at least 87.5.
        (phase_answers(0, YES, YES, PARTLY, YES), 87.5, ("exemplary", "Exemplary", "rule")),
        (phase_answers(0, YES, YES, YES, YES), 100.0, ("exemplary", "Exemplary", "rule")),
    ],
)  # fmt: skip
def test_overall_below_and_overall_at_least_rules(given_answers, overall, band):
    result = run(given_answers, OVERALL_RULES)
    assert result["overall"] == overall
    assert result["band"] == dict(zip(("id", "label", "kind"), band, strict=True))


def test_every_test_of_a_rule_must_hold():
    when = "{dimension_below: {qualities: 100}, overall_at_least: 75}"
    model = load(with_rules("rules:\n" + rule("close", when, "Close")))
    close = {"id": "close", "label": "Close", "kind": "rule"}
    # qualities 75 < 100 and overall 87.5 >= 75.
    assert run(phase_answers(1, YES, PARTLY, YES, YES), model)["band"] == close
    # qualities 50 < 100 and overall exactly 75.
    assert run(phase_answers(1, PARTLY, PARTLY, YES, YES), model)["band"] == close
    # qualities 50 but overall 62.5: the band.
    assert run(phase_answers(1, PARTLY, PARTLY, PARTLY, YES), model)["band"]["id"] == "developing"
    # overall 87.5 but qualities 100 is not below 100: the band.
    assert run(phase_answers(1, YES, YES, PARTLY, YES), model)["band"]["id"] == "ready"


def test_the_first_rule_that_holds_wins():
    no_first = load(with_rules("rules:\n" + rule("any-no", "{any_item: 0}")
                               + rule("stalled", "{overall_below: 60}")))  # fmt: skip
    stalled_first = load(with_rules("rules:\n" + rule("stalled", "{overall_below: 60}")
                                    + rule("any-no", "{any_item: 0}")))  # fmt: skip
    all_no = phase_answers(2, NO, NO, NO, NO)
    assert run(all_no, no_first)["band"]["id"] == "any-no"
    assert run(all_no, stalled_first)["band"]["id"] == "stalled"


# -- chained show_if -----------------------------------------------------------------------

CHAINED = load(
    edit(
        (
            "    text: I have secured the people and budget.\n",
            "    text: I have secured the people and budget.\n"
            "  - id: blueprint-help\n"
            "    dimension: qualities\n"
            "    scale: ynd\n"
            "    show_if: {question: blueprint, in: [0, 1]}\n"
            "    text: I know whom to ask about the blueprint.\n"
            "  - id: help-used\n"
            "    dimension: qualities\n"
            "    scale: ynd\n"
            "    show_if: {question: blueprint-help, equals: 2}\n"
            "    text: I have asked them.\n",
        )
    )
)


def test_chained_show_if_before_anything_is_answered():
    result = run({}, CHAINED)
    assert result["hidden"] == ["vision", "case", "blueprint", "metrics", "rollout",
                                "resourcing", "blueprint-help", "help-used"]  # fmt: skip
    assert result["total"] == 3


def test_chained_show_if_follows_the_answers():
    # Blueprint partly: blueprint-help shows; help-used waits for blueprint-help = yes.
    result = run({"phase": 1, "blueprint": PARTLY}, CHAINED)
    assert result["hidden"] == ["vision", "case", "rollout", "resourcing", "help-used"]
    assert result["missing"] == ["passion", "influence", "metrics", "blueprint-help"]
    result = run({"phase": 1, "blueprint": PARTLY, "blueprint-help": YES}, CHAINED)
    assert result["hidden"] == ["vision", "case", "rollout", "resourcing"]
    assert result["total"] == 7
    # Blueprint yes: blueprint-help hides, and so does help-used, though answered yes.
    result = run({"phase": 1, "blueprint": YES, "blueprint-help": YES}, CHAINED)
    assert result["hidden"] == ["vision", "case", "rollout", "resourcing", "blueprint-help",
                                "help-used"]  # fmt: skip


def test_chained_show_if_hides_what_hangs_on_a_hidden_question():
    # Phase 2 hides blueprint; its stale "no" must not show blueprint-help, nor
    # blueprint-help's stale yes show help-used. Scores ignore all three.
    given_answers = {
        **phase_answers(2, YES, YES, YES, YES),
        "blueprint": NO,
        "blueprint-help": YES,
        "help-used": NO,
    }
    result = run(given_answers, CHAINED)
    assert result["hidden"] == ["vision", "case", "blueprint", "metrics", "blueprint-help",
                                "help-used"]  # fmt: skip
    assert (result["answered"], result["total"], result["missing"]) == (5, 5, [])
    assert result["overall"] == 100.0
    assert result["dimensions"][0]["total"] == 2
    assert result["band"] == ALL_YES


# -- validation: exact file:line: path: message ---------------------------------------------

PASSION_TEXT = "    text: I am passionate about our customers.\n"
DESIGN_IF = "show_if: {question: phase, equals: 1}"
BEFORE_DESIGN = "phase, passion, influence, vision, case"
DIMENSION_IDS = "qualities, infancy, design, implementation"
WHEN_FIELDS = (
    "all_items, any_dimension_below, any_item, any_item_at_most, count, dimension_below, "
    "overall_at_least, overall_below, unknown_at_least"
)


def after_passion_text(line: str) -> str:
    """DEFINITION with one line added after passion's text (it becomes line 52)."""
    return edit((PASSION_TEXT, PASSION_TEXT + line + "\n"))


CASES = {
    "question show_if naming an unknown question": (
        after_passion_text("    show_if: {question: phsae, equals: 1}"),
        [f"{NAME}:52: questions[1].show_if.question: "
         "unknown question 'phsae' (questions before this one: phase)"],
    ),
    "question show_if naming a later question": (
        after_passion_text("    show_if: {question: influence, equals: 2}"),
        [f"{NAME}:52: questions[1].show_if.question: "
         "unknown question 'influence' (questions before this one: phase)"],
    ),
    "question show_if naming itself": (
        after_passion_text("    show_if: {question: passion, equals: 2}"),
        [f"{NAME}:52: questions[1].show_if.question: "
         "unknown question 'passion' (questions before this one: phase)"],
    ),
    "dimension show_if naming an unknown question": (
        edit((DESIGN_IF, "show_if: {question: phasee, equals: 1}")),
        [f"{NAME}:39: dimensions[2].show_if.question: unknown question 'phasee' "
         f"(questions before this dimension's questions: {BEFORE_DESIGN})"],
    ),
    "dimension show_if naming a question of its own": (
        edit((DESIGN_IF, "show_if: {question: blueprint, equals: 1}")),
        [f"{NAME}:39: dimensions[2].show_if.question: unknown question 'blueprint' "
         f"(questions before this dimension's questions: {BEFORE_DESIGN})"],
    ),
    "show_if with both equals and in": (
        edit((DESIGN_IF, "show_if: {question: phase, equals: 1, in: [1]}")),
        [f"{NAME}:39: dimensions[2].show_if: give exactly one of equals: VALUE or in: [VALUES]"],
    ),
    "show_if with neither equals nor in": (
        edit((DESIGN_IF, "show_if: {question: phase}")),
        [f"{NAME}:39: dimensions[2].show_if: give exactly one of equals: VALUE or in: [VALUES]"],
    ),
    "show_if with a misspelt key": (
        edit((DESIGN_IF, "show_if: {question: phase, equal: 1}")),
        [
            f"{NAME}:39: dimensions[2].show_if.equal: "
            "unknown field (allowed: equals, in, question)",
            f"{NAME}:39: dimensions[2].show_if: give exactly one of equals: VALUE or in: [VALUES]",
        ],
    ),
    "show_if value not an option of the route question": (
        edit((DESIGN_IF, "show_if: {question: phase, equals: 3}")),
        [f"{NAME}:39: dimensions[2].show_if.equals: "
         "3 is not an option of question 'phase' (options: 0, 1, 2)"],
    ),
    "show_if in-list with one value not an option": (
        edit((DESIGN_IF, "show_if: {question: phase, in: [1, 5]}")),
        [f"{NAME}:39: dimensions[2].show_if.in: "
         "5 is not an option of question 'phase' (options: 0, 1, 2)"],
    ),
    "question show_if value not an option of a scored question": (
        after_passion_text("    show_if: {question: phase, in: [0, 3]}").replace(
            "    text: I have the influence to remove obstacles.\n",
            "    text: I have the influence to remove obstacles.\n"
            "    show_if: {question: passion, equals: 3}\n",
        ),
        [
            f"{NAME}:52: questions[1].show_if.in: "
            "3 is not an option of question 'phase' (options: 0, 1, 2)",
            f"{NAME}:58: questions[2].show_if.equals: "
            "3 is not an option of question 'passion' (options: 2, 1, 0, -1)",
        ],
    ),
    "show_if with an empty in-list": (
        edit((DESIGN_IF, "show_if: {question: phase, in: []}")),
        [f"{NAME}:39: dimensions[2].show_if.in: expected a non-empty list of option values"],
    ),
    "show_if value as text": (
        edit((DESIGN_IF, "show_if: {question: phase, equals: '1'}")),
        [f"{NAME}:39: dimensions[2].show_if.equals: "
         "expected option values (whole numbers), got text '1'"],
    ),
    "route question with a dimension": (
        edit(("    type: route\n", "    type: route\n    dimension: qualities\n")),
        [f"{NAME}:46: questions[0].dimension: a route question is not scored: remove dimension"],
    ),
    "unknown question type": (
        after_passion_text("    type: choice"),
        [f"{NAME}:52: questions[1].type: unknown type 'choice' (types: scale, route)"],
    ),
    "rule with an unknown dimension in dimension_below": (
        edit(("when: {all_items: 2}", "when: {dimension_below: {desing: 50}}")),
        [f"{NAME}:85: rules[0].when.dimension_below.desing: "
         f"unknown dimension 'desing' (defined: {DIMENSION_IDS})"],
    ),
    "rule with a dimension_below limit as text": (
        edit(("when: {all_items: 2}", "when: {dimension_below: {design: high}}")),
        [f"{NAME}:85: rules[0].when.dimension_below.design: "
         "expected a score from 0 to 100, got text 'high'"],
    ),
    "rule without when": (
        edit(("    when: {any_item: 0}\n", "")),
        [f"{NAME}:86: rules[1].when: "
         "required conditions are missing (the bands cover the other cases)"],
    ),
    "rule with an empty when": (
        edit(("when: {any_item: 0}", "when: {}")),
        [f"{NAME}:89: rules[1].when: expected at least one condition"],
    ),
    "rule with a blank when": (
        edit(("when: {any_item: 0}", "when:")),
        [f"{NAME}:89: rules[1].when: expected a mapping of fields, got nothing"],
    ),
    "rule all_items value no scored scale has": (
        edit(("when: {all_items: 2}", "when: {all_items: 3}")),
        [f"{NAME}:85: rules[0].when.all_items: "
         "3 is not an option of a scored question (values: -1, 0, 1, 2)"],
    ),
    "rule any_item as text": (
        edit(("when: {any_item: 0}", "when: {any_item: 'no'}")),
        [f"{NAME}:89: rules[1].when.any_item: expected a whole number, got text 'no'"],
    ),
    "rule with a misspelt condition": (
        edit(("when: {all_items: 2}", "when: {all_item: 2}")),
        [f"{NAME}:85: rules[0].when.all_item: unknown field (allowed: {WHEN_FIELDS})"],
    ),
    "rule with an unknown field": (
        edit(("when: {all_items: 2}\n", "when: {all_items: 2}\n    priority: 1\n")),
        [f"{NAME}:86: rules[0].priority: unknown field (allowed: id, label, text, when)"],
    ),
    "rule id equal to a band id": (
        edit(("  - id: any-no\n", "  - id: ready\n")),
        [f"{NAME}:101: bands[2].id: duplicate result id (rules and bands share ids) 'ready'"],
    ),
    "two rules with one id": (
        edit(("  - id: any-no\n", "  - id: all-yes\n")),
        [f"{NAME}:86: rules[1].id: duplicate result id (rules and bands share ids) 'all-yes'"],
    ),
    "unknown report section": (
        edit(("  weakest: Your weakest area\n",
              "  weakest: Your weakest area\n  summary: In short\n")),
        [f"{NAME}:110: report.summary: unknown field (allowed: gaps, unknown, weakest)"],
    ),
    "blank report heading": (
        edit(("  gaps: Where to grow\n", "  gaps: ''\n")),
        [f"{NAME}:107: report.gaps: expected non-empty text, got text ''"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_broken_definition(text, expected):
    assert errors_of(text) == expected


def test_question_show_if_on_an_earlier_question_is_valid():
    model = load(after_passion_text("    show_if: {question: phase, in: [1, 2]}"))
    condition = model.question("passion").show_if
    assert (condition.question, condition.values) == ("phase", (1, 2))
    assert run({"phase": 0}, model)["hidden"] == [
        "passion",
        "blueprint",
        "metrics",
        "rollout",
        "resourcing",
    ]


# -- known bugs ------------------------------------------------------------------------------

PHASE_QUESTION = (
    "  - id: phase\n    type: route\n    scale: phase\n    text: Which phase is the programme in?\n"
)
PHASE_LAST = edit(
    (PHASE_QUESTION, ""),
    ("rules:\n", PHASE_QUESTION + "rules:\n"),
)


def test_dimension_show_if_naming_a_later_question_is_rejected():
    # Conditions are decided in question order: a later answer could never show it.
    with pytest.raises(LoadFailed) as exc:
        load(PHASE_LAST)
    messages = [str(e) for e in exc.value.errors]
    assert len(messages) == 3
    assert all("show_if.question: unknown question 'phase'" in m for m in messages)
    assert all("(questions before this dimension's questions:" in m for m in messages)


# -- properties ----------------------------------------------------------------------------

SETTINGS = settings(max_examples=200, deadline=None)
# Any subset of the questions answered, hidden ones included; None is "unanswered" too.
any_answers = st.fixed_dictionaries(
    {},
    optional={
        "phase": st.sampled_from([None, 0, 1, 2]),
        **{q: st.sampled_from([None, YES, PARTLY, NO, DONT_KNOW]) for q in ITEMS},
    },
)
# Every question answered, hidden ones included: complete whatever the phase.
complete_answers = st.fixed_dictionaries(
    {
        "phase": st.sampled_from([0, 1, 2]),
        **{q: st.sampled_from([YES, PARTLY, NO, DONT_KNOW]) for q in ITEMS},
    }
)


def expected_shown(answers: dict) -> list[str]:
    """Independent oracle: the route, qualities, and the chosen phase's items."""
    phase = answers.get("phase")
    chosen = PHASE_ITEMS.get(phase, [])
    return [q for q in QUESTIONS if q in ["phase", *QUALITIES, *chosen]]


def in_range(value: float | None) -> bool:
    return value is None or 0.0 <= value <= 100.0


@SETTINGS
@given(any_answers)
def test_scores_in_range_and_hidden_and_shown_partition_the_questions(given_answers):
    result = run(given_answers)
    assert in_range(result["overall"])
    assert all(in_range(d["score"]) for d in result["dimensions"])
    shown = expected_shown(given_answers)
    assert result["hidden"] == [q for q in QUESTIONS if q not in shown]
    assert len(result["hidden"]) + result["total"] == len(QUESTIONS)
    assert result["total"] == len(shown)
    # The route question is shown but in no dimension.
    assert sum(d["total"] for d in result["dimensions"]) == len(shown) - 1
    answered = [q for q in shown if given_answers.get(q) is not None]
    assert result["answered"] == len(answered)
    assert result["missing"] == [q for q in shown if q not in answered]
    for key in ("missing", "unknown", "gaps"):
        assert not set(result[key]) & set(result["hidden"]), key
    assert result["unknown"] == [q for q in answered if given_answers[q] == DONT_KNOW]
    assert result["gaps"] == [
        q for q in answered if q != "phase" and given_answers[q] in (PARTLY, NO)
    ]
    scored = [given_answers[q] for q in answered if q != "phase" and given_answers[q] >= 0]
    if scored:
        exact = 100 * sum(scored) / (2 * len(scored))
        assert abs(result["overall"] - exact) <= 0.05 + 1e-9
    else:
        assert result["overall"] is None


@SETTINGS
@given(any_answers)
def test_answers_to_hidden_questions_change_nothing(given_answers):
    result = run(given_answers)
    visible_only = {q: v for q, v in given_answers.items() if q not in result["hidden"]}
    assert run(visible_only) == result


@SETTINGS
@given(complete_answers)
def test_a_complete_answer_set_gets_exactly_one_result_unless_insufficient(given_answers):
    result = run(given_answers)
    assert result["complete"] is True
    scored = [given_answers[q] for q in expected_shown(given_answers)[1:]]
    scored = [v for v in scored if v != DONT_KNOW]
    assert result["insufficient"] is (scored == [])
    if result["insufficient"]:
        assert result["band"] is None
        assert result["overall"] is None
        return
    items = [given_answers[q] for q in expected_shown(given_answers)[1:]]
    band = result["band"]
    assert band is not None
    if all(v == YES for v in items):  # a don't know keeps all-yes from holding
        assert band == ALL_YES
    elif NO in items:
        assert band == ANY_NO
    else:
        overall = result["overall"]
        containing = [b for b, lo, hi in BANDS if lo <= overall < hi or hi == 100 == overall]
        assert len(containing) == 1
        assert band == {"id": containing[0], "label": BAND_LABELS[containing[0]], "kind": "band"}


def expected_chained_hidden(answers: dict) -> list[str]:
    shown = expected_shown(answers)
    if "blueprint" in shown and answers.get("blueprint") in (NO, PARTLY):
        shown.append("blueprint-help")
        if answers.get("blueprint-help") == YES:
            shown.append("help-used")
    return [q for q in [*QUESTIONS, "blueprint-help", "help-used"] if q not in shown]


@SETTINGS
@given(
    any_answers,
    st.sampled_from([None, YES, PARTLY, NO, DONT_KNOW]),
    st.sampled_from([None, YES, PARTLY, NO, DONT_KNOW]),
)
def test_chained_show_if_hides_exactly_what_hangs_on_a_hidden_answer(given_answers, helped, used):
    given_answers = {**given_answers, "blueprint-help": helped, "help-used": used}
    result = run(given_answers, CHAINED)
    assert result["hidden"] == expected_chained_hidden(given_answers)
    assert result["total"] == 11 - len(result["hidden"])
    assert in_range(result["overall"])
