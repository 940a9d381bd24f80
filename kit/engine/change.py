"""Does a change or a gap matter? The one owner of that arithmetic.

Three questions, one method:

- `compare_people(model, before, after)`: two results of ONE person (score()
  outputs of the same questionnaire and role), per dimension and overall;
- `compare_groups(model, before, after)`: two rounds of a team (lists of
  per-respondent score() outputs), per dimension and overall, with n;
- `gap(model, self_results, team_results)`: a manager's self-view against the
  team's view (lists of score() outputs), per dimension and overall.

Team views and opened rounds (kit.engine.aggregate output) are compared by
kit.engine.change_views, which also adds per-question rows. `handle(request)`
is the op "change" of kit.engine.api (actions "people", "groups", "gap").

Method (Jacobson and Truax's reliable change index, 1991): a difference d
between two figures matters when it is larger than 1.96 standard errors of the
difference, SE = sqrt(SE_1^2 + SE_2^2); by chance alone that happens about one
time in twenty. The standard error of a figure is sd / sqrt(n) (Welch's
standard error of a difference of two means; n = 1 for one person), where:

- answer noise: answering the same question twice, people mostly land on the
  same option or the next one. The kit assumes the noise of one answer is half
  a step of its scale (ANSWER_NOISE_STEPS; 12.5 points on a five-point scale).
  A score that averages m answers with weights w carries
  noise = step_noise * sqrt(sum w^2) / sum w (step_noise / sqrt(m) for equal
  weights), so more answers make a smaller threshold;
- one person: sd is that answer noise;
- a group: sd is the spread of the respondents' scores (sample standard
  deviation), never less than the answer noise (the spread between people
  includes each person's noise), so more respondents make a smaller threshold.

Too few answers: a person's dimension needs MIN_ANSWERS scored answers in
each result, a group MIN_RESPONDENTS respondents on each side; otherwise the
row says "too_few" and is never called reliable. "Don't know" answers, hidden
and unanswered questions are not data: they count neither in a score nor in n.

A row: {"id", "label", "before", "after", "change", "threshold", "index",
"reliable": bool, "status": "reliable" | "noise" | "too_few" | "missing",
"direction": "better" | "worse" | "same"} (groups add "n_before",
"n_after"; a gap row has "self", "team", "gap", "threshold", "index",
"matters", "status", "direction": "above" | "below" | "same", "n_self",
"n_team"). "change" is after - before and "gap" self - team, each rounded to
one decimal as shown; "threshold" is 1.96 x SE rounded to one decimal;
reliable (or matters) means |change| > threshold as shown, so the page's
numbers agree with its verdict. "index" is change / SE (two decimals).
Higher scores are better in every instrument (reversed items are flipped by
scoring), so a positive change is "better".

Like the rest of the engine: pure standard library, no I/O.
"""

import math
from typing import Any

from .errors import InputError
from .model import Questionnaire

Z = 1.96  # two-sided 95 %: one time in twenty by chance alone
ANSWER_NOISE_STEPS = 0.5  # the noise of one answer, in steps of its scale
MIN_ANSWERS = 2  # scored answers a person's dimension needs in each result
MIN_RESPONDENTS = 5  # respondents a group figure needs on each side

METHOD_PEOPLE = (
    "A change counts as reliable when it is larger than 1.96 times the standard error "
    "of the difference; one answer is assumed to vary by half a scale step when given "
    "again, so the threshold shrinks as a dimension has more answers."
)
METHOD_GROUPS = (
    "A change counts as reliable when it is larger than 1.96 times the standard error "
    "of the difference of the two means (Welch): the spread of the answers divided by "
    "the square root of the number of respondents, so the threshold shrinks as more "
    "people answer."
)
METHOD_GAP = (
    "A gap is large enough to act on when it is larger than 1.96 times the standard "
    "error of the difference between the self-view and the team's mean; the threshold "
    "shrinks as more people answer."
)
TOO_FEW_PERSON = f"fewer than {MIN_ANSWERS} scored answers in one of the results: too few to tell"
TOO_FEW_GROUP = f"fewer than {MIN_RESPONDENTS} respondents on one side: too few to tell"
TOO_FEW_GAP = (
    f"fewer than {MIN_RESPONDENTS} team respondents, or fewer than {MIN_ANSWERS} scored "
    "answers in the self-view: too few to tell"
)
MISSING = "no score on one side"


