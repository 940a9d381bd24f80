"""Smoke tests on the site as each generator builds it (MkDocs and Zensical).

The same sources go through the same pipeline; only the site step differs.
Each test here runs a real test of the full suite (which runs on the default
generator) against both sites: an assessment scored by the engine in Pyodide,
the team view, the NPS call list, the story builder, the language switch,
instant navigation between tool pages (one engine per tab), offline after a
first visit. The `page` fixture fails a test on any
Content-Security-Policy violation, and every request must stay on the
site's own origin.
"""

from urllib.parse import urlsplit

import pytest

from tests import test_browser_assessment as assessment
from tests import test_browser_languages as languages
from tests import test_browser_navigation as navigation
from tests import test_browser_nps as nps
from tests import test_browser_offline as offline
from tests import test_browser_story as story
from tests import test_browser_team as team

pytestmark = pytest.mark.browser


def only_own_origin(page, site_url: str) -> None:
    origin = urlsplit(site_url).netloc
    foreign = [
        u
        for u in page.watch.requests
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin
    ]
    assert foreign == []


def test_an_assessment_scores_in_the_browser(page, any_site_url):
    assessment.test_shown_result_equals_cpython_engine(
        page, any_site_url, "manager", assessment.MIXED
    )
    only_own_origin(page, any_site_url)


def test_team_view(page, any_site_url):
    team.test_files_and_pasted_codes_give_the_hand_computed_gap(page, any_site_url)
    only_own_origin(page, any_site_url)


def test_nps_call_list(page, any_site_url):
    nps.test_uploaded_file_gives_the_hand_computed_list(page, any_site_url)
    only_own_origin(page, any_site_url)


def test_story_builder(page, any_site_url):
    story.test_fills_the_chosen_template_like_the_cpython_engine(page, any_site_url)
    only_own_origin(page, any_site_url)


def test_language_switch(page, any_site_url):
    languages.test_language_switch_in_the_header(page, any_site_url)
    languages.test_german_page_scores_like_the_english_one(page, any_site_url)
    only_own_origin(page, any_site_url)


def test_instant_navigation_keeps_one_engine(page, any_site_url):
    navigation.test_one_engine_boots_across_instant_navigation(page, any_site_url)
    only_own_origin(page, any_site_url)


def test_offline_after_a_first_visit(page, any_built_site, tmp_path):
    offline.test_visited_assessment_loads_and_scores_offline(page, any_built_site, tmp_path)
