"""Starting plans as data (kit/plans/*.yaml): every problem names the file, the line and the
field, all files at once, and the build refuses them."""

import shutil
from pathlib import Path

import pytest

from build_scripts import config as build_config
from build_scripts.generate import plans
from build_scripts.generate.build_folder import GenerateError, generate
from build_scripts.generate.pages import render_questionnaire
from kit import loader
from kit.loader import LoadFailed
from tests.conftest import ROOT

ROLES = {m.id: [r.id for r in m.roles] for m in loader.load_all()}


def copy_plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(plans.PLAN_DIR, folder)
    return folder


def errors(folder: Path) -> list[str]:
    with pytest.raises(LoadFailed) as info:
        plans.load_all(folder, roles=ROLES)
    return [f"{Path(e.file).name}:{e.line}: {e.message}" for e in info.value.errors]


def test_bundled_plans_are_valid_and_every_text_is_in_english_and_german():
    loaded = plans.load_all(roles=ROLES)
    assert {x.plan.id for x in loaded} >= {
        "people-leader", "sponsor-infancy", "sponsor-design", "sponsor-implementation",
        "executive-team", "team-member", "general",
    }  # fmt: skip
    for x in loaded:
        for focus in x.plan.focus:
            for action in focus.actions:
                assert action.text.en != action.text.de, (x.name, focus.id)


def test_a_missing_german_text_names_file_line_and_field(tmp_path):
    folder = copy_plans(tmp_path)
    path = folder / "people-leader.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "          de: Zwei Kundengespräche in diesem Monat fest in meinen eigenen Kalender "
        "eintragen, eines davon mit einem unzufriedenen Kunden.\n",
        "",
    )
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    line = (
        broken.splitlines().index(
            "        text:", broken.splitlines().index("  - id: hear-customers")
        )
        + 1
    )
    assert errors(folder) == [
        f"people-leader.yaml:{line}: focus[0].actions[0].text.de: missing"
        " (every text is needed in English and German)"
    ]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    folder = copy_plans(tmp_path)
    (folder / "sponsor-design.yaml").write_text(
        (folder / "sponsor-design.yaml")
        .read_text(encoding="utf-8")
        .replace("      - day: 60\n", "      - day: 45\n", 1)
        .replace("roles: [sponsor]", "roles: [sponser]"),
        encoding="utf-8",
    )
    (folder / "team-member.yaml").write_text(
        (folder / "team-member.yaml")
        .read_text(encoding="utf-8")
        .replace("{questionnaire: walk-the-talk,", "{questionnaire: walk-the-tlak,")
        .replace("owner:\n  en: Me\n", "owners:\n  en: Me\n"),
        encoding="utf-8",
    )
    found = errors(folder)
    assert any(
        e.startswith("sponsor-design.yaml:")
        and "focus[0].actions[1].day: expected one of 30, 60, 90, got 45" in e
        for e in found
    ), found
    assert any("team-member.yaml:" in e and "owners: unknown field" in e for e in found), found
    assert any(
        "team-member.yaml:" in e and "owner: required text is missing" in e for e in found
    ), found


def test_targets_must_name_real_questionnaires_and_roles(tmp_path):
    folder = copy_plans(tmp_path)
    path = folder / "executive-team.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "{questionnaire: resistance, roles: [executive]}",
            "{questionnaire: resistance, roles: [execs]}",
        ).replace("{questionnaire: executive-commitment,", "{questionnaire: exec-commitment,"),
        encoding="utf-8",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    found = errors(folder)
    n = lines.index("  - {questionnaire: exec-commitment, roles: [executive]}") + 1
    assert (
        f"executive-team.yaml:{n}: for[0].questionnaire: no questionnaire 'exec-commitment'"
        in found[0]
    )
    assert found[1] == (
        f"executive-team.yaml:{n + 1}: for[1].roles[0]: 'resistance' has no role 'execs'"
        " (roles: sponsor, executive)"
    )


def test_id_must_match_file_name_and_exactly_one_fallback(tmp_path):
    folder = copy_plans(tmp_path)
    (folder / "general.yaml").rename(folder / "generic.yaml")
    assert "generic.yaml:4: id: 'general' must match the file name 'generic.yaml'" in errors(folder)
    (folder / "generic.yaml").unlink()
    assert any(
        "exactly one plan needs `- {fallback: true}` (found: none)" in e for e in errors(folder)
    )


def test_the_build_refuses_a_broken_plan(tmp_path, monkeypatch):
    folder = copy_plans(tmp_path)
    (folder / "general.yaml").write_text("id: general\ntitle: [oops\n", encoding="utf-8")
    monkeypatch.setattr(plans.load_all, "__defaults__", (folder, None))
    config = build_config.load(
        ROOT / "mkdocs.yml", site_dir=tmp_path / "site", build_dir=tmp_path / "build"
    )
    with pytest.raises(GenerateError, match=r"problem\(s\) in definitions:\n") as info:
        generate(config)
    assert "general.yaml:3: " in str(info.value)  # where the unclosed list is found


def test_a_questionnaire_page_carries_its_plans_and_the_fallback_only():
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "executive-commitment.yaml")
    page = render_questionnaire(model)
    assert page.count('id="kit-plan"') == 1 and page.count('data-kit-tool="plan"') == 1
    assert '"id":"executive-team"' in page.replace(" ", "") or '"id": "executive-team"' in page
    assert "sponsor-infancy" not in page and '"general"' in page
