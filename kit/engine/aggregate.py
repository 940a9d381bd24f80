"""Team view: many results for one questionnaire, aggregated per role, with the gap.

Managers tend to rate themselves higher than their people rate them; the gap
between the two views is often the most useful finding. A facilitator collects
result files and result codes (docs/reference/result-format.md) and this module
adds them up: respondents per role, per question and per dimension the number
of answers, the mean and the distribution, and the gap between two roles
(by default the questionnaire's first two, e.g. manager minus employee).

`aggregate(model, items, ...)` does the work; `handle(request)` is the op
"aggregate" of `kit.engine.api`; `summary_csv(result)` turns a result into CSV.
Like the rest of the engine: no I/O, no clock, no randomness.

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

import csv
import io
import json
import re
from typing import Any

from . import checklist, jsontext
from . import team_stats as ts
from .errors import AnswerError, InputError
from .model import Questionnaire, Scale
from .records import field_names
from .results import decode, read_record
from .scoring import score
from .team_stats import MINIMUM_FLOOR

MAX_TEXT_BYTES = 5 * 1024 * 1024  # the page's limit per file; text over it is refused
MAX_TEXT_LABEL = "5 MB"
# The pooled team view still defaults to the floor (rounds default to 5:
# team_stats.DEFAULT_MINIMUM); its pages and tests move with the site setting.
DEFAULT_MIN_GROUP = MINIMUM_FLOOR
KINDS = ("record", "code", "text")

_LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_CODE_START = "CX"
# Identical codes are expected in large sets (few questions, few options): name
# the first ones, then count the rest in one warning.
MAX_REPEAT_WARNINGS = 20
REPEAT_WHY = (
    "a code has no response id, so a copy cannot be told from someone who gave the same answers"
)

NOT_A_RESULT = (
    "this is not a kit result: expected a result file (JSON), a JSON-lines bundle or result codes"
)


# --- reading the inputs --------------------------------------------------------------


def _size_problem(text: str, limit: int | None) -> str | None:
    if limit is None or len(text) * 4 <= limit:
        return None
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (
        f"larger than {MAX_TEXT_LABEL if limit == MAX_TEXT_BYTES else f'{limit} bytes'} "
        f"({size / 1024 / 1024:.1f} MB): split it into smaller files"
    )


def _json_problem(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})"
    return f"malformed JSON: {e}"


def _lines(text: str):
    """The lines of a text, split at "\n" only (not at characters JSON allows in text),
    one at a time so a large bundle is not held twice."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _is_object_line(line: str) -> bool:
    line = line.strip()
    if not line.startswith("{"):
        return False
    try:
        return isinstance(jsontext.loads(line), dict)
    except ValueError:
        return False


def _json_entries(name: str, text: str):
    """Entries of JSON text: one value, or JSON lines (one value per line)."""
    try:
        data = jsontext.loads(text)
    except ValueError as e:
        whole_error = e
    else:
        if isinstance(data, list):
            if not data:
                yield name, "reject", "the list of results is empty"
            for i, value in enumerate(data, 1):
                yield f"{name} item {i}", "record", value
        else:
            yield name, "record", data
        return
    if not any(_is_object_line(line) for line in _lines(text)):
        # Not JSON lines either: one damaged JSON document.
        yield name, "reject", _json_problem(whole_error)
        return
    for i, line in enumerate(_lines(text), 1):
        line = line.strip()
        if not line:
            continue
        try:
            value = jsontext.loads(line)
        except ValueError as e:
            problem = _json_problem(e)
            if isinstance(e, json.JSONDecodeError):
                problem = f"malformed JSON: {e.msg} (column {e.colno})"
            yield f"{name} line {i}", "reject", problem
            continue
        yield f"{name} line {i}", "record", value


def _code_entries(name: str, text: str):
    """Result codes separated by whitespace; a piece not starting 'CX' continues a code."""
    groups: list[tuple[int, list[str]]] = []  # (line, tokens)
    for lineno, line in enumerate(_lines(text), 1):
        for token in line.split():
            if token.startswith(_CODE_START) or not groups:
                groups.append((lineno, [token]))
            else:
                groups[-1][1].append(token)
    if not groups:
        yield name, "reject", "the file is empty"
        return
    if not any(tokens[0].startswith(_CODE_START) for _, tokens in groups):
        yield name, "reject", NOT_A_RESULT
        return
    per_line: dict[int, int] = {}
    for lineno, _ in groups:
        per_line[lineno] = per_line.get(lineno, 0) + 1
    seen: dict[int, int] = {}
    for lineno, tokens in groups:
        seen[lineno] = seen.get(lineno, 0) + 1
        where = f"{name} line {lineno}"
        if per_line[lineno] > 1:
            where += f" code {seen[lineno]}"
        yield where, "code", tokens


