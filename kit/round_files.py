"""Reading and writing the files of `kit round`: one-line errors naming the file."""

import datetime
import json
import os
import re
from pathlib import Path

from .cli_errors import write_output
from .engine.errors import InputError
from .engine.rounds_check import check_round

ROUND_SUFFIX = ".cxround.json"
KEY_SUFFIX = ".cxkey.json"


def read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"{path}: cannot read: {e.strerror}") from None
    except UnicodeDecodeError:
        raise SystemExit(f"{path}: not UTF-8 text") from None


def read_json(path: str):
    try:
        return json.loads(read_text(path))
    except ValueError as e:
        raise SystemExit(f"{path}: invalid JSON: {e}") from None


def questionnaire(spec: str):
    from .cli import _definition
    from .loader import LoadFailed

    try:
        return _definition(spec)
    except LoadFailed as e:
        raise SystemExit(str(e.errors[0])) from None


def read_round(path: str, definition: str | None = None):
    """(validated round, its questionnaire's model): the bundled questionnaire the round
    names, or the definition file given (an organisation's own questionnaire)."""
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("questionnaire"), str):
        raise SystemExit(f"{path}: not a round file (kind cx-kit-round)")
    model = questionnaire(definition or data["questionnaire"])
    try:
        return check_round(data, model), model
    except InputError as e:
        raise SystemExit(f"{path}: {e}") from None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "round"


def today() -> str:
    return datetime.date.today().isoformat()


def write_new(path: str, text: str) -> None:
    if Path(path).exists():
        raise SystemExit(f"{path}: already exists: choose another name with -o")
    write_output(path, text)


def write_private(path: str, text: str) -> None:
    """A new file only its owner can read, created so (never readable for a moment)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SystemExit(f"{path}: already exists: choose another name with -o") from None
    except OSError as e:
        raise SystemExit(f"{path}: cannot write: {e.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
