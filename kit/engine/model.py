"""The validated questionnaire model and the validator that builds it.

`validate(definition)` takes the plain dict a YAML or JSON file decodes to and
returns a `Questionnaire`, or raises `DefinitionError` listing every problem
with its field path. Callers that know the file and line numbers (the YAML
loader) turn paths into `file:line:` prefixes; the engine never sees files.
Each part has its module (records and validation): questions.py (scales,
dimensions, questions), rules.py (rules, checklist), bands.py; the field
readers are in checker.py.
"""

from functools import cached_property
from typing import Any

from .bands import Band, _bands
from .checker import ID_HINT, ID_RE, _Checker, _kind
from .errors import DefinitionError, Path
from .questions import (
    QUESTION_FIELDS,
    Condition,
    Dimension,
    Option,
    Question,
    Recommendation,
    Scale,
    _dimensions,
    _questions,
    _scales,
)  # fmt: skip
from .records import Record, field
from .rules import CountTest, Rule, _checklist, _rules

# Re-exported: callers import these from here.
__all__ = [
    "ID_HINT", "ID_RE", "QUESTION_FIELDS", "Band", "Condition", "CountTest", "Dimension",
    "Option", "Question", "Questionnaire", "Recommendation", "Rule", "Scale", "_Checker",
    "_kind", "validate",
]  # fmt: skip


class Role(Record):
    id: str
    label: str
    # The group's name in team reports ("Managers (self)"); the label when absent.
    short: str = ""


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
    # An all-or-nothing checklist: the one option value that is a confirmed yes.
    checklist_yes: int | None = None
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


TOP_FIELDS = {
    "id", "version", "title", "summary", "intro", "source",
    "roles", "scales", "dimensions", "questions", "rules", "bands", "report", "checklist",
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
    role_ids = [r.id for r in roles]
    dimensions = _dimensions(c, data, role_ids)
    questions = _questions(c, data, role_ids, scales, dimensions)
    bands = _bands(c, data, role_ids)
    rules = _rules(c, data, role_ids, scales, questions, dimensions, bands)
    report = _report(c, data)
    checklist_yes = _checklist(c, data, scales, questions)
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
        checklist_yes=checklist_yes,
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
        c.unknown_keys(item, {"id", "label", "short"}, path)
        short = c.text(item, "short", path) if "short" in item else ""
        roles.append(Role(c.ident(item, "id", path), c.text(item, "label", path), short))
    c.unique([(r.id, ("roles", i, "id")) for i, r in enumerate(roles)], "role id")
    return roles


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
