"""The action plan in a real browser: from a result to a dated plan, edited, kept across a
reload, exported (calendar, Markdown, CSV) and printed, in English and German."""

import csv
import io
import re

import pytest

from tests.assessment_page import ENGINE_READY, answer, model, open_assessment

pytestmark = pytest.mark.browser

PLAN_KEY = "cx-kit/plan/leadership-vision"


def answer_all(
    page, base_url: str, qid: str = "leadership-vision", prefix: str = "", role="manager"
):
    page.goto(f"{base_url}{prefix}assessments/{qid}/")
    page.wait_for_selector(ENGINE_READY, timeout=120_000)
    m = model(qid)
    answer(page, {q.id: 1 for q in m.questions}, role=role)
    page.wait_for_selector('.kit-result[data-state="complete"]')


def open_plan(page):
    page.click("[data-kit-plan-open]:visible")
    page.wait_for_selector("#kit-plan:not([hidden])")
    page.wait_for_selector(".kit-plan-pick:not([hidden]) .kit-plan-rec input")


def draft(page, start="2026-12-04"):
    page.fill(".kit-plan-start-date", start)
    page.click(".kit-plan-draft")
    page.wait_for_selector(".kit-plan-editor:not([hidden]) .kit-plan-item")


def unfold(text: str) -> list[str]:
    """An iCalendar file's logical lines, checking CRLF ends and the 75-octet limit."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines: list[str] = []
    for line in text[:-2].split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def read_download(page, selector: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, open(download.path(), encoding="utf-8", newline="").read()


def test_result_to_plan_edit_reload_export_and_print(page, site_url):
    answer_all(page, site_url)
    assert page.is_hidden("#kit-plan")
    open_plan(page)
    recs = page.locator(".kit-plan-rec input")
    assert recs.count() == 3
    assert page.locator(".kit-plan-for").inner_text().startswith("Starting plan: 30-60-90-day plan")
    recs.nth(2).uncheck()  # act on two of the three
    draft(page)
    items = page.locator(".kit-plan-item")
    assert items.count() >= 6
    assert (
        page.locator(".kit-plan-title").inner_text()
        == "30-60-90-day plan: leading your team towards the customer"
    )
    assert page.input_value('.kit-plan-item >> nth=0 >> [data-field="due"]') == "2027-01-03"
    assert page.input_value('.kit-plan-item >> nth=0 >> [data-field="checkin"]') == "2027-01-04"
    focus = {
        page.input_value(f'.kit-plan-item >> nth={i} >> [data-field="focus"]')
        for i in range(items.count())
    }
    assert "Acting on customer problems" not in focus  # the unpicked one's area is left out

    # Edit: an owner, a date, a commitment; every keystroke is kept in the browser.
    page.fill('.kit-plan-item >> nth=0 >> [data-field="owner"]', "Priya Shah; with Tom, and me")
    page.fill('.kit-plan-item >> nth=1 >> [data-field="checkin"]', "2027-01-11")
    page.check('.kit-plan-item >> nth=0 >> [data-field="done"]')
    page.fill(".kit-plan-commitments", "I will call two customers a month.")
    page.wait_for_function("() => document.querySelector('.kit-plan-saved').textContent !== ''")

    page.reload()
    page.wait_for_selector(".kit-plan-editor:not([hidden]) .kit-plan-item")
    assert (
        page.input_value('.kit-plan-item >> nth=0 >> [data-field="owner"]')
        == "Priya Shah; with Tom, and me"
    )
    assert page.input_value('.kit-plan-item >> nth=1 >> [data-field="checkin"]') == "2027-01-11"
    assert page.is_checked('.kit-plan-item >> nth=0 >> [data-field="done"]')
    assert page.input_value(".kit-plan-commitments") == "I will call two customers a month."
    assert page.inner_text(".kit-plan-message") == "Your plan was restored from this browser."
    page.wait_for_selector(ENGINE_READY, timeout=120_000)

    # The calendar file: one all-day event per check-in date, the edits in it.
    name, text = read_download(page, '[data-plan-export="ics"]')
    assert name == "leadership-vision-plan-2026-12-04.ics"
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    checkins = sorted(
        {
            page.input_value(f'.kit-plan-item >> nth={i} >> [data-field="checkin"]')
            for i in range(items.count())
        }
    )
    starts = [x.split(":", 1)[1] for x in lines if x.startswith("DTSTART;VALUE=DATE:")]
    assert starts == [d.replace("-", "") for d in checkins]
    assert "20270111" in starts
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(checkins)
    uids = [x for x in lines if x.startswith("UID:")]
    assert len(set(uids)) == len(checkins)
    assert all(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", x) for x in lines if x.startswith("DTSTAMP"))
    descriptions = "\n".join(
        unescape(x.split(":", 1)[1]) for x in lines if x.startswith("DESCRIPTION:")
    )
    assert "Owner: Priya Shah; with Tom, and me" in descriptions

    name, md = read_download(page, '[data-plan-export="md"]')
    assert name.endswith(".md") and "- [x] " in md and "I will call two customers a month." in md
    name, text = read_download(page, '[data-plan-export="csv"]')
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert (
        rows[0][:3] == ["Focus area", "Action", "Owner"]
        and rows[1][2] == "Priya Shah; with Tom, and me"
    )
    assert len(rows) == items.count() + 1

    # Printed: only the action sheet, with the date, the role, the actions and lines to write on.
    page.emulate_media(media="print")
    assert page.is_hidden(".md-container")
    sheet = page.locator(".kit-plan-sheet")
    assert sheet.is_visible()
    text = sheet.inner_text()
    assert "Role: People leader" in text and "Start: 2026-12-04" in text and "Printed: " in text
    assert "Priya Shah; with Tom, and me" in text and "I will call two customers a month." in text
    assert page.locator(".kit-plan-sheet-line").count() >= 5
    assert all(
        b["height"] > 10
        for b in page.locator(".kit-plan-sheet-line").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().toJSON())"
        )
    )
    assert page.evaluate(
        "() => document.querySelector('.kit-plan-sheet').scrollWidth <= window.innerWidth"
    )
    page.emulate_media(media="screen")
    assert not sheet.is_visible()
    assert page.watch.errors == []


def test_redraft_can_be_undone_and_unreadable_plan_is_set_aside(page, site_url):
    answer_all(page, site_url)
    open_plan(page)
    draft(page)
    page.fill('.kit-plan-item >> nth=0 >> [data-field="action"]', "My own first step")
    page.click(".kit-plan-draft")  # draft again: replaces, with undo
    page.wait_for_selector(".kit-plan-undo:not([hidden])")
    assert (
        page.input_value('.kit-plan-item >> nth=0 >> [data-field="action"]') != "My own first step"
    )
    page.click(".kit-plan-undo")
    assert (
        page.input_value('.kit-plan-item >> nth=0 >> [data-field="action"]') == "My own first step"
    )
    page.reload()
    page.wait_for_selector(".kit-plan-item")
    assert (
        page.input_value('.kit-plan-item >> nth=0 >> [data-field="action"]') == "My own first step"
    )

    # A damaged saved plan is moved aside, not used and not deleted.
    page.evaluate('(k) => localStorage.setItem(k, \'{"format": 1, "items": [42]\')', PLAN_KEY)
    page.reload()
    page.wait_for_selector("#kit-plan:not([hidden])")
    assert page.inner_text(".kit-plan-message").startswith(
        "A plan saved in this browser could not be read"
    )
    assert page.is_hidden(".kit-plan-editor")
    assert (
        page.evaluate("(k) => localStorage.getItem(k + '/set-aside')", PLAN_KEY)
        == '{"format": 1, "items": [42]'
    )


def test_german_plan_and_calendar_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    answer_all(page, site_url, prefix="de/")
    open_plan(page)
    assert page.locator(".kit-plan-for").inner_text().startswith("Ausgangsplan: 30-60-90-Tage-Plan")
    draft(page)
    assert (
        page.locator(".kit-plan-title").inner_text()
        == "30-60-90-Tage-Plan: Ihr Team näher an die Kunden führen"
    )
    assert "Rolle: Führungskraft" in page.inner_text(".kit-plan-meta")
    # Every part of the plan fits a 390 px phone (the rest of the page is r19's end screen).
    wide = page.evaluate(
        "() => [...document.querySelectorAll('#kit-plan *')]"
        ".filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > 390)"
        ".map((e) => e.outerHTML.slice(0, 80))"
    )
    assert wide == []
    name, text = read_download(page, '[data-plan-export="ics"]')
    lines = unfold(text)
    summaries = [unescape(x.split(":", 1)[1]) for x in lines if x.startswith("SUMMARY:")]
    assert summaries and all(s.startswith("Review: 30-60-90-Tage-Plan") for s in summaries)
    name, text = read_download(page, '[data-plan-export="csv"]')
    assert text.lstrip("\ufeff").startswith("Handlungsfeld,Maßnahme,Verantwortlich,Fällig")
    page.emulate_media(media="print")
    assert "Rolle: Führungskraft" in page.inner_text(".kit-plan-sheet")
    assert "Meine Zusagen" in page.inner_text(".kit-plan-sheet")


def test_sponsor_gets_the_plan_for_the_phase_answered(page, site_url):
    m = model("sponsor-readiness")
    open_assessment(page, site_url, "sponsor-readiness")
    page.wait_for_selector(ENGINE_READY, timeout=120_000)
    answer(page, {"phase": 2}, role="sponsor")
    page.wait_for_function("() => !document.querySelector('[data-question-item=\"phase\"]').hidden")
    for q in m.questions:
        if q.id == "phase" or page.is_hidden(f'[data-question-item="{q.id}"]'):
            continue
        answer(page, {q.id: 1})
    page.wait_for_selector('.kit-result[data-state="complete"]')
    open_plan(page)
    draft(page)
    assert (
        page.locator(".kit-plan-title").inner_text()
        == "30-60-90-day plan: sponsoring the implementation"
    )
    assert "Executive sponsor, implementation" in page.inner_text(".kit-plan-meta")
