"""Team view in a real browser: files through the file chooser, pasted codes,
the gap as the engine computes it, bad inputs listed, anonymity respected."""

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
TEAM = ROOT / "tests" / "fixtures" / "aggregate" / "team"
BAD = ROOT / "tests" / "fixtures" / "aggregate" / "bad"


def tool_started(page):
    # The load event does not wait for the tool's script, which restores inputs.
    page.wait_for_selector('.kit-status:not([data-state="loading"])')


def open_team(page, site_url):
    page.goto(f"{site_url}tools/team-view/")
    tool_started(page)
    page.select_option(".kit-team-questionnaire", "leadership-vision")


def compare(page):
    page.get_by_role("button", name="Compare").click()
    page.locator(".kit-team-message").filter(has_text="Compared").wait_for(timeout=60_000)


def dimension_cells(page) -> dict[str, list[str]]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
            '.kit-team-dimensions tbody tr')].map((tr) => [tr.querySelector('th').textContent,
            [...tr.querySelectorAll('td')].map((td) => td.textContent)]))"""
    )


def test_files_and_pasted_codes_give_the_hand_computed_gap(page, site_url):
    open_team(page, site_url)
    # Managers as files (two records and a JSON-lines bundle), employees as pasted codes.
    with page.expect_file_chooser() as chooser:
        page.click(".kit-team-files")
    chooser.value.set_files(
        [str(TEAM / "m1.json"), str(TEAM / "m2.json"), str(TEAM / "managers.jsonl")]
    )
    page.fill(".kit-team-codes", (TEAM / "employees.txt").read_text())
    compare(page)
    cells = dimension_cells(page)
    # Hand-computed in tests/test_aggregate.py: managers 74.0, employees 41.7.
    assert cells["Overall"] == ["74.0", "41.7", "+32.3"]
    first_item = page.locator(".kit-team-items tbody tr").first
    assert first_item.get_attribute("data-item") == "visits"
    assert first_item.locator("td").nth(3).inner_text() == "+41.7"
    assert (
        first_item.locator("a").get_attribute("href").endswith("guide/top-down-nps/#whom-to-call")
    )
    assert page.locator(".kit-team-chart svg[data-chart='gap']").count() == 1
    assert page.is_hidden(".kit-team-rejected")


def test_bad_inputs_are_listed_and_the_good_ones_still_count(page, site_url, tmp_path):
    big = tmp_path / "huge.json"
    big.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    open_team(page, site_url)
    files = sorted(str(p) for p in BAD.iterdir()) + [str(TEAM / "m1.json"), str(big)]
    page.set_input_files(".kit-team-files", files)
    compare(page)
    rejected = page.locator(".kit-team-rejected li").all_inner_texts()
    names = {r.split(":")[0] for r in rejected}
    assert "huge.json" in names and "malformed.json" in names and "not-a-result.json" in names
    assert any("larger than 5 MB" in r for r in rejected)
    assert page.locator(".kit-team-summary").inner_text().startswith("1 result")


def test_small_groups_are_withheld(page, site_url):
    open_team(page, site_url)
    page.set_input_files(".kit-team-files", [str(TEAM / "m1.json"), str(TEAM / "m2.json")])
    compare(page)
    assert "fewer than 3 respondents" in page.locator(".kit-team-withheld").inner_text()
    assert dimension_cells(page)["Overall"] == ["–", "–", "–"]


def test_inputs_survive_a_reload(page, site_url):
    open_team(page, site_url)
    page.fill(".kit-team-codes", "CX1.some.code")
    page.reload()
    tool_started(page)
    assert page.input_value(".kit-team-codes") == "CX1.some.code"
    assert page.input_value(".kit-team-questionnaire") == "leadership-vision"
