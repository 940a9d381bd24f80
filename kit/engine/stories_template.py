"""A story template's records, and the parser that splits its text into paragraphs.

`{field_id}` marks a slot; `{{` and `}}` stand for literal braces (see
kit.engine.stories). Problems in the text are TemplateProblems with its line.
"""

import re
from typing import Any

from .errors import Problem
from .records import Record, field

FIELD_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FIELD_HINT = "lowercase letters, digits or '_', starting with a letter"


class TemplateProblem(Problem):
    """A problem inside the template text, at a 1-based line of that text."""

    line: int = 0

    def __str__(self) -> str:
        return f"template, line {self.line}: {self.message}"


class StoryField(Record):
    id: str
    label: str
    prompt: str = ""
    multiline: bool = False
    required: bool = False


class Slot(Record):
    """Where a field's text goes in the template."""

    field: str


# A template line is a sequence of literal texts and slots; a paragraph is a
# tuple of lines.
Piece = str | Slot
Line = tuple[Piece, ...]
Paragraph = tuple[Line, ...]


class Credit(Record):
    article: str
    author: str = ""
    publisher: str = ""
    year: int | None = None
    url: str = ""


class StoryTemplate(Record):
    id: str
    title: str
    summary: str
    fields: tuple[StoryField, ...]
    template: str
    paragraphs: tuple[Paragraph, ...]
    sources: tuple[Credit, ...]
    order: int = 100
    guide: str = ""
    # The language the template is written in (a translation says so: `language: de`).
    language: str = "en"
    # The checked definition as given: the page embeds it for the browser.
    definition: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get_field(self, fid: str) -> StoryField | None:
        return next((f for f in self.fields if f.id == fid), None)


def parse_template(text: str) -> tuple[tuple[Paragraph, ...], list[TemplateProblem]]:
    """Split a template into paragraphs of lines of pieces; also return its problems."""
    problems: list[TemplateProblem] = []
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            if current:
                paragraphs.append(tuple(current))
                current = []
            continue
        current.append(_parse_line(raw.rstrip(), number, problems))
    if current:
        paragraphs.append(tuple(current))
    return tuple(paragraphs), problems


def _parse_line(raw: str, number: int, problems: list[TemplateProblem]) -> Line:
    pieces: list[Piece] = []
    text = ""
    i = 0
    while i < len(raw):
        ch = raw[i]
        if raw.startswith("{{", i) or raw.startswith("}}", i):
            text += ch
            i += 2
        elif ch == "{":
            end = raw.find("}", i + 1)
            name = raw[i + 1 : end] if end != -1 else ""
            if end == -1 or "{" in name:
                problems.append(
                    _tp(number, "'{' without a closing '}' (write '{{' for a literal brace)")
                )
                text += ch
                i += 1
                continue
            if not FIELD_RE.match(name):
                problems.append(
                    _tp(
                        number,
                        f"'{{{name}}}' is not a placeholder: write a field id in braces "
                        f"({FIELD_HINT}), or '{{{{' and '}}}}' for literal braces",
                    )
                )
            else:
                if text:
                    pieces.append(text)
                    text = ""
                pieces.append(Slot(name))
            i = end + 1
        elif ch == "}":
            problems.append(
                _tp(number, "'}' without an opening '{' (write '}}' for a literal brace)")
            )
            text += ch
            i += 1
        else:
            text += ch
            i += 1
    if text:
        pieces.append(text)
    return tuple(pieces)


def _tp(line: int, message: str) -> TemplateProblem:
    return TemplateProblem(("template",), message, line)
