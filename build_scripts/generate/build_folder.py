"""The generate step: definitions, translations, stories and benchmarks -> a folder of pages.

`run(config)` writes into the build folder (build/ beside mkdocs.yml):

- `docs/`: the hand-written pages copied from docs_dir, every generated page
  (questionnaires in each language, indexes, team view, story builder, hosting
  guide) and the generated assets (assets/kit/runtime.js, org.css);
- `mkdocs.yml`: the organisation's config with the nav expanded to the
  generated pages and the facts the theme needs in `extra` (the
  Content-Security-Policy, the worker's URL); MkDocs and Zensical both read it;
- `generated.json`: which pages were generated (the MkDocs adapter keeps their
  raw HTML out of Markdown's way).

Only files whose bytes change are written, so a generator's dev server
rebuilds only after a real change. Pages that carry a kit tool get
`kit_tool: true` in their front matter: the theme starts the engine early
there, on both generators. Every problem in a definition stops the step with
`file:line` messages before anything is written.
"""

import html
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit import loader

from .. import security
from .. import site as site_step
from ..config import BuildConfig
from ..runtime import site_assets, vendor_js
from . import benchmarks, hosting, languages, pages, plans, settings, stories
from .ui import ui_for

NAV_MARKER = f"{pages.SECTION}/index.md"
TOOL_MARK = "data-kit-tool"
log = logging.getLogger("kit.generate")
# Missing translations are worth a warning but must not fail a strict build:
# the page shows English there.
i18n_log = logging.getLogger("kit.translations")


class GenerateError(Exception):
    """A definition, setting or benchmark cannot be built; the message lists every problem."""


@dataclass
class Generated:
    """What the step made: pages by docs-relative path, and facts for the site step."""

    settings: settings.Settings
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    # The nav with the generated pages, and where the worker finds the runtime.
    nav: list | None = None
    runtime: dict = field(default_factory=dict)
    style_hashes: tuple[str, ...] = ()
    written: int = 0


def questionnaire_dirs(s: settings.Settings | None) -> list[Path]:
    """The bundled folder, extra.kit.questionnaire_folders, then KIT_QUESTIONNAIRES
    (folders separated by os.pathsep)."""
    value = os.environ.get("KIT_QUESTIONNAIRES", "").strip()
    own = list(s.questionnaire_folders) if s else []
    dirs = [loader.QUESTIONNAIRE_DIR, *own, *(Path(p) for p in value.split(os.pathsep) if p)]
    # A folder named twice would load its questionnaires twice (and clash).
    seen: dict = {}
    for d in dirs:
        seen.setdefault(d.resolve(), d)
    return list(seen.values())


def load_translations(s: settings.Settings, models, dirs) -> tuple[dict, dict]:
    """{lang: translated models} and {lang: UI strings} for languages with any translation."""
    translations, ui_by_lang = {}, {}
    for lang in s.languages:
        translated = []
        for model in models:
            path = loader.translation_file(dirs, model.id, lang)
            if path is None:
                i18n_log.warning("%s: no %s translation; the page is English only", model.id, lang)
                continue
            tmodel, missing = loader.load_translation(path, model)
            for key in missing:
                i18n_log.warning(
                    "%s: missing translation '%s' (English shown)", loader.display_name(path), key
                )
            translated.append(tmodel)
        ui, missing_ui = ui_for(lang)
        for key in missing_ui:
            i18n_log.warning("UI strings (%s): missing translation '%s' (English shown)", lang, key)
        if translated:
            translations[lang] = translated
            ui_by_lang[lang] = ui
    return translations, ui_by_lang


def _language(path: str) -> str:
    """The language of a docs page: its first folder when that is a language code."""
    first = path.split("/")[0]
    return first if "/" in path and first in settings.SUPPORTED_LANGUAGES else "en"


def _expand_entry(value, models, translations, listed):
    """One nav entry's value with the generated pages; None when it has no page."""
    if isinstance(value, list):
        expanded = expand_nav(value, models, translations, listed)
        return expanded or None  # an empty section (still to be filled) is left out
    if not isinstance(value, str):
        return value
    lang = _language(value)
    if lang != "en" and lang not in translations:
        return None  # nothing translated: no page, no dead link
    marker = NAV_MARKER if lang == "en" else f"{lang}/{NAV_MARKER}"
    if value != marker:
        return value
    listed_models = pages.listed_models(models if lang == "en" else translations[lang], listed)
    return [value, *(pages.page_path(m, lang) for m in listed_models)]