def _entries(item: Any, index: int, max_bytes: int | None):
    """(name, kind, payload) for every result in one input; kind "reject" has a reason."""
    if not isinstance(item, dict):
        yield f"item {index}", "reject", "expected an item {name, kind, data}"
        return
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        name = f"item {index}"
    kind = item.get("kind")
    data = item.get("data")
    if kind not in KINDS:
        yield name, "reject", f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})"
        return
    if kind == "record":
        if isinstance(data, list):
            if not data:
                yield name, "reject", "the list of results is empty"
            for i, value in enumerate(data, 1):
                yield f"{name} item {i}", "record", value
        else:
            yield name, "record", data
        return
    if not isinstance(data, str):
        expected = "a result code" if kind == "code" else "the text of a file"
        yield name, "reject", f"expected {expected}"
        return
    too_big = _size_problem(data, max_bytes)
    if too_big:
        yield name, "reject", too_big
        return
    if kind == "code":
        yield name, "code", [data]
        return
    text = data[1:] if data.startswith("\ufeff") else data
    stripped = text.lstrip()
    if not stripped:
        yield name, "reject", "the file is empty"
    elif stripped[0] in "{[":
        yield from _json_entries(name, text)
    else:
        yield from _code_entries(name, text)


# --- scoring, with lookups made fast ---------------------------------------------------


class _IndexedScale(Scale):
    """A Scale whose option lookups are dict lookups (the same answers)."""

    def option(self, value: int):
        return self._by_value.get(value)

    @property
    def low(self) -> int:
        return self._low

    @property
    def high(self) -> int:
        return self._high


class _IndexedQuestionnaire(Questionnaire):
    """A Questionnaire whose lookups by id are dict lookups (the same answers).

    Scoring 100,000 results calls these lookups millions of times; the model's
    own are linear scans. Scoring itself is still kit.engine.scoring.score.
    """

    def question(self, qid: str):
        return self._questions.get(qid)

    def dimension(self, did: str):
        return self._dimensions.get(did)

    def role(self, rid: str):
        return self._roles.get(rid)


def _copy(cls, obj, **changes):
    fields = {name: getattr(obj, name) for name in field_names(obj)}
    return cls(**{**fields, **changes})


def _indexed(model: Questionnaire) -> Questionnaire:
    try:
        scales = {}
        for key, scale in model.scales.items():
            fast = _copy(_IndexedScale, scale)
            object.__setattr__(fast, "_by_value", {o.value: o for o in scale.options})
            object.__setattr__(fast, "_low", scale.low)
            object.__setattr__(fast, "_high", scale.high)
            scales[key] = fast
        fast_model = _copy(_IndexedQuestionnaire, model, scales=scales)
        object.__setattr__(fast_model, "_questions", {q.id: q for q in model.questions})
        object.__setattr__(fast_model, "_dimensions", {d.id: d for d in model.dimensions})
        object.__setattr__(fast_model, "_roles", {r.id: r for r in model.roles})
        return fast_model
    except (TypeError, AttributeError, ValueError):  # the model changed shape: stay correct
        return model


class _Scored:
    """What one distinct answer set contributes, and how many responses gave it.

    Kept compact (slots, shared tuples): a large set has one of these per
    distinct answer set, i.e. up to one per response.
    """

    __slots__ = (
        "role",
        "qids",
        "values",
        "dim_ids",
        "scores",
        "overall",
        "band",
        "complete",
        "count",
    )

    def __init__(self, role, qids, values, dim_ids, scores, overall, band, complete):
        self.role = role
        self.qids = qids  # the shown questions answered ...
        self.values = values  # ... and their answers
        self.dim_ids = dim_ids  # the shown dimensions ...
        self.scores = scores  # ... and their scores (None: nothing scored)
        self.overall = overall
        self.band = band
        self.complete = complete
        self.count = 0

    def agrees(self, stored: dict) -> bool:
        """Whether a record's stored result is what its answers score."""
        return (
            stored["overall"] == self.overall
            and stored["band"] == self.band
            and stored["complete"] == self.complete
            and stored["dimensions"] == dict(zip(self.dim_ids, self.scores, strict=True))
        )


