"""The $defs of the questionnaire schema that describe its results: rules and bands.

A rule names a result by conditions on the answers (`when`, with its counts);
bands name results by overall score. Each closed mapping is checked against the
engine's field set (see kit/schema_blocks.closed).
"""

from functools import partial

from .engine.bands import BAND_FIELDS
from .engine.rules import COUNT_FIELDS, RULE_FIELDS, WHEN_FIELDS
from .schema_blocks import closed, ident, ref, score, text

_object = partial(closed, "kit/schema_results.py")


def defs() -> dict:
    """The results' definitions by name, in the committed file's order."""
    return {"rule": _rule(), "when": _when(), "count": _count(), "band": _band()}


def _rule() -> dict:
    """A named result checked before the bands."""
    return _object(
        "rules[]",
        RULE_FIELDS,
        {
            "id": ident("The result's id (unique among rules and bands)."),
            "label": text("The result's name."),
            "text": {
                **ref("role_text"),
                "description": "What it means and what to do: one text, or one per role.",
            },
            "when": ref("when"),
        },
        ["id", "label", "text", "when"],
    )


def _when() -> dict:
    """A rule's conditions, which must all hold."""
    return _object(
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
                "propertyNames": ref("id"),
                "additionalProperties": {"type": "number", "minimum": 0, "maximum": 100},
                "description": "Dimension ids and scores they must be below.",
            },
            "overall_below": score("The overall score is below this."),
            "overall_at_least": score("The overall score is at least this."),
            "any_dimension_below": score(
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
                    ref("count"),
                    {"type": "array", "minItems": 1, "items": ref("count")},
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
    )


def _count() -> dict:
    """How many shown questions were answered with given values."""
    return {
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
    }


def _band() -> dict:
    """A result by overall score range."""
    return _object(
        "bands[]",
        BAND_FIELDS,
        {
            "id": ident("The result's id.", examples=["emerging"]),
            "min": score("Lowest overall score in the band (included).", examples=[0]),
            "max": score(
                "Highest overall score (excluded, except 100 for the top band).",
                examples=[40],
            ),
            "label": text("The result's name.", examples=["Emerging"]),
            "text": {
                **ref("role_text"),
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
    )
