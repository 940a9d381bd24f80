"""The kit with the keyboard alone, and what assistive technology is told.

An assessment is completed with Tab, the arrow keys and Space only; every
element the keyboard reaches in the page's content shows that it has focus;
the status line and the result are live regions, and the result is
announced in the page's words with the engine's numbers; an error is tied to
the field it is about (aria-invalid, aria-describedby).
"""

import pytest

from kit.engine import score
from tests.assessment_page import (
    ENGINE_READY,
    expected_view,
    model,
    open_assessment,
    read_result,
    show_more,
)

pytestmark = pytest.mark.browser
QID = "walk-the-talk"

FOCUSED = """() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
    value: el.value || "", checked: Boolean(el.checked),
    text: (el.textContent || "").trim().slice(0, 60),
    inContent: Boolean(el.closest(".md-content")),
    outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0,
    shadow: cs.boxShadow !== "none",
  };
}"""


def focused(page) -> dict:
    el = page.evaluate(FOCUSED)
    # Material's header and navigation are Material's; the page's content is checked.
    if el["inContent"]:
        assert el["outline"] or el["shadow"], f"no visible focus indicator on {el}"
    return el


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    return focused(page)


def tab_to(page, match, limit: int = 250) -> dict:
    """Tab until the focused element matches; every stop shows its focus."""
    for _ in range(limit):
        el = press(page, "Tab")
        if match(el):
            return el
    raise AssertionError(f"Tab never reached the element (last focus: {el})")


def plan(m, role: str) -> dict:
    """An answer to every question, varied so that arrow keys and Space both get used."""
    out = {}
    for i, q in enumerate(m.questions):
        options = m.scales[q.scale].options
        out[q.id] = options[(i * 2) % len(options)].value
    return out


def test_complete_an_assessment_with_the_keyboard_alone(page, site_url):
    m = model(QID)
    roles = [r.id for r in m.roles]
    role = roles[1]
    answers = plan(m, role)
    open_assessment(page, site_url, QID)
    page.wait_for_selector(ENGINE_READY)

    # The status line and the result's announcement are polite live regions.
    for selector in (".kit-status", ".kit-result-live"):
        assert page.get_attribute(selector, "role") == "status"
        assert page.get_attribute(selector, "aria-live") == "polite"
    assert page.inner_text(".kit-status") == page.get_attribute(".kit-status", "data-msg-ready")

    # From the top of the page, through the header and the navigation, to the
    # role radios. (Not through Material's skip link: with instant navigation
    # it re-renders the page and focus falls back to the body.)
    el = tab_to(page, lambda e: e["name"] == "kit-role")
    assert el["checked"] and el["value"] == roles[0]
    # Arrow keys move within the group (and choose); the questions follow the role.
    el = press(page, "ArrowDown")
    assert el["name"] == "kit-role" and el["value"] == role and el["checked"]
    first = m.questions[0]
    assert page.is_visible(f'[data-question="{first.id}"] [data-role-text="{role}"]')

    # Tab moves from one question (one radio group) to the next.
    for q in m.questions:
        el = press(page, "Tab")
        assert el["type"] == "radio" and el["name"] == f"q-{q.id}", el
        values = [o.value for o in m.scales[q.scale].options]
        assert el["value"] == str(values[0]) and not el["checked"]
        target = values.index(answers[q.id])
        if target == 0:
            el = press(page, "Space")
        else:
            for _ in range(target):
                el = press(page, "ArrowRight")
        assert el["checked"] and el["value"] == str(answers[q.id]), el

    expected = score(m, role, answers)
    # Arrow keys pass through other options first, each scored in turn: wait
    # for the result of the final answers, not an earlier complete one.
    page.wait_for_function(
        "(want) => document.querySelector('.kit-result').dataset.state === 'complete'"
        " && document.querySelector('.kit-overall').textContent === want"
        " && document.querySelector('.kit-result-live').textContent.includes(want)",
        arg=f"{expected['overall']:.1f}",
    )
    assert read_result(page) | {"progress": None} == expected_view(expected) | {
        "shown": True,
        "progress": None,
    }
    # The announcement: the page's words, the engine's band and score.
    announced = page.inner_text(".kit-result-live")
    assert announced == (
        f"Your result: {expected['band']['label']}. Overall score: {expected['overall']:.1f} / 100"
    )
    assert expected["band"]["label"] in page.inner_text(".kit-result")

    # On from the last question: Clear, then into the result to its buttons.
    assert press(page, "Tab")["text"] == "Clear my answers"
    # The one next step, then the folded sections: Enter unfolds one.
    assert tab_to(page, lambda e: e["text"] == "Make a plan", limit=60)["tag"] == "button"
    tab_to(page, lambda e: e["text"] == "Keep or share this result", limit=60)
    page.keyboard.press("Enter")
    el = tab_to(page, lambda e: e["text"] == "Download JSON", limit=5)
    assert el["tag"] == "button"

    # Changing an answer changes the announcement only if the result changes.
    last = m.questions[-1]
    page.focus(f'input[name="q-{last.id}"]:checked')
    press(page, "ArrowLeft")
    changed = dict(answers)
    values = [o.value for o in m.scales[last.scale].options]
    changed[last.id] = values[values.index(answers[last.id]) - 1]
    again = score(m, role, changed)
    page.wait_for_function(
        "(t) => document.querySelector('.kit-result-live').textContent === t",
        arg=f"Your result: {again['band']['label']}. Overall score: {again['overall']:.1f} / 100",
    )


