"""An organisation's settings (`extra.kit` in mkdocs.yml): read, checked, applied."""

import os
from pathlib import Path

import pytest
import yaml

from build_scripts.generate import pages, settings
from build_scripts.generate.settings import Settings, SettingsError
from kit import loader
from kit.engine.model import ID_HINT
from tests.conftest import ROOT, build_site

KNOWN = (
    "anonymity_minimum, benchmarks, colors, instruments, languages, organisation, "
    "questionnaire_folders, site_names"
)


def org_config(folder: Path, kit: dict, **top) -> Path:
    """A config in `folder` that is the kit's mkdocs.yml plus these settings.

    docs_dir and theme.custom_dir are relative to the config file's folder,
    so they point back at the repository with absolute paths.
    """
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "build_scripts" / "site" / "theme")},
        "extra": {"kit": kit},
        **top,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def test_no_settings_are_the_defaults():
    assert settings.read(None) == Settings()
    assert settings.read({}) == Settings()
    assert Settings().instruments is None
    assert Settings().anonymity_minimum == 3


def test_every_setting(tmp_path):
    (tmp_path / "own").mkdir()
    s = settings.read(
        {
            "organisation": "  Acme Ltd ",
            "anonymity_minimum": 5,
            "languages": [],
            "instruments": ["acme-pulse", "leadership-vision"],
            "questionnaire_folders": ["own", str(tmp_path / "own")],
            "colors": {"primary": "#0A5C8A", "accent": "#e0662c"},
            "benchmarks": "own",
        },
        tmp_path / "mkdocs.yml",
    )
    assert s == Settings(
        anonymity_minimum=5,
        languages=(),
        organisation="Acme Ltd",
        instruments=("acme-pulse", "leadership-vision"),
        questionnaire_folders=(tmp_path / "own", tmp_path / "own"),
        colors=(("primary", "#0a5c8a"), ("accent", "#e0662c")),
        benchmarks=tmp_path / "own",
    )


def test_folders_are_relative_to_the_config_file_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "conf" / "questionnaires").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    s = settings.read({"questionnaire_folders": ["questionnaires"]}, "conf/mkdocs.yml")
    assert s.questionnaire_folders == (tmp_path / "conf" / "questionnaires",)
    # One folder may be given as text.
    s = settings.read({"questionnaire_folders": "questionnaires"}, "conf/mkdocs.yml")
    assert s.questionnaire_folders == (tmp_path / "conf" / "questionnaires",)


F = "mkdocs.yml: extra.kit"
COLOUR = 'expected a colour as "#rrggbb" (six hex digits, quoted), e.g. "#0a5c8a"'


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([1], f"{F}: expected a mapping of settings ({KNOWN}), got a list"),
        ({"colours": 1}, f"{F}.colours: unknown setting (known: {KNOWN})"),
        ({"anonymity_minimum": 0},
         f"{F}.anonymity_minimum: expected a whole number of at least 1, got 0"),
        ({"anonymity_minimum": True},
         f"{F}.anonymity_minimum: expected a whole number of at least 1, got True"),
        ({"languages": ["fr"]},
         f"{F}.languages: expected a list of language codes from de (English is always "
         "built), got ['fr']"),
        ({"organisation": " "},
         f"{F}.organisation: expected your organisation's name as text, e.g. organisation: "
         "Acme Ltd; got empty text"),
        ({"organisation": None},
         f"{F}.organisation: expected your organisation's name as text, e.g. organisation: "
         "Acme Ltd; got nothing"),
        ({"instruments": "leadership-vision"},
         f"{F}.instruments: expected a list of questionnaire ids, e.g. [leadership-vision], "
         "got text"),
        ({"instruments": []},
         f"{F}.instruments: the list is empty, which would list no assessment: name at least "
         "one questionnaire id, or remove the setting to list them all"),
        ({"instruments": ["leadership-vision", "Acme Pulse"]},
         f"{F}.instruments[1]: 'Acme Pulse' is not a questionnaire id ({ID_HINT})"),
        ({"instruments": ["resistance", "resistance"]},
         f"{F}.instruments[1]: 'resistance' is listed twice: remove one"),
        ({"questionnaire_folders": 3},
         f"{F}.questionnaire_folders: expected a list of folders, e.g. [questionnaires], "
         "got a number"),
        ({"questionnaire_folders": [""]},
         f"{F}.questionnaire_folders[0]: expected a folder path as text, got empty text"),
        ({"questionnaire_folders": ["nowhere"]},
         f"{F}.questionnaire_folders[0]: no folder 'nowhere' (looked for {{tmp}}/nowhere; "
         "relative paths start at the folder of mkdocs.yml): create it, e.g. with "
         "`kit new ID --dir nowhere`, or fix the path"),
        ({"questionnaire_folders": ["a-file.yaml"]},
         f"{F}.questionnaire_folders[0]: 'a-file.yaml' is a file: give the folder that holds it"),
        ({"benchmarks": ["b"]},
         f"{F}.benchmarks: expected a folder path as text, e.g. benchmarks, got a list"),
        ({"benchmarks": "nowhere"},
         f"{F}.benchmarks: no folder 'nowhere' (looked for {{tmp}}/nowhere; relative paths "
         "start at the folder of mkdocs.yml): create it and put the files of `kit benchmark` "
         "in it"),
        ({"colors": "blue"},
         f'{F}.colors: expected a mapping such as {{primary: "#0a5c8a", accent: "#e0662c"}}, '
         "got text"),
        ({"colors": {}},
         f'{F}.colors: expected a mapping such as {{primary: "#0a5c8a", accent: "#e0662c"}}, '
         "got an empty mapping"),
        ({"colors": {"primary": None}},
         f'{F}.colors.primary: no colour given; quote it, e.g. primary: "#0a5c8a" (in YAML an '
         "unquoted # starts a comment)"),
        ({"colors": {"accent": "orange"}}, f"{F}.colors.accent: {COLOUR}, got 'orange'"),
        ({"colors": {"primary": "#12345"}}, f"{F}.colors.primary: {COLOUR}, got '#12345'"),
        ({"colors": {"primary": 123456}}, f"{F}.colors.primary: {COLOUR}, got 123456"),
        ({"colors": {"secondary": "#123456"}},
         f"{F}.colors.secondary: unknown colour (known: primary, accent)"),
    ],
)  # fmt: skip
def test_each_problem_names_the_field_and_the_fix(tmp_path, raw, message):
    (tmp_path / "a-file.yaml").write_text("x")
    with pytest.raises(SettingsError) as exc:
        settings.read(raw, tmp_path / "mkdocs.yml")
    assert str(exc.value) == message.replace("{tmp}", str(tmp_path))


