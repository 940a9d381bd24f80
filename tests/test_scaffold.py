"""`kit new`: a valid questionnaire to start from, explained field by field."""

import re
from pathlib import Path

import pytest
import yaml

from kit import cli, loader, scaffold
from kit.engine import score
from kit.engine.model import ID_HINT
from kit.schema import SCHEMA_FILE
from tests.test_schema import schema_errors


@pytest.fixture
def written(tmp_path, capsys) -> Path:
    assert cli.main(["new", "acme-pulse", "--dir", str(tmp_path / "acme")]) == 0
    capsys.readouterr()
    return tmp_path / "acme" / "acme-pulse.yaml"


def test_writes_a_valid_questionnaire_of_the_promised_shape(written):
    model = loader.load_file(written)
    assert model.id == "acme-pulse"
    assert model.title == "Acme pulse"
    assert [r.id for r in model.roles] == ["manager", "employee"]
    assert list(model.scales) == ["agreement"]
    assert len(model.dimensions) == 2
    assert all(len(d.recommendations) == 1 for d in model.dimensions)
    assert len(model.questions) == 4
    assert [q.id for q in model.questions if q.reverse] == ["too-busy"]
    assert [(b.min, b.max) for b in model.bands] == [(0, 40), (40, 70), (70, 100)]
    assert schema_errors(yaml.safe_load(written.read_text(encoding="utf-8"))) == []


def test_it_scores(written):
    model = loader.load_file(written)
    best = {"visits": 5, "feedback": 5, "too-busy": 1, "follow-through": 5}
    assert score(model, "manager", best)["overall"] == 100
    assert score(model, "employee", {**best, "too-busy": 5})["overall"] == 75


def test_kit_validate_passes_and_new_says_what_next(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "acme-pulse", "--dir", "acme"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "wrote acme/acme-pulse.yaml\n"
        "next: edit it, then check it with `kit validate acme/acme-pulse.yaml`\n"
    )
    assert cli.main(["validate", "acme/acme-pulse.yaml"]) == 0
    assert capsys.readouterr().out == "1 definition(s) valid\n"


def test_line_1_names_the_schema_relative_to_the_file(written):
    first = written.read_text(encoding="utf-8").splitlines()[0]
    ref = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)[1]
    assert not Path(ref).is_absolute()
    assert (written.parent / ref).resolve() == SCHEMA_FILE.resolve()


def test_default_folder_is_the_bundled_one(tmp_path, monkeypatch, capsys):
    bundled = tmp_path / "kit" / "questionnaires"
    bundled.mkdir(parents=True)
    monkeypatch.setattr(scaffold, "QUESTIONNAIRE_DIR", bundled)
    monkeypatch.setattr(scaffold, "SCHEMA_FILE", tmp_path / "kit" / "questionnaire.schema.json")
    assert cli.main(["new", "acme-pulse"]) == 0
    text = (bundled / "acme-pulse.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../questionnaire.schema.json"


def test_the_real_default_reference_is_the_bundled_files_one():
    text = scaffold.render("acme-pulse")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../questionnaire.schema.json"


def test_every_field_is_explained_in_a_comment_above_it(written):
    lines = written.read_text(encoding="utf-8").splitlines()
    comments = " ".join(line for line in lines if line.lstrip().startswith("#"))
    for i, line in enumerate(lines):
        top = re.match(r"([a-z_]+):", line)
        if top:
            assert lines[i - 1].startswith("#"), f"no comment above line {i + 1}: {line}"
        # Nested fields are explained, by name, in the comment above their section.
        for key in re.findall(r"(?:^\s+(?:- )?|[{,] )([a-z_]+):", line):
            if not line.lstrip().startswith("#"):
                assert re.search(rf"\b{key}\b", comments), f"{key} (line {i + 1}) not explained"
    # What, allowed values, an example: e.g. for the id.
    assert "lowercase letters, digits, '-' or '_'" in comments
    assert "Example: leadership-vision" in comments


def test_title_option_any_text_is_safe(tmp_path, capsys):
    title = 'Acme: "pulse" #1 & more'
    assert cli.main(["new", "acme-pulse", "--dir", str(tmp_path), "--title", title]) == 0
    assert loader.load_file(tmp_path / "acme-pulse.yaml").title == title


def test_refuses_to_overwrite_without_force(written, capsys):
    written.write_text("mine", encoding="utf-8")
    assert cli.main(["new", "acme-pulse", "--dir", str(written.parent)]) == 1
    err = capsys.readouterr().err
    assert err == f"kit new: {written} already exists; use --force to overwrite it\n"
    assert written.read_text(encoding="utf-8") == "mine"
    assert cli.main(["new", "acme-pulse", "--dir", str(written.parent), "--force"]) == 0
    assert loader.load_file(written).id == "acme-pulse"


@pytest.mark.parametrize(
    ("qid", "why", "hint"),
    [
        ("Acme Pulse", "it has capital letters; it contains ' '", "acme-pulse"),
        ("acme-pulse.yaml", "give the id without .yaml", "acme-pulse"),
        ("-acme", "it starts with '-'", "acme"),
        ("acme.pulse", "it contains '.'", "acme-pulse"),
        ("übersicht", "it contains 'ü'", "ubersicht"),
    ],
)
def test_bad_ids_say_what_is_wrong_and_what_to_use(tmp_path, capsys, qid, why, hint):
    assert cli.main(["new", "--dir", str(tmp_path), "--", qid]) == 1
    assert capsys.readouterr().err == (
        f"kit new: '{qid}' is not a valid id: {why} ({ID_HINT}); try '{hint}'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_empty_id_and_empty_title(tmp_path, capsys):
    assert cli.main(["new", "", "--dir", str(tmp_path)]) == 1
    assert "the id is empty: give one" in capsys.readouterr().err
    assert cli.main(["new", "acme", "--dir", str(tmp_path), "--title", " "]) == 1
    assert capsys.readouterr().err == "kit new: --title: expected non-empty text\n"


def test_a_bundled_id_is_refused_elsewhere(tmp_path, capsys):
    assert cli.main(["new", "leadership-vision", "--dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "kit new: 'leadership-vision' is already the id of a bundled questionnaire "
        "(leadership-vision.yaml); the build refuses two questionnaires with one id: "
        "choose another id\n"
    )


def test_dir_that_is_a_file(tmp_path, capsys):
    (tmp_path / "f").write_text("x")
    assert cli.main(["new", "acme", "--dir", str(tmp_path / "f")]) == 1
    assert capsys.readouterr().err == f"kit new: {tmp_path / 'f'} is not a folder\n"


def test_default_title_comes_from_the_id():
    assert scaffold.default_title("acme_team-pulse") == "Acme team pulse"
