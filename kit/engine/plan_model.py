"""Starting plans: check a plan definition (kit/plans/*.yaml) and pick the one for a result.

A starting plan is data: who it is for (questionnaire, roles, and optionally
an answer such as the programme phase), the focus areas with their actions
for days 30, 60 and 90, owners and evidence of progress, each text in English
and German (`{en: ..., de: ...}`). `validate_plan` raises DefinitionError with
every problem and its field path; the build adds file and line.

Pure standard library and no I/O: it runs in CPython and in Pyodide.
"""

from typing import Any

from .checker import ID_HINT, ID_RE, _Checker, _kind
from .errors import DefinitionError, Path
from .records import Record

LANGUAGES = ("en", "de")
DAYS = (30, 60, 90)
TOP_FIELDS = {
    "id", "order", "title", "summary", "role", "owner", "evidence", "for", "source", "focus",
}  # fmt: skip
FOR_FIELDS = {"questionnaire", "roles", "when", "fallback"}
WHEN_FIELDS = {"question", "equals"}
FOCUS_FIELDS = {"id", "title", "dimensions", "actions"}
ACTION_FIELDS = {"day", "text", "owner", "evidence"}
SOURCE_FIELDS = {"author", "article", "publisher", "year"}


class Text(Record):
    """One text in each language."""

    en: str
    de: str

    def get(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


class Target(Record):
    """Whom a plan is for: a questionnaire's roles, optionally only for one answer."""

    questionnaire: str = ""
    roles: tuple[str, ...] = ()
    question: str = ""
    equals: int | None = None
    # The plan for any questionnaire and role no other plan covers.
    fallback: bool = False


class Action(Record):
    day: int
    text: Text
    owner: Text | None = None
    evidence: Text | None = None


class Focus(Record):
    id: str
    title: Text
    actions: tuple[Action, ...]
    # Brought in by a picked recommendation of one of these dimensions; none: always.
    dimensions: tuple[str, ...] = ()


class PlanSource(Record):
    author: str
    article: str
    publisher: str = ""
    year: int | None = None


class StartingPlan(Record):
    id: str
    title: Text
    summary: Text
    role: Text
    owner: Text
    evidence: Text
    targets: tuple[Target, ...]
    sources: tuple[PlanSource, ...]
    focus: tuple[Focus, ...]
    order: int = 100


def _text(c: _Checker, data: dict, key: str, path: Path, required: bool = True) -> Text | None:
    raw = data.get(key)
    if raw is None:
        if required:
            c.add(path + (key,), "required text is missing (one per language: en, de)")
        return None
    if not isinstance(raw, dict):
        c.add(
            path + (key,), f"expected a text per language ({{en: ..., de: ...}}), got {_kind(raw)}"
        )
        return None
    c.unknown_keys(raw, set(LANGUAGES), path + (key,))
    texts = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            what = "missing" if value is None else f"expected non-empty text, got {_kind(value)}"
            c.add(path + (key, lang), f"{what} (every text is needed in English and German)")
        else:
            texts[lang] = " ".join(value.split())
    return Text(**texts) if len(texts) == len(LANGUAGES) else None


def _target(c: _Checker, raw: Any, path: Path) -> Target | None:
    data = c.mapping(raw, path)
    if data is None:
        return None
    c.unknown_keys(data, FOR_FIELDS, path)
    if c.flag(data, "fallback", path):
        return Target(fallback=True)
    qid = c.ident(data, "questionnaire", path)
    roles = data.get("roles")
    if not isinstance(roles, list) or not roles or not all(isinstance(r, str) and r for r in roles):
        c.add(path + ("roles",), f"expected a list of role ids, got {_kind(roles)}")
        roles = []
    when = data.get("when")
    question, equals = "", None
    if when is not None:
        w = c.mapping(when, path + ("when",))
        if w is not None:
            c.unknown_keys(w, WHEN_FIELDS, path + ("when",))
            question = c.ident(w, "question", path + ("when",))
            equals = c.integer(w, "equals", path + ("when",))
    return Target(qid, tuple(roles), question, equals)


def _action(c: _Checker, raw: Any, path: Path) -> Action | None:
    data = c.mapping(raw, path)
    if data is None:
        return None
    c.unknown_keys(data, ACTION_FIELDS, path)
    day = c.integer(data, "day", path)
    if day is not None and day not in DAYS:
        c.add(path + ("day",), f"expected one of {', '.join(map(str, DAYS))}, got {day}")
    text = _text(c, data, "text", path)
    owner = _text(c, data, "owner", path, required=False)
    evidence = _text(c, data, "evidence", path, required=False)
    if day is None or text is None:
        return None
    return Action(day, text, owner, evidence)


def _focus(c: _Checker, raw: Any, path: Path) -> Focus | None:
    data = c.mapping(raw, path)
    if data is None:
        return None
    c.unknown_keys(data, FOCUS_FIELDS, path)
    fid = c.ident(data, "id", path)
    title = _text(c, data, "title", path)
    dims = data.get("dimensions", [])
    if not isinstance(dims, list) or not all(isinstance(d, str) and ID_RE.match(d) for d in dims):
        c.add(path + ("dimensions",), f"expected a list of dimension ids ({ID_HINT})")
        dims = []
    actions = [
        _action(c, a, path + ("actions", i)) for i, a in enumerate(c.seq(data, "actions", path))
    ]
    if not fid or title is None or None in actions:
        return None
    return Focus(fid, title, tuple(actions), tuple(dims))


def _source(c: _Checker, raw: Any, path: Path) -> PlanSource | None:
    data = c.mapping(raw, path)
    if data is None:
        return None
    c.unknown_keys(data, SOURCE_FIELDS, path)
    author = c.text(data, "author", path)
    article = c.text(data, "article", path)
    publisher = c.text(data, "publisher", path, required=False)
    year = c.integer(data, "year", path, required=False)
    return PlanSource(author, article, publisher, year) if author and article else None


def validate_plan(definition: Any) -> StartingPlan:
    """Check a starting plan's definition; raise DefinitionError with every problem."""
    c = _Checker()
    data = c.mapping(definition, ())
    if data is None:
        raise DefinitionError(c.problems)
    c.unknown_keys(data, TOP_FIELDS, ())
    pid = c.ident(data, "id", ())
    order = c.integer(data, "order", (), required=False)
    texts = {k: _text(c, data, k, ()) for k in ("title", "summary", "role", "owner", "evidence")}
    targets = [_target(c, t, ("for", i)) for i, t in enumerate(c.seq(data, "for", ()))]
    sources = [_source(c, s, ("source", i)) for i, s in enumerate(c.seq(data, "source", ()))]
    focus = [_focus(c, f, ("focus", i)) for i, f in enumerate(c.seq(data, "focus", ()))]
    c.unique([(f.id, ("focus", i, "id")) for i, f in enumerate(focus) if f], "focus area id")
    if c.problems:
        raise DefinitionError(c.problems)
    return StartingPlan(
        pid,
        *texts.values(),
        tuple(targets),
        tuple(sources),
        tuple(focus),
        order if order is not None else 100,
    )


def check_targets(plans: list[StartingPlan], roles_by_questionnaire: dict[str, list[str]]) -> list:
    """(plan index, path, message) for each target naming an unknown questionnaire or role."""
    out = []
    for n, plan in enumerate(plans):
        for i, t in enumerate(plan.targets):
            if t.fallback:
                continue
            known = roles_by_questionnaire.get(t.questionnaire)
            if known is None:
                names = ", ".join(sorted(roles_by_questionnaire))
                out.append(
                    (
                        n,
                        ("for", i, "questionnaire"),
                        f"no questionnaire '{t.questionnaire}' (known: {names})",
                    )
                )
                continue
            for j, role in enumerate(t.roles):
                if role not in known:
                    out.append(
                        (
                            n,
                            ("for", i, "roles", j),
                            f"'{t.questionnaire}' has no role '{role}' (roles: {', '.join(known)})",
                        )
                    )
    return out


def choose(plans: list[StartingPlan], qid: str, role: str, answers: dict) -> StartingPlan | None:
    """The first plan (by order) for this questionnaire, role and answers, else the fallback."""
    ordered = sorted(plans, key=lambda p: (p.order, p.id))
    for plan in ordered:
        for t in plan.targets:
            if t.fallback or t.questionnaire != qid or role not in t.roles:
                continue
            if t.question and answers.get(t.question) != t.equals:
                continue
            return plan
    return next((p for p in ordered if any(t.fallback for t in p.targets)), None)
