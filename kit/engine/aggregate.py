"""Team view: many results for one questionnaire, aggregated per role, with the gap.

Managers tend to rate themselves higher than their people rate them; the gap
between the two views is often the most useful finding. A facilitator collects
result files and result codes (docs/reference/result-format.md) and this module
adds them up: respondents per role, per question and per dimension the number
of answers, the mean and the distribution, and the gap between two roles
(by default the questionnaire's first two, e.g. manager minus employee).

`aggregate(model, items, ...)` does the work; `handle(request)` is the op
"aggregate" of `kit.engine.api`; `summary_csv(result)` turns a result into CSV.
Like the rest of the engine: no I/O, no clock, no randomness. The jobs live in
their own modules: reading the inputs (aggregate_read), scoring them
(aggregate_score), the statistics (aggregate_tables) and CSV (aggregate_csv).

Inputs. Each item is {"name": str, "kind": "record" | "code" | "text", "data": ...}:

- "record": a decoded result file (a dict; a list of them is read as a bundle);
- "code": a result code such as `CX1.leadership-vision.1.AJX5.7p3qoA`;
- "text": the raw text of a file: one JSON result, a JSON list of results, a
  JSON-lines bundle (one result per line) or result codes separated by spaces
  or line breaks (a code broken over two lines is joined again).

Every record is checked and scored again from its answers with the engine's
own scoring (a stored score is never trusted). Whatever cannot be used is
rejected with its name ("team.jsonl line 7") and the reason, and the rest is
still aggregated: another questionnaire or version, malformed JSON, a file that
is not a result, a damaged or tampered code, text over 5 MB (the page's limit
per file; the command line passes max_bytes=None), and a second copy of a
result (the same `response_id` as one already counted: the first is kept).

Decisions:

- Result codes carry no response id, so identical codes cannot be told apart
  from colleagues who gave the same answers: each code counts, and a repeated
  code is only flagged in `warnings` (the first 20 by name, the rest counted
  in one more warning). Duplicates are found by response id only.
- An incomplete result counts as a respondent of its role and in the statistics
  of the questions it answers, but not in dimension or overall means: those
  need a finished form, just as a single result gets no result band until it
  is complete. `incomplete` says how many there were per role.
- Anonymity: a role with fewer than `min_group` respondents is withheld as a
  whole (its number of respondents is still shown, since the facilitator knows
  it anyway, but none of its answers or scores), and no gap is computed against
  it. Within a shown role, a question, dimension or overall figure based on
  fewer than `min_group` answers is withheld too (e.g. a question shown only
  to one person by a branch), so no single person's answer is ever shown.
- Means are on the engine's 0-100 scale: a question's mean is the mean of its
  scored answers' points x 100 (reversed questions flipped, "don't know" left
  out), a dimension's or the overall mean is the mean of the respondents'
  scores as the engine reports them (one decimal). Means are round(x, 1) of the
  exact mean, as in kit.engine.scoring. A gap is the difference of the two
  means as shown (rounded to one decimal), so the numbers on a page add up.
- Distributions: per question, the count of every option of its scale in the
  scale's order (unscored options included); per dimension and overall, the
  count of scores in bands of 20 points: [0, 20), [20, 40), [40, 60), [60, 80)
  and [80, 100] (100 belongs to the top band).
"""

from typing import Any

from .aggregate_csv import _cell, summary_csv
from .aggregate_read import (
    _CODE_START,
    KINDS,
    MAX_TEXT_BYTES,
    MAX_TEXT_LABEL,
    NOT_A_RESULT,
    _entries,
    claimed_ids,
    identify,
)
from .aggregate_score import _indexed, _Reader
from .aggregate_tables import _summarise, summarise_tables
from .errors import InputError
from .model import Questionnaire
from .team_stats import MINIMUM_FLOOR

# Names other modules and tests import from here; each has its owner above.
__all__ = [
    "DEFAULT_MIN_GROUP",
    "KINDS",
    "MAX_TEXT_BYTES",
    "MAX_TEXT_LABEL",
    "NOT_A_RESULT",
    "_CODE_START",
    "_Reader",
    "_cell",
    "_entries",
    "_indexed",
    "aggregate",
    "claimed_ids",
    "handle",
    "identify",
    "summarise_tables",
    "summary_csv",
]

# The pooled team view still defaults to the floor (rounds default to 5:
# team_stats.DEFAULT_MINIMUM); its pages and tests move with the site setting.
DEFAULT_MIN_GROUP = MINIMUM_FLOOR
# Identical codes are expected in large sets (few questions, few options): name
# the first ones, then count the rest in one warning.
MAX_REPEAT_WARNINGS = 20
REPEAT_WHY = (
    "a code has no response id, so a copy cannot be told from someone who gave the same answers"
)


def _check_options(model: Questionnaire, min_group: Any, compare: Any) -> tuple:
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 1:
        raise InputError(f"min_group must be a whole number of at least 1, not {min_group!r}")
    role_ids = [r.id for r in model.roles]
    if compare is None:
        return min_group, (tuple(role_ids[:2]) if len(role_ids) >= 2 else None)
    if (
        not isinstance(compare, list | tuple)
        or len(compare) != 2
        or not all(isinstance(r, str) for r in compare)
        or compare[0] == compare[1]
    ):
        raise InputError(f"compare must name two different roles, not {compare!r}")
    for r in compare:
        if r not in role_ids:
            raise InputError(f"unknown role {r!r} in compare (roles: {', '.join(role_ids)})")
    return min_group, (compare[0], compare[1])


