"""Scoring: a validated questionnaire, a role and answers -> a result dict.

Every answer is placed on 0-1 within its scale's scored options (reversed
items flipped), weighted, and averaged; scores are reported on 0-100 with one
decimal. A partly answered form is scored over the answered items and marked
incomplete: it gets no band until every question is answered.
"""

from typing import Any

from .errors import AnswerError
from .model import Band, Questionnaire


def check_answers(model: Questionnaire, role: str, answers: Any) -> dict[str, int]:
    """Reject an unknown role, unknown questions and values outside the scale."""
    if model.role(role) is None:
        known = ", ".join(r.id for r in model.roles)
        raise AnswerError(f"unknown role '{role}' (roles: {known})")
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


def _points(model: Questionnaire, qid: str, value: int) -> float | None:
    """An answer on 0-1, or None for an unscored option such as "don't know"."""
    question = model.question(qid)
    scale = model.scales[question.scale]
    if not scale.option(value).scored:
        return None
    x = (value - scale.low) / (scale.high - scale.low)
    return 1.0 - x if question.reverse else x


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for w, _ in pairs)
    if not total:
        return None
    return round(100 * sum(w * x for w, x in pairs) / total, 1)


def band_for(model: Questionnaire, value: float) -> Band:
    for band in model.bands:
        if band.min <= value < band.max:
            return band
    return max(model.bands, key=lambda b: b.max)  # 100 belongs to the top band


def score(model: Questionnaire, role: str, answers: Any) -> dict[str, Any]:
    """Score answers for a role; the result is plain JSON-ready data."""
    clean = check_answers(model, role, answers)
    scored: dict[str, list[tuple[float, float]]] = {d.id: [] for d in model.dimensions}
    unscored = 0
    for qid, value in clean.items():
        pts = _points(model, qid, value)
        if pts is None:
            unscored += 1
        else:
            scored[model.question(qid).dimension].append((model.question(qid).weight, pts))

    dimensions = []
    for dim in model.dimensions:
        total = sum(1 for q in model.questions if q.dimension == dim.id)
        answered = sum(1 for q in model.questions if q.dimension == dim.id and q.id in clean)
        dimensions.append(
            {
                "id": dim.id,
                "title": dim.title,
                "score": _mean(scored[dim.id]),
                "answered": answered,
                "total": total,
            }
        )
    overall = _mean([p for pairs in scored.values() for p in pairs])
    missing = [q.id for q in model.questions if q.id not in clean]
    complete = not missing and overall is not None
    band = band_for(model, overall) if complete else None

    recommendations = []
    if complete:
        # Weakest dimensions first, so the most useful advice leads.
        for d in sorted(dimensions, key=lambda d: (d["score"] is None, d["score"] or 0)):
            dim = next(x for x in model.dimensions if x.id == d["id"])
            for rec in dim.recommendations:
                if rec.below is None or (d["score"] is not None and d["score"] < rec.below):
                    recommendations.append({"id": rec.id, "dimension": dim.id})

    return {
        "questionnaire": model.id,
        "version": model.version,
        "role": role,
        "answered": len(clean),
        "total": len(model.questions),
        "missing": missing,
        "unscored": unscored,
        "complete": complete,
        "overall": overall,
        "band": {"id": band.id, "label": band.label} if band else None,
        "dimensions": dimensions,
        "recommendations": recommendations,
    }
