"""Reading a definition's fields: every problem collected with its field path.

The validators (kit.engine.model for the questionnaire, kit.engine.rules for
results, kit.engine.stories for story templates) read plain dicts through a
`_Checker`, so one run reports every problem, each naming the field and the fix.
"""

import re
from typing import Any

from .errors import Path, Problem

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_HINT = "lowercase letters, digits, '-' or '_', starting with a letter or digit"


class _Checker:
    """Collects problems while reading a definition, so all are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: Any, path: Path) -> dict | None:
        if isinstance(value, dict):
            return value
        self.add(path, f"expected a mapping of fields, got {_kind(value)}")
        return None

    def seq(self, data: dict, key: str, path: Path, *, min_items: int = 1) -> list:
        value = data.get(key)
        if value is None:
            self.add(path + (key,), "required list is missing")
            return []
        if not isinstance(value, list):
            self.add(path + (key,), f"expected a list, got {_kind(value)}")
            return []
        if len(value) < min_items:
            self.add(path + (key,), f"expected at least {min_items} item(s), got {len(value)}")
        return value

    def text(self, data: dict, key: str, path: Path, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "required text is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(path + (key,), f"expected non-empty text, got {_kind(value)}")
            return ""
        return value

    def ident(self, data: dict, key: str, path: Path) -> str:
        value = self.text(data, key, path)
        if value and not ID_RE.match(value):
            self.add(path + (key,), f"'{value}' is not a valid id ({ID_HINT})")
        return value

    def integer(self, data: dict, key: str, path: Path, *, required: bool = True) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "required whole number is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path + (key,), f"expected a whole number, got {_kind(value)}")
            return None
        return value

    def number(self, data: dict, key: str, path: Path, default: float | None) -> float | None:
        value = data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(path + (key,), f"expected a number, got {_kind(value)}")
            return default
        return float(value)

    def flag(self, data: dict, key: str, path: Path, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.add(path + (key,), f"expected true or false, got {_kind(value)}")
            return default
        return value

    def unknown_keys(self, data: dict, allowed: set[str], path: Path) -> None:
        for key in data:
            if key not in allowed:
                self.add(
                    path + (str(key),),
                    f"unknown field (allowed: {', '.join(sorted(allowed))})",
                )

    def unique(self, items: list[tuple[str, Path]], what: str) -> None:
        seen: dict[str, Path] = {}
        for ident, path in items:
            if not ident:
                continue
            if ident in seen:
                self.add(path, f"duplicate {what} '{ident}'")
            else:
                seen[ident] = path


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) < 40 else "text"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _role_texts(c: _Checker, raw: Any, path: Path, role_ids: list[str]) -> dict[str, str]:
    """A question's wording: one text for every role, or one per role."""
    if isinstance(raw, str) and raw.strip():
        return {r: raw for r in role_ids}
    if isinstance(raw, dict):
        texts = {}
        for key, value in raw.items():
            if key not in role_ids:
                c.add(path + (str(key),), f"unknown role '{key}' (defined: {', '.join(role_ids)})")
            elif not isinstance(value, str) or not value.strip():
                c.add(path + (key,), f"expected non-empty text, got {_kind(value)}")
            else:
                texts[key] = value
        missing = [r for r in role_ids if r not in raw]
        if missing:
            c.add(path, f"missing wording for role(s) {', '.join(missing)}")
        return texts
    if raw is None:
        c.add(path, "required text is missing (one text, or one per role)")
    else:
        c.add(path, f"expected text or a mapping of role to text, got {_kind(raw)}")
    return {}
