"""Comparing rounds and results in a real browser, on the built site: the team view's
"Compare two rounds" (codes and files for two rounds) and history-compare.js (two
results of one person), every figure from the engine under Pyodide.

Figures as in tests/test_change.py (leadership-vision, hand-checked there)."""

import json

import pytest

from kit import loader
from kit.engine.results import encode, record

pytestmark = pytest.mark.browser
QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
BEFORE = [[1, 1, 2, 2, 1, 1], [1, 1, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1],
          [1, 1, 2, 2, 1, 1]]  # fmt: skip
AFTER = [[3, 3, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1],
         [2, 2, 2, 2, 1, 1]]  # fmt: skip
MANAGER = [4, 4, 2, 2, 1, 1]


@pytest.fixture(scope="module")
def vision():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")


def answers(values):
    return dict(zip(QUESTIONS, values, strict=True))


def open_compare(page, site_url):
    page.goto(f"{site_url}tools/team-view/")
    page.wait_for_selector('.kit-change[data-started="1"]')
    page.select_option(".kit-change-questionnaire", "leadership-vision")


def run_compare(page):
    page.get_by_role("button", name="Show what changed").click()
    page.locator(".kit-change-message[data-state='done']").wait_for(timeout=120_000)


def rows(page, selector) -> dict[str, list[str]]:
    return page.evaluate(
        """(sel) => Object.fromEntries([...document.querySelectorAll(sel + ' tbody tr')]
            .map((tr) => [tr.dataset.id,
                          [...tr.querySelectorAll('td')].map((td) => td.textContent)]))""",
        selector,
    )


def test_two_rounds_from_codes_and_files_show_the_reliable_change(page, site_url, vision, tmp_path):
    # Baseline round: pasted codes; later round: result files.
    codes = [encode(vision, "employee", answers(v)) for v in BEFORE]
    codes += [encode(vision, "manager", answers(MANAGER))] * 3
    files = []
    for i, values in enumerate(AFTER):
        path = tmp_path / f"after-{i}.json"
        rec = record(vision, "employee", answers(values), f"resp-after-{i:08d}", "2026-07-01")
        path.write_text(json.dumps(rec), encoding="utf-8")
        files.append(str(path))
    open_compare(page, site_url)
    page.fill("#kit-change-codes-before", "\n".join(codes))
    page.set_input_files("#kit-change-files-after", files)
    run_compare(page)
    message = page.locator(".kit-change-message").inner_text()
    assert message == "Compared 8 result(s) of the baseline round with 5 of the later round."

    employees = rows(page, '.kit-change-role[data-role="employee"] .kit-change-table')
    assert employees["understanding"] == [
        "35.0",
        "65.0",
        "+30.0",
        "±17.0",
        "Reliable change: better",
    ]
    assert employees["needs"] == ["35.0", "65.0", "+30.0", "±17.0", "Reliable change: better"]
    assert employees["sharing"][2:] == ["0.0", "±11.0", "Within answer noise"]
    # Managers: 3 before, none after: no comparison, and the reason.
    managers = page.locator('.kit-change-role[data-role="manager"]').inner_text()
    assert "3 respondent(s) before, 0 after" in managers
    assert "no results from this group" in managers
    assert page.locator('.kit-change-role[data-role="manager"] table').count() == 0
    # The gap of the baseline round: managers 100.0, employees 35.0, 15.6 needed.
    gap = rows(page, '.kit-change-gaps table[data-round="before"]')
    assert gap["understanding"] == ["100.0", "35.0", "+65.0", "±15.6", "Large enough to act on"]
    assert "no gaps" in page.locator('.kit-change-gaps p[data-round="after"]').inner_text()
    method = page.locator(".kit-change-result .kit-change-method")
    assert "below 5 respondents" in method.inner_text()
    assert method.locator("a").get_attribute("href").endswith("/guide/reading-change/")
    assert page.is_hidden(".kit-change-rejected")

    # What was typed survives a reload.
    page.reload()
    page.wait_for_selector('.kit-change[data-started="1"]')
    assert page.input_value("#kit-change-codes-before") == "\n".join(codes)


