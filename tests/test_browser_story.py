"""The story builder in a real Chromium, on the real built site.

The story shown, copied and downloaded comes from the engine inside Pyodide
in a Web Worker and must equal what CPython's engine writes for the same text.
"""

import datetime
import json
from urllib.parse import urlsplit

import pytest

from build_scripts.generate.stories import STORY_DIR, load_file
from kit.engine.stories import handle

pytestmark = pytest.mark.browser
ENGINE_READY = '.kit-status[data-state="ready"]'
OUTPUT = "pre.kit-story-text"

DETRACTOR = {
    "customer": "A regional hotel group",
    "original_feedback": "Three invoices wrong in a row.\nWe're reviewing whether to renew.",
    "what_went_wrong": "our system kept applying the old rate card.",
    "who_called": "Our finance director",
    "what_we_heard": "that the cost was the hours spent checking invoices.",
    "fix_for_customer": "corrected the rate card and re-issued six months of invoices.",
    "fix_for_everyone": "added a rate-card check to every contract change.",
    "later_feedback": "You're the only supplier we don't have to double-check.",
    "lesson": "a repeated complaint is a process telling you it's broken.",
    # "owner" stays empty: optional, so its paragraph is left out.
}


def expected(sid: str, fields: dict, lang: str = "en") -> dict:
    name = f"{sid}.yaml" if lang == "en" else f"{sid}.{lang}.yaml"
    english = load_file(STORY_DIR / f"{sid}.yaml")
    definition = load_file(STORY_DIR / name, None if lang == "en" else english).definition
    return handle({"op": "story", "template": definition, "fields": fields})


def open_builder(page, base_url: str, anchor: str = ""):
    page.goto(f"{base_url}stories/builder/{anchor}")
    # The tool has started (the load event does not wait for its script).
    page.wait_for_selector('.kit-status:not([data-state="loading"])')
    return page


def fill_fields(page, sid: str, fields: dict):
    for name, value in fields.items():
        page.fill(f'form[data-story="{sid}"] [name="{name}"]', value)


def wait_for_story(page, markdown: str):
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel).textContent === text",
        arg=[OUTPUT, markdown],
    )


def test_fills_the_chosen_template_like_the_cpython_engine(page, site_url):
    open_builder(page, site_url)
    page.check('input[name="kit-story"][value="detractor-to-promoter"]')
    assert page.locator('section[data-story="detractor-to-promoter"]').is_visible()
    assert page.locator('section[data-story="employee-success"]').is_hidden()
    partial = {k: DETRACTOR[k] for k in ("customer", "original_feedback")}
    fill_fields(page, "detractor-to-promoter", partial)
    first = expected("detractor-to-promoter", partial)
    wait_for_story(page, first["markdown"])
    assert "[What went wrong]" in first["markdown"]
    assert (
        page.locator(".kit-story-missing")
        .inner_text()
        .startswith("Still to fill in: What went wrong, Who reached out,")
    )
    fill_fields(page, "detractor-to-promoter", DETRACTOR)
    result = expected("detractor-to-promoter", DETRACTOR)
    assert result["missing"] == [] and "Thanks to" not in result["markdown"]
    wait_for_story(page, result["markdown"])
    assert page.locator(".kit-story-missing").inner_text() == "Every required field is filled in."
    page.wait_for_selector(ENGINE_READY)
    assert not page.watch.errors
    origin = urlsplit(site_url).netloc
    assert all(urlsplit(u).netloc == origin for u in page.watch.requests if "//" in u)


def test_reload_keeps_fields_and_template(page, site_url):
    open_builder(page, site_url)
    page.check('input[name="kit-story"][value="leader-customer-call"]')
    fields = {"leader_name": "Sam Okafor, COO", "heard": "Price is fine.\n\nHandovers are not."}
    fill_fields(page, "leader-customer-call", fields)
    # Another template's text is kept too.
    page.check('input[name="kit-story"][value="employee-success"]')
    fill_fields(page, "employee-success", {"team": "Denver billing"})
    page.check('input[name="kit-story"][value="leader-customer-call"]')
    markdown = expected("leader-customer-call", fields)["markdown"]
    wait_for_story(page, markdown)

    page.reload()
    # story.js is imported on demand after the page loads: wait for its restore.
    page.locator(".kit-notice").filter(has_text="restored").wait_for()
    assert page.is_checked('input[name="kit-story"][value="leader-customer-call"]')
    for name, value in fields.items():
        assert page.input_value(f'form[data-story="leader-customer-call"] [name="{name}"]') == value
    assert page.input_value('form[data-story="employee-success"] [name="team"]') == "Denver billing"
    assert page.locator(".kit-notice").inner_text() == (
        "Your earlier text was restored from this browser."
    )
    wait_for_story(page, markdown)


def test_download_gives_the_markdown_file(page, site_url):
    open_builder(page, site_url)
    fields = {"employee_name": "Priya", "quote": 'She said: "{done}" {'}
    fill_fields(page, "employee-success", fields)
    result = expected("employee-success", fields)
    wait_for_story(page, result["markdown"])
    with page.expect_download() as info:
        page.click(".kit-story-download")
    download = info.value
    assert download.suggested_filename == f"employee-success-{datetime.date.today()}.md"
    assert open(download.path(), encoding="utf-8").read() == result["markdown"]
    assert page.locator(".kit-story-feedback").inner_text() == (
        f"Downloaded {download.suggested_filename}."
    )


