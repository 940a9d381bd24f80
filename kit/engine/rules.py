"""Rules of a questionnaire, and its checklist: their records and their validation.

A rule (`rules[].when`) names a result that wins over the score bands
(kit.engine.bands) when all its conditions hold. Besides the field checks,
validation explains a rule that can never be the result (a count above the
number of questions, a value no question offers, an earlier rule that holds
whenever it does). Evaluation is in kit.engine.verdict.
"""

from .checker import _Checker, _kind, _role_texts
from .errors import Path
from .records import Record


class CountTest(Record):
    """`count: {values: [...], at_least: N}` or `{values: [...], fewer_than: N}`."""

    values: tuple[int, ...]
    at_least: int | None = None
    fewer_than: int | None = None


class Rule(Record):
    """A named result that wins over the score bands when all its tests hold."""

    id: str
    label: str
    texts: dict[str, str]
    all_items: int | None = None
    any_item: int | None = None
    dimension_below: tuple[tuple[str, float], ...] = ()
    overall_below: float | None = None
    overall_at_least: float | None = None
    any_dimension_below: float | None = None
    any_item_at_most: int | None = None
    count: tuple[CountTest, ...] = ()
    unknown_at_least: int | None = None

    @property
    def text(self) -> str:
        return next(iter(self.texts.values()), "")

    @property
    def about_dimensions(self) -> bool:
        return bool(self.dimension_below) or self.any_dimension_below is not None

    @property
    def about_items(self) -> bool:
        return (
            self.all_items is not None
            or self.any_item is not None
            or self.any_item_at_most is not None
            or bool(self.count)
            or self.unknown_at_least is not None
        )


WHEN_FIELDS = {
    "all_items", "any_item", "dimension_below", "overall_below", "overall_at_least",
    "any_dimension_below", "any_item_at_most", "count", "unknown_at_least",
}  # fmt: skip
RULE_FIELDS = {"id", "label", "text", "when"}
COUNT_FIELDS = {"values", "at_least", "fewer_than"}
CHECKLIST_FIELDS = {"yes"}


def _always_shown(q, dims_by_id: dict) -> bool:
    dim = dims_by_id.get(q.dimension)
    return q.show_if is None and (dim is None or dim.show_if is None)


def _score_limit(c: _Checker, data: dict, key: str, path: Path) -> float | None:
    """A 0-100 threshold of a `below` test; 0 or less can never hold."""
    value = c.number(data, key, path, None)
    if value is None:
        return None
    if not 0 <= value <= 100:
        c.add(path + (key,), f"expected a score from 0 to 100, got {value:g}")
        return None
    return value


def _whole(c: _Checker, data: dict, key: str, path: Path, least: int) -> int | None:
    value = c.integer(data, key, path, required=False)
    if value is not None and value < least:
        c.add(path + (key,), f"expected a whole number of at least {least}, got {value}")
        return None
    return value


class _Facts:
    """What the questionnaire offers, for telling which conditions could ever hold."""

    def __init__(self, scales: dict, questions: list, dims: list):
        self.scored = [q for q in questions if q.scored and q.scale in scales]
        self.scales = scales
        self.dims_by_id = {d.id: d for d in dims}
        self.dim_ids = [d.id for d in dims]
        self.values = sorted({o.value for q in self.scored for o in scales[q.scale].options})
        self.scored_values = sorted(
            {o.value for q in self.scored for o in scales[q.scale].options if o.scored}
        )
        self.n = len(self.scored)

    def offering(self, values) -> list:
        """Scored questions whose scale has one of `values`."""
        return [q for q in self.scored if any(self.scales[q.scale].option(v) for v in values)]

    def with_unscored(self) -> list:
        return [q for q in self.scored if any(not o.scored for o in self.scales[q.scale].options)]


def _item_value(c: _Checker, when: dict, key: str, wpath: Path, known: list[int]) -> int | None:
    value = c.integer(when, key, wpath, required=False)
    if value is not None and value not in known:
        names = ", ".join(str(v) for v in known) or "none"
        what = "a scored option" if key == "any_item_at_most" else "an option"
        c.add(wpath + (key,), f"{value} is not {what} of a scored question (values: {names})")
        return None
    return value


