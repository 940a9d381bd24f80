"""Vendored JavaScript: HPKE (RFC 9180) for sealing round results in the browser.

`@hpke/core` and the one package it depends on, `@hpke/common`, are fetched
from the npm registry by name and exact version, checked against pinned
integrity hashes, cached in .cache/ and served from the site itself
(assets/kit/vendor/hpke/), never from another origin. Only the ES module
files reachable from `@hpke/core`'s entry point are copied, with each
package's LICENSE. The one change made to them: the bare specifier
"@hpke/common" becomes a relative path, so the browser needs no import map
(an inline import map would need a CSP exception).
"""

import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import DEFAULT_CACHE, RuntimeFetchError, fetch_checked, safe_extract


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # npm's dist.integrity (sha512 of the tarball)
    folder: str  # its folder under VENDOR_URL_DIR


HPKE_PACKAGES = (
    NpmPackage(
        "@hpke/core",
        "1.9.0",
        "sha512-pFxWl1nNJeQCSUFs7+GAblHvXBCjn9EPN65vdKlYQil2aURaRxfGMO6vBKGqm1YHTKwiAxJQNEI70PbSowMP9Q==",
        "core",
    ),
    NpmPackage(
        "@hpke/common",
        "1.10.1",
        "sha512-moJwhmtLtuxiUzzNp1jpfBfx8yefKoO9D/RCR9dmwrnc7qjJqId1rEtQz+lSlU5cabX8daToMSx/7HayXOiaFw==",
        "common",
    ),
)
# Where the site serves them, and the module the kit imports.
VENDOR_URL_DIR = "assets/kit/vendor/hpke"
ENTRY = "core/mod.js"
# Static imports and re-exports: `from "x"`, `import "x"`.
_SPECIFIER = re.compile(r"""(\bfrom\s*|\bimport\s*)(["'])([^"'\n]+)\2""")
_STAMP = ".integrity"


def _stamp_text() -> str:
    return "\n".join(f"{p.name}@{p.version} {p.integrity}" for p in HPKE_PACKAGES) + "\n"


def vendor_dir(cache: Path = DEFAULT_CACHE) -> Path:
    return cache / ("hpke-" + "-".join(f"{p.folder}{p.version}" for p in HPKE_PACKAGES))


def _rewrite(text: str, path: str, bare: dict[str, str]) -> str:
    """Bare specifiers of vendored packages become paths relative to `path`."""

    def swap(m: re.Match) -> str:
        target = bare.get(m[3])
        if target is None:
            return m[0]
        rel = posixpath.relpath(target, posixpath.dirname(path))
        return f"{m[1]}{m[2]}{rel if rel.startswith('.') else './' + rel}{m[2]}"

    return _SPECIFIER.sub(swap, text)


def _closure(sources: dict[str, Path], bare: dict[str, str]) -> dict[str, str]:
    """Every module reachable from ENTRY: {site-relative path: rewritten text}."""
    out: dict[str, str] = {}
    todo = [ENTRY]
    while todo:
        path = todo.pop()
        if path in out:
            continue
        folder, _, rest = path.partition("/")
        file = sources[folder] / "esm" / rest
        if not file.is_file():
            raise RuntimeFetchError(f"vendored HPKE: {path} is imported but not in the package")
        text = _rewrite(file.read_text(encoding="utf-8"), path, bare)
        out[path] = text
        for m in _SPECIFIER.finditer(text):
            spec = m[3]
            if spec.startswith("./") or spec.startswith("../"):
                todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), spec)))
    return out


def ensure_vendor(cache: Path = DEFAULT_CACHE, log=print) -> Path:
    """The folder holding the checked, trimmed HPKE modules (made once)."""
    target = vendor_dir(cache)
    stamp = target / _STAMP
    if stamp.is_file() and stamp.read_text() == _stamp_text() and (target / ENTRY).is_file():
        return target
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        sources = {}
        for pkg in HPKE_PACKAGES:
            tarball = fetch_checked(
                pkg.name, pkg.version, pkg.integrity, cache, "build_scripts/vendor_js.py", log
            )
            unpacked = Path(tmp) / pkg.folder
            safe_extract(tarball, unpacked)
            sources[pkg.folder] = unpacked / "package"
        bare = {p.name: f"{p.folder}/mod.js" for p in HPKE_PACKAGES}
        files = _closure(sources, bare)
        if target.exists():
            shutil.rmtree(target)
        for rel, text in files.items():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(text, encoding="utf-8")
        for pkg in HPKE_PACKAGES:
            shutil.copyfile(sources[pkg.folder] / "LICENSE", target / pkg.folder / "LICENSE")
    stamp.write_text(_stamp_text())
    return target


def install_vendor(site_dir: Path, cache: Path = DEFAULT_CACHE, log=print) -> Path:
    """Copy the vendored modules into the built site; return their folder there."""
    source = ensure_vendor(cache, log=log)
    target = site_dir / VENDOR_URL_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(_STAMP))
    return target


if __name__ == "__main__":
    import sys

    try:
        print(ensure_vendor())
    except RuntimeFetchError as e:
        sys.exit(f"error: {e}")
