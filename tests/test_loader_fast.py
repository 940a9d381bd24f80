"""The loader's libyaml path: the same data, lines and error messages as PyYAML's own parser.

kit.loader composes with libyaml's C parser when PyYAML has it and falls back
to the pure-Python parser on any problem; these tests run both and compare.
"""

import pytest
import yaml

from kit import loader
from kit.loader import LoadFailed, load_text, parse_yaml

from .test_validation import CASES, NAME

needs_libyaml = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML without libyaml: only the pure parser exists"
)


def _yaml_files():
    root = loader.QUESTIONNAIRE_DIR.parent
    return sorted([*loader.QUESTIONNAIRE_DIR.glob("*.yaml"), *root.glob("stories/**/*.yaml")])


def _pure(monkeypatch):
    monkeypatch.setattr(loader, "_FAST_LOADER", None)


def _errors(text):
    try:
        load_text(text, NAME)
    except LoadFailed as e:
        return [str(x) for x in e.errors]
    return []


@needs_libyaml
def test_the_fast_path_is_taken(monkeypatch):
    used = []
    real = yaml.compose
    monkeypatch.setattr(
        yaml, "compose", lambda text, Loader: used.append(Loader) or real(text, Loader)
    )
    parse_yaml("a: 1\nb: [x, y]\n", NAME)
    assert used == [yaml.CSafeLoader]


@needs_libyaml
@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.name)
def test_same_data_and_lines_as_pure_python(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = parse_yaml(text, path.name)
    _pure(monkeypatch)
    pure = parse_yaml(text, path.name)
    assert fast == pure
    assert fast[1], "every field has a line"


@needs_libyaml
def test_typed_scalars_and_keys_match(monkeypatch):
    text = (
        "a: 1\nb: 1.5\nc: yes\nd: ~\ne: 2024-01-02\nf: '01'\ng: 0x1f\n"
        "1: one\nh: !!str 3\ni: |\n  block\n  text\nj: [1, {k: v}]\n"
    )
    fast = parse_yaml(text, NAME)
    _pure(monkeypatch)
    assert fast == parse_yaml(text, NAME)
    assert fast[0] == yaml.safe_load(text)


@needs_libyaml
@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_same_errors_as_pure_python(text, expected, monkeypatch):
    fast = _errors(text)
    _pure(monkeypatch)
    assert fast == _errors(text) == expected


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",
        "a: 1\n a: 2\n",
        "a: *nowhere\n",
        "a: !custom x\n",
        "a: b: c\n",
        "\tx: 1\n",
    ],
)
def test_parse_errors_are_worded_as_pure_python(text, monkeypatch):
    def outcome():
        try:
            parse_yaml(text, NAME)
        except LoadFailed as e:
            return [str(x) for x in e.errors]
        return None

    fast = outcome()
    _pure(monkeypatch)
    assert fast == outcome()
    assert fast is not None
