"""The JSON Schema (draft 2020-12) of a questionnaire definition, generated.

Built from the engine's own validator: the field sets (TOP_FIELDS,
QUESTION_FIELDS, REPORT_SECTIONS, and those of recommendations, rules, bands,
counts and checklists) and the id rule (ID_RE) are imported from the engine,
so a field added there fails the build of this schema until it is described.
This module holds the top level; the $defs are kit/schema_defs.py (the
definition's parts) and kit/schema_results.py (rules and bands), built from
kit/schema_blocks.py. The few nested field sets the validator spells inline are
repeated in kit/schema_defs.py and tests/test_schema.py probes the validator
for each, so they cannot drift either.

The schema is for editors (autocompletion and checks while typing, through
`# yaml-language-server: $schema=...`): the engine stays the authority, and
checks the schema cannot express (bands covering 0-100, known dimension and
scale names, conditions naming earlier questions) are only in `kit validate`.

`kit schema` prints it; kit/questionnaire.schema.json is the committed copy.
"""

import json
from functools import partial
from pathlib import Path

from . import schema_defs, schema_results
from .engine.model import REPORT_SECTIONS, TOP_FIELDS
from .engine.rules import CHECKLIST_FIELDS
from .schema_blocks import SchemaDrift, closed, ident, optional_text, ref, text

__all__ = ["DIALECT", "SCHEMA_FILE", "SchemaDrift", "build", "render"]

SCHEMA_FILE = Path(__file__).parent / "questionnaire.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_object = partial(closed, "kit/schema.py")


def build() -> dict:
    """The schema as a dict, ready for json.dumps."""
    top = _object(
        "top level",
        TOP_FIELDS,
        {
            "id": ident(
                "The questionnaire's id: the file name without .yaml and the page's address.",
                examples=["leadership-vision"],
            ),
            "version": {
                "type": "integer",
                "minimum": 1,
                "description": (
                    "Raise it when questions change: saved answers are kept per version."
                ),
                "examples": [1],
            },
            "title": text("The page title.", examples=["Does our leadership live the vision?"]),
            "summary": text("One or two sentences for the assessments index."),
            "intro": optional_text("Markdown shown above the questions."),
            "source": ref("source"),
            "roles": {
                "type": "array",
                "minItems": 1,
                "items": ref("role"),
                "description": "Who answers, e.g. managers rating themselves and their employees.",
            },
            "scales": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": ref("id"),
                "additionalProperties": ref("scale"),
                "description": "Answer scales by name, defined once and named by questions.",
            },
            "dimensions": {
                "type": "array",
                "minItems": 1,
                "items": ref("dimension"),
                "description": "Groups of questions, each scored 0-100.",
            },
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": ref("question"),
                "description": "The questions, in the order shown.",
            },
            "rules": {
                "type": "array",
                "items": ref("rule"),
                "description": (
                    "Named results checked in order before the bands; the first that holds wins."
                ),
            },
            "bands": {
                "type": "array",
                "minItems": 1,
                "items": ref("band"),
                "description": (
                    "Results by overall score: ranges [min, max) covering 0-100 "
                    "with no gap or overlap."
                ),
            },
            "checklist": _object(
                "checklist",
                CHECKLIST_FIELDS,
                {
                    "yes": {
                        "type": "integer",
                        "description": (
                            'The option value that is a confirmed yes (write "yes" in quotes: '
                            "YAML reads a bare yes as true). The result counts the yeses."
                        ),
                        "examples": [2],
                    },
                },
                ["yes"],
                description=(
                    "An all-or-nothing checklist: the result is headlined by how many "
                    "questions are a clear yes, not by the 0-100 score."
                ),
            ),
            "report": _object(
                "report",
                REPORT_SECTIONS,
                {
                    "gaps": text("Heading of the list of questions not at the best answer."),
                    "unknown": text("Heading of the list of questions answered 'don't know'."),
                    "weakest": text("Heading of the weakest dimension."),
                },
                [],
                description="Optional result sections, each with its heading.",
            ),
        },
        [
            "id",
            "version",
            "title",
            "summary",
            "source",
            "roles",
            "scales",
            "dimensions",
            "questions",
            "bands",
        ],  # fmt: skip
    )
    return {
        "$schema": DIALECT,
        "title": "Questionnaire definition",
        "description": (
            "A questionnaire of the customer-centric leadership kit (kit/questionnaires/"
            "<id>.yaml). Generated by `kit schema` from kit/engine/model.py: do not edit. "
            "`kit validate` is the authority and reports what a schema cannot check."
        ),
        **top,
        "$defs": {**schema_defs.defs(), **schema_results.defs()},
    }


def render() -> str:
    """The schema as the committed file's text."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
