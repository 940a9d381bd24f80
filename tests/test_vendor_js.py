"""The vendored HPKE modules (build_scripts/runtime/vendor_js.py): fetched by name and
version, checked, and trimmed to the ES modules the kit loads."""

import re

import pytest

from build_scripts.runtime import DEFAULT_CACHE, integrity_of, vendor_js

IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*)["']([^"']+)["']""")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


@pytest.fixture(scope="module")
def vendored():
    return vendor_js.ensure_vendor(DEFAULT_CACHE, log=lambda _m: None)


def test_only_reachable_modules_and_licences(vendored):
    files = sorted(p.relative_to(vendored).as_posix() for p in vendored.rglob("*") if p.is_file())
    assert vendor_js.ENTRY in files
    assert {"core/LICENSE", "common/LICENSE"} <= set(files)
    assert all(f.endswith(".js") or f.endswith("LICENSE") or f == ".integrity" for f in files)
    # Not the CommonJS build, typings, source maps or README.
    assert not [f for f in files if "script/" in f or f.endswith((".d.ts", ".map", ".md"))]


def test_every_import_resolves_inside_the_folder(vendored):
    for path in vendored.rglob("*.js"):
        code = COMMENT.sub("", path.read_text(encoding="utf-8"))
        for spec in IMPORT.findall(code):
            assert spec.startswith("."), f"{path.name}: bare import {spec!r} left"
            target = (path.parent / spec).resolve()
            assert target.is_file() and vendored.resolve() in target.parents, (path, spec)


def test_cached_tarballs_match_their_pinned_integrity(vendored):
    for pkg in vendor_js.HPKE_PACKAGES:
        tarball = DEFAULT_CACHE / f"{pkg.name.lstrip('@').replace('/', '-')}-{pkg.version}.tgz"
        assert integrity_of(tarball.read_bytes()) == pkg.integrity