def test_copy_puts_the_story_on_the_clipboard(page, context, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    open_builder(page, site_url)
    fields = {"employee_name": "Priya", "team": "billing"}
    fill_fields(page, "employee-success", fields)
    page.click(".kit-story-copy")
    page.wait_for_function(
        "() => document.querySelector('.kit-story-feedback').textContent"
        ".startsWith('The story is copied')"
    )
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == expected("employee-success", fields)["markdown"]
    )


def test_markup_shows_as_text(page, site_url):
    open_builder(page, site_url)
    hostile = (
        '<script>window.__storyPwned = 1</script><img src=x onerror="window.__storyPwned = 2">'
    )
    fields = {"employee_name": hostile, "action": "typed {team} and {{ and {0}"}
    fill_fields(page, "employee-success", fields)
    markdown = expected("employee-success", fields)["markdown"]
    assert hostile in markdown and "typed {team} and {{ and {0}" in markdown
    wait_for_story(page, markdown)
    assert page.locator(OUTPUT).evaluate("el => el.children.length") == 0
    assert page.evaluate("window.__storyPwned") is None
    assert page.locator(OUTPUT).inner_text().startswith(hostile)


def test_link_picks_the_template_and_clear_empties_it(page, site_url):
    open_builder(page, site_url, "#story-day-in-the-life")
    # story.js picks the linked template once it has run (a module, after parsing).
    page.wait_for_function(
        '() => document.querySelector(\'input[name="kit-story"][value="day-in-the-life"]\').checked'
    )
    fill_fields(page, "day-in-the-life", {"year": "2029"})
    wait_for_story(page, expected("day-in-the-life", {"year": "2029"})["markdown"])
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".kit-story-clear")
    wait_for_story(page, expected("day-in-the-life", {})["markdown"])
    assert page.input_value('form[data-story="day-in-the-life"] [name="year"]') == ""
    assert page.evaluate("localStorage.getItem('cx-kit/story/day-in-the-life')") is None


def test_unreadable_saved_text_is_set_aside(page, site_url):
    open_builder(page, site_url)
    broken = "{not json"
    odd = json.dumps({"format": 1, "fields": {"customer": "Leeds", "nope": "x", "lesson": 7}})
    page.evaluate(
        "([a, b]) => { localStorage.setItem('cx-kit/story/employee-success', a);"
        " localStorage.setItem('cx-kit/story/detractor-to-promoter', b); }",
        [broken, odd],
    )
    page.reload()
    # The notice is written once story.js has read the storage: wait for it.
    notice = page.locator(".kit-notice")
    notice.wait_for(state="visible")
    assert notice.inner_text().startswith("Some text saved in this browser could not be read")
    set_aside = "localStorage.getItem('cx-kit/story/employee-success/set-aside')"
    assert page.evaluate(set_aside) == broken
    form = 'form[data-story="detractor-to-promoter"]'
    assert page.input_value(f'{form} [name="customer"]') == "Leeds"
    assert page.input_value(f'{form} [name="lesson"]') == ""
    wait_for_story(page, expected("employee-success", {})["markdown"])


def test_preview_reads_as_prose_with_names_and_capitals_right(page, site_url):
    open_builder(page, site_url, "#story-employee-success")
    fields = {
        "employee_name": "Priya Shah",
        "employee_role": "support engineer",
        "team": "Denver",
        "customer": "A mid-size logistics customer",
        "action": "Took ownership of the outage",
    }
    fill_fields(page, "employee-success", fields)
    result = expected("employee-success", fields)
    wait_for_story(page, result["markdown"])
    text = page.locator(OUTPUT).inner_text()
    assert text.startswith(
        "Priya Shah, support engineer in Denver, recently helped a mid-size logistics customer."
    )
    assert "Priya Shah took ownership of the outage." in text
    assert "Thank you, Priya Shah.\n" in text + "\n"
    # The body font, not the code font.
    fonts = page.evaluate(
        "(sel) => [getComputedStyle(document.querySelector(sel)).fontFamily,"
        " getComputedStyle(document.querySelector('article p')).fontFamily,"
        " getComputedStyle(document.querySelector('article')).getPropertyValue("
        "'--md-code-font-family')]",
        OUTPUT,
    )
    assert fonts[0] == fonts[1]
    assert "mono" not in fonts[0].lower() and "courier" not in fonts[0].lower()


def test_german_builder_writes_the_german_story(page, site_url):
    """A German story page's link opens the German builder on its template."""
    page.goto(f"{site_url}de/stories/day-in-the-life/")
    page.click('a[href$="builder/#story-day-in-the-life"]')
    page.wait_for_selector('.kit-status:not([data-state="loading"])')
    assert page.url.endswith("/de/stories/builder/#story-day-in-the-life")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator('section[data-story="day-in-the-life"]').is_visible()
    fields = {
        "year": "2029",
        "customer_name": "Markus",
        "customer_profile": "Elektriker mit einem Betrieb mit zwei Transportern",
        "trigger": "Teile für eine dringende Neuverkabelung bestellen",
    }
    fill_fields(page, "day-in-the-life", fields)
    result = expected("day-in-the-life", fields, "de")
    assert (
        "Heute muss Markus Teile für eine dringende Neuverkabelung bestellen."
        in (result["markdown"])
    )
    assert "[Was heute passieren würde]" in result["markdown"]
    wait_for_story(page, result["markdown"])
    assert (
        page.locator(".kit-story-missing")
        .inner_text()
        .startswith("Noch auszufüllen: Was heute passieren würde, Was als Erstes anders läuft,")
    )
    assert page.locator(".kit-story-copy").inner_text() == "Geschichte kopieren"
    page.wait_for_selector(ENGINE_READY)
    assert "Das Geschichtenmodul ist bereit." in page.locator(".kit-status").inner_text()
    assert not page.watch.errors
