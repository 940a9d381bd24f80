"""MkDocs hooks: a thin adapter from MkDocs events to the build step.

All the work lives in plain modules (kit.loader, build_scripts.pages,
build_scripts.site_assets); this file only hands their output to MkDocs.
"""

import html
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from build_scripts import (
    benchmarks,
    build_cache,
    finish,
    hosting,
    nav_memo,
    offline,
    pages,
    raw_html,
    recycle,
    render_cache,
    security,
    settings,
    site_assets,
    stories,
    vendor_js,
)
from build_scripts.runtime import RuntimeFetchError
from build_scripts.ui import ui_for
from kit import loader

log = logging.getLogger("mkdocs.hooks.kit")
ROOT = Path(__file__).resolve().parent.parent
NAV_MARKER = f"{pages.SECTION}/index.md"
_models = []
_story_pages: dict[str, str] = {}
_settings = None
_translations: dict = {}
_ui_by_lang: dict = {}
_benchmarks: dict = {}
_command = "build"
# Generated pages (docs-relative paths), and the raw HTML blocks taken out of
# each while Markdown runs (build_scripts/raw_html.py).
_generated_paths: set[str] = set()
_stashed: dict[str, list[str]] = {}
# Pages rendered before (build_scripts/render_cache.py): the stored
# render and the page's Markdown; pages being rendered: their cache key and a
# watch on the log.
_hits: dict[str, tuple[bytes, str]] = {}
_rendering: dict[str, tuple[str, render_cache.LogWatch]] = {}
_build_hash: list = [None, ""]
_recycler = recycle.Recycler()
_compressor = finish.PageCompressor(take=_recycler.take)


# `mkdocs serve` injects an inline live-reload script, which the policy would
# block: the meta tag is left out there and kept in every real build.
def on_startup(command, dirty):
    global _command
    _command = command


# Load and validate every definition first, so a bad one stops the build with
# file:line messages before any page is written.
def on_config(config):
    global _models, _story_pages, _settings, _translations, _ui_by_lang, _benchmarks
    _settings = settings.read(config.extra.get("kit"), config.config_file_path)
    try:
        _models = loader.load_all(questionnaire_dirs())
        _story_pages = stories.generate()
        _translations, _ui_by_lang = _load_translations(_models)
    except loader.LoadFailed as e:
        raise PluginError(f"{len(e.errors)} problem(s) in definitions:\n{e}") from None
    settings.check_instruments(_settings, [m.id for m in _models], config.config_file_path)
    try:
        _benchmarks = benchmarks.load(_settings.benchmarks, _models, _settings.anonymity_minimum)
    except benchmarks.BenchmarkError as e:
        raise PluginError(f"extra.kit.benchmarks: cannot publish:\n{e}") from None
    config.nav = _expand_nav(config.nav)
    # The organisation's name in the footer, unless a copyright line is set
    # (Material shows `copyright` as HTML: the name is escaped).
    if _settings.organisation:
        config.extra["kit_organisation"] = _settings.organisation
        if not config.copyright:
            config.copyright = html.escape(_settings.organisation)
    if _settings.colors and settings.ORG_CSS not in config.extra_css:
        config.extra_css.append(settings.ORG_CSS)
    # The header's language switch offers only languages that have pages.
    if config.extra.get("alternate"):
        config.extra["alternate"] = [
            alt for alt in config.extra["alternate"]
            if alt.get("lang") in (None, "en") or alt.get("lang") in _translations
        ]  # fmt: skip
        if len(config.extra["alternate"]) < 2:
            config.extra["alternate"] = []
    config.extra["kit_csp"] = "" if _command == "serve" else security.csp()
    # An unchanged page's search entries come from .cache/build/ (hooks run
    # after the plugins' on_config, which creates the index).
    if "material/search" in config.plugins:
        build_cache.cache_search_entries(config.plugins["material/search"])
    return config


# Missing translations are worth a warning but must not fail a strict build:
# the page shows English there. So they go to a logger of their own.
_i18n_log = logging.getLogger("kit.translations")
if not _i18n_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _i18n_log.addHandler(_handler)
    _i18n_log.propagate = False


