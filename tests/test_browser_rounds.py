"""A team round end to end in a real Chromium on the built site behind real
nginx with the drop box on: two key holders make keys, the facilitator
creates the round, 3 managers and 5 employees of one team (and 2 employees of
another) submit sealed results through the drop box, each key holder opens
their half, and the combined report shows the gap computed here from the
same answers with the engine. One module-scoped flow; the checks are separate
tests over what it left behind."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kit.engine import results, score
from kit.engine.rounds_layout import Layout, unpack
from tests.assessment_page import answer, model
from tests.test_nginx import nginx  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
QID = "leadership-vision"
MANAGERS = [
    {"needs": 4, "visits": 4, "reviews": 3, "agenda": 4, "urgency": 3, "involvement": 4},
    {"needs": 3, "visits": 4, "reviews": 4, "agenda": 3, "urgency": 4, "involvement": 3},
    {"needs": 4, "visits": 3, "reviews": 4, "agenda": 4, "urgency": 4, "involvement": 4},
]
EMPLOYEES = [
    {"needs": 2, "visits": 1, "reviews": 2, "agenda": 1, "urgency": 2, "involvement": 1},
    {"needs": 1, "visits": 2, "reviews": 1, "agenda": 2, "urgency": 1, "involvement": 2},
    {"needs": 3, "visits": 2, "reviews": 2, "agenda": 2, "urgency": 2, "involvement": 3},
    {"needs": 2, "visits": 2, "reviews": 3, "agenda": 1, "urgency": 1, "involvement": 2},
    {"needs": 1, "visits": 1, "reviews": 1, "agenda": 2, "urgency": 2, "involvement": 1},
]
SOUTH = EMPLOYEES[:2]  # 2 employees: under the minimum of 3


def _download(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def _made(page, part, action) -> tuple[str, bytes]:
    """Click a team-view step and download the file it made (its "again" button:
    a download no click started may be held back by the browser)."""
    again = f"{part} button[data-again]"
    page.evaluate(f"document.querySelectorAll('{again}').forEach((b) => b.remove())")
    page.click(f'{part} [data-action="{action}"]')
    page.wait_for_selector(f"{again}:not([hidden])", timeout=60_000)
    return _download(page, lambda: page.click(again))


def _wait_message(page, selector, states=("done", "error")):
    page.wait_for_function(
        "([s, states]) => states.includes(document.querySelector(s).dataset.state)",
        arg=[selector, list(states)],
        timeout=60_000,
    )
    return page.text_content(selector)


def _open(page, round_file, key_file, sealed_files, codes=""):
    part = '[data-part="open"]'
    page.evaluate(f"document.querySelector('{part}').open = true")
    page.set_input_files(f"{part} .kit-rt-open-round", round_file)
    page.set_input_files(f"{part} .kit-rt-open-key", key_file)
    page.set_input_files(f"{part} .kit-rt-open-files", sealed_files)
    page.fill(f"{part} .kit-rt-open-codes", codes)
    page.evaluate(f"document.querySelector('{part} .kit-rt-message').dataset.state = ''")
    _, data = _made(page, part, "open-round")
    text = _wait_message(page, f"{part} .kit-rt-message")
    return json.loads(data), text


@pytest.fixture(scope="module")
def flow(nginx, browser, tmp_path_factory):  # noqa: F811
    tmp = tmp_path_factory.mktemp("round")
    ctx = browser.new_context(accept_downloads=True)
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(nginx.root_url + "tools/team-view/")
    page.wait_for_selector("[data-kit-rounds][data-ready]")
    out = {"page": page, "tmp": tmp, "errors": errors, "nginx": nginx}

    # Each key holder makes a key (here in one browser; normally on their own device).
    keys = {}
    page.evaluate("document.querySelector('[data-part=\"key\"]').open = true")
    for who in ("Facilitator", "Works council"):
        page.fill(".kit-rt-key-name", who)
        name, data = _made(page, '[data-part="key"]', "make-key")
        (tmp / name).write_bytes(data)
        keys[who] = tmp / name
        assert json.loads(data)["public_key"] == page.input_value(".kit-rt-public-key")
    out["keys"] = keys

    # The facilitator creates the round.
    new = '[data-part="new"]'
    page.evaluate(f"document.querySelector('{new}').open = true")
    page.fill(f"{new} .kit-rt-name", "Sales Q1")
    page.select_option(f"{new} .kit-rt-questionnaire", QID)
    page.fill(f"{new} .kit-rt-teams", "Sales North\nSales South")
    page.fill(f"{new} .kit-rt-minimum", "3")
    for i, who in enumerate(("Facilitator", "Works council")):
        holder = f'{new} [data-holder="{i}"]'
        page.fill(f"{holder} .kit-rt-holder-name", who)
        page.fill(f"{holder} .kit-rt-holder-key", json.loads(keys[who].read_text())["public_key"])
    name, data = _made(page, new, "create-round")
    out["round_file"] = tmp / name
    out["round_file"].write_bytes(data)
    out["round"] = json.loads(data)
    out["readers"] = page.text_content(f"{new} .kit-rt-readers")
    out["links"] = {
        (row["team"], row["role"]): row["url"]
        for row in page.eval_on_selector_all(
            f"{new} .kit-rt-links tbody tr",
            "rows => rows.map(r => ({team: r.dataset.team, role: r.dataset.role,"
            " url: r.querySelector('input').value}))",
        )
    }

    # Respondents, each in a fresh browser of their own.
    out["panels"] = []
    sealed_codes = []
    for team, role, answers in [
        *[("sales-north", "manager", a) for a in MANAGERS],
        *[("sales-north", "employee", a) for a in EMPLOYEES],
        *[("sales-south", "employee", a) for a in SOUTH],
    ]:
        rctx = browser.new_context(accept_downloads=True)
        rctx.set_default_timeout(60_000)
        rp = rctx.new_page()
        rp.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        rp.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        rp.goto(out["links"][(team, role)])
        rp.wait_for_selector(".kit-round-title:not(:empty)")
        out["panels"].append(
            {
                "text": rp.inner_text("[data-kit-round]"),
                "roles": rp.eval_on_selector_all(
                    'input[name="kit-role"]',
                    "els => els.map(e => [e.value, e.checked, e.disabled])",
                ),
            }
        )
        answer(rp, answers)
        rp.wait_for_selector('[data-action="round-submit"]:not([disabled])')
        rp.click('[data-action="round-submit"]')
        msg = rp.wait_for_selector('.kit-round-message[data-state="msgSent"]')
        assert msg
        sealed_codes.append(rp.input_value(".kit-round-code"))
        out["panels"][-1]["status"] = rp.text_content(".kit-status")
        out["panels"][-1]["about"] = rp.text_content(".kit-about-text")
        rctx.close()
    out["codes"] = sealed_codes
    box = nginx.dir / "dropbox"
    out["dropped"] = sorted(box.iterdir())
    yield out
    ctx.close()


def test_round_file_and_links(flow):
    rnd = flow["round"]
    assert rnd["kind"] == "cx-kit-round" and rnd["minimum"] == 3
    assert [h["name"] for h in rnd["key_holders"]] == ["Facilitator", "Works council"]
    assert set(flow["links"]) == {
        (t, r) for t in ("sales-north", "sales-south") for r in ("manager", "employee")
    }
    for url in flow["links"].values():
        assert "#round=" in url and "?" not in url.split("#")[0]
    assert "No single person" in flow["readers"]
    # Each respondent saw the round and their role fixed by the link.
    first = flow["panels"][0]
    assert "Sales Q1" in first["text"] and "Facilitator, Works council" in first["text"]
    assert "can read your answers" in first["text"]
    # Nothing on the page still says the answers never leave the browser.
    assert "only the sealed result you submit leaves it" in first["status"]
    assert "never leave" not in first["status"] and "sent anywhere" not in first["about"]
    assert first["roles"] == [["manager", True, False], ["employee", False, True]]
    assert flow["panels"][3]["roles"] == [["manager", False, True], ["employee", True, False]]


def test_no_errors_in_any_page(flow):
    assert flow["errors"] == []


def test_drop_box_holds_one_sealed_file_per_submission(flow):
    dropped = flow["dropped"]
    assert len(dropped) == 10
    for path in dropped:
        data = json.loads(path.read_text())
        assert data["kind"] == "cx-kit-sealed" and data["round"] == flow["round"]["id"]
        assert [s["holder"] for s in data["sealed"]] == [0, 1]
        # Sealed: no answer, team or role in clear.
        assert "sales-north" not in path.read_text() and "manager" not in path.read_text()


@pytest.fixture(scope="module")
def opened(flow):
    page, tmp = flow["page"], flow["tmp"]
    files = [str(p) for p in flow["dropped"]]
    # A tampered copy (one character of a ciphertext changed) and a truncated one.
    original = json.loads(flow["dropped"][0].read_text())
    tampered = json.loads(json.dumps(original))
    ct = tampered["sealed"][0]["ct"]
    tampered["sealed"][0]["ct"] = ct[:40] + ("A" if ct[40] != "A" else "B") + ct[41:]
    (tmp / "tampered.json").write_text(json.dumps(tampered))
    (tmp / "truncated.json").write_text(flow["dropped"][1].read_text()[:200])
    extra = [str(tmp / "tampered.json"), str(tmp / "truncated.json")]
    # The same submission 5 times in all: the drop box file plus 4 pasted codes.
    same = flow["codes"][0]
    codes = "\n".join([same] * 4)
    sums, texts = [], []
    for who in ("Facilitator", "Works council"):
        s, text = _open(page, flow["round_file"], flow["keys"][who], files + extra, codes)
        sums.append(s)
        texts.append(text)
        (tmp / f"sum-{who}.json").write_text(json.dumps(s))
        if who == "Facilitator":
            flow["after_first_open"] = {
                "report_hidden": page.is_hidden(".kit-team-result"),
                "refused": page.inner_text('[data-part="open"] .kit-rt-refused'),
                "withheld": page.inner_text('[data-part="open"] .kit-rt-withheld'),
            }
    return sums, texts


def test_each_half_alone_shows_no_answer(flow, opened):
    sums, texts = opened
    seen = flow["after_first_open"]
    assert seen["report_hidden"]  # opening one half shows no report, no answer
    # The facilitator's sum is random-looking numbers, not counts.
    north = sums[0]["groups"]["sales-north"]["employee"]
    assert north["responses"] == 5
    assert max(unpack(north["vector"], Layout(model(QID)).size)) > 10**9
    assert "10 distinct response(s)" in texts[0] and "(4 duplicate(s)" in texts[0]


def test_tampered_and_truncated_files_are_refused_by_name(flow, opened):
    refused = flow["after_first_open"]["refused"]
    assert "tampered.json" in refused and "cannot be opened with your key" in refused
    assert "truncated.json" in refused and "damaged or cut off" in refused


def test_small_group_withheld_with_reason(flow, opened):
    withheld = flow["after_first_open"]["withheld"]
    assert "Sales South, employee: 2 response(s), withheld: fewer than 3 respondents" in withheld
    # The counts per team and role so far, for the groups that were released too.
    assert "Sales North, manager: 3 response(s)" in withheld
    assert "Sales North, employee: 5 response(s)" in withheld


def test_combined_gap_matches_the_engine(flow, opened):
    page, tmp = flow["page"], flow["tmp"]
    part = '[data-part="combine"]'
    page.evaluate(f"document.querySelector('{part}').open = true")
    page.set_input_files(f"{part} .kit-rt-combine-round", flow["round_file"])
    page.set_input_files(
        f"{part} .kit-rt-combine-sums",
        [str(tmp / "sum-Facilitator.json"), str(tmp / "sum-Works council.json")],
    )
    # One manager shares their own result (a result code) with consent.
    own_code = results.encode(model(QID), "manager", MANAGERS[0])
    page.fill(f"{part} .kit-rt-combine-managers", f"Sales North {own_code}")
    page.click(f'{part} [data-action="combine-round"]')
    text = _wait_message(page, f"{part} .kit-rt-message")
    assert page.get_attribute(f"{part} .kit-rt-message", "data-state") == "done", text
    page.wait_for_selector(".kit-team-result:not([hidden]) .kit-rt-report:not([hidden])")
    m = model(QID)
    managers = [score(m, "manager", a)["overall"] for a in MANAGERS]
    # Only groups at the minimum count: Sales South's 2 employees are withheld.
    employees = [score(m, "employee", a)["overall"] for a in EMPLOYEES]
    gap = sum(managers) / len(managers) - sum(employees) / len(employees)
    overall = page.eval_on_selector(
        ".kit-team-dimensions tbody tr:first-child",
        "tr => [...tr.querySelectorAll('td')].map(td => td.textContent)",
    )
    assert float(overall[2]) == pytest.approx(gap, abs=0.051)
    north = page.eval_on_selector(
        '.kit-rt-counts tr[data-team="sales-north"]',
        "tr => [...tr.querySelectorAll('td')].map(td => td.textContent)",
    )
    assert north == ["3", "5"]
    side = page.eval_on_selector(
        '.kit-rt-teams tr[data-team="sales-north"]',
        "tr => [...tr.querySelectorAll('td')].map(td => td.textContent)",
    )
    assert float(side[2]) == pytest.approx(gap, abs=0.051)
    own = page.eval_on_selector(
        ".kit-rt-teams tr.kit-rt-own",
        "tr => [tr.querySelector('th').textContent,"
        " ...[...tr.querySelectorAll('td')].map(td => td.textContent)]",
    )
    mine = score(m, "manager", MANAGERS[0])["overall"]
    assert own[0] == "Sales North: own result 1, shared with consent" and float(
        own[1]
    ) == pytest.approx(mine, abs=0.051)
    assert float(own[3]) == pytest.approx(mine - sum(employees) / len(employees), abs=0.051)
    hidden = page.inner_text(".kit-rt-hidden")
    assert "Sales South" in hidden and "fewer than 3" in hidden
    assert not [e for e in flow["errors"] if "Content Security Policy" in e], flow["errors"]


def _kit(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit.cli", "round", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_browser_sealed_files_open_with_the_cli(flow, opened):
    """Parity: `kit round open` opens what the browsers sealed, and `kit round
    combine` gives the gap the page showed."""
    tmp = flow["tmp"] / "cli"
    tmp.mkdir()
    sums = []
    for i, who in enumerate(("Facilitator", "Works council")):
        key = tmp / f"key{i}.cxkey.json"  # a copy: the CLI keeps its releases beside it
        key.write_bytes(flow["keys"][who].read_bytes())
        out = tmp / f"sum{i}.json"
        proc = _kit("open", flow["round_file"], "--key", key, *flow["dropped"], "-o", out)
        assert proc.returncode == 0, proc.stderr
        sums.append(out)
        assert json.loads(out.read_text())["released_ids"] == opened[0][i]["released_ids"]
    proc = _kit("combine", flow["round_file"], *sums, "--json")
    assert proc.returncode == 0, proc.stderr
    view = json.loads(proc.stdout)
    m = model(QID)
    managers = [score(m, "manager", a)["overall"] for a in MANAGERS]
    employees = [score(m, "employee", a)["overall"] for a in EMPLOYEES]
    gap = sum(managers) / len(managers) - sum(employees) / len(employees)
    assert view["overall"]["gap"] == pytest.approx(gap, abs=0.051)


def test_cli_sealed_codes_open_in_the_browser(flow, browser):
    """Parity the other way: codes sealed by `kit round seal` open in a key
    holder's browser (a fresh one: no earlier releases)."""
    tmp = flow["tmp"]
    codes = []
    for i, answers in enumerate(MANAGERS):
        path = tmp / f"cli-answers-{i}.json"
        path.write_text(json.dumps({"role": "manager", "answers": answers}))
        proc = _kit("seal", flow["round_file"], path, "--team", "sales-south", "--code")
        assert proc.returncode == 0, proc.stderr
        codes.append(proc.stdout.strip())
    ctx = browser.new_context(accept_downloads=True)
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    page.goto(flow["nginx"].root_url + "tools/team-view/")
    page.wait_for_selector("[data-kit-rounds][data-ready]")
    part = '[data-part="open"]'
    page.evaluate(f"document.querySelector('{part}').open = true")
    page.set_input_files(f"{part} .kit-rt-open-round", flow["round_file"])
    page.set_input_files(f"{part} .kit-rt-open-key", flow["keys"]["Works council"])
    page.fill(f"{part} .kit-rt-open-codes", "\n".join(codes))
    _, data = _made(page, part, "open-round")
    text = _wait_message(page, f"{part} .kit-rt-message")
    assert "3 distinct response(s)" in text, text
    s = json.loads(data)
    assert s["holder"] == 1 and s["groups"]["sales-south"]["manager"]["responses"] == 3
    ctx.close()


