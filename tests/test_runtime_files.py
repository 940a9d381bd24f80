"""The runtime as the built site ships it: exactly the files a page uses, no
source maps, and a standard library trimmed to what the kit imports,
precompiled, smaller than upstream's and complete for every engine op."""

import ast
import gzip
import hashlib
import io
import json
import threading
import urllib.request
import zipfile
from pathlib import Path

import brotli
import pytest

from build_scripts import finish
from build_scripts.devtools import stdlib_trace
from build_scripts.runtime import RUNTIME_FILES, ensure_runtime, stdlib
from build_scripts.runtime.site_assets import RUNTIME_URL_DIR, wheel_name
from build_scripts.serve import make_server
from kit.engine.api import handle_request

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "kit" / "engine"
# Upstream files a page never loads; none may reach the site.
UNUSED = ("pyodide.js", "console.html", "console-v2.html", "package.json", "python", "ffi.d.ts")


def runtime(site: Path) -> Path:
    return site / RUNTIME_URL_DIR


def site_zip(site: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(runtime(site) / stdlib.STDLIB_ZIP)


def would_precompress(path: Path) -> bool:
    """finish.precompress's rule: compressible, big enough, and worth it."""
    if path.suffix not in finish.COMPRESSIBLE or path.stat().st_size < finish.MIN_SIZE:
        return False
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=9, mtime=0)) < len(data) * 0.9


# --- the files ------------------------------------------------------------------------


def test_no_source_maps(built_site):
    assert sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.map")) == []
    named = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.suffix in (".js", ".mjs", ".css") and b"sourceMappingURL=" in p.read_bytes()
    ]
    assert named == []


def test_runtime_folder_lists_exactly_the_files_a_page_uses(built_site):
    folder = runtime(built_site)
    used = [n for n in RUNTIME_FILES] + [wheel_name()]
    packed = {stdlib.STDLIB_ZIP} | {n for n in used if would_precompress(folder / n)}
    expected = set(used) | {f"{n}{suffix}" for n in packed for suffix in (".gz", ".br")}
    assert {p.name for p in folder.iterdir()} == expected
    # The precompressed copies are the files themselves, the Brotli ones smaller.
    for name in packed:
        data = (folder / name).read_bytes()
        gz, br = (folder / f"{name}.gz").read_bytes(), (folder / f"{name}.br").read_bytes()
        assert gzip.decompress(gz) == data
        assert brotli.decompress(br) == data
        assert len(br) < len(gz)
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert [p["file_name"] for p in lock["packages"].values()] == [wheel_name()]
    # Brotli saves most on the biggest file: 2.7 MB instead of 3.5 MB.
    assert (folder / "pyodide.asm.wasm.br").stat().st_size < 0.8 * (
        folder / "pyodide.asm.wasm.gz"
    ).stat().st_size


def test_build_reuses_cached_brotli_copies(built_site):
    """The build's Brotli copies of big files are kept by content hash: the cache
    holds exactly the bytes the site ships, and a rebuild reads them back."""
    wasm = runtime(built_site) / "pyodide.asm.wasm"
    data = wasm.read_bytes()
    cached = finish.CACHE_DIR / f"{hashlib.sha256(data).hexdigest()}.br"
    assert cached.read_bytes() == (runtime(built_site) / "pyodide.asm.wasm.br").read_bytes()


def test_brotli_cache_is_used_and_checked(tmp_path, monkeypatch):
    data = b"".join(b"line %d of a big enough file\n" % i for i in range(40000))
    assert len(data) >= finish.CACHE_MIN_SIZE
    first = finish.brotli_cached(data, tmp_path)
    (entry,) = tmp_path.glob("*.br")
    assert entry.name == f"{hashlib.sha256(data).hexdigest()}.br"
    assert entry.read_bytes() == first and brotli.decompress(first) == data

    def no_compressing(_):
        raise AssertionError("compressed again although the cache has it")

    monkeypatch.setattr(finish, "brotli_compress", no_compressing)
    assert finish.brotli_cached(data, tmp_path) == first
    # A damaged entry is not shipped: it is compressed again and replaced.
    monkeypatch.undo()
    entry.write_bytes(first[:-7])
    assert finish.brotli_cached(data, tmp_path) == first
    assert entry.read_bytes() == first


