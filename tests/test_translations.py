"""Translations change texts only: same ids, same scores, missing texts in English."""

from pathlib import Path

import pytest

from kit import loader
from kit.engine import score
from kit.translations import translate
from tests.conftest import build_site

VISION = loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml"


def model():
    return loader.load_file(VISION)


PARTIAL_DE = """\
language: de
title: Lebt unsere Führung die kundenorientierte Vision?
roles: {manager: Ich führe Menschen, employee: Ich bewerte meine Führungskraft}
scales: {frequency: {0: Nie, 1: Selten, 2: Manchmal, 3: Oft, 4: Immer}}
questions:
  needs:
    text: {manager: Ich stelle Kundenbedürfnisse ins Zentrum., employee: Unsere Führung tut es.}
bands: {talking: {label: Reden statt handeln, text: Kunden sind selten sichtbar.}}
"""


def test_translate_replaces_texts_and_keeps_everything_else():
    m = model()
    out, missing, problems = translate(m.definition, __import__("yaml").safe_load(PARTIAL_DE))
    assert problems == []
    assert out["title"] == "Lebt unsere Führung die kundenorientierte Vision?"
    assert [o["label"] for o in out["scales"]["frequency"]["options"]] == [
        "Nie", "Selten", "Manchmal", "Oft", "Immer"
    ]  # fmt: skip
    assert out["questions"][0]["text"]["employee"] == "Unsere Führung tut es."
    # Ids, values, weights, bands' ranges: untouched.
    strip = lambda d: {k: v for k, v in d.items() if k in ("id", "dimension", "scale")}  # noqa: E731
    assert [strip(q) for q in out["questions"]] == [strip(q) for q in m.definition["questions"]]
    assert [(b["id"], b["min"], b["max"]) for b in out["bands"]] == [
        (b["id"], b["min"], b["max"]) for b in m.definition["bands"]
    ]
    assert "summary" in missing and "questions.visits.text.manager" in missing
    assert "bands.talking.label" not in missing
    assert m.definition["title"].startswith("Does our leadership")  # the original is untouched


def test_scores_do_not_depend_on_the_language(tmp_path):
    m = model()
    path = tmp_path / "leadership-vision.de.yaml"
    path.write_text(PARTIAL_DE, encoding="utf-8")
    de, _ = loader.load_translation(path, m)
    for answers in (
        dict.fromkeys(["needs", "visits", "reviews", "agenda", "urgency", "involvement"], 2),
        {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4},
        {"needs": 1},
    ):
        for role in ("manager", "employee"):
            en_result, de_result = score(m, role, answers), score(de, role, answers)
            numbers = lambda r: (  # noqa: E731
                r["overall"], r["band"] and r["band"]["id"], [d["score"] for d in r["dimensions"]],
                [x["id"] for x in r["recommendations"]], r["complete"],
            )  # fmt: skip
            assert numbers(en_result) == numbers(de_result)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("questions: {nosuch: {text: x}}\n",
         "x.de.yaml:1: questions.nosuch: no question 'nosuch' in the definition (known: agenda, "
         "involvement, needs, reviews, urgency, visits)"),
        ("titel: Tippfehler\n",
         "x.de.yaml:1: titel: unknown field (allowed: bands, dimensions, intro, language, "
         "questions, report, role_names, roles, rules, scales, source, summary, title)"),
        ("bands: {talking: {label: 5}}\n",
         "x.de.yaml:1: bands.talking.label: expected non-empty text"),
        ("scales: {frequency: {0: ''}}\n",
         "x.de.yaml:1: scales.frequency.0: expected non-empty text"),
    ],
)  # fmt: skip
def test_translation_problems_name_file_line_and_key(tmp_path, text, message):
    path = tmp_path / "x.de.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(loader.LoadFailed) as exc:
        loader.load_translation(path, model())
    assert [str(e).replace(str(tmp_path) + "/", "") for e in exc.value.errors] == [message]


def test_translation_files_are_not_read_as_definitions(tmp_path):
    (tmp_path / "pulse.yaml").write_text(VISION.read_text().replace("leadership-vision", "pulse"))
    (tmp_path / "pulse.de.yaml").write_text("language: de\ntitle: Puls\n")
    assert [p.name for p in loader.definition_files([tmp_path])] == ["pulse.yaml"]
    assert loader.translation_file([tmp_path], "pulse", "de") == tmp_path / "pulse.de.yaml"


def test_missing_translation_warns_and_shows_english_without_failing_strict(tmp_path):
    """An organisation's questionnaire with an incomplete German file still builds."""
    qdir = tmp_path / "own"
    qdir.mkdir()
    source = VISION.read_text().replace("id: leadership-vision", "id: own-pulse")
    (qdir / "own-pulse.yaml").write_text(source)
    (qdir / "own-pulse.de.yaml").write_text(PARTIAL_DE)
    site = tmp_path / "site"
    proc = build_site(site, extra_env={"KIT_QUESTIONNAIRES": str(qdir)})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "own-pulse.de.yaml: missing translation 'summary' (English shown)" in out
    html = (site / "de" / "assessments" / "own-pulse" / "index.html").read_text()
    assert "Lebt unsere Führung" in html  # translated
    assert "I talk to or visit customers myself" in html  # missing: English shown
    assert '<html lang="de"' in html
    assert Path(site / "assessments" / "own-pulse" / "index.html").is_file()
