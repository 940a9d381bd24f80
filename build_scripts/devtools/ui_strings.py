"""Carry UI strings from the old Python dicts (ui.py's UI_EN, ui_de.py's UI_DE)
into the data files build_scripts/generate/ui_strings/<lang>.yaml.

    python -m build_scripts.devtools.ui_strings OLD_ui.py en
    python -m build_scripts.devtools.ui_strings OLD_ui_de.py de

Every key of the file's one dict that the language's YAML file lacks is
appended at its end, in the dict's order, with the comments above it; keys
already there are left alone (their text is not compared). One key a line,
its text as a double-quoted YAML string.
"""

import ast
import json
import sys
from pathlib import Path

import yaml

UI_DIR = Path(__file__).resolve().parents[1] / "generate" / "ui_strings"


def read_py(path: Path) -> list[tuple[list[str], str, str]]:
    """(comments above, key, text) of each entry of the file's first dict literal."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    table = next(n for n in ast.walk(tree) if isinstance(n, ast.Dict))
    out, after = [], table.lineno
    for key, value in zip(table.keys, table.values, strict=True):
        comments = [
            line.strip() for line in lines[after : key.lineno - 1] if line.strip().startswith("#")
        ]
        out.append((comments, ast.literal_eval(key), ast.literal_eval(value)))
        after = value.end_lineno
    return out


def entry_lines(comments: list[str], key: str, text: str) -> list[str]:
    # A JSON string is a valid YAML double-quoted scalar.
    return [*comments, f"{key}: {json.dumps(text, ensure_ascii=False)}"]


def append_missing(py_file: Path, lang: str, ui_dir: Path = UI_DIR) -> list[str]:
    """Append the keys of py_file missing from <lang>.yaml; return them."""
    target = ui_dir / f"{lang}.yaml"
    text = target.read_text(encoding="utf-8") if target.is_file() else ""
    have = yaml.safe_load(text) or {}
    added, new_lines = [], []
    for comments, key, value in read_py(py_file):
        if key not in have:
            new_lines += entry_lines(comments, key, value)
            added.append(key)
    if new_lines:
        if text and not text.endswith("\n"):
            text += "\n"
        target.write_text(text + "\n".join(new_lines) + "\n", encoding="utf-8")
    return added


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    added = append_missing(Path(args[0]), args[1])
    print(f"{len(added)} key(s) added to {UI_DIR / (args[1] + '.yaml')}: {', '.join(added)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
