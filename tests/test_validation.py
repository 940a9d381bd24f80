"""Questionnaire definitions that are broken in one (or several) ways.

Each case edits a small valid definition written out below, loads it with
`kit.loader.load_text` and checks the exact list of `file:line: path: message`
errors. The line numbers are those of BASE (the numbers in the comments on its
right are 1-based file lines); a case that adds or removes lines shifts the
lines after its edit.
"""

from pathlib import Path

import pytest

from kit import loader
from kit.loader import LoadFailed, load_all, load_text

NAME = "kit/questionnaires/x.yaml"

BASE = """\
id: sample
version: 1
title: Sample
summary: A small sample.
source:
  author: Someone
  article: Something
roles:
  - id: manager
    label: Manager
  - id: employee
    label: Employee
scales:
  frequency:
    options:
      - {value: 0, label: Never}
      - {value: 1, label: Sometimes}
      - {value: 2, label: Always}
  agreement:
    options:
      - {value: 1, label: Disagree}
      - {value: 2, label: Agree}
dimensions:
  - id: alpha
    title: Alpha
    recommendations:
      - id: alpha-tip
        below: 50
        text: Do more alpha.
  - id: beta
    title: Beta
questions:
  - id: q1
    dimension: alpha
    scale: frequency
    text: Question one.
  - id: q2
    dimension: alpha
    scale: agreement
    text:
      manager: I do two.
      employee: They do two.
  - id: q3
    dimension: beta
    scale: frequency
    text: Question three.
bands:
  - id: low
    min: 0
    max: 50
    label: Low
    text: Low band.
  - id: high
    min: 50
    max: 100
    label: High
    text: High band.
"""
# Lines of BASE referred to below:
#  1 id            2 version         3 title          5 source
# 14 frequency    20 agreement options  21 first agreement option  22 second one
# 24 alpha        28 alpha-tip below    30 beta
# 33 q1 id        35 q1 scale           36 q1 text
# 37 q2 id        38 q2 dimension       40 q2 text:  41 q2 manager  42 q2 employee
# 43 q3 id        44 q3 dimension       45 q3 scale
# 48 low id       49 low min            50 low max
# 53 high id      54 high min           55 high max

ID_HINT = "lowercase letters, digits, '-' or '_', starting with a letter or digit"
QUESTION_FIELDS = "dimension, help, id, reverse, scale, short, show_if, text, type, weight"
DIMENSION_FIELDS = "description, id, recommendations, show_if, title"
TOP_FIELDS = (
    "bands, checklist, dimensions, id, intro, questions, report, roles, rules, scales, source, "
    "summary, title, version"
)


def edit(*pairs: tuple[str, str]) -> str:
    """BASE with each (old, new) replaced; every old text must occur exactly once."""
    text = BASE
    for old, new in pairs:
        assert text.count(old) == 1, f"edit target not unique in BASE: {old!r}"
        text = text.replace(old, new)
    return text


def errors_of(text: str) -> list[str]:
    with pytest.raises(LoadFailed) as exc:
        load_text(text, NAME)
    return [str(e) for e in exc.value.errors]


def test_base_is_valid():
    model = load_text(BASE, NAME)
    assert model.id == "sample"
    assert [q.id for q in model.questions] == ["q1", "q2", "q3"]
    assert model.question("q1").texts == {"manager": "Question one.", "employee": "Question one."}
    assert BASE.splitlines()[44] == "    scale: frequency"  # line 45: q3's scale


