"""The NPS call list builder in a real Chromium, on the real built site.

The file is read, classified and assigned by the engine in Pyodide; what the
page shows must equal the hand-computed values of tests/test_nps.py.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kit.engine.nps import build, calls_csv

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).parent / "fixtures" / "nps"
BASIC = FIXTURES / "basic.csv"
LEADERS = "Dana Lee, Sam Ortiz, Kim Park"
ENGINE_READY = '.kit-status[data-state="ready"]'


def open_tool(page, site_url):
    page.goto(f"{site_url}tools/nps-call-list/")
    # The tool has started (its status is the engine's, not the page's own).
    page.wait_for_selector('.kit-nps .kit-status:not([data-state="loading"])')
    return page


def build_list(page, timeout=60_000):
    before = page.get_attribute(".kit-nps", "data-kit-built")
    page.get_by_role("button", name="Build the call list").click()
    page.wait_for_function(
        "(b) => document.querySelector('.kit-nps').dataset.kitBuilt"
        " && document.querySelector('.kit-nps').dataset.kitBuilt !== b",
        arg=before,
        timeout=timeout,
    )


def table(page, selector) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{selector} tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )


def test_uploaded_file_gives_the_hand_computed_list(page, site_url):
    open_tool(page, site_url)
    page.set_input_files("#kit-nps-file", str(BASIC))
    assert "basic.csv" in page.locator(".kit-nps-file-info").inner_text()
    page.get_by_label("Leaders, separated by commas").fill(LEADERS)
    page.get_by_label("Most calls per leader").fill("2")
    build_list(page)

    assert page.locator(".kit-nps-message").inner_text() == (
        "Built the call list: 8 calls from 10 valid responses."
    )
    assert table(page, ".kit-nps-counts") == [
        ["Detractors (0-6)", "3", "30.0%"],
        ["Passives (7-8)", "2", "20.0%"],
        ["Promoters (9-10)", "5", "50.0%"],
        ["Valid responses", "10", ""],
    ]
    assert page.locator(".kit-nps-score").inner_text() == "20.0"
    assert page.locator(".kit-nps-margin").inner_text() == "± 54.0 points (95% margin of error)"
    assert table(page, ".kit-nps-invalid") == [
        ["10", "12 is outside 0-10", "Helix BV"],
        ["12", "“abc” is not a number", "Juniper"],
        ["14", "No score", "Lumen"],
    ]
    assert table(page, ".kit-nps-leaders-summary") == [
        ["Dana Lee", "2", "2", "0"],
        ["Sam Ortiz", "2", "1", "1"],
        ["Kim Park", "2", "0", "2"],
    ]
    assert page.locator(".kit-nps-unassigned-row").inner_text().split() == ["Unassigned", "2"]
    calls = table(page, ".kit-nps-calls")
    assert [row[:5] for row in calls] == [
        ["1", "Acme Ltd", "0", "Detractor", "Dana Lee"],
        ["2", "Fjord AS", "3", "Detractor", "Dana Lee"],
        ["3", "Delta GmbH", "6", "Detractor", "Sam Ortiz"],
        ["4", "Echo plc", "10", "Promoter", "Sam Ortiz"],
        ["5", "Maple", "10", "Promoter", "Kim Park"],
        ["6", "Birch & Co", "9", "Promoter", "Kim Park"],
        ["7", "<b>Indigo</b>", "9", "Promoter", "Unassigned"],
        ["8", "Kestrel", "9", "Promoter", "Unassigned"],
    ]
    assert calls[1][5] == "Onboarding took\nthree months"
    # The talk-track links are the page's own, pre-rendered: they resolve.
    hrefs = page.eval_on_selector_all(".kit-nps-calls tbody a", "as => as.map(a => a.href)")
    assert hrefs[0] == f"{site_url}talk-tracks/detractor-call/"
    assert hrefs[-1] == f"{site_url}talk-tracks/promoter-call/"
    page.locator(".kit-nps-calls tbody a").first.click()
    page.wait_for_url(f"{site_url}talk-tracks/detractor-call/")
    # With instant navigation the address changes before the content does.
    page.wait_for_function(
        "() => document.querySelector('h1').textContent.startsWith('First call to a detractor')"
    )
    assert page.locator("h1").inner_text().startswith("First call to a detractor")

    origin = urlsplit(site_url).netloc
    foreign = [
        u
        for u in page.watch.requests
        if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin
    ]
    assert foreign == []
    assert page.watch.errors == []


def test_html_in_cells_shows_as_text(page, site_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_tool(page, site_url)
    page.set_input_files("#kit-nps-file", str(BASIC))
    build_list(page)
    row = page.locator(".kit-nps-calls tbody tr").nth(6)
    cells = row.locator("td")
    assert cells.nth(1).text_content() == "<b>Indigo</b>"
    assert cells.nth(5).text_content() == "<img src=x onerror=alert(1)>"
    assert page.locator(".kit-nps-result img, .kit-nps-result b").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.watch.errors == []


def test_reload_keeps_leaders_cap_and_pasted_text(page, site_url):
    open_tool(page, site_url)
    pasted = "Customer;Score\nAcme;3\n"
    page.get_by_label("Leaders, separated by commas").fill("Ann, Bo")
    page.get_by_label("Most calls per leader").fill("4")
    page.get_by_label("Or paste the responses here, header line first").fill(pasted)
    page.reload()
    page.wait_for_selector('.kit-nps .kit-status:not([data-state="loading"])')
    assert page.input_value("#kit-nps-leaders") == "Ann, Bo"
    assert page.input_value("#kit-nps-cap") == "4"
    assert page.input_value("#kit-nps-paste") == pasted
    assert "restored" in page.locator(".kit-notice").inner_text()
    build_list(page)
    assert table(page, ".kit-nps-calls")[0][:5] == ["1", "Acme", "3", "Detractor", "Ann"]


def test_unusable_input_shows_the_engine_message(page, site_url):
    open_tool(page, site_url)
    page.get_by_label("Or paste the responses here, header line first").fill("Name,Grade\nA,9\n")
    page.get_by_role("button", name="Build the call list").click()
    message = page.locator('.kit-nps-message[data-state="msgFailed"]')
    message.wait_for(timeout=60_000)
    assert message.inner_text().startswith(
        "The call list could not be built: no score column: the header (first line) has 'Name', "
        "'Grade';"
    )
    assert page.is_hidden(".kit-nps-result")
    # A bad limit is the engine's to judge, too.
    page.get_by_label("Or paste the responses here, header line first").fill("score\n9\n")
    page.get_by_label("Most calls per leader").fill("two")
    page.get_by_role("button", name="Build the call list").click()
    page.wait_for_function(
        "() => document.querySelector('.kit-nps-message').textContent.includes('calls per leader')"
    )


def test_export_downloads_the_engine_csv(page, site_url):
    open_tool(page, site_url)
    page.set_input_files("#kit-nps-file", str(BASIC))
    page.get_by_label("Leaders, separated by commas").fill(LEADERS)
    page.get_by_label("Most calls per leader").fill("2")
    build_list(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export the call list (CSV)").click()
    download = info.value
    assert download.suggested_filename == "nps-call-list.csv"
    data = Path(download.path()).read_bytes()
    expected = calls_csv(build(BASIC.read_text(encoding="utf-8"), LEADERS, 2))
    assert data == expected.encode("utf-8")
    assert page.watch.errors == []


def test_fifty_thousand_rows(page, site_url, tmp_path):
    lines = ["Customer,Score,Comment"]
    lines += [f'C{i},{i % 11},"note, {i}"' for i in range(50_000)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    open_tool(page, site_url)
    page.wait_for_selector(ENGINE_READY, timeout=120_000)
    page.set_input_files("#kit-nps-file", str(big))
    start = time.monotonic()
    build_list(page)
    elapsed = time.monotonic() - start
    # 5 * 4546 + 4 * 4545 calls (scores 0-6 and 9-10 of i % 11); 500 shown at first.
    assert page.locator(".kit-nps-message").inner_text() == (
        "Built the call list: 40910 calls from 50000 valid responses."
    )
    assert page.locator(".kit-nps-calls tbody tr").count() == 500
    assert page.locator(".kit-nps-more .kit-nps-partial").inner_text() == (
        "Showing the first 500 of 40910 calls; the export has all of them."
    )
    assert elapsed < 20, f"building took {elapsed:.1f}s"
    before = page.get_attribute(".kit-nps", "data-kit-built")
    page.get_by_role("button", name="Show more rows").click()
    page.wait_for_function(
        "(b) => document.querySelector('.kit-nps').dataset.kitBuilt !== b", arg=before
    )
    assert page.locator(".kit-nps-calls tbody tr").count() == 1000
    print(f"\n50,000 rows: built and shown in {elapsed:.2f}s")
