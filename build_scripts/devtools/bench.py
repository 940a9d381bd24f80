"""`make bench`: the kit measured against the raw Pyodide limit, in a real Chromium.

Builds the site into a temporary folder, serves it on loopback with
build_scripts/serve.py (precompressed files, immutable/no-cache caching and
304s, as in production), drives Chromium with Playwright and prints a table
(median, min and max over BENCH_RUNS runs, default 5) beside the targets; the
figures also go to bench-results.json (BENCH_OUT=path to change).

Times are measured in the page (performance.now(), whose zero is the
navigation start), bytes on the server (what it sent, headers included,
compressed where the browser accepts gzip). The baselines are pages the bench
writes into the served site; each imports the same pyodide.mjs and times
loadPyodide() in a module worker, as the kit does. "Same page" is the
assessment page's own HTML with its scripts replaced by that bare
loadPyodide(), so the cold-score target compares the kit with the raw Pyodide
limit on the same page; "blank page" has nothing else to parse or lay out;
"upstream" is the blank page on the untrimmed upstream runtime files, the raw
Pyodide limit the kit started from.

    python -m build_scripts.devtools.bench            # or: make bench
    BENCH_RUNS=3 python -m build_scripts.devtools.bench
    BENCH_SKIP=builds,throughput python -m build_scripts.devtools.bench   # the page figures only
    BENCH_SKIP=browser python -m build_scripts.devtools.bench   # the build times only
    SITE_GENERATOR=zensical make bench   # the same figures for Zensical

Build times: each kit build (the whole pipeline, build_scripts/build.py) is
followed by a plain build of the same page count with the same generator
(SITE_GENERATOR=zensical: Zensical; Material's theme, search, the same
features), so load on a shared machine
hits both; the ratio is taken run by run. The kit builds use the build cache
in .cache/build/ as `make build` does; the 200-questionnaire kit is also timed
with the cache off (KIT_BUILD_CACHE=off), the cost of a first build.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..finish import brotli_compress
from ..runtime import PYODIDE_VERSION, RUNTIME_FILES, ensure_runtime
from ..runtime.site_assets import RUNTIME_URL_DIR
from ..serve import make_server

ROOT = Path(__file__).resolve().parents[2]
QID = "leadership-vision"
NPS_ROWS = 50_000
AGGREGATE_RESULTS = 10_000
QUESTIONNAIRES = 200
MB = 1_000_000

# Installed before any script of a kit page runs: records when the first
# answer can be clicked, every change event and every score the page renders
# (assessment.js sets data-kit-scored on its root for each rendered reply).
PAGE_PROBE = r"""
(() => {
  const marks = (window.__bench = { clickable: null, changes: [], scores: [] });
  const firstAnswer = () => document.querySelector('form.kit-form input[type="radio"][name^="q-"]');
  const clickable = (el) => {
    if (!el || el.disabled || !el.isConnected) return false;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return false;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return true; // a scroll away
    const hit = document.elementFromPoint(x, y);
    return hit === el || [...(el.labels || [])].some((l) => l.contains(hit));
  };
  const poll = () => {
    if (clickable(firstAnswer())) marks.clickable = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  document.addEventListener("change", () => marks.changes.push(performance.now()), true);
  new MutationObserver(() => marks.scores.push(performance.now())).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-kit-scored"],
  });
})();
"""

BASELINE_HTML = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>bare loadPyodide()</title>
<p>Times <code>loadPyodide()</code> in a module worker, as the kit's worker does.</p>
<script type="module" src="baseline.js"></script></html>
"""
BASELINE_JS = """// The page: starts the worker at once and records when Pyodide is ready.
const runtime = new URL(new URLSearchParams(location.search).get("runtime"), location.href).href;
const url = new URL("baseline-worker.js", import.meta.url);
url.searchParams.set("runtime", runtime);
const worker = new Worker(url, { type: "module" });
worker.onmessage = (e) => { window.__baseline = { ...e.data, ready: performance.now() }; };
"""
# The same page's baseline: a classic async script, first in <head> where the
# kit's boot.js is, starting the same worker as baseline.html.
BASELINE_PAGE_JS = """// Starts the bare loadPyodide() worker from the assessment page's own HTML.
(() => {
  const script = document.currentScript;
  const url = new URL("baseline-worker.js", script.src);
  url.searchParams.set("runtime", new URL(script.dataset.runtime, location.href).href);
  const worker = new Worker(url, { type: "module" });
  worker.onmessage = (e) => { window.__baseline = { ...e.data, ready: performance.now() }; };
})();
"""
BASELINE_WORKER_JS = """// The worker: the same pyodide.mjs and options as the kit's worker.js.
const runtime = new URL(location.href).searchParams.get("runtime");
const t0 = performance.now();
const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
await loadPyodide({
  indexURL: runtime,
  lockFileURL: new URL("pyodide-lock.json", runtime).href,
  stdout: () => {},
  stderr: () => {},
});
postMessage({ boot: performance.now() - t0 });
"""