CASES = {
    "unknown scale": (
        edit(("frequency\n    text: Question three.", "freq5\n    text: Question three.")),
        [f"{NAME}:45: questions[2].scale: unknown scale 'freq5' (defined: frequency, agreement)"],
    ),
    "unknown dimension": (
        edit(("dimension: alpha\n    scale: agreement", "dimension: gamma\n    scale: agreement")),
        [f"{NAME}:38: questions[1].dimension: unknown dimension 'gamma' (defined: alpha, beta)"],
    ),
    "missing title": (
        edit(("title: Sample\n", "")),
        [f"{NAME}:1: title: required text is missing"],
    ),
    "blank title": (
        edit(("title: Sample\n", "title: '  '\n")),
        [f"{NAME}:3: title: expected non-empty text, got text '  '"],
    ),
    "version as text": (
        edit(("version: 1\n", "version: one\n")),
        [f"{NAME}:2: version: expected a whole number, got text 'one'"],
    ),
    "version as quoted number": (
        edit(("version: 1\n", 'version: "1"\n')),
        [f"{NAME}:2: version: expected a whole number, got text '1'"],
    ),
    "version as fraction": (
        edit(("version: 1\n", "version: 1.5\n")),
        [f"{NAME}:2: version: expected a whole number, got number 1.5"],
    ),
    "version zero": (
        edit(("version: 1\n", "version: 0\n")),
        [f"{NAME}:2: version: expected a whole number of at least 1, got 0"],
    ),
    "bad question id": (
        edit(("  - id: q1\n", "  - id: Q1\n")),
        [f"{NAME}:33: questions[0].id: 'Q1' is not a valid id ({ID_HINT})"],
    ),
    "bad questionnaire id": (
        edit(("id: sample\n", "id: my sample\n")),
        [f"{NAME}:1: id: 'my sample' is not a valid id ({ID_HINT})"],
    ),
    "duplicate question id": (
        edit(("  - id: q3\n", "  - id: q1\n")),
        [f"{NAME}:43: questions[2].id: duplicate question id 'q1'"],
    ),
    "duplicate dimension id": (
        edit(("  - id: beta\n", "  - id: alpha\n")),
        [
            f"{NAME}:30: dimensions[1].id: duplicate dimension id 'alpha'",
            f"{NAME}:44: questions[2].dimension: unknown dimension 'beta' (defined: alpha)",
        ],
    ),
    # A block mapping's line is where its value starts: the first role's line (41),
    # not the `text:` line (40).
    "missing wording for one role": (
        edit(("      employee: They do two.\n", "")),
        [f"{NAME}:40: questions[1].text: missing wording for role(s) employee"],
    ),
    "unknown role key in text": (
        edit(("      employee: They do two.\n", "      staff: They do two.\n")),
        [
            f"{NAME}:42: questions[1].text.staff: "
            "unknown role 'staff' (defined: manager, employee)",
            f"{NAME}:40: questions[1].text: missing wording for role(s) employee",
        ],
    ),
    "extra role key in text": (
        edit(("      employee: They do two.\n", "      employee: They do two.\n      ceo: X\n")),
        [f"{NAME}:43: questions[1].text.ceo: unknown role 'ceo' (defined: manager, employee)"],
    ),
    "missing question text": (
        edit(("    text: Question one.\n", "")),
        [f"{NAME}:33: questions[0].text: required text is missing (one text, or one per role)"],
    ),
    "unknown question field (typo)": (
        edit(("    text: Question one.\n", "    text: Question one.\n    weigth: 2\n")),
        [f"{NAME}:37: questions[0].weigth: unknown field (allowed: {QUESTION_FIELDS})"],
    ),
    "unknown dimension field (typo)": (
        edit(("    title: Beta\n", "    title: Beta\n    show-if: {question: q1, equals: 1}\n")),
        [f"{NAME}:32: dimensions[1].show-if: unknown field (allowed: {DIMENSION_FIELDS})"],
    ),
    "unknown top-level field": (
        edit(("summary: A small sample.\n", "summary: A small sample.\nintro_text: Hi\n")),
        [f"{NAME}:5: intro_text: unknown field (allowed: {TOP_FIELDS})"],
    ),
    "weight zero": (
        edit(("    text: Question one.\n", "    text: Question one.\n    weight: 0\n")),
        [f"{NAME}:37: questions[0].weight: expected a weight above 0, got 0"],
    ),
    "reverse not a flag": (
        edit(("    text: Question one.\n", "    text: Question one.\n    reverse: maybe\n")),
        [f"{NAME}:37: questions[0].reverse: expected true or false, got text 'maybe'"],
    ),
    "missing source": (
        edit(("source:\n  author: Someone\n  article: Something\n", "")),
        [f"{NAME}:1: source: required attribution is missing (author, article, year)"],
    ),
    "band gap": (
        edit(("    max: 50\n", "    max: 40\n")),
        [f"{NAME}:54: bands[1].min: gap: no band covers scores from 40 to 50"],
    ),
    "band overlap": (
        edit(("    min: 50\n", "    min: 45\n")),
        [f"{NAME}:54: bands[1].min: overlap: scores from 45 to 50 are in two bands"],
    ),
    "highest band not ending at 100": (
        edit(("    max: 100\n", "    max: 90\n")),
        [f"{NAME}:55: bands[1].max: the highest band must end at 100, not 90"],
    ),
    "lowest band not starting at 0": (
        edit(("    min: 0\n", "    min: 10\n")),
        [f"{NAME}:49: bands[0].min: gap: no band covers scores from 0 to 10"],
    ),
    "empty band": (
        edit(("    max: 50\n", "    max: 0\n")),
        [f"{NAME}:50: bands[0].max: max 0 must be above min 0"],
    ),
    "band without min": (
        edit(("    min: 0\n", "")),
        [f"{NAME}:48: bands[0].min: required number is missing"],
    ),
    "scale with one scored option": (
        edit(("{value: 1, label: Disagree}", "{value: 1, label: Disagree, scored: false}")),
        [f"{NAME}:20: scales.agreement.options: a scale needs at least two scored options"],
    ),
    "scale with one option": (
        edit(("      - {value: 2, label: Agree}\n", "")),
        [
            f"{NAME}:20: scales.agreement.options: expected at least 2 item(s), got 1",
            f"{NAME}:20: scales.agreement.options: a scale needs at least two scored options",
        ],
    ),
    "duplicate option value": (
        edit(("{value: 2, label: Agree}", "{value: 1, label: Agree}")),
        [
            f"{NAME}:22: scales.agreement.options[1].value: duplicate option value '1'",
            f"{NAME}:20: scales.agreement.options: a scale needs at least two scored options",
        ],
    ),
    "recommendation below above 100": (
        edit(("        below: 50\n", "        below: 150\n")),
        [
            f"{NAME}:28: dimensions[0].recommendations[0].below: "
            "expected a score above 0 and at most 100, got 150"
        ],
    ),
    "recommendation below zero": (
        edit(("        below: 50\n", "        below: 0\n")),
        [
            f"{NAME}:28: dimensions[0].recommendations[0].below: "
            "expected a score above 0 and at most 100, got 0"
        ],
    ),
    "dimension with no questions": (
        edit(("    dimension: beta\n", "    dimension: alpha\n")),
        [f"{NAME}:30: dimensions[1].id: dimension 'beta' has no questions"],
    ),
    "several errors in one file": (
        edit(
            ("version: 1\n", "version: one\n"),
            ("        below: 50\n", "        below: 150\n"),
            ("scale: frequency\n    text: Question one.", "scale: freq5\n    text: Question one."),
            ("    max: 50\n", "    max: 40\n"),
        ),
        [
            f"{NAME}:2: version: expected a whole number, got text 'one'",
            f"{NAME}:28: dimensions[0].recommendations[0].below: "
            "expected a score above 0 and at most 100, got 150",
            f"{NAME}:35: questions[0].scale: unknown scale 'freq5' (defined: frequency, agreement)",
            f"{NAME}:54: bands[1].min: gap: no band covers scores from 40 to 50",
        ],
    ),
    "duplicate YAML key at top level": (
        edit(("summary: A small sample.\n", "summary: A small sample.\ntitle: Again\n")),
        [f"{NAME}:5: duplicate key 'title'"],
    ),
    "duplicate YAML key in a question": (
        edit(("    text: Question one.\n", "    text: Question one.\n    scale: agreement\n")),
        [f"{NAME}:37: duplicate key 'scale'"],
    ),
    "invalid YAML: unclosed flow mapping": (
        edit(("{value: 1, label: Sometimes}", "{value: 1, label: Sometimes")),
        [
            f"{NAME}:18: invalid YAML: while parsing a flow mapping "
            "expected ',' or '}', but got '{'"
        ],
    ),
    "invalid YAML: colon in a plain value": (
        edit(("title: Sample\n", "title: Sample: again\n")),
        [f"{NAME}:3: invalid YAML: mapping values are not allowed here"],
    ),
    "invalid YAML: tab indentation": (
        edit(("    label: Employee\n", "\tlabel: Employee\n")),
        [
            f"{NAME}:12: invalid YAML: while scanning for the next token "
            "found character '\\t' that cannot start any token"
        ],
    ),
    "invalid YAML: two documents": (
        edit(("roles:\n", "---\nroles:\n")),
        [
            f"{NAME}:8: invalid YAML: expected a single document in the stream "
            "but found another document"
        ],
    ),
    "empty file": ("", [f"{NAME}: the file is empty"]),
    "blank file": ("\n   \n", [f"{NAME}: the file is empty"]),
    "comments only": ("# nothing here yet\n", [f"{NAME}: the file is empty"]),
    "top level is a list": (
        "- id: sample\n- version: 1\n",
        [f"{NAME}:1: (top level): expected a mapping of fields, got a list"],
    ),
    "top level is text": (
        "just some words\n",
        [f"{NAME}:1: (top level): expected a mapping of fields, got text 'just some words'"],
    ),
}


