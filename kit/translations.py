"""Translations of questionnaire definitions: texts only, never scoring.

A translation file `<id>.<lang>.yaml` beside `<id>.yaml` holds only texts,
keyed by the definition's own ids:

    language: de
    title: ...
    summary: ...
    intro: ...
    roles: {manager: ..., employee: ...}
    scales: {frequency: {0: Nie, 1: Selten}}
    dimensions: {understanding: {title: ..., description: ...,
                                 recommendations: {understanding-calls: ...}}}
    questions: {needs: {text: {manager: ..., employee: ...}, short: ..., help: ...}}
    rules: {fully-committed: {label: ..., text: ...}}
    bands: {talking: {label: ..., text: ...}}
    report: {gaps: ...}
    source: {description: ...}   # only for an untitled source

A band, rule or recommendation text written per role in the definition is
translated per role too: `bands: {talking: {text: {manager: ..., employee: ...}}}`.

`translate()` copies the definition and replaces each text it finds; ids,
values, weights and conditions are untouched, so a translated questionnaire
scores exactly like the original. Missing texts stay in English and are
reported by key; keys that match nothing in the definition are problems.
Pure functions: the caller reads the files.
"""

import copy
from typing import Any

from .engine.errors import Problem

TOP_TEXTS = ("title", "summary", "intro")
KNOWN = {"language", *TOP_TEXTS, "source", "roles", "role_names", "scales", "dimensions",
         "questions", "rules", "bands", "report"}  # fmt: skip


class _Walk:
    def __init__(self, texts: dict):
        self.texts = texts
        self.missing: list[str] = []
        self.problems: list[Problem] = []

    def lookup(self, path: tuple, english: Any) -> Any:
        """The translation at `path`, or the English text (noted as missing)."""
        node: Any = self.texts
        for part in path:
            # Option values are written as YAML numbers (0: Nie) or text ("0": Nie).
            alt = int(part) if isinstance(part, str) and part.lstrip("-").isdigit() else part
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, dict) and alt in node:
                node = node[alt]
            else:
                self.missing.append(".".join(str(p) for p in path))
                return english
        if not isinstance(node, str) or not node.strip():
            self.problems.append(Problem(path, "expected non-empty text"))
            return english
        return node

    def text(self, path: tuple, english: Any) -> Any:
        """A text that is one string or a mapping role -> text (issue 16: per-role advice)."""
        if isinstance(english, dict):
            return {role: self.lookup((*path, role), t) for role, t in english.items()}
        return self.lookup(path, english)

    def unknown(self, section: str, known: set, sub: str | None = None) -> None:
        block = self.texts.get(section)
        if block is None:
            return
        if not isinstance(block, dict):
            self.problems.append(Problem((section,), "expected a mapping by id"))
            return
        for key in block:
            if str(key) not in {str(k) for k in known}:
                what = sub or section[:-1]
                names = ", ".join(str(k) for k in sorted(known, key=str)) or "none"
                self.problems.append(
                    Problem((section, key), f"no {what} '{key}' in the definition (known: {names})")
                )


def translate(definition: dict, texts: dict) -> tuple[dict, list[str], list[Problem]]:
    """(translated definition, missing text keys, problems in the translation)."""
    w = _Walk(texts)
    out = copy.deepcopy(definition)
    for key in sorted(set(texts) - KNOWN, key=str):
        w.problems.append(Problem((key,), f"unknown field (allowed: {', '.join(sorted(KNOWN))})"))
    for key in TOP_TEXTS:
        if key in out:
            out[key] = w.lookup((key,), out[key])

    # Only an untitled source's description is prose; names and titles stay as published.
    source = out.get("source", {})
    if source.get("description"):
        source["description"] = w.lookup(("source", "description"), source["description"])
    if isinstance(texts.get("source"), dict):
        for key in texts["source"]:
            if key != "description" or not source.get("description"):
                w.problems.append(
                    Problem(("source", key), "only an untitled source's description is translated")
                )

    roles = out.get("roles", [])
    for role in roles:
        role["label"] = w.lookup(("roles", role["id"]), role["label"])
        if role.get("short"):
            role["short"] = w.lookup(("role_names", role["id"]), role["short"])
    w.unknown("roles", {r["id"] for r in roles})

    scales = out.get("scales", {})
    for name, scale in scales.items():
        for option in scale["options"]:
            option["label"] = w.lookup(("scales", name, str(option["value"])), option["label"])
    w.unknown("scales", set(scales))

    dims = out.get("dimensions", [])
    for dim in dims:
        did = dim["id"]
        dim["title"] = w.lookup(("dimensions", did, "title"), dim["title"])
        if dim.get("description"):
            dim["description"] = w.lookup(("dimensions", did, "description"), dim["description"])
        for j, rec in enumerate(dim.get("recommendations", [])):
            rid = rec.get("id", f"{did}-{j + 1}")
            rec["text"] = w.text(("dimensions", did, "recommendations", rid), rec["text"])
    w.unknown("dimensions", {d["id"] for d in dims})

    questions = out.get("questions", [])
    for q in questions:
        qid = q["id"]
        if isinstance(q.get("text"), dict):
            q["text"] = {
                role: w.lookup(("questions", qid, "text", role), text)
                for role, text in q["text"].items()
            }
        elif "text" in q:
            q["text"] = w.lookup(("questions", qid, "text"), q["text"])
        for key in ("short", "help"):
            if q.get(key):
                q[key] = w.lookup(("questions", qid, key), q[key])
    w.unknown("questions", {q["id"] for q in questions})

    for section in ("rules", "bands"):
        items = out.get(section, [])
        for item in items:
            item["label"] = w.lookup((section, item["id"], "label"), item["label"])
            item["text"] = w.text((section, item["id"], "text"), item["text"])
        w.unknown(section, {i["id"] for i in items})

    report = out.get("report", {})
    for key, heading in report.items():
        report[key] = w.lookup(("report", key), heading)
    w.unknown("report", set(report), sub="report section")
    return out, w.missing, w.problems
