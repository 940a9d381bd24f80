"""Reading a team view's inputs: items, files and result codes into entries.

Each item {"name", "kind", "data"} (see kit.engine.aggregate) becomes entries
(name, kind, payload): a record to check, the tokens of a result code, or a
rejection with its reason. Also which questionnaire the items are for.
"""

import json
from typing import Any

from . import jsontext
from .errors import InputError
from .model import Questionnaire
from .results import decode, read_record

MAX_TEXT_BYTES = 5 * 1024 * 1024  # the page's limit per file; text over it is refused
MAX_TEXT_LABEL = "5 MB"
KINDS = ("record", "code", "text")

_CODE_START = "CX"  # every result code starts so; a piece that does not continues one

NOT_A_RESULT = (
    "this is not a kit result: expected a result file (JSON), a JSON-lines bundle or result codes"
)


def _size_problem(text: str, limit: int | None) -> str | None:
    if limit is None or len(text) * 4 <= limit:
        return None
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (
        f"larger than {MAX_TEXT_LABEL if limit == MAX_TEXT_BYTES else f'{limit} bytes'} "
        f"({size / 1024 / 1024:.1f} MB): split it into smaller files"
    )


def _json_problem(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})"
    return f"malformed JSON: {e}"


def _lines(text: str):
    """The lines of a text, split at "\n" only (not at characters JSON allows in text),
    one at a time so a large bundle is not held twice."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _is_object_line(line: str) -> bool:
    line = line.strip()
    if not line.startswith("{"):
        return False
    try:
        return isinstance(jsontext.loads(line), dict)
    except ValueError:
        return False


def _records(name: str, data: Any):
    """One JSON document: a result, or a list of results (item by item)."""
    if isinstance(data, list):
        if not data:
            yield name, "reject", "the list of results is empty"
        for i, value in enumerate(data, 1):
            yield f"{name} item {i}", "record", value
    else:
        yield name, "record", data


def _json_entries(name: str, text: str):
    """Entries of JSON text: one value, or JSON lines (one value per line)."""
    try:
        data = jsontext.loads(text)
    except ValueError as e:
        whole_error = e
    else:
        yield from _records(name, data)
        return
    if not any(_is_object_line(line) for line in _lines(text)):
        # Not JSON lines either: one damaged JSON document.
        yield name, "reject", _json_problem(whole_error)
        return
    for i, line in enumerate(_lines(text), 1):
        line = line.strip()
        if not line:
            continue
        try:
            value = jsontext.loads(line)
        except ValueError as e:
            problem = _json_problem(e)
            if isinstance(e, json.JSONDecodeError):
                problem = f"malformed JSON: {e.msg} (column {e.colno})"
            yield f"{name} line {i}", "reject", problem
            continue
        yield f"{name} line {i}", "record", value


def _code_entries(name: str, text: str):
    """Result codes separated by whitespace; a piece not starting 'CX' continues a code."""
    groups: list[tuple[int, list[str]]] = []  # (line, tokens)
    for lineno, line in enumerate(_lines(text), 1):
        for token in line.split():
            if token.startswith(_CODE_START) or not groups:
                groups.append((lineno, [token]))
            else:
                groups[-1][1].append(token)
    if not groups:
        yield name, "reject", "the file is empty"
        return
    if not any(tokens[0].startswith(_CODE_START) for _, tokens in groups):
        yield name, "reject", NOT_A_RESULT
        return
    per_line: dict[int, int] = {}
    for lineno, _ in groups:
        per_line[lineno] = per_line.get(lineno, 0) + 1
    seen: dict[int, int] = {}
    for lineno, tokens in groups:
        seen[lineno] = seen.get(lineno, 0) + 1
        where = f"{name} line {lineno}"
        if per_line[lineno] > 1:
            where += f" code {seen[lineno]}"
        yield where, "code", tokens


def _entries(item: Any, index: int, max_bytes: int | None):
    """(name, kind, payload) for every result in one input; kind "reject" has a reason."""
    if not isinstance(item, dict):
        yield f"item {index}", "reject", "expected an item {name, kind, data}"
        return
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        name = f"item {index}"
    kind = item.get("kind")
    data = item.get("data")
    if kind not in KINDS:
        yield name, "reject", f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})"
        return
    if kind == "record":
        yield from _records(name, data)
        return
    if not isinstance(data, str):
        expected = "a result code" if kind == "code" else "the text of a file"
        yield name, "reject", f"expected {expected}"
        return
    too_big = _size_problem(data, max_bytes)
    if too_big:
        yield name, "reject", too_big
        return
    if kind == "code":
        yield name, "code", [data]
        return
    text = data[1:] if data.startswith("\ufeff") else data
    stripped = text.lstrip()
    if not stripped:
        yield name, "reject", "the file is empty"
    elif stripped[0] in "{[":
        yield from _json_entries(name, text)
    else:
        yield from _code_entries(name, text)


# --- which questionnaire -----------------------------------------------------------------


def identify(items: Any, models: dict[str, Questionnaire]) -> str | None:
    """The questionnaire id of the first item entry that is a valid result for one of models.

    For callers that do not know the questionnaire yet (the command line).
    """
    if not isinstance(items, list):
        return None
    for index, item in enumerate(items, 1):
        for _name, kind, payload in _entries(item, index, None):
            try:
                if kind == "record":
                    qid = read_record(payload)["questionnaire"]["id"]
                    if qid in models:
                        read_record(payload, models[qid])
                        return qid
                elif kind == "code":
                    for end in range(len(payload), 0, -1):
                        try:
                            return decode("".join(payload[:end]), models)["questionnaire"]
                        except InputError:
                            continue
            except InputError:
                continue
    return None


def claimed_ids(items: Any) -> list[str]:
    """Questionnaire ids the items name, valid or not, in order of first mention."""
    ids: dict[str, None] = {}
    if not isinstance(items, list):
        return []
    for index, item in enumerate(items, 1):
        for _name, kind, payload in _entries(item, index, None):
            if kind == "record" and isinstance(payload, dict):
                quest = payload.get("questionnaire")
                if isinstance(quest, dict) and isinstance(quest.get("id"), str):
                    ids[quest["id"]] = None
            elif kind == "code":
                parts = "".join(payload).split(".")
                if len(parts) > 1 and parts[0].startswith(_CODE_START):
                    ids[parts[1]] = None
    return list(ids)
