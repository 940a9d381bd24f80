"""The served site and the page visits the browser figures are made of."""

import json
import re
import shutil
import threading
import time
from pathlib import Path

from ..finish import brotli_compress
from ..runtime import RUNTIME_FILES, ensure_runtime
from ..runtime.site_assets import RUNTIME_URL_DIR, SNAPSHOT_CACHE
from ..serve import make_server
from .bench_common import BASELINE_HTML, BASELINE_JS, BASELINE_PAGE_JS, BASELINE_WORKER_JS, QID, log


class Served:
    """The built site on loopback, counting what the server sends."""

    def __init__(self, site: Path):
        self.server = make_server(site)
        self.server.sent = []
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self) -> None:
        self.server.sent = []

    def sent(self) -> int:
        return sum(n for _, _, n in list(self.server.sent))

    def wait_quiet(self, quiet: float = 1.0, limit: float = 30.0) -> None:
        """Until nothing was sent for `quiet` seconds (the service worker's precache too)."""
        end = time.monotonic() + limit
        last, since = len(self.server.sent), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.1)
            now = len(self.server.sent)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


SCRIPT_WITH_SRC = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>")
MODULEPRELOAD = re.compile(r'<link rel="modulepreload"[^>]*>')


def same_page_baseline(html: str, runtime: str) -> str:
    """The assessment page's own HTML with a bare loadPyodide() in place of the kit:
    every script with a src and every modulepreload is gone, and the baseline's
    script stands where boot.js was. Same CSS, nav, form and layout work, so the
    ratio against it is the kit's own cost."""
    scripts = SCRIPT_WITH_SRC.findall(html)
    if not scripts or "boot.js" not in scripts[0]:
        raise SystemExit(f"bench: the assessment page no longer starts with boot.js: {scripts}")
    tag = f'<script async src="../baseline-page.js" data-runtime="{runtime}"></script>'
    html = html.replace(scripts[0], tag, 1)
    return MODULEPRELOAD.sub("", SCRIPT_WITH_SRC.sub(lambda m: m[0] if m[0] == tag else "", html))


