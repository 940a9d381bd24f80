"""Bad input changes nothing and loses nothing: corrupted storage, markup and
script in everything a user or an organisation can feed the kit."""

import json

import pytest

from kit.engine import results as records
from tests.assessment_page import (
    ENGINE_READY,
    answer,
    model,
    open_assessment,
    show_more,
    wait_for_progress,
)
from tests.conftest import LiveServer, build_site

pytestmark = pytest.mark.browser
QID = "leadership-vision"
KEY = f"cx-kit/answers/{QID}/v1"
UNREADABLE = "could not be read"


def saved(**fields) -> str:
    """A saved-answers entry: a valid one, with `fields` changed."""
    entry = {"format": 1, "role": "manager", "answers": {"needs": 4}}
    return json.dumps(entry | fields)


XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.mark.parametrize(
    ("stored", "notice", "answered"),
    [
        ("{not json", UNREADABLE, 1),
        (json.dumps([1, 2, 3]), UNREADABLE, 1),
        (saved(answers=["needs", 4]), UNREADABLE, 1),
        (saved(role=7, answers={"needs": "4", "visits": 99}), UNREADABLE, 1),
        (saved(format=99), UNREADABLE, 1),
        (saved(pad="x" * 3_000_000), UNREADABLE, 1),
        (saved(role="ceo", answers={"nosuch": 1, "needs": 4}), "Some saved answers", 2),
    ],
    ids=[
        "invalid-json",
        "a-list",
        "answers-list",
        "wrong-types",
        "other-version",
        "oversized",
        "unknown-ids",
    ],
)
def test_corrupted_saved_answers_recover_with_a_notice(page, site_url, stored, notice, answered):
    open_assessment(page, site_url, QID)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    page.reload()
    shown = page.locator(".kit-notice")
    shown.wait_for()
    assert notice in shown.inner_text()
    # The unreadable entry is kept aside, not lost.
    assert page.evaluate("(k) => localStorage.getItem(k + '/set-aside') !== null", KEY)
    # Never a blank or broken form: it works at once, and usable parts survive.
    assert page.locator('input[name^="q-"]').count() == 30
    answer(page, {"agenda": 2})
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, answered, 6)


def test_corrupted_history_is_set_aside(page, site_url):
    open_assessment(page, site_url, QID)
    page.evaluate("(k) => localStorage.setItem(k, '{\"format\": 1, \"records\": 5}')",
                  f"cx-kit/history/{QID}/v1")  # fmt: skip
    page.reload()
    every = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
    answer(page, dict.fromkeys(every, 3))
    wait_for_progress(page, 6, 6)
    page.wait_for_function(
        "() => document.querySelectorAll('.kit-history-table tbody tr').length === 1"
    )
    assert page.evaluate(
        "(k) => localStorage.getItem(k + '/set-aside')", f"cx-kit/history/{QID}/v1"
    )


def test_markup_in_imported_files_and_codes_is_text(page, site_url, tmp_path):
    open_assessment(page, site_url, QID)
    page.wait_for_selector(ENGINE_READY)
    show_more(page, "open")
    bad = tmp_path / f"x{XSS[:10]}.json"
    bad.write_text(json.dumps({"format": "cx-kit-result", "format_version": 1, "role": XSS}))
    page.set_input_files(".kit-open-file", str(bad))
    page.get_by_role("button", name="Open", exact=True).click()
    page.locator(".kit-open-message").filter(has_text="could not be opened").wait_for()
    page.evaluate("() => { document.querySelector('.kit-open-file').value = ''; }")
    page.fill(".kit-open-code", XSS)
    page.get_by_role("button", name="Open", exact=True).click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".kit-open-message img, .kit-open-message script").count() == 0


def test_markup_in_definition_texts_is_shown_as_text(browser, tmp_path):
    """An organisation's questionnaire with markup in every text field."""
    from kit import loader

    source = (loader.QUESTIONNAIRE_DIR / f"{QID}.yaml").read_text()

    def poison(text: str, key: str) -> str:
        # The whole YAML value, quoted, with markup in front of the original text.
        out = []
        for line in text.splitlines():
            stripped = line.lstrip()
            value = stripped[len(key) + 1 :].strip()
            # Block scalars (>- or |) are left alone: their text is on the next lines.
            if stripped.startswith(key + ":") and value and value[0] not in ">|":
                indent = line[: len(line) - len(stripped)]
                value = value.strip("'\"")
                line = f"{indent}{key}: {json.dumps(XSS + ' ' + value)}"
            out.append(line)
        return "\n".join(out) + "\n"

    evil = source.replace("id: leadership-vision", "id: markup-test")
    for key in ("title", "manager"):
        evil = poison(evil, key)
    evil = evil.replace("label: Never}", f"label: {json.dumps('Never ' + XSS)}}}")
    qdir = tmp_path / "q"
    qdir.mkdir()
    (qdir / "markup-test.yaml").write_text(evil)
    site = tmp_path / "site"
    proc = build_site(site, extra_env={"KIT_QUESTIONNAIRES": str(qdir)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server = LiveServer(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server.url}assessments/markup-test/")
        page.check('input[name="q-needs"][value="0"]')
        page.wait_for_selector(ENGINE_READY)
        wait_for_progress(page, 1, 6)
        assert page.evaluate("() => window.__xss") is None
        legend = page.locator('fieldset[data-question="needs"] legend').inner_text()
        assert "<img src=x" in legend and "<script>" in legend
        assert "<script>" in page.locator("h1").inner_text()
    finally:
        context.close()
        server.stop()


def test_a_hung_engine_keeps_the_answers_and_retry_scores_them(page, site_url, context):
    """An engine that stops answering after it started (here: kept busy by a
    huge team-view request) is stopped after the request timeout; the form and
    the saved answers stay as they were, and Retry boots a fresh engine that
    scores them."""
    context.add_init_script("globalThis.__kitRequestTimeoutMs = 1500")
    open_assessment(page, site_url, QID)
    page.wait_for_selector(ENGINE_READY)
    answer(page, {"needs": 3})
    wait_for_progress(page, 1, 6)

    one = records.record(model(QID), "manager", {"needs": 3}, "A" * 16, "2026-01-01")
    # 150,000 records with distinct response ids (each read in full): seconds
    # of work, made in the page so the test does not ship them over CDP.
    page.evaluate(
        """async ([definition, one]) => {
            const kit = document.querySelector('script[src*="assets/kit/kit.js"]').src;
            const { engine } = await import(new URL('engine.js', kit).href);
            const data = Array.from({ length: 150000 }, (_, i) =>
              ({ ...one, response_id: `busy${String(i).padStart(12, '0')}` }));
            engine.request(
              { op: 'aggregate', definition, items: [{ name: 'busy', kind: 'record', data }] },
              { timeout: 600000 },
            );
        }""",
        [json.loads(page.locator("script.kit-definition").text_content()), one],
    )
    answer(page, {"visits": 1})  # its score waits behind the busy engine
    page.wait_for_selector('.kit-status[data-state="error"]', timeout=60_000)
    assert "did not answer within 2 seconds" in page.locator(".kit-status").inner_text()
    assert page.is_visible(".kit-retry")
    assert page.is_checked('input[name="q-needs"][value="3"]')
    assert page.is_checked('input[name="q-visits"][value="1"]')
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["answers"] == {"needs": 3, "visits": 1}

    page.click(".kit-retry")
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 2, 6)
    assert page.evaluate("window.__kitEngineBoots") == 2
