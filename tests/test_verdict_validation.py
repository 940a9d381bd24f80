"""Validation of rules, floors, per-role texts and checklists (issue 16).

Each case changes the small valid verdict-floor or verdict-checklist fixture
in one place and checks the exact problems, each naming the field path and the fix.
"""

import copy

import pytest

from kit.engine import DefinitionError, validate
from tests.test_verdicts import CHECK, FLOOR


def problems(base, change) -> list[str]:
    d = copy.deepcopy(base.definition)
    change(d)
    with pytest.raises(DefinitionError) as exc:
        validate(d)
    return [str(p) for p in exc.value.problems]


def rule(d, i, when, **extra):
    d["rules"][i] = {"id": d["rules"][i]["id"], "label": "L", "text": "T", "when": when, **extra}


def test_the_fixtures_are_valid():
    assert validate(FLOOR.definition).rules[2].any_item_at_most == 0
    assert validate(CHECK.definition).checklist_yes == 2


CASES = {
    "count above the questions that offer its value": (
        CHECK,
        lambda d: rule(d, 1, {"count": {"values": [0], "at_least": 5}}),
        [
            "rules[1].when.count.at_least: can never hold: only 4 scored question(s) offer 0; "
            "lower it to 4 or less"
        ],
    ),
    "count of a value nobody offers": (
        CHECK,
        lambda d: rule(d, 1, {"count": {"values": [3], "at_least": 1}}),
        [
            "rules[1].when.count.values: 3: no scored question offers this value "
            "(values: -1, 0, 1, 2)"
        ],
    ),
    "count with both bounds": (
        CHECK,
        lambda d: rule(d, 1, {"count": {"values": [0], "at_least": 1, "fewer_than": 3}}),
        ["rules[1].when.count: give exactly one of at_least: N or fewer_than: N"],
    ),
    "count that always holds": (
        CHECK,
        lambda d: rule(d, 2, {"count": [{"values": [1], "fewer_than": 5}]}),
        [
            "rules[2].when.count[0].fewer_than: always holds: there are only 4 scored questions; "
            "use at most 4 or remove this count"
        ],
    ),
    "unknown_at_least above the questions that can be unknown": (
        FLOOR,
        lambda d: rule(d, 0, {"unknown_at_least": 6}),
        [
            "rules[0].when.unknown_at_least: can never hold: only 5 scored question(s) offer an "
            "unscored answer; lower it to 5 or less"
        ],
    ),
    "any_item_at_most of an unscored value": (
        FLOOR,
        lambda d: rule(d, 2, {"any_item_at_most": 9}),
        [
            "rules[2].when.any_item_at_most: 9 is not a scored option of a scored question "
            "(values: 0, 1, 2, 3, 4)"
        ],
    ),
    "any_dimension_below 0": (
        FLOOR,
        lambda d: rule(d, 1, {"any_dimension_below": 0}),
        ["rules[1].when.any_dimension_below: can never hold: no score is below 0"],
    ),
    "overall range that is empty": (
        FLOOR,
        lambda d: rule(d, 1, {"overall_below": 50, "overall_at_least": 60}),
        ["rules[1].when: can never hold: overall_at_least 60 is not below overall_below 50"],
    ),
    "rule shadowed by an earlier, wider one": (
        FLOOR,
        lambda d: rule(d, 2, {"any_dimension_below": 5, "overall_at_least": 70}),
        [
            "rules[2].when: can never be the result: rules[1] ('collapse') comes first and "
            "holds whenever this rule does; move this rule above it or narrow its conditions"
        ],
    ),
    "count shadowed by a lower count of the same values": (
        CHECK,
        lambda d: rule(d, 2, {"count": {"values": [0], "at_least": 2}}),
        [
            "rules[2].when: can never be the result: rules[1] ('some-no') comes first and "
            "holds whenever this rule does; move this rule above it or narrow its conditions"
        ],
    ),
    "a named dimension below implies any dimension below": (
        FLOOR,
        lambda d: rule(d, 2, {"dimension_below": {"gamma": 5}, "overall_at_least": 60}),
        [
            "rules[2].when: can never be the result: rules[1] ('collapse') comes first and "
            "holds whenever this rule does; move this rule above it or narrow its conditions"
        ],
    ),
    "all_items of a value a question lacks": (
        FLOOR,
        lambda d: (
            d["scales"].update(
                two={"options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}]}
            )
            or d["questions"][4].update(scale="two")
            or rule(d, 0, {"all_items": 4})
        ),
        [
            "rules[0].when.all_items: can never hold: question(s) c1 are always shown and do "
            "not offer 4"
        ],
    ),
    "floor on the lowest band": (
        FLOOR,
        lambda d: d["bands"][0].update(weakest_at_least=10),
        [
            "bands[0].weakest_at_least: the lowest band cannot have a floor: a result whose "
            "floors all fail moves down to it, so it must always be possible; remove "
            "weakest_at_least here"
        ],
    ),
    "floor lower than a band below": (
        FLOOR,
        lambda d: d["bands"][2].update(weakest_at_least=20),
        [
            "bands[2].weakest_at_least: this band asks 20, but 'mid' below it (bands[1]) asks 25: "
            "a better result would ask less of the weakest dimension; set weakest_at_least: 25 "
            "or higher"
        ],
    ),
    "no floor above a band with one": (
        FLOOR,
        lambda d: d["bands"][2].pop("weakest_at_least"),
        [
            "bands[2].weakest_at_least: this band has no weakest_at_least, but 'mid' below it "
            "(bands[1]) asks 25: a better result would ask less of the weakest dimension; set "
            "weakest_at_least: 25 or higher"
        ],
    ),
    "floor out of range": (
        FLOOR,
        lambda d: d["bands"][1].update(weakest_at_least=120),
        ["bands[1].weakest_at_least: expected a score above 0 and at most 100, got 120"],
    ),
    "band text missing a role": (
        FLOOR,
        lambda d: d["bands"][2].update(text={"lead": "Only the lead."}),
        ["bands[2].text: missing wording for role(s) staff"],
    ),
    "recommendation for an unknown role": (
        FLOOR,
        lambda d: d["dimensions"][2]["recommendations"][0].update(roles=["boss"]),
        ["dimensions[2].recommendations[0].roles: unknown role 'boss' (defined: lead, staff)"],
    ),
    "rule text for an unknown role": (
        FLOOR,
        lambda d: d["rules"][2]["text"].update(boss="Hi"),
        ["rules[2].text.boss: unknown role 'boss' (defined: lead, staff)"],
    ),
    "advice for don't know where no question can be answered so": (
        FLOOR,
        lambda d: d["scales"]["freq"]["options"].pop(),
        [
            "dimensions[0].recommendations[0].unknown: can never be shown: no question of this "
            "dimension has an unscored option (scored: false); remove unknown: true or add such "
            "an option",
            "rules[0].when.unknown_at_least: can never hold: no scale has an unscored option "
            "(scored: false)",
        ],
    ),
    "checklist yes that a question lacks": (
        CHECK,
        lambda d: d.update(checklist={"yes": 3}),
        [
            "checklist.yes: 3 is not a scored option of question(s) s1, s2, s3, s4: every "
            "question of a checklist needs the yes answer"
        ],
    ),
    "checklist with a bare YAML yes": (
        CHECK,
        lambda d: d.update(checklist={True: 2}),
        ['checklist: write "yes" in quotes: YAML reads a bare yes as true'],
    ),
}


@pytest.mark.parametrize("base, change, expected", list(CASES.values()), ids=list(CASES))
def test_problem(base, change, expected):
    assert problems(base, change) == expected


def test_a_narrower_rule_before_a_wider_one_is_fine():
    d = copy.deepcopy(FLOOR.definition)
    rule(d, 1, {"any_dimension_below": 5, "overall_at_least": 70})
    rule(d, 2, {"any_dimension_below": 10, "overall_at_least": 50})
    assert len(validate(d).rules) == 3
