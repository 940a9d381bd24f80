"""Put the runtime, the engine wheel and its lockfile into a built site.

The standard library is not upstream's: build_scripts/runtime/stdlib.py trims it to
what the kit imports and precompiles it (python_stdlib.zip and its .gz).
"""

import gzip
import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

from ..build_cache import write_atomic
from . import PYODIDE_VERSION, RUNTIME_FILES, ensure_runtime
from .engine_wheel import (
    _version,
    build_wheel,
    integrity,
    wheel_bytes,
    wheel_file_name,
    write_lockfile,
)
from .stdlib import STDLIB_ZIP, site_stdlib

RUNTIME_URL_DIR = f"assets/pyodide-{PYODIDE_VERSION}"
ROOT = Path(__file__).resolve().parents[2]
# Precompressed once into the runtime cache; finish.precompress writes the same
# bytes (gzip -9, mtime 0) for files it compresses, so a build can reuse them.
PRECOMPRESSED = ("pyodide.asm.wasm", "pyodide.asm.mjs", STDLIB_ZIP)


def wheel_name() -> str:
    """The engine wheel's file name (its version carries a hash of the engine)."""
    return wheel_file_name(_version(ROOT))


def runtime_config() -> dict:
    """Where the worker finds the runtime, as data (runtime.js and the page's <head>).

    The worker fetches the engine wheel (`wheel`) while Pyodide starts, checked
    against `integrity` (its sha256, as Subresource Integrity: the browser
    refuses other bytes), and imports the engine straight from it. `worker` is
    the worker's URL relative to assets/kit/, these settings in its query, so
    it need not fetch runtime.js before Pyodide starts.
    """
    name, data = wheel_bytes(ROOT)
    config = {
        "runtime": f"../pyodide-{PYODIDE_VERSION}/",
        "wheel": name,
        "integrity": integrity(data),
    }
    return {**config, "worker": f"worker.js?{urlencode(config)}"}


def runtime_config_js(config: dict) -> str:
    """The one generated script: runtime_config() as a module's default export."""
    return f"export default {json.dumps(config, sort_keys=True)};\n"


def gzip_cached(data: bytes, cache: Path, name: str) -> bytes:
    """gzip -9 of data (mtime 0, as finish.precompress writes), cached by content:
    the 9.6 MB wasm takes over a second to compress, and it changes only with Pyodide."""
    path = cache / f"gz-{name}-{hashlib.sha256(data).hexdigest()[:16]}.gz"
    if path.is_file():
        return path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    for old in cache.glob(f"gz-{name}-*.gz"):
        old.unlink(missing_ok=True)
    write_atomic(path, packed)
    return packed


def install_runtime(site_dir: Path, cache: Path | None = None, log=print) -> Path:
    """Copy the checked runtime and a fresh engine wheel into site_dir; return the folder."""
    source = ensure_runtime(cache, log=log) if cache else ensure_runtime(log=log)
    target = site_dir / RUNTIME_URL_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", STDLIB_ZIP):
            shutil.copyfile(source / name, target / name)
    (target / STDLIB_ZIP).write_bytes(site_stdlib(source, log=log))
    # The .gz copies the server sends (.zip is not among finish's compressible
    # types, so python_stdlib.zip.gz is only written here).
    for name in PRECOMPRESSED:
        data = (target / name).read_bytes()
        (target / f"{name}.gz").write_bytes(gzip_cached(data, source, name))
    wheel = build_wheel(target)
    if wheel.name != wheel_name():
        raise RuntimeError(f"engine wheel {wheel.name} is not the {wheel_name()} runtime.js names")
    write_lockfile(source / "pyodide-lock.json", wheel, target / "pyodide-lock.json")
    return target
