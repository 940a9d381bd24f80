"""Errors the engine raises for user mistakes, each naming where it happened."""

from .records import Record

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """('questions', 2, 'scale') -> 'questions[2].scale'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


class Problem(Record):
    """One thing wrong with a definition, at a field path."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{format_path(self.path)}: {self.message}"


class DefinitionError(ValueError):
    """A questionnaire definition is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class AnswerError(ValueError):
    """Answers do not fit the questionnaire (unknown question, value off the scale)."""


class InputError(ValueError):
    """A tool's input is unusable (a CSV without a score column, a foreign result code)."""
