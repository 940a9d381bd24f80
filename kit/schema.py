"""The JSON Schema (draft 2020-12) of a questionnaire definition, generated.

Built from the engine's own validator: the field sets (TOP_FIELDS,
QUESTION_FIELDS, REPORT_SECTIONS, and those of recommendations, rules, bands,
counts and checklists) and the id rule (ID_RE) are imported from the engine,
so a field added there fails the build of this schema until it is described
here. The few nested field sets the validator spells inline are repeated
below and tests/test_schema.py probes the validator for each, so they cannot
drift either.

The schema is for editors (autocompletion and checks while typing, through
`# yaml-language-server: $schema=...`): the engine stays the authority, and
checks the schema cannot express (bands covering 0-100, known dimension and
scale names, conditions naming earlier questions) are only in `kit validate`.

`kit schema` prints it; kit/questionnaire.schema.json is the committed copy.
"""

import json
from pathlib import Path

from .engine.bands import BAND_FIELDS
from .engine.model import ID_HINT, ID_RE, QUESTION_FIELDS, REPORT_SECTIONS, TOP_FIELDS
from .engine.questions import REC_FIELDS as RECOMMENDATION_FIELDS
from .engine.rules import CHECKLIST_FIELDS, COUNT_FIELDS, RULE_FIELDS, WHEN_FIELDS

SCHEMA_FILE = Path(__file__).parent / "questionnaire.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# model.py's validator allows exactly these fields in each nested mapping.
SOURCE_FIELDS = {"author", "article", "year", "publisher", "url", "untitled", "description"}
ROLE_FIELDS = {"id", "label", "short"}
SCALE_FIELDS = {"options"}
OPTION_FIELDS = {"value", "label", "scored"}
DIMENSION_FIELDS = {"id", "title", "description", "recommendations", "show_if"}
CONDITION_FIELDS = {"question", "equals", "in"}
# A question's `type`: "scale" items are scored, "route" items only decide what is shown.
QUESTION_TYPES = ("scale", "route")


class SchemaDrift(RuntimeError):
    """The engine allows other fields than this module describes."""


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _object(what: str, allowed: set[str], properties: dict, required: list[str], **extra) -> dict:
    """A closed mapping whose properties must be exactly the engine's field set."""
    if set(properties) != set(allowed):
        missing = sorted(set(allowed) - set(properties))
        stale = sorted(set(properties) - set(allowed))
        raise SchemaDrift(
            f"kit/schema.py: {what}: the engine allows {', '.join(sorted(allowed))}; "
            f"describe {', '.join(missing) or '-'} and drop {', '.join(stale) or '-'}"
        )
    out = {"type": "object", **extra, "properties": properties}
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _text(description: str, **extra) -> dict:
    return {"$ref": "#/$defs/text", "description": description, **extra}


def _optional_text(description: str, **extra) -> dict:
    return {"type": "string", "description": description, **extra}


def _id(description: str, **extra) -> dict:
    return {"$ref": "#/$defs/id", "description": description, **extra}


def _score(description: str, **extra) -> dict:
    return {"type": "number", "minimum": 0, "maximum": 100, "description": description, **extra}


