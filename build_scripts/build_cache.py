"""Build outputs cached by the bytes they are made from, in .cache/build/.

`mkdocs build` starts from an empty site folder, so every build gzips every
page again and the search plugin parses every page again, although most pages
are the same as last time. Both are pure functions of their inputs; this
module keeps their results under a SHA-256 of those inputs:

- `gzip9(data)`: gzip -9 with mtime 0, the bytes finish.precompress writes;
- `cache_search_entries(plugin)`: the search index entries of a page, by the
  page's HTML, URL, title and search metadata;
- for build_scripts/site/render_cache.py, a page's rendered HTML.

A hit returns exactly what computing would (the tests compare both), so a
cached build is byte-identical to an uncached one. Entries are written
atomically (concurrent builds see all or nothing) and removed by `prune` when
unused for PRUNE_DAYS. KIT_BUILD_CACHE=off turns the cache off (for timing a
cold build); KIT_BUILD_CACHE_DIR puts it elsewhere.
"""

import functools
import gzip
import hashlib
import json
import os
import threading
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .runtime import DEFAULT_CACHE

CACHE = Path(os.environ.get("KIT_BUILD_CACHE_DIR") or DEFAULT_CACHE / "build")
PRUNE_DAYS = 14
TOUCH_AFTER = 86400  # seconds
# Bump when what is cached changes meaning.
FORMAT = "1"


def enabled() -> bool:
    return os.environ.get("KIT_BUILD_CACHE", "").strip().lower() not in ("off", "0", "no")


def _path(kind: str, key: str, cache: Path) -> Path:
    return cache / kind / key[:2] / key


def load(kind: str, key: str, cache: Path | None = None) -> bytes | None:
    """The bytes stored under a key, or None."""
    if not enabled():
        return None
    path = _path(kind, key, cache or CACHE)
    try:
        with open(path, "rb") as f:
            # Used: kept by prune. Touched once a day at most: each touch is a
            # metadata write, and a build of 200 questionnaires has a thousand hits.
            if time.time() - os.fstat(f.fileno()).st_mtime > TOUCH_AFTER:
                os.utime(f.fileno())
            return f.read()
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write path so that readers see all of data or the file as it was: builds
    in other processes and the page compressor's threads share the caches."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def store(kind: str, key: str, data: bytes, cache: Path | None = None) -> None:
    if not enabled():
        return
    path = _path(kind, key, cache or CACHE)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:
        pass  # a read-only or full disk: the build goes on uncached


def cached(kind: str, key: str, compute, cache: Path | None = None) -> bytes:
    """compute() -> bytes, or the bytes it returned for the same key before."""
    data = load(kind, key, cache)
    if data is None:
        data = compute()
        store(kind, key, data, cache)
    return data


def prune(cache: Path | None = None, days: float = PRUNE_DAYS, every: float = 1.0) -> int:
    """Remove entries not used for `days`; return how many. Runs at most once
    every `every` days (a stamp file), as listing the entries takes a while."""
    root = cache or CACHE
    stamp = root / ".pruned"
    now = time.time()
    try:
        if now - stamp.stat().st_mtime < every * 86400:
            return 0
    except OSError:
        pass
    if not root.is_dir():
        return 0
    limit = now - days * 86400
    removed = 0
    for path in root.glob("*/*/*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            pass
    try:
        stamp.touch()
    except OSError:
        pass
    return removed


def gzip9(data: bytes, cache: Path | None = None, key: str | None = None) -> bytes:
    """gzip.compress(data, 9, mtime=0), cached by the data's hash (`key`, if the
    caller has it already)."""
    key = key or hashlib.sha256(data).hexdigest()
    return cached("gz9", key, lambda: gzip.compress(data, compresslevel=9, mtime=0), cache)


@functools.cache
def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return ""


def search_entries_key(page, index) -> str:
    """A hash of everything Material's SearchIndex.add_entry_from_context reads."""

    def toc(items):
        return [[i.id, i.url, i.title, toc(i.children)] for i in items]

    meta = page.meta or {}
    facts = [
        FORMAT,
        _version("mkdocs-material"),
        type(index).__module__,
        page.url,
        str(meta.get("title", page.title)),
        repr(meta.get("search")),
        repr(meta.get("tags")),
        toc(page.toc or []),
    ]
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True, default=repr).encode())
    digest.update(b"\0")
    digest.update(page.content.encode("utf-8"))
    return digest.hexdigest()


def cache_search_entries(plugin, cache: Path | None = None) -> bool:
    """Make the search plugin's index reuse a page's entries when the page is
    unchanged. Material's index appends a page's entries to `entries`; a plugin
    without that shape is left alone (and the build is just not cached)."""
    index = getattr(plugin, "search_index", None)
    add = getattr(index, "add_entry_from_context", None)
    if add is None or not isinstance(getattr(index, "entries", None), list):
        return False
    if getattr(add, "kit_cached", False):
        return True

    def add_entry_from_context(page):
        entries = index.entries
        start = len(entries)

        def compute() -> bytes:
            add(page)
            return json.dumps(entries[start:], ensure_ascii=False).encode("utf-8")

        data = cached("search", search_entries_key(page, index), compute, cache)
        if len(entries) == start:  # a hit: compute() did not run
            entries.extend(json.loads(data))

    add_entry_from_context.kit_cached = True
    index.add_entry_from_context = add_entry_from_context
    return True
