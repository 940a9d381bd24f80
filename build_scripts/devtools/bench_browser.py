"""The page figures in Chromium: cold and warm first score, result links, bytes, baselines."""

from ..runtime.site_assets import RUNTIME_URL_DIR, SNAPSHOT_CACHE
from .bench_common import PAGE_PROBE, QID, log, stats
from .bench_pages import (
    Served,
    answer_all_and_time_scores,
    baseline_visit,
    clear_answers,
    drop_snapshot,
    first_score_visit,
    result_link,
    result_link_visit,
    wait_offline_kept,
    wait_snapshot_stored,
)


def measure_browser(served: Served, runs: int, browser) -> dict:
    kit_url = f"{served.url}assessments/{QID}/"
    blank = f"{served.url}bench/baseline.html?runtime=../{RUNTIME_URL_DIR}/"
    same_page = f"{served.url}bench/page/"
    upstream = f"{served.url}bench/baseline.html?runtime=upstream/"
    keys = (
        "clickable",
        "cold_first_score",
        "warm_first_score",
        "warm_first_score_no_snapshot",
        "result_link_cold",
        "result_link_warm",
        "restore_floor",
        "restore_floor_load",
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
    link = kit_url + result_link()
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
        wait_snapshot_stored(page)
        served.wait_quiet()
        res["cold_bytes"].append(served.sent())
        clear_answers(page)
        page.close()
        # The kit, warm: the same profile, a second visit (Python restored
        # from the snapshot the first visit stored).
        page = ctx.new_page()
        served.reset()
        warm = first_score_visit(page, served, kit_url)
        res["warm_first_score"].append(warm["first_score"])
        warm_timelines.append(warm["timeline"])
        served.wait_quiet()
        res["warm_bytes"].append(served.sent())
        clear_answers(page)
        # A result link, warm.
        page.close()
        page = ctx.new_page()
        res["result_link_warm"].append(result_link_visit(page, link))
        clear_answers(page)
        # The floor: a blank page restoring the same snapshot with a bare
        # loadPyodide() (no engine, no page to lay out).
        page.close()
        page = ctx.new_page()
        res["restore_floor"].append(baseline_visit(page, f"{blank}&restore={SNAPSHOT_CACHE}"))
        res["restore_floor_load"].append(page.evaluate("window.__baseline.load"))
        # Warm with no snapshot stored: Python starts from scratch (and makes
        # a snapshot, as any first start does).
        drop_snapshot(page)
        page.close()
        page = ctx.new_page()
        scratch = first_score_visit(page, served, kit_url)
        res["warm_first_score_no_snapshot"].append(scratch["first_score"])
        wait_snapshot_stored(page)
        clear_answers(page)
        ctx.close()
        # A result link, cold: a fresh profile.
        ctx = browser.new_context()
        ctx.add_init_script(PAGE_PROBE)
        page = ctx.new_page()
        res["result_link_cold"].append(result_link_visit(page, link))
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
