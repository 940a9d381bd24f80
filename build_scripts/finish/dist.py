"""`make dist`: the built site as one zip, byte-identical for the same site.

An administrator unpacks it into the web server's folder (see the hosting guide).
"""

import os
import sys
import time
import zipfile
from pathlib import Path


def make_zip(site: Path, out: Path, top: str = "cx-kit") -> Path:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", stamp)
            info.external_attr = 0o644 << 16
            # Already-compressed files are stored, not deflated again.
            packed = path.suffix in (".gz", ".br", ".zip", ".whl", ".png")
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if not (site / "index.html").is_file():
        sys.exit(f"error: {site}/index.html not found; run `make build` first")
    out = make_zip(site, Path("dist/cx-kit-site.zip"))
    print(
        f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB): unpack it into the web server's folder"
    )
