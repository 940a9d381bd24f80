"""Keeping results: export and import, codes and links, print, history."""

import json

import pytest

from kit.engine import score
from kit.engine.results import decode, encode
from tests.assessment_page import (
    answer,
    expected_view,
    model,
    open_assessment,
    read_result,
    show_more,
    wait_for_progress,
)

pytestmark = pytest.mark.browser
QID = "walk-the-talk"


def full_answers(qid: str, pick: int = 0) -> dict:
    m = model(qid)
    out = {}
    for i, q in enumerate(m.questions):
        values = [o.value for o in m.scales[q.scale].options if o.scored]
        out[q.id] = values[(i + pick) % len(values)]
    return out


def complete(page, qid: str, answers: dict, role: str | None = None):
    answer(page, answers, role=role)
    total = len(model(qid).questions)
    wait_for_progress(page, total, total)
    page.wait_for_function("() => !document.querySelector('.kit-keep').hidden")
    page.wait_for_function("() => document.querySelector('.kit-code').value.startsWith('CX1.')")


def shown(page) -> dict:
    view = read_result(page)
    return {k: view[k] for k in ("overall", "band", "dimensions", "recommendations", "complete")}


def test_export_json_then_import_gives_the_same_result(page, site_url, tmp_path):
    m = model(QID)
    answers = full_answers(QID, 1)
    open_assessment(page, site_url, QID)
    complete(page, QID, answers, role="employee")
    before = shown(page)
    assert before == expected_view(score(m, "employee", answers))
    show_more(page, "keep", "open")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    record = json.loads(path.read_text())
    assert record["format"] == "cx-kit-result" and record["answers"] == answers
    assert record["role"] == "employee" and "name" not in record

    page.get_by_role("button", name="Clear my answers").click()
    page.set_input_files(".kit-open-file", str(path))
    page.get_by_role("button", name="Open", exact=True).click()
    wait_for_progress(page, len(m.questions), len(m.questions))
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    assert shown(page) == before
    assert page.is_checked('input[name="kit-role"][value="employee"]')
    assert path.name in page.locator(".kit-open-message").inner_text()
    assert path.name in page.locator(".kit-shared").inner_text()  # on view until kept


def test_csv_export(page, site_url):
    answers = full_answers(QID)
    open_assessment(page, site_url, QID)
    complete(page, QID, answers)
    show_more(page, "keep")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename.endswith(".csv")
    text = info.value.path().read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("questionnaire,version,role")
    assert len(text.splitlines()) > len(answers)


def test_code_opens_on_view_then_back_to_my_answers(page, site_url):
    m = model(QID)
    mine = full_answers(QID, 2)
    theirs = full_answers(QID, 0)
    code = encode(m, "leader", theirs)
    open_assessment(page, site_url, QID)
    complete(page, QID, mine)
    assert page.input_value(".kit-code") == encode(m, "leader", mine)
    show_more(page, "open")
    page.fill(".kit-open-code", f"  {code[:10]}\n{code[10:]} ")  # pasted with a line break
    page.get_by_role("button", name="Open", exact=True).click()
    page.wait_for_function("(c) => document.querySelector('.kit-code').value === c", arg=code)
    assert shown(page) == expected_view(score(m, "leader", theirs))
    page.get_by_role("button", name="Back to my answers").click()
    page.wait_for_function(
        "(c) => document.querySelector('.kit-code').value === c", arg=encode(m, "leader", mine)
    )
    assert shown(page) == expected_view(score(m, "leader", mine))


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda c: c[:-3] + ("AAA" if not c.endswith("AAA") else "BBB"), "damaged"),
        (lambda c: c[: len(c) // 2], ""),
        (lambda c: "CX9" + c[3:], "newer"),
        (lambda c: "hello world", ""),
    ],
)
def test_tampered_code_is_refused_and_changes_nothing(page, site_url, mangle, message):
    m = model(QID)
    mine = full_answers(QID, 1)
    open_assessment(page, site_url, QID)
    complete(page, QID, mine)
    before = shown(page)
    bad = mangle(encode(m, "leader", full_answers(QID, 3)))
    show_more(page, "open")
    with pytest.raises(Exception):  # noqa: B017 - the engine refuses it
        decode(bad, {m.id: m})
    page.fill(".kit-open-code", bad)
    page.get_by_role("button", name="Open", exact=True).click()
    msg = page.locator(".kit-open-message")
    msg.filter(has_text="could not be opened").wait_for()
    assert message in msg.inner_text()
    assert shown(page) == before
    for qid, value in mine.items():
        assert page.is_checked(f'input[name="q-{qid}"][value="{value}"]')


def test_link_round_trip_and_tampered_fragment(page, site_url, context):
    m = model(QID)
    answers = full_answers(QID, 1)
    open_assessment(page, site_url, QID)
    complete(page, QID, answers)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    show_more(page, "keep")
    page.get_by_role("button", name="Copy link").click()
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link.startswith(site_url) and "#r=CX1." in link

    other = context.browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(link)
        wait_for_progress(fresh, len(m.questions), len(m.questions))
        fresh.wait_for_function(
            "() => document.querySelector('.kit-result').dataset.state === 'complete'"
        )
        assert shown(fresh) == expected_view(score(m, "leader", answers))

        fresh.goto(link[:-4] + "zzzz")
        fresh.reload()
        fresh.locator(".kit-open-message").filter(has_text="could not be opened").wait_for()
        assert "link" in fresh.locator(".kit-open-message").inner_text()
    finally:
        other.close()


def test_print_shows_the_action_sheet(page, site_url):
    weak = dict.fromkeys(full_answers(QID), 1)  # low everywhere: many recommendations
    assert len(score(model(QID), "leader", weak)["recommendations"]) > 3
    open_assessment(page, site_url, QID)
    complete(page, QID, weak)
    page.emulate_media(media="print")
    assert page.is_hidden("form.kit-form")
    assert page.is_hidden(".md-header")
    assert page.is_hidden("[data-kit-history]")
    assert page.is_visible(".kit-overall")
    assert page.is_visible(".kit-chart svg")
    visible_recs = page.locator(".kit-rec:visible").count()
    assert 1 <= visible_recs <= 3
    page.emulate_media(media="screen")
    assert page.is_visible("form.kit-form")


def test_history_across_two_completions_then_delete_all(page, site_url):
    m = model(QID)
    first = full_answers(QID, 0)
    second = full_answers(QID, 1)
    open_assessment(page, site_url, QID)
    complete(page, QID, first)
    page.get_by_role("button", name="Clear my answers").click()
    complete(page, QID, second)
    show_more(page, "history")
    page.wait_for_function(
        "() => document.querySelectorAll('.kit-history-table tbody tr').length === 2"
    )
    delta = page.locator(".kit-delta")
    expected = score(m, "leader", second)["overall"] - score(m, "leader", first)["overall"]
    assert f"{expected:+.1f}" in delta.inner_text()
    # Delete one entry, then everything.
    page.locator(".kit-history-table tbody tr").first.get_by_role("button", name="Delete").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.kit-history-table tbody tr').length === 1"
    )
    page.get_by_role("button", name="Delete everything the kit stored in this browser").click()
    page.locator(".kit-history-message").filter(has_text="has been deleted").wait_for()
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert page.evaluate("async () => (await caches.keys()).length") == 0
    page.reload()
    assert page.locator('input[type="radio"][name^="q-"]:checked').count() == 0
    assert page.get_by_role("button", name="Undo").is_hidden()  # deleted, not cleared
    show_more(page, "history")
    assert page.is_visible(".kit-history-empty")