def stats(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "min": None, "max": None, "runs": []}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": [round(v, 3) for v in values],
    }


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --- builds -----------------------------------------------------------------------------


# The generator the kit's builds and the plain site's builds use: SITE_GENERATOR.
GENERATOR = os.environ.get("SITE_GENERATOR", "mkdocs").strip().lower() or "mkdocs"
GENERATOR_NAME = {"mkdocs": "MkDocs", "zensical": "Zensical"}.get(GENERATOR, GENERATOR)


def _timed(cmd: list, cwd: Path, env: dict | None) -> float:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # The last build's writes are flushed first, so they do not bill this one
    # (a cold kit build writes about 60 MB).
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full_env, timeout=1800)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"error: {' '.join(cmd[:4])} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return took


def kit_build(dest: Path, env: dict | None = None) -> float:
    """Seconds for one kit build with GENERATOR (a fresh process, as `make build` runs it:
    every step of the pipeline, its generated folder beside dest)."""
    cmd = [sys.executable, "-m", "build_scripts.build", "-q", "-g", GENERATOR, "-d", str(dest)]
    cmd += ["--build-dir", str(dest.parent / f"{dest.name}.build")]
    return _timed(cmd, ROOT, env)


def plain_build(config: Path) -> float:
    """Seconds for one strict build of a plain site (no kit) with GENERATOR."""
    if GENERATOR == "zensical":
        cmd = [
            str(Path(sys.executable).parent / "zensical"),
            "build",
            "--strict",
            "-f",
            str(config),
        ]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
    return _timed(cmd, config.parent, None)


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


PLAIN_PAGE = """# Page {n}

A plain Markdown page of about the length of the kit's pages, for timing
MkDocs on its own. {words}

## Section one

{words}

- one item
- another item with `code` and a [link to the home page](../index.md)

## Section two

{words}

| a | b |
| --- | --- |
| 1 | 2 |
"""


