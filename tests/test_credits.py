"""Credits (issue 16): author, article and year on every instrument and guide page.

A source without a year reads "n.d." ("o. J." in German); a piece without a title is
described, never given an invented one.
"""

import re
from pathlib import Path

import pytest
import yaml

from build_scripts.generate import pages
from build_scripts.generate.ui import ui_for
from kit import loader
from kit.engine import DefinitionError, validate

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    *sorted((ROOT / "docs" / "guide").glob("*.md")),
    *sorted((ROOT / "docs" / "talk-tracks").glob("*.md")),
    *sorted((ROOT / "docs" / "stories").glob("*.md")),
]
MODELS = loader.load_all()
NO_YEAR = {"en": "n.d.", "de": "o. J."}


def framework_line(model, lang):
    ui = ui_for(lang)[0]
    page = pages.render_questionnaire(model, lang=lang, ui=ui)
    return next(line for line in page.splitlines() if line.startswith(f"**{ui['source_label']}:**"))


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_every_instrument_page_credits_author_article_and_year(model, lang):
    if lang != "en":
        path = loader.translation_file([loader.QUESTIONNAIRE_DIR], model.id, lang)
        model = loader.load_translation(path, model)[0]
    line = framework_line(model, lang)
    year = str(model.source.year) if model.source.year else NO_YEAR[lang]
    assert line.endswith(f"({year}).") or line.endswith(f", {year}).")
    if model.source.untitled:
        assert model.source.description in line and "*" not in line.split(":**", 1)[1]
    else:
        assert f"*{model.source.article}*" in line and model.source.author in line


def test_the_root_causes_article_is_credited_as_untitled():
    source = next(m for m in MODELS if m.id == "root-causes").source
    assert source.untitled and source.article == "" and source.year is None
    assert "untitled" in source.description.lower() and "unnamed" in source.description.lower()
    path = loader.translation_file([loader.QUESTIONNAIRE_DIR], "root-causes", "de")
    de = loader.load_translation(path, next(m for m in MODELS if m.id == "root-causes"))[0]
    line = framework_line(de, "de")
    assert "ohne Titel" in line and line.endswith("(o. J.).")


def _definition(**source):
    data = yaml.safe_load((loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml").read_text())
    data["source"] = source
    return data


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"untitled": True, "article": "Made up", "description": "An essay"},
         "source.article: an untitled source has no article title"),
        ({"author": "A", "article": "T", "description": "An essay"},
         "source.description: description is only for an untitled source"),
        ({"untitled": True}, "source.description: required text is missing"),
        ({"article": "T"}, "source.author: required text is missing"),
    ],
)  # fmt: skip
def test_an_untitled_source_is_described_not_titled(source, message):
    with pytest.raises(DefinitionError) as e:
        validate(_definition(**source))
    assert message in str(e.value)


def test_an_untitled_source_needs_no_author():
    model = validate(_definition(untitled=True, description="Untitled essay by an unnamed author"))
    assert framework_line(model, "en").endswith("Untitled essay by an unnamed author (n.d.).")


@pytest.mark.parametrize("page", DOCS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_guide_page_credits_its_sources_with_a_year(page):
    text = page.read_text(encoding="utf-8")
    if page.name == "print.md":  # includes the chapters, each with its own sources
        assert "--8<--" in text
        return
    sources = text.split("\n## Sources\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in sources.splitlines() if line.startswith("- ")]
    assert lines
    for line in lines:
        # "Author, *Title* (publisher, year)." or, untitled, "Author, description (n.d.)."
        assert re.search(r"\((?:[^()]*, )?(?:\d{4}|n\.d\.)\)\.$", line), line
        assert "untitled" in line or re.search(r"^- [^*]+, \*[^*]+\*", line), line
