"""axe-core on every kind of page the kit generates, in both colour schemes.

Each page is checked in Material's light scheme (`default`) and dark scheme
(`slate`), chosen the way a visitor's browser does: the palette follows
prefers-color-scheme. Tool pages are checked in the states a visitor sees:
an assessment empty, partly answered and completed (result, chart, keep
section, history), a failed "open a result", the branching instrument, the
team view with a comparison, the NPS tool with a call list and with an error,
the story builder with a story.

A test fails on any violation axe rates serious or critical. Moderate and
minor ones are printed (pytest -s) but do not fail.

axe-core comes from node_modules/axe-core (package.json pins it; `npm ci`
installs it), else from the axe-playwright-python package if installed, else
from the file KIT_AXE names. Without any of them these tests are skipped.

axe is not injected inline: the pages' Content-Security-Policy forbids inline
scripts (and the page fixture fails a test on any CSP violation). Instead the
page loads it as a same-origin script, /__axe__/axe.min.js, which the test
answers from the file with page.route. So every page is checked under the
real policy, with no bypass_csp. Service workers are blocked in these
contexts so that every request reaches page.route.
"""

import importlib.util
import os
from pathlib import Path

import pytest

from kit.engine import score
from tests.assessment_page import (
    ENGINE_READY,
    answer,
    model,
    open_assessment,
    show_more,
    wait_for_progress,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SCHEMES = {"default": "light", "slate": "dark"}
FAILING_IMPACTS = {"serious", "critical"}
# Violations that come from Material for MkDocs itself and cannot be fixed in
# the kit's templates, CSS or scripts: {rule id: {CSS selector: why}}. Empty:
# everything axe found so far is fixed (see kit.css and theme/main.html).
MATERIAL_EXCEPTIONS: dict[str, dict[str, str]] = {}

TEAM = ROOT / "tests" / "fixtures" / "aggregate" / "team"
NPS_CSV = ROOT / "tests" / "fixtures" / "nps" / "basic.csv"
AXE_URL_PATH = "__axe__/axe.min.js"


def axe_source() -> Path | None:
    env = os.environ.get("KIT_AXE")
    if env and Path(env).is_file():
        return Path(env)
    local = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if local.is_file():
        return local
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "axe.min.js"
        if bundled.is_file():
            return bundled
    return None


AXE = axe_source()
if AXE is None:
    pytest.skip(
        "axe-core not found: run `npm ci` in the repository (package.json pins axe-core), "
        "pip install axe-playwright-python, or set KIT_AXE to an axe.min.js",
        allow_module_level=True,
    )


@pytest.fixture(params=list(SCHEMES), ids=list(SCHEMES))
def scheme(request):
    return request.param


@pytest.fixture
def context(browser, scheme):
    """The conftest context, in one colour scheme, without service workers."""
    ctx = browser.new_context(color_scheme=SCHEMES[scheme], service_workers="block")
    ctx.set_default_timeout(60_000)
    yield ctx
    ctx.close()


def run_axe(page, scheme: str, label: str) -> list[dict]:
    """axe's violations on the page as it is now; fails on serious or critical ones."""
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme, (
        f"{label}: the page is not in the {scheme} scheme"
    )
    # A colour transition still running would give axe half-way colours: wait
    # for every CSS transition to end (on a loaded machine 300 ms was not enough).
    page.wait_for_timeout(300)
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {})))"""
    )
    # axe judges the colours of the page as styled: a stylesheet that did not
    # load would show up as Material's colours, so say so by name instead.
    unstyled = page.evaluate(
        """() => [...document.querySelectorAll('link[rel="stylesheet"]')]
            .filter((l) => { try { return !l.sheet || !l.sheet.cssRules.length; }
                             catch { return true; } })
            .map((l) => l.href)"""
    )
    assert not unstyled, f"{label}: stylesheets not applied: {unstyled}"
    if not page.evaluate("typeof window.axe === 'object'"):
        url = page.url.split("#")[0]
        base = url[: url.index("/", len("http://")) + 1]
        page.route(
            f"{base}{AXE_URL_PATH}",
            lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
        )
        page.add_script_tag(url=f"{base}{AXE_URL_PATH}")
    violations = page.evaluate(
        """async () => {
        const r = await axe.run(document, { resultTypes: ["violations"] });
        if (r.passes.length < 10)
          throw new Error(`axe checked almost nothing (${r.passes.length} rules passed)`);
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        }));
    }"""
    )
    failing = []
    for v in violations:
        allowed = MATERIAL_EXCEPTIONS.get(v["id"], {})
        nodes = [n for n in v["nodes"] if n["target"] not in allowed]
        if not nodes:
            continue
        line = f"{label} [{scheme}] {v['id']} ({v['impact']}): {v['help']}"
        details = "\n".join(f"    {n['target']}: {n['summary']}" for n in nodes[:8])
        if v["impact"] in FAILING_IMPACTS:
            failing.append(f"{line}\n{details}")
        else:
            print(f"{line}\n{details}")
    assert not failing, "axe found serious or critical violations:\n" + "\n".join(failing)
    return violations


# --- pages without a tool --------------------------------------------------------------

STATIC_PAGES = {
    "home": "",
    "assessments-index": "assessments/",
    "guide-chapter": "guide/walking-the-talk/",
    "guide-index": "guide/",
    "talk-track": "talk-tracks/detractor-call/",
    "calendar": "guide/calendar/",
    "slide-outline": "slides/executive-briefing/",
    "story-template": "stories/employee-success/",
    "hosting": "reference/hosting/",
    "team-rounds": "tools/team-rounds/",
    "result-format": "reference/result-format/",
    "make-it-your-own": "reference/make-it-your-own/",
    "german-home": "de/",
    "german-assessment-loading": "de/assessments/walk-the-talk/",
    "not-found": "404.html",
}


@pytest.mark.parametrize("path", list(STATIC_PAGES.values()), ids=list(STATIC_PAGES))
def test_page(page, site_url, scheme, path):
    page.goto(f"{site_url}{path}")
    run_axe(page, scheme, path or "home")


# --- assessments ---------------------------------------------------------------------


def scored_answers(m, role: str) -> dict:
    """Answers to every question that shows, in the order they show (branching too)."""
    answers: dict = {}
    while True:
        hidden = set(score(m, role, answers)["hidden"])
        todo = [q for q in m.questions if q.id not in hidden and q.id not in answers]
        if not todo:
            return answers
        q = todo[0]
        values = [o.value for o in m.scales[q.scale].options if o.scored]
        answers[q.id] = values[len(answers) % len(values)]


def wait_for_complete(page):
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
        " && !document.querySelector('.kit-keep').hidden"
        " && document.querySelector('.kit-code').value.startsWith('CX1.')"
        " && !document.querySelector('.kit-history-table').hidden"
    )


def test_assessment_in_every_state(page, site_url, scheme):
    qid = "walk-the-talk"
    m = model(qid)
    role = m.roles[-1].id
    answers = scored_answers(m, role)
    open_assessment(page, site_url, qid)
    page.wait_for_selector(ENGINE_READY)
    run_axe(page, scheme, "assessment, empty")

    first = dict(list(answers.items())[:2])
    answer(page, first, role=role)
    wait_for_progress(page, 2, len(m.questions))
    page.wait_for_function("() => document.querySelector('.kit-result').dataset.state")
    run_axe(page, scheme, "assessment, partly answered")

    answer(page, answers)
    wait_for_progress(page, len(answers), len(m.questions))
    wait_for_complete(page)
    assert page.is_visible(".kit-chart svg")
    assert page.locator(".kit-history-table tbody tr").count() == 1
    show_more(page)
    run_axe(page, scheme, "assessment, completed with chart, keep section and history")

    page.fill(".kit-open-code", "CX1.not-a-code")
    page.get_by_role("button", name="Open", exact=True).click()
    page.wait_for_function("() => document.querySelector('.kit-open-message').textContent")
    run_axe(page, scheme, "assessment, a code that cannot be opened")


def test_branching_assessment(page, site_url, scheme):
    qid = "sponsor-readiness"
    m = model(qid)
    role = m.roles[0].id
    answers = scored_answers(m, role)
    open_assessment(page, site_url, qid)
    page.wait_for_selector(ENGINE_READY)
    run_axe(page, scheme, "branching assessment, empty")
    for qid_, value in answers.items():
        # A question shown by an earlier answer appears once the engine has scored it.
        page.check(f'input[name="q-{qid_}"][value="{value}"]')
    wait_for_complete(page)
    run_axe(page, scheme, "branching assessment, completed")


# --- tools ------------------------------------------------------------------------------


def test_team_view_with_a_comparison(page, site_url, scheme):
    page.goto(f"{site_url}tools/team-view/")
    page.wait_for_selector(ENGINE_READY)
    run_axe(page, scheme, "team view, empty")
    page.select_option(".kit-team-questionnaire", "leadership-vision")
    page.set_input_files(
        ".kit-team-files",
        [str(TEAM / "m1.json"), str(TEAM / "m2.json"), str(TEAM / "managers.jsonl")],
    )
    page.fill(".kit-team-codes", (TEAM / "employees.txt").read_text())
    page.get_by_role("button", name="Compare").click()
    page.locator(".kit-team-message").filter(has_text="Compared").wait_for()
    assert page.is_visible(".kit-team-chart svg")
    run_axe(page, scheme, "team view with a comparison")


def test_team_view_round_steps(page, site_url, scheme):
    """The team rounds' four steps, open, with a made key on show."""
    page.goto(f"{site_url}tools/team-view/")
    page.wait_for_selector("[data-kit-rounds][data-ready]")
    page.evaluate("document.querySelectorAll('.kit-rt-part').forEach((d) => (d.open = true))")
    page.fill(".kit-rt-key-name", "Works council")
    page.click('[data-action="make-key"]')
    page.wait_for_selector(".kit-rt-public:not([hidden])")
    run_axe(page, scheme, "team view, round steps")


