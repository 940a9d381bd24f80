"""The finish step over a finished site, whichever generator built it.

In order: each language's copy of the sitemap (Material's language switch
looks for <lang>/sitemap.xml), no source maps, the service worker (offline),
the precompressed copies, SHA256SUMS; then unused build cache entries go.
A dev server's site (`serve`) gets only the first two: it is never deployed.

    python -m build_scripts.finish.step [SITE]   # on a site built before
"""

import argparse
import json
import shutil
import sys
from pathlib import Path

from .. import build_cache, finish
from ..config import BuildConfig
from ..config import load as load_config
from . import offline


def copy_sitemaps(site: Path, languages) -> None:
    for lang in languages:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file() and (site / lang).is_dir():
                shutil.copyfile(site / name, site / lang / name)


def languages_of(config: BuildConfig) -> list[str]:
    """The translated languages the generate step wrote pages for."""
    try:
        return json.loads(config.manifest.read_text(encoding="utf-8")).get("languages", [])
    except FileNotFoundError:
        return []


def run(config: BuildConfig, pending=None) -> Path:
    """Finish config.site_dir. `pending`: the MkDocs adapter's build state, whose
    page copies are being written and whose previous files are set aside."""
    site = config.site_dir
    compressor = getattr(pending, "compressor", None) or finish.PageCompressor()
    recycler = getattr(pending, "recycler", None)
    try:
        compressor.wait()  # the pages' copies, some taken from the previous build
    finally:
        if recycler is not None:
            recycler.finish()
    copy_sitemaps(site, languages_of(config))
    finish.drop_source_maps(site)
    if config.serve:
        compressor.close()
        return site
    offline.write_service_worker(site)
    compressor.finish(site)
    finish.write_sha256sums(site)
    build_cache.prune()
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.finish.step")
    parser.add_argument("site", nargs="?", help="the built site (default: site_dir)")
    parser.add_argument("-f", "--config-file", help="mkdocs.yml (default: ./mkdocs.yml)")
    args = parser.parse_args(argv)
    config = load_config(args.config_file, site_dir=args.site)
    if not config.site_dir.is_dir():
        print(f"error: no site in {config.site_dir}: build it first", file=sys.stderr)
        return 1
    run(config)
    print(f"Finished {config.site_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