@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_broken_definition(text, expected):
    assert errors_of(text) == expected


def test_errors_carry_file_and_line_fields():
    with pytest.raises(LoadFailed) as exc:
        load_text(edit(("version: 1\n", "version: one\n")), NAME)
    [error] = exc.value.errors
    assert (error.file, error.line) == (NAME, 2)
    assert error.message == "version: expected a whole number, got text 'one'"
    assert str(exc.value) == f"{NAME}:2: version: expected a whole number, got text 'one'"


def test_several_errors_are_one_message():
    text = CASES["several errors in one file"][0]
    with pytest.raises(LoadFailed) as exc:
        load_text(text, NAME)
    assert str(exc.value) == "\n".join(CASES["several errors in one file"][1])


def test_invalid_yaml_is_reported_without_a_chained_traceback():
    with pytest.raises(LoadFailed) as exc:
        load_text("a: [1, 2\nb: 3\n", NAME)
    assert [str(e) for e in exc.value.errors] == [
        f"{NAME}:2: invalid YAML: while parsing a flow sequence expected ',' or ']', but got ':'"
    ]
    assert exc.value.__cause__ is None
    assert exc.value.__suppress_context__


# Inputs that once escaped the loader as raw exceptions: each must be a file:line error.


def test_unknown_yaml_tag_is_a_load_error():
    with pytest.raises(LoadFailed) as exc:
        load_text(edit(("title: Sample\n", "title: !custom Sample\n")), NAME)
    assert [(e.file, e.line) for e in exc.value.errors] == [(NAME, 3)]


