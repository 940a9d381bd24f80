"""Offline after the first visit, and a clean cache on a new deployment."""

import json
import shutil
import time

import pytest

from build_scripts.finish import offline
from build_scripts.runtime.site_assets import SNAPSHOT_CACHE
from tests.assessment_page import ENGINE_READY, answer, wait_for_progress
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser
QID = "leadership-vision"


def poll(page, script: str, arg=None, timeout: float = 30.0):
    """Wait until an async page function returns true.

    page.wait_for_function takes the Promise an async function returns as a
    true value at once, so async checks are polled here instead.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        time.sleep(0.2)


def wait_for_offline_cache(page):
    """The service worker controls the page and has kept it."""
    poll(
        page,
        f"""async () => {{
          const SNAPSHOT_CACHE = {json.dumps(SNAPSHOT_CACHE)};
          if (!navigator.serviceWorker.controller) return false;
          const keys = (await caches.keys()).filter((k) => k !== SNAPSHOT_CACHE);
          if (!keys.length) return false;
          const cache = await caches.open(keys[0]);
          return !!(await cache.match(location.href));
        }}""",
    )


def cache_names(page) -> list[str]:
    """The service worker's caches (not the engine's snapshot cache)."""
    return [k for k in page.evaluate("caches.keys()") if k != SNAPSHOT_CACHE]


def test_visited_assessment_loads_and_scores_offline(page, built_site, tmp_path):
    # The site's own server goes away after the first visit: as offline as an
    # intranet page gets. (Playwright's offline emulation does not reliably
    # cover service workers in Chromium: microsoft/playwright#2311.)
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = LiveServer(site)
    url = f"{server.url}assessments/{QID}/"
    page.goto(url)
    page.wait_for_selector(ENGINE_READY)
    wait_for_offline_cache(page)
    server.stop()
    page.reload()
    page.check('input[name="q-needs"][value="2"]')
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)
    assert page.locator(".kit-overall").inner_text() == "50.0"
    # A page never visited is not there: the browser's own error, not a stale page.
    with pytest.raises(Exception, match="ERR_"):
        page.goto(f"{server.url}guide/incentives/")


def test_new_deployment_replaces_the_cache(page, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = LiveServer(site)
    try:
        page.goto(f"{server.url}assessments/{QID}/")
        page.wait_for_selector(ENGINE_READY)
        wait_for_offline_cache(page)
        [first] = cache_names(page)

        # A new deployment: a page changes, so the service worker's version does.
        index = site / "index.html"
        index.write_text(index.read_text().replace("</body>", "<!-- v2 --></body>"))
        offline.write_service_worker(site)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        poll(
            page,
            "async ([old, snap]) => { const k = (await caches.keys()).filter((n) => n !== snap);"
            " return k.length === 1 && k[0] !== old; }",
            [first, SNAPSHOT_CACHE],
        )
        page.goto(server.url)
        assert "<!-- v2 -->" in page.content()
        answer(page, {})
    finally:
        server.stop()
