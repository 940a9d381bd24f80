"""Validated models kept between requests, below the router so every tool can use them.

The worker scores one page's definition on every answer; validating it once
is enough. kit.engine.api and the tool modules (aggregate, results,
benchmark) share this cache; none of them imports the router.
"""

import json
from typing import Any

from .model import Questionnaire, validate

# Validated models by definition text.
_models: dict[str, Questionnaire] = {}
# At most this many entries per store; a full store starts over.
LIMIT = 32


def cached(store: dict, data: Any, make):
    """make(), kept in store by data's JSON text (at most LIMIT + 1 entries)."""
    key = json.dumps(data, sort_keys=True, default=str)
    if key not in store:
        if len(store) > LIMIT:
            store.clear()
        store[key] = make()
    return store[key]


def model(definition: Any) -> Questionnaire:
    """The validated model of a definition; raises DefinitionError."""
    return cached(_models, definition, lambda: validate(definition))
