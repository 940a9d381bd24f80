"""Render each part of Material's navigation once per build, not once per page.

Material renders the whole nav into every page: with 200 questionnaires that
is about 250 items on each of about 250 pages, most of a build's time. Yet a
nav item that does not hold the page being built (not `active`) renders the
same on every page but for its links, which are relative to the page. So
Material's `render` macro (partials/nav-item.html) is wrapped in a call to
`kit_nav_memo`, which keeps the HTML of inactive items and hands it to every
later page whose links to the item's pages come out the same.

When do they? MkDocs makes a link from page P to T relative to P's folder B
(get_relative_url): `..` for each part of B not shared with T, then the rest
of T. When no page in the item lies in B, the shared part stops short of B's
last part, so the links depend only on B's parent folder: the memo key. With
directory URLs that means all questionnaires (assessments/<id>/) share one
rendering of each other's items.

Only Material's own template is patched, and only where the wrapping fits it
exactly; a theme override of nav-item.html, or a Material that changed it, is
rendered as it is. Items with relative links that are not pages of the site
are rendered every time. tests/test_nav_memo.py checks that a build with the
memo writes the same bytes as one without.
"""

from pathlib import Path

import jinja2
import material

TEMPLATE = "partials/nav-item.html"
MATERIAL_TEMPLATE = Path(material.__file__).resolve().parent / "templates" / TEMPLATE
_MACRO = "{% macro render(nav_item, path, level, parent) %}"
_CALL = "{% call kit_nav_memo(nav_item, path, level, parent) %}"
_END = "{% endmacro %}"
# Off only to compare output with and without it (tests).
enabled = True


def patch(source: str) -> str | None:
    """Material's nav-item.html with `render`'s body inside the memo's call
    block, byte for byte the same text; None when the macro is not found."""
    start = source.find(_MACRO)
    if start < 0 or source.count(_MACRO) != 1:
        return None
    body = start + len(_MACRO)
    end = source.find(_END, body)
    if end < 0 or "{% call" in source[body:end] or "{% macro" in source[body:end]:
        return None
    return f"{source[:body]}{_CALL}{source[body:end]}{{% endcall %}}{source[end:]}"


class _PatchingLoader(jinja2.BaseLoader):
    """The theme's loader, with Material's own nav-item.html patched."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    # The template's text comes from the theme's folders as before; only
    # Material's file (not an override in custom_dir) is changed.
    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template == TEMPLATE and filename and Path(filename).resolve() == MATERIAL_TEMPLATE:
            patched = patch(source)
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
    def __call__(self, context, nav_item, path, level, parent, caller):
        page = context.get("page")
        page_url = getattr(page, "url", None)
        if not enabled or page_url is None or getattr(nav_item, "active", False):
            return caller()
        folder = _folder(page_url)
        folders = self._item_folders(nav_item)
        if not folder or folders is None or folder in folders:
            return caller()
        # Level 1 items have no parent (an undefined Jinja value).
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(
            getattr(parent, "active", False)
        )
        key = (id(nav_item), path, level, parent_active, folder[:-1])
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = caller()
        return html


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Patch the theme's environment for one build (a fresh memo each time)."""
    if not isinstance(env.loader, _PatchingLoader):
        env.loader = _PatchingLoader(env.loader)
    env.globals["kit_nav_memo"] = NavMemo()
    return env