def plain_site(folder: Path, pages: int) -> Path:
    """A plain site (Material's theme, search, no kit) with `pages` pages, built
    into folder/site."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    words = " ".join(["lorem ipsum dolor sit amet consectetur adipiscing elit"] * 12)
    (docs / "index.md").write_text("# Home\n\nA plain site.\n", encoding="utf-8")
    for n in range(1, pages):
        (docs / "pages" / f"page-{n:04d}.md").write_text(
            PLAIN_PAGE.format(n=n, words=words), encoding="utf-8"
        )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\ndocs_dir: docs\nstrict: true\ntheme:\n  name: material\n"
        "  font: false\n  features: [navigation.instant, navigation.sections]\n"
        "plugins: [search]\nmarkdown_extensions: [admonition, attr_list, tables, toc]\n",
        encoding="utf-8",
    )
    return config


def questionnaire_copies(folder: Path, total: int) -> str:
    """KIT_QUESTIONNAIRES for `total` questionnaires: the bundled ones (the guide
    links to them) and copies of leadership-vision.yaml with new ids."""
    from build_scripts.generate.build_folder import questionnaire_dirs
    from kit import loader

    bundled = len(loader.load_all())
    source = (loader.QUESTIONNAIRE_DIR / f"{QID}.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(total - bundled):
        qid = f"bench-copy-{n:03d}"
        text = re.sub(rf"^id: *{QID}\s*$", f"id: {qid}", source, count=1, flags=re.M)
        (folder / f"{qid}.yaml").write_text(text, encoding="utf-8")
    # The hooks either add KIT_QUESTIONNAIRES to the bundled folder or replace it.
    saved = os.environ.get("KIT_QUESTIONNAIRES")
    os.environ["KIT_QUESTIONNAIRES"] = str(folder)
    try:
        adds = loader.QUESTIONNAIRE_DIR in (questionnaire_dirs(None) or [])
    finally:
        if saved is None:
            del os.environ["KIT_QUESTIONNAIRES"]
        else:
            os.environ["KIT_QUESTIONNAIRES"] = saved
    return str(folder) if adds else os.pathsep.join([str(loader.QUESTIONNAIRE_DIR), str(folder)])


def measure_builds(tmp: Path, runs: int) -> dict:
    """Kit and plain builds of the same page count, run by run one after the
    other (a busy machine slows both). The kit builds use the build cache in
    .cache/build/ as `make build` does, after one untimed build (which also
    gives the page count); the 200-questionnaire kit is also timed with
    KIT_BUILD_CACHE=off, as a first build."""
    out = {}
    kit_site = tmp / "kit-build"
    kit_build(kit_site)  # the page count for the plain site
    pages = page_count(kit_site)
    plain_cfg = plain_site(tmp / "plain", pages)
    kit, plain = [], []
    for _ in range(runs):
        kit.append(kit_build(kit_site))
        plain.append(plain_build(plain_cfg))
    out["kit"] = {"pages": pages, "kit_s": stats(kit), "plain_s": stats(plain)}
    env = {"KIT_QUESTIONNAIRES": questionnaire_copies(tmp / "questionnaires", QUESTIONNAIRES)}
    many_site = tmp / "kit-many"
    kit_build(many_site, env=env)
    pages_many = page_count(many_site)
    plain_many_cfg = plain_site(tmp / "plain-many", pages_many)
    many, plain_many, cold = [], [], []
    for _ in range(runs):
        many.append(kit_build(many_site, env=env))
        plain_many.append(plain_build(plain_many_cfg))
        cold.append(kit_build(many_site, env={**env, "KIT_BUILD_CACHE": "off"}))
    out["many"] = {
        "pages": pages_many,
        "kit_s": stats(many),
        "plain_s": stats(plain_many),
        "kit_cold_s": stats(cold),
    }
    return out


# --- the served site --------------------------------------------------------------------


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
            """async () => {
              if (!navigator.serviceWorker.controller) return false;
              const keys = await caches.keys();
              if (!keys.length) return false;
              return !!(await (await caches.open(keys[0])).match(location.href));
            }"""
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
    page.goto(url, wait_until="commit")
    _wait(page, "() => !!window.__baseline")
    return page.evaluate("window.__baseline.ready")


def measure_browser(served: Served, runs: int, browser) -> dict:
    kit_url = f"{served.url}assessments/{QID}/"
    blank = f"{served.url}bench/baseline.html?runtime=../{RUNTIME_URL_DIR}/"
    same_page = f"{served.url}bench/page/"
    upstream = f"{served.url}bench/baseline.html?runtime=upstream/"
    keys = (
        "clickable",
        "cold_first_score",
        "warm_first_score",
        "score_latency",
        "cold_bytes",
        "cold_bytes_page",
        "warm_bytes",
        "page_cold",
        "page_warm",
        "baseline_cold",
        "baseline_warm",
        "upstream_cold",
        "upstream_warm",
        "boot_cold",
        "engine_cold",
    )
    res = {k: [] for k in keys}
    timelines, warm_timelines = [], []
    for run in range(runs):
        log(f"  browser run {run + 1}/{runs}")
        # The kit, cold: a fresh profile (empty HTTP cache, no service worker).
        ctx = browser.new_context()
        ctx.add_init_script(PAGE_PROBE)
        page = ctx.new_page()
        served.reset()
        cold = first_score_visit(page, served, kit_url)
        res["cold_bytes_page"].append(served.sent())
        res["clickable"].append(cold["clickable"])
        res["cold_first_score"].append(cold["first_score"])
        tl = cold["timeline"]
        if "ready" in tl:
            res["boot_cold"].append(tl.get("engine", tl["ready"]) - tl.get("start", 0))
            res["engine_cold"].append(tl["ready"] - tl.get("engine", tl["ready"]))
        timelines.append(tl)
        res["score_latency"].extend(answer_all_and_time_scores(page))
        wait_offline_kept(page)
        served.wait_quiet()
        res["cold_bytes"].append(served.sent())
        clear_answers(page)
        page.close()
        # The kit, warm: the same profile, a second visit.
        page = ctx.new_page()
        served.reset()
        warm = first_score_visit(page, served, kit_url)
        res["warm_first_score"].append(warm["first_score"])
        warm_timelines.append(warm["timeline"])
        served.wait_quiet()
        res["warm_bytes"].append(served.sent())
        clear_answers(page)
        ctx.close()
        # The bare loadPyodide() pages, cold then warm: the assessment page's own
        # HTML, a blank page, and a blank page on upstream's runtime.
        for key, url in (("page", same_page), ("baseline", blank), ("upstream", upstream)):
            ctx = browser.new_context()
            page = ctx.new_page()
            res[f"{key}_cold"].append(baseline_visit(page, url))
            page.close()
            page = ctx.new_page()
            res[f"{key}_warm"].append(baseline_visit(page, url))
            ctx.close()
    out = {k: stats(v) for k, v in res.items()}
    out["timelines"] = timelines
    out["warm_timelines"] = warm_timelines
    return out


# --- throughput ----------------------------------------------------------------------------


def nps_csv(rows: int) -> str:
    import random

    rng = random.Random(5)
    owners = ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Egan"]
    lines = ["customer,score,comment,owner"]
    for i in range(rows):
        lines.append(
            f'Customer {i},{rng.randint(0, 10)},"comment, number {i}",{rng.choice(owners)}'
        )
    return "\n".join(lines) + "\n"


def in_browser(page, served: Served, request: dict, runs: int) -> list[float]:
    """Seconds per request through the page's engine (postMessage and JSON included)."""
    return page.evaluate(
        """async ([url, request, runs]) => {
          const { engine } = await import(url);
          const times = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            const reply = await engine.request(request);
            if (!reply.ok) throw new Error(reply.error);
            times.push((performance.now() - t0) / 1000);
          }
          return times;
        }""",
        [f"{served.url}assets/kit/engine.js", request, runs],
    )


