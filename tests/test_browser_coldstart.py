"""The cold start of an assessment page: the engine starts from the page's
<head>, once per tab, and comes from a wheel whose sha256 the browser checks
(Subresource Integrity) before Python imports it."""

import json
import shutil
import zipfile

import pytest

from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
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
    boot = head.index('<script async src="../../assets/kit/boot.js" data-worker="worker.js?')
    start = head.index('src="../../assets/kit/start.js"')
    # Before the theme's stylesheets and scripts, after the policy.
    assert head.index("Content-Security-Policy") < boot < start < head.index('rel="stylesheet"')
    home = (built_site / "index.html").read_text()
    assert "boot.js" not in home and "start.js" not in home  # no tool, no engine
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}assessments/{QID}/")
    page.check('input[name="q-needs"][value="2"]')
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)
    assert page.locator(".kit-overall").inner_text() == "50.0"
    # boot.js started the worker, engine.js took it over; kit.js shares engine.js: one worker.
    assert page.evaluate("window.__kitEngineBoots") == 1
    assert page.evaluate("window.__kitWorker") is None
    assert sum("/assets/kit/worker.js" in u for u in requests) == 1
    # The engine came from the wheel on sys.path, as bytecode.
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


def test_material_runs_after_the_engine_on_a_tool_page(page, site_url, context):
    """Material's bundle waits (inert) while the engine loads, and runs once it
    is ready; the page is styled for it from the start."""
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    bundles = []
    page.on("request", lambda r: "/javascripts/bundle." in r.url and bundles.append(r.url))
    page.goto(f"{site_url}assessments/{QID}/")
    page.wait_for_timeout(1000)
    assert page.evaluate("() => typeof window.document$") == "undefined"
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    assert not bundles
    # Answering does not start it: the form is plain HTML.
    page.check('input[name="q-needs"][value="2"]')
    page.wait_for_timeout(300)
    assert not bundles
    for route in held:
        route.continue_()
    page.wait_for_selector(ENGINE_READY)
    wait_for_progress(page, 1, 6)
    page.wait_for_function("() => typeof window.document$ === 'object'")
    assert len(bundles) == 1


def test_a_link_followed_before_material_runs_keeps_the_engine(page, site_url, context):
    """A link to another page, clicked while Material still waits, runs it and
    goes through its instant navigation: the same document, one engine."""
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}assessments/{QID}/")
    page.wait_for_selector(".kit-status")
    page.evaluate("window.__sameDocument = true")
    target = f"{site_url}assessments/walk-the-talk/"
    page.evaluate(
        "(t) => [...document.querySelectorAll('.md-sidebar--primary a')]"
        ".find((a) => a.href === t).click()",
        target,
    )
    page.wait_for_url(target)
    page.wait_for_selector('[data-kit-id="walk-the-talk"] .kit-status')
    assert page.evaluate("window.__sameDocument")
    for route in held:
        route.continue_()
    page.wait_for_selector(ENGINE_READY)
    assert page.evaluate("window.__kitEngineBoots") == 1
