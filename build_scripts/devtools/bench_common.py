"""The benchmark's shared parts: what it measures on, its page probes and baselines."""

import os
import statistics
import sys
from pathlib import Path

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
// ?restore=CACHE: Python restored from the snapshot the kit stored there,
// read and unpacked first (the floor of a warm start: load is Pyodide alone).
const params = new URL(location.href).searchParams;
const runtime = params.get("runtime");
const t0 = performance.now();
let snapshot = null;
if (params.get("restore")) {
  const { packedLength, unpackSnapshot } = await import("../assets/kit/python-start.js");
  const cache = await caches.open(params.get("restore"));
  const [key] = await cache.keys();
  const packed = new Uint8Array(await (await cache.match(key)).arrayBuffer());
  snapshot = new Uint8Array(packedLength(packed));
  unpackSnapshot(packed, snapshot);
}
const t1 = performance.now();
const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
await loadPyodide({
  indexURL: runtime,
  lockFileURL: new URL("pyodide-lock.json", runtime).href,
  stdout: () => {},
  stderr: () => {},
  ...(snapshot ? { _loadSnapshot: snapshot } : {}),
});
postMessage({ boot: performance.now() - t0, load: performance.now() - t1 });
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