class _Reader:
    """Parses and scores entries for one model, caching by code and by answers."""

    def __init__(self, model: Questionnaire):
        self.model = model
        self.fast = _indexed(model)
        self.models = {model.id: model}
        self.by_answers: dict[tuple, _Scored] = {}
        self.by_code: dict[str, _Scored] = {}
        self._shared: dict[tuple, tuple] = {}  # one copy of each tuple of ids

    def _share(self, ids: tuple) -> tuple:
        return self._shared.setdefault(ids, ids)

    def _score(self, role: str, answers: dict) -> _Scored:
        qids = self._share(tuple(answers))
        values = tuple(answers.values())
        key = (role, qids, values)
        hit = self.by_answers.get(key)
        if hit is None:
            result = score(self.fast, role, answers)
            hidden = set(result["hidden"])
            if hidden or None in values:
                kept = [(q, v) for q, v in answers.items() if v is not None and q not in hidden]
                qids = self._share(tuple(q for q, _ in kept))
                values = tuple(v for _, v in kept)
            shown = [d for d in result["dimensions"] if d["shown"]]
            hit = _Scored(
                role=role,
                qids=qids,
                values=values,
                dim_ids=self._share(tuple(d["id"] for d in shown)),
                scores=tuple(d["score"] for d in shown),
                overall=result["overall"],
                band=result["band"]["id"] if result["band"] else None,
                complete=result["complete"],
            )
            self.by_answers[key] = hit
        return hit

    def record(self, data: Any) -> tuple[_Scored, str, bool]:
        """(scored, response id, stored result agrees); InputError with the reason."""
        stored = read_record(data)  # the structure only: every field checked
        quest = stored["questionnaire"]
        if quest["id"] != self.model.id or quest["version"] != self.model.version:
            read_record(data, self.model)  # raises the documented message
            raise InputError("this result is for another questionnaire")  # pragma: no cover
        try:
            scored = self._score(stored["role"], stored["answers"])
        except AnswerError:
            read_record(data, self.model)  # raises the documented message
            raise  # pragma: no cover
        return scored, stored["response_id"], scored.agrees(stored["result"])

    def code(self, tokens: list[str]) -> tuple[_Scored, str, list[str]]:
        """(scored, the code as read, tokens left over); InputError with the reason.

        The pieces of a code broken over lines are joined; text after a code
        (a note, a signature) is left over.
        """
        text = "".join(tokens)
        try:
            return self._code(text), text, []
        except InputError as e:
            problem = e
        for end in range(len(tokens) - 1, 0, -1):
            try:
                prefix = "".join(tokens[:end])
                return self._code(prefix), prefix, tokens[end:]
            except InputError:
                continue
        raise problem

    def _code(self, text: str) -> _Scored:
        text = "".join(text.split())
        hit = self.by_code.get(text)
        if hit is None:
            decoded = decode(text, self.models)
            hit = self._score(decoded["role"], decoded["answers"])
            self.by_code[text] = hit
        return hit


# --- statistics ---------------------------------------------------------------------------


def _first_link(text: str) -> str | None:
    m = _LINK_RE.search(text)
    return m.group(1) if m else None


def _guide(model: Questionnaire, did: str) -> tuple[str | None, dict | None]:
    dim = model.dimension(did)
    if dim is None or not dim.recommendations:
        return None, None
    rec = dim.recommendations[0]
    return _first_link(rec.text), {"id": rec.id, "text": rec.text}


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


def _summarise(
    model: Questionnaire, tally: list[_Scored], k: int, pair, accepted, rejected, warnings
) -> dict[str, Any]:
    role_ids = [r.id for r in model.roles]
    n = dict.fromkeys(role_ids, 0)
    incomplete = dict.fromkeys(role_ids, 0)
    items = {r: {q.id: {} for q in model.questions} for r in role_ids}
    dims = {r: {d.id: {} for d in model.dimensions} for r in role_ids}
    overall = {r: {} for r in role_ids}
    for s in tally:
        c = s.count
        n[s.role] += c
        answers = items[s.role]
        for qid, value in zip(s.qids, s.values, strict=True):
            counts = answers[qid]
            counts[value] = counts.get(value, 0) + c
        if not s.complete:
            incomplete[s.role] += c
            continue
        for did, value in zip(s.dim_ids, s.scores, strict=True):
            if value is not None:
                counts = dims[s.role][did]
                t = ts.tenths(value)
                counts[t] = counts.get(t, 0) + c
        if s.overall is not None:
            t = ts.tenths(s.overall)
            overall[s.role][t] = overall[s.role].get(t, 0) + c
    tables = {"n": n, "incomplete": incomplete, "items": items, "dims": dims, "overall": overall}
    return summarise_tables(model, tables, k, pair, accepted, rejected, warnings)


