"""Story templates: check a template definition, and fill it with a writer's text.

A definition (one YAML file in kit/stories/, embedded as JSON in the story
builder page) has an id, a title, a summary, its fields and a Markdown
template in which `{field_id}` marks where a field's text goes; `{{` and `}}`
stand for literal braces. `validate_story` checks it and raises
DefinitionError listing every problem with its field path; problems inside the
template text are TemplateProblems that also carry the template's line.

Filling (`fill`, and `handle` for the browser) parses the template once into
text and field pieces and joins them: what a writer typed is only ever
inserted, never interpreted, so a `{` or a `{other_field}` in their text stays
exactly as typed (there is no str.format on user text). The rules:

- Each text has its line endings made `\\n`, trailing whitespace removed from
  every line, and leading and trailing whitespace removed; line breaks inside
  a multi-line field are kept. A single-line field's line breaks become spaces.
- An empty required field shows as `[Label]`, so the draft shows its gaps,
  and its id is listed in `missing`.
- An optional field must be the only placeholder in its paragraph (a run of
  template lines between blank lines; validation checks it). When it is
  empty, its whole paragraph is left out, so no dangling text or placeholder
  remains.
- In an English template (the default `language: en`), a field's text
  placed mid-sentence (after template text that does not end a sentence,
  such as "recently helped {customer}") starts in lower case:
  "A mid-size logistics customer" reads "a mid-size logistics customer".
  Text that looks like a name keeps its capital: an acronym ("IBM"), a word
  with a capital inside ("McKinsey"), a possessive ("Acme's"), a single word
  ("Priya"), or one followed by another capitalised word ("Priya Shah").
  Other languages keep the text as typed (German capitalises every noun).
- Paragraphs are joined by exactly one blank line, trailing whitespace is
  removed from every line, and the story ends with one newline.

Pure standard library and no I/O: it runs in CPython and in Pyodide.
"""

import datetime
import json
import re
from typing import Any

from .errors import DefinitionError, InputError, Path
from .model import _Checker, _kind
from .stories_template import (
    FIELD_HINT,
    FIELD_RE,
    Credit,
    Paragraph,
    Slot,
    StoryField,
    StoryTemplate,
    TemplateProblem,
    _tp,
    parse_template,
)
from .stories_text import _mid_sentence, clean_text, in_sentence

# Names other modules and tests import from here; each has its owner above.
__all__ = [
    "StoryTemplate",
    "TemplateProblem",
    "clean_text",
    "fill",
    "handle",
    "in_sentence",
    "parse_template",
    "validate_story",
]

