"""Throughput: large files through the engine in the browser and in CPython."""

import json
import time

from .bench_common import AGGREGATE_RESULTS, NPS_ROWS, QID, ROOT, stats
from .bench_pages import Served, _wait


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