def summarise_tables(
    model: Questionnaire, tables: dict, k: int, pair, accepted, rejected, warnings, reasons=None
) -> dict[str, Any]:
    """The team view of per-role tables {"n", "incomplete", "items", "dims", "overall"}
    (see kit.engine.team_stats); `reasons` may name why a role is withheld."""
    n, incomplete, items = tables["n"], tables["incomplete"], tables["items"]
    dims, overall = tables["dims"], tables["overall"]
    roles = []
    shown = {}
    for r in model.roles:
        if (reasons or {}).get(r.id):
            reason = reasons[r.id]
        elif n[r.id] == 0:
            reason = ts.NO_RESULTS
        else:
            reason = ts.group_reason(k) if n[r.id] < k else None
        shown[r.id] = reason is None
        roles.append(
            {
                "id": r.id,
                "label": r.label,
                "short": r.short or r.label,
                "n": n[r.id],
                "incomplete": incomplete[r.id],
                "withheld": reason is not None,
                "reason": reason,
            }
        )

    def per_role(make) -> dict[str, dict]:
        return {
            r.id: make(r.id) if shown[r.id] else ts.withheld(roles[i]["reason"])
            for i, r in enumerate(model.roles)
        }

    dim_out = []
    for d in model.dimensions:
        stats = per_role(lambda r, d=d: ts.score_stat(dims[r][d.id], k))
        guide, rec = _guide(model, d.id)
        dim_out.append(
            {
                "id": d.id,
                "title": d.title,
                "description": d.description,
                "roles": stats,
                "gap": ts.gap(stats, pair),
                "guide": guide,
                "recommendation": rec,
            }
        )
    dim_by_id = {d["id"]: d for d in dim_out}

    item_out = []
    for q in model.questions:
        stats = per_role(lambda r, q=q: ts.item_stat(model, q, items[r][q.id], k))
        item_out.append(
            {
                "id": q.id,
                "dimension": q.dimension or None,
                "short": q.short,
                "texts": dict(q.texts),
                "scored": q.scored,
                "reverse": q.reverse,
                "roles": stats,
                "gap": ts.gap(stats, pair) if q.scored else None,
            }
        )

    overall_stats = per_role(lambda r: ts.score_stat(overall[r], k))
    everyone = _everyone(model, dims, overall, k)
    ranked = sorted(
        (i for i in item_out if i["gap"] is not None), key=lambda i: -abs(i["gap"])
    )  # stable: ties keep definition order
    largest = []
    for i in ranked:
        dim = dim_by_id.get(i["dimension"]) or {}
        largest.append(
            {
                "id": i["id"],
                "short": i["short"],
                "texts": i["texts"],
                "dimension": i["dimension"],
                "dimension_title": dim.get("title"),
                "gap": i["gap"],
                "means": {r: i["roles"][r]["mean"] for r in pair},
                "guide": dim.get("guide"),
                "recommendation": (dim.get("recommendation") or {}).get("id"),
            }
        )

    if pair is None:
        gap_info = None
    else:
        blocked = [role for role in roles if role["id"] in pair and role["withheld"]]
        why = [
            f"{role['id']}: " + ("no results" if not role["n"] else f"fewer than {k} respondents")
            for role in blocked
        ]
        gap_info = {
            "roles": list(pair),
            "shown": not blocked,
            "reason": f"no gaps: {'; '.join(why)}" if blocked else None,
        }

    return {
        "questionnaire": {"id": model.id, "version": model.version, "title": model.title},
        "min_group": k,
        "compare": gap_info,
        "results": sum(n.values()),
        "roles": roles,
        "overall": {"roles": overall_stats, "gap": ts.gap(overall_stats, pair)},
        "dimensions": dim_out,
        "items": item_out,
        "largest_gaps": largest,
        "everyone": everyone,
        # A checklist's team verdict per role (issue 16; None for other instruments).
        "checklist": checklist.team_verdicts(model, items, per_role),
        "accepted": accepted,
        "rejected": rejected,
        "warnings": warnings,
    }