def test_a_round_left_empty_is_named_and_bad_inputs_are_listed(page, site_url, tmp_path):
    open_compare(page, site_url)
    page.get_by_role("button", name="Show what changed").click()
    message = page.locator(".kit-change-message[data-state='error']")
    assert "both rounds" in message.inner_text()
    assert page.get_attribute("#kit-change-codes-after", "aria-invalid") == "true"
    bad = tmp_path / "not-a-result.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    page.fill("#kit-change-codes-before", "CX1.nonsense")
    page.set_input_files("#kit-change-files-after", [str(bad)])
    run_compare(page)
    rejected = page.locator(".kit-change-rejected li").all_inner_texts()
    assert any(r.startswith("Later round: not-a-result.json:") for r in rejected), rejected
    assert any(r.startswith("Baseline round:") for r in rejected), rejected


def test_the_tables_fit_a_phone(page, site_url, vision):
    page.set_viewport_size({"width": 390, "height": 844})
    open_compare(page, site_url)
    before = [encode(vision, "employee", answers(v)) for v in BEFORE]
    after = [encode(vision, "employee", answers(v)) for v in AFTER]
    page.fill("#kit-change-codes-before", "\n".join(before))
    page.fill("#kit-change-codes-after", "\n".join(after))
    run_compare(page)
    table = page.locator('.kit-change-role[data-role="employee"] .kit-change-table')
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
            .filter((e) => e.getBoundingClientRect().right > 391)
            .map((e) => `${e.tagName}.${e.className}`)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide[:15]
    # Each figure keeps its name on a phone (the header row is hidden there).
    label = page.evaluate(
        """() => getComputedStyle(document.querySelector(
            '.kit-change-table tbody td'), '::before').content"""
    )
    assert label == '"Before: "'


# Calls compareHistory as keep.js does, into #history-compare (made on first use).
HISTORY_JS = """async ([before, after]) => {
    const module = new URL('../../assets/kit/history-compare.js', location.href);
    const { compareHistory } = await import(module);
    const definitions = JSON.parse(
        document.querySelector('script.kit-team-definitions').textContent);
    let into = document.querySelector('#history-compare');
    if (!into) {
        into = document.createElement('div');
        into.id = 'history-compare';
        document.querySelector('.md-content').append(into);
    }
    const definition = definitions['leadership-vision'];
    return compareHistory({ definition, before, after, into });
}"""


def test_history_compare_renders_two_results_of_one_person(page, site_url, vision):
    before = record(
        vision, "manager", answers([1, 1, 2, 2, 1, 1]), "resp-history-0001", "2026-01-15"
    )
    after = record(
        vision, "manager", answers([3, 3, 2, 3, 1, 1]), "resp-history-0002", "2026-07-15"
    )
    open_compare(page, site_url)
    reply = page.evaluate(HISTORY_JS, [before, after])
    assert reply["ok"]
    table = rows(page, "#history-compare .kit-change-table")
    assert table["understanding"] == ["25.0", "75.0", "+50.0", "±24.5", "Reliable change: better"]
    assert table["sharing"] == ["50.0", "62.5", "+12.5", "±24.5", "Within answer noise"]
    assert table["overall"] == ["33.3", "54.2", "+20.9", "±14.1", "Reliable change: better"]
    caption = page.locator("#history-compare caption").inner_text()
    assert caption == "Your result of 2026-01-15 compared with 2026-07-15"
    # Another role cannot be compared: the reason is shown, not a table.
    other = record(vision, "employee", answers(AFTER[0]), "resp-history-0003", "2026-08-01")
    page.evaluate(HISTORY_JS, [before, other])
    assert "different roles" in page.locator("#history-compare .kit-change-error").inner_text()
