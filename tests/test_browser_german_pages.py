"""The German pages of issue 19 in a real Chromium, on the real built site: the
NPS call list speaks German through its own page's words, and the printable guide
carries every German chapter."""

import re
from pathlib import Path

import pytest

from tests.test_browser_nps import table

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "docs" / "tools" / "nps-sample-survey.csv"


def test_the_german_nps_call_list_works_in_german(page, site_url):
    page.goto(f"{site_url}de/tools/nps-call-list/")
    page.wait_for_selector('.kit-nps .kit-status:not([data-state="loading"])')
    assert page.get_attribute("html", "lang") == "de"
    page.set_input_files("#kit-nps-file", str(SAMPLE))
    assert "nps-sample-survey.csv" in page.locator(".kit-nps-file-info").inner_text()
    page.get_by_role("button", name="Anrufliste erstellen").click()
    page.wait_for_selector(".kit-nps[data-kit-built]", timeout=60_000)

    # The same list as on the English page, in German words.
    assert page.locator(".kit-nps-message").inner_text() == (
        "Anrufliste erstellt: 68 Anrufe aus 89 gültigen Antworten."
    )
    assert [row[0] for row in table(page, ".kit-nps-counts")] == [
        "Kritiker (0–6)", "Passive (7–8)", "Promotoren (9–10)", "Gültige Antworten"
    ]  # fmt: skip
    calls = table(page, ".kit-nps-calls")
    assert calls[0][3] == "Kritiker" and calls[-1][3] == "Passiv"
    assert page.get_by_label("Kommentar (Grund für den Wert)").input_value() != ""
    # A call's talk track is the German one.
    href = page.locator(".kit-nps-calls tbody tr").first.locator("a").get_attribute("href")
    assert href.rstrip("/").endswith("de/talk-tracks/detractor-call")

    page.emulate_media(media="print")
    titles = page.locator(".kit-nps-sheet h3").all_inner_texts()
    assert titles and all(t.startswith("Anrufbogen: ") for t in titles)
    meta = page.locator(".kit-nps-sheet-meta").first.inner_text()
    assert re.fullmatch(r"\d+ Anrufe, erstellt am \d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}", meta), meta


def test_the_printable_german_guide_has_every_chapter(page, site_url):
    page.goto(f"{site_url}de/guide/print/")
    headings = page.locator("article h1").all_inner_texts()
    assert headings[0].startswith("Der ganze Leitfaden auf einer Seite")
    assert "Warum Führung den Ausschlag gibt" in headings[1]
    assert len(headings) == 13  # the page's own title and twelve chapters
    assert "language: de" not in page.locator("article").inner_text()