def _load_translations(models):
    translations, ui_by_lang = {}, {}
    for lang in _settings.languages:
        translated = []
        for model in models:
            path = loader.translation_file(questionnaire_dirs(), model.id, lang)
            if path is None:
                _i18n_log.warning("%s: no %s translation; the page is English only", model.id, lang)
                continue
            tmodel, missing = loader.load_translation(path, model)
            for key in missing:
                _i18n_log.warning(
                    "%s: missing translation '%s' (English shown)", loader.display_name(path), key
                )
            translated.append(tmodel)
        ui, missing_ui = ui_for(lang)
        for key in missing_ui:
            _i18n_log.warning(
                "build_scripts/ui_%s.py: missing translation '%s' (English shown)", lang, key
            )
        if translated:
            translations[lang] = translated
            ui_by_lang[lang] = ui
    return translations, ui_by_lang


def questionnaire_dirs() -> list[Path]:
    """The bundled folder, extra.kit.questionnaire_folders, then KIT_QUESTIONNAIRES
    (folders separated by os.pathsep)."""
    value = os.environ.get("KIT_QUESTIONNAIRES", "").strip()
    own = list(_settings.questionnaire_folders) if _settings else []
    dirs = [loader.QUESTIONNAIRE_DIR, *own, *(Path(p) for p in value.split(os.pathsep) if p)]
    # A folder named twice would load its questionnaires twice (and clash).
    seen: dict = {}
    for d in dirs:
        seen.setdefault(d.resolve(), d)
    return list(seen.values())


def _is_language_index(value) -> bool:
    return (
        isinstance(value, str)
        and value.count("/") == 1
        and value.endswith("/index.md")
        and value.split("/")[0] in settings.SUPPORTED_LANGUAGES
    )


def _listed(models):
    """extra.kit.instruments: those listed in the nav and the index, in its order
    (every page is built anyway)."""
    return pages.listed_models(models, _settings.instruments if _settings else None)


# The nav names only the assessments index; the generated pages follow it.
def _expand_nav(nav):
    if not nav:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if value == NAV_MARKER:
                value = [NAV_MARKER, *(pages.page_path(m) for m in _listed(_models))]
            elif _is_language_index(value):
                lang = value.split("/")[0]
                if lang not in _translations:
                    continue  # nothing translated: no section, no dead link
                value = [
                    value,
                    *(pages.page_path(m, lang) for m in _listed(_translations[lang])),
                ]
            elif isinstance(value, list):
                value = _expand_nav(value)
            out.append({title: value})
        else:
            out.append(item)
    return out


# Generated pages and the runtime config become virtual files of the site.
def on_files(files, config):
    generated = {
        **pages.generate(
            _models,
            min_group=_settings.anonymity_minimum,
            translations=_translations,
            ui_by_lang=_ui_by_lang,
            listed=_settings.instruments,
            benchmarks=_benchmarks,
        ),
        **_story_pages,
        **hosting.generate(),
    }
    _generated_paths.clear()
    _generated_paths.update(generated)
    _stashed.clear()
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    runtime = site_assets.runtime_config()
    runtime_js = site_assets.runtime_config_js(runtime)
    files.append(File.generated(config, "assets/kit/runtime.js", content=runtime_js))
    # A tool page's <head> starts the worker (assets/kit/boot.js) from this URL.
    config.extra["kit_worker"] = runtime["worker"]
    if _settings.colors:
        files.append(File.generated(config, settings.ORG_CSS, content=settings.org_css(_settings)))
    return files


# Material renders the whole nav into every page: nav_memo renders the parts
# that do not hold the page once per build. MkDocs copies the static files
# next (Files.copy_static_files), each over its previous build's copy
# (build_scripts/recycle.py).
def on_env(env, config, files):
    if _command != "serve":
        for file in files:
            if not file.is_documentation_page() and InclusionLevel.is_included(file.inclusion):
                _recycler.take(Path(file.abs_dest_path))
    return nav_memo.install(env)


class _NavMeta(dict):
    """A page's front matter that answers Material's nav probes directly.

    For every nav item of every page, Material's nav-item.html asks
    `nav_item.meta.icon`, `.subtitle`, `.status` and `nav_item.encrypted` when
    the item has front matter; each missing one costs Jinja two exceptions,
    about 0.25 s for the generated pages of 200 questionnaires. The same values
    (None where Jinja would give an undefined, false either way)."""

    @property
    def icon(self):
        return self.get("icon")

    @property
    def subtitle(self):
        return self.get("subtitle")

    @property
    def status(self):
        return self.get("status")


