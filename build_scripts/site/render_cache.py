"""A page's rendered HTML, reused when nothing it depends on changed.

Each build converts every page's Markdown again (about 1 s for 200
questionnaires), though a page is a function of its Markdown, the Markdown
configuration and the set of files its links can point to. The hook keeps what
MkDocs' Page.render produced for a page, generated or written by hand (HTML,
table of contents, title, anchors, links to other pages' anchors) in
.cache/build/, keyed by a hash of all of those; pages that pull in snippets
are rendered every time. On a hit Markdown gets a one-line page and the hook puts
the stored result in place; MkDocs then checks anchors across pages as usual.

A render that logged anything (a broken link, a missing anchor target, any
message at INFO or above) is never stored, so a cached page cannot hide a
message that an uncached build would print or that --strict would count.
"""

import functools
import hashlib
import json
import logging
from importlib.metadata import PackageNotFoundError, version

from mkdocs.structure.toc import get_toc

from .. import build_cache

KIND = "render"
# Bump when what is stored changes meaning.
FORMAT = "1"
_DISTS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
# Markdown an unchanged page is converted from instead: nothing to do.
HIT_MARKDOWN = "<!-- kit: rendered HTML from .cache/build -->\n"


@functools.cache
def _versions() -> tuple[str, ...]:
    out = []
    for dist in _DISTS:
        try:
            out.append(f"{dist}=={version(dist)}")
        except PackageNotFoundError:
            out.append(f"{dist}==?")
    return tuple(out)


def build_digest(config, files) -> str:
    """A hash of what every page of this build depends on besides its
    own Markdown: versions, Markdown configuration, and every file's source and
    destination path (what links resolve to)."""
    facts = [
        FORMAT,
        _versions(),
        config.get("use_directory_urls"),
        config.get("markdown_extensions"),
        config.get("mdx_configs"),
        repr(config.get("validation")),
        logging.getLogger("mkdocs").getEffectiveLevel(),
    ]
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True, default=repr).encode())
    for f in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\n".encode())
    return digest.hexdigest()


def key(markdown: str, page, build_hash: str) -> str:
    digest = hashlib.sha256(build_hash.encode())
    digest.update(f"\0{page.file.src_uri}\0{page.file.dest_uri}\0{page.url}\0".encode())
    digest.update(markdown.encode("utf-8"))
    return digest.hexdigest()


def cacheable(markdown: str) -> bool:
    """Snippets pull in other files, which the key does not cover."""
    return "--8<--" not in markdown


class LogWatch(logging.Handler):
    """Notes whether anything at INFO or above was logged while it was attached."""

    LOGGERS = ("", "mkdocs", "MARKDOWN")

    def __init__(self):
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record):
        self.seen = True

    def start(self) -> "LogWatch":
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def stop(self) -> bool:
        """Detach; True when nothing was logged."""
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
        return not self.seen


def _toc_tokens(items) -> list[dict]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)}
        for i in items
    ]


def snapshot(page, html: str) -> bytes:
    """What Page.render left on the page, as stored bytes."""
    links = page.links_to_anchors
    entry = {
        "html": html,
        "toc": _toc_tokens(page.toc or []),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None
        if links is None
        else {f.src_uri: dict(anchors) for f, anchors in links.items()},
    }
    return json.dumps(entry, ensure_ascii=False).encode("utf-8")


def apply(page, data: bytes, files) -> str | None:
    """Put a stored render on the page; its HTML, or None if it does not fit."""
    entry = json.loads(data)
    links = None
    if entry["links"] is not None:
        links = {}
        for src, anchors in entry["links"].items():
            target = files.get_file_from_path(src)
            if target is None:
                return None
            links[target] = anchors
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = links
    return entry["html"]


def load(cache_key: str) -> bytes | None:
    return build_cache.load(KIND, cache_key)


def store(cache_key: str, data: bytes) -> None:
    build_cache.store(KIND, cache_key, data)
