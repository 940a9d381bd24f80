"""The validated questionnaire model and the validator that builds it.

`validate(definition)` takes the plain dict a YAML or JSON file decodes to and
returns a `Questionnaire`, or raises `DefinitionError` listing every problem
with its field path. Callers that know the file and line numbers (the YAML
loader) turn paths into `file:line:` prefixes; the engine never sees files.
"""

import re
from functools import cached_property
from typing import Any

from .errors import DefinitionError, Path, Problem
from .records import Record, field

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_HINT = "lowercase letters, digits, '-' or '_', starting with a letter or digit"


class Option(Record):
    value: int
    label: str
    scored: bool = True


class Scale(Record):
    id: str
    options: tuple[Option, ...]

    @property
    def scored_values(self) -> list[int]:
        return [o.value for o in self.options if o.scored]

    @property
    def low(self) -> int:
        return min(self.scored_values)

    @property
    def high(self) -> int:
        return max(self.scored_values)

    @cached_property
    def _by_value(self) -> dict[int, Option]:
        return {o.value: o for o in self.options}

    def option(self, value: int) -> Option | None:
        # bool is an int in Python: True must not find option 1.
        return None if isinstance(value, bool) else self._by_value.get(value)


class Role(Record):
    id: str
    label: str


class Recommendation(Record):
    id: str
    text: str
    # Shown when the dimension scores below this (0-100); None means always.
    below: float | None = None


class Condition(Record):
    """Shown only when an earlier question's answer is one of `values`."""

    question: str
    values: tuple[int, ...]


class Dimension(Record):
    id: str
    title: str
    description: str = ""
    recommendations: tuple[Recommendation, ...] = ()
    show_if: Condition | None = None


class Question(Record):
    id: str
    dimension: str
    scale: str
    texts: dict[str, str]
    weight: float = 1.0
    reverse: bool = False
    help: str = ""
    # "scale" items are scored; "route" items only decide what is shown.
    type: str = "scale"
    show_if: Condition | None = None
    short: str = ""

    @property
    def scored(self) -> bool:
        return self.type == "scale"


class Band(Record):
    id: str
    min: float | None
    max: float | None
    label: str
    text: str


class Rule(Record):
    """A named result that wins over the score bands when all its tests hold."""

    id: str
    label: str
    text: str
    all_items: int | None = None
    any_item: int | None = None
    dimension_below: tuple[tuple[str, float], ...] = ()
    overall_below: float | None = None
    overall_at_least: float | None = None


class Source(Record):
    author: str
    article: str
    year: int | None = None
    publisher: str = ""
    url: str = ""
    # A piece without a title is described, never given an invented one.
    untitled: bool = False
    description: str = ""


class Questionnaire(Record):
    id: str
    version: int
    title: str
    summary: str
    source: Source
    roles: tuple[Role, ...]
    scales: dict[str, Scale]
    dimensions: tuple[Dimension, ...]
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]
    intro: str = ""
    rules: tuple[Rule, ...] = ()
    # Optional result sections, each with its heading: gaps, unknown, weakest.
    report: dict[str, str] = field(default_factory=dict)
    definition: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # Lookups by id, built once per model (scoring calls them per answer).
    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def _dimensions_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    def question(self, qid: str) -> Question | None:
        return self._questions_by_id.get(qid) if isinstance(qid, str) else None

    def dimension(self, did: str) -> Dimension | None:
        return self._dimensions_by_id.get(did)

    def role(self, rid: str) -> Role | None:
        return next((r for r in self.roles if r.id == rid), None)