def test_no_unused_upstream_file_anywhere_in_the_site(built_site):
    names = {p.name for p in built_site.rglob("*") if p.is_file()}
    assert names.isdisjoint(UNUSED)
    assert not [p for p in built_site.rglob("*.d.ts")]
    pyodide_dirs = {p.parent for p in built_site.rglob("pyodide.asm.wasm")}
    assert pyodide_dirs == {runtime(built_site)}


def test_runtime_js_names_the_shipped_wheel(built_site):
    text = (built_site / "assets" / "kit" / "runtime.js").read_text()
    config = json.loads(text.removeprefix("export default ").rstrip().rstrip(";"))
    assert (runtime(built_site) / config["wheel"]).is_file()
    assert (built_site / "assets" / "kit" / config["runtime"]).resolve() == runtime(
        built_site
    ).resolve()


# --- the trimmed standard library ----------------------------------------------------------


def engine_stdlib_imports() -> set[str]:
    """Every standard-library module kit/engine imports, anywhere in a file."""
    out = set()
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                out.add(node.module)
    return {m for m in out if m.split(".")[0] not in ("kit", "__future__")}


def zip_modules(z: zipfile.ZipFile) -> set[str]:
    return {stdlib.module_of(n) for n in z.namelist() if stdlib.module_of(n)}


def test_stdlib_has_every_module_the_engine_imports(built_site):
    with site_zip(built_site) as z:
        have = zip_modules(z)
    frozen_or_builtin = stdlib.FROZEN | stdlib.PYODIDE_BUILTINS
    missing = sorted(
        m for m in engine_stdlib_imports() if m not in have and m not in frozen_or_builtin
    )
    assert missing == [], (
        f"add to build_scripts/runtime/stdlib.py MARGIN and run its `trace`: {missing}"
    )
    # What Pyodide's own start-up imports (see stdlib.TRACED).
    for module in (
        "_pyodide._base",
        "pyodide.webloop",
        "pyodide._package_loader",
        "asyncio",
        "encodings.utf_8",
        "json",
        "re",
        "dataclasses",
        "typing",
    ):
        assert module in have, module


def test_stdlib_is_exactly_the_keep_list_compiled(built_site):
    with site_zip(built_site) as z:
        infos = z.infolist()
        assert zip_modules(z) == stdlib.KEEP | stdlib._packages(stdlib.KEEP)
        files = [i for i in infos if not i.filename.endswith("/")]
        assert all(i.filename.endswith(".pyc") for i in files)
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        headers = {z.read(i)[:8] for i in files}
    # One magic number (the runtime's Python), unchecked hash-based .pyc (PEP 552).
    assert len({h[:4] for h in headers}) == 1
    assert {int.from_bytes(h[4:8], "little") for h in headers} == {0b01}
    assert not stdlib.FROZEN & stdlib.KEEP


def test_stdlib_is_smaller_than_upstream(built_site):
    upstream = ensure_runtime() / stdlib.STDLIB_ZIP
    shipped = runtime(built_site) / stdlib.STDLIB_ZIP
    sent = (runtime(built_site) / (stdlib.STDLIB_ZIP + ".gz")).read_bytes()
    assert gzip.decompress(sent) == shipped.read_bytes()
    with zipfile.ZipFile(upstream) as up, site_zip(built_site) as cut:
        assert len(cut.infolist()) < len(up.infolist()) / 2
    assert len(sent) < 0.5 * upstream.stat().st_size


def test_trimming_is_deterministic():
    upstream = (ensure_runtime() / stdlib.STDLIB_ZIP).read_bytes()
    assert stdlib.trim(upstream) == stdlib.trim(upstream)
    with zipfile.ZipFile(io.BytesIO(stdlib.trim(upstream))) as z:
        assert zip_modules(z) == stdlib.KEEP | stdlib._packages(stdlib.KEEP)