class Stat:
    """A figure with its spread: n values (people), their mean, sample sd (None
    below 2), the answer noise of one value, and `count`, what the minimum is
    checked on (respondents for a group, scored answers for one person)."""

    __slots__ = ("n", "mean", "sd", "noise", "count")

    def __init__(self, n, mean, sd, noise, count=None):
        self.n, self.mean, self.sd, self.noise = n, mean, sd, noise
        self.count = n if count is None else count

    def se(self) -> float:
        sd = max(self.sd or 0.0, self.noise)
        return sd / math.sqrt(self.n)


def of_values(values: list[float], noises: list[float]) -> Stat:
    """The Stat of values, each with its answer noise (root mean square of the noises)."""
    n = len(values)
    if not n:
        return Stat(0, None, None, 0.0)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
    noise = math.sqrt(sum(x * x for x in noises) / n)
    return Stat(n, mean, sd, noise)


# --- answer noise ---------------------------------------------------------------------


def item_noise(model: Questionnaire, question) -> float:
    """The noise of one answer to a question, in score points (0-100)."""
    scale = model.scales[question.scale]
    span = scale.high - scale.low
    return 100 * ANSWER_NOISE_STEPS / span if span else 0.0


def mean_noise(model: Questionnaire, questions) -> float:
    """The noise of a weighted mean of answers to these questions."""
    weights = [q.weight for q in questions]
    total = sum(weights)
    if not total:
        return 0.0
    squares = sum((w * item_noise(model, q)) ** 2 for w, q in zip(weights, questions, strict=True))
    return math.sqrt(squares) / total


def scored_questions(model: Questionnaire, result: dict, dimension: str | None) -> list:
    """The questions a score() result scored: shown, answered, not "don't know"
    (all dimensions for None)."""
    left_out = {*result.get("hidden", ()), *result.get("missing", ()), *result.get("unknown", ())}
    return [
        q
        for q in model.questions
        if q.scored and q.id not in left_out and (dimension is None or q.dimension == dimension)
    ]


# --- rows -------------------------------------------------------------------------------


