"""Shared fixtures: the real built site, a real HTTP server, a real Chromium.

Modelled on Datasette's Playwright tests: the server binds a free port on
127.0.0.1, stops by itself, and its request log is printed when a test fails.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_scripts.devtools.browser_path import LAUNCH_ARGS, chromium_path
from build_scripts.serve import make_server

ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


GENERATORS = ("mkdocs", "zensical")


def build_command(dest: Path, config: Path | None = None, generator: str = "mkdocs") -> list:
    """The real build pipeline (`make build`) into dest, its generated folder beside it."""
    cmd = [sys.executable, "-m", "build_scripts.build", "-d", str(dest), "-g", generator]
    cmd += ["--build-dir", str(dest.parent / f"{dest.name}.build")]
    if config:
        cmd += ["-f", str(config)]
    return cmd


def build_site(
    dest: Path, config: Path | None = None, extra_env: dict | None = None, generator="mkdocs"
):
    """Run the real build (generate, runtime, site, finish) into dest; return the process.
    The site step runs strict: a broken link or a warning fails it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    cmd = build_command(dest, config, generator)
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)


def _built(tmp_path_factory, generator: str) -> Path:
    dest = tmp_path_factory.mktemp(f"site-{generator}") / "site"
    proc = build_site(dest, generator=generator)
    if proc.returncode != 0:
        pytest.fail(f"{generator} build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as the default generator (MkDocs) builds it."""
    return _built(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same sources built by Zensical."""
    pytest.importorskip("zensical", reason="Zensical not installed (pip install -e '.[zensical]')")
    return _built(tmp_path_factory, "zensical")


@pytest.fixture(scope="session", params=GENERATORS)
def any_built_site(request) -> Path:
    """The site built by each generator in turn (tests of what both must give)."""
    return request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")


class LiveServer:
    def __init__(self, root: Path):
        self.log: list[str] = []
        self.server = make_server(root, log=self.log)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def live_server(built_site):
    server = LiveServer(built_site)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def any_live_server(any_built_site):
    """A server for each generator's site in turn."""
    server = LiveServer(any_built_site)
    yield server
    server.stop()


@pytest.fixture
def any_site_url(any_live_server):
    return any_live_server.url


@pytest.fixture
def site_url(live_server, request):
    """The server's base URL; its log is dumped if the test fails."""
    mark = len(live_server.log)
    yield live_server.url
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        print("\n--- server log for this test ---")
        print("\n".join(live_server.log[mark:]) or "(no requests)")


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        path = chromium_path()
        try:
            b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        except Exception as e:  # noqa: BLE001 - say which browser and how to get one
            pytest.fail(
                f"cannot launch Chromium ({path or 'Playwright default'}): {e}\n"
                "Install Debian's chromium (apt-get install chromium) or run "
                "`.venv/bin/python -m playwright install chromium`.",
                pytrace=False,
            )
        yield b
        b.close()


class PageWatch:
    """What a page did: console errors, uncaught exceptions, every request URL."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        page.on("request", lambda r: self.requests.append(r.url))
        # What the browser could not load, shown when a test fails (not an error
        # in itself: a page leaving cancels its requests).
        self.failed: list[str] = []
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request):
    """A page whose test fails on any Content-Security-Policy violation."""
    page = context.new_page()
    page.watch = PageWatch(page)
    page.on("worker", lambda w: w.on("console", lambda m: page.watch.errors.append(m.text)))
    yield page
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed and page.watch.failed:
        print("\n--- requests the browser could not complete ---")
        print("\n".join(page.watch.failed))
    csp = [e for e in page.watch.errors if "Content Security Policy" in e]
    if csp:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(csp), pytrace=False)