class _Checker:
    """Collects problems while reading a definition, so all are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: Any, path: Path) -> dict | None:
        if isinstance(value, dict):
            return value
        self.add(path, f"expected a mapping of fields, got {_kind(value)}")
        return None

    def seq(self, data: dict, key: str, path: Path, *, min_items: int = 1) -> list:
        value = data.get(key)
        if value is None:
            self.add(path + (key,), "required list is missing")
            return []
        if not isinstance(value, list):
            self.add(path + (key,), f"expected a list, got {_kind(value)}")
            return []
        if len(value) < min_items:
            self.add(path + (key,), f"expected at least {min_items} item(s), got {len(value)}")
        return value

    def text(self, data: dict, key: str, path: Path, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "required text is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(path + (key,), f"expected non-empty text, got {_kind(value)}")
            return ""
        return value

    def ident(self, data: dict, key: str, path: Path) -> str:
        value = self.text(data, key, path)
        if value and not ID_RE.match(value):
            self.add(path + (key,), f"'{value}' is not a valid id ({ID_HINT})")
        return value

    def integer(self, data: dict, key: str, path: Path, *, required: bool = True) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "required whole number is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path + (key,), f"expected a whole number, got {_kind(value)}")
            return None
        return value

    def number(self, data: dict, key: str, path: Path, default: float | None) -> float | None:
        value = data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(path + (key,), f"expected a number, got {_kind(value)}")
            return default
        return float(value)

    def flag(self, data: dict, key: str, path: Path, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.add(path + (key,), f"expected true or false, got {_kind(value)}")
            return default
        return value

    def unknown_keys(self, data: dict, allowed: set[str], path: Path) -> None:
        for key in data:
            if key not in allowed:
                self.add(
                    path + (str(key),),
                    f"unknown field (allowed: {', '.join(sorted(allowed))})",
                )

    def unique(self, items: list[tuple[str, Path]], what: str) -> None:
        seen: dict[str, Path] = {}
        for ident, path in items:
            if not ident:
                continue
            if ident in seen:
                self.add(path, f"duplicate {what} '{ident}'")
            else:
                seen[ident] = path


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) < 40 else "text"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


TOP_FIELDS = {
    "id", "version", "title", "summary", "intro", "source",
    "roles", "scales", "dimensions", "questions", "rules", "bands", "report",
}  # fmt: skip


def validate(definition: Any) -> Questionnaire:
    """Check a definition dict and build the model; raise DefinitionError with all problems."""
    c = _Checker()
    data = c.mapping(definition, ())
    if data is None:
        raise DefinitionError(c.problems)
    c.unknown_keys(data, TOP_FIELDS, ())
    qid = c.ident(data, "id", ())
    version = c.integer(data, "version", ())
    if version is not None and version < 1:
        c.add(("version",), f"expected a whole number of at least 1, got {version}")
    title = c.text(data, "title", ())
    summary = c.text(data, "summary", ())
    intro = c.text(data, "intro", (), required=False)
    source = _source(c, data)
    roles = _roles(c, data)
    scales = _scales(c, data)
    dimensions = _dimensions(c, data)
    questions = _questions(c, data, roles, scales, dimensions)
    bands = _bands(c, data)
    rules = _rules(c, data, scales, questions, dimensions, bands)
    report = _report(c, data)
    if c.problems:
        raise DefinitionError(c.problems)
    return Questionnaire(
        id=qid,
        version=version or 1,
        title=title,
        summary=summary,
        intro=intro,
        source=source,
        roles=tuple(roles),
        scales=scales,
        dimensions=tuple(dimensions),
        questions=tuple(questions),
        bands=tuple(bands),
        rules=tuple(rules),
        report=report,
        definition=data,
    )


def _source(c: _Checker, data: dict) -> Source:
    """The credit; `untitled: true` credits a piece that has no title by `description`."""
    path: Path = ("source",)
    raw = data.get("source")
    if raw is None:
        c.add(path, "required attribution is missing (author, article, year)")
        return Source("", "")
    src = c.mapping(raw, path)
    if src is None:
        return Source("", "")
    c.unknown_keys(
        src, {"author", "article", "year", "publisher", "url", "untitled", "description"}, path
    )
    untitled = c.flag(src, "untitled", path)
    if untitled and "article" in src:
        c.add(
            path + ("article",),
            "an untitled source has no article title: leave article out and say what the "
            "piece is in description",
        )
    if not untitled and "description" in src:
        c.add(
            path + ("description",),
            "description is only for an untitled source: give the title in article, "
            "or set untitled: true if the piece has none",
        )
    return Source(
        author=c.text(src, "author", path, required=not untitled),
        article="" if untitled else c.text(src, "article", path),
        year=c.integer(src, "year", path, required=False),
        publisher=c.text(src, "publisher", path, required=False),
        url=c.text(src, "url", path, required=False),
        untitled=untitled,
        description=c.text(src, "description", path) if untitled else "",
    )


def _roles(c: _Checker, data: dict) -> list[Role]:
    roles = []
    for i, raw in enumerate(c.seq(data, "roles", ())):
        path: Path = ("roles", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, {"id", "label"}, path)
        roles.append(Role(c.ident(item, "id", path), c.text(item, "label", path)))
    c.unique([(r.id, ("roles", i, "id")) for i, r in enumerate(roles)], "role id")
    return roles


def _scales(c: _Checker, data: dict) -> dict[str, Scale]:
    raw_scales = data.get("scales")
    if raw_scales is None:
        c.add(("scales",), "required mapping of answer scales is missing")
        return {}
    scales_map = c.mapping(raw_scales, ("scales",))
    if scales_map is None:
        return {}
    scales: dict[str, Scale] = {}
    for name, raw in scales_map.items():
        path: Path = ("scales", str(name))
        if not isinstance(name, str) or not ID_RE.match(name):
            c.add(path, f"'{name}' is not a valid scale name ({ID_HINT})")
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, {"options"}, path)
        options = []
        for j, raw_opt in enumerate(c.seq(item, "options", path, min_items=2)):
            opath = path + ("options", j)
            opt = c.mapping(raw_opt, opath)
            if opt is None:
                continue
            c.unknown_keys(opt, {"value", "label", "scored"}, opath)
            value = c.integer(opt, "value", opath)
            label = c.text(opt, "label", opath)
            if value is not None:
                options.append(Option(value, label, c.flag(opt, "scored", opath, True)))
        c.unique(
            [(str(o.value), path + ("options", j, "value")) for j, o in enumerate(options)],
            "option value",
        )
        if options and len({o.value for o in options if o.scored}) < 2:
            c.add(path + ("options",), "a scale needs at least two scored options")
        scales[str(name)] = Scale(str(name), tuple(options))
    return scales


def _dimensions(c: _Checker, data: dict) -> list[Dimension]:
    dims = []
    for i, raw in enumerate(c.seq(data, "dimensions", ())):
        path: Path = ("dimensions", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, {"id", "title", "description", "recommendations", "show_if"}, path)
        did = c.ident(item, "id", path)
        recs = []
        raw_recs = item.get("recommendations", [])
        if not isinstance(raw_recs, list):
            c.add(path + ("recommendations",), f"expected a list, got {_kind(raw_recs)}")
            raw_recs = []
        for j, raw_rec in enumerate(raw_recs):
            rpath = path + ("recommendations", j)
            rec = c.mapping(raw_rec, rpath)
            if rec is None:
                continue
            c.unknown_keys(rec, {"id", "text", "below"}, rpath)
            rid = rec.get("id", f"{did}-{j + 1}")
            if not isinstance(rid, str) or not ID_RE.match(rid):
                c.add(rpath + ("id",), f"'{rid}' is not a valid id ({ID_HINT})")
            below = c.number(rec, "below", rpath, None)
            if below is not None and not 0 < below <= 100:
                c.add(
                    rpath + ("below",), f"expected a score above 0 and at most 100, got {below:g}"
                )
            recs.append(Recommendation(str(rid), c.text(rec, "text", rpath), below))
        dims.append(
            Dimension(
                did,
                c.text(item, "title", path),
                c.text(item, "description", path, required=False),
                tuple(recs),
            )
        )
    c.unique([(d.id, ("dimensions", i, "id")) for i, d in enumerate(dims)], "dimension id")
    return dims


def _questions(
    c: _Checker,
    data: dict,
    roles: list[Role],
    scales: dict[str, Scale],
    dims: list[Dimension],
) -> list[Question]:
    role_ids = [r.id for r in roles]
    dim_ids = [d.id for d in dims]
    questions = []
    for i, raw in enumerate(c.seq(data, "questions", ())):
        path: Path = ("questions", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, QUESTION_FIELDS, path)
        qid = c.ident(item, "id", path)
        qtype = item.get("type", "scale")
        if qtype not in ("scale", "route"):
            c.add(path + ("type",), f"unknown type '{qtype}' (types: scale, route)")
            qtype = "scale"
        if qtype == "route":
            dim = ""
            if "dimension" in item:
                c.add(path + ("dimension",), "a route question is not scored: remove dimension")
        else:
            dim = c.text(item, "dimension", path)
        if dim and dim not in dim_ids:
            c.add(
                path + ("dimension",),
                f"unknown dimension '{dim}' "
                f"(defined: {', '.join(dict.fromkeys(dim_ids)) or 'none'})",
            )
        scale = c.text(item, "scale", path)
        if scale and scale not in scales:
            c.add(
                path + ("scale",),
                f"unknown scale '{scale}' (defined: {', '.join(scales) or 'none'})",
            )
        texts = _role_texts(c, item.get("text"), path + ("text",), role_ids)
        weight = c.number(item, "weight", path, 1.0)
        if weight is not None and weight <= 0:
            c.add(path + ("weight",), f"expected a weight above 0, got {weight:g}")
        questions.append(
            Question(
                id=qid,
                dimension=dim,
                scale=scale,
                texts=texts,
                weight=weight or 1.0,
                reverse=c.flag(item, "reverse", path),
                help=c.text(item, "help", path, required=False),
                type=qtype,
                show_if=_condition(c, item, path, questions, scales),
                short=c.text(item, "short", path, required=False),
            )
        )
    c.unique([(q.id, ("questions", i, "id")) for i, q in enumerate(questions)], "question id")
    # A dimension's condition names a question before the dimension's first one.
    raw_dims = data.get("dimensions") if isinstance(data.get("dimensions"), list) else []
    for i, raw in enumerate(raw_dims):
        if not isinstance(raw, dict) or "show_if" not in raw:
            continue
        j = next((k for k, d in enumerate(dims) if d.id == raw.get("id")), None)
        if j is None:
            continue
        d = dims[j]
        # Only questions before the dimension's first one: conditions are
        # decided in question order, so a later answer could never show it.
        first = next((k for k, q in enumerate(questions) if q.dimension == d.id), len(questions))
        before = questions[:first]
        cond = _condition(
            c, raw, ("dimensions", i), before, scales, where="before this dimension's questions"
        )
        dims[j] = Dimension(d.id, d.title, d.description, d.recommendations, cond)
    used = {q.dimension for q in questions}
    for i, d in enumerate(dims):
        if d.id and d.id not in used:
            c.add(("dimensions", i, "id"), f"dimension '{d.id}' has no questions")
    return questions


QUESTION_FIELDS = {
    "id", "dimension", "scale", "text", "weight", "reverse", "help", "type", "show_if", "short",
}  # fmt: skip


def _condition(
    c: _Checker,
    item: dict,
    path: Path,
    allowed: list[Question],
    scales: dict[str, Scale],
    where: str = "before this one",
) -> Condition | None:
    """`show_if: {question: ID, equals: V}` or `{question: ID, in: [V, ...]}`."""
    if "show_if" not in item:
        return None
    path = path + ("show_if",)
    raw = c.mapping(item["show_if"], path)
    if raw is None:
        return None
    c.unknown_keys(raw, {"question", "equals", "in"}, path)
    ref = c.text(raw, "question", path)
    target = next((q for q in allowed if q.id == ref), None)
    if ref and target is None:
        names = ", ".join(q.id for q in allowed) or "none"
        c.add(path + ("question",), f"unknown question '{ref}' (questions {where}: {names})")
    if ("equals" in raw) == ("in" in raw):
        c.add(path, "give exactly one of equals: VALUE or in: [VALUES]")
        return None
    values = raw["in"] if "in" in raw else [raw["equals"]]
    key = "in" if "in" in raw else "equals"
    if not isinstance(values, list) or not values:
        c.add(path + (key,), "expected a non-empty list of option values")
        return None
    scale = scales.get(target.scale) if target else None
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int):
            c.add(path + (key,), f"expected option values (whole numbers), got {_kind(v)}")
            return None
        if scale and scale.option(v) is None:
            options = ", ".join(str(o.value) for o in scale.options)
            c.add(path + (key,), f"{v} is not an option of question '{ref}' (options: {options})")
    if target is None:
        return None
    return Condition(ref, tuple(values))


def _rules(
    c: _Checker,
    data: dict,
    scales: dict[str, Scale],
    questions: list[Question],
    dims: list[Dimension],
    bands: list[Band],
) -> list[Rule]:
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        c.add(("rules",), f"expected a list, got {_kind(raw_rules)}")
        return []
    used_values = {
        o.value
        for q in questions
        if q.scored and q.scale in scales
        for o in scales[q.scale].options
    }
    dim_ids = [d.id for d in dims]
    rules = []
    for i, raw in enumerate(raw_rules):
        path: Path = ("rules", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, {"id", "label", "text", "when"}, path)
        rid = c.ident(item, "id", path)
        label = c.text(item, "label", path)
        text = c.text(item, "text", path)
        wpath = path + ("when",)
        when = c.mapping(item.get("when"), wpath) if "when" in item else None
        if "when" not in item:
            c.add(wpath, "required conditions are missing (the bands cover the other cases)")
        if not when:
            if when == {}:
                c.add(wpath, "expected at least one condition")
            continue
        c.unknown_keys(
            when,
            {"all_items", "any_item", "dimension_below", "overall_below", "overall_at_least"},
            wpath,
        )
        item_tests = {}
        for key in ("all_items", "any_item"):
            value = c.integer(when, key, wpath, required=False)
            if value is not None and value not in used_values:
                known = ", ".join(str(v) for v in sorted(used_values))
                c.add(
                    wpath + (key,), f"{value} is no option of a scored question (options: {known})"
                )
            item_tests[key] = value
        below = []
        raw_below = when.get("dimension_below", {})
        if c.mapping(raw_below, wpath + ("dimension_below",)) is not None:
            for did, limit in raw_below.items():
                dpath = wpath + ("dimension_below", str(did))
                if did not in dim_ids:
                    c.add(dpath, f"unknown dimension '{did}' (defined: {', '.join(dim_ids)})")
                elif isinstance(limit, bool) or not isinstance(limit, int | float):
                    c.add(dpath, f"expected a score from 0 to 100, got {_kind(limit)}")
                else:
                    below.append((did, float(limit)))
        rules.append(
            Rule(
                rid,
                label,
                text,
                all_items=item_tests["all_items"],
                any_item=item_tests["any_item"],
                dimension_below=tuple(below),
                overall_below=c.number(when, "overall_below", wpath, None),
                overall_at_least=c.number(when, "overall_at_least", wpath, None),
            )
        )
    outcomes = [(r.id, ("rules", i, "id")) for i, r in enumerate(rules)]
    outcomes += [(b.id, ("bands", i, "id")) for i, b in enumerate(bands)]
    c.unique(outcomes, "result id (rules and bands share ids)")
    return rules


REPORT_SECTIONS = {"gaps", "unknown", "weakest"}


def _report(c: _Checker, data: dict) -> dict[str, str]:
    """Optional result sections: `report: {gaps: HEADING, unknown: ..., weakest: ...}`."""
    if "report" not in data:
        return {}
    raw = c.mapping(data["report"], ("report",))
    if raw is None:
        return {}
    c.unknown_keys(raw, REPORT_SECTIONS, ("report",))
    return {k: c.text(raw, k, ("report",)) for k in raw if k in REPORT_SECTIONS}


def _role_texts(c: _Checker, raw: Any, path: Path, role_ids: list[str]) -> dict[str, str]:
    """A question's wording: one text for every role, or one per role."""
    if isinstance(raw, str) and raw.strip():
        return {r: raw for r in role_ids}
    if isinstance(raw, dict):
        texts = {}
        for key, value in raw.items():
            if key not in role_ids:
                c.add(path + (str(key),), f"unknown role '{key}' (defined: {', '.join(role_ids)})")
            elif not isinstance(value, str) or not value.strip():
                c.add(path + (key,), f"expected non-empty text, got {_kind(value)}")
            else:
                texts[key] = value
        missing = [r for r in role_ids if r not in raw]
        if missing:
            c.add(path, f"missing wording for role(s) {', '.join(missing)}")
        return texts
    if raw is None:
        c.add(path, "required text is missing (one text, or one per role)")
    else:
        c.add(path, f"expected text or a mapping of role to text, got {_kind(raw)}")
    return {}