def test_second_release_differing_by_fewer_than_the_minimum_is_refused(flow, opened):
    """The key holder's browser kept the first release: one more response
    (fewer than the minimum of 3) would let the difference show it."""
    page = flow["page"]
    extra = flow["tmp"] / "one-more.json"
    answers = flow["tmp"] / "one-more-answers.json"
    answers.write_text(json.dumps({"role": "manager", "answers": MANAGERS[0]}))
    proc = _kit("seal", flow["round_file"], answers,
                "--team", "sales-north", "-o", extra)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    part = '[data-part="open"]'
    page.set_input_files(f"{part} .kit-rt-open-round", flow["round_file"])
    page.set_input_files(f"{part} .kit-rt-open-key", flow["keys"]["Facilitator"])
    page.set_input_files(f"{part} .kit-rt-open-files", [*map(str, flow["dropped"]), str(extra)])
    page.fill(f"{part} .kit-rt-open-codes", "")
    page.evaluate(f"document.querySelector('{part} .kit-rt-message').dataset.state = ''")
    page.click(f'{part} [data-action="open-round"]')
    text = _wait_message(page, f"{part} .kit-rt-message")
    assert page.get_attribute(f"{part} .kit-rt-message", "data-state") == "error"
    assert "differ from an earlier release" in text and "fewer than the minimum of 3" in text


