"""The $defs of the questionnaire schema that describe the definition's parts.

Sources, roles, scales and their options, dimensions and their recommendations,
show_if conditions, per-role texts and questions; the results (rules, bands) are
in kit/schema_results.py. Each closed mapping is checked against the engine's
field set (see kit/schema_blocks.closed); the nested field sets the validator
spells inline are repeated here and tests/test_schema.py probes the validator for
each, so they cannot drift either.
"""

from functools import partial

from .engine.model import ID_HINT, ID_RE, QUESTION_FIELDS
from .engine.questions import REC_FIELDS as RECOMMENDATION_FIELDS
from .schema_blocks import closed, ident, optional_text, ref, text

# model.py's validator allows exactly these fields in each nested mapping.
SOURCE_FIELDS = {"author", "article", "year", "publisher", "url", "untitled", "description"}
ROLE_FIELDS = {"id", "label", "short"}
SCALE_FIELDS = {"options"}
OPTION_FIELDS = {"value", "label", "scored"}
DIMENSION_FIELDS = {"id", "title", "description", "recommendations", "show_if"}
CONDITION_FIELDS = {"question", "equals", "in"}
# A question's `type`: "scale" items are scored, "route" items only decide what is shown.
QUESTION_TYPES = ("scale", "route")

_object = partial(closed, "kit/schema_defs.py")


def defs() -> dict:
    """The parts' definitions by name, in the committed file's order."""
    return {
        "id": _id_pattern(),
        "text": _nonempty_text(),
        "source": _source(),
        "role": _role(),
        "scale": _scale(),
        "option": _option(),
        "dimension": _dimension(),
        "recommendation": _recommendation(),
        "condition": _condition(),
        "role_text": _per_role("One text for every role, or one text per role id (every role)."),
        "question_text": _per_role(
            "The question: one text for every role, or one text per role id."
        ),
        "question": _question(),
    }


def _id_pattern() -> dict:
    """An id, as the engine's ID_RE accepts it."""
    return {
        "type": "string",
        "pattern": ID_RE.pattern,
        "description": f"An id: {ID_HINT}.",
    }


def _nonempty_text() -> dict:
    """Non-empty text."""
    return {
        "type": "string",
        "pattern": r"\S",
        "description": "Non-empty text.",
    }


def _source() -> dict:
    """Credit for the framework; an untitled piece is described instead."""
    return _object(
        "source",
        SOURCE_FIELDS,
        {
            "author": text(
                "Who published the framework the questionnaire is based on.",
                examples=["MyCustomer"],
            ),
            "article": text(
                "The title of the article or book the framework comes from.",
                examples=["CEM maturity model pt 3"],
            ),
            "year": {
                "type": "integer",
                "description": "The year it was published.",
                "examples": [2019],
            },
            "publisher": optional_text("Where it was published.", examples=["MyCustomer"]),
            "url": optional_text(
                "A link to the original.", examples=["https://example.org/article"]
            ),
            "untitled": {
                "type": "boolean",
                "description": (
                    "The piece has no title: leave out article and describe it instead."
                ),
            },
            "description": text(
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
    )


def _role() -> dict:
    """One of `roles`: who answers."""
    return _object(
        "roles[]",
        ROLE_FIELDS,
        {
            "id": ident(
                "The role's id: keys of per-role question texts and in results.",
                examples=["manager", "employee"],
            ),
            "label": text(
                "What a respondent picks to say who they are.",
                examples=["I lead people and am rating myself"],
            ),
            "short": text(
                "The group's short name in team reports (optional; the label otherwise).",
                examples=["Managers (self)"],
            ),
        },
        ["id", "label"],
    )


def _scale() -> dict:
    """An answer scale, named by questions."""
    return _object(
        "scales.<name>",
        SCALE_FIELDS,
        {
            "options": {
                "type": "array",
                "minItems": 2,
                "items": ref("option"),
                "description": (
                    "The answers, in the order shown. At least two must be scored; "
                    "the lowest scored value counts 0, the highest 100."
                ),
            }
        },
        ["options"],
        description="An answer scale, referenced by name from questions.",
    )


def _option() -> dict:
    """One answer of a scale."""
    return _object(
        "scales.<name>.options[]",
        OPTION_FIELDS,
        {
            "value": {
                "type": "integer",
                "description": "The answer's value: a whole number, unique in the scale.",
                "examples": [0, 4],
            },
            "label": text("The answer as shown.", examples=["Always"]),
            "scored": {
                "type": "boolean",
                "default": True,
                "description": (
                    'false for an answer such as "don\'t know": counted, but not part of the score.'
                ),
            },
        },
        ["value", "label"],
    )


def _dimension() -> dict:
    """A group of questions, scored 0-100."""
    return _object(
        "dimensions[]",
        DIMENSION_FIELDS,
        {
            "id": ident("The dimension's id, named by its questions.", examples=["listening"]),
            "title": text("Its name in results.", examples=["Listening to customers"]),
            "description": optional_text("One sentence on what it measures."),
            "recommendations": {
                "type": "array",
                "items": ref("recommendation"),
                "description": "Advice shown when the dimension scores low.",
            },
            "show_if": {
                **ref("condition"),
                "description": (
                    "Hide the whole dimension unless a question before its first "
                    "one has one of these answers."
                ),
            },
        },
        ["id", "title"],
    )


def _recommendation() -> dict:
    """Advice of a dimension, shown by score or unknowns."""
    return _object(
        "dimensions[].recommendations[]",
        RECOMMENDATION_FIELDS,
        {
            "id": ident(
                "The recommendation's id (default: <dimension>-<position>).",
                examples=["listening-calls"],
            ),
            "text": {
                **ref("role_text"),
                "description": (
                    "Markdown; links are relative to docs/ (e.g. guide/top-down-nps.md). "
                    "One text, or one per role id."
                ),
            },
            "roles": {
                "type": "array",
                "minItems": 1,
                "items": ref("id"),
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
    )


def _condition() -> dict:
    """A show_if: an earlier question's answer equals or is in values."""
    return {
        **_object(
            "show_if",
            CONDITION_FIELDS,
            {
                "question": ident("An earlier question's id.", examples=["phase"]),
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
    }


def _per_role(description: str) -> dict:
    """One text for every role, or a mapping of role id to text."""
    return {
        "description": description,
        "oneOf": [
            ref("text"),
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": ref("id"),
                "additionalProperties": ref("text"),
            },
        ],
    }


def _question() -> dict:
    """A question; a route question has no dimension."""
    return {
        **_object(
            "questions[]",
            QUESTION_FIELDS,
            {
                "id": ident("The question's id: the key of its answer.", examples=["visits"]),
                "type": {
                    "enum": list(QUESTION_TYPES),
                    "default": "scale",
                    "description": (
                        "scale: scored (the default); route: not scored, the answer "
                        "only decides which questions are shown."
                    ),
                },
                "dimension": ident("The dimension it counts towards (not for route questions)."),
                "scale": ident("The name of its answer scale.", examples=["frequency"]),
                "text": ref("question_text"),
                "short": optional_text("A short name used in result lists."),
                "help": optional_text("An explanation shown under the question."),
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
                    **ref("condition"),
                    "description": "Show the question only after these answers.",
                },
            },
            ["id", "scale", "text"],
        ),
        # A route question has no dimension; every other one needs one.
        "if": {"properties": {"type": {"const": "route"}}, "required": ["type"]},
        "then": {"not": {"required": ["dimension"]}},
        "else": {"required": ["dimension"]},
    }
