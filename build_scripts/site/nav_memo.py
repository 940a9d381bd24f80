"""Render each part of Material's navigation once per build, not once per page.

Material renders the whole nav into every page: with 200 questionnaires that
is about 250 items on each of about 250 pages, most of a build's time. Yet a
nav item that does not hold the page being built (not `active`) renders the
same on every page but for its links, which are relative to the page. So
each call of Material's `render` macro goes through `kit_nav_memo`, which
keeps the HTML of inactive items and hands it to every later page whose links
to the item's pages come out the same.

When do they? MkDocs makes a link from page P to T relative to P's folder B
(get_relative_url): `..` for each part of B not shared with T, then the rest
of T. When no page in the item lies in B, the shared part stops short of B's
last part, so the links depend only on B's parent folder: the memo key. With
directory URLs that means all questionnaires (assessments/<id>/) share one
rendering of each other's items.

Only Material's own templates are patched: the calls of `render` in
nav.html (the top level) and nav-item.html (the levels below) go through
`kit_nav_memo`, which calls the macro itself unless it has the item's HTML
already. A call that is not found as expected is left as it is (the build is
then only slower), and so is a theme override of either file; the kit's own
nav.html (the nav per language, build_scripts/site/theme) calls `kit_nav_memo`
itself where it is defined. Items with
relative links that are not pages of the site are rendered every time.
tests/test_nav_memo.py checks that a build with the memo writes the same bytes
as one without.
"""

from pathlib import Path

import jinja2
import material

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
# Each patched template: the call of Material's `render` macro, and the same
# call through the memo (the macro first, then its arguments).
CALLS = {
    "partials/nav.html": (
        "{{ item.render(nav_item, path, 1) }}",
        "{{ kit_nav_memo(item.render, nav_item, path, 1) }}",
    ),
    "partials/nav-item.html": (
        '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
        '{{ kit_nav_memo(render, item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
    ),
}
# Off only to compare output with and without it (tests).
enabled = True


def patch(template: str, source: str) -> str | None:
    """Material's template with its one call of `render` made through the memo;
    None when that call is not found exactly once."""
    call, memo_call = CALLS[template]
    if source.count(call) != 1:
        return None
    return source.replace(call, memo_call)


class _PatchingLoader(jinja2.BaseLoader):
    """The theme's loader, with Material's own nav.html and nav-item.html patched."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    # The template's text comes from the theme's folders as before; only
    # Material's file (not an override in custom_dir) is changed.
    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template in CALLS and filename:
            if Path(filename).resolve() == MATERIAL_TEMPLATES / template:
                patched = patch(template, source)
                if patched is not None:
                    return patched, filename, uptodate
        return source, filename, uptodate

    # Jinja lists templates for `mkdocs serve` and extensions: unchanged.
    def list_templates(self):
        return self.inner.list_templates()


def _parts(url: str) -> tuple[str, ...]:
    return tuple(p for p in url.split("/") if p and p != ".")


def _folder(page_url: str) -> tuple[str, ...]:
    """The folder MkDocs makes a page's links relative to (get_relative_url)."""
    folder, _, name = page_url.rpartition("/")
    return _parts(folder if "." in name else page_url)


class NavMemo:
    """Per build: the HTML of inactive nav items, by item, position and the
    parent of the page's folder."""

    def __init__(self):
        self.html: dict = {}
        # Per item: every folder its pages lie in or are (None: not memoized).
        self.folders: dict[int, frozenset | None] = {}

    def _item_folders(self, item) -> frozenset | None:
        key = id(item)
        if key not in self.folders:
            self.folders[key] = self._collect(item)
        return self.folders[key]

    def _collect(self, item) -> frozenset | None:
        children = getattr(item, "children", None)
        if children:
            out = set()
            for child in children:
                sub = self._item_folders(child)
                if sub is None:
                    return None
                out |= sub
            return frozenset(out)
        url = getattr(item, "url", None)
        if url is None:
            return frozenset()
        if not getattr(item, "is_page", False):
            # A link: page-independent only when absolute.
            return frozenset() if ":" in url.split("/")[0] or url.startswith(("/", "#")) else None
        parts = _parts(url)
        return frozenset(parts[:n] for n in range(len(parts) + 1))

    @jinja2.pass_context
    def __call__(self, context, render, nav_item, path, level, *parent):
        """render(nav_item, path, level, *parent), or its HTML from before.
        (`parent` is left out at the top level, as Material does.)"""
        page = context.get("page")
        page_url = getattr(page, "url", None)
        if not enabled or page_url is None or getattr(nav_item, "active", False):
            return render(nav_item, path, level, *parent)
        folder = _folder(page_url)
        folders = self._item_folders(nav_item)
        if not folder or folders is None or folder in folders:
            return render(nav_item, path, level, *parent)
        parent_active = bool(parent) and bool(getattr(parent[0], "active", False))
        key = (id(nav_item), path, level, parent_active, folder[:-1])
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = render(nav_item, path, level, *parent)
        return html


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Patch the theme's environment for one build (a fresh memo each time)."""
    if not isinstance(env.loader, _PatchingLoader):
        env.loader = _PatchingLoader(env.loader)
    env.globals["kit_nav_memo"] = NavMemo()
    return env
