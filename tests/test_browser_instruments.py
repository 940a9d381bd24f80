"""The bundled instruments' new verdicts in a real Chromium (issue 16), English and German.

The issue's own cases, answered as a respondent would: the page shows the verdict the
weakest dimension allows, says what decided it, and words the advice for the reader's role.
"""

import pytest

from tests.assessment_page import ENGINE_READY, answer, read_result

pytestmark = pytest.mark.browser

WT = ["asks-first", "calendar", "own-standard", "cut-first", "long-term", "funding",
      "targets-win", "scorecard", "recognition", "transactional", "same-message",
      "two-masters"]  # fmt: skip
EC = ["agenda", "inside", "outside", "strategy", "objectives", "goals", "pay", "trade-off"]


def fill_in(page, url, qid, answers, role, lang=""):
    page.goto(f"{url}{lang}assessments/{qid}/")
    answer(page, answers, role=role)
    page.wait_for_selector(ENGINE_READY)
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )


def visible_text(page, selector) -> str:
    return page.locator(selector).filter(visible=True).inner_text().strip()


def test_incentives_at_zero_is_named_not_averaged_away(page, site_url):
    # Everything perfect but incentives (targets win, no CX measures, no recognition):
    # overall 75 used to read "Walking the talk".
    answers = dict(zip(WT, (4, 4, 4, 0, 4, 4, 4, 0, 0, 0, 4, 0), strict=True))
    fill_in(page, site_url, "walk-the-talk", answers, "employee")
    assert read_result(page)["band"] == "clear-disconnect"
    assert visible_text(page, ".kit-decided") == "Decided by: Incentives, 0.0 / 100"
    # The employee is told what to raise with their manager, not to fix their own scorecard.
    assert "Raise that area with your manager" in visible_text(
        page, '[data-band="clear-disconnect"]'
    )
    rec = visible_text(page, '[data-rec="incentives-scorecard"]')
    assert rec.startswith("Pick the one target on your own scorecard")
    assert read_result(page)["recommendations"][0] == "incentives-scorecard"


def test_german_incentives_at_zero(page, site_url):
    answers = dict(zip(WT, (4, 4, 4, 0, 4, 4, 4, 0, 0, 0, 4, 0), strict=True))
    fill_in(page, site_url, "walk-the-talk", answers, "leader", lang="de/")
    assert visible_text(page, '[data-band="clear-disconnect"] .kit-band-label') == (
        "Ein klarer Widerspruch"
    )
    assert visible_text(page, ".kit-decided") == "Entschieden durch: Anreize, 0,0 / 100"


def test_one_sign_nobody_can_confirm_in_german(page, site_url):
    # Seven yes and one don't know: "Almost there", never "Fully committed", and the count
    # headlines the result instead of a 0-100 score.
    answers = dict(zip(EC, (2, 2, 2, 2, 2, 2, -1, 2), strict=True))
    fill_in(page, site_url, "executive-commitment", answers, "observer", lang="de/")
    assert read_result(page)["band"] == "almost-one-unconfirmed"
    assert visible_text(page, '[data-band="almost-one-unconfirmed"] .kit-band-label') == (
        "Fast am Ziel"
    )
    assert visible_text(page, ".kit-tally").startswith("7 von 8 Anzeichen sind ein klares Ja")
    assert "Fragen Sie Ihre Führungskraft" in visible_text(
        page, '[data-band="almost-one-unconfirmed"]'
    )
    assert read_result(page)["recommendations"] == ["accountability-unconfirmed"]


def test_four_yes_and_four_partly_is_not_almost_there(page, site_url):
    answers = dict(zip(EC, (2, 2, 2, 2, 1, 1, 1, 1), strict=True))
    fill_in(page, site_url, "executive-commitment", answers, "executive")
    assert read_result(page)["band"] == "partly"
    assert visible_text(page, ".kit-tally").startswith("4 of 8 signs are a clear yes")


def test_sponsor_qualities_nobody_knows_are_not_ready(page, site_url):
    inf = ["inf-strategy", "inf-support", "inf-resources", "inf-case", "inf-personal"]
    answers = {"phase": 0, "credibility": -1, "courage": -1, "vision": -1, **dict.fromkeys(inf, 4)}
    fill_in(page, site_url, "sponsor-readiness", answers, "team")
    assert read_result(page)["band"] == "unconfirmed"
    assert visible_text(page, '[data-band="unconfirmed"] .kit-band-label') == (
        "Not confirmed as ready"
    )