def in_cpython(request: dict, runs: int) -> list[float]:
    from kit.engine.api import handle_request

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        reply = handle_request(json.loads(json.dumps(request)))
        times.append(time.perf_counter() - start)
        if not reply["ok"]:
            raise SystemExit(f"error: {request['op']} failed in CPython: {reply['error']}")
    return times


def measure_throughput(served: Served, runs: int, browser) -> dict:
    from kit import loader

    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{served.url}assessments/{QID}/")
    _wait(page, "() => document.querySelector('.kit-status').dataset.state === 'ready'")
    out = {}
    nps = {
        "op": "nps",
        "csv": nps_csv(NPS_ROWS),
        "leaders": "Ann Lee, Bo Chen",
        "cap": 50,
        "limit": 50,
    }
    browser_t = in_browser(page, served, nps, runs)
    cpython_t = in_cpython(nps, runs)
    out["nps"] = {
        "rows": NPS_ROWS,
        "browser_rows_per_s": stats([NPS_ROWS / t for t in browser_t]),
        "cpython_rows_per_s": stats([NPS_ROWS / t for t in cpython_t]),
    }
    if not (ROOT / "kit" / "engine" / "aggregate.py").is_file():
        out["aggregate"] = {"skipped": "kit/engine/aggregate.py does not exist yet"}
    else:
        try:
            from build_scripts.devtools.benchmark_data import generate
        except ImportError:
            out["aggregate"] = {
                "skipped": "build_scripts/devtools/benchmark_data.py has no generator"
            }
        else:
            model = loader.load_file(loader.QUESTIONNAIRE_DIR / f"{QID}.yaml")
            text = "\n".join(
                json.dumps(r, separators=(",", ":")) for r in generate(model, AGGREGATE_RESULTS)
            )
            request = {
                "op": "aggregate",
                "definition": model.definition,
                "items": [{"name": "team.jsonl", "kind": "text", "data": text}],
            }
            browser_t = in_browser(page, served, request, runs)
            cpython_t = in_cpython(request, runs)
            out["aggregate"] = {
                "results": AGGREGATE_RESULTS,
                "browser_results_per_s": stats([AGGREGATE_RESULTS / t for t in browser_t]),
                "cpython_results_per_s": stats([AGGREGATE_RESULTS / t for t in cpython_t]),
            }
    ctx.close()
    return out


# --- the report --------------------------------------------------------------------------


def _fmt(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value / MB:.2f} MB"
    if unit == "kB":
        return f"{value / 1000:.1f} kB"
    if unit == "x":
        return f"{value:.2f} x"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return str(value)