def aggregate(
    model: Questionnaire,
    items: Any,
    min_group: int = DEFAULT_MIN_GROUP,
    compare: tuple[str, str] | list[str] | None = None,
    max_bytes: int | None = MAX_TEXT_BYTES,
) -> dict[str, Any]:
    """Aggregate result records and codes for one questionnaire (see the module doc).

    `compare` names the two roles of the gap (first minus second); None means
    the questionnaire's first two roles. `max_bytes` is the largest text an item
    may hold (None: no limit, for the command line). Raises InputError only for
    unusable options; bad items are listed in "rejected".
    """
    k, pair = _check_options(model, min_group, compare)
    if not isinstance(items, list):
        raise InputError("items must be a list of {name, kind, data}")

    reader = _Reader(model)
    first_by_id: dict[str, str] = {}
    first_by_code: dict[str, str] = {}
    accepted: list[dict] = []
    rejected: list[dict] = []
    warnings: list[dict] = []
    repeats = 0  # codes seen before

    for index, item in enumerate(items, 1):
        count = 0
        for name, kind, payload in _entries(item, index, max_bytes):
            if kind == "reject":
                rejected.append({"name": name, "reason": payload})
                continue
            try:
                if kind == "record":
                    scored, rid, agrees = reader.record(payload)
                    if rid in first_by_id:
                        rejected.append(
                            {
                                "name": name,
                                "reason": f"the same response as {first_by_id[rid]} "
                                f"(response id {rid}): counted once",
                            }
                        )
                        continue
                    first_by_id[rid] = name
                    if not agrees:
                        warnings.append(
                            {
                                "name": name,
                                "message": "the scores written in this file do not match "
                                "its answers; the answers were scored again",
                            }
                        )
                else:
                    scored, code, rest = reader.code(payload)
                    if rest:
                        rejected.append(
                            {"name": f"{name} (after the code)", "reason": NOT_A_RESULT}
                        )
                    if code in first_by_code:
                        repeats += 1
                        if repeats <= MAX_REPEAT_WARNINGS:
                            warnings.append(
                                {
                                    "name": name,
                                    "message": f"the same code as {first_by_code[code]}: "
                                    f"counted again ({REPEAT_WHY})",
                                }
                            )
                    else:
                        first_by_code[code] = name
            except InputError as e:
                rejected.append({"name": name, "reason": str(e)})
                continue
            scored.count += 1
            count += 1
        if count:
            name = item.get("name") if isinstance(item, dict) else None
            if not isinstance(name, str) or not name.strip():
                name = f"item {index}"
            accepted.append({"name": name, "results": count})

    if repeats > MAX_REPEAT_WARNINGS:
        warnings.append(
            {
                "name": "result codes",
                "message": f"{repeats - MAX_REPEAT_WARNINGS} more code(s) repeat an earlier "
                f"code: each is counted ({REPEAT_WHY})",
            }
        )
    tally = [s for s in reader.by_answers.values() if s.count]
    result = _summarise(model, tally, k, pair, accepted, rejected, warnings)
    if result["compare"] and result["compare"]["shown"]:
        # Whether each gap is large enough to act on: kit.engine.change decides.
        from .team_gap import gap_verdicts

        verdicts = gap_verdicts(model, tally, pair)
        for row in [result["overall"], *result["dimensions"]]:
            v = verdicts.get(row.get("id") or "overall")
            if v:
                row["gap_threshold"], row["gap_status"] = v["threshold"], v["status"]
    return result


# --- the op ------------------------------------------------------------------------------------


def handle(request: dict) -> dict:
    """The op "aggregate": see the module doc and aggregate(); "format": "csv" for CSV."""
    from .cache import model as _model

    fmt = request.get("format") or "json"
    if fmt not in ("json", "csv"):
        raise InputError(f"format must be 'json' or 'csv', not {fmt!r}")
    picked = None
    offered = request.get("definitions")
    if isinstance(offered, dict) and offered:
        # The page offers several questionnaires: the items name theirs.
        from .team_pick import choose

        models = {qid: _model(d) for qid, d in offered.items()}
        titles = {qid: m.title for qid, m in models.items()}
        picked = choose(request.get("items"), titles, request.get("selected") or "")
        model = models[picked["id"]]
    else:
        model = _model(request.get("definition"))
    result = aggregate(
        model,
        request.get("items"),
        request.get("min_group", DEFAULT_MIN_GROUP),
        request.get("compare"),
    )
    if fmt == "csv":
        return {
            "csv": summary_csv(result),
            "filename": f"{model.id}-team.csv",
            "results": result["results"],
            "rejected": result["rejected"],
            "picked": picked,
        }
    result["picked"] = picked
    from .charts import gap_svg

    try:
        result["chart"] = gap_svg(result, model.title, words=request.get("chart_words"))
    except InputError:
        result["chart"] = None  # a group withheld, or nothing to compare
    return result
