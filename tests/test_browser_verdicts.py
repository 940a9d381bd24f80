"""Verdicts in a real Chromium (issue 16): one case per kind of verdict, on a site
built with the two small questionnaires of tests/fixtures/verdicts/ (their
results are worked out by hand in tests/test_verdicts.py; here the page must
show what the engine under Pyodide decided, in English and in German).
"""

import pytest

from kit.engine import score
from kit.engine.results import encode
from tests.assessment_page import ENGINE_READY, answer, expected_view, read_result
from tests.conftest import LiveServer, build_site
from tests.test_verdicts import CHECK, FLOOR, HERE

pytestmark = pytest.mark.browser
FLOOR_IDS = ["a1", "a2", "b1", "b2", "c1"]
CHECK_IDS = ["s1", "s2", "s3", "s4"]


@pytest.fixture(scope="module")
def verdict_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("verdict-site")
    proc = build_site(site, extra_env={"KIT_QUESTIONNAIRES": str(HERE)})
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    server = LiveServer(site)
    yield server.url
    server.stop()


def fill_in(page, url, qid, ids, values, role, lang=""):
    page.goto(f"{url}{lang}assessments/{qid}/")
    answers = dict(zip(ids, values, strict=True))
    answer(page, answers, role=role)
    page.wait_for_selector(ENGINE_READY)
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    return answers


def visible_text(page, selector) -> str:
    return page.locator(selector).filter(visible=True).inner_text().strip()


def shown_band(page) -> str:
    return read_result(page)["band"]


def test_a_floor_moves_a_high_average_down_and_says_which_dimension(page, verdict_site):
    answers = fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (4, 4, 4, 0, 1), "lead")
    expected = expected_view(score(FLOOR, "lead", answers))
    # Overall 85 would be high; gamma at 25 misses its floor of 50: mid.
    assert expected["band"] == "mid"
    assert {k: read_result(page)[k] for k in expected} == expected
    assert visible_text(page, ".kit-decided") == "Decided by: Gamma, 25.0 / 100"
    assert visible_text(page, '[data-rec="gamma-lead"]').startswith("Put gamma in your own diary")
    assert page.locator('[data-rec="gamma-staff"]').is_hidden()


def test_the_german_page_says_what_decided_in_german_numbers(page, verdict_site):
    fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (0, 1, 4, 0, 2), "lead", lang="de/")
    # Overall 55 is in mid, whose floor 25 alpha (12.5) misses: low.
    assert shown_band(page) == "low"
    assert visible_text(page, ".kit-decided") == "Entschieden durch: Alpha-Bereich, 12,5 / 100"
    assert visible_text(page, '[data-band="low"] .kit-band-label') == "Niedrig"


def test_any_dimension_below(page, verdict_site):
    fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (4, 4, 4, 0, 0), "lead")
    assert shown_band(page) == "collapse"
    assert visible_text(page, ".kit-decided") == "Decided by: Gamma, 0.0 / 100"


def test_any_item_at_most_and_a_rule_text_per_role(page, verdict_site):
    fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (0, 4, 4, 0, 4), "staff")
    assert shown_band(page) == "never-item"
    assert visible_text(page, ".kit-decided") == "Decided by: Alpha one"
    text = visible_text(page, '[data-band="never-item"]')
    assert "tell your manager which" in text
    assert "start there" not in text


def test_unknown_at_least_and_advice_for_what_nobody_can_confirm(page, verdict_site):
    fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (9, 4, 9, 0, 4), "staff")
    assert shown_band(page) == "unsure"
    assert visible_text(page, ".kit-decided") == "Decided by: Alpha one, Beta one"
    rec = visible_text(page, '[data-rec="alpha-unsure"]')
    assert rec == "Ask your manager to show you how alpha works."


