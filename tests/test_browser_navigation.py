"""One engine per tab: Material's instant navigation between kit pages.

The page is not reloaded when a respondent follows a link from one assessment
to another, so the Web Worker with Pyodide keeps running: one boot per tab.
"""

import time

import pytest

from build_scripts.runtime.site_assets import SNAPSHOT_CACHE
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
FIRST, SECOND = "leadership-vision", "walk-the-talk"
MIXED = {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4}


def shown(page) -> dict:
    view = read_result(page)
    return {k: view[k] for k in ("overall", "band", "dimensions", "recommendations", "complete")}


def plain_questions(qid: str, n: int) -> dict[str, int]:
    """n questions shown without any answer (no show_if), each with its first option."""
    m = model(qid)
    picked = [q for q in m.questions if q.show_if is None and q.type != "route"][:n]
    return {q.id: m.scales[q.scale].options[0].value for q in picked}


def script_errors(page) -> list[str]:
    """Errors of the page's scripts (a missing file is the server log's business)."""
    return [e for e in page.watch.errors if "Failed to load resource" not in e]


def follow_nav_link(page, site_url: str, qid: str):
    """Click the site navigation's link to an assessment, as a respondent does."""
    target = f"{site_url}assessments/{qid}/"
    index = page.evaluate(
        "(t) => [...document.querySelectorAll('.md-sidebar--primary a')]"
        ".findIndex((a) => a.href === t)",
        target,
    )
    assert index >= 0, f"no navigation link to {target}"
    page.locator(".md-sidebar--primary a").nth(index).click()
    # The new content is in before its tool starts: wait for the tool's status.
    page.wait_for_selector(f'[data-kit-id="{qid}"] .kit-status:not([data-state="loading"])')


def engine(page, site_url: str, expression: str):
    """An expression over the tab's engine (the module the page itself imported)."""
    return page.evaluate(
        f"async () => {{ const {{ engine }} = await import('{site_url}assets/kit/engine.js');"
        f" return {expression}; }}"
    )


def test_one_engine_boots_across_instant_navigation(page, site_url):
    wasm = []
    page.on("request", lambda r: r.url.endswith("/pyodide.asm.wasm") and wasm.append(r.url))
    open_assessment(page, site_url, FIRST)
    page.evaluate("window.__sameDocument = true")  # gone if the page is ever reloaded
    answer(page, MIXED, role="employee")
    wait_for_progress(page, 6, 6)
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    assert shown(page) == expected_view(score(model(FIRST), "employee", MIXED))
    listeners = engine(page, site_url, "engine.listeners.size")

    follow_nav_link(page, site_url, SECOND)
    assert page.url == f"{site_url}assessments/{SECOND}/"
    assert page.evaluate("window.__sameDocument") is True
    assert page.title().startswith(model(SECOND).title)
    partial = plain_questions(SECOND, 2)
    answer(page, partial)
    page.wait_for_selector(ENGINE_READY)
    total = len(model(SECOND).questions)
    page.wait_for_function(
        "(a) => document.querySelector('.kit-progress').textContent.trim().startsWith(`${a} of`)",
        arg=len(partial),
    )
    role = model(SECOND).roles[0].id
    assert read_result(page)["overall"] == score(model(SECOND), role, partial)["overall"]
    assert total > len(partial)

    # Back to the first: its answers were saved as they were given and come back.
    follow_nav_link(page, site_url, FIRST)
    assert page.evaluate("window.__sameDocument") is True
    for qid, value in MIXED.items():
        assert page.is_checked(f'input[name="q-{qid}"][value="{value}"]')
    assert page.is_checked('input[name="kit-role"][value="employee"]')
    wait_for_progress(page, 6, 6)
    assert shown(page) == expected_view(score(model(FIRST), "employee", MIXED))

    # And forward again, with the browser's back button this time.
    page.go_back()
    page.wait_for_selector(f'[data-kit-id="{SECOND}"] .kit-status:not([data-state="loading"])')
    for qid, value in partial.items():
        assert page.is_checked(f'input[name="q-{qid}"][value="{value}"]')

    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__kitEngineBoots") == 1
    assert engine(page, site_url, "engine.boots") == 1
    assert len(wasm) == 1
    # The pages that are gone left no status listener behind.
    assert engine(page, site_url, "engine.listeners.size") == listeners
    assert script_errors(page) == []


def test_definition_survives_the_swap_of_page_content(page, site_url):
    """Material re-runs the scripts of a fetched page: the JSON definition must
    stay a data block (the Content-Security-Policy would refuse it as a script)."""
    open_assessment(page, site_url, SECOND)
    page.wait_for_selector(ENGINE_READY)
    follow_nav_link(page, site_url, FIRST)
    definition = page.locator("script.kit-definition")
    assert definition.count() == 1
    assert definition.get_attribute("type") == "application/json"
    assert page.locator("template[data-kit-data-block]").count() == 0
    answer(page, {"needs": 2})
    wait_for_progress(page, 1, 6)
    assert read_result(page)["overall"] == score(model(FIRST), "manager", {"needs": 2})["overall"]
    assert script_errors(page) == []