def _defs() -> dict:
    return {
        "id": {
            "type": "string",
            "pattern": ID_RE.pattern,
            "description": f"An id: {ID_HINT}.",
        },
        "text": {
            "type": "string",
            "pattern": r"\S",
            "description": "Non-empty text.",
        },
        "source": _object(
            "source",
            SOURCE_FIELDS,
            {
                "author": _text(
                    "Who published the framework the questionnaire is based on.",
                    examples=["MyCustomer"],
                ),
                "article": _text(
                    "The title of the article or book the framework comes from.",
                    examples=["CEM maturity model pt 3"],
                ),
                "year": {
                    "type": "integer",
                    "description": "The year it was published.",
                    "examples": [2019],
                },
                "publisher": _optional_text("Where it was published.", examples=["MyCustomer"]),
                "url": _optional_text(
                    "A link to the original.", examples=["https://example.org/article"]
                ),
                "untitled": {
                    "type": "boolean",
                    "description": (
                        "The piece has no title: leave out article and describe it instead."
                    ),
                },
                "description": _text(
                    "What an untitled piece is; shown instead of a title.",
                    examples=["Untitled article by a service-transformation consultant"],
                ),
            },
            [],
            description="Credit for the framework: shown on the questionnaire's page.",
            # An untitled piece is described, never given an invented title.
            **{
                "if": {"properties": {"untitled": {"const": True}}, "required": ["untitled"]},
                "then": {"required": ["description"], "not": {"required": ["article"]}},
                "else": {"required": ["author", "article"]},
            },
        ),
        "role": _object(
            "roles[]",
            ROLE_FIELDS,
            {
                "id": _id(
                    "The role's id: keys of per-role question texts and in results.",
                    examples=["manager", "employee"],
                ),
                "label": _text(
                    "What a respondent picks to say who they are.",
                    examples=["I lead people and am rating myself"],
                ),
                "short": _text(
                    "The group's short name in team reports (optional; the label otherwise).",
                    examples=["Managers (self)"],
                ),
            },
            ["id", "label"],
        ),
        "scale": _object(
            "scales.<name>",
            SCALE_FIELDS,
            {
                "options": {
                    "type": "array",
                    "minItems": 2,
                    "items": _ref("option"),
                    "description": (
                        "The answers, in the order shown. At least two must be scored; "
                        "the lowest scored value counts 0, the highest 100."
                    ),
                }
            },
            ["options"],
            description="An answer scale, referenced by name from questions.",
        ),
        "option": _object(
            "scales.<name>.options[]",
            OPTION_FIELDS,
            {
                "value": {
                    "type": "integer",
                    "description": "The answer's value: a whole number, unique in the scale.",
                    "examples": [0, 4],
                },
                "label": _text("The answer as shown.", examples=["Always"]),
                "scored": {
                    "type": "boolean",
                    "default": True,
                    "description": (
                        'false for an answer such as "don\'t know": counted, '
                        "but not part of the score."
                    ),
                },
            },
            ["value", "label"],
        ),
        "dimension": _object(
            "dimensions[]",
            DIMENSION_FIELDS,
            {
                "id": _id("The dimension's id, named by its questions.", examples=["listening"]),
                "title": _text("Its name in results.", examples=["Listening to customers"]),
                "description": _optional_text("One sentence on what it measures."),
                "recommendations": {
                    "type": "array",
                    "items": _ref("recommendation"),
                    "description": "Advice shown when the dimension scores low.",
                },
                "show_if": {
                    **_ref("condition"),
                    "description": (
                        "Hide the whole dimension unless a question before its first "
                        "one has one of these answers."
                    ),
                },
            },
            ["id", "title"],
        ),
        "recommendation": _object(
            "dimensions[].recommendations[]",
            RECOMMENDATION_FIELDS,
            {
                "id": _id(
                    "The recommendation's id (default: <dimension>-<position>).",
                    examples=["listening-calls"],
                ),
                "text": {
                    **_ref("role_text"),
                    "description": (
                        "Markdown; links are relative to docs/ (e.g. guide/top-down-nps.md). "
                        "One text, or one per role id."
                    ),
                },
                "roles": {
                    "type": "array",
                    "minItems": 1,
                    "items": _ref("id"),
                    "description": "Shown only to these roles (default: every role).",
                },
                "unknown": {
                    "type": "boolean",
                    "default": False,
                    "description": (
                        "Shown when a shown question of the dimension was answered with an "
                        'unscored option such as "don\'t know" (with below: either one shows it).'
                    ),
                },
                "below": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": 100,
                    "description": (
                        "Shown when the dimension scores below this (0-100); "
                        "without it (and without unknown), always shown."
                    ),
                    "examples": [75],
                },
            },
            ["text"],
        ),
        "condition": {
            **_object(
                "show_if",
                CONDITION_FIELDS,
                {
                    "question": _id("An earlier question's id.", examples=["phase"]),
                    "equals": {
                        "type": "integer",
                        "description": "Shown when that question's answer is this value.",
                    },
                    "in": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "integer"},
                        "description": "Shown when that question's answer is one of these.",
                    },
                },
                ["question"],
                description=(
                    "Shown only when an earlier question has one of the given answers: "
                    "{question: ID, equals: VALUE} or {question: ID, in: [VALUES]}."
                ),
            ),
            "oneOf": [{"required": ["equals"]}, {"required": ["in"]}],
        },
        "role_text": {
            "description": "One text for every role, or one text per role id (every role).",
            "oneOf": [
                _ref("text"),
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": _ref("id"),
                    "additionalProperties": _ref("text"),
                },
            ],
        },
        "question_text": {
            "description": "The question: one text for every role, or one text per role id.",
            "oneOf": [
                _ref("text"),
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": _ref("id"),
                    "additionalProperties": _ref("text"),
                },
            ],
        },
        "question": {
            **_object(
                "questions[]",
                QUESTION_FIELDS,
                {
                    "id": _id("The question's id: the key of its answer.", examples=["visits"]),
                    "type": {
                        "enum": list(QUESTION_TYPES),
                        "default": "scale",
                        "description": (
                            "scale: scored (the default); route: not scored, the answer "
                            "only decides which questions are shown."
                        ),
                    },
                    "dimension": _id("The dimension it counts towards (not for route questions)."),
                    "scale": _id("The name of its answer scale.", examples=["frequency"]),
                    "text": _ref("question_text"),
                    "short": _optional_text("A short name used in result lists."),
                    "help": _optional_text("An explanation shown under the question."),
                    "weight": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "default": 1,
                        "description": "Its weight in the dimension and overall scores.",
                    },
                    "reverse": {
                        "type": "boolean",
                        "default": False,
                        "description": "true when agreeing is bad: the scale is flipped.",
                    },
                    "show_if": {
                        **_ref("condition"),
                        "description": "Show the question only after these answers.",
                    },
                },
                ["id", "scale", "text"],
            ),
            # A route question has no dimension; every other one needs one.
            "if": {"properties": {"type": {"const": "route"}}, "required": ["type"]},
            "then": {"not": {"required": ["dimension"]}},
            "else": {"required": ["dimension"]},
        },
        "rule": _object(
            "rules[]",
            RULE_FIELDS,
            {
                "id": _id("The result's id (unique among rules and bands)."),
                "label": _text("The result's name."),
                "text": {
                    **_ref("role_text"),
                    "description": "What it means and what to do: one text, or one per role.",
                },
                "when": _ref("when"),
            },
            ["id", "label", "text", "when"],
        ),
        "when": _object(
            "rules[].when",
            WHEN_FIELDS,
            {
                "all_items": {
                    "type": "integer",
                    "description": "Every scored question was answered with this value.",
                },
                "any_item": {
                    "type": "integer",
                    "description": "At least one scored question was answered with this value.",
                },
                "dimension_below": {
                    "type": "object",
                    "propertyNames": _ref("id"),
                    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 100},
                    "description": "Dimension ids and scores they must be below.",
                },
                "overall_below": _score("The overall score is below this."),
                "overall_at_least": _score("The overall score is at least this."),
                "any_dimension_below": _score(
                    "At least one shown dimension with a score is below this."
                ),
                "any_item_at_most": {
                    "type": "integer",
                    "description": (
                        "At least one shown question was answered with a scored option of this "
                        "value or worse (a reversed question read the usual way round)."
                    ),
                },
                "count": {
                    "description": (
                        "How many shown questions were answered with one of the values: "
                        "{values: [V, ...], at_least: N} or {values: [...], fewer_than: N}, "
                        "or a list of such counts that must all hold."
                    ),
                    "oneOf": [
                        _ref("count"),
                        {"type": "array", "minItems": 1, "items": _ref("count")},
                    ],
                },
                "unknown_at_least": {
                    "type": "integer",
                    "minimum": 1,
                    "description": (
                        "At least this many shown questions were answered with an unscored "
                        'option such as "don\'t know".'
                    ),
                },
            },
            [],
            minProperties=1,
            description="Conditions that must all hold.",
        ),
        "count": {
            **_object(
                "rules[].when.count",
                COUNT_FIELDS,
                {
                    "values": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "integer"},
                        "description": "Option values counted (unscored ones allowed).",
                    },
                    "at_least": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Holds when this many or more were answered so.",
                    },
                    "fewer_than": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Holds when fewer than this many were answered so.",
                    },
                },
                ["values"],
                description="A count of answers with the given values.",
            ),
            "oneOf": [{"required": ["at_least"]}, {"required": ["fewer_than"]}],
        },
        "band": _object(
            "bands[]",
            BAND_FIELDS,
            {
                "id": _id("The result's id.", examples=["emerging"]),
                "min": _score("Lowest overall score in the band (included).", examples=[0]),
                "max": _score(
                    "Highest overall score (excluded, except 100 for the top band).",
                    examples=[40],
                ),
                "label": _text("The result's name.", examples=["Emerging"]),
                "text": {
                    **_ref("role_text"),
                    "description": "What it means and what to do next: one text, or one per role.",
                },
                "weakest_at_least": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": 100,
                    "description": (
                        "Given only when every shown dimension with a score is at least this; "
                        "otherwise the result is the highest band below whose floor is met. "
                        "Not on the lowest band; never lower than a floor below."
                    ),
                    "examples": [50],
                },
            },
            ["id", "min", "max", "label", "text"],
        ),
    }