def _row(label, s: dict, unit: str, target: str = "", met=None) -> str:
    verdict = "" if met is None else ("met" if met else "NOT met")
    return (
        f"{label:<44} {_fmt(s['median'], unit):>12} {_fmt(s['min'], unit):>12} "
        f"{_fmt(s['max'], unit):>12}   {target:<24} {verdict}"
    )


def _ratio(a: dict, b: dict) -> dict:
    """a over b: run by run when both were measured in the same runs (each kit
    visit is next to its baseline in time, so a busy machine slows both), else
    the ratio of the medians."""
    if a["runs"] and len(a["runs"]) == len(b["runs"]) and all(b["runs"]):
        return stats([x / y for x, y in zip(a["runs"], b["runs"], strict=True)])
    if not a["median"] or not b["median"]:
        return stats([])
    return {
        "median": a["median"] / b["median"],
        "min": a["min"] / b["max"],
        "max": a["max"] / b["min"],
        "runs": [],
    }


def _browser_rows(results: dict, b: dict, add) -> None:
    add(
        "clickable",
        "first answer clickable (nav start ->)",
        b["clickable"],
        "ms",
        "<= 300 ms",
        lambda v: v <= 300,
    )
    add("cold", "first score, cold (nav start ->)", b["cold_first_score"], "ms")
    add("", "  of which Pyodide start-up in the worker", b["boot_cold"], "ms")
    add("", "  of which engine wheel + import", b["engine_cold"], "ms")
    add("", "first score, warm (second visit)", b["warm_first_score"], "ms")
    add("", "bare loadPyodide(), same page, cold", b["page_cold"], "ms")
    add("", "bare loadPyodide(), same page, warm", b["page_warm"], "ms")
    add("", "bare loadPyodide(), blank page, cold", b["baseline_cold"], "ms")
    add("", "bare loadPyodide(), blank page, warm", b["baseline_warm"], "ms")
    add("", "bare loadPyodide(), upstream runtime, cold", b["upstream_cold"], "ms")
    add("", "bare loadPyodide(), upstream runtime, warm", b["upstream_warm"], "ms")
    # The target's baseline is the same page with a bare loadPyodide(): what
    # the kit adds. The blank page also bills the page's own parse, style and
    # layout, which compete with Pyodide's start on a 2-core machine.
    ratio = _ratio(b["cold_first_score"], b["page_cold"])
    results["ratios"]["cold_vs_page"] = ratio
    add(
        "ratio",
        "kit cold first score / same page cold",
        ratio,
        "x",
        "<= 1.15 x",
        lambda v: v <= 1.15,
    )
    blank = _ratio(b["cold_first_score"], b["baseline_cold"])
    results["ratios"]["cold_vs_baseline"] = blank
    add("", "kit cold first score / blank page cold", blank, "x")
    up = _ratio(b["cold_first_score"], b["upstream_cold"])
    results["ratios"]["cold_vs_upstream"] = up
    add("", "kit cold first score / upstream cold", up, "x")
    warm_ratio = _ratio(b["warm_first_score"], b["page_warm"])
    results["ratios"]["warm_vs_baseline"] = warm_ratio
    add("", "kit warm first score / same page warm", warm_ratio, "x")
    add(
        "latency",
        "last answer -> score (engine ready)",
        b["score_latency"],
        "ms",
        "<= 50 ms",
        lambda v: v <= 50,
    )
    add("", "bytes sent, cold, until the first score", b["cold_bytes_page"], "MB")
    add(
        "cold_bytes",
        "bytes sent, cold (with service worker)",
        b["cold_bytes"],
        "MB",
        "<= 4.5 MB",
        lambda v: v <= 4.5 * MB,
    )
    add(
        "warm_bytes",
        "bytes sent, warm visit",
        b["warm_bytes"],
        "kB",
        "<= 50 kB",
        lambda v: v <= 50_000,
    )


