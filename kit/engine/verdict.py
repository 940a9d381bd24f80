"""The one result of a complete answer set, and what decided it.

Rules are checked in order and the first that holds wins; otherwise the
overall score picks its band, and a band whose floor on the weakest dimension
(`weakest_at_least`) is not met gives way to the highest band below it whose
floor is met (validation proves the lowest band has none). A verdict is never
better than the weakest shown dimension allows, and the result says what
decided it (`decided_by`): a dimension, the questions a rule counted, or the
overall score.
"""

from .model import Band, Question, Questionnaire, Rule

# What the verdict sees of one answer: a shown, scored, answered question and its value.
Answer = tuple[Question, int]


def band_for(model: Questionnaire, value: float) -> Band:
    for band in model.bands:
        if band.min <= value < band.max:
            return band
    return max(model.bands, key=lambda b: b.max)  # 100 belongs to the top band


def is_scored(model: Questionnaire, q: Question, value: int) -> bool:
    option = model.scales[q.scale].option(value)
    return option is not None and option.scored


def as_bad_as(model: Questionnaire, q: Question, value: int) -> int:
    """The value on the question's scale read the usual way round: for a reversed
    question, the scored value at the same position from the other end."""
    if not q.reverse:
        return value
    values = sorted(model.scales[q.scale].scored_values)
    return values[len(values) - 1 - values.index(value)]


def _counts_best(model: Questionnaire, values: tuple[int, ...], answers: list[Answer]) -> bool:
    """Whether a count's values include a question's best answer."""
    return any(
        v in values and as_bad_as(model, q, v) == model.scales[q.scale].high
        for q, _ in answers
        for v in model.scales[q.scale].scored_values
    )


def _weakest(dims: dict[str, float | None], among=None) -> str | None:
    """The lowest-scoring dimension (ties: definition order), of `among` if given."""
    scored = [(s, d) for d, s in dims.items() if s is not None and (among is None or d in among)]
    return min(scored, key=lambda p: p[0])[1] if scored else None


def _matches(
    model: Questionnaire,
    rule: Rule,
    answers: list[Answer],
    dims: dict[str, float | None],
    overall: float,
) -> tuple[list[str], list[str]] | None:
    """None if the rule does not hold; else (question ids, dimension ids) its conditions met."""
    qids: list[str] = []
    dids: list[str] = []
    if rule.all_items is not None:
        if not all(v == rule.all_items for _, v in answers):
            return None
        qids += [q.id for q, _ in answers]
    if rule.any_item is not None:
        hit = [q.id for q, v in answers if v == rule.any_item]
        if not hit:
            return None
        qids += hit
    if rule.any_item_at_most is not None:
        limit = rule.any_item_at_most
        hit = [
            q.id for q, v in answers if is_scored(model, q, v) and as_bad_as(model, q, v) <= limit
        ]
        if not hit:
            return None
        qids += hit
    for test in rule.count:
        hit = [q.id for q, v in answers if v in test.values]
        if test.at_least is not None:
            if len(hit) < test.at_least:
                return None
            qids += hit
        else:
            if len(hit) >= test.fewer_than:
                return None
            # "Fewer than N yes" is decided by the questions that are not a yes;
            # "fewer than N short of yes" by those that are short.
            qids += (
                hit
                if not _counts_best(model, test.values, answers)
                else [q.id for q, v in answers if v not in test.values]
            )
    if rule.unknown_at_least is not None:
        hit = [q.id for q, v in answers if not is_scored(model, q, v)]
        if len(hit) < rule.unknown_at_least:
            return None
        qids += hit
    for did, limit in rule.dimension_below:
        if dims.get(did) is None or not dims[did] < limit:
            return None
        dids.append(did)
    if rule.any_dimension_below is not None:
        hit = [d for d, s in dims.items() if s is not None and s < rule.any_dimension_below]
        if not hit:
            return None
        dids += hit
    if rule.overall_below is not None and not overall < rule.overall_below:
        return None
    if rule.overall_at_least is not None and not overall >= rule.overall_at_least:
        return None
    order = {q.id: i for i, (q, _) in enumerate(answers)}
    return sorted(set(qids), key=order.__getitem__), dids


def _dimension(model: Questionnaire, did: str, dims: dict[str, float | None]) -> dict:
    return {
        "kind": "dimension",
        "dimension": did,
        "title": model.dimension(did).title,
        "score": dims[did],
    }


def outcome(
    model: Questionnaire,
    answers: list[Answer],
    dims: dict[str, float | None],
    overall: float,
) -> tuple[dict, dict]:
    """(result, decided_by) of a complete answer set.

    `answers` are the shown scored questions with their values, in order;
    `dims` the scores of the shown dimensions (None: nothing scored in it).
    """
    for rule in model.rules:
        found = _matches(model, rule, answers, dims, overall)
        if found is None:
            continue
        qids, dids = found
        result = {"id": rule.id, "label": rule.label, "kind": "rule"}
        if dids:
            return result, _dimension(model, _weakest(dims, set(dids)), dims)
        if qids:
            return result, {"kind": "items", "questions": qids}
        return result, {"kind": "overall", "score": overall}
    band = band_for(model, overall)
    weakest = _weakest(dims)
    low = dims[weakest] if weakest else None

    def floor_met(b: Band) -> bool:
        return b.weakest_at_least is None or (low is not None and low >= b.weakest_at_least)

    decided = {"kind": "overall", "score": overall}
    if not floor_met(band):
        below = sorted((b for b in model.bands if b.max <= band.min), key=lambda b: -b.min)
        band = next((b for b in below if floor_met(b)), min(model.bands, key=lambda b: b.min))
        decided = _dimension(model, weakest, dims)
    return {"id": band.id, "label": band.label, "kind": "band"}, decided
