"""JSON nested too deep is refused before json.loads (it would stop Pyodide)."""

import json

import pytest

from kit.engine import api, jsontext


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('[1, {"a": [2, 3]}, []]', 3),
        ('["[[[[", {"a": "}}}]]"}]', 2),  # brackets in strings do not count
        ('["a\\"[[[", 1]', 1),  # nor after an escaped quote
    ],
)
def test_depth(text, depth):
    assert jsontext.depth(text) == depth


def test_loads_accepts_the_limit_and_refuses_one_more():
    n = jsontext.MAX_DEPTH
    assert jsontext.loads("[" * n + "]" * n) is not None
    with pytest.raises(ValueError, match="nested more than 100 levels deep"):
        jsontext.loads("[" * (n + 1) + "]" * (n + 1))


def test_unbalanced_deep_text_is_refused_too():
    # json.loads would recurse 20,000 levels before noticing the missing end.
    with pytest.raises(ValueError, match="nested more than"):
        jsontext.loads("[" * 20_000)


def test_wide_text_is_not_deep():
    text = json.dumps([{"a": [1, {"b": "x"}]}] * 1000)
    assert jsontext.loads(text) == json.loads(text)


def test_the_api_refuses_deep_requests():
    reply = json.loads(api.handle('{"op": "score", "definition": ' + "[" * 5000 + "]" * 5000 + "}"))
    assert reply == {
        "ok": False,
        "kind": "request",
        "error": "invalid JSON: nested more than 100 levels deep",
    }