def _everyone(model: Questionnaire, dims: dict, overall: dict, k: int) -> dict:
    """Scores of all complete results together, whatever the role (for benchmarks).

    Each statistic is withheld below k results, as a role's is.
    """
    return {
        "overall": ts.score_stat(ts.merged(overall.values()), k),
        "dimensions": {
            d.id: ts.score_stat(ts.merged(by_dim[d.id] for by_dim in dims.values()), k)
            for d in model.dimensions
        },
    }


# --- which questionnaire -----------------------------------------------------------------


def identify(items: Any, models: dict[str, Questionnaire]) -> str | None:
    """The questionnaire id of the first item entry that is a valid result for one of models.

    For callers that do not know the questionnaire yet (the command line).
    """
    if not isinstance(items, list):
        return None
    for index, item in enumerate(items, 1):
        for _name, kind, payload in _entries(item, index, None):
            try:
                if kind == "record":
                    qid = read_record(payload)["questionnaire"]["id"]
                    if qid in models:
                        read_record(payload, models[qid])
                        return qid
                elif kind == "code":
                    for end in range(len(payload), 0, -1):
                        try:
                            return decode("".join(payload[:end]), models)["questionnaire"]
                        except InputError:
                            continue
            except InputError:
                continue
    return None


def claimed_ids(items: Any) -> list[str]:
    """Questionnaire ids the items name, valid or not, in order of first mention."""
    ids: dict[str, None] = {}
    if not isinstance(items, list):
        return []
    for index, item in enumerate(items, 1):
        for _name, kind, payload in _entries(item, index, None):
            if kind == "record" and isinstance(payload, dict):
                quest = payload.get("questionnaire")
                if isinstance(quest, dict) and isinstance(quest.get("id"), str):
                    ids[quest["id"]] = None
            elif kind == "code":
                parts = "".join(payload).split(".")
                if len(parts) > 1 and parts[0].startswith(_CODE_START):
                    ids[parts[1]] = None
    return list(ids)


# --- CSV ------------------------------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _cell(value: Any) -> str:
    """One CSV cell: whitespace collapsed, spreadsheet formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float):
        text = f"{value:.1f}"
    else:
        text = " ".join(str(value).split())
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    return text


def summary_csv(result: dict) -> str:
    """An aggregate result as CSV: one row for the respondents, overall, each dimension
    and each question, with n and mean per role and the gap.

    A withheld figure is written as "withheld" in its mean column with an empty
    n. UTF-8 with a byte-order mark and CRLF line ends, like the result CSV.
    """
    quest = result["questionnaire"]
    role_ids = [r["id"] for r in result["roles"]]
    pair = result["compare"]["roles"] if result["compare"] else None
    gap_head = f"gap ({pair[0]} - {pair[1]})" if pair else "gap"
    head = ["questionnaire", "version", "kind", "id", "dimension", "title"]
    for r in role_ids:
        head += [f"{r} n", f"{r} mean"]
    head.append(gap_head)

    def cells(stats: dict) -> list:
        out = []
        for r in role_ids:
            s = stats[r]
            out += ["", "withheld"] if s["withheld"] else [s["n"], s.get("mean")]
        return out

    rows = []
    respondents = []
    for r in result["roles"]:
        respondents += [r["n"], ""]
    rows.append(["respondents", "respondents", "", "Respondents", *respondents, ""])
    o = result["overall"]
    rows.append(["overall", "overall", "", "Overall", *cells(o["roles"]), o["gap"]])
    for d in result["dimensions"]:
        rows.append(["dimension", d["id"], d["id"], d["title"], *cells(d["roles"]), d["gap"]])
    first_role = pair[0] if pair else role_ids[0]
    for i in result["items"]:
        title = i["short"] or i["texts"].get(first_role, "")
        kind = "item" if i["scored"] else "route"
        rows.append([kind, i["id"], i["dimension"], title, *cells(i["roles"]), i["gap"]])

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    for row in rows:
        writer.writerow([_cell(v) for v in [quest["id"], quest["version"], *row]])
    return "\ufeff" + out.getvalue()


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
        result["chart"] = gap_svg(result, f"{model.title}: how the two groups see it")
    except InputError:
        result["chart"] = None  # a group withheld, or nothing to compare
    return result