# A page that is unchanged since a build before (same Markdown, same
# configuration, same files to link to) takes its HTML from .cache/build/.
# Otherwise a generated page's big raw HTML blocks (a questionnaire's form) skip
# the Markdown conversion, which would pass them through unchanged after
# parsing them, and go back into the page's HTML straight after.
def on_page_markdown(markdown, page, config, files):
    path = page.file.src_uri
    generated = path in _generated_paths
    if generated and type(page.meta) is dict:
        page.meta = _NavMeta(page.meta)
        # Asked too (for the encryption plugin's pages); None as for a missing one.
        if not hasattr(page, "encrypted"):
            page.encrypted = None
    if render_cache.cacheable(markdown):
        if _build_hash[0] is not files:
            _build_hash[:] = [files, render_cache.build_digest(config, files)]
        key = render_cache.key(markdown, page, _build_hash[1])
        stored = render_cache.load(key)
        if stored is not None:
            _hits[path] = (stored, markdown)
            return render_cache.HIT_MARKDOWN
        _rendering[path] = (key, render_cache.LogWatch().start())
    if generated:
        markdown, _stashed[path] = raw_html.stash(markdown, path)
    return markdown


def on_page_content(html, page, config, files):
    path = page.file.src_uri
    if path in _hits:
        stored, page.markdown = _hits.pop(path)
        cached_html = render_cache.apply(page, stored, files)
        if cached_html is not None:
            return cached_html
        # Stale (a linked page is gone): render it after all.
        page.render(config, files)
        html = page.content
    if path in _stashed:
        blocks = _stashed.pop(path)
        html = raw_html.restore(html, path, blocks)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= raw_html.anchor_ids(blocks)
    if path in _rendering:
        key, watch = _rendering.pop(path)
        if watch.stop():
            render_cache.store(key, render_cache.snapshot(page, html))
    return html


# The theme asks in three places whether a page carries a kit tool (it starts
# the engine early and holds Material's bundle back): answered once here.
def on_page_context(context, page, config, nav):
    context["kit_tool_page"] = "data-kit-tool" in (page.content or "")
    return context


# The previous build's files are written over, not deleted and made again
# (build_scripts/recycle.py): they move aside before MkDocs cleans site/.
def on_pre_build(config):
    if _command != "serve":
        _recycler.start(Path(config.site_dir))


# Each page's precompressed copies are written while the next pages render.
def on_post_page(output, page, config):
    if _command != "serve":
        dest = Path(page.file.abs_dest_path)
        _recycler.take(dest)  # MkDocs writes it next
        # The bytes MkDocs writes (build._build_page).
        _compressor.submit(dest, output.encode("utf-8", errors="xmlcharrefreplace"))
    return output


# The runtime, the engine wheel and the vendored HPKE modules are copied, not
# generated: they come from checked downloads.
# Then the whole site is precompressed and checksummed, last.
def on_post_build(config):
    site = Path(config.site_dir)
    if _command != "serve":
        _compressor.wait()  # the pages' copies, some taken from the previous build
        _recycler.finish()
    try:
        site_assets.install_runtime(site, log=log.info)
        vendor_js.install_vendor(site, log=log.info)
    except RuntimeFetchError as e:
        raise PluginError(str(e)) from None
    # Material's language switch looks for <lang>/sitemap.xml to find the
    # same page in the other language; one sitemap lists every page.
    for lang in _translations:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file():
                shutil.copyfile(site / name, site / lang / name)
    finish.drop_source_maps(site)
    if _command != "serve":
        offline.write_service_worker(site)
        _compressor.finish(site)
        finish.write_sha256sums(site)
        build_cache.prune()


# A failed build leaves no compression running behind it.
def on_build_error(error):
    _compressor.close()
    _recycler.finish()


# `mkdocs serve` rebuilds when a definition or the engine changes.
def on_serve(server, config, builder):
    server.watch(str(ROOT / "kit" / "questionnaires"))
    server.watch(str(ROOT / "kit" / "engine"))
    server.watch(str(ROOT / "kit" / "stories"))
    server.watch(str(ROOT / "build_scripts" / "templates"))
    for folder in _settings.questionnaire_folders if _settings else ():
        server.watch(str(folder))
    if _settings and _settings.benchmarks:
        server.watch(str(_settings.benchmarks))
    return server