def test_assessment_with_a_round_link(page, site_url, scheme):
    """A respondent's round link: the round panel, and the sealed result to send."""
    import base64
    import json
    import secrets

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    holders = [{"name": n, "public_key": b64(secrets.token_bytes(32))} for n in ("A", "B")]
    rnd = {
        "kind": "cx-kit-round",
        "format": 1,
        "id": secrets.token_hex(8),
        "name": "Q1",
        "questionnaire": "leadership-vision",
        "version": model("leadership-vision").version,
        "roles": ["manager", "employee"],
        "teams": [{"id": "north", "label": "North"}],
        "minimum": 5,
        "key_holders": holders,
        "dropbox": None,
        "created": "2026-01-05",
    }
    fragment = b64(json.dumps(rnd).encode())
    page.goto(f"{site_url}assessments/leadership-vision/#round={fragment}&team=north&role=employee")
    page.wait_for_selector(".kit-round-title:not(:empty)")
    m = model("leadership-vision")
    for qid, value in scored_answers(m, "employee").items():
        page.check(f'input[name="q-{qid}"][value="{value}"]')
    page.click('[data-action="round-submit"]:not([disabled])')
    page.wait_for_selector('.kit-round-message[data-state="msgSealed"]')
    run_axe(page, scheme, "assessment with a round link")


