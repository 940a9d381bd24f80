"""Warm starts: the worker keeps a memory snapshot of Python with the engine
imported (worker.js, python-start.js) and the next visit restores it. A
snapshot that is damaged, refused or stale means a normal start: no error
shown, the page scores, the bad entry is replaced."""

import shutil
import time

import pytest

from build_scripts.runtime.site_assets import RUNTIME_URL_DIR, SNAPSHOT_CACHE
from tests.assessment_page import ENGINE_READY, wait_for_progress
from tests.test_browser_coldstart import runtime_config

pytestmark = pytest.mark.browser
QID = "leadership-vision"
DONE = ("restored", "stored", "not stored", "unavailable")


def snapshot_log(page, timeout: float = 90.0) -> list[str]:
    """What the worker did with its snapshot, once it is done (restored or stored)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        states = page.evaluate("() => globalThis.__kitSnapshot || []")
        if states and states[-1].startswith(DONE):
            return states
        time.sleep(0.1)
    raise AssertionError(f"the worker's snapshot log stopped at {states}")


def visit_and_score(context, site_url) -> tuple:
    """A visit that answers one question: the page and its snapshot log."""
    page = context.new_page()
    page.goto(f"{site_url}assessments/{QID}/")
    page.check('input[name="q-needs"][value="2"]')
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)
    assert page.locator(".kit-overall").inner_text() == "50.0"
    assert page.locator('.kit-status[data-state="failed"]').count() == 0
    return page, snapshot_log(page)


def stored(page) -> list[dict]:
    """The snapshot cache's entries: key URL, sha256 header, size."""
    return page.evaluate(
        """async (name) => {
          const cache = await caches.open(name);
          const out = [];
          for (const request of await cache.keys()) {
            const response = await cache.match(request);
            const size = (await response.arrayBuffer()).byteLength;
            out.push({ url: request.url, sha256: response.headers.get('x-kit-sha256'), size });
          }
          return out;
        }""",
        SNAPSHOT_CACHE,
    )


def key_url(site_url, built_site) -> str:
    return f"{site_url}{RUNTIME_URL_DIR}/kit-snapshot/{runtime_config(built_site)['snapshot']}"


def replace_entry(page, url: str, how: str) -> None:
    """Rewrites the stored entry in the page (same origin as the worker):
    "damage" flips a byte, "misstate" labels it with another length, "unlabel"
    drops the length (as a kit before the label stored it), "refuse"
    stores memory no runtime made (well formed and hashed as the worker stores
    it), "move" files it under url."""
    page.evaluate(
        """async ([name, url, how]) => {
          const hex = async (data) => Array.from(
            new Uint8Array(await crypto.subtle.digest('SHA-256', data)),
            (b) => b.toString(16).padStart(2, '0'),
          ).join('');
          const cache = await caches.open(name);
          const [request] = await cache.keys();
          const response = await cache.match(request);
          let bytes = new Uint8Array(await response.arrayBuffer());
          let sha256 = response.headers.get('x-kit-sha256');
          let length = response.headers.get('x-kit-length');
          if (how === 'damage') {
            bytes[bytes.length >> 1] ^= 0xff; // the old sha256 stays
          } else if (how === 'misstate') {
            length = String(Number(length) + 65536); // the bytes say otherwise
          } else if (how === 'unlabel') {
            length = null;
          } else if (how === 'refuse') {
            // A well-formed, correctly hashed package of memory no runtime made.
            bytes = new Uint8Array(12 + 4 + 4096); // header, bitmap, one page
            new Uint32Array(bytes.buffer, 0, 3).set([0x4b534e31, 8 * 4096, 4096]);
            bytes[12] = 1;
            bytes.fill(7, 16);
            sha256 = await hex(bytes);
            length = String(8 * 4096);
          }
          await cache.delete(request);
          const headers = { 'x-kit-sha256': sha256 };
          if (length !== null) headers['x-kit-length'] = length;
          await cache.put(url, new Response(bytes, { headers }));
        }""",
        [SNAPSHOT_CACHE, url, how],
    )