def described_by(page, selector: str) -> list[str]:
    return (page.get_attribute(selector, "aria-describedby") or "").split()


def test_a_code_that_cannot_be_opened_is_tied_to_its_field(page, site_url):
    open_assessment(page, site_url, QID)
    page.wait_for_selector(ENGINE_READY)
    show_more(page, "open")
    field = ".kit-open-code"
    message_id = page.get_attribute(".kit-open-message", "id")
    assert message_id and page.get_attribute(field, "aria-invalid") is None

    page.focus(field)
    page.keyboard.type("CX1.not-a-code")
    el = press(page, "Tab")
    assert el["text"] == "Open"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kit-open-message').textContent")
    assert page.inner_text(".kit-open-message").startswith("the code could not be opened")
    assert page.get_attribute(field, "aria-invalid") == "true"
    assert message_id in described_by(page, field)
    assert page.get_attribute(".kit-open-file", "aria-invalid") is None

    # Typing again clears the error from the field.
    page.focus(field)
    page.keyboard.press("Backspace")
    assert page.get_attribute(field, "aria-invalid") is None
    assert message_id not in described_by(page, field)

    # Nothing to open is about both fields.
    page.fill(field, "")
    page.get_by_role("button", name="Open", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('.kit-open-code').getAttribute('aria-invalid') === 'true'"
    )
    assert page.get_attribute(".kit-open-file", "aria-invalid") == "true"


def test_nps_errors_are_tied_to_the_field_they_are_about(page, site_url):
    page.goto(f"{site_url}tools/nps-call-list/")
    page.wait_for_selector(ENGINE_READY)
    paste = page.get_by_label("Or paste the responses here, header line first")
    cap = page.get_by_label("Most calls per leader")
    leaders = page.get_by_label("Leaders, separated by commas")
    build = page.get_by_role("button", name="Build the call list")

    def invalid() -> dict:
        page.wait_for_selector('.kit-nps-message[data-state="msgFailed"]')
        page.wait_for_function(
            "() => document.querySelector('.kit-nps-form [aria-invalid]')", timeout=60_000
        )
        return {
            name: (loc.get_attribute("aria-invalid"), loc.get_attribute("aria-describedby"))
            for name, loc in (("paste", paste), ("cap", cap), ("leaders", leaders))
        }

    paste.fill("score\n9\n3\n")
    cap.fill("two")
    build.click()
    assert invalid() == {
        "paste": (None, "kit-nps-format-help"),
        "cap": ("true", "kit-nps-cap-help kit-nps-message"),
        "leaders": (None, "kit-nps-leaders-help"),
    }
    assert "calls per leader" in page.inner_text("#kit-nps-message")

    cap.fill("2")
    assert cap.get_attribute("aria-invalid") is None
    paste.fill("Name,Grade\nA,9\n")
    build.click()
    assert invalid() == {
        "paste": ("true", "kit-nps-format-help kit-nps-message"),
        "cap": (None, "kit-nps-cap-help"),
        "leaders": (None, "kit-nps-leaders-help"),
    }

    paste.fill("score\n9\n3\n")
    build.click()
    page.wait_for_selector('.kit-nps-message[data-state="msgDone"]')
    assert page.locator(".kit-nps-form [aria-invalid]").count() == 0


def test_team_view_errors_are_tied_to_its_inputs(page, site_url):
    page.goto(f"{site_url}tools/team-view/")
    page.wait_for_selector(ENGINE_READY)
    message_id = page.get_attribute(".kit-team-message", "id")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_function("() => document.querySelector('.kit-team-message').textContent")
    for field in (".kit-team-files", ".kit-team-codes"):
        assert page.get_attribute(field, "aria-invalid") == "true"
        assert message_id in described_by(page, field)
    page.fill(".kit-team-codes", "CX1.x")
    assert page.get_attribute(".kit-team-codes", "aria-invalid") is None
    assert page.get_attribute(".kit-team-files", "aria-invalid") == "true"