def expand_nav(nav, models, translations, listed):
    """The nav names only each language's assessments index; the generated
    pages follow it, those of extra.kit.instruments in its order. Entries of a
    language without translations and empty sections are left out."""
    if not nav:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            value = _expand_entry(value, models, translations, listed)
            if value is not None:
                out.append({title: value})
        elif _expand_entry(item, models, translations, listed) is not None:
            out.append(item)
    return out


def generate(config: BuildConfig) -> Generated:
    """Load and check every definition, then render every page (nothing written)."""
    raw_extra = config.raw.get("extra") or {}
    try:
        s = settings.read(raw_extra.get("kit"), config.config_file)
    except settings.SettingsError as e:
        raise GenerateError(str(e)) from None
    dirs = questionnaire_dirs(s)
    try:
        models = loader.load_all(dirs)
        story_pages = stories.generate(languages=s.languages)
        # Starting plans for the action plan: checked against the questionnaires' roles.
        plans.load_all(roles={m.id: [r.id for r in m.roles] for m in models})
        translations, ui_by_lang = load_translations(s, models, dirs)
        settings.check_instruments(s, [m.id for m in models], config.config_file)
    except loader.LoadFailed as e:
        raise GenerateError(f"{len(e.errors)} problem(s) in definitions:\n{e}") from None
    except settings.SettingsError as e:
        raise GenerateError(str(e)) from None
    try:
        published = benchmarks.load(s.benchmarks, models, s.anonymity_minimum)
    except benchmarks.BenchmarkError as e:
        raise GenerateError(f"extra.kit.benchmarks: cannot publish:\n{e}") from None
    out = Generated(settings=s, languages=tuple(translations))
    # The generator's own inline stylesheets, allowed by hash in the policy.
    out.style_hashes = site_step.adapter(config.generator).inline_style_hashes()
    out.pages = {
        **pages.generate(
            models,
            min_group=s.anonymity_minimum,
            translations=translations,
            ui_by_lang=ui_by_lang,
            listed=s.instruments,
            benchmarks=published,
        ),
        **story_pages,
        **hosting.generate(out.style_hashes),
    }
    out.nav = expand_nav(config.raw.get("nav"), models, translations, s.instruments)
    out.runtime = site_assets.runtime_config()
    out.assets = {"assets/kit/runtime.js": site_assets.runtime_config_js(out.runtime)}
    if s.colors:
        out.assets[settings.ORG_CSS] = settings.org_css(s)
    return out