def test_an_unquoted_colour_is_explained():
    # In YAML, `primary: #0a5c8a` is a key with a comment and no value.
    raw = yaml.safe_load("colors:\n  primary: #0a5c8a\n")
    with pytest.raises(SettingsError, match="in YAML an unquoted # starts a comment"):
        settings.read(raw)


def test_messages_name_the_config_file_in_use(tmp_path):
    with pytest.raises(SettingsError, match=r"^acme\.yml: extra\.kit\.anonymity_minimum: "):
        settings.read({"anonymity_minimum": -1}, tmp_path / "acme.yml")


def test_unknown_instrument_lists_the_known_ones():
    s = settings.read({"instruments": ["leadership-vision", "acme-puls"]})
    settings.check_instruments(s, ["leadership-vision", "acme-puls", "other"])  # all known
    with pytest.raises(SettingsError) as exc:
        settings.check_instruments(s, ["walk-the-talk", "acme-pulse"])
    assert str(exc.value) == (
        "mkdocs.yml: extra.kit.instruments[0]: no questionnaire 'leadership-vision' "
        "(known: acme-pulse, walk-the-talk); check the spelling, or add its folder to "
        "extra.kit.questionnaire_folders"
    )
    settings.check_instruments(Settings(), [])  # all: nothing to check


# -- applied ------------------------------------------------------------------


def test_instruments_filter_the_indexes_in_their_order_and_every_page_is_built():
    models = loader.load_all()
    listed = ("walk-the-talk", "leadership-vision")
    out = pages.generate(models, translations={"de": models}, listed=listed)
    for index in ("assessments/index.md", "de/assessments/index.md"):
        links = [line.split("](")[1].split(")")[0] for line in out[index].splitlines()
                 if line.startswith("| [")]  # fmt: skip
        assert [link.removeprefix("assessments/") for link in links] == [
            "walk-the-talk.md",
            "leadership-vision.md",
        ], index
    for m in models:
        assert pages.page_path(m) in out
        assert pages.page_path(m, "de") in out
    assert pages.listed_models(models, None) == models


def test_colours_become_materials_variables():
    css = settings.org_css(Settings(colors=(("primary", "#0a5c8a"), ("accent", "#ffd54f"))))
    assert ":root > [data-md-color-primary] {" in css
    assert "--md-primary-fg-color: #0a5c8a;" in css
    # Text on a dark header is white, on a light accent black.
    assert "--md-primary-bg-color: #ffffff;" in css
    assert "--md-accent-fg-color: #ffd54f;" in css
    assert "--md-accent-bg-color: #000000de;" in css
    assert "--md-accent-fg-color--transparent: #ffd54f1a;" in css
    only_accent = settings.org_css(Settings(colors=(("accent", "#e0662c"),)))
    assert "--md-primary-fg-color" not in only_accent


def test_a_bad_setting_stops_the_build_with_its_message(tmp_path):
    config = org_config(tmp_path, {"instruments": ["acme-puls"]})
    proc = build_site(tmp_path / "site", config=config)
    assert proc.returncode != 0
    known = ", ".join(sorted(m.id for m in loader.load_all()))
    assert (
        f"mkdocs.yml: extra.kit.instruments[0]: no questionnaire 'acme-puls' (known: {known}); "
        "check the spelling, or add its folder to extra.kit.questionnaire_folders"
    ) in proc.stdout + proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_real_config_uses_only_known_settings():
    raw = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert set(raw["extra"]["kit"]) <= settings.FIELDS
    assert settings.read(yaml.safe_load((ROOT / "mkdocs.yml").read_text())["extra"]["kit"])


def test_folders_add_to_the_bundled_one_and_env_and_are_read_once(tmp_path, monkeypatch):
    from build_scripts.generate.build_folder import questionnaire_dirs

    own, extra = tmp_path / "own", tmp_path / "extra"
    env = os.pathsep.join([str(extra), str(own), str(loader.QUESTIONNAIRE_DIR)])
    monkeypatch.setenv("KIT_QUESTIONNAIRES", env)
    dirs = questionnaire_dirs(Settings(questionnaire_folders=(own,)))
    assert dirs == [loader.QUESTIONNAIRE_DIR, own, extra]
