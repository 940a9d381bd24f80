"""The site step on Zensical: `zensical build` on the generated folder.

Zensical reads the generated mkdocs.yml and the theme's custom_dir overrides
(build_scripts/site/theme); it has no hooks, and needs none: the pages, nav and
assets are files by then. It writes its site inside the build folder (it
refuses a site_dir outside the config's folder), so the site is copied to
config.site_dir afterwards; the finish step then works on that copy as on
MkDocs' output. Its own cache (.cache/ in the build folder) keeps unchanged
pages from being rendered again.
"""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from build_scripts.config import BuildConfig
from build_scripts.site import SiteBuildError

SITE = "site"


def command() -> list[str]:
    """The zensical command of this Python's environment."""
    here = Path(sys.executable).parent / "zensical"
    if here.is_file():
        return [str(here)]
    found = shutil.which("zensical")
    if found:
        return [found]
    raise SiteBuildError(
        "Zensical is not installed: run `make setup SITE_GENERATOR=zensical` "
        "(pip install -e '.[zensical]', Python >= 3.12)"
    )


# Zensical's search box is a shadow DOM with its own <style> element, made by
# the bundle from a string: `C("style",{},NAME.toString())`, `var NAME='...'`.
_STYLE_CALL = re.compile(r'\("style",\{\},(\w+)\.toString\(\)\)')


def markdown_extensions() -> list[str]:
    """Added to the generated config: what the MkDocs adapter does in its hooks."""
    return ["build_scripts.site.raw_html_markdown"]


def inline_style_hashes() -> tuple[str, ...]:
    """The hashes ('sha256-...') of the inline stylesheets Zensical's bundle adds,
    for the Content-Security-Policy's style-src (no 'unsafe-inline')."""
    try:
        import zensical
    except ImportError:
        return ()
    scripts = Path(zensical.__file__).parent / "templates" / "assets" / "javascripts"
    hashes = []
    for bundle in sorted(scripts.glob("bundle.*.js")):
        js = bundle.read_text(encoding="utf-8")
        for name in _STYLE_CALL.findall(js):
            literal = re.search(rf"\bvar {name}='([^'\\]*)'", js)
            if literal:
                digest = hashlib.sha256(literal[1].encode("utf-8")).digest()
                hashes.append("sha256-" + base64.b64encode(digest).decode())
    return tuple(sorted(set(hashes)))


def _sync(src: Path, dest: Path) -> None:
    """dest becomes a copy of src (files that are the same are left alone)."""
    dest.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        target = dest / rel
        wanted.add(target)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        elif not (target.is_file() and target.read_bytes() == path.read_bytes()):
            shutil.copyfile(path, target)
    for path in sorted(dest.rglob("*"), reverse=True):
        if path not in wanted and not path.name.startswith("."):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def build(config: BuildConfig) -> None:
    cmd = [*command(), "build", "--strict", "-f", str(config.generated_config)]
    proc = subprocess.run(
        cmd, cwd=config.build_dir, capture_output=True, text=True, env=os.environ, timeout=1800
    )
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SiteBuildError(f"zensical build failed (exit {proc.returncode}):\n{proc.stdout}")
    _sync(config.build_dir / SITE, config.site_dir)
    return None


def serve(config: BuildConfig, host: str, port: int) -> None:
    """`zensical serve` on the build folder (it rebuilds when the folder changes);
    stopped with the pipeline."""
    cmd = [*command(), "serve", "-f", str(config.generated_config), "-a", f"{host}:{port}"]
    proc = subprocess.Popen(cmd, cwd=config.build_dir)
    try:
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)