def report(results: dict) -> tuple[str, dict]:
    b, t, builds = results.get("browser"), results.get("throughput", {}), results.get("builds", {})
    lines = [
        f"{'':44} {'median':>12} {'min':>12} {'max':>12}   {'target':<24}",
        "-" * 118,
    ]
    verdicts = {}

    def add(key, label, s, unit, target="", check=None):
        met = None if check is None or s["median"] is None else check(s["median"])
        if met is not None:
            verdicts[key] = met
        lines.append(_row(label, s, unit, target, met))

    results.setdefault("ratios", {})
    if b:
        _browser_rows(results, b, add)

    if builds:
        k, m = builds["kit"], builds["many"]
        add("", f"{GENERATOR} build, kit ({k['pages']} pages)", k["kit_s"], "s")
        add(
            "", f"{GENERATOR} build, plain {GENERATOR_NAME} ({k['pages']} pages)", k["plain_s"], "s"
        )
        r1 = _ratio(k["kit_s"], k["plain_s"])
        add("", "  kit / plain", r1, "x")
        add(
            "",
            f"{GENERATOR} build, {QUESTIONNAIRES} questionnaires ({m['pages']} pages)",
            m["kit_s"],
            "s",
        )
        add(
            "", f"{GENERATOR} build, plain {GENERATOR_NAME} ({m['pages']} pages)", m["plain_s"], "s"
        )
        if "kit_cold_s" in m:
            add("", "  the kit again, no build cache (cold)", m["kit_cold_s"], "s")
            cold = _ratio(m["kit_cold_s"], m["plain_s"])
            add("", "  kit cold / plain", cold, "x")
            results["ratios"]["build_many_cold"] = cold
        r2 = _ratio(m["kit_s"], m["plain_s"])
        add(
            "build",
            f"  kit / plain, {QUESTIONNAIRES} questionnaires",
            r2,
            "x",
            "<= 1.5 x",
            lambda v: v <= 1.5,
        )
        results["ratios"]["build"] = r1
        results["ratios"]["build_many"] = r2
    if t:
        n = t["nps"]
        add("", f"NPS, {n['rows']:,} rows, browser", n["browser_rows_per_s"], "/s")
        add("", f"NPS, {n['rows']:,} rows, CPython", n["cpython_rows_per_s"], "/s")
        a = t.get("aggregate", {})
        if "skipped" in a:
            lines.append(f"{'team view aggregation':<44} skipped: {a['skipped']}")
        elif a:
            add(
                "",
                f"team view, {a['results']:,} results, browser",
                a["browser_results_per_s"],
                "/s",
            )
            add(
                "",
                f"team view, {a['results']:,} results, CPython",
                a["cpython_results_per_s"],
                "/s",
            )
    return "\n".join(lines), verdicts


def main() -> int:
    runs = max(1, int(os.environ.get("BENCH_RUNS", "5")))
    skip = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
    out_path = Path(os.environ.get("BENCH_OUT", "bench-results.json"))
    results = {"runs": runs, "pyodide": PYODIDE_VERSION, "questionnaire": QID}
    results["generator"] = GENERATOR
    results["load_average_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cx-kit-bench-") as t:
        tmp = Path(t)
        if "browser" not in skip:
            measure_site(tmp, runs, skip, results)
        if "builds" not in skip:
            log(f"Build times, {runs} run(s) each …")
            results["builds"] = measure_builds(tmp, runs)
    results["load_average_after"] = os.getloadavg()
    table, verdicts = report(results)
    results["targets_met"] = verdicts
    out_path.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    print(
        f"cx-kit benchmark: {GENERATOR_NAME}, Pyodide {PYODIDE_VERSION}, {QID}, {runs} run(s); "
        "MB = 10^6 bytes"
    )
    loads = results["load_average_before"][0], results["load_average_after"][0]
    print(f"{os.cpu_count()} CPUs; load average {loads[0]:.1f} before, {loads[1]:.1f} after")
    print(table)
    met = sum(verdicts.values())
    print(f"\n{met} of {len(verdicts)} targets met; figures in {out_path}")
    return 0


def measure_site(tmp: Path, runs: int, skip: set, results: dict) -> None:
    """The built site in Chromium: the page figures, then throughput."""
    from playwright.sync_api import sync_playwright

    from build_scripts.devtools.browser_path import LAUNCH_ARGS, chromium_path

    site = tmp / "site"
    log(f"Building the site into {site} …")
    results["first_build_s"] = kit_build(site)
    runtime = site / RUNTIME_URL_DIR
    results["runtime_bytes"] = {
        p.name: p.stat().st_size for p in sorted(runtime.iterdir()) if p.is_file()
    }
    add_baseline_pages(site)
    served = Served(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
            try:
                log(f"Chromium, {runs} run(s) …")
                results["browser"] = measure_browser(served, runs, browser)
                if "throughput" not in skip:
                    log("Throughput …")
                    results["throughput"] = measure_throughput(served, runs, browser)
            finally:
                browser.close()
    finally:
        served.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