def wait_until(page, script: str, arg=None, timeout: float = 30.0):
    """Poll an async page function: wait_for_function does not await a Promise
    (it counts the Promise itself as a true result)."""
    end = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < end, f"not true after {timeout} s: {script}"
        time.sleep(0.2)


def test_service_worker_keeps_pages_reached_by_instant_navigation(page, site_url):
    open_assessment(page, site_url, FIRST)
    page.wait_for_selector(ENGINE_READY)
    follow_nav_link(page, site_url, SECOND)
    wait_until(
        page,
        """async ([urls, snapshot]) => {
          if (!navigator.serviceWorker.controller) return false;
          // The site's one cache; the engine's memory snapshot has its own.
          const keys = (await caches.keys()).filter((k) => k !== snapshot);
          if (keys.length !== 1) return false;
          const cache = await caches.open(keys[0]);
          for (const url of urls) if (!(await cache.match(url))) return false;
          return true;
        }""",
        [[f"{site_url}assessments/{FIRST}/", f"{site_url}assessments/{SECOND}/"], SNAPSHOT_CACHE],
    )
    assert page.evaluate("window.__kitEngineBoots") == 1


def test_links_outside_the_pages_are_left_to_the_browser(page, site_url):
    open_assessment(page, site_url, FIRST)
    page.evaluate("window.__sameDocument = true")
    # A file that is not a page (a stylesheet) is a normal navigation.
    page.evaluate(
        "(href) => document.querySelector('article')"
        ".append(Object.assign(document.createElement('a'), { href, textContent: 'x' }))",
        f"{site_url}assets/kit/kit.css",
    )
    with page.expect_navigation():
        page.locator('article a[href$="kit.css"]').click()
    assert page.url == f"{site_url}assets/kit/kit.css"
    assert page.evaluate("window.__sameDocument === undefined")


def test_deeply_nested_input_is_refused_and_the_engine_keeps_running(page, site_url):
    """JSON nested 30,000 deep used to exhaust the WebAssembly stack and stop
    Pyodide for good; the engine now refuses it (kit.engine.jsontext) and the
    same engine scores on. (An engine that stops answering is stopped and
    restarted by Retry: tests/test_browser_bad_input.py.)"""
    open_assessment(page, site_url, FIRST)
    page.wait_for_selector(ENGINE_READY)
    reply = engine(
        page,
        site_url,
        "engine.request({ op: 'aggregate', definition: JSON.parse("
        "document.querySelector('script.kit-definition').textContent),"
        " items: [{ name: 'deep.json', kind: 'text', data: '['.repeat(30000) }] })",
    )
    assert reply["ok"] is True, reply
    (rejected,) = reply["result"]["rejected"]
    assert rejected["name"] == "deep.json"
    assert "nested more than 100 levels deep" in rejected["reason"]
    answer(page, {"needs": 2})
    wait_for_progress(page, 1, 6)
    assert read_result(page)["overall"] == score(model(FIRST), "manager", {"needs": 2})["overall"]
    assert page.locator(".kit-status").get_attribute("data-state") == "ready"
    assert page.evaluate("window.__kitEngineBoots") == 1


def test_a_page_in_another_language_loads_in_full(page, site_url):
    """Instant navigation would keep <html lang>, the header's words and the nav:
    a link into another language's pages loads in full (assets/kit/language-links.js)."""
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    # A link in the text to a German page (the English home has none: a site
    # may be built without German).
    page.evaluate(
        "(href) => document.querySelector('article')"
        ".append(Object.assign(document.createElement('a'), { href, textContent: 'Deutsch' }))",
        f"{site_url}de/",
    )
    with page.expect_navigation(url=f"{site_url}de/"):
        page.locator("article a[href$='de/']").last.click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "de"
    assert page.evaluate("window.__sameDocument === undefined")
    # And back, from a link in the German page's text.
    page.evaluate("window.__sameDocument = true")
    english = page.evaluate(
        "(root) => [...document.querySelectorAll('article a[href]')].findIndex((a) =>"
        " new URL(a.href).href === root)",
        site_url,
    )
    assert english >= 0
    with page.expect_navigation(url=site_url):
        page.locator("article a[href]").nth(english).click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.evaluate("window.__sameDocument === undefined")
    # Within one language, navigation stays instant.
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='assessments/']").first.click()
    page.wait_for_url(f"{site_url}assessments/")
    assert page.evaluate("window.__sameDocument") is True
    assert script_errors(page) == []
