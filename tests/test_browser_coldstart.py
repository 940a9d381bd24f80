"""The cold start of an assessment page: the engine starts from the page's
<head>, once per tab, and comes from a wheel whose sha256 the browser checks
(Subresource Integrity) before Python imports it."""

import json
import shutil
import zipfile

import pytest

from build_scripts.site_assets import RUNTIME_URL_DIR
from tests.assessment_page import ENGINE_READY, wait_for_progress
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser
QID = "leadership-vision"


def runtime_config(site) -> dict:
    text = (site / "assets" / "kit" / "runtime.js").read_text()
    return json.loads(text.removeprefix("export default ").rstrip().rstrip(";"))


def test_engine_starts_from_the_head_and_imports_compiled_engine(page, site_url, built_site):
    html = (built_site / "assessments" / QID / "index.html").read_text()
    head = html.split("</head>", 1)[0]
    start = head.index('src="../../assets/kit/start.js"')
    # Before the theme's stylesheets and scripts, after the policy.
    assert head.index("Content-Security-Policy") < start < head.index('rel="stylesheet"')
    assert "start.js" not in (built_site / "index.html").read_text()  # no tool, no engine
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}assessments/{QID}/")
    page.check('input[name="q-needs"][value="2"]')
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)
    assert page.locator(".kit-overall").inner_text() == "50.0"
    # start.js and kit.js share engine.js: one worker.
    assert page.evaluate("window.__kitEngineBoots") == 1
    assert sum("/assets/kit/worker.js" in u for u in requests) == 1
    # The engine came from the wheel on sys.path, as bytecode, not from loadPackage.
    config = runtime_config(built_site)
    wheel = built_site / RUNTIME_URL_DIR / config["wheel"]
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert {"kit/engine/api.py", "kit/engine/api.pyc", "kit/engine/model.pyc"} <= names
    assert sum(u.endswith(config["wheel"]) for u in requests) == 1


def test_a_damaged_engine_wheel_is_refused(page, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    wheel = site / RUNTIME_URL_DIR / runtime_config(site)["wheel"]
    # Still a good wheel that would import (a comment added to the zip), but
    # not the bytes the build hashed: only the integrity check can refuse it.
    with zipfile.ZipFile(wheel, "a") as z:
        z.comment = b"changed after the build"
    server = LiveServer(site)
    try:
        page.goto(f"{server.url}assessments/{QID}/")
        page.wait_for_selector('.kit-status[data-state="error"]', timeout=120_000)
        assert (
            page.evaluate(
                f"async () => (await import('{server.url}assets/kit/engine.js')).engine.stage"
            )
            == "error"
        )
    finally:
        server.stop()


def test_search_waits_for_the_engine_unless_it_is_used(page, site_url, context):
    """Material's search worker starts after the engine on a tool page (it
    slowed Pyodide's start), or at once when the search box is used."""
    held = []  # the runtime's wasm, held back so the engine stays loading
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}assessments/{QID}/")
    page.wait_for_selector(".md-search__input", state="attached")
    page.wait_for_timeout(1500)
    assert page.locator(".kit-status").get_attribute("data-state") != "ready"
    assert not [w.url for w in page.workers if "/workers/search" in w.url]
    # Using the search box starts it, engine or not.
    page.click(".md-search__input")
    page.keyboard.type("detractor")
    page.wait_for_selector(".md-search-result__item")
    assert [w.url for w in page.workers if "/workers/search" in w.url]
    for route in held:
        route.continue_()
    page.wait_for_selector(ENGINE_READY)


def test_search_starts_once_the_engine_is_ready(page, site_url):
    page.goto(f"{site_url}assessments/{QID}/")
    page.wait_for_selector(ENGINE_READY)
    page.click(".md-search__input")
    page.keyboard.type("detractor")
    page.wait_for_selector(".md-search-result__item")
