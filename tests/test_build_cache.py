"""build_scripts.build_cache: a cached result is exactly the computed one."""

import gzip
import os
import time

import brotli
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from build_scripts import build_cache, finish


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "build-cache"
    monkeypatch.setattr(build_cache, "CACHE", folder)
    monkeypatch.delenv("KIT_BUILD_CACHE", raising=False)
    return folder


def entries_in(cache):
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.name != ".pruned")


def test_gzip9_is_gzip_minus_9_with_mtime_0_and_hits_the_cache(cache):
    data = b"<p>hello</p>\n" * 500
    first = build_cache.gzip9(data)
    assert first == gzip.compress(data, compresslevel=9, mtime=0)
    [entry] = entries_in(cache)
    entry.write_bytes(b"marker")  # a hit reads the entry, it does not compress again
    assert build_cache.gzip9(data) == b"marker"
    assert build_cache.gzip9(data + b"x") == gzip.compress(data + b"x", 9, mtime=0)


def test_cache_off_computes_and_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv("KIT_BUILD_CACHE", "off")
    calls = []
    assert build_cache.cached("k", "ab12", lambda: calls.append(1) or b"v") == b"v"
    assert build_cache.cached("k", "ab12", lambda: calls.append(1) or b"v") == b"v"
    assert calls == [1, 1]
    assert not cache.exists()


def test_precompress_writes_the_cached_bytes(cache, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<p>same words</p>\n" * 400, encoding="utf-8")
    assert finish.precompress(site) == 2  # a.html.gz and a.html.br
    packed = (site / "a.html.gz").read_bytes()
    assert gzip.decompress(packed) == (site / "a.html").read_bytes()
    br = (site / "a.html.br").read_bytes()
    assert brotli.decompress(br) == (site / "a.html").read_bytes()
    assert entries_in(cache)  # both kept by content
    (site / "a.html.gz").unlink()
    (site / "a.html.br").unlink()
    assert finish.precompress(site) == 2
    assert (site / "a.html.gz").read_bytes() == packed
    assert (site / "a.html.br").read_bytes() == br


def test_page_compressor_writes_pages_as_they_come_and_the_rest_at_the_end(cache, tmp_path):
    site = tmp_path / "site"
    page, edited, asset = site / "a" / "index.html", site / "b.html", site / "c.css"
    text = b"<p>same words</p>\n" * 400
    compressor = finish.PageCompressor()
    compressor.submit(page, text)  # before the page itself is written, as MkDocs does
    compressor.submit(edited, text)
    compressor.jobs[page][1].result()
    page.write_bytes(text)
    later = time.time_ns() + 10**10
    os.utime(page, ns=(later, later))  # the copies are older than their page...
    edited.write_bytes(text + b"<p>changed after</p>")  # the copies must follow the file
    asset.write_bytes(b"p { color: red }\n" * 200)
    assert compressor.finish(site) == 8  # 2 + 2 as submitted, 2 for the edit, 2 for the css
    for path in (page, edited, asset):
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data
    for suffix in (".gz", ".br"):  # ...until finish gives them its time (serve.py checks)
        assert page.with_name(page.name + suffix).stat().st_mtime_ns == later
    assert compressor.pool is None and not compressor.jobs


def test_prune_drops_only_entries_unused_for_long(cache):
    build_cache.cached("k", "aa11", lambda: b"old")
    build_cache.cached("k", "bb22", lambda: b"new")
    old, new = entries_in(cache)
    week_ago = time.time() - 30 * 86400
    os.utime(old, (week_ago, week_ago))
    assert build_cache.prune() == 1
    assert entries_in(cache) == [new]
    # At most once a day: the next build does not list the entries again.
    os.utime(new, (week_ago, week_ago))
    assert build_cache.prune() == 0
    assert build_cache.prune(every=0) == 1


def test_a_hit_keeps_an_entry_from_prune_touching_it_once_a_day(cache):
    build_cache.cached("k", "cc33", lambda: b"kept")
    [entry] = entries_in(cache)
    hour_ago, week_ago = time.time() - 3600, time.time() - 30 * 86400
    os.utime(entry, (hour_ago, hour_ago))
    assert build_cache.load("k", "cc33") == b"kept"
    assert abs(entry.stat().st_mtime - hour_ago) < 1  # touched today: left alone
    os.utime(entry, (week_ago, week_ago))
    assert build_cache.load("k", "cc33") == b"kept"
    assert build_cache.prune(every=0) == 0  # touched by the hit
    assert entries_in(cache) == [entry]


class Page:
    def __init__(self, content, url="guide/", title="Guide", meta=None):
        self.content, self.url, self.title, self.meta = content, url, title, meta or {}
        self.toc = get_toc(
            [
                {"level": 1, "id": "guide", "name": "Guide", "children": [
                    {"level": 2, "id": "more", "name": "More", "children": []},
                ]},
            ]
        )  # fmt: skip


CONTENT = (
    '<h1 id="guide">Guide</h1><p>Customers <em>first</em>.</p>'
    '<h2 id="more">More</h2><ul><li>one</li><li>two</li></ul>'
)


def index_entries(pages, cached):
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    plugin = type("Plugin", (), {"search_index": index})()
    if cached:
        assert build_cache.cache_search_entries(plugin)
        assert build_cache.cache_search_entries(plugin)  # wrapping twice is once
    for page in pages:
        index.add_entry_from_context(page)
    return index.entries


def test_search_entries_from_the_cache_are_the_computed_ones(cache):
    pages = [
        Page(CONTENT),
        Page(CONTENT, url="other/"),
        Page(CONTENT, meta={"search": {"boost": 2}, "tags": ["a"]}),
        Page(CONTENT.replace("two", "three")),
        Page(CONTENT, meta={"search": {"exclude": True}}),
    ]
    expected = index_entries(pages, cached=False)
    assert {e["location"] for e in expected} >= {"guide/", "guide/#more", "other/#more"}
    assert index_entries(pages, cached=True) == expected  # misses
    stored = entries_in(cache)
    assert len(stored) == len(pages)
    assert index_entries(pages, cached=True) == expected  # hits
    assert entries_in(cache) == stored
    for path in stored:  # a hit is read, not parsed again
        path.write_text('[{"location": "x/", "title": "from the cache", "text": ""}]')
    assert {e["title"] for e in index_entries(pages[:1], cached=True)} == {"from the cache"}


def test_plugin_without_the_expected_index_is_left_alone():
    plugin = type("Plugin", (), {"search_index": object()})()
    assert not build_cache.cache_search_entries(plugin)