def add_baseline_pages(site: Path) -> None:
    """bench/baseline.html (a blank page), bench/page/ (the assessment page, same
    depth, with a bare loadPyodide()), and bench/upstream/: the untrimmed runtime."""
    import gzip

    bench = site / "bench"
    bench.mkdir()
    (bench / "baseline.html").write_text(BASELINE_HTML, encoding="utf-8")
    (bench / "baseline.js").write_text(BASELINE_JS, encoding="utf-8")
    (bench / "baseline-page.js").write_text(BASELINE_PAGE_JS, encoding="utf-8")
    (bench / "baseline-worker.js").write_text(BASELINE_WORKER_JS, encoding="utf-8")
    kit_page = (site / "assessments" / QID / "index.html").read_text(encoding="utf-8")
    page = bench / "page" / "index.html"
    page.parent.mkdir()
    data = same_page_baseline(kit_page, f"../../{RUNTIME_URL_DIR}/").encode()
    page.write_bytes(data)
    # Compressed as the kit's page is (the server prefers .br, then .gz).
    (page.parent / "index.html.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    (page.parent / "index.html.br").write_bytes(brotli_compress(data))
    upstream = bench / "upstream"
    upstream.mkdir()
    source = ensure_runtime(log=log)
    for name in RUNTIME_FILES:
        shutil.copyfile(source / name, upstream / name)
        if name.endswith((".wasm", ".mjs", ".json")):
            data = (upstream / name).read_bytes()
            (upstream / f"{name}.gz").write_bytes(gzip.compress(data, 9, mtime=0))


def _wait(page, expression: str, arg=None, timeout: float = 120_000):
    page.wait_for_function(expression, arg=arg, timeout=timeout, polling=20)


def clear_answers(page) -> None:
    page.evaluate(
        "() => { for (const k of Object.keys(localStorage))"
        " if (k.startsWith('cx-kit/')) localStorage.removeItem(k); }"
    )


def wait_offline_kept(page, timeout: float = 30.0) -> None:
    """The service worker controls the page and has kept it (as after a real visit).
    Polled here: wait_for_function does not await a Promise."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if page.evaluate(
            """async (snapshotCache) => {
              if (!navigator.serviceWorker.controller) return false;
              const keys = (await caches.keys()).filter((k) => k !== snapshotCache);
              if (!keys.length) return false;
              return !!(await (await caches.open(keys[0])).match(location.href));
            }""",
            SNAPSHOT_CACHE,
        ):
            return
        time.sleep(0.2)
    log(f"  (the service worker did not keep the page within {timeout:.0f} s)")


def first_score_visit(page, served: Served, url: str) -> dict:
    """Open an assessment, click the first answer as soon as it can be, time the score."""
    page.goto(url, wait_until="commit")
    first = page.locator('form.kit-form input[type="radio"][name^="q-"]').first
    first.check()
    _wait(page, "() => window.__bench.scores.length > 0")
    marks = page.evaluate("window.__bench")
    timeline = page.evaluate(
        f"async () => (await import('{served.url}assets/kit/engine.js')).engine.timeline"
    )
    return {
        "clickable": marks["clickable"],
        "first_click": marks["changes"][0] if marks["changes"] else None,
        "first_score": marks["scores"][0],
        "timeline": timeline,
    }


# A reply to an older answer is dropped by the page, so a score rendered after
# the last change is the score for it.
SCORED_LAST_CHANGE = (
    "() => { const b = window.__bench; return b.scores.some((s) => s >= b.changes.at(-1)); }"
)


def answer_all_and_time_scores(page, repeats: int = 5) -> list[float]:
    """Answer every shown question, then change the last answer `repeats` times:
    milliseconds from each change to the score rendered for it."""
    _wait(page, "() => document.querySelector('.kit-status').dataset.state === 'ready'")
    names = page.evaluate(
        """() => [...new Set([...document.querySelectorAll('form.kit-form li:not([hidden])'
                 + ' input[type="radio"][name^="q-"]')].map((i) => i.name))]"""
    )
    for name in names:
        page.locator(f'input[name="{name}"]').first.check()
    latencies = []
    last = names[-1]
    options = page.locator(f'input[name="{last}"]')
    # Let the replies to the answers above arrive first.
    _wait(page, SCORED_LAST_CHANGE)
    for i in range(repeats):
        options.nth((i + 1) % options.count()).check()
        _wait(page, SCORED_LAST_CHANGE)
        marks = page.evaluate("window.__bench")
        change = marks["changes"][-1]
        score = next(s for s in marks["scores"] if s >= change)
        latencies.append(score - change)
    return latencies


def baseline_visit(page, url: str) -> float:
    """A bare loadPyodide() page: ms from navigation start to Pyodide ready
    (window.__baseline also holds what its worker posted)."""
    page.goto(url, wait_until="commit")
    _wait(page, "() => !!window.__baseline")
    return page.evaluate("window.__baseline.ready")


def wait_snapshot_stored(page, timeout: float = 60.0) -> bool:
    """The engine's worker has stored its memory snapshot (worker.js), so the
    next visit can restore it. Polled: the page's CSP forbids string predicates."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        states = page.evaluate("() => globalThis.__kitSnapshot || []")
        if any(s.startswith("stored") for s in states):
            return True
        if any(s.startswith(("not stored", "unavailable")) for s in states):
            break
        time.sleep(0.1)
    log("  (the worker stored no snapshot)")
    return False


def drop_snapshot(page) -> None:
    """Deletes the stored snapshot: the next visit starts Python from scratch."""
    page.evaluate(f"async () => caches.delete({json.dumps(SNAPSHOT_CACHE)})")


def result_link(qid: str = QID) -> str:
    """A result link's fragment for a complete set of answers (kit.engine.results)."""
    from kit import loader
    from kit.engine import results

    model = loader.load_file(loader.QUESTIONNAIRE_DIR / f"{qid}.yaml")
    answers = {}
    for i, q in enumerate(model.questions):
        values = [o.value for o in model.scales[q.scale].options if o.scored]
        answers[q.id] = values[i % len(values)]
    return "#r=" + results.encode(model, model.roles[0].id, answers)


def result_link_visit(page, url: str) -> float:
    """Open a result link: ms from navigation start to the result rendered."""
    page.goto(url, wait_until="commit")
    _wait(page, "() => window.__bench.scores.length > 0")
    return page.evaluate("window.__bench.scores[0]")