def test_nps_tool_with_a_result_and_an_error(page, site_url, scheme):
    page.goto(f"{site_url}tools/nps-call-list/")
    page.wait_for_selector(ENGINE_READY)
    run_axe(page, scheme, "NPS tool, empty")
    page.set_input_files("#kit-nps-file", str(NPS_CSV))
    page.get_by_label("Leaders, separated by commas").fill("Dana Lee, Sam Ortiz, Kim Park")
    page.get_by_label("Most calls per leader").fill("2")
    page.get_by_role("button", name="Build the call list").click()
    page.wait_for_selector('.kit-nps-message[data-state="msgDone"]')
    assert page.is_visible(".kit-nps-calls tbody tr")
    run_axe(page, scheme, "NPS tool with a call list")
    page.get_by_label("Most calls per leader").fill("two")
    page.get_by_role("button", name="Build the call list").click()
    page.wait_for_selector('.kit-nps-message[data-state="msgFailed"]')
    run_axe(page, scheme, "NPS tool with an error")


def test_story_builder_with_a_story(page, site_url, scheme):
    page.goto(f"{site_url}stories/builder/")
    page.wait_for_selector(ENGINE_READY)
    form = page.locator("form.kit-story-form:visible")
    for field in form.locator("input[name], textarea[name]").all():
        field.fill("A customer called us back")
    page.wait_for_selector(".kit-story-text:not([hidden])")
    page.wait_for_function(
        "() => document.querySelector('.kit-story-text').textContent.includes('called us back')"
    )
    run_axe(page, scheme, "story builder with a story")
