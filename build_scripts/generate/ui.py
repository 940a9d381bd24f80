"""The words the generated pages and the browser show around the questions.

They are data, one file per language: ui_strings/en.yaml (every key) and
ui_strings/<code>.yaml for each translation, which names itself in
`language_name`. A third language is a new file; a key it leaves out shows in
English, and the build warns about it.
"""

import functools
from pathlib import Path

import yaml

UI_DIR = Path(__file__).parent / "ui_strings"


class UIStringsError(ValueError):
    """A UI strings file cannot be used; the message names the file and the key."""


@functools.cache
def load(lang: str) -> dict[str, str]:
    """The strings of ui_strings/<lang>.yaml, checked: a mapping of key to text."""
    path = UI_DIR / f"{lang}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise UIStringsError(f"{path}: no UI strings for language '{lang}'") from None
    except yaml.YAMLError as e:
        raise UIStringsError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise UIStringsError(f"{path}: expected `key: text` lines")
    for key, text in data.items():
        if not isinstance(text, str):
            raise UIStringsError(f"{path}: {key}: expected text in double quotes, got {text!r}")
    return data


# Languages besides English that have UI strings (a file each).
LANGUAGES = tuple(sorted(p.stem for p in UI_DIR.glob("*.yaml") if p.stem != "en"))
UI_EN = load("en")
# Language names in their own language, for the language links.
LANGUAGE_NAMES = {lang: load(lang).get("language_name", lang) for lang in ("en", *LANGUAGES)}


def ui_for(lang: str) -> tuple[dict[str, str], list[str]]:
    """The page words for a language, English where a word is missing (listed)."""
    if lang == "en":
        return dict(UI_EN), []
    table = load(lang)
    missing = [k for k in UI_EN if k not in table]
    return {**UI_EN, **{k: v for k, v in table.items() if k in UI_EN}}, missing
