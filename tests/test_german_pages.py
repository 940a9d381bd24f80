"""German twins of the hand-written pages (issue 19): guide, talk tracks, stories, tools.

Every English page has a German twin at de/<same path> that declares `language: de`,
credits the same sources (author, article, year; "n.d." reads "o. J."), and links to
German twins wherever one exists, hand-written or generated. The strict site build
proves the links and snippet includes resolve; these tests prove they go to the
right language.
"""

import os
import re
from functools import cache
from pathlib import Path, PurePosixPath

import pytest
import yaml

from build_scripts import config
from build_scripts.generate import build_folder

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SECTIONS = ("guide", "talk-tracks", "stories")
TOOLS = ("tools/team-rounds.md", "tools/nps-call-list.md")
ENGLISH = sorted(
    [str(p.relative_to(DOCS)) for s in SECTIONS for p in (DOCS / s).glob("*.md")] + list(TOOLS)
)
# The heading over a page's credits, in each language.
CREDIT_HEADINGS = {
    "en": ("Sources", "Source", "About this tool"),
    "de": ("Quellen", "Quelle", "Über dieses Werkzeug"),
}
# The five articles (see /work/shared/seeds/README.md); the overlap check needs them.
ARTICLES = Path(os.environ.get("KIT_SOURCE_ARTICLES", "/work/shared/seeds"))
LINK = re.compile(r"\]\(([^)\s#]+)(#[^)\s]*)?\)")


def front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def credit_section(text: str, lang: str) -> str:
    """The text under the page's credit heading, up to the next heading."""
    for heading in CREDIT_HEADINGS[lang]:
        parts = text.split(f"\n## {heading}\n", 1)
        if len(parts) == 2:
            return parts[1].split("\n## ", 1)[0]
    return ""


def credits(section: str, lang: str) -> dict:
    """What a credit names: article titles, list entries' authors, years, undated
    and untitled sources. Words around them are the page's own."""
    no_year = {"en": "n.d.", "de": "o. J."}[lang]
    untitled = {"en": "untitled", "de": "ohne Titel"}[lang]
    flat = " ".join(section.replace("**", "").split())
    return {
        "titles": sorted(t for t in re.findall(r"\*([^*]+)\*", flat) if len(t) > 15),
        # Two authors are joined by the page's own word: "and", "und".
        "authors": sorted(
            a.replace(" und ", " and ") for a in re.findall(r"^- ([^,*]+), \*", section, re.M)
        ),
        "years": sorted(re.findall(r"\b(?:19|20)\d\d\b", flat)),
        "undated": flat.count(no_year),
        "untitled": flat.count(untitled),
    }


@cache
def generated_pages() -> frozenset[str]:
    """Pages the generate step writes (assessments, team view, story builder, …)."""
    return frozenset(build_folder.generate(config.load()).pages)


def exists(path: str) -> bool:
    return (DOCS / path).is_file() or path in generated_pages()


def twin(path: str) -> str:
    return f"de/{path}"


def test_every_section_is_covered():
    assert len([p for p in ENGLISH if p.startswith("guide/")]) >= 14
    assert len([p for p in ENGLISH if p.startswith("talk-tracks/")]) >= 10
    assert len([p for p in ENGLISH if p.startswith("stories/")]) >= 5


@pytest.mark.parametrize("page", ENGLISH)
def test_every_english_page_has_a_german_twin_declaring_its_language(page):
    german = DOCS / twin(page)
    assert german.is_file(), f"docs/{twin(page)} is missing: translate docs/{page}"
    assert front_matter(german.read_text(encoding="utf-8")).get("language") == "de"


@pytest.mark.parametrize("page", [p for p in ENGLISH if not p.endswith("/print.md")])
def test_the_german_twin_credits_the_same_sources(page):
    en = credits(credit_section((DOCS / page).read_text(encoding="utf-8"), "en"), "en")
    de = credits(credit_section((DOCS / twin(page)).read_text(encoding="utf-8"), "de"), "de")
    assert en["titles"] or en["untitled"], f"{page}: no credit found"
    assert de == en


