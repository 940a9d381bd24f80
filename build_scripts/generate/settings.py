"""An organisation's settings for its kit, read from `extra.kit` in mkdocs.yml.

One place, no code:

    extra:
      kit:
        organisation: Acme Ltd          # shown in every page's footer
        anonymity_minimum: 3            # smallest group the team view shows
        languages: [de]                 # translated assessments to build
        instruments: [leadership-vision, acme-pulse]   # listed in the nav and index
        questionnaire_folders: [questionnaires]        # your own, beside mkdocs.yml
        benchmarks: benchmarks          # <questionnaire id>.json files from `kit benchmark`
        colors: {primary: "#0a5c8a", accent: "#e0662c"}
        site_names: {de: Kit für kundenorientierte Führung}   # site_name per language

Every problem names the field and what is expected. `read` checks what it
can alone; `check_instruments` runs once the questionnaires are loaded.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from kit.engine.aggregate import DEFAULT_MIN_GROUP
from kit.engine.model import ID_HINT, ID_RE

from .ui import LANGUAGES

# Languages with UI strings (generate/ui_strings/<code>.yaml) besides English.
SUPPORTED_LANGUAGES = LANGUAGES
COLOR_KEYS = ("primary", "accent")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
ORG_CSS = "assets/kit/org.css"


class SettingsError(ValueError):
    """A setting cannot be used; the message names the file, the field and the fix."""


@dataclass(frozen=True)
class Settings:
    anonymity_minimum: int = DEFAULT_MIN_GROUP  # owned by kit.engine.team_stats
    # Languages besides English that get translated pages (where translations exist).
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    # The organisation's name, shown in the footer (None: none shown).
    organisation: str | None = None
    # Ids of the questionnaires listed in the nav and the assessments index
    # (None: all). Pages of the others are still built.
    instruments: tuple[str, ...] | None = None
    # Folders of the organisation's own questionnaires, absolute.
    questionnaire_folders: tuple[Path, ...] = ()
    # {"primary": "#rrggbb", "accent": "#rrggbb"}, either or both.
    colors: tuple[tuple[str, str], ...] = ()
    # The folder of published benchmarks (kit benchmark), absolute; None: none.
    benchmarks: Path | None = None
    # The site's name in each translation ({"de": "..."}); unnamed ones use the
    # UI strings' `site_name` (English: site_name in mkdocs.yml).
    site_names: tuple[tuple[str, str], ...] = ()


FIELDS = {
    "site_names",
    "anonymity_minimum",
    "languages",
    "organisation",
    "instruments",
    "questionnaire_folders",
    "colors",
    "benchmarks",
}


class _Reader:
    def __init__(self, config_file: str):
        self.config_file = config_file

    def fail(self, field: str, message: str):
        raise SettingsError(f"{self.config_file}: extra.kit.{field}: {message}")


def read(raw, config_file: str | Path | None = None) -> Settings:
    """Check `extra.kit`; relative folders are relative to the config file's folder."""
    name = Path(config_file).name if config_file else "mkdocs.yml"
    base = Path(config_file).resolve().parent if config_file else Path.cwd()
    r = _Reader(name)
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        raise SettingsError(
            f"{name}: extra.kit: expected a mapping of settings "
            f"({', '.join(sorted(FIELDS))}), got {_kind(raw)}"
        )
    unknown = sorted(str(k) for k in set(raw) - FIELDS)
    if unknown:
        known = ", ".join(sorted(FIELDS))
        r.fail(unknown[0], f"unknown setting (known: {known})")
    minimum = raw.get("anonymity_minimum", DEFAULT_MIN_GROUP)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        r.fail("anonymity_minimum", f"expected a whole number of at least 1, got {minimum!r}")
    languages = raw.get("languages", list(SUPPORTED_LANGUAGES))
    if not isinstance(languages, list) or any(x not in SUPPORTED_LANGUAGES for x in languages):
        r.fail(
            "languages",
            f"expected a list of language codes from {', '.join(SUPPORTED_LANGUAGES)} "
            f"(English is always built), got {languages!r}",
        )
    return Settings(
        anonymity_minimum=minimum,
        languages=tuple(languages),
        organisation=_organisation(r, raw),
        instruments=_instruments(r, raw),
        questionnaire_folders=_folders(r, raw, base),
        colors=_colors(r, raw),
        benchmarks=_benchmarks(r, raw, base),
        site_names=_site_names(r, raw),
    )


