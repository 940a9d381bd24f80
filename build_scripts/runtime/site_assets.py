"""The runtime step: the runtime, the engine wheel and its lockfile, into the build folder.

The standard library is not upstream's: build_scripts/runtime/stdlib.py trims it to
what the kit imports and precompiles it (python_stdlib.zip). The finish step
writes the precompressed copies.
"""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlencode

from kit.engine.results import RESPONSE_ID_RE

from . import PYODIDE_INTEGRITY, PYODIDE_VERSION, RUNTIME_FILES, ensure_runtime
from . import stdlib as stdlib_module
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
# The Cache Storage cache where the worker keeps its memory snapshot of Python
# (one entry: the current key). The service worker leaves it alone on a new
# deployment (the worker replaces a stale entry itself); "forget everything"
# deletes it with every other cx-kit-* cache.
SNAPSHOT_CACHE = "cx-kit-snapshot"
# The code that makes and restores the snapshot: a change to it makes old snapshots stale.
SNAPSHOT_CODE = ("docs/assets/kit/python-start.js", "docs/assets/kit/worker.js")


def wheel_name() -> str:
    """The engine wheel's file name (its version carries a hash of the engine)."""
    return wheel_file_name(_version(ROOT))


def snapshot_key(engine_integrity: str) -> str:
    """What a memory snapshot of the started engine depends on, hashed: the
    pinned runtime, the trimmed standard library's recipe, the engine wheel and
    the code that makes the snapshot. Another key means a stale snapshot."""
    digest = hashlib.sha256()
    for part in (
        PYODIDE_INTEGRITY.encode(),
        Path(stdlib_module.__file__).read_bytes(),
        engine_integrity.encode(),
        *((ROOT / name).read_bytes() for name in SNAPSHOT_CODE),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:24]


def runtime_config() -> dict:
    """Where the worker finds the runtime, as data (runtime.js and the page's <head>).

    The worker fetches the engine wheel (`wheel`) while Pyodide starts, checked
    against `integrity` (its sha256, as Subresource Integrity: the browser
    refuses other bytes), and imports the engine straight from it. `worker` is
    the worker's URL relative to assets/kit/, these settings in its query, so
    it need not fetch runtime.js before Pyodide starts. `snapshot` keys the
    worker's memory snapshot in the `snapshot_cache` cache (snapshot_key).
    `response_id_pattern`
    is the engine's rule for a result's response id, which the page checks
    when it restores saved answers (one owner: kit.engine.results).
    """
    name, data = wheel_bytes(ROOT)
    config = {
        "runtime": f"../pyodide-{PYODIDE_VERSION}/",
        "wheel": name,
        "integrity": integrity(data),
        "snapshot": snapshot_key(integrity(data)),
        "snapshot_cache": SNAPSHOT_CACHE,
    }
    return {
        **config,
        "worker": f"worker.js?{urlencode(config)}",
        "response_id_pattern": RESPONSE_ID_RE.pattern,
    }


def runtime_config_js(config: dict) -> str:
    """The one generated script: runtime_config() as a module's default export."""
    return f"export default {json.dumps(config, sort_keys=True)};\n"


def _write(path: Path, data: bytes) -> None:
    """Write path unless it holds data already (a dev server then sees no change)."""
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        path.write_bytes(data)


def install_runtime(docs_dir: Path, cache: Path | None = None, log=print) -> Path:
    """The runtime step: the checked runtime, the trimmed standard library, the
    engine wheel and its lockfile, into docs_dir/assets/pyodide-<version>/ of
    the build folder, for the generator to copy into the site. Returns the folder."""
    source = ensure_runtime(cache, log=log) if cache else ensure_runtime(log=log)
    target = docs_dir / RUNTIME_URL_DIR
    target.mkdir(parents=True, exist_ok=True)
    wanted = {name for name in RUNTIME_FILES}
    for name in RUNTIME_FILES:
        if name not in ("pyodide-lock.json", STDLIB_ZIP):
            _write(target / name, (source / name).read_bytes())
    _write(target / STDLIB_ZIP, site_stdlib(source, log=log))
    wheel = build_wheel(target)
    if wheel.name != wheel_name():
        raise RuntimeError(f"engine wheel {wheel.name} is not the {wheel_name()} runtime.js names")
    write_lockfile(source / "pyodide-lock.json", wheel, target / "pyodide-lock.json")
    wanted.add(wheel.name)
    for old in target.iterdir():
        if old.name not in wanted:
            old.unlink()
    return target