def test_second_visit_restores_python_from_the_snapshot(context, site_url, built_site):
    first, log1 = visit_and_score(context, site_url)
    assert log1[:2] == ["none", "made"] and log1[-1].startswith("stored: ")
    [entry] = stored(first)
    assert entry["url"] == key_url(site_url, built_site)
    # Packed: the zero pages of Python's 31 MB of memory are left out.
    assert 1_000_000 < entry["size"] < 20_000_000 and len(entry["sha256"]) == 64
    first.close()
    second, log2 = visit_and_score(context, site_url)
    assert log2 == ["restored"]
    timeline = second.evaluate(
        "async () => (await import('/assets/kit/engine.js')).engine.timeline"
    )
    assert timeline["snapshot checked"] <= timeline["ready"]
    assert stored(second) == [entry]  # kept as it was, not made again


@pytest.mark.parametrize(
    "how, why",
    [("damage", "damaged"), ("misstate", "damaged"), ("unlabel", "damaged"), ("refuse", "refused")],
)
def test_a_damaged_or_refused_snapshot_means_a_normal_start(
    context, site_url, built_site, how, why
):
    first, _ = visit_and_score(context, site_url)
    [good] = stored(first)
    replace_entry(first, good["url"], how)
    first.close()
    page, log = visit_and_score(context, site_url)
    assert log[0].startswith(f"{why}: "), log
    assert log[1] == "made" and log[-1].startswith("stored: ")
    # The bad entry was replaced by a new one, which the next visit restores.
    [entry] = stored(page)
    assert entry["url"] == good["url"] and entry["size"] > 1_000_000
    page.close()
    _, again = visit_and_score(context, site_url)
    assert again == ["restored"]


def test_a_stale_snapshot_is_ignored_and_removed(context, site_url, built_site):
    first, _ = visit_and_score(context, site_url)
    [good] = stored(first)
    # As if made by an earlier build: the same bytes under another key.
    stale_url = good["url"].rsplit("/", 1)[0] + "/0123456789abcdef01234567"
    replace_entry(first, stale_url, "move")
    assert [e["url"] for e in stored(first)] == [stale_url]
    first.close()
    page, log = visit_and_score(context, site_url)
    assert log[:2] == ["none", "made"] and "stale: 1 removed" in log
    assert [e["url"] for e in stored(page)] == [key_url(site_url, built_site)]


def test_no_error_reaches_the_page_on_a_fallback(context, site_url):
    first, _ = visit_and_score(context, site_url)
    [good] = stored(first)
    replace_entry(first, good["url"], "damage")
    first.close()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}assessments/{QID}/")
    page.wait_for_selector(ENGINE_READY)
    assert snapshot_log(page)[0].startswith("damaged")
    assert page.locator(".kit-status").get_attribute("data-state") == "ready"
    assert errors == []


def test_a_new_deployment_keeps_the_snapshot(context, built_site, tmp_path):
    """The service worker deletes the old deployment's caches, not the engine's
    snapshot (the worker keeps that current itself): the next visit restores it."""
    from build_scripts.finish import offline
    from tests.conftest import LiveServer
    from tests.test_browser_offline import wait_for_offline_cache

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = LiveServer(site)
    try:
        first, log = visit_and_score(context, server.url)
        assert log[-1].startswith("stored: ")
        wait_for_offline_cache(first)
        [entry] = stored(first)
        old = first.evaluate("caches.keys()")
        assert len(old) == 2
        # A new deployment: the service worker's version changes, it takes over.
        index = site / "index.html"
        index.write_text(index.read_text().replace("</body>", "<!-- v2 --></body>"))
        offline.write_service_worker(site)
        first.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        end = time.monotonic() + 60
        while set(first.evaluate("caches.keys()")) & set(old) != {SNAPSHOT_CACHE}:
            assert time.monotonic() < end, first.evaluate("caches.keys()")
            time.sleep(0.2)
        assert stored(first) == [entry]
        first.close()
        _, log = visit_and_score(context, server.url)
        assert log == ["restored"]
    finally:
        server.stop()