def test_a_band_text_per_role(page, verdict_site):
    fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (4, 4, 4, 0, 4), "staff")
    assert shown_band(page) == "high"
    assert visible_text(page, ".kit-decided") == "Decided by: the overall score, 100.0 / 100"
    text = visible_text(page, '[data-band="high"]')
    assert text.endswith("Tell your manager what works.")
    assert "Keep it routine" not in text


def test_a_checklist_is_headlined_by_its_count(page, verdict_site):
    fill_in(page, verdict_site, "verdict-checklist", CHECK_IDS, (2, 2, 2, -1), "lead")
    assert shown_band(page) == "almost"
    assert visible_text(page, ".kit-tally") == "3 of 4 signs are a clear yes; 1 cannot be confirmed"
    assert page.locator(".kit-overall-line").is_hidden()
    assert visible_text(page, ".kit-decided") == "Decided by: Sign four"
    assert visible_text(page, '[data-report="unknown"] li') == "Sign four: cannot be confirmed yet"
    # The screen reader hears the count, not a 0-100 score.
    live = page.locator(".kit-result-live").text_content()
    assert live == "Your result: Almost there. 3 of 4 signs are a clear yes; 1 cannot be confirmed"


@pytest.mark.parametrize(
    ("values", "band", "tally"),
    [
        ((2, 2, 1, 1), "partly", "2 of 4 signs are a clear yes; Partly: 2"),
        ((0, 2, 2, 2), "some-no", "3 of 4 signs are a clear yes; No: 1"),
        ((2, -1, -1, -1), "unconfirmed", "1 of 4 signs is a clear yes; 3 cannot be confirmed"),
    ],
)
def test_checklist_counts(page, verdict_site, values, band, tally):
    fill_in(page, verdict_site, "verdict-checklist", CHECK_IDS, values, "lead")
    assert shown_band(page) == band
    assert visible_text(page, ".kit-tally") == tally
    # The count headlines a checklist: a band the score placed names no decimal score.
    assert page.locator(".kit-decided").is_visible() == (band != "partly")


def test_the_team_view_gives_the_checklist_verdict_per_group(page, verdict_site):
    leads = [(2, 2, 2, 2), (2, 2, 2, -1), (2, 1, 2, 2)]
    codes = [encode(CHECK, "lead", dict(zip(CHECK_IDS, v, strict=True))) for v in leads]
    page.goto(f"{verdict_site}tools/team-view/")
    page.wait_for_selector('.kit-status:not([data-state="loading"])')
    page.select_option(".kit-team-questionnaire", "verdict-checklist")
    page.fill(".kit-team-codes", "\n".join(codes))
    page.get_by_role("button", name="Compare").click()
    page.locator(".kit-team-message").filter(has_text="Compared").wait_for(timeout=60_000)
    # Each lead alone is all-yes or almost; as a team two signs are short of yes.
    item = page.locator('.kit-team-checklist li[data-group="lead"]')
    assert item.inner_text() == (
        "I lead the team: Partly. 2 of 4 signs are a clear yes; 1 cannot be confirmed"
    )
    assert page.locator('.kit-team-checklist li[data-group="staff"]').count() == 0


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_new_result_parts_pass_axe(browser, verdict_site, scheme):
    # Imported here: the accessibility module skips itself where axe-core is missing.
    from tests.test_accessibility import SCHEMES, run_axe

    ctx = browser.new_context(color_scheme=SCHEMES[scheme], service_workers="block")
    ctx.set_default_timeout(60_000)
    try:
        page = ctx.new_page()
        fill_in(page, verdict_site, "verdict-checklist", CHECK_IDS, (2, 2, 2, -1), "staff")
        assert page.locator(".kit-tally").is_visible()
        run_axe(page, scheme, "checklist with count, decided by and an unconfirmed sign")
        fill_in(page, verdict_site, "verdict-floor", FLOOR_IDS, (9, 4, 9, 0, 4), "staff")
        assert page.locator(".kit-decided").is_visible()
        run_axe(page, scheme, "floor questionnaire with per-role texts")
    finally:
        ctx.close()