def _site_names(r: _Reader, raw: dict) -> tuple[tuple[str, str], ...]:
    value = raw.get("site_names", {})
    if not isinstance(value, dict):
        r.fail("site_names", f"expected a mapping of language to name, got {_kind(value)}")
    for lang, name in value.items():
        if lang not in SUPPORTED_LANGUAGES:
            r.fail(f"site_names.{lang}", f"expected one of {', '.join(SUPPORTED_LANGUAGES)}")
        if not isinstance(name, str) or not name.strip():
            r.fail(f"site_names.{lang}", f"expected the site's name as text, got {_kind(name)}")
    return tuple(sorted((lang, name.strip()) for lang, name in value.items()))


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str | list | dict) and not (
        value.strip() if isinstance(value, str) else value
    ):
        return {str: "empty text", list: "an empty list", dict: "an empty mapping"}[type(value)]
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)  # fmt: skip


def _organisation(r: _Reader, raw: dict) -> str | None:
    if "organisation" not in raw:
        return None
    value = raw["organisation"]
    if not isinstance(value, str) or not value.strip():
        r.fail(
            "organisation",
            f"expected your organisation's name as text, e.g. organisation: Acme Ltd; "
            f"got {_kind(value)}",
        )
    return value.strip()


def _instruments(r: _Reader, raw: dict) -> tuple[str, ...] | None:
    if "instruments" not in raw:
        return None
    value = raw["instruments"]
    if not isinstance(value, list):
        r.fail(
            "instruments",
            f"expected a list of questionnaire ids, e.g. [leadership-vision], got {_kind(value)}",
        )
    if not value:
        r.fail(
            "instruments",
            "the list is empty, which would list no assessment: name at least one "
            "questionnaire id, or remove the setting to list them all",
        )
    seen: set[str] = set()
    for i, qid in enumerate(value):
        if not isinstance(qid, str) or not ID_RE.match(qid):
            r.fail(f"instruments[{i}]", f"{qid!r} is not a questionnaire id ({ID_HINT})")
        if qid in seen:
            r.fail(f"instruments[{i}]", f"'{qid}' is listed twice: remove one")
        seen.add(qid)
    return tuple(value)


def check_instruments(s: Settings, known: list[str], config_file: str | Path | None = None):
    """Every listed instrument must be a loaded questionnaire."""
    if s.instruments is None:
        return
    name = Path(config_file).name if config_file else "mkdocs.yml"
    for i, qid in enumerate(s.instruments):
        if qid not in known:
            raise SettingsError(
                f"{name}: extra.kit.instruments[{i}]: no questionnaire '{qid}' "
                f"(known: {', '.join(sorted(known))}); check the spelling, or add its "
                f"folder to extra.kit.questionnaire_folders"
            )


