"""Both languages in the browser: the same answers score the same, each
language has its own nav, chrome and number spelling, and the language switch
goes to the same page in the other language."""

import re

import pytest

from kit import loader
from kit.engine import score
from tests.assessment_page import answer, read_result, wait_for_progress

pytestmark = pytest.mark.browser
QID = "walk-the-talk"


def shown(page) -> dict:
    view = read_result(page)
    return {k: view[k] for k in ("overall", "band", "dimensions", "recommendations", "complete")}


def test_german_page_scores_like_the_english_one(page, site_url):
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / f"{QID}.yaml")
    answers = {q.id: (i % 5) for i, q in enumerate(model.questions)}
    total = len(model.questions)

    page.goto(f"{site_url}assessments/{QID}/")
    answer(page, answers, role="employee")
    wait_for_progress(page, total, total)
    english = shown(page)
    english_title = page.locator("h1").inner_text()
    english_band = page.locator(f'[data-band="{english["band"]}"]').inner_text()

    # The language link leads to the German page; the answers come along
    # (they are saved per questionnaire and version, whatever the language).
    page.locator(".kit-language a").click()
    page.wait_for_url(f"{site_url}de/assessments/{QID}/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator("h1").inner_text() != english_title
    for qid, value in answers.items():
        assert page.is_checked(f'input[name="q-{qid}"][value="{value}"]')
    page.wait_for_function(
        "(t) => document.querySelector('.kit-progress').textContent.includes(String(t))", arg=total
    )
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    assert shown(page) == english
    # The same band, in German words.
    german_band = page.locator(f'[data-band="{english["band"]}"]').inner_text()
    assert german_band.strip() and german_band != english_band


def test_language_switch_in_the_header(page, site_url):
    page.goto(site_url)
    links = page.eval_on_selector_all(
        ".md-select__link[hreflang]", "els => els.map((e) => [e.hreflang, e.href])"
    )
    assert ["de", f"{site_url}de/"] in links
    page.goto(f"{site_url}de/assessments/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator("article table a[href*='assessments/']").count() == 7


GERMAN_NAME = "Kit für kundenorientierte Führung"


def sidebar(page) -> tuple[list[str], list[str]]:
    """The primary nav's link texts and paths (relative to the site)."""
    return page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link",
        "els => [els.map((e) => e.textContent.trim()),"
        " els.filter((e) => e.href).map((e) => new URL(e.href).pathname)]",
    )


def switch_to(page, lang: str):
    """Choose a language in the header's switch, as a reader does (hover, click)."""
    page.hover(".md-header__option .md-select")
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_selector(f'html[lang="{lang}"]', state="attached")
    page.wait_for_load_state()


def test_english_pages_show_only_the_english_nav(page, site_url):
    page.goto(f"{site_url}guide/walking-the-talk/")
    texts, paths = sidebar(page)
    assert "Leader's guide" in texts and "Tools" in texts
    assert "Deutsch" not in texts and "Selbsteinschätzungen" not in texts
    assert paths and not [p for p in paths if "/de/" in p]


def test_german_pages_show_only_the_german_nav(page, site_url):
    page.goto(f"{site_url}de/assessments/walk-the-talk/")
    texts, paths = sidebar(page)
    assert texts[:2] == ["Startseite", "Selbsteinschätzungen"]
    assert "Tools" not in texts and "Leader's guide" not in texts and "Deutsch" not in texts
    root = site_url.removeprefix("http://").split("/", 1)[1]
    assert paths and all(p.startswith(f"/{root}de/") for p in paths), paths


def test_switch_goes_to_the_same_page_from_an_assessment_and_back(page, site_url):
    page.goto(f"{site_url}assessments/walk-the-talk/")
    switch_to(page, "de")
    assert page.url == f"{site_url}de/assessments/walk-the-talk/"
    switch_to(page, "en")
    assert page.url == f"{site_url}assessments/walk-the-talk/"


def test_switch_from_a_guide_page_goes_to_its_twin_or_the_german_home(page, site_url, built_site):
    page.goto(f"{site_url}guide/walking-the-talk/")
    twin = (built_site / "de" / "guide" / "walking-the-talk" / "index.html").is_file()
    switch_to(page, "de")
    expected = "de/guide/walking-the-talk/" if twin else "de/"
    assert page.url == f"{site_url}{expected}"
    # Homes are twins too: back to the English home from the German one.
    page.goto(f"{site_url}de/")
    switch_to(page, "en")
    assert page.url == site_url


def test_german_pages_have_german_chrome(page, site_url):
    page.goto(f"{site_url}de/assessments/walk-the-talk/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.title().endswith(f" - {GERMAN_NAME}")
    header = page.locator(".md-header__topic").first.inner_text()
    assert header.strip() == GERMAN_NAME
    assert page.locator(".md-nav--primary > .md-nav__title").inner_text().strip() == GERMAN_NAME
    footer = page.locator(".md-footer").inner_text()
    assert "Erstellt mit" in footer and "Made with" not in footer
    # Material's own words (the search box's label) in German too.
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Suche"
    # The logo goes to the German home.
    logo = page.locator(".md-header .md-logo").get_attribute("href")
    assert page.evaluate("(h) => new URL(h, location.href).href", logo) == f"{site_url}de/"
    page.goto(f"{site_url}guide/walking-the-talk/")
    assert page.title().endswith(" - Customer-centric leadership kit")
    assert "Made with" in page.locator(".md-footer").inner_text()


def test_a_german_result_writes_a_decimal_comma(page, site_url):
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / f"{QID}.yaml")
    answers = {q.id: (i % 4) for i, q in enumerate(model.questions)}
    role = model.roles[0].id
    expected = score(model, role, answers)
    assert expected["overall"] != int(expected["overall"]), "pick answers with a decimal"
    page.goto(f"{site_url}de/assessments/{QID}/")
    answer(page, answers, role=role)
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    overall = page.locator(".kit-overall").inner_text().strip()
    assert overall == f"{expected['overall']:.1f}".replace(".", ",")
    dims = page.locator(".kit-dim-score").all_inner_texts()
    assert dims and all(re.fullmatch(r"\d+,\d", d.strip()) for d in dims if d.strip() != "–")
    # The engine's chart writes the same numbers and German words (cw19).
    chart = page.locator(".kit-chart svg")
    chart.wait_for(state="attached", timeout=60_000)
    labels = chart.locator("text, tspan").all_text_contents()  # a radar's score is a tspan
    scored = [d for d in expected["dimensions"] if d["shown"] and d["score"] is not None]
    assert scored
    for d in scored:
        assert f"{d['score']:.1f}".replace(".", ",") in labels
    assert not any(re.search(r"\d\.\d", text) for text in labels)
    desc = chart.locator("desc").text_content()
    assert "von 100" in desc and "out of 100" not in desc and "chart" not in desc


@pytest.mark.parametrize("home", ["", "de/"])
def test_home_page_shows_where_each_user_starts_on_a_phone(browser, site_url, home):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}{home}")
        start = page.locator(".kit-home-start")
        assert start.count() == 1 and start.is_visible()
        box = start.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        # Where each kind of user starts: assessments, team rounds, NPS, reading.
        hrefs = page.eval_on_selector_all(
            ".kit-home-cards a", "els => els.map((e) => new URL(e.href).pathname)"
        )
        for part in ("/assessments/", "/tools/team-rounds/", "/tools/nps-call-list/",
                     "/guide/", "/talk-tracks/", "/stories/"):  # fmt: skip
            assert any(part in h for h in hrefs), (part, hrefs)
        cards = page.locator(".kit-home-cards > ul > li")
        assert cards.count() == 5
        for i in range(cards.count()):
            b = cards.nth(i).bounding_box()
            assert b["x"] >= 0 and b["x"] + b["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_german_home_links_german_pages_where_they_exist(page, site_url, built_site):
    """A link from the German home to an English page is right only until its
    German twin exists."""
    page.goto(f"{site_url}de/")
    paths = page.eval_on_selector_all(
        "article a[href]", "els => els.map((e) => new URL(e.href).pathname)"
    )
    root = "/" + site_url.removeprefix("http://").split("/", 1)[1]
    for path in paths:
        rel = path.removeprefix(root)
        if rel.startswith("de/") or not rel or "." in rel.rsplit("/", 1)[-1]:
            continue
        assert not (built_site / "de" / rel / "index.html").is_file(), (
            f"the German home links {rel}; link its German twin de/{rel}"
        )