def build() -> dict:
    """The schema as a dict, ready for json.dumps."""
    top = _object(
        "top level",
        TOP_FIELDS,
        {
            "id": _id(
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
            "title": _text("The page title.", examples=["Does our leadership live the vision?"]),
            "summary": _text("One or two sentences for the assessments index."),
            "intro": _optional_text("Markdown shown above the questions."),
            "source": _ref("source"),
            "roles": {
                "type": "array",
                "minItems": 1,
                "items": _ref("role"),
                "description": "Who answers, e.g. managers rating themselves and their employees.",
            },
            "scales": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": _ref("id"),
                "additionalProperties": _ref("scale"),
                "description": "Answer scales by name, defined once and named by questions.",
            },
            "dimensions": {
                "type": "array",
                "minItems": 1,
                "items": _ref("dimension"),
                "description": "Groups of questions, each scored 0-100.",
            },
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": _ref("question"),
                "description": "The questions, in the order shown.",
            },
            "rules": {
                "type": "array",
                "items": _ref("rule"),
                "description": (
                    "Named results checked in order before the bands; the first that holds wins."
                ),
            },
            "bands": {
                "type": "array",
                "minItems": 1,
                "items": _ref("band"),
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
                    "gaps": _text("Heading of the list of questions not at the best answer."),
                    "unknown": _text("Heading of the list of questions answered 'don't know'."),
                    "weakest": _text("Heading of the weakest dimension."),
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
        "$defs": _defs(),
    }


def render() -> str:
    """The schema as the committed file's text."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
