"""The finish step, over a finished site: precompressed copies and SHA256SUMS
(run() also writes the service worker, build_scripts/finish/offline.py).

Every compressible file gets two precompressed copies beside it: `file.gz`
(gzip -9, for every browser and server) and `file.br` (Brotli at quality 11,
about a fifth smaller again: 2.7 MB instead of 3.5 MB for the WebAssembly
runtime), which a server sends to browsers that accept `br`. Browsers send
`Accept-Encoding: br` only to secure origins (HTTPS, and http://localhost or
127.0.0.1), so plain-HTTP intranet hosts get the gzip copies.

Brotli at quality 11 takes about 25 s for the 9.6 MB runtime, so runtime
files are cached in .cache/compressed/ by the sha256 of their input; the
site's own files get quality 5 and are cached in .cache/build/ (build_cache)
with their gzip copies: a rebuild compresses only what changed. All of it is
deterministic (gzip with mtime 0, Brotli has no header fields, sorted
listing), so two builds of the same sources give byte-identical sites.
"""

import gzip
import hashlib
import os
import re
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import brotli

from .. import build_cache
from ..build_cache import gzip9
from ..runtime.stdlib import STDLIB_ZIP

# Text and WebAssembly shrink a lot; wheels are already deflated, images are
# already compressed; the runtime's standard library is a stored zip
# (runtime/stdlib.py), compressed here by name.
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm"}
COMPRESSIBLE_NAMES = {STDLIB_ZIP}
MIN_SIZE = 1024
# Files at least this big (the runtime) get Brotli's best, quality 11: slow
# (about 25 s for the .wasm), so kept in CACHE_DIR by content. The site's own
# files get quality 5: 30 times faster than 11 on a page and a tenth bigger,
# still smaller than gzip -9; 245 pages at quality 11 took a minute to build.
CACHE_MIN_SIZE = 1_000_000
PAGE_QUALITY = 5
CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "compressed"
# The cache keeps the newest entries (a hit refreshes an entry's time).
CACHE_ENTRIES = 48


_SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*][#@] sourceMappingURL=[^\n*]*(\*/)?")


def drop_source_maps(site: Path) -> int:
    """Remove *.map files (the theme ships them) and the comments naming them."""
    removed = 0
    for path in sorted(site.rglob("*.map")):
        path.unlink()
        removed += 1
    for path in sorted(site.rglob("*")):
        if path.suffix in (".js", ".mjs", ".css") and path.is_file():
            data = path.read_bytes()
            cleaned = _SOURCE_MAP_COMMENT.sub(b"", data)
            if cleaned != data:
                path.write_bytes(cleaned)
    return removed


def brotli_compress(data: bytes) -> bytes:
    """Brotli at quality 11 with its default 4 MB window (a 16 MB window made the
    runtime's .wasm.br 25 kB bigger, not smaller)."""
    return brotli.compress(data, quality=11)


def brotli_cached(data: bytes, cache: Path | None = CACHE_DIR, key: str | None = None) -> bytes:
    """brotli_compress(data), from cache/<sha256 of data>.br when an earlier build made it.

    A cached copy is used only if it decompresses to data (a damaged or
    foreign file is replaced, never shipped)."""
    key = key or hashlib.sha256(data).hexdigest()
    if len(data) < CACHE_MIN_SIZE:  # the site's pages: cached by content with the gzip copies
        return build_cache.cached(
            f"br{PAGE_QUALITY}", key, lambda: brotli.compress(data, quality=PAGE_QUALITY)
        )
    if cache is None:
        return brotli_compress(data)
    path = cache / f"{key}.br"
    try:
        packed = path.read_bytes()
        if brotli.decompress(packed) == data:
            os.utime(path)
            return packed
    except (OSError, brotli.error):
        pass
    packed = brotli_compress(data)
    cache.mkdir(parents=True, exist_ok=True)
    build_cache.write_atomic(path, packed)
    _prune(cache)
    return packed


def gzip_cached(data: bytes, cache: Path | None = CACHE_DIR, key: str | None = None) -> bytes:
    """gzip9(data); the runtime's big files (gzip -9 of the 9.6 MB .wasm takes a
    second) are kept in cache by content, as their Brotli copies, also when the
    build cache is off."""
    key = key or hashlib.sha256(data).hexdigest()
    if len(data) < CACHE_MIN_SIZE or cache is None:
        return gzip9(data, key=key)
    path = cache / f"{key}.gz"
    try:
        packed = path.read_bytes()
        if gzip.decompress(packed) == data:
            os.utime(path)
            return packed
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error):
        pass
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    build_cache.write_atomic(path, packed)
    _prune(cache)
    return packed


