"""Scoring: a validated questionnaire, a role and answers -> a result dict.

Every answer is placed on 0-1 within its scale's scored options (reversed
items flipped), weighted, and averaged; scores are reported on 0-100 with one
decimal. Questions and dimensions hidden by `show_if` are neither shown nor
scored. A partly answered form is scored over the answered items and marked
incomplete: it gets no result until every shown question is answered. A
complete form gets exactly one result: the first rule that holds, else the
score band (bands tile 0-100, which validation proves), capped by the
weakest dimension (kit.engine.verdict).
"""

from typing import Any

from .errors import AnswerError
from .model import Condition, Question, Questionnaire
from .verdict import band_for, is_scored, outcome

__all__ = ["band_for", "check_answers", "outcome", "score", "visible_questions"]


def check_answers(model: Questionnaire, role: str, answers: Any) -> dict[str, int]:
    """Reject an unknown role, unknown questions and values outside the scale."""
    if not isinstance(role, str) or model.role(role) is None:
        known = ", ".join(r.id for r in model.roles)
        raise AnswerError(f"unknown role {role!r} (roles: {known})")
    if not isinstance(answers, dict):
        raise AnswerError("answers must be a mapping of question id to option value")
    clean: dict[str, int] = {}
    for qid, value in answers.items():
        question = model.question(qid)
        if question is None:
            raise AnswerError(f"unknown question '{qid}' in answers")
        if value is None:
            continue  # explicitly unanswered
        scale = model.scales[question.scale]
        if isinstance(value, bool) or not isinstance(value, int) or scale.option(value) is None:
            options = ", ".join(str(o.value) for o in scale.options)
            raise AnswerError(
                f"question '{qid}': {value!r} is not an option of scale '{scale.id}' "
                f"(options: {options})"
            )
        clean[qid] = value
    return clean


def visible_questions(model: Questionnaire, answers: dict[str, int]) -> list[Question]:
    """The questions shown for these answers, in order.

    A condition holds only when the question it names is itself shown and
    answered with one of its values, so hiding a question hides what hangs on it.
    """
    shown: dict[str, Question] = {}

    def holds(cond: Condition | None) -> bool:
        return cond is None or (
            cond.question in shown and answers.get(cond.question) in cond.values
        )

    dims_shown = {d.id: d.show_if for d in model.dimensions}
    for q in model.questions:
        if holds(q.show_if) and (not q.dimension or holds(dims_shown.get(q.dimension))):
            shown[q.id] = q
    return list(shown.values())


def _points(model: Questionnaire, question: Question, value: int) -> float | None:
    """An answer on 0-1, or None for an unscored option such as "don't know"."""
    scale = model.scales[question.scale]
    if not question.scored or not scale.option(value).scored:
        return None
    x = (value - scale.low) / (scale.high - scale.low)
    return 1.0 - x if question.reverse else x


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for w, _ in pairs)
    if not total:
        return None
    return round(100 * sum(w * x for w, x in pairs) / total, 1)


def score(model: Questionnaire, role: str, answers: Any) -> dict[str, Any]:
    """Score answers for a role; the result is plain JSON-ready data."""
    clean = check_answers(model, role, answers)
    shown = visible_questions(model, clean)
    shown_ids = {q.id for q in shown}
    scored: dict[str, list[tuple[float, float]]] = {d.id: [] for d in model.dimensions}
    gaps, unknown, item_answers = [], [], []
    for q in shown:
        if q.id not in clean or not q.scored:
            continue
        # Rules see every item answer, "don't know" included: all_items: yes
        # must not hold when one item is unknown.
        item_answers.append((q, clean[q.id]))
        pts = _points(model, q, clean[q.id])
        if pts is None:
            unknown.append(q.id)
            continue
        scored[q.dimension].append((q.weight, pts))
        if pts < 1.0:
            gaps.append(q.id)

    dimensions = []
    for dim in model.dimensions:
        in_dim = [q for q in shown if q.dimension == dim.id]
        dimensions.append(
            {
                "id": dim.id,
                "title": dim.title,
                "shown": bool(in_dim),
                "score": _mean(scored[dim.id]),
                "answered": sum(1 for q in in_dim if q.id in clean),
                "total": len(in_dim),
            }
        )
    overall = _mean([p for pairs in scored.values() for p in pairs])
    missing = [q.id for q in shown if q.id not in clean]
    complete = not missing
    dim_scores = {d["id"]: d["score"] for d in dimensions if d["shown"]}
    result = decided_by = None
    if complete and overall is not None:
        result, decided_by = outcome(model, item_answers, dim_scores, overall)

    ranked = sorted(
        (d for d in dimensions if d["score"] is not None), key=lambda d: d["score"]
    )  # stable: ties keep definition order
    recommendations = []
    if result:
        # Weakest first; a shown dimension with no score (all "don't know")
        # still gets its always-shown advice, after the scored ones.
        unscored_dims = [d for d in dimensions if d["shown"] and d["score"] is None]
        unsure = {q.dimension for q in shown if q.id in unknown}
        for d in [*ranked, *unscored_dims]:
            for rec in model.dimension(d["id"]).recommendations:
                if _shows(rec, role, d["score"], d["id"] in unsure):
                    recommendations.append({"id": rec.id, "dimension": d["id"]})

    return {
        "questionnaire": model.id,
        "version": model.version,
        "role": role,
        "answered": sum(1 for q in shown if q.id in clean),
        "total": len(shown),
        "missing": missing,
        "hidden": [q.id for q in model.questions if q.id not in shown_ids],
        "unscored": len(unknown),
        "unknown": unknown,
        "gaps": gaps,
        "complete": complete,
        # Every shown item answered "don't know": nothing to place a result on.
        "insufficient": complete and overall is None,
        "overall": overall,
        "band": result,
        "weakest": ranked[0]["id"] if len(ranked) > 1 else None,
        "dimensions": dimensions,
        "recommendations": recommendations,
        "decided_by": decided_by,
        "tally": _tally(model, item_answers, len([q for q in shown if q.scored])),
    }


def _shows(rec, role: str, score_: float | None, unsure: bool) -> bool:
    """A recommendation is shown to its roles when its dimension scores below its
    threshold, or (`unknown: true`) when a question of it could not be answered."""
    if rec.roles and role not in rec.roles:
        return False
    if rec.unknown and unsure:
        return True
    if rec.below is None:
        return not rec.unknown
    return score_ is not None and score_ < rec.below


def _tally(model: Questionnaire, answers: list, total: int) -> dict | None:
    """A checklist's count: how many shown questions are a confirmed yes, and the rest by value."""
    if model.checklist_yes is None:
        return None
    by_value: dict[str, int] = {}
    for _, value in answers:
        by_value[str(value)] = by_value.get(str(value), 0) + 1
    return {
        "total": total,
        "yes": by_value.get(str(model.checklist_yes), 0),
        "unknown": sum(1 for q, v in answers if not is_scored(model, q, v)),
        "unanswered": total - len(answers),
        "by_value": by_value,
    }
