"""The story builder page, generated from the story templates in kit/stories/.

Each `<id>.yaml` there defines one template (fields and Markdown text, see
kit.engine.stories); `<id>.<lang>.yaml` beside it is the same template
written in another language (`language: de`): a whole definition, checked
like the English one, with the same fields (ids, order, required, multi-line)
so a writer's text fits either. Each language with translations gets its own
builder page, `<lang>/stories/builder.md`, in that language's UI strings.
They are read with kit.loader's YAML reader so every problem is reported
as `file:line: path: message`, all files at once, and the build stops.
`generate()` returns {docs-relative path: Markdown} for the generate step
to write as pages, like build_scripts.generate.pages.
"""

import logging
import re
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment

from kit.engine.errors import DefinitionError, Problem, format_path
from kit.engine.stories import StoryTemplate, TemplateProblem, validate_story
from kit.loader import LoadError, LoadFailed, display_name, line_for, parse_yaml, read_file

from .pages import _environment, embed_json, md_links
from .ui import ui_for

ROOT = Path(__file__).resolve().parents[2]
STORY_DIR = ROOT / "kit" / "stories"
PAGE = "stories/builder.md"
i18n_log = logging.getLogger("kit.translations")
# `template: |` (a literal block): its text starts on the next line of the file.
_LITERAL_BLOCK = re.compile(r"^\s*template\s*:\s*\|[0-9+-]*\s*(#.*)?$")


def _error(name: str, text: str, lines: dict, problem: Problem) -> LoadError:
    if isinstance(problem, TemplateProblem):
        line = line_for(lines, problem.path)
        file_lines = text.splitlines()
        if line and line <= len(file_lines) and _LITERAL_BLOCK.match(file_lines[line - 1]):
            line += problem.line
        return LoadError(name, line, str(problem))
    return LoadError(
        name, line_for(lines, problem.path), f"{format_path(problem.path)}: {problem.message}"
    )


def load_text(text: str, name: str, english: StoryTemplate | None = None) -> StoryTemplate:
    """Parse and check one template file's text; raise LoadFailed with file:line errors.

    `english`: the template this file translates (its name is `<id>.<lang>.yaml`).
    """
    data, lines = parse_yaml(text, name)
    try:
        story = validate_story(data)
    except DefinitionError as e:
        raise LoadFailed([_error(name, text, lines, p) for p in e.problems]) from None
    stem, _, lang = Path(name).stem.partition(".")
    errors = []
    if story.id != stem:
        errors.append((("id",), f"id: '{story.id}' must match the file name '{Path(name).name}'"))
    if story.language != (lang or "en"):
        want = f"'language: {lang}'" if lang else "no language (English) or 'language: en'"
        errors.append((("language",), f"language: the file name asks for {want}"))
    if english is not None:
        errors.extend(_field_mismatches(story, english))
    if errors:
        raise LoadFailed([LoadError(name, line_for(lines, p), m) for p, m in errors])
    return story


def _field_mismatches(story: StoryTemplate, english: StoryTemplate) -> list[tuple]:
    """A translation's fields must be the English ones: same ids, order and kind."""
    out = []
    want = [f.id for f in english.fields]
    if [f.id for f in story.fields] != want:
        out.append(
            (
                ("fields",),
                f"fields: expected the field ids of {english.id}.yaml in its order: "
                f"{', '.join(want)}",
            )
        )
        return out
    for i, (f, e) in enumerate(zip(story.fields, english.fields, strict=True)):
        for key in ("required", "multiline"):
            if getattr(f, key) != getattr(e, key):
                out.append(
                    (
                        ("fields", i, key),
                        f"fields[{i}].{key}: must be {str(getattr(e, key)).lower()}"
                        f" as in {english.id}.yaml",
                    )
                )
    return out


def load_file(path: Path, english: StoryTemplate | None = None) -> StoryTemplate:
    text, name = read_file(path)
    return load_text(text, name, english)


def story_files(directory: Path = STORY_DIR) -> list[Path]:
    """The English templates: `<id>.yaml` (a translation's name has a second dot)."""
    return sorted(
        p for p in directory.glob("*.yaml") if not p.name.startswith("_") and "." not in p.stem
    )