def _r1(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def judge(a: Stat, b: Stat, minimum: tuple[int, int], too_few: str) -> dict:
    """The verdict on b - a: change, threshold, index and status."""
    if a.mean is None or b.mean is None:
        return {"change": None, "threshold": None, "index": None, "status": "missing",
                "reliable": False, "note": MISSING}  # fmt: skip
    change = _r1(b.mean) - _r1(a.mean)
    change = round(change, 1)
    se = math.sqrt(a.se() ** 2 + b.se() ** 2)
    threshold = round(Z * se, 1)
    index = round(change / se, 2) if se else None
    if a.count < minimum[0] or b.count < minimum[1]:
        status, note = "too_few", too_few
    elif abs(change) > threshold:
        status, note = "reliable", None
    else:
        status, note = "noise", None
    return {"change": change, "threshold": threshold, "index": index, "status": status,
            "reliable": status == "reliable", "note": note}  # fmt: skip


def direction(change: float | None, words=("better", "worse", "same")) -> str:
    if not change:
        return words[2]
    return words[0] if change > 0 else words[1]


def change_row(id_: str | None, label: str, a: Stat, b: Stat, *, people: bool) -> dict:
    minimum, too_few = (MIN_ANSWERS, TOO_FEW_PERSON) if people else (MIN_RESPONDENTS, TOO_FEW_GROUP)
    verdict = judge(a, b, (minimum, minimum), too_few)
    row = {"id": id_, "label": label, "before": _r1(a.mean), "after": _r1(b.mean), **verdict}
    row["direction"] = direction(row["change"])
    if not people:
        row["n_before"], row["n_after"] = a.n, b.n
    return row


def gap_row(id_: str | None, label: str, self_: Stat, team: Stat) -> dict:
    """self - team; the team needs MIN_RESPONDENTS, a single self-view MIN_ANSWERS answers."""
    self_min = MIN_ANSWERS if self_.n == 1 else 1
    verdict = judge(team, self_, (MIN_RESPONDENTS, self_min), TOO_FEW_GAP)
    return {
        "id": id_,
        "label": label,
        "self": _r1(self_.mean),
        "team": _r1(team.mean),
        "gap": verdict["change"],
        "threshold": verdict["threshold"],
        "index": verdict["index"],
        "matters": verdict["reliable"],
        "status": verdict["status"],
        "note": verdict["note"],
        "direction": direction(verdict["change"], ("above", "below", "same")),
        "n_self": self_.n,
        "n_team": team.n,
    }


# --- from score() outputs ---------------------------------------------------------------


def _dim_score(result: dict, did: str) -> float | None:
    for d in result.get("dimensions", ()):
        if d["id"] == did and d.get("shown", True):
            return d["score"]
    return None


def _group_stat(model: Questionnaire, results: list[dict], did: str | None) -> Stat:
    """A group's Stat for one dimension (None: overall) from complete score() outputs."""
    values, noises = [], []
    for r in results:
        if not r.get("complete"):
            continue  # as in the team view: means need a finished form
        value = r.get("overall") if did is None else _dim_score(r, did)
        if value is None:
            continue
        values.append(value)
        noises.append(mean_noise(model, scored_questions(model, r, did)))
    return of_values(values, noises)


def _person_stat(model: Questionnaire, result: dict, did: str | None) -> Stat:
    """One result as a Stat of one person; MIN_ANSWERS applies to its scored answers."""
    value = result.get("overall") if did is None else _dim_score(result, did)
    questions = scored_questions(model, result, did)
    return Stat(1, value, None, mean_noise(model, questions), count=len(questions))


def _check_results(model: Questionnaire, results: Any, what: str) -> list[dict]:
    if isinstance(results, dict):
        results = [results]
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise InputError(f"'{what}' must be a score result or a list of them")
    for r in results:
        if r.get("questionnaire") != model.id or r.get("version") != model.version:
            raise InputError(
                f"'{what}': a result for {r.get('questionnaire')!r} version {r.get('version')!r}"
                f" cannot be compared on '{model.id}' version {model.version}"
            )
    return results


def _rows(model: Questionnaire, make) -> tuple[dict, list[dict]]:
    return make(None, "Overall"), [make(d.id, d.title) for d in model.dimensions]


def compare_people(model: Questionnaire, before: dict, after: dict) -> dict:
    """Two results of one person: per dimension and overall (see the module doc)."""
    (b,) = _check_results(model, before, "before")
    (a,) = _check_results(model, after, "after")
    if b.get("role") != a.get("role"):
        raise InputError(
            f"the two results are for different roles ({b.get('role')!r}, {a.get('role')!r}): "
            "compare results of the same role"
        )

    def make(did, label):
        return change_row(did, label, _person_stat(model, b, did), _person_stat(model, a, did),
                          people=True)  # fmt: skip

    overall, dims = _rows(model, make)
    return {"method": METHOD_PEOPLE, "minimum": MIN_ANSWERS, "overall": overall, "dimensions": dims}


def compare_groups(model: Questionnaire, before: list[dict], after: list[dict]) -> dict:
    """Two rounds of a team: per dimension and overall, with n (see the module doc).

    score() outputs carry no answers, so per-question rows come from team views
    (kit.engine.change_views.compare_views)."""
    b = _check_results(model, before, "before")
    a = _check_results(model, after, "after")

    def make(did, label):
        return change_row(did, label, _group_stat(model, b, did), _group_stat(model, a, did),
                          people=False)  # fmt: skip

    overall, dims = _rows(model, make)
    return {"method": METHOD_GROUPS, "minimum": MIN_RESPONDENTS, "overall": overall,
            "dimensions": dims, "items": [], "n_before": len(b), "n_after": len(a)}  # fmt: skip


def gap(model: Questionnaire, self_results: list[dict], team_results: list[dict]) -> dict:
    """A manager's (or managers') self-view against the team's: per dimension and overall."""
    s = _check_results(model, self_results, "self")
    t = _check_results(model, team_results, "team")

    def make(did, label):
        self_stat = _group_stat(model, s, did)
        if self_stat.n == 1:  # one self-view: MIN_ANSWERS applies to its answers
            one = next(r for r in s if _group_stat(model, [r], did).n)
            self_stat = _person_stat(model, one, did)
        return gap_row(did, label, self_stat, _group_stat(model, t, did))

    overall, dims = _rows(model, make)
    return {
        "method": METHOD_GAP,
        "minimum": MIN_RESPONDENTS,
        "overall": overall,
        "dimensions": dims,
    }


def handle(request: dict) -> dict:
    """The op "change": see kit.engine.change_ops."""
    from .change_ops import handle as _handle

    return _handle(request)
