"""Whether each manager-team gap of the team view is large enough to act on.

The arithmetic is kit.engine.change.gap's (its one owner); this module only
turns the team view's scored respondents into the score()-shaped results it
reads. A result counted several times (the same code pasted twice) is passed
as often as it counts, as the team view's means do.
"""

from .change import gap
from .model import Questionnaire


def _as_result(model: Questionnaire, scored) -> dict:
    answered = set(scored.qids)
    return {
        "questionnaire": model.id,
        "version": model.version,
        "role": scored.role,
        "complete": scored.complete,
        "overall": scored.overall,
        "dimensions": [
            {"id": d, "score": s} for d, s in zip(scored.dim_ids, scored.scores, strict=True)
        ],
        "missing": [q.id for q in model.questions if q.id not in answered],
    }


def gap_verdicts(model: Questionnaire, tally: list, pair) -> dict:
    """{dimension id or "overall": change.gap's row} for the pair (self, team)."""
    self_role, team_role = pair
    groups = {self_role: [], team_role: []}
    for scored in tally:
        if scored.role in groups:
            groups[scored.role].extend([_as_result(model, scored)] * scored.count)
    rows = gap(model, groups[self_role], groups[team_role])
    return {"overall": rows["overall"], **{r["id"]: r for r in rows["dimensions"]}}
