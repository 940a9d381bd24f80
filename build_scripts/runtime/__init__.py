"""The pinned Pyodide runtime: fetched from the npm registry by name, checked, cached.

Like JupyterLite's add-ons: a download already in the cache is not fetched
again, every archive is checked against a pinned integrity hash before use,
and extraction refuses paths that would leave the target folder.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PYODIDE_VERSION = "314.0.7"
# npm's integrity of pyodide-314.0.7.tgz (sha512 of the tarball, base64).
PYODIDE_INTEGRITY = (
    "sha512-"
    "0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
)
# What a page needs from the package; the rest (consoles, typings, source maps,
# the classic-script loader) is left out of the site.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = ROOT / ".cache"


class RuntimeFetchError(Exception):
    """A runtime download or check failed; the message says what to do."""


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def safe_extract(archive: Path, target: Path) -> None:
    """Extract a tarball, refusing links, devices and paths outside target."""
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(target, filter="data")


def npm_pack(spec: str, dest: Path) -> Path:
    """`npm pack SPEC` into dest; the tarball's path (any package of the registry)."""
    try:
        proc = subprocess.run(
            ["npm", "pack", spec, "--pack-destination", str(dest), "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except FileNotFoundError:
        raise RuntimeFetchError(
            f"npm is not installed: the build fetches {spec} with npm "
            "(install Node.js and npm, e.g. `apt-get install npm`)"
        ) from None
    if proc.returncode != 0:
        raise RuntimeFetchError(
            f"`npm pack {spec}` failed (exit {proc.returncode}): "
            f"{proc.stderr.strip() or proc.stdout.strip()}\n"
            "Check that the npm registry is reachable (npm config get registry)."
        )
    tarballs = list(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise RuntimeFetchError(f"`npm pack {spec}` wrote no tarball in {dest}")
    return tarballs[0]


def fetch_checked(
    name: str, version: str, integrity: str, cache: Path, pinned_in: str, log
) -> Path:
    """The npm tarball of name@version in cache, fetched once and checked against
    its pinned integrity (a cached copy is checked too)."""
    tarball = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if tarball.is_file() and integrity_of(tarball.read_bytes()) == integrity:
        return tarball
    cache.mkdir(parents=True, exist_ok=True)
    log(f"Fetching {name}@{version} from the npm registry…")
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        fetched = npm_pack(f"{name}@{version}", Path(tmp))
        got = integrity_of(fetched.read_bytes())
        if got != integrity:
            raise RuntimeFetchError(
                f"{name}@{version} from npm does not match the pinned hash\n"
                f"  expected {integrity}\n  got      {got}\n"
                f"Refusing to use it. If you changed its version, update its integrity "
                f"in {pinned_in} from `npm view {name}@{version} dist.integrity`."
            )
        shutil.move(fetched, tarball)
    return tarball


def runtime_dir(cache: Path = DEFAULT_CACHE) -> Path:
    return cache / f"pyodide-{PYODIDE_VERSION}"


def ensure_runtime(cache: Path = DEFAULT_CACHE, log=print) -> Path:
    """Return the folder holding the checked runtime files, downloading once."""
    target = runtime_dir(cache)
    stamp = target / ".integrity"
    if stamp.is_file() and stamp.read_text().strip() == PYODIDE_INTEGRITY:
        if all((target / f).is_file() for f in RUNTIME_FILES):
            return target
    tarball = fetch_checked(
        "pyodide",
        PYODIDE_VERSION,
        PYODIDE_INTEGRITY,
        cache,
        "build_scripts/runtime/__init__.py",
        log,
    )
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        safe_extract(tarball, Path(tmp))
        package = Path(tmp) / "package"
        missing = [f for f in RUNTIME_FILES if not (package / f).is_file()]
        if missing:
            raise RuntimeFetchError(f"pyodide@{PYODIDE_VERSION} lacks {', '.join(missing)}")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in RUNTIME_FILES:
            shutil.copy2(package / name, target / name)
        info = json.loads((package / "package.json").read_text())
        (target / "package.json").write_text(json.dumps({"version": info["version"]}))
    stamp.write_text(PYODIDE_INTEGRITY + "\n")
    return target