def translation_files(lang: str, directory: Path = STORY_DIR) -> list[Path]:
    return sorted(p for p in directory.glob(f"*.{lang}.yaml") if not p.name.startswith("_"))


def load_translations(
    english: list[StoryTemplate], lang: str, directory: Path = STORY_DIR
) -> list[StoryTemplate]:
    """The templates written in `lang`, in page order; raise LoadFailed naming every problem.

    A translation without its English template is a problem; an English
    template without a translation is left off that language's page (warned)."""
    by_id = {s.id: s for s in english}
    errors: list[LoadError] = []
    stories: list[StoryTemplate] = []
    for path in translation_files(lang, directory):
        sid = path.name.removesuffix(f".{lang}.yaml")
        if sid not in by_id:
            errors.append(
                LoadError(display_name(path), None, f"no story template {sid}.yaml to translate")
            )
            continue
        try:
            stories.append(load_file(path, by_id[sid]))
        except LoadFailed as e:
            errors.extend(e.errors)
    if errors:
        raise LoadFailed(errors)
    done = {s.id for s in stories}
    for s in english:
        if stories and s.id not in done:
            i18n_log.warning("%s: no %s translation; left off %s", s.id, lang, page_path(lang))
    return sorted(stories, key=lambda s: (s.order, s.id))


def load_all(directory: Path = STORY_DIR) -> list[StoryTemplate]:
    """Every template in the folder, in page order; errors from all files, then one failure."""
    errors: list[LoadError] = []
    stories: list[StoryTemplate] = []
    for path in story_files(directory):
        try:
            stories.append(load_file(path))
        except LoadFailed as e:
            errors.extend(e.errors)
    if not stories and not errors:
        errors.append(LoadError(display_name(directory), None, "no story templates (*.yaml)"))
    if errors:
        raise LoadFailed(errors)
    return sorted(stories, key=lambda s: (s.order, s.id))


def page_path(lang: str = "en") -> str:
    """stories/builder.md, or <lang>/stories/builder.md."""
    return PAGE if lang == "en" else f"{lang}/{PAGE}"


def render(stories: list[StoryTemplate], env: Environment | None = None, lang: str = "en") -> str:
    env = env or _environment()
    depth = page_path(lang).count("/")
    return env.get_template("story_builder.md.j2").render(
        lang=lang,
        # A namespace, not a dict: Jinja would resolve ui.clear to dict.clear.
        ui=SimpleNamespace(**ui_for(lang)[0]),
        stories=stories,
        definitions_json=embed_json({s.id: s.definition for s in stories}),
        guide_link=lambda s: md_links(f"]({s.guide})", depth)[2:-1],
        sources=_unique_sources(stories),
    )


def _unique_sources(stories: list[StoryTemplate]) -> list:
    seen: dict = {}
    for story in stories:
        for source in story.sources:
            seen.setdefault((source.author, source.article, source.publisher, source.year), source)
    return list(seen.values())


def generate(directory: Path = STORY_DIR, languages=()) -> dict[str, str]:
    """{docs-relative path: Markdown} of the builder pages: English, and each of
    `languages` (extra.kit.languages) that has translated templates; raises LoadFailed."""
    english = load_all(directory)
    pages = {PAGE: render(english)}
    errors: list[LoadError] = []
    for lang in languages:
        try:
            translated = load_translations(english, lang, directory)
        except LoadFailed as e:
            errors.extend(e.errors)
            continue
        if translated:
            pages[page_path(lang)] = render(translated, lang=lang)
    if errors:
        raise LoadFailed(errors)
    return pages


def main() -> int:
    """`python -m build_scripts.generate.stories`: check every template, as the build does."""
    import sys

    from .ui import LANGUAGES

    try:
        loaded = load_all()
        for lang in LANGUAGES:
            loaded += load_translations(loaded, lang)
    except LoadFailed as e:
        print(f"{len(e.errors)} problem(s) in story templates:\n{e}", file=sys.stderr)
        return 1
    for story in loaded:
        print(f"{story.id} ({story.language}): {len(story.fields)} fields, {story.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
