"""Read questionnaire YAML files into validated models, with file:line errors.

This is the CPython side: it does the file I/O and uses PyYAML, then hands a
plain dict to the engine. Each node's line is recorded by field path so that
engine problems (which know only paths) can name the line they come from.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .engine import DefinitionError, Questionnaire, validate
from .engine.errors import format_path

QUESTIONNAIRE_DIR = Path(__file__).parent / "questionnaires"


@dataclass(frozen=True)
class LoadError:
    """One problem in one file, printable as `file:line: path: message`."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class LoadFailed(Exception):
    def __init__(self, errors: list[LoadError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _construct(node: yaml.Node, path: tuple, lines: dict, errors: list):
    """Turn a composed YAML node into plain data, recording each path's line.

    A field's line is the line of its key, which is where an editor shows it.
    """
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) or key is None:
                errors.append((line, "a key must be plain text"))
                continue
            if key in out:
                errors.append((line, f"duplicate key '{key}'"))
            lines[path + (key,)] = line
            out[key] = _construct(value_node, path + (key,), lines, errors)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v, path + (i,), lines, errors) for i, v in enumerate(node.value)]
    try:
        return _scalar(node)
    except (ValueError, TypeError):
        errors.append((node.start_mark.line + 1, f"'{node.value}' is not a valid {node.tag}"))
        return None


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node):
    # Most scalars are text, which the constructor would return as is.
    if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value
    # One constructor for every scalar: YAML 1.1 typing (ints, bools, dates) as safe_load does.
    return _CONSTRUCTOR.construct_object(node, deep=True)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# libyaml's parser (C), when PyYAML was built with it: composing the node tree
# is about ten times faster than PyYAML's pure-Python parser, and its nodes
# carry the same marks (lines) and implicit tags.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None


def compose(text: str, fast: bool = True) -> yaml.Node | None:
    """The YAML node tree of a single-document text.

    The C parser goes first; on any problem the pure-Python parser parses the
    text again, so an error (or a text only one of them accepts) is reported
    exactly as PyYAML's own parser reports it, whichever is installed.
    """
    if fast and _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> tuple[object, dict]:
    """Parse YAML text; return (data, {path: line}) or raise LoadFailed."""
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(x for x in (e.context, e.problem) if x)
        raise LoadFailed([LoadError(name, line, f"invalid YAML: {problem}")]) from None
    except yaml.YAMLError as e:
        raise LoadFailed([LoadError(name, None, f"invalid YAML: {e}")]) from None
    if node is None:
        raise LoadFailed([LoadError(name, None, "the file is empty")])
    lines: dict = {}
    problems: list = []
    try:
        data = _construct(node, (), lines, problems)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = " ".join(x for x in (e.context, e.problem) if x)
        raise LoadFailed(
            [LoadError(name, mark.line + 1 if mark else None, f"invalid YAML: {problem}")]
        ) from None
    except (ValueError, TypeError) as e:
        raise LoadFailed([LoadError(name, None, f"invalid YAML value: {e}")]) from None
    except RecursionError:
        raise LoadFailed([LoadError(name, None, "invalid YAML: nesting too deep")]) from None
    if problems:
        raise LoadFailed([LoadError(name, ln, msg) for ln, msg in problems])
    return data, lines


def line_for(lines: dict, path: tuple) -> int | None:
    """The line of a path, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def load_text(text: str, name: str) -> Questionnaire:
    data, lines = parse_yaml(text, name)
    try:
        return validate(data)
    except DefinitionError as e:
        raise LoadFailed(
            [
                LoadError(name, line_for(lines, p.path), f"{format_path(p.path)}: {p.message}")
                for p in e.problems
            ]
        ) from None


def display_name(path: Path) -> str:
    """A path relative to the working directory when possible, as users typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_file(path: Path) -> tuple[str, str]:
    """(text, display name) of a UTF-8 file, or LoadFailed naming the file."""
    name = display_name(path)
    try:
        return path.read_text(encoding="utf-8"), name
    except OSError as e:
        raise LoadFailed([LoadError(name, None, f"cannot read file: {e.strerror}")]) from None
    except UnicodeDecodeError:
        raise LoadFailed([LoadError(name, None, "not UTF-8 text")]) from None


def load_file(path: Path) -> Questionnaire:
    text, name = read_file(path)
    return load_text(text, name)


def is_translation(path: Path) -> bool:
    """`<id>.<lang>.yaml` holds a translation, not a definition."""
    return path.name.count(".") == 2


def definition_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
        else:
            files.extend(
                sorted(
                    p
                    for p in d.glob("*.yaml")
                    if not p.name.startswith("_") and not is_translation(p)
                )
            )
    return files


def translation_file(dirs: list[Path], qid: str, lang: str) -> Path | None:
    for d in dirs:
        path = (d if d.is_dir() else d.parent) / f"{qid}.{lang}.yaml"
        if path.is_file():
            return path
    return None


def load_translation(path: Path, model: Questionnaire) -> tuple[Questionnaire, list[str]]:
    """The model in another language, and the text keys left in English.

    Problems in the translation (unknown ids, non-text values) fail with
    file:line errors like a definition's.
    """
    from .translations import translate

    text, name = read_file(path)
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise LoadFailed([LoadError(name, 1, "expected a mapping of texts by id")])
    translated, missing, problems = translate(model.definition, data)
    if problems:
        raise LoadFailed(
            [
                LoadError(name, line_for(lines, p.path), f"{format_path(p.path)}: {p.message}")
                for p in problems
            ]
        )
    try:
        return validate(translated), missing
    except DefinitionError as e:
        raise LoadFailed([LoadError(name, None, str(p)) for p in e.problems]) from None


def load_all(dirs: list[Path] | None = None) -> list[Questionnaire]:
    """Load every definition; collect errors from all files, then fail once."""
    errors: list[LoadError] = []
    models: list[Questionnaire] = []
    seen: dict[str, str] = {}
    for path in definition_files(dirs or [QUESTIONNAIRE_DIR]):
        try:
            text, name = read_file(path)
            model = load_text(text, name)
        except LoadFailed as e:
            errors.extend(e.errors)
            continue
        if model.id in seen:
            errors.append(
                LoadError(name, 1, f"id: '{model.id}' is already used by {seen[model.id]}")
            )
            continue
        seen[model.id] = name
        models.append(model)
    if errors:
        raise LoadFailed(errors)
    return models
