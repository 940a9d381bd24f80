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
import sys
import tempfile
from pathlib import Path

from ..runtime import PYODIDE_VERSION
from ..runtime.site_assets import RUNTIME_URL_DIR
from .bench_browser import measure_browser
from .bench_builds import kit_build, measure_builds
from .bench_common import GENERATOR, GENERATOR_NAME, QID, ROOT, log
from .bench_pages import SCRIPT_WITH_SRC, Served, add_baseline_pages, same_page_baseline
from .bench_report import report
from .bench_throughput import measure_throughput

__all__ = ["QID", "SCRIPT_WITH_SRC", "same_page_baseline"]


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