def _count_tests(c: _Checker, when: dict, wpath: Path, f: _Facts) -> tuple[CountTest, ...]:
    if "count" not in when:
        return ()
    raw = when["count"]
    entries = [(raw, wpath + ("count",))]
    if isinstance(raw, list):
        if not raw:
            c.add(wpath + ("count",), "expected a count mapping or a non-empty list of them")
        entries = [(r, wpath + ("count", i)) for i, r in enumerate(raw)]
    tests = []
    for raw_test, path in entries:
        test = c.mapping(raw_test, path)
        if test is None:
            continue
        c.unknown_keys(test, COUNT_FIELDS, path)
        values = test.get("values")
        if not isinstance(values, list) or not values:
            c.add(path + ("values",), "expected a non-empty list of option values")
            continue
        if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
            c.add(path + ("values",), "expected option values (whole numbers)")
            continue
        strange = [v for v in values if v not in f.values]
        if strange:
            names = ", ".join(str(v) for v in f.values)
            c.add(
                path + ("values",),
                f"{', '.join(map(str, strange))}: no scored question offers "
                f"{'this value' if len(strange) == 1 else 'these values'} (values: {names})",
            )
            continue
        if ("at_least" in test) == ("fewer_than" in test):
            c.add(path, "give exactly one of at_least: N or fewer_than: N")
            continue
        key = "at_least" if "at_least" in test else "fewer_than"
        n = _whole(c, test, key, path, 1)
        if n is None:
            continue
        able = len(f.offering(values))
        if key == "at_least" and n > able:
            c.add(
                path + (key,),
                f"can never hold: only {able} scored question(s) offer "
                f"{', '.join(map(str, values))}; lower it to {able} or less",
            )
        elif key == "fewer_than" and n > f.n:
            c.add(
                path + (key,),
                f"always holds: there are only {f.n} scored questions; "
                f"use at most {f.n} or remove this count",
            )
        tests.append(CountTest(tuple(values), n if key == "at_least" else None,
                               n if key == "fewer_than" else None))  # fmt: skip
    return tuple(tests)


def _rule(
    c: _Checker, item: dict, path: Path, role_ids: list[str], f: _Facts
) -> tuple[Rule | None, bool]:
    """The rule, and whether its conditions were read without a problem."""
    c.unknown_keys(item, RULE_FIELDS, path)
    rid = c.ident(item, "id", path)
    label = c.text(item, "label", path)
    texts = _role_texts(c, item.get("text"), path + ("text",), role_ids)
    wpath = path + ("when",)
    when = c.mapping(item.get("when"), wpath) if "when" in item else None
    if "when" not in item:
        c.add(wpath, "required conditions are missing (the bands cover the other cases)")
    if not when:
        if when == {}:
            c.add(wpath, "expected at least one condition")
        return None, False
    # A misspelt condition makes the rule unsound too: it must not shadow later rules.
    before = len(c.problems)
    c.unknown_keys(when, WHEN_FIELDS, wpath)
    all_items = _item_value(c, when, "all_items", wpath, f.values)
    any_item = _item_value(c, when, "any_item", wpath, f.values)
    if all_items is not None:
        lacking = [
            q.id
            for q in f.scored
            if _always_shown(q, f.dims_by_id) and f.scales[q.scale].option(all_items) is None
        ]
        if lacking:
            c.add(
                wpath + ("all_items",),
                f"can never hold: question(s) {', '.join(lacking)} are always shown and "
                f"do not offer {all_items}",
            )
    below = []
    raw_below = when.get("dimension_below", {})
    if c.mapping(raw_below, wpath + ("dimension_below",)) is not None:
        for did, limit in raw_below.items():
            dpath = wpath + ("dimension_below", str(did))
            if did not in f.dim_ids:
                c.add(dpath, f"unknown dimension '{did}' (defined: {', '.join(f.dim_ids)})")
            elif isinstance(limit, bool) or not isinstance(limit, int | float):
                c.add(dpath, f"expected a score from 0 to 100, got {_kind(limit)}")
            elif not 0 < limit <= 100:
                c.add(dpath, f"expected a score above 0 and at most 100 (no score is below "
                             f"{limit:g}), got {limit:g}")  # fmt: skip
            else:
                below.append((did, float(limit)))
    any_dim = _score_limit(c, when, "any_dimension_below", wpath)
    if any_dim == 0:
        c.add(wpath + ("any_dimension_below",), "can never hold: no score is below 0")
    overall_below = _score_limit(c, when, "overall_below", wpath)
    if overall_below == 0:
        c.add(wpath + ("overall_below",), "can never hold: no score is below 0")
    overall_at_least = _score_limit(c, when, "overall_at_least", wpath)
    if (
        overall_below is not None
        and overall_at_least is not None
        and overall_at_least >= overall_below
    ):
        c.add(
            wpath,
            f"can never hold: overall_at_least {overall_at_least:g} is not below "
            f"overall_below {overall_below:g}",
        )
    at_most = _item_value(c, when, "any_item_at_most", wpath, f.scored_values)
    unknown = _whole(c, when, "unknown_at_least", wpath, 1)
    if unknown is not None and unknown > len(f.with_unscored()):
        able = len(f.with_unscored())
        c.add(
            wpath + ("unknown_at_least",),
            f"can never hold: only {able} scored question(s) offer an unscored answer; "
            f"lower it to {able} or less"
            if able
            else "can never hold: no scale has an unscored option (scored: false)",
        )
    count = _count_tests(c, when, wpath, f)
    rule = Rule(
        rid,
        label,
        texts,
        all_items=all_items,
        any_item=any_item,
        dimension_below=tuple(below),
        overall_below=overall_below,
        overall_at_least=overall_at_least,
        any_dimension_below=any_dim,
        any_item_at_most=at_most,
        count=count,
        unknown_at_least=unknown,
    )
    return rule, len(c.problems) == before