@pytest.mark.pyodide
def test_every_engine_op_runs_on_the_trimmed_stdlib(built_site):
    """Every op and result action, with its error paths, gives CPython's reply."""
    from tests.test_pyodide_parity import run_in_pyodide

    requests = [
        r
        for r in stdlib_trace.trace_requests()
        if not (isinstance(r, dict) and r.get("op") == "score")
    ]
    ops = {r.get("op") for r in requests if isinstance(r, dict)}
    assert {"validate", "nps", "story", "result", "aggregate"} <= ops
    out = run_in_pyodide(runtime(built_site), requests)
    expected = [json.loads(json.dumps(handle_request(r))) for r in requests]
    diffs = [
        (i, r, got, want)
        for i, (r, got, want) in enumerate(zip(requests, out["replies"], expected, strict=True))
        if got != want
    ]
    assert diffs == []


# --- as the test server sends them (like nginx) --------------------------------------------


@pytest.fixture(scope="module")
def served(built_site):
    server = make_server(built_site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, b""


def test_server_sends_precompressed_immutable_runtime_files(served, built_site):
    for name, ctype in (
        ("pyodide.asm.wasm", "application/wasm"),
        (stdlib.STDLIB_ZIP, "application/zip"),
    ):
        status, headers, body = fetch(
            f"{served}{RUNTIME_URL_DIR}/{name}", **{"Accept-Encoding": "gzip"}
        )
        assert status == 200
        assert headers["content-encoding"] == "gzip"
        assert headers["content-type"] == ctype
        assert "immutable" in headers["cache-control"]
        assert headers["vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == (runtime(built_site) / name).read_bytes()
        # Brotli where the browser accepts it (Chromium does on https and loopback).
        status, headers, body = fetch(
            f"{served}{RUNTIME_URL_DIR}/{name}", **{"Accept-Encoding": "gzip, deflate, br, zstd"}
        )
        assert status == 200
        assert headers["content-encoding"] == "br"
        assert headers["content-type"] == ctype
        assert headers["vary"] == "Accept-Encoding"
        assert brotli.decompress(body) == (runtime(built_site) / name).read_bytes()
        # br refused (q=0): gzip again.
        _, headers, _ = fetch(
            f"{served}{RUNTIME_URL_DIR}/{name}", **{"Accept-Encoding": "br;q=0, gzip"}
        )
        assert headers["content-encoding"] == "gzip"
    status, headers, body = fetch(f"{served}{RUNTIME_URL_DIR}/{stdlib.STDLIB_ZIP}")
    assert "content-encoding" not in headers and body[:2] == b"PK"
    # A page, as Chromium asks for it: Brotli, and its own 304 validator.
    status, headers, body = fetch(f"{served}", **{"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert headers["content-encoding"] == "br"
    assert brotli.decompress(body) == (built_site / "index.html").read_bytes()
    status, _, _ = fetch(
        f"{served}", **{"Accept-Encoding": "gzip, deflate, br", "If-None-Match": headers["etag"]}
    )
    assert status == 304


def test_server_revalidates_pages_with_304(served):
    status, headers, _ = fetch(
        f"{served}assessments/leadership-vision/", **{"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert headers["content-type"] == "text/html; charset=utf-8"
    etag, modified = headers["etag"], headers["last-modified"]
    status, headers, body = fetch(
        f"{served}assessments/leadership-vision/",
        **{"Accept-Encoding": "gzip", "If-None-Match": etag},
    )
    assert (status, body) == (304, b"") and headers["etag"] == etag
    status, _, _ = fetch(
        f"{served}assessments/leadership-vision/",
        **{"Accept-Encoding": "gzip", "If-Modified-Since": modified},
    )
    assert status == 304
    status, _, _ = fetch(f"{served}assessments/leadership-vision/", **{"If-None-Match": '"other"'})
    assert status == 200
