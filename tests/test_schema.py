"""The JSON Schema of definitions: generated from the engine, committed, never stale.

`jsonschema` is not a dependency of the kit, so definitions are checked with
a small validator of exactly the draft 2020-12 keywords the schema uses (a
test fails if the schema starts using another one); where `jsonschema` is
installed, it checks them too.
"""

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from kit import cli, loader, scaffold, schema, schema_defs
from kit.engine import DefinitionError, validate
from kit.engine.model import ID_RE, QUESTION_FIELDS, REPORT_SECTIONS, TOP_FIELDS

SCHEMA = schema.build()
BUNDLED = loader.definition_files([loader.QUESTIONNAIRE_DIR])
FIRST_LINE = "# yaml-language-server: $schema=../questionnaire.schema.json"

# Keywords the small validator below implements, and those that only annotate.
CHECKED = {
    "$ref", "type", "properties", "required", "additionalProperties", "propertyNames",
    "items", "minItems", "minProperties", "enum", "const", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "oneOf", "if", "then", "else", "not",
}  # fmt: skip
ANNOTATIONS = {"$schema", "$defs", "title", "description", "examples", "default"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


def schema_errors(value, node=SCHEMA, path="$") -> list[str]:
    """Every way `value` fails `node` (a subset of draft 2020-12, see CHECKED)."""
    errors: list[str] = []
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        errors += schema_errors(value, SCHEMA["$defs"][name], path)
    if "type" in node and not TYPES[node["type"]](value):
        return [*errors, f"{path}: expected {node['type']}, got {value!r}"]
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{path}: {value!r} not one of {node['enum']}")
    if "const" in node and value != node["const"]:
        errors.append(f"{path}: {value!r} is not {node['const']!r}")
    if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {node['pattern']}")
    if TYPES["number"](value):
        if "minimum" in node and value < node["minimum"]:
            errors.append(f"{path}: {value} below {node['minimum']}")
        if "maximum" in node and value > node["maximum"]:
            errors.append(f"{path}: {value} above {node['maximum']}")
        if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
            errors.append(f"{path}: {value} not above {node['exclusiveMinimum']}")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            errors.append(f"{path}: fewer than {node['minItems']} items")
        for i, item in enumerate(value):
            if "items" in node:
                errors += schema_errors(item, node["items"], f"{path}[{i}]")
    if isinstance(value, dict):
        if len(value) < node.get("minProperties", 0):
            errors.append(f"{path}: fewer than {node['minProperties']} properties")
        errors += [f"{path}: missing {k}" for k in node.get("required", []) if k not in value]
        props = node.get("properties", {})
        for key, item in value.items():
            where = f"{path}.{key}"
            if "propertyNames" in node:
                errors += schema_errors(key, node["propertyNames"], where)
            if key in props:
                errors += schema_errors(item, props[key], where)
            elif node.get("additionalProperties") is False:
                errors.append(f"{where}: unknown property")
            elif isinstance(node.get("additionalProperties"), dict):
                errors += schema_errors(item, node["additionalProperties"], where)
    if "oneOf" in node:
        passing = sum(not schema_errors(value, sub, path) for sub in node["oneOf"])
        if passing != 1:
            errors.append(f"{path}: matches {passing} of the oneOf alternatives, not 1")
    if "if" in node:
        branch = "then" if not schema_errors(value, node["if"], path) else "else"
        if branch in node:
            errors += schema_errors(value, node[branch], path)
    if "not" in node and not schema_errors(value, node["not"], path):
        errors.append(f"{path}: must not match {node['not']}")
    return errors


def keywords(node) -> set[str]:
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= keywords(sub)
            elif key not in ("examples", "enum", "const", "default", "required"):
                found |= keywords(value)
    elif isinstance(node, list):
        for item in node:
            found |= keywords(item)
    return found


def scaffolded() -> dict:
    return yaml.safe_load(scaffold.render("probe"))


# -- the committed file -------------------------------------------------------


def test_committed_schema_is_the_generated_one():
    assert schema.SCHEMA_FILE.read_text(encoding="utf-8") == schema.render(), (
        "kit/questionnaire.schema.json is out of date: run "
        "`kit schema --output kit/questionnaire.schema.json`"
    )


def test_kit_schema_prints_it_and_writes_it(tmp_path, capsys):
    assert cli.main(["schema"]) == 0
    assert capsys.readouterr().out == schema.render()
    out = tmp_path / "s.json"
    assert cli.main(["schema", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema.render()
    assert f"wrote {out}" in capsys.readouterr().out


def test_kit_schema_says_when_it_cannot_write(tmp_path, capsys):
    assert cli.main(["schema", "--output", str(tmp_path / "no" / "s.json")]) == 1
    assert capsys.readouterr().err.startswith(f"kit schema: cannot write {tmp_path}/no/s.json: ")


def test_it_is_draft_2020_12_and_uses_only_keywords_checked_here():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert keywords(SCHEMA) - CHECKED - ANNOTATIONS == set()


# -- generated from the engine ------------------------------------------------


def test_fields_come_from_the_engine():
    assert set(SCHEMA["properties"]) == TOP_FIELDS
    assert set(SCHEMA["$defs"]["question"]["properties"]) == QUESTION_FIELDS
    assert set(SCHEMA["properties"]["report"]["properties"]) == REPORT_SECTIONS
    assert SCHEMA["$defs"]["id"]["pattern"] == ID_RE.pattern


def test_a_field_the_engine_gains_fails_generation_with_a_message(monkeypatch):
    monkeypatch.setattr(schema_defs, "QUESTION_FIELDS", QUESTION_FIELDS | {"image"})
    with pytest.raises(
        schema.SchemaDrift, match=r"kit/schema_defs.py: questions\[\]: .*describe image and drop -"
    ):
        schema.build()


def _allowed(definition: dict, at: tuple) -> set[str]:
    """The fields the engine allows where `at` points, from its unknown-field message."""
    broken = copy.deepcopy(definition)
    node = broken
    for part in at:
        node = node[part]
    node["zz-not-a-field"] = 1
    with pytest.raises(DefinitionError) as exc:
        validate(broken)
    for p in exc.value.problems:
        if p.path == (*at, "zz-not-a-field"):
            return set(re.fullmatch(r"unknown field \(allowed: (.*)\)", p.message)[1].split(", "))
    raise AssertionError(f"no unknown-field problem at {at}: {exc.value}")


def _with_everything() -> dict:
    """The scaffolded definition plus the optional parts it leaves out."""
    d = scaffolded()
    d["questions"].insert(0, {"id": "route", "type": "route", "scale": "agreement", "text": "?"})
    d["questions"][1]["show_if"] = {"question": "route", "equals": 1}
    d["dimensions"][1]["show_if"] = {"question": "route", "in": [1, 2]}
    d["rules"] = [
        {"id": "all-five", "label": "All", "text": "All fives.", "when": {"all_items": 5}},
        {"id": "two-low", "label": "Low", "text": "Two low.",
         "when": {"count": {"values": [1], "at_least": 2}}},
    ]  # fmt: skip
    d["report"] = {"gaps": "Gaps"}
    validate(d)
    return d


@pytest.mark.parametrize(
    ("at", "in_schema"),
    [
        ((), ("properties",)),
        (("source",), ("$defs", "source", "properties")),
        (("roles", 0), ("$defs", "role", "properties")),
        (("scales", "agreement"), ("$defs", "scale", "properties")),
        (("scales", "agreement", "options", 0), ("$defs", "option", "properties")),
        (("dimensions", 0), ("$defs", "dimension", "properties")),
        (("dimensions", 0, "recommendations", 0), ("$defs", "recommendation", "properties")),
        (("dimensions", 1, "show_if"), ("$defs", "condition", "properties")),
        (("questions", 1), ("$defs", "question", "properties")),
        (("questions", 1, "show_if"), ("$defs", "condition", "properties")),
        (("rules", 0), ("$defs", "rule", "properties")),
        (("rules", 0, "when"), ("$defs", "when", "properties")),
        (("rules", 1, "when", "count"), ("$defs", "count", "properties")),
        (("bands", 0), ("$defs", "band", "properties")),
        (("report",), ("properties", "report", "properties")),
    ],
)
def test_every_mapping_allows_what_the_engine_allows(at, in_schema):
    node = SCHEMA
    for key in in_schema:
        node = node[key]
    assert set(node) == _allowed(_with_everything(), at)


VERDICTS = [
    p
    for p in sorted((Path(__file__).parent / "fixtures" / "verdicts").glob("*.yaml"))
    if not loader.is_translation(p)
]


@pytest.mark.parametrize("path", VERDICTS, ids=lambda p: p.stem)
def test_verdict_fixtures_with_every_new_field_fit_the_schema(path):
    # Per-role texts, count, unknown and roles on advice, floors, checklist.
    assert schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_checklist_allows_what_the_engine_allows():
    d = yaml.safe_load(VERDICTS[0].read_text(encoding="utf-8"))
    assert "checklist" in d
    assert set(SCHEMA["properties"]["checklist"]["properties"]) == _allowed(d, ("checklist",))


def test_question_types_are_the_engines():
    d = scaffolded()
    d["questions"][0]["type"] = "slider"
    with pytest.raises(DefinitionError, match=r"types: (.*)\)") as exc:
        validate(d)
    engine_types = re.search(r"types: (.*)\)", str(exc.value))[1].split(", ")
    assert SCHEMA["$defs"]["question"]["properties"]["type"]["enum"] == engine_types


# -- definitions against the schema -------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_definition_fits_the_schema(path):
    assert schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_the_scaffold_and_every_optional_part_fit_the_schema():
    assert schema_errors(scaffolded()) == []
    assert schema_errors(_with_everything()) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d.update(colour="red"), "$.colour: unknown property"),
        (lambda d: d.pop("bands"), "$: missing bands"),
        (lambda d: d.update(id="Acme"), "$.id: 'Acme' does not match"),
        (lambda d: d.update(version=0), "$.version: 0 below 1"),
        (lambda d: d["questions"][0].update(type="slider"), "$.questions[0].type: 'slider' not"),
        (lambda d: d["questions"][0].pop("dimension"), "$.questions[0]: missing dimension"),
        (lambda d: d["questions"][0].update(weight=0), "$.questions[0].weight: 0 not above 0"),
        (lambda d: d["questions"][0].update(reverse="yes"), "expected boolean, got 'yes'"),
        (lambda d: d["questions"][0].update(text="  "), "$.questions[0].text: matches 0 of"),
        (lambda d: d["questions"][0].update(hint="x"), "$.questions[0].hint: unknown property"),
        (
            lambda d: d["scales"]["agreement"]["options"].__delitem__(slice(1, None)),
            "$.scales.agreement.options: fewer than 2 items",
        ),
        (lambda d: d["bands"][0].update(max=101), "$.bands[0].max: 101 above 100"),
        (lambda d: d["source"].pop("author"), "$.source: missing author"),
        (lambda d: d["scales"]["agreement"]["options"][0].update(value=1.5), "expected integer"),
    ],
)
def test_the_schema_rejects_what_the_engine_rejects(change, error):
    d = scaffolded()
    change(d)
    with pytest.raises(DefinitionError):
        validate(d)
    errors = schema_errors(d)
    assert any(error in e for e in errors), errors


def test_route_questions_must_not_have_a_dimension():
    d = _with_everything()
    d["questions"][0]["dimension"] = "listening"
    with pytest.raises(DefinitionError, match="a route question is not scored"):
        validate(d)
    assert any("must not match" in e for e in schema_errors(d))


def test_with_jsonschema_where_installed():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in BUNDLED:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name
    assert not list(validator.iter_errors(_with_everything()))


# -- editors find it ----------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_definition_names_the_schema_on_line_1(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == FIRST_LINE
    target = first.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == schema.SCHEMA_FILE.resolve()


def test_schema_file_is_json_with_a_description_for_every_field():
    data = json.loads(schema.SCHEMA_FILE.read_text(encoding="utf-8"))
    missing = []

    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            target = prop
            if "$ref" in prop and "description" not in prop:
                target = data["$defs"][prop["$ref"].removeprefix("#/$defs/")]
            if not target.get("description"):
                missing.append(f"{where}.{name}")
        for name, sub in node.get("$defs", {}).items():
            walk(sub, f"$defs.{name}")

    walk(data, "$")
    assert missing == []