def _count_implies(later: CountTest, earlier: CountTest) -> bool:
    if set(later.values) != set(earlier.values):
        return False
    if earlier.at_least is not None:
        return later.at_least is not None and later.at_least >= earlier.at_least
    return later.fewer_than is not None and later.fewer_than <= earlier.fewer_than


def _implies(later: Rule, earlier: Rule) -> bool:
    """Whether `earlier` holds whenever `later` does, judged condition by condition."""

    def at_most(mine, theirs):  # e.g. overall_below: a lower limit implies a higher one
        return theirs is None or (mine is not None and mine <= theirs)

    def at_least(mine, theirs):
        return theirs is None or (mine is not None and mine >= theirs)

    def same(mine, theirs):
        return theirs is None or mine == theirs

    mine_below = dict(later.dimension_below)
    any_dim_limits = [x for x in (later.any_dimension_below, *mine_below.values()) if x is not None]
    return (
        same(later.all_items, earlier.all_items)
        and same(later.any_item, earlier.any_item)
        and all(d in mine_below and mine_below[d] <= x for d, x in earlier.dimension_below)
        and at_most(later.overall_below, earlier.overall_below)
        and at_least(later.overall_at_least, earlier.overall_at_least)
        and (
            earlier.any_dimension_below is None
            or any(x <= earlier.any_dimension_below for x in any_dim_limits)
        )
        and at_most(later.any_item_at_most, earlier.any_item_at_most)
        and at_least(later.unknown_at_least, earlier.unknown_at_least)
        and all(any(_count_implies(m, t) for m in later.count) for t in earlier.count)
    )


def _rules(
    c: _Checker,
    data: dict,
    role_ids: list[str],
    scales: dict,
    questions: list,
    dims: list,
    bands: list,
) -> list[Rule]:
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        c.add(("rules",), f"expected a list, got {_kind(raw_rules)}")
        return []
    f = _Facts(scales, questions, dims)
    rules: list[tuple[int, Rule]] = []
    sound: list[tuple[int, Rule]] = []  # read without a problem: only these can shadow
    for i, raw in enumerate(raw_rules):
        path: Path = ("rules", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        rule, ok = _rule(c, item, path, role_ids, f)
        if rule is None:
            continue
        earlier = next(((j, r) for j, r in sound if _implies(rule, r)), None) if ok else None
        if earlier is not None:
            j, r = earlier
            c.add(
                path + ("when",),
                f"can never be the result: rules[{j}] ('{r.id}') comes first and holds "
                "whenever this rule does; move this rule above it or narrow its conditions",
            )
        rules.append((i, rule))
        if ok:
            sound.append((i, rule))
    outcomes = [(r.id, ("rules", i, "id")) for i, r in rules]
    outcomes += [(b.id, ("bands", i, "id")) for i, b in enumerate(bands)]
    c.unique(outcomes, "result id (rules and bands share ids)")
    return [r for _, r in rules]


def _checklist(c: _Checker, data: dict, scales: dict, questions: list) -> int | None:
    """`checklist: {yes: V}`: V is the only confirmed yes, so every scored question offers it."""
    if "checklist" not in data:
        return None
    path: Path = ("checklist",)
    raw = c.mapping(data["checklist"], path)
    if raw is None:
        return None
    if True in raw and "yes" not in raw:
        c.add(path, 'write "yes" in quotes: YAML reads a bare yes as true')
        return None
    c.unknown_keys(raw, CHECKLIST_FIELDS, path)
    yes = c.integer(raw, "yes", path)
    if yes is None:
        return None
    lacking = [
        q.id
        for q in questions
        if q.scored and q.scale in scales and not ((o := scales[q.scale].option(yes)) and o.scored)
    ]
    if lacking:
        c.add(
            path + ("yes",),
            f"{yes} is not a scored option of question(s) {', '.join(lacking)}: every "
            "question of a checklist needs the yes answer",
        )
        return None
    return yes