TOP_FIELDS = {
    "id",
    "language",
    "title",
    "summary",
    "order",
    "guide",
    "fields",
    "template",
    "sources",
}
FIELD_FIELDS = {"id", "label", "prompt", "multiline", "required"}
SOURCE_FIELDS = {"author", "article", "publisher", "year", "url"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def validate_story(definition: Any) -> StoryTemplate:
    """Check a story template definition; raise DefinitionError listing every problem."""
    c = _Checker()
    data = c.mapping(definition, ())
    if data is None:
        raise DefinitionError(c.problems)
    c.unknown_keys(data, TOP_FIELDS, ())
    sid = c.ident(data, "id", ())
    language = c.text(data, "language", (), required=False) or "en"
    title = c.text(data, "title", ())
    summary = c.text(data, "summary", ())
    order = c.integer(data, "order", (), required=False)
    guide = c.text(data, "guide", (), required=False)
    if guide and (_SCHEME.match(guide) or guide.startswith("/") or not guide.endswith(".md")):
        c.add(
            ("guide",),
            f"expected a page path relative to docs/ such as 'stories/{sid or 'x'}.md', "
            f"got '{guide}'",
        )
    fields = _fields(c, data)
    sources = _sources(c, data)
    template = c.text(data, "template", ())
    paragraphs, template_problems = parse_template(template) if template else ((), [])
    c.problems.extend(template_problems)
    if template:
        _check_slots(c, fields, paragraphs, template)
    if c.problems:
        raise DefinitionError(c.problems)
    return StoryTemplate(
        id=sid,
        title=title,
        summary=summary,
        fields=tuple(fields),
        template=template,
        paragraphs=paragraphs,
        sources=tuple(sources),
        order=100 if order is None else order,
        guide=guide,
        language=language,
        definition=data,
    )


def _fields(c: _Checker, data: dict) -> list[StoryField]:
    fields = []
    for i, raw in enumerate(c.seq(data, "fields", ())):
        path: Path = ("fields", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, FIELD_FIELDS, path)
        fid = c.text(item, "id", path)
        if fid and not FIELD_RE.match(fid):
            c.add(path + ("id",), f"'{fid}' is not a valid field id ({FIELD_HINT})")
        fields.append(
            StoryField(
                id=fid,
                label=c.text(item, "label", path),
                prompt=c.text(item, "prompt", path, required=False),
                multiline=c.flag(item, "multiline", path),
                required=c.flag(item, "required", path),
            )
        )
    c.unique([(f.id, ("fields", i, "id")) for i, f in enumerate(fields)], "field id")
    return fields


def _sources(c: _Checker, data: dict) -> list[Credit]:
    credits = []
    for i, raw in enumerate(c.seq(data, "sources", ())):
        path: Path = ("sources", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, SOURCE_FIELDS, path)
        credits.append(
            Credit(
                article=c.text(item, "article", path),
                author=c.text(item, "author", path, required=False),
                publisher=c.text(item, "publisher", path, required=False),
                year=c.integer(item, "year", path, required=False),
                url=c.text(item, "url", path, required=False),
            )
        )
    return credits


def _check_slots(
    c: _Checker, fields: list[StoryField], paragraphs: tuple[Paragraph, ...], template: str
) -> None:
    """Every placeholder names a field, every field is used, optional fields stand alone."""
    known = {f.id: f for f in fields if f.id}
    used: set[str] = set()
    # Line numbers of each paragraph's lines: the parser skipped blank lines.
    numbers = _line_numbers(template)
    n = 0
    for paragraph in paragraphs:
        slots_here: list[tuple[Slot, int]] = []
        for line in paragraph:
            number = numbers[n]
            n += 1
            for piece in line:
                if isinstance(piece, Slot):
                    slots_here.append((piece, number))
        for slot, number in slots_here:
            used.add(slot.field)
            if slot.field not in known:
                names = ", ".join(known) or "none"
                c.problems.append(
                    _tp(number, f"'{{{slot.field}}}' names no field (fields: {names})")
                )
        for slot, number in slots_here:
            spec = known.get(slot.field)
            if spec and not spec.required and len(slots_here) > 1:
                c.problems.append(
                    _tp(
                        number,
                        f"optional field '{slot.field}' must be the only placeholder in its "
                        "paragraph, which is left out when the field is empty (make the field "
                        "required or give it a paragraph of its own)",
                    )
                )
                break
    for i, f in enumerate(fields):
        if f.id and f.id not in used:
            c.add(("fields", i, "id"), f"field '{f.id}' is not used in the template")


def _line_numbers(template: str) -> list[int]:
    lines = template.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [i for i, raw in enumerate(lines, start=1) if raw.strip()]


def fill(story: StoryTemplate, values: dict[str, str]) -> dict[str, Any]:
    """The story as Markdown, and the required fields still empty."""
    texts = {f.id: clean_text(values.get(f.id) or "", f.multiline) for f in story.fields}
    out: list[str] = []
    for paragraph in story.paragraphs:
        slots = [p.field for line in paragraph for p in line if isinstance(p, Slot)]
        if any(not texts[s] and not story.get_field(s).required for s in slots):
            continue  # an empty optional field leaves its paragraph out
        lines = []
        for row, line in enumerate(paragraph):
            parts = []
            for col, p in enumerate(line):
                if isinstance(p, str):
                    parts.append(p)
                elif not texts[p.field]:
                    parts.append(f"[{story.get_field(p.field).label}]")
                elif story.language == "en" and _mid_sentence(paragraph, row, col):
                    # English only: German capitalises nouns, so text stays as typed.
                    parts.append(in_sentence(texts[p.field]))
                else:
                    parts.append(texts[p.field])
            lines.append("".join(parts))
        out.append("\n".join(lines))
    body = "\n\n".join(out)
    markdown = "\n".join(line.rstrip() for line in body.split("\n")).strip("\n")
    return {
        "id": story.id,
        "title": story.title,
        "markdown": markdown + "\n" if markdown else "",
        "missing": [f.id for f in story.fields if f.required and not texts[f.id]],
    }


# Validated templates by definition text: the builder sends its template with
# every keystroke, and validating it once per page is enough.
_cache: dict[str, StoryTemplate] = {}


def _story(definition: Any) -> StoryTemplate:
    key = json.dumps(definition, sort_keys=True, default=str)
    if key not in _cache:
        if len(_cache) > 32:
            _cache.clear()
        _cache[key] = validate_story(definition)
    return _cache[key]


def _values(story: StoryTemplate, raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(f"fields must be a mapping of field id to text, got {_kind(raw)}")
    values = {}
    for fid, value in raw.items():
        if story.get_field(fid) is None:
            names = ", ".join(f.id for f in story.fields)
            raise InputError(f"story '{story.id}' has no field '{fid}' (fields: {names})")
        if value is not None and not isinstance(value, str):
            raise InputError(f"field '{fid}' must be text, got {_kind(value)}")
        values[fid] = value or ""
    return values


def _filename(story: StoryTemplate, raw: Any) -> str:
    """`<id>-<YYYY-MM-DD>.md` from the browser's local date as [year, month, day]."""
    if raw is None:
        return f"{story.id}.md"
    if (
        not isinstance(raw, list)
        or len(raw) != 3
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in raw)
    ):
        raise InputError(f"date must be [year, month, day], got {_kind(raw)}")
    try:
        day = datetime.date(*raw)
    except ValueError as e:
        raise InputError(f"date {raw} is not a calendar date: {e}") from None
    return f"{story.id}-{day.isoformat()}.md"


def handle(request: dict) -> dict[str, Any]:
    """{"op": "story", "template": DEFINITION, "fields": {id: text}, "date": [y, m, d]}

    -> {"id", "title", "markdown", "missing", "filename"}. A broken definition
    raises DefinitionError; unusable fields or date raise InputError.
    """
    story = _story(request.get("template"))
    result = fill(story, _values(story, request.get("fields")))
    result["filename"] = _filename(story, request.get("date"))
    return result
