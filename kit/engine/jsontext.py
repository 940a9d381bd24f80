"""JSON text read with a bound on nesting.

CPython raises RecursionError on JSON nested thousands of levels deep, but
under Pyodide the WebAssembly stack runs out first and the whole runtime
stops. No request or result the kit reads nests more than a few levels, so
text nested deeper than MAX_DEPTH is refused before json.loads sees it.
"""

import json
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 100

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (brackets in strings do not count)."""
    brackets = re.sub(r"[^\[\]{}]+", "", re.sub(_STRING, "", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    if text.count("[") + text.count("{") <= limit:
        return False
    return depth(text) > limit


def loads(text: str) -> Any:
    """json.loads, with ValueError for text nested deeper than MAX_DEPTH."""
    if too_deep(text):
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deep") from None