def test_one_key_holder_is_said_truthfully_and_a_failed_upload_loses_nothing(flow, browser):
    """A round with one key holder says on both pages that this person could
    read individual answers; a drop box that refuses the upload leaves the
    sealed code and file on the page to send another way."""
    page = flow["page"]
    new = '[data-part="new"]'
    page.fill(f"{new} .kit-rt-name", "Small shop")
    page.fill(f"{new} .kit-rt-teams", "Shop")
    page.fill(f"{new} .kit-rt-minimum", "5")
    page.check(f"{new} .kit-rt-one-holder")
    page.fill(f"{new} .kit-rt-dropbox", "/nowhere/")
    name, data = _made(page, new, "create-round")
    rnd = json.loads(data)
    assert [h["name"] for h in rnd["key_holders"]] == ["Facilitator"]
    readers = page.text_content(f"{new} .kit-rt-readers")
    assert "Facilitator holds the only key and could read each respondent's individual" in readers
    link = page.input_value(f'{new} .kit-rt-links tr[data-role="employee"] input')

    ctx = browser.new_context(accept_downloads=True)
    ctx.set_default_timeout(60_000)
    rp = ctx.new_page()
    rp.goto(link)
    rp.wait_for_selector(".kit-round-title:not(:empty)")
    panel = rp.inner_text("[data-kit-round]")
    assert "Facilitator holds the only key of this round" in panel
    assert "could read your individual answers" in panel
    answer(rp, EMPLOYEES[0])
    rp.wait_for_selector('[data-action="round-submit"]:not([disabled])')
    rp.click('[data-action="round-submit"]')
    rp.wait_for_selector('.kit-round-message[data-state="msgPutFailed"]')
    assert "Nothing is lost" in rp.text_content(".kit-round-message")
    assert rp.input_value(".kit-round-code").startswith("CXS1.")
    fname, body = _download(rp, lambda: rp.click('[data-action="round-download"]'))
    sealed = json.loads(body)
    assert fname == f"cx-kit-sealed-{fname[14:46]}.json" and sealed["round"] == rnd["id"]
    assert [s["holder"] for s in sealed["sealed"]] == [0]
    # Still there after a reload, and the result is in the respondent's own history.
    rp.reload()
    rp.wait_for_selector('.kit-round-message[data-state="msgEarlier"]')
    assert rp.input_value(".kit-round-code").startswith("CXS1.")
    rp.wait_for_selector(".kit-history-table tbody tr", state="attached")
    ctx.close()

    # The one key holder opens and combines it: one response is under the
    # minimum of 5, so the page shows its reason and no answer or score of it.
    tmp = flow["tmp"]
    (tmp / "small.cxround.json").write_bytes(data)
    (tmp / fname).write_bytes(body)
    s, text = _open(page, tmp / "small.cxround.json", flow["keys"]["Facilitator"], [tmp / fname])
    assert s["groups"] == {} and s["released_ids"] == []
    assert "Shop, employee: 1 response(s), withheld: fewer than 5" in page.inner_text(
        '[data-part="open"] .kit-rt-withheld'
    )
    (tmp / "small-sum.json").write_text(json.dumps(s))
    part = '[data-part="combine"]'
    page.set_input_files(f"{part} .kit-rt-combine-round", tmp / "small.cxround.json")
    page.set_input_files(f"{part} .kit-rt-combine-sums", tmp / "small-sum.json")
    page.fill(f"{part} .kit-rt-combine-managers", "")
    page.evaluate(f"document.querySelector('{part} .kit-rt-message').dataset.state = ''")
    page.click(f'{part} [data-action="combine-round"]')
    _wait_message(page, f"{part} .kit-rt-message")
    page.wait_for_selector(".kit-team-result:not([hidden]) .kit-rt-report:not([hidden])")
    cells = page.eval_on_selector_all(
        ".kit-team-dimensions tbody td, .kit-team-items tbody td",
        "tds => tds.map((td) => td.textContent)",
    )
    assert cells and set(cells) == {"–"}, cells
    assert "fewer than 5" in page.inner_text(".kit-team-withheld")


def test_round_link_on_the_german_page_speaks_german(flow, browser):
    """The same round link on the German assessment page: the round panel in German."""
    link = flow["links"][("sales-north", "employee")].replace("/assessments/", "/de/assessments/")
    ctx = browser.new_context()
    ctx.set_default_timeout(60_000)
    rp = ctx.new_page()
    rp.goto(link)
    rp.wait_for_selector(".kit-round-title:not(:empty)")
    text = rp.inner_text("[data-kit-round]")
    assert "Teamrunde: Sales Q1" in text
    assert "Schlüssel bei: Facilitator, Works council" in text
    assert "Weder einer von beiden noch der Webserver" in text
    assert "Briefkasten dieser Website (/cx-kit-dropbox/)" in text
    ctx.close()


def test_the_new_round_form_survives_a_reload(flow, browser):
    page = flow["page"]
    new = '[data-part="new"]'
    page.fill(f"{new} .kit-rt-teams", "Support\nField service")
    page.reload()
    page.wait_for_selector("[data-kit-rounds][data-ready]")
    assert page.input_value(f"{new} .kit-rt-teams") == "Support\nField service"
    assert page.input_value(f'{new} [data-holder="0"] .kit-rt-holder-name') == "Facilitator"