def _bands(c: _Checker, data: dict) -> list[Band]:
    bands = []
    for i, raw in enumerate(c.seq(data, "bands", ())):
        path: Path = ("bands", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, {"id", "min", "max", "label", "text"}, path)
        ends = {}
        for key in ("min", "max"):
            value = c.number(item, key, path, None)
            if value is None and key not in item:
                c.add(path + (key,), "required number is missing")
            elif value is not None and not 0 <= value <= 100:
                c.add(path + (key,), f"expected a score from 0 to 100, got {value:g}")
                value = None
            ends[key] = value
        bands.append(
            Band(
                c.ident(item, "id", path),
                ends["min"],
                ends["max"],
                c.text(item, "label", path),
                c.text(item, "text", path),
            )
        )
    c.unique([(b.id, ("bands", i, "id")) for i, b in enumerate(bands)], "band id")
    _check_band_cover(c, bands)
    return bands


def _check_band_cover(c: _Checker, bands: list[Band]) -> None:
    """Bands are half-open ranges [min, max) that must tile 0-100 exactly."""
    if not bands or any(b.min is None or b.max is None for b in bands):
        return  # already reported
    order = sorted(range(len(bands)), key=lambda i: bands[i].min)
    expect = 0.0
    for i in order:
        b = bands[i]
        if b.max <= b.min:
            c.add(("bands", i, "max"), f"max {b.max:g} must be above min {b.min:g}")
            return
        if b.min > expect:
            c.add(("bands", i, "min"), f"gap: no band covers scores from {expect:g} to {b.min:g}")
        elif b.min < expect:
            c.add(
                ("bands", i, "min"),
                f"overlap: scores from {b.min:g} to {expect:g} are in two bands",
            )
        expect = b.max
    if expect != 100:
        last = order[-1]
        c.add(("bands", last, "max"), f"the highest band must end at 100, not {expect:g}")
