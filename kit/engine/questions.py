"""Scales, dimensions and questions: their records and their validation.

Part of reading a definition (kit.engine.model.validate, which re-exports
these records); rules and bands are in kit.engine.rules.
"""

from functools import cached_property

from .checker import ID_HINT, ID_RE, _Checker, _kind, _role_texts
from .errors import Path
from .records import Record


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


class Recommendation(Record):
    id: str
    texts: dict[str, str]
    # Shown when the dimension scores below this (0-100); None means always
    # (unless `unknown` is set: then only when a question of it is unscored).
    below: float | None = None
    # Shown only to these roles (empty: to every role).
    roles: tuple[str, ...] = ()
    # Shown when a shown question of the dimension was answered "don't know".
    unknown: bool = False

    @property
    def text(self) -> str:
        """The first role's text (the same for all unless written per role)."""
        return next(iter(self.texts.values()), "")


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


REC_FIELDS = {"id", "text", "below", "roles", "unknown"}


def _dimensions(c: _Checker, data: dict, role_ids: list[str]) -> list[Dimension]:
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
            c.unknown_keys(rec, REC_FIELDS, rpath)
            rid = rec.get("id", f"{did}-{j + 1}")
            if not isinstance(rid, str) or not ID_RE.match(rid):
                c.add(rpath + ("id",), f"'{rid}' is not a valid id ({ID_HINT})")
            below = c.number(rec, "below", rpath, None)
            if below is not None and not 0 < below <= 100:
                c.add(
                    rpath + ("below",), f"expected a score above 0 and at most 100, got {below:g}"
                )
            recs.append(
                Recommendation(
                    str(rid),
                    _role_texts(c, rec.get("text"), rpath + ("text",), role_ids),
                    below,
                    _rec_roles(c, rec, rpath, role_ids),
                    c.flag(rec, "unknown", rpath),
                )
            )
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


def _rec_roles(c: _Checker, rec: dict, path: Path, role_ids: list[str]) -> tuple[str, ...]:
    """`roles: [ROLE, ...]`: the roles a recommendation is shown to."""
    if "roles" not in rec:
        return ()
    raw = rec["roles"]
    if not isinstance(raw, list) or not raw:
        c.add(path + ("roles",), f"expected a non-empty list of role ids, got {_kind(raw)}")
        return ()
    for role in raw:
        if role not in role_ids:
            c.add(path + ("roles",), f"unknown role '{role}' (defined: {', '.join(role_ids)})")
    return tuple(r for r in raw if r in role_ids)


def _questions(
    c: _Checker,
    data: dict,
    role_ids: list[str],
    scales: dict[str, Scale],
    dims: list[Dimension],
) -> list[Question]:
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
        # Advice for "don't know" needs a question of the dimension that can be answered so.
        unsure = any(
            q.dimension == d.id and q.scale in scales
            and any(not o.scored for o in scales[q.scale].options)
            for q in questions
        )  # fmt: skip
        for j, rec in enumerate(d.recommendations):
            if rec.unknown and d.id in used and not unsure:
                c.add(
                    ("dimensions", i, "recommendations", j, "unknown"),
                    "can never be shown: no question of this dimension has an unscored option "
                    "(scored: false); remove unknown: true or add such an option",
                )
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