def _folders(r: _Reader, raw: dict, base: Path) -> tuple[Path, ...]:
    value = raw.get("questionnaire_folders", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        r.fail(
            "questionnaire_folders",
            f"expected a list of folders, e.g. [questionnaires], got {_kind(value)}",
        )
    return tuple(
        _folder(
            r,
            f"questionnaire_folders[{i}]",
            item,
            base,
            create=f"create it, e.g. with `kit new ID --dir {item}`, or fix the path",
        )
        for i, item in enumerate(value)
    )


def _benchmarks(r: _Reader, raw: dict, base: Path) -> Path | None:
    if "benchmarks" not in raw:
        return None
    return _folder(
        r,
        "benchmarks",
        raw["benchmarks"],
        base,
        example=", e.g. benchmarks",
        create="create it and put the files of `kit benchmark` in it",
    )


def _folder(r: _Reader, field: str, value, base: Path, *, create: str, example="") -> Path:
    """A folder setting, absolute: relative paths start at the config file's folder."""
    if not isinstance(value, str) or not value.strip():
        r.fail(field, f"expected a folder path as text{example}, got {_kind(value)}")
    path = (base / Path(value).expanduser()).resolve()
    if not path.exists():
        r.fail(
            field,
            f"no folder '{value}' (looked for {path}; relative paths start at the folder "
            f"of {r.config_file}): {create}",
        )
    if not path.is_dir():
        r.fail(field, f"'{value}' is a file: give the folder that holds it")
    return path


def _colors(r: _Reader, raw: dict) -> tuple[tuple[str, str], ...]:
    if "colors" not in raw:
        return ()
    value = raw["colors"]
    if not isinstance(value, dict) or not value:
        r.fail(
            "colors",
            f'expected a mapping such as {{primary: "#0a5c8a", accent: "#e0662c"}}, '
            f"got {_kind(value)}",
        )
    out = []
    for key, color in value.items():
        if key not in COLOR_KEYS:
            r.fail(f"colors.{key}", f"unknown colour (known: {', '.join(COLOR_KEYS)})")
        if color is None:
            r.fail(
                f"colors.{key}",
                f'no colour given; quote it, e.g. {key}: "#0a5c8a" (in YAML an unquoted # '
                f"starts a comment)",
            )
        if not isinstance(color, str) or not _HEX.fullmatch(color.strip()):
            r.fail(
                f"colors.{key}",
                f'expected a colour as "#rrggbb" (six hex digits, quoted), e.g. "#0a5c8a", '
                f"got {color!r}",
            )
        out.append((key, color.strip().lower()))
    return tuple(out)


# Colours: Material's CSS variables, set on the element that carries the
# palette attributes, with a selector that outranks Material's own palette
# rules (and loads after them).
def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _mix(color: str, other: tuple[int, int, int], amount: float) -> str:
    rgb = _rgb(color)
    return "#" + "".join(
        f"{round(c + (o - c) * amount):02x}" for c, o in zip(rgb, other, strict=True)
    )


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in _rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _on(color: str) -> tuple[str, str]:
    """Text on a background colour: white or black, whichever contrasts more."""
    lum = _luminance(color)
    white, black = 1.05 / (lum + 0.05), (lum + 0.05) / 0.05
    return ("#ffffff", "#ffffffb3") if white >= black else ("#000000de", "#0000008a")


WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def org_css(s: Settings) -> str:
    """assets/kit/org.css: the organisation's colours as Material's CSS variables."""
    colors = dict(s.colors)
    lines = ["/* Generated from extra.kit.colors in mkdocs.yml: edit it there. */"]
    if "primary" in colors:
        p = colors["primary"]
        text, text_light = _on(p)
        lines += [
            ":root > *,",
            ":root > [data-md-color-primary] {",
            f"  --md-primary-fg-color: {p};",
            f"  --md-primary-fg-color--light: {_mix(p, WHITE, 0.15)};",
            f"  --md-primary-fg-color--dark: {_mix(p, BLACK, 0.15)};",
            f"  --md-primary-bg-color: {text};",
            f"  --md-primary-bg-color--light: {text_light};",
            "  --md-typeset-a-color: var(--md-primary-fg-color);",
            "}",
            "/* Links on the dark scheme: lighter, to stay readable. */",
            ":root > [data-md-color-scheme=slate][data-md-color-primary],",
            ":root > [data-md-color-scheme=slate] {",
            f"  --md-typeset-a-color: {_mix(p, WHITE, 0.4)};",
            "}",
        ]
    if "accent" in colors:
        a = colors["accent"]
        text, text_light = _on(a)
        lines += [
            ":root > *,",
            ":root > [data-md-color-accent] {",
            f"  --md-accent-fg-color: {a};",
            f"  --md-accent-fg-color--transparent: {a}1a;",
            f"  --md-accent-bg-color: {text};",
            f"  --md-accent-bg-color--light: {text_light};",
            "}",
        ]
    return "\n".join(lines) + "\n"