@pytest.mark.parametrize("page", [twin(p) for p in ENGLISH])
def test_german_pages_link_to_german_twins(page):
    """A link to an English page is wrong wherever that page has a German twin."""
    here = PurePosixPath(page).parent
    wrong = []
    for target, _anchor in LINK.findall((DOCS / page).read_text(encoding="utf-8")):
        if "://" in target or not target.endswith(".md"):
            continue
        parts: list[str] = []
        for part in (here / target).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        resolved = "/".join(parts)
        # Whether a link resolves at all is the strict build's to say.
        if not resolved.startswith("de/") and exists(twin(resolved)):
            wrong.append(f"{target}: English page; link its German twin {twin(resolved)}")
    assert wrong == []


def test_the_printable_german_guide_includes_every_german_chapter_without_front_matter():
    text = (DOCS / "de/guide/print.md").read_text(encoding="utf-8")
    english = (DOCS / "guide/print.md").read_text(encoding="utf-8")
    chapters = re.findall(r'^--8<-- "guide/([^"]+)"$', english, re.M)
    included = re.findall(r'^--8<-- "de/guide/([^":]+):chapter"$', text, re.M)
    assert included == chapters  # same chapters, same order
    for name in included:
        chapter = (DOCS / "de/guide" / name).read_text(encoding="utf-8")
        body = chapter.split("--8<-- [start:chapter]", 1)[1].split("--8<-- [end:chapter]")[0]
        assert "language: de" not in body and body.count("\n# ") == 1, name


def _markup(path: str) -> list[tuple]:
    """What nps.js and nps-result.js find the page by: each tag's id, classes and data-* names."""
    text = (DOCS / path).read_text(encoding="utf-8")
    out = []
    for tag in re.finditer(r"<([a-z]+)\b([^>]*)>", text):
        attrs = tag.group(2)
        out.append(
            (
                tag.group(1),
                re.findall(r'\bid="([^"]*)"', attrs),
                re.findall(r'\bclass="([^"]*)"', attrs),
                sorted(re.findall(r"\b(data-[a-z-]+)=", attrs)),
            )
        )
    return out


def test_the_german_nps_page_keeps_the_markup_its_script_reads():
    en, de = _markup("tools/nps-call-list.md"), _markup("de/tools/nps-call-list.md")
    assert len(en) > 50 and de == en
    de_text = (DOCS / "de/tools/nps-call-list.md").read_text(encoding="utf-8")
    # Every message the script shows is German: no English data-* text left.
    for english in ("Building the call list", "Detractor", "Unassigned", "Call sheet"):
        assert english not in de_text
    # The sample export is the English page's file, linked for download.
    assert '(../../tools/nps-sample-survey.csv){ download="nps-sample-survey.csv" }' in de_text
    assert (DOCS / "tools/nps-sample-survey.csv").is_file()


def test_the_german_nps_page_words_are_the_german_ui_strings():
    """The words the NPS page shares with the UI strings have one owner: de.yaml."""
    from build_scripts.generate.ui import UI_EN, load

    ui_de = load("de")
    page = (DOCS / "de/tools/nps-call-list.md").read_text(encoding="utf-8")
    keys = [k for k in UI_EN if k.startswith("nps_")]
    assert keys and [k for k in keys if ui_de[k] not in page] == []


def test_every_german_page_is_in_the_nav():
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    listed = set(re.findall(r"de/[\w/-]+\.md", str(nav)))
    assert {twin(p) for p in ENGLISH} <= listed


def _eight_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-zäöüß0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"the source articles are not at {ARTICLES}")
def test_no_german_page_copies_eight_words_from_the_articles():
    """A translation is in the kit's own words too: outside the credits (which cite
    the articles' titles) no German page shares eight words in a row with one."""
    articles = set()
    for article in sorted(ARTICLES.glob("*.txt")):
        articles |= _eight_word_runs(article.read_text(encoding="utf-8"))
    shared = {}
    for page in ENGLISH:
        text = (DOCS / twin(page)).read_text(encoding="utf-8")
        section = credit_section(text, "de")
        common = _eight_word_runs(text.replace(section, "")) & articles
        if common:
            shared[page] = [" ".join(g) for g in common]
    assert shared == {}
