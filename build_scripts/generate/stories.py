"""The story builder page, generated from the story templates in kit/stories/.

Each YAML file there defines one template (fields and Markdown text, see
kit.engine.stories). They are read with kit.loader's YAML reader so every
problem is reported as `file:line: path: message`, all files at once, and the
build stops. `generate()` returns {docs-relative path: Markdown} for the
generate step to write as pages, like build_scripts.generate.pages.
"""

import re
from pathlib import Path

from jinja2 import Environment

from kit.engine.errors import DefinitionError, Problem, format_path
from kit.engine.stories import StoryTemplate, TemplateProblem, validate_story
from kit.loader import LoadError, LoadFailed, display_name, line_for, parse_yaml, read_file

from .pages import _environment, embed_json, md_links

ROOT = Path(__file__).resolve().parents[2]
STORY_DIR = ROOT / "kit" / "stories"
PAGE = "stories/builder.md"
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


def load_text(text: str, name: str) -> StoryTemplate:
    """Parse and check one template file's text; raise LoadFailed with file:line errors."""
    data, lines = parse_yaml(text, name)
    try:
        story = validate_story(data)
    except DefinitionError as e:
        raise LoadFailed([_error(name, text, lines, p) for p in e.problems]) from None
    stem = Path(name).stem
    if story.id != stem:
        raise LoadFailed(
            [
                LoadError(
                    name,
                    line_for(lines, ("id",)),
                    f"id: '{story.id}' must match the file name '{stem}.yaml'",
                )
            ]
        )
    return story


def load_file(path: Path) -> StoryTemplate:
    text, name = read_file(path)
    return load_text(text, name)


def story_files(directory: Path = STORY_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


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


def render(stories: list[StoryTemplate], env: Environment | None = None) -> str:
    env = env or _environment()
    depth = PAGE.count("/")
    return env.get_template("story_builder.md.j2").render(
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


def generate(directory: Path = STORY_DIR) -> dict[str, str]:
    """{docs-relative path: Markdown} of the generated story pages; raises LoadFailed."""
    return {PAGE: render(load_all(directory))}


def main() -> int:
    """`python -m build_scripts.generate.stories`: check every template, as the build does."""
    import sys

    try:
        loaded = load_all()
    except LoadFailed as e:
        print(f"{len(e.errors)} problem(s) in story templates:\n{e}", file=sys.stderr)
        return 1
    for story in loaded:
        print(f"{story.id}: {len(story.fields)} fields, {story.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