def site_config(config: BuildConfig, gen: Generated) -> dict:
    """The organisation's config as both generators read it from the build folder."""
    raw = dict(config.raw)
    here = config.config_file.parent
    # An organisation's own hooks stay for MkDocs (the adapter adds the kit's);
    # Zensical ignores them.
    if raw.get("hooks"):
        raw["hooks"] = [os.path.relpath(here / h, config.build_dir) for h in raw["hooks"]]
    raw["docs_dir"] = "docs"
    raw["site_dir"] = "site"
    theme = dict(raw.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(here / theme["custom_dir"], config.build_dir)
    raw["theme"] = theme
    raw["nav"] = gen.nav
    extra = dict(raw.get("extra") or {})
    s = gen.settings
    # The organisation's name in the footer, unless a copyright line is set
    # (the theme shows `copyright` as HTML: the name is escaped).
    if s.organisation:
        extra["kit_organisation"] = s.organisation
        if not raw.get("copyright"):
            raw["copyright"] = html.escape(s.organisation)
    if s.colors and settings.ORG_CSS not in (raw.get("extra_css") or []):
        raw["extra_css"] = [*(raw.get("extra_css") or []), settings.ORG_CSS]
    # The header's language switch offers only languages that have pages.
    if extra.get("alternate"):
        alternate = [
            alt for alt in extra["alternate"]
            if alt.get("lang") in (None, "en") or alt.get("lang") in gen.languages
        ]  # fmt: skip
        extra["alternate"] = alternate if len(alternate) >= 2 else []
    # The nav per language, the language switch's twins, the theme's words.
    docs = [p.relative_to(config.docs_dir).as_posix() for p in config.docs_dir.rglob("*.md")]
    shown = [p for p in docs if _language(p) in ("en", *gen.languages)]
    extra.update(
        languages.theme_facts(raw, [*shown, *gen.pages], gen.languages, dict(s.site_names))
    )
    extra["kit_csp"] = "" if config.serve else security.csp(style_hashes=gen.style_hashes)
    # A tool page's <head> starts the worker (assets/kit/boot.js) from this URL.
    extra["kit_worker"] = gen.runtime["worker"]
    raw["extra"] = extra
    # What the generator needs besides (the Zensical adapter's raw HTML extension).
    added = site_step.adapter(config.generator).markdown_extensions()
    raw["markdown_extensions"] = [
        *map(_snippets_base, raw.get("markdown_extensions") or []),
        *added,
    ]
    return raw


def _snippets_base(ext):
    """Snippets' base_path is relative to the working folder, as MkDocs reads it;
    absolute in the generated config, since Zensical would read it from build/."""
    if not (isinstance(ext, dict) and "base_path" in (ext.get("pymdownx.snippets") or {})):
        return ext
    opts = dict(ext["pymdownx.snippets"])
    base = opts["base_path"] if isinstance(opts["base_path"], list) else [opts["base_path"]]
    opts["base_path"] = [str(Path(b).resolve()) for b in base]
    return {"pymdownx.snippets": opts}


def mark_tool_page(text: str) -> str:
    """A page that carries a kit tool says so in its front matter (`kit_tool: true`)."""
    if TOOL_MARK not in text:
        return text
    if text.startswith("---\n"):
        return "---\nkit_tool: true\n" + text[4:]
    return "---\nkit_tool: true\n---\n" + text


def _write(path: Path, data: bytes) -> bool:
    """Write path unless it holds data already; True when written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write(config: BuildConfig, gen: Generated) -> int:
    """Write the build folder; remove what a previous run wrote and this one did not.
    Returns the files written."""
    docs = config.generated_docs
    wanted: dict[Path, bytes | Path] = {}
    for src in sorted(config.docs_dir.rglob("*")):
        if src.is_file():
            rel = src.relative_to(config.docs_dir).as_posix()
            if _language(rel) != "en" and _language(rel) not in gen.languages:
                continue  # a language the site does not offer: its pages stay out
            if src.suffix == ".md":
                wanted[docs / rel] = mark_tool_page(src.read_text(encoding="utf-8")).encode()
            else:
                wanted[docs / rel] = src
    for rel, text in {**gen.pages, **gen.assets}.items():
        body = mark_tool_page(text) if rel.endswith(".md") else text
        wanted[docs / rel] = body.encode("utf-8")
    written = 0
    for path, data in wanted.items():
        if isinstance(data, Path):
            if _copy_if_changed(data, path):
                written += 1
        elif _write(path, data):
            written += 1
    # What the runtime step installs is kept (the runtime, the vendored JavaScript).
    keep = {docs / site_assets.RUNTIME_URL_DIR, docs / vendor_js.VENDOR_URL_DIR}
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted and not keep & set(path.parents):
                path.unlink()
            elif path.is_dir() and not keep & {path, *path.parents} and not any(path.iterdir()):
                path.rmdir()
    text = yaml.safe_dump(site_config(config, gen), sort_keys=False, allow_unicode=True)
    written += _write(config.generated_config, text.encode("utf-8"))
    manifest = {"generated": sorted(gen.pages), "languages": list(gen.languages)}
    written += _write(config.manifest, json.dumps(manifest, indent=1).encode() + b"\n")
    return written


def _copy_if_changed(src: Path, dest: Path) -> bool:
    try:
        st, dt = src.stat(), dest.stat()
        if st.st_size == dt.st_size and st.st_mtime_ns == dt.st_mtime_ns:
            return False
    except FileNotFoundError:
        dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    return True


def run(config: BuildConfig) -> Generated:
    """The step: generate, then write the build folder."""
    gen = generate(config)
    gen.written = write(config, gen)
    return gen
