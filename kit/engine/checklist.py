"""A group's verdict on an all-or-nothing checklist (`checklist: {yes: V}`), for the team view.

A question is a team yes only when every respondent of the group who answered
it said yes. Otherwise the team's answer is the worst scored answer given (a
"no" outweighs a "partly": somebody saw it missing), and when everyone who
did not say yes answered with an unscored option, that option: the sign
cannot be confirmed. Route questions take the group's most common answer.
The team's answer set is then scored by the engine's own scoring, so rules,
floors and bands decide it exactly as they decide one person's result.
"""

from typing import Any

from .model import Question, Questionnaire
from .scoring import score
from .verdict import as_bad_as, is_scored


def team_answer(model: Questionnaire, q: Question, counts: dict[int, int]) -> int | None:
    """The group's answer to one question from the count of each answer given."""
    given = [o.value for o in model.scales[q.scale].options if counts.get(o.value)]
    if not given:
        return None
    if not q.scored:
        return max(given, key=lambda v: counts[v])  # ties: the scale's order
    yes = model.checklist_yes
    if all(v == yes for v in given):
        return yes
    short = [v for v in given if v != yes and is_scored(model, q, v)]
    if short:
        return min(short, key=lambda v: as_bad_as(model, q, v))
    return next(v for v in given if not is_scored(model, q, v))


def team_verdict(model: Questionnaire, role: str, counts: dict[str, dict[int, int]]) -> dict:
    """The verdict for one group: its answers, result, count of yeses and what decided it."""
    answers = {}
    for q in model.questions:
        value = team_answer(model, q, counts.get(q.id, {}))
        if value is not None:
            answers[q.id] = value
    result = score(model, role, answers)
    return {
        "withheld": False,
        "answers": answers,
        "complete": result["complete"],
        "band": result["band"],
        "tally": result["tally"],
        "decided_by": result["decided_by"],
    }


def team_verdicts(model: Questionnaire, counts_by_role: dict, per_role) -> dict[str, Any] | None:
    """Per role (withheld as the team view withholds it), or None for no checklist.

    `counts_by_role[role][question id]` is {value: count}; `per_role(make)`
    is the team view's own way of withholding small groups.
    """
    if model.checklist_yes is None:
        return None
    return per_role(lambda r: team_verdict(model, r, counts_by_role[r]))
