"""The page "Make the kit your own", followed step by step as an organisation would.

The commands and settings are read from docs/reference/make-it-your-own.md
itself: if the page changes, this test does what the new page says. Step by
step, it scaffolds acme-pulse with `kit new`, edits it, makes the mistake the
page shows and checks the message, validates and scores it, adds the page's
German translation, writes the page's settings into a config of its own (in
a temporary folder, inheriting the kit's mkdocs.yml), builds the site
strictly, finds the questionnaire in the navigation and the index, and
answers it in Chromium, where the score must equal the engine's.
"""

import contextlib
import io
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from kit import cli, loader
from kit.engine import score
from kit.schema import SCHEMA_FILE
from tests.assessment_page import (
    ENGINE_READY,
    answer,
    expected_view,
    read_result,
    wait_for_progress,
)
from tests.conftest import ROOT, LiveServer, build_site
from tests.test_settings import org_config

PAGE = ROOT / "docs" / "reference" / "make-it-your-own.md"
QID = "acme-pulse"
EDITED_TITLE = "Acme pulse check for leaders"


def page_text() -> str:
    return PAGE.read_text(encoding="utf-8")


def code_blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", page_text(), re.M | re.S)


def commands() -> list[str]:
    """Every shell line of the page's ```sh blocks, without trailing comments."""
    lines = [line for block in code_blocks("sh") for line in block.splitlines()]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in lines if line.strip()]


def kit_commands(verb: str) -> list[list[str]]:
    prefix = ".venv/bin/kit "
    return [
        shlex.split(line.removeprefix(prefix))
        for line in commands()
        if line.startswith(prefix + verb + " ")
    ]


def run_kit(argv: list[str]) -> tuple[int, str, str]:
    """`kit ARGV` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def page_settings() -> tuple[dict, dict]:
    """extra.kit and the other top-level settings of the page's YAML examples, merged."""
    kit, top = {}, {}
    for block in code_blocks("yaml"):
        data = yaml.safe_load(block)
        if not isinstance(data, dict) or "extra" not in data:
            continue
        kit.update(data["extra"]["kit"])
        top.update({k: v for k, v in data.items() if k not in ("extra", "theme")})
    return kit, top


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """Steps 1 to 7 of the page in a fresh folder: the built site and what was done."""
    home = tmp_path_factory.mktemp("acme")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(home)
        return _follow_the_page(home)


def _follow_the_page(home: Path) -> dict:
    done: dict = {}
    # 1. kit new, exactly as on the page.
    (new,) = kit_commands("new")
    assert new[:2] == ["new", QID]
    done["new"] = run_kit(new)
    folder = home / new[new.index("--dir") + 1]
    path = folder / f"{QID}.yaml"

    # The mistake the page shows, and its message.
    text = path.read_text(encoding="utf-8")
    second = [m.start() for m in re.finditer(r"^    dimension: listening$", text, re.M)][1]
    path.write_text(text[:second] + text[second:].replace("listening", "listen", 1), "utf-8")
    (validate,) = kit_commands("validate")
    done["mistake"] = run_kit(validate)

    # Edit: back to the right dimension, and a title of our own.
    assert 'title: "Acme pulse check"\n' in text
    path.write_text(text.replace('title: "Acme pulse check"', f"title: {EDITED_TITLE}"), "utf-8")
    done["validate"] = run_kit(validate)
    (listing,) = kit_commands("list")
    done["list"] = run_kit(listing)

    # Try a score: the page's answers.json, then kit score.
    (echo,) = [line for line in commands() if line.startswith("echo ")]
    payload, target = re.fullmatch(r"echo '(.*)' > (\S+)", echo).groups()
    (home / target).write_text(payload, encoding="utf-8")
    done["answers"] = json.loads(payload)
    (score_cmd,) = kit_commands("score")
    done["score_cmd"] = score_cmd
    done["score"] = run_kit(score_cmd)

    # 2. The page's German translation, next to the questionnaire.
    (translation,) = re.findall(
        r"<!-- translation-example -->\n```yaml\n(.*?)^```$", page_text(), re.M | re.S
    )
    (folder / f"{QID}.de.yaml").write_text(translation, encoding="utf-8")

    # 6. A copy of the schema next to the questionnaires, named on line 1.
    (schema_cmd,) = kit_commands("schema")
    done["schema"] = run_kit(schema_cmd)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = "# yaml-language-server: $schema=questionnaire.schema.json\n"
    path.write_text("".join(lines), encoding="utf-8")

    # 1, 3, 4, 5. The page's settings, in a config of this folder's own.
    kit, top = page_settings()
    config = org_config(home, kit, **top)
    # 7. Build, strictly.
    done["build"] = build_site(home / "site", config=config)
    done.update(kit=kit, top=top, home=home, folder=folder, path=path, site=home / "site")
    return done


