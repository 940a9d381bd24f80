"""The result page as a new user meets it (issue 19): someone's shared result
is only on view, Clear can be undone, one end screen with one next step, and
a phone-sized page whose scales keep their order and whose targets are big
enough. Real Chromium on the real built site; results from the real engine."""

import json

import pytest

from kit.engine import score
from kit.engine.results import encode
from tests.assessment_page import (
    ENGINE_READY,
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
DRAFT = f"cx-kit/answers/{QID}/v{model(QID).version}"
HISTORY = f"cx-kit/history/{QID}/v{model(QID).version}"


def answers_for(pick: int) -> dict:
    m = model(QID)
    out = {}
    for i, q in enumerate(m.questions):
        values = [o.value for o in m.scales[q.scale].options if o.scored]
        out[q.id] = values[(i * 2 + pick) % len(values)]
    return out


def complete(page, answers: dict, role: str | None = None):
    answer(page, answers, role=role)
    total = len(model(QID).questions)
    wait_for_progress(page, total, total)
    page.wait_for_function(
        "(c) => document.querySelector('.kit-code').value === c",
        arg=encode(model(QID), role or "leader", answers),
    )


def shown(page) -> dict:
    view = read_result(page)
    return {k: view[k] for k in ("overall", "band", "dimensions", "recommendations", "complete")}


def history_rows(page) -> list:
    raw = page.evaluate("(k) => localStorage.getItem(k)", HISTORY)
    return json.loads(raw)["records"] if raw else []


def wait_history(page, n: int):
    page.wait_for_function(
        "([k, n]) => (JSON.parse(localStorage.getItem(k)) || { records: [] }).records.length === n",
        arg=[HISTORY, n],
    )


def draft(page) -> dict | None:
    raw = page.evaluate("(k) => localStorage.getItem(k)", DRAFT)
    return json.loads(raw) if raw else None


def checked(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.kit-form input:checked')]
            .map((i) => [i.name, i.value]))"""
    )


@pytest.fixture
def mine_and_theirs(page, site_url):
    """This browser holds one complete result of the leader's own and a draft
    half-way through; a link carries an employee's result about someone else."""
    m = model(QID)
    mine = answers_for(0)
    open_assessment(page, site_url, QID)
    complete(page, mine, role="leader")
    wait_history(page, 1)
    half = dict(list(answers_for(1).items())[:3])
    page.get_by_role("button", name="Clear my answers").click()
    answer(page, half)
    wait_for_progress(page, 3, len(m.questions))
    theirs = answers_for(2)
    link = f"{site_url}assessments/{QID}/#r={encode(m, 'employee', theirs)}"
    return {"mine": mine, "half": half, "theirs": theirs, "link": link}


def wait_viewing(page, answers: dict, role: str):
    page.locator(".kit-shared").wait_for()
    page.wait_for_function(
        "(c) => document.querySelector('.kit-code').value === c",
        arg=encode(model(QID), role, answers),
    )


def test_a_shared_link_is_only_on_view(page, site_url, mine_and_theirs):
    m = model(QID)
    before_draft, before_history = draft(page), history_rows(page)
    assert len(before_history) == 1
    page.goto(mine_and_theirs["link"])
    page.reload()  # a reload of the link must not add anything either
    wait_viewing(page, mine_and_theirs["theirs"], "employee")
    banner = page.locator(".kit-shared")
    assert "viewing a shared result" in banner.inner_text()
    assert "the link" in banner.inner_text()
    assert shown(page) == expected_view(score(m, "employee", mine_and_theirs["theirs"]))
    # No change against a different person (and role), no "restored" message.
    assert page.is_hidden(".kit-delta")
    assert page.is_hidden(".kit-notice")
    # The form shows their answers read-only; nothing of theirs is stored.
    assert page.is_checked('input[name="kit-role"][value="employee"]')
    assert page.is_disabled(f'input[name="q-{m.questions[0].id}"]')
    assert draft(page)["answers"] == before_draft["answers"] == mine_and_theirs["half"]
    assert history_rows(page) == before_history
    show_more(page, "history")
    assert page.locator(".kit-history-table tbody tr").count() == 1

    page.get_by_role("button", name="Back to my answers").click()
    wait_for_progress(page, 3, len(m.questions))
    assert page.is_hidden(".kit-shared")
    assert "#r=" not in page.url
    assert checked(page) == {
        "kit-role": "leader",
        **{f"q-{q}": str(v) for q, v in mine_and_theirs["half"].items()},
    }
    assert page.is_enabled(f'input[name="q-{m.questions[0].id}"]')
    assert history_rows(page) == before_history
    page.reload()
    assert page.is_hidden(".kit-shared")
    assert len(history_rows(page)) == 1


def test_another_link_in_the_same_tab_is_shown_without_a_reload(page, site_url, mine_and_theirs):
    m = model(QID)
    # Only the fragment changes: the page is not loaded again.
    page.evaluate("() => { window.__samePage = true; }")
    page.goto(mine_and_theirs["link"])
    wait_viewing(page, mine_and_theirs["theirs"], "employee")
    other = answers_for(3)
    page.evaluate("(h) => { location.hash = h; }", "#r=" + encode(m, "leader", other))
    wait_viewing(page, other, "leader")
    assert page.evaluate("window.__samePage") is True
    assert shown(page) == expected_view(score(m, "leader", other))
    assert page.is_checked('input[name="kit-role"][value="leader"]')
    # Neither result was stored; the user's own draft is as it was.
    assert draft(page)["answers"] == mine_and_theirs["half"]
    assert len(history_rows(page)) == 1


def test_this_is_mine_keeps_it_once_and_can_be_undone(page, site_url, mine_and_theirs):
    m = model(QID)
    theirs = mine_and_theirs["theirs"]
    page.goto(mine_and_theirs["link"])
    page.reload()
    wait_viewing(page, theirs, "employee")
    page.get_by_role("button", name="This is mine: keep it").click()
    wait_history(page, 2)
    assert page.is_hidden(".kit-shared")
    assert draft(page)["answers"] == theirs and draft(page)["role"] == "employee"
    assert page.is_enabled(f'input[name="q-{m.questions[0].id}"]')
    # The leader's earlier result is another role: no change is computed against it.
    assert page.is_hidden(".kit-delta")
    assert "#r=" not in page.url

    page.locator(".kit-shared-done").get_by_role("button", name="Undo").click()
    wait_for_progress(page, 3, len(m.questions))
    wait_history(page, 1)
    assert draft(page)["answers"] == mine_and_theirs["half"]
    assert "answers are back" in page.inner_text(".kit-shared-done")


def test_kept_link_is_not_added_again_on_reload(page, site_url, mine_and_theirs):
    page.goto(mine_and_theirs["link"])
    page.reload()  # the same page with a new fragment: load it as a visitor would
    wait_viewing(page, mine_and_theirs["theirs"], "employee")
    page.get_by_role("button", name="This is mine: keep it").click()
    wait_history(page, 2)
    page.reload()
    page.wait_for_selector(ENGINE_READY)
    page.wait_for_function("() => document.querySelector('.kit-code').value.startsWith('CX1.')")
    assert page.is_hidden(".kit-shared")
    assert len(history_rows(page)) == 2


def test_a_pasted_code_is_on_view_too(page, site_url, mine_and_theirs):
    m = model(QID)
    show_more(page, "open")
    page.fill(".kit-open-code", encode(m, "employee", mine_and_theirs["theirs"]))
    page.get_by_role("button", name="Open", exact=True).click()
    wait_viewing(page, mine_and_theirs["theirs"], "employee")
    assert "the code" in page.inner_text(".kit-shared")
    assert draft(page)["answers"] == mine_and_theirs["half"]
    assert len(history_rows(page)) == 1


def test_own_results_in_two_roles_are_not_compared(page, site_url):
    m = model(QID)
    open_assessment(page, site_url, QID)
    complete(page, answers_for(0), role="leader")
    page.get_by_role("button", name="Clear my answers").click()
    complete(page, answers_for(1), role="employee")
    wait_history(page, 2)
    assert page.is_hidden(".kit-delta")
    page.get_by_role("button", name="Clear my answers").click()
    complete(page, answers_for(2), role="leader")
    delta = page.locator(".kit-delta")
    delta.wait_for()
    change = (
        score(m, "leader", answers_for(2))["overall"]
        - score(m, "leader", answers_for(0))["overall"]
    )
    assert f"{change:+.1f}" in delta.inner_text().replace("\u2212", "-")
    # The engine's reading of that change (ch20's compareHistory): overall and per dimension.
    table = page.locator(".kit-history-change table")
    table.wait_for()
    assert len(table.locator("tbody tr").all()) == 1 + len(m.dimensions)


def test_clear_can_be_undone_also_after_a_reload(page, site_url):
    m = model(QID)
    some = dict(list(answers_for(1).items())[:4])
    open_assessment(page, site_url, QID)
    answer(page, some, role="employee")
    wait_for_progress(page, 4, len(m.questions))
    page.get_by_role("button", name="Clear my answers").click()
    wait_for_progress(page, 0, len(m.questions))
    assert "answers were cleared" in page.inner_text(".kit-cleared")
    page.reload()
    page.wait_for_selector(ENGINE_READY)
    assert page.locator('.kit-form input[name^="q-"]:checked').count() == 0
    page.locator(".kit-cleared").get_by_role("button", name="Undo").click()
    wait_for_progress(page, 4, len(m.questions))
    assert checked(page) == {"kit-role": "employee", **{f"q-{q}": str(v) for q, v in some.items()}}
    page.wait_for_function("(k) => (JSON.parse(localStorage.getItem(k)) || {}).answers", arg=DRAFT)
    assert draft(page)["answers"] == some
    assert page.locator(".kit-cleared").get_by_role("button", name="Undo").is_hidden()

    # Answering again after Clear: the cleared answers are not offered any more.
    page.get_by_role("button", name="Clear my answers").click()
    answer(page, {m.questions[0].id: some[m.questions[0].id]})
    assert page.locator(".kit-cleared").get_by_role("button", name="Undo").is_hidden()
    page.reload()
    page.wait_for_selector(ENGINE_READY)
    assert page.locator(".kit-cleared").get_by_role("button", name="Undo").is_hidden()


@pytest.mark.parametrize(("lang", "prefix"), [("en", ""), ("de", "de/")])
def test_one_end_screen_with_one_next_step(page, site_url, lang, prefix):
    answers = answers_for(1)
    page.goto(f"{site_url}{prefix}assessments/{QID}/")
    answer(page, answers)
    total = len(model(QID).questions)
    page.wait_for_function(
        "(t) => document.querySelector('.kit-result').dataset.state === 'complete'"
        " && document.querySelectorAll('input[name^=\"q-\"]:checked').length === t",
        arg=total,
    )
    result = page.locator(".kit-result")
    next_step = page.locator(".kit-next")
    next_step.wait_for()
    # The chart arrives with the kept result, a moment after the score.
    page.locator(".kit-chart:not([hidden]) svg").wait_for()
    # Headline, verdict, then the next step, before anything else in the result.
    order = page.evaluate(
        """() => ['.kit-overall-line', '[data-band]:not([hidden]) .kit-band-label', '.kit-next',
                  '.kit-chart', '.kit-dimensions', '.kit-recommendations']
            .map((s) => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert order == sorted(order)
    # Exactly one primary action in the result: "Make a plan".
    primary = result.locator(".md-button--primary:visible")
    assert primary.count() == 1
    button = next_step.get_by_role("button")
    assert button.inner_text() == ("Make a plan" if lang == "en" else "Einen Plan machen")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    page.locator("#kit-plan").wait_for(state="attached")
    assert page.evaluate("() => document.getElementById('kit-plan').hidden") is False
    assert button.get_attribute("aria-expanded") == "true"
    # The calendar in the page's language.
    href = page.eval_on_selector(".kit-calendar-link", "(a) => a.href")
    assert href == f"{site_url}{prefix}guide/calendar/"
    assert page.request.get(href).ok
    # Keep, open, history and about: below the result, folded.
    more = page.locator("details.kit-more")
    assert more.count() == 4
    assert page.evaluate(
        "() => [...document.querySelectorAll('details.kit-more')].every((d) => !d.open)"
    )
    assert page.is_hidden(".kit-code") and page.is_hidden(".kit-open-code")
    next_bottom = next_step.bounding_box()["y"]
    for i in range(4):
        box = more.nth(i).locator("summary").bounding_box()
        assert box["y"] > next_bottom


PHONE = {"width": 390, "height": 844}

LAYOUT = """() => {
  const box = (el) => el.getBoundingClientRect();
  const scales = [...document.querySelectorAll('fieldset.kit-question')]
    .filter((f) => f.offsetParent).map((f) => {
      const fb = box(f);
      const legend = box(f.querySelector('legend'));
      const opts = [...f.querySelectorAll('.kit-option')].map((o) => {
        const b = box(o); return { x: Math.round(b.left), y: Math.round(b.top) };
      });
      return {
        id: f.dataset.question, opts,
        legendInside: legend.left >= fb.left && legend.right <= fb.right,
        marker: getComputedStyle(f.closest('li')).listStyleType,
        number: getComputedStyle(f.querySelector('legend'), '::before').content,
      };
    });
  const targets = [...document.querySelectorAll([
      '.kit-assessment input[type=radio]', '.kit-assessment button', '.kit-result button',
      'details.kit-more > summary', '.kit-more button', '.kit-more input'].join(', '))]
    .filter((el) => el.checkVisibility())
    .map((el) => {
      const b = box(el);
      return { what: el.outerHTML.slice(0, 80), w: b.width, h: b.height };
    });
  return { width: document.documentElement.scrollWidth, scales, targets };
}"""


WIDER = """(w) => [...document.querySelectorAll('.md-content *')]
  .filter((el) => el.getBoundingClientRect().right > w).slice(0, 5)
  .map((el) => el.outerHTML.slice(0, 100))"""


def check_layout(page, viewport_width: int, one_row: bool):
    layout = page.evaluate(LAYOUT)
    assert layout["width"] <= viewport_width, page.evaluate(WIDER, viewport_width)
    assert layout["scales"]
    for scale in layout["scales"]:
        xs = [o["x"] for o in scale["opts"]]
        ys = [o["y"] for o in scale["opts"]]
        if one_row:
            assert len(set(ys)) == 1 and xs == sorted(xs), scale
        else:  # one column, top to bottom in the scale's order
            assert len(set(xs)) == 1 and ys == sorted(ys) and len(set(ys)) == len(ys), scale
        assert scale["legendInside"] and scale["marker"] == "none", scale
        assert "counter" in scale["number"] or scale["number"][1:].startswith(tuple("0123456789"))
    small = [t for t in layout["targets"] if t["w"] < 24 or t["h"] < 24]
    assert not small, small
    return layout


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", ["", "de/"])
def test_phone_page_keeps_scale_order_and_target_sizes(browser, site_url, scheme, prefix):
    ctx = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(f"{site_url}{prefix}assessments/{QID}/")
        page.wait_for_selector(ENGINE_READY, timeout=120_000)
        check_layout(page, PHONE["width"], one_row=False)
        answer(page, answers_for(0))
        page.wait_for_function("() => document.querySelector('.kit-code').value.startsWith('CX1.')")
        show_more(page)
        layout = check_layout(page, PHONE["width"], one_row=False)
        assert len(layout["targets"]) > 5 * len(model(QID).questions)
    finally:
        ctx.close()


def test_desktop_scale_is_one_row(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_assessment(page, site_url, QID)
    page.wait_for_selector(ENGINE_READY)
    check_layout(page, 1280, one_row=True)


OBSCURED = """() => {
  const el = document.activeElement;
  const b = el.getBoundingClientRect();
  const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  const top = document.querySelector('.md-top');
  return {
    name: el.name || el.textContent.trim(),
    onScreen: b.top >= 0 && b.bottom <= innerHeight,
    covered: !hit || !(hit === el || el.contains(hit) || hit.contains(el)),
    topButton: Boolean(top && top.checkVisibility()),
  };
}"""


def test_focused_answers_are_never_covered_on_a_phone(browser, site_url):
    """WCAG 2.2 focus not obscured: neither the sticky header nor Material's
    floating back-to-top button covers the answer the keyboard is on,
    going down the form or back up (when the back-to-top button would show)."""
    ctx = browser.new_context(viewport=PHONE)
    try:
        page = ctx.new_page()
        page.goto(f"{site_url}assessments/{QID}/")
        page.wait_for_selector(ENGINE_READY, timeout=120_000)
        page.focus('input[name="kit-role"]:checked')
        groups = len(model(QID).questions)
        for key in ["Tab"] * groups + ["Shift+Tab"] * groups:
            page.keyboard.press(key)
            state = page.evaluate(OBSCURED)
            if not state["name"].startswith("q-"):
                continue
            assert state["onScreen"] and not state["covered"], (key, state)
            assert not state["topButton"], state
    finally:
        ctx.close()
