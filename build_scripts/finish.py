"""Last build steps on a finished site: precompressed copies and SHA256SUMS.

Both are deterministic (gzip with mtime 0, sorted listing), so two builds of
the same sources give byte-identical sites.
"""

import hashlib
import re
from pathlib import Path

from .build_cache import gzip9

# Text and WebAssembly shrink a lot; wheels are already deflated, images are
# already compressed. (site_assets writes the stored stdlib zip's .gz copy.)
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm"}
MIN_SIZE = 1024


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


def precompress(site: Path) -> int:
    """Write file.gz beside every compressible file where it saves space."""
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        target = path.with_name(path.name + ".gz")
        # The runtime's copies are written (from a cache) before this step.
        if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        packed = gzip9(data)  # gzip -9, mtime 0; cached by content across clean builds
        if len(packed) < len(data) * 0.9:
            target.write_bytes(packed)
            written += 1
        elif target.exists():
            target.unlink()
    return written


def write_sha256sums(site: Path) -> Path:
    """SHA256SUMS in `sha256sum -c` format, for every file but itself."""
    out = site / "SHA256SUMS"
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p != out):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(site).as_posix()}\n")
    out.write_text("".join(lines), encoding="utf-8")
    return out
