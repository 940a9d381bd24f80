"""The leadership self-assessment in a real Chromium, on the real built site.

The page is served by a real HTTP server; scores come from the engine inside
Pyodide in a Web Worker and must equal what CPython computes.
"""

from urllib.parse import urlsplit

import pytest

from kit.engine import score
from tests.assessment_page import (
    ENGINE_READY,
    answer,
    expected_view,
    model,
    open_assessment,
    read_result,
    wait_for_progress,
)

pytestmark = pytest.mark.browser
QID = "leadership-vision"
MIXED = {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4}


def shown(page) -> dict:
    view = read_result(page)
    return {k: view[k] for k in ("overall", "band", "dimensions", "recommendations", "complete")}


def test_form_is_usable_before_the_engine_is_ready(page, site_url):
    open_assessment(page, site_url, QID)
    # The first answer can be given while Pyodide is still loading.
    assert page.locator(".kit-status").get_attribute("data-state") != "ready"
    page.check('input[name="q-needs"][value="3"]')
    assert page.is_checked('input[name="q-needs"][value="3"]')
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)


@pytest.mark.parametrize(
    ("role", "answers"),
    [
        ("manager", MIXED),
        ("employee", MIXED),
        ("employee", dict.fromkeys(MIXED, 0)),
        ("manager", dict.fromkeys(MIXED, 4)),
        (
            "manager",
            {"needs": 2, "visits": 2, "reviews": 1, "agenda": 3, "urgency": 4, "involvement": 1},
        ),
    ],
)
def test_shown_result_equals_cpython_engine(page, site_url, role, answers):
    open_assessment(page, site_url, QID)
    answer(page, answers, role=role)
    wait_for_progress(page, 6, 6)
    expected = expected_view(score(model(QID), role, answers))
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    assert shown(page) == expected
    band_text = page.locator(f'[data-band="{expected["band"]}"]').inner_text()
    assert band_text.strip()


def test_role_changes_wording(page, site_url):
    open_assessment(page, site_url, QID)
    legend = page.locator('fieldset[data-question="reviews"] legend')
    assert legend.inner_text().startswith("I go through")
    page.check('input[name="kit-role"][value="employee"]')
    assert legend.inner_text().startswith("My manager goes through")


def test_partial_answers_show_progress_and_no_band(page, site_url):
    open_assessment(page, site_url, QID)
    partial = {"needs": 4, "visits": 2, "reviews": 3, "agenda": 1}
    answer(page, partial)
    wait_for_progress(page, 4, 6)
    view = read_result(page)
    assert view["shown"] and not view["complete"]
    assert view["band"] is None and view["recommendations"] == []
    assert view["overall"] == score(model(QID), "manager", partial)["overall"]
    assert page.locator(".kit-incomplete").inner_text().startswith("4 of 6 questions answered")


def test_reload_restores_and_clear_clears(page, site_url):
    open_assessment(page, site_url, QID)
    answer(page, MIXED, role="employee")
    wait_for_progress(page, 6, 6)
    page.reload()
    for qid, value in MIXED.items():
        assert page.is_checked(f'input[name="q-{qid}"][value="{value}"]')
    assert page.is_checked('input[name="kit-role"][value="employee"]')
    assert "restored" in page.locator(".kit-notice").inner_text()
    wait_for_progress(page, 6, 6)
    assert shown(page) == expected_view(score(model(QID), "employee", MIXED))

    page.wait_for_function(
        "() => localStorage.getItem('cx-kit/history/leadership-vision/v1') !== null"
    )
    page.get_by_role("button", name="Clear my answers").click()
    assert page.locator('input[type="radio"][name^="q-"]:checked').count() == 0
    assert page.is_hidden(".kit-result")
    # The answers are gone; the completed result stays in the history.
    keys = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('cx-kit/'))")
    assert keys == ["cx-kit/history/leadership-vision/v1"]
    page.reload()
    assert page.locator('input[type="radio"][name^="q-"]:checked').count() == 0


def test_corrupt_saved_answers_are_set_aside_with_a_notice(page, site_url):
    open_assessment(page, site_url, QID)
    key = "cx-kit/answers/leadership-vision/v1"
    page.evaluate("(k) => localStorage.setItem(k, '{not json')", key)
    page.reload()
    assert "could not be read" in page.locator(".kit-notice").inner_text()
    assert page.evaluate("(k) => localStorage.getItem(k + '/set-aside')", key) == "{not json"
    answer(page, {"needs": 1})
    wait_for_progress(page, 1, 6)


def test_every_request_is_same_origin(page, site_url):
    open_assessment(page, site_url, QID)
    answer(page, MIXED)
    wait_for_progress(page, 6, 6)
    origin = urlsplit(site_url).netloc
    foreign = [
        u
        for u in page.watch.requests
        if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin
    ]
    assert foreign == []
    assert any(u.endswith(".wasm") for u in page.watch.requests)
    assert any(".whl" in u for u in page.watch.requests)
    assert page.watch.errors == []


def test_engine_failure_keeps_answers_and_offers_retry(page, site_url, context):
    # The runtime cannot be fetched: the page says so and keeps the answers.
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    open_assessment(page, site_url, QID)
    answer(page, {"needs": 3, "visits": 1})
    page.wait_for_selector('.kit-status[data-state="error"]')
    assert "could not be loaded" in page.locator(".kit-status").inner_text()
    assert page.is_visible(".kit-retry")
    assert page.is_checked('input[name="q-visits"][value="1"]')
    page.reload()
    assert page.is_checked('input[name="q-needs"][value="3"]')
    page.wait_for_selector('.kit-status[data-state="error"]')
    # Once the runtime is reachable again, Retry scores the kept answers.
    context.unroute("**/pyodide.asm.wasm")
    page.click(".kit-retry")
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 2, 6)
