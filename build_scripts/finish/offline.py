"""The service worker that makes visited pages work offline.

Its VERSION is a hash of every file of the site, so each deployment gets a
fresh cache and never serves an old engine with new pages.
"""

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..runtime.site_assets import RUNTIME_URL_DIR, SNAPSHOT_CACHE

TEMPLATES = Path(__file__).parent / "templates"
SW_NAME = "sw.js"
SKIP = {"SHA256SUMS", SW_NAME, "sitemap.xml", "sitemap.xml.gz", "sitemap.xml.br"}
# Precompressed copies: the server picks one for a file's own URL.
COPIES = (".gz", ".br")


def _site_files(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*") if p.is_file() and p.suffix not in COPIES and p.name not in SKIP
    )


def precache_list(site: Path) -> list[str]:
    """Runtime, kit scripts and theme bundles: what every assessment loads."""
    keep = []
    for path in _site_files(site):
        rel = path.relative_to(site).as_posix()
        if (
            rel.startswith(RUNTIME_URL_DIR + "/")
            or rel.startswith("assets/kit/")
            or rel.startswith("assets/stylesheets/")
            or (rel.startswith("assets/javascripts/bundle.") and rel.endswith(".js"))
            or rel == "assets/images/favicon.png"
        ):
            keep.append(rel)
    return keep


def write_service_worker(site: Path) -> Path:
    digest = hashlib.sha256()
    for path in _site_files(site):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined
    )
    text = env.get_template("sw.js.j2").render(
        version=digest.hexdigest()[:16],
        precache=precache_list(site),
        snapshot_cache=SNAPSHOT_CACHE,
    )
    out = site / SW_NAME
    out.write_text(text, encoding="utf-8")
    return out
