"""The same answers score the same in English and German, in the browser."""

import pytest

from kit import loader
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
    page.goto(f"{site_url}de/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator("article a[href*='assessments/']").count() == 7
