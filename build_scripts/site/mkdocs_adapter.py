"""The site step on MkDocs 1.6 (Material): build the generated folder, fast.

The pages, nav and assets come from the generate step (build/docs,
build/mkdocs.yml); this adapter only makes MkDocs build them quickly and hands
the finish step what it did on the way. Its hooks (one `MkDocsBuild` object, no
module state but the instance) add what MkDocs alone does slowly:

- nav_memo: Material's nav rendered once per build, not once per page;
- render_cache: an unchanged page's HTML from .cache/build/;
- raw_html: a generated page's big raw HTML blocks skip Markdown;
- recycle + PageCompressor: each page's .gz/.br copies written while the next
  pages render, over the previous build's files;
- the search plugin's entries of an unchanged page from .cache/build/.

None of them changes a byte of the site (tests/test_nav_memo.py,
test_render_cache.py, test_raw_html.py, test_recycle.py compare).
"""

import json
import logging
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

# Absolute imports: MkDocs loads this file by its path, outside the package.
from build_scripts import build_cache, finish
from build_scripts.config import BuildConfig
from build_scripts.site import SiteBuildError, nav_memo, raw_html, recycle, render_cache

log = logging.getLogger("mkdocs.hooks.kit")
HOOKS = Path(__file__).resolve()


class NavMeta(dict):
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


class MkDocsBuild:
    """The state of one MkDocs build (or one `mkdocs serve` session), on an object."""

    def __init__(self):
        self.command = "build"
        # Generated pages (docs-relative paths), from the generate step's manifest,
        # and the raw HTML blocks taken out of each while Markdown runs.
        self.generated: set[str] = set()
        self.stashed: dict[str, list[str]] = {}
        # Pages rendered before: the stored render and the page's Markdown;
        # pages being rendered: their cache key and a watch on the log.
        self.hits: dict[str, tuple[bytes, str]] = {}
        self.rendering: dict[str, tuple[str, render_cache.LogWatch]] = {}
        self.build_hash: tuple = (None, "")
        self.recycler = recycle.Recycler()
        self.compressor = finish.PageCompressor(take=self.recycler.take)

    @property
    def writes_copies(self) -> bool:
        return self.command != "serve"

    def on_startup(self, command, dirty):
        self.command = command

    def on_config(self, config):
        manifest = Path(config.config_file_path).parent / "generated.json"
        data = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
        self.generated = set(data.get("generated", ()))
        # An unchanged page's search entries come from .cache/build/ (hooks run
        # after the plugins' on_config, which creates the index).
        if "material/search" in config.plugins:
            build_cache.cache_search_entries(config.plugins["material/search"])
        return config

    # The previous build's files are written over, not deleted and made again
    # (recycle.py): they move aside before MkDocs cleans site/.
    def on_pre_build(self, config):
        if self.writes_copies:
            self.recycler.start(Path(config.site_dir))

    # MkDocs copies the static files next, each over its previous build's copy.
    def on_env(self, env, config, files):
        if self.writes_copies:
            for file in files:
                if not file.is_documentation_page() and InclusionLevel.is_included(file.inclusion):
                    self.recycler.take(Path(file.abs_dest_path))
        return nav_memo.install(env)

    # An unchanged page (same Markdown, configuration and files to link to)
    # takes its HTML from .cache/build/; otherwise a generated page's raw HTML
    # skips the Markdown conversion and goes back in straight after.
    def on_page_markdown(self, markdown, page, config, files):
        path = page.file.src_uri
        generated = path in self.generated
        if generated and type(page.meta) is dict:
            page.meta = NavMeta(page.meta)
            # Asked too (for the encryption plugin's pages); None as for a missing one.
            if not hasattr(page, "encrypted"):
                page.encrypted = None
        if render_cache.cacheable(markdown):
            if self.build_hash[0] is not files:
                self.build_hash = (files, render_cache.build_digest(config, files))
            key = render_cache.key(markdown, page, self.build_hash[1])
            stored = render_cache.load(key)
            if stored is not None:
                self.hits[path] = (stored, markdown)
                return render_cache.HIT_MARKDOWN
            self.rendering[path] = (key, render_cache.LogWatch().start())
        if generated:
            markdown, self.stashed[path] = raw_html.stash(markdown, path)
        return markdown

    def on_page_content(self, html, page, config, files):
        path = page.file.src_uri
        if path in self.hits:
            stored, page.markdown = self.hits.pop(path)
            cached_html = render_cache.apply(page, stored, files)
            if cached_html is not None:
                return cached_html
            # Stale (a linked page is gone): render it after all.
            page.render(config, files)
            html = page.content
        if path in self.stashed:
            blocks = self.stashed.pop(path)
            html = raw_html.restore(html, path, blocks)
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= raw_html.anchor_ids(blocks)
        if path in self.rendering:
            key, watch = self.rendering.pop(path)
            if watch.stop():
                render_cache.store(key, render_cache.snapshot(page, html))
        return html

    # Each page's precompressed copies are written while the next pages render.
    def on_post_page(self, output, page, config):
        if self.writes_copies:
            dest = Path(page.file.abs_dest_path)
            self.recycler.take(dest)  # MkDocs writes it next
            # The bytes MkDocs writes (build._build_page).
            self.compressor.submit(dest, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    # A failed build leaves no compression running behind it.
    def on_build_error(self, error):
        self.compressor.close()
        self.recycler.finish()


# MkDocs loads this file as a hooks module and calls its on_* functions: here,
# the methods of one build's state.
_state = MkDocsBuild()
on_startup = _state.on_startup
on_config = _state.on_config
on_pre_build = _state.on_pre_build
on_env = _state.on_env
on_page_markdown = _state.on_page_markdown
on_page_content = _state.on_page_content
on_post_page = _state.on_post_page
on_build_error = _state.on_build_error


def markdown_extensions() -> list[str]:
    """None added: the hooks keep raw HTML out of Markdown's way (raw_html.py)."""
    return []


def inline_style_hashes() -> tuple[str, ...]:
    """Material's pages need no inline stylesheet."""
    return ()


def _hooks(config: BuildConfig) -> list[str]:
    """The organisation's hooks (from the generated config), then the kit's."""
    import yaml

    raw = yaml.safe_load(config.generated_config.read_text(encoding="utf-8")) or {}
    own = [str((config.build_dir / h).resolve()) for h in raw.get("hooks") or []]
    return [*own, str(HOOKS)]


def _load(config: BuildConfig, **overrides):
    from mkdocs.config import load_config

    return load_config(
        config_file=str(config.generated_config), hooks=_hooks(config), strict=True, **overrides
    )


def build(config: BuildConfig) -> MkDocsBuild:
    """Build config.build_dir's folder into config.site_dir. Returns the build's
    state: the finish step completes its page compressor and recycler."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        cfg = _load(config, site_dir=str(config.site_dir))
    except (Abort, MkDocsException) as e:
        raise SiteBuildError(f"{config.generated_config}: {e}") from None
    state = cfg.hooks[str(HOOKS)]._state
    state.command = "build"
    try:
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, MkDocsException) as e:
        raise SiteBuildError(f"mkdocs build failed: {e}") from None
    except Exception as e:  # noqa: BLE001 - a page's error, logged by MkDocs with its file
        raise SiteBuildError(f"mkdocs build failed: {type(e).__name__}: {e}") from None
    return state


def serve(config: BuildConfig, host: str, port: int) -> None:
    """`mkdocs serve` on the build folder (it rebuilds when the folder changes)."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(
        config_file=str(config.generated_config),
        hooks=_hooks(config),
        dev_addr=f"{host}:{port}",
        livereload=True,
    )