def _prune(cache: Path) -> None:
    entries = []
    for p in [*cache.glob("*.br"), *cache.glob("*.gz")]:
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            pass
    for _, old in sorted(entries, reverse=True)[CACHE_ENTRIES:]:
        old.unlink(missing_ok=True)


def _write_copy(target: Path, packed: bytes | None, size: int) -> bool:
    """Write target if packed saves at least a tenth of size, else remove it."""
    if packed is not None and len(packed) < size * 0.9:
        if not (target.is_file() and target.read_bytes() == packed):
            target.write_bytes(packed)
        return True
    target.unlink(missing_ok=True)
    return False


def compress_file(
    path: Path, data: bytes, cache: Path | None = CACHE_DIR, gz_done=False, take=None
) -> int:
    """Write path.gz (unless gz_done) and path.br for data, the bytes of path,
    where they save space; return the copies written. `take(copy)`, if given,
    is called before a copy is written (recycle.py)."""
    if take:
        for suffix in (".br",) if gz_done else (".gz", ".br"):
            take(path.with_name(path.name + suffix))
    key = hashlib.sha256(data).hexdigest()  # both copies are cached under it
    written = 0
    if not gz_done:
        # gzip -9, mtime 0; cached by content across clean builds (build_cache)
        gz = gzip_cached(data, cache, key=key)
        written += _write_copy(path.with_name(path.name + ".gz"), gz, len(data))
    br = brotli_cached(data, cache, key=key)
    written += _write_copy(path.with_name(path.name + ".br"), br, len(data))
    return written


def precompress(
    site: Path, cache: Path | None = CACHE_DIR, done: dict | None = None, take=None
) -> int:
    """Write file.gz and file.br beside every compressible file where they save space.

    `done` maps files whose copies are written already to the bytes they were
    made from (PageCompressor): those are skipped while they still hold those
    bytes. Returns the copies written.
    """
    done = done or {}
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".gz", ".br"):
            continue
        if path.suffix not in COMPRESSIBLE and path.name not in COMPRESSIBLE_NAMES:
            continue
        data = path.read_bytes()
        if done.get(path) == data:
            _not_older(path)
            continue
        if len(data) < MIN_SIZE:
            continue
        written += compress_file(path, data, cache, take=take)
    return written


def _not_older(path: Path) -> None:
    """Give path's copies its mtime if they are older: they were written before
    it (PageCompressor), and servers that check (serve.py) skip older copies."""
    mtime = path.stat().st_mtime_ns
    for suffix in (".gz", ".br"):
        copy = path.with_name(path.name + suffix)
        try:
            if copy.stat().st_mtime_ns < mtime:
                os.utime(copy, ns=(mtime, mtime))
        except FileNotFoundError:
            pass  # not written: no saving


class PageCompressor:
    """Writes each page's .gz and .br copies on worker threads while MkDocs
    renders the next pages, instead of all of them after the build (hashing,
    compressing and file writes release the GIL; a third of a second for 200
    questionnaires). `finish` waits for them and precompresses the rest.
    `take` goes to compress_file."""

    def __init__(self, cache: Path | None = CACHE_DIR, workers: int = 2, take=None):
        self.cache = cache
        self.workers = workers
        self.take = take
        self.pool = None
        self.jobs: dict[Path, tuple[bytes, Future]] = {}

    # A page's bytes as MkDocs writes them, handed over before it writes them.
    def submit(self, path: Path, data: bytes) -> None:
        if len(data) < MIN_SIZE or path.suffix not in COMPRESSIBLE:
            return
        if self.pool is None:
            self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="kit-compress")
        path.parent.mkdir(parents=True, exist_ok=True)
        job = self.pool.submit(compress_file, path, data, self.cache, take=self.take)
        self.jobs[path] = (data, job)

    # Every page's copies written (a failure raises here); how many.
    def wait(self) -> int:
        return sum(job.result() for _, job in self.jobs.values())

    # The end of a build: then every other file's copies.
    def finish(self, site: Path) -> int:
        written = self.wait()
        done = {path: data for path, (data, _) in self.jobs.items()}
        self.close()
        return written + precompress(site, self.cache, done=done, take=self.take)

    # A failed build: pending pages are dropped.
    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.pool = None
        self.jobs = {}


def write_sha256sums(site: Path) -> Path:
    """SHA256SUMS in `sha256sum -c` format, for every file but itself."""
    out = site / "SHA256SUMS"
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != out):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(site).as_posix()}\n")
    out.write_text("".join(lines), encoding="utf-8")
    return out