def test_the_page_shows_every_step_it_promises():
    text = page_text()
    for heading in (
        "Add your own questionnaire",
        "Translate it",
        "Choose which assessments appear",
        "Your name, logo and colours",
        "The anonymity minimum",
        "Autocompletion in your editor",
        "Your organisation's benchmark",
        "Build and host it",
    ):
        assert re.search(rf"^## \d\. {heading}$", text, re.M), heading
    assert "](hosting.md)" in text
    for verb in ("new", "validate", "list", "score", "schema"):
        assert kit_commands(verb), verb
    kit, _ = page_settings()
    assert set(kit) == {
        "questionnaire_folders",
        "languages",
        "instruments",
        "organisation",
        "colors",
        "anonymity_minimum",
    }


def test_kit_new_writes_a_valid_questionnaire(org):
    code, out, err = org["new"]
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {Path('questionnaires') / (QID + '.yaml')}\n")


def test_the_mistake_gives_the_message_the_page_shows(org):
    code, _, err = org["mistake"]
    assert code == 1
    shown = re.search(r"`(questionnaires/acme-pulse\.yaml:\d+: [^`]*)`", page_text(), re.S)
    assert " ".join(shown[1].split()) == err.splitlines()[0]


def test_validate_list_and_score(org):
    assert org["validate"] == (0, "1 definition(s) valid\n", "")
    code, out, _ = org["list"]
    assert code == 0
    assert re.search(rf"^{QID}\s+1\s+4\s+{EDITED_TITLE}$", out, re.M)
    code, out, err = org["score"]
    assert (code, err) == (0, "")
    model = loader.load_file(org["path"])
    role = org["score_cmd"][org["score_cmd"].index("--role") + 1]
    expected = score(model, role, org["answers"])
    assert f"overall  {expected['overall']:.1f} / 100" in out
    assert f"result   {expected['band']['label']}" in out


def test_the_schema_copy_is_the_schema_and_line_1_finds_it(org):
    code, out, _ = org["schema"]
    assert code == 0
    copy = org["folder"] / "questionnaire.schema.json"
    assert copy.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")
    first = org["path"].read_text(encoding="utf-8").splitlines()[0]
    assert (org["folder"] / first.split("$schema=")[1]).is_file()


def test_the_site_builds_strictly_with_the_pages_settings(org):
    proc = org["build"]
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    # The page's translation is complete: no text of it is left in English.
    assert f"{QID}.de.yaml: missing translation" not in out
    assert f"{QID}: no de translation" not in out


def _nav_assessments(html: str) -> list[str]:
    # The sidebar only: the home page's own text links to assessments too.
    nav = html[html.index("md-nav--primary") : html.index('<div class="md-content"')]
    found = re.findall(r'href="(?:\./)?assessments/([a-z0-9_-]+)/"', nav)
    return list(dict.fromkeys(found))


def test_it_appears_in_the_nav_and_the_index_as_the_instruments_say(org):
    site = org["site"]
    instruments = org["kit"]["instruments"]
    assert QID in instruments
    home = (site / "index.html").read_text(encoding="utf-8")
    assert _nav_assessments(home) == instruments
    index = (site / "assessments" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><a href="([a-z0-9_-]+)/">([^<]*)</a>', index)
    assert [r[0] for r in rows] == instruments
    assert (QID, EDITED_TITLE) in rows
    # Not listed, still built: the guide's links to it keep working.
    hidden = {m.id for m in loader.load_all()} - set(instruments)
    assert hidden
    for qid in hidden:
        assert (site / "assessments" / qid / "index.html").is_file(), qid
    german = (site / "de" / "assessments" / QID / "index.html").read_text(encoding="utf-8")
    assert "Acme-Pulscheck" in german


def test_name_and_colours(org):
    site = org["site"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(
        rf'class="md-copyright__highlight">\s*{re.escape(org["kit"]["organisation"])}\s*<', home
    )
    assert f"<title>{org['top']['site_name']}</title>" in home
    assert 'href="assets/kit/org.css"' in home
    css = (site / "assets" / "kit" / "org.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {org['kit']['colors']['primary']};" in css


@pytest.mark.browser
def test_scored_in_the_browser_as_the_engine_scores_it(org, page):
    assert org["build"].returncode == 0
    server = LiveServer(org["site"])
    try:
        page.goto(f"{server.url}assessments/{QID}/")
        page.wait_for_selector(ENGINE_READY)
        answers = {"visits": 4, "feedback": 2, "too-busy": 4, "follow-through": 3}
        answer(page, answers, role="employee")
        page.wait_for_function(
            "() => document.querySelector('.kit-result').dataset.state === 'complete'"
        )
        wait_for_progress(page, 4, 4)
        shown = read_result(page)
        expected = expected_view(score(loader.load_file(org["path"]), "employee", answers))
        assert shown["overall"] == expected["overall"]
        assert {k: shown[k] for k in expected} == expected
        # The organisation's colour is the header's.
        header = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        primary = org["kit"]["colors"]["primary"]
        rgb = tuple(int(primary[i : i + 2], 16) for i in (1, 3, 5))
        assert header == f"rgb{rgb}"
    finally:
        server.stop()