def test_bad_explicit_int_is_a_load_error():
    with pytest.raises(LoadFailed) as exc:
        load_text(edit(("version: 1\n", "version: !!int one\n")), NAME)
    assert [(e.file, e.line) for e in exc.value.errors] == [(NAME, 2)]


def test_unhashable_key_is_a_load_error():
    with pytest.raises(LoadFailed) as exc:
        load_text("? [a, b]\n: 1\n", NAME)
    assert [(e.file, e.line) for e in exc.value.errors] == [(NAME, 1)]


def test_recursive_alias_is_a_load_error():
    with pytest.raises(LoadFailed):
        load_text("a: &x [*x]\n", NAME)


def test_negative_band_min_is_reported():
    # Bands [-5, 30) and [50, 100] leave 30-50 uncovered; a score there gets the top band.
    with pytest.raises(LoadFailed):
        load_text(edit(("    min: 0\n    max: 50\n", "    min: -5\n    max: 30\n")), NAME)


# -- load_all ----------------------------------------------------------------------------


def test_real_questionnaires_all_load():
    models = load_all()
    files = loader.definition_files([loader.QUESTIONNAIRE_DIR])
    assert files, "no questionnaire files found"
    assert len(models) == len([f for f in files if not f.name.startswith("_")])
    assert "leadership-vision" in [m.id for m in models]
    assert len({m.id for m in models}) == len(models)


def test_real_questionnaires_each_load_on_their_own():
    for path in loader.definition_files([loader.QUESTIONNAIRE_DIR]):
        model = loader.load_file(path)
        assert model.questions, path


def test_load_all_reports_the_second_file_sharing_an_id(tmp_path: Path, monkeypatch):
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BASE.replace("title: Sample", "title: Other"), "utf-8")
    monkeypatch.chdir(tmp_path)  # file names are shown relative to the working directory
    with pytest.raises(LoadFailed) as exc:
        load_all([tmp_path])
    assert [str(e) for e in exc.value.errors] == [
        "b.yaml:1: id: 'sample' is already used by a.yaml"
    ]


def test_load_all_collects_errors_from_every_file(tmp_path: Path, monkeypatch):
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(edit(("version: 1\n", "version: one\n")), "utf-8")
    (tmp_path / "c.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "d.yaml").write_text("", encoding="utf-8")
    (tmp_path / "_draft.yaml").write_text("- not even a mapping\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LoadFailed) as exc:
        load_all([tmp_path])
    assert [str(e) for e in exc.value.errors] == [
        "b.yaml:2: version: expected a whole number, got text 'one'",
        "c.yaml:1: id: 'sample' is already used by a.yaml",
        "d.yaml: the file is empty",
    ]


def test_load_all_with_distinct_ids(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BASE.replace("id: sample", "id: sample-two"), "utf-8")
    assert [m.id for m in load_all([tmp_path])] == ["sample", "sample-two"]
