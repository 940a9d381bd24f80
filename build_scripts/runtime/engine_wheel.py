"""The engine wheel the browser loads, and the pyodide-lock.json that names it.

The wheel holds only `kit/__init__.py` and `kit/engine/`: the pure-stdlib code
the worker imports, as source and as bytecode beside it (`model.pyc` next to
`model.py`, compiled by the pinned Pyodide's own Python, see
stdlib.compile_modules): the worker imports the engine straight from the wheel
with zipimport, which runs the bytecode and saves compiling the engine on
every page load (2-4x faster imports). Installed with pip, the .pyc files are
ignored (the .py files win there).

It is written directly (a pure-Python wheel is a zip with three metadata
files) so that it is byte-identical from build to build, and its version
carries a hash of its contents so a changed engine never hides behind a cached
file of the same name.
"""

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from pyodide_lock import PyodideLockSpec

from .. import build_cache

ROOT = Path(__file__).resolve().parents[2]
DIST_NAME = "cx-leadership-kit"
# The name as wheel file names and .dist-info folders spell it.
DIST = DIST_NAME.replace("-", "_")
IMPORT_NAME = "kit"
# build_cache kind of the engine's lockfiles.
LOCK_KIND = "lockfile"


def engine_sources(root: Path = ROOT) -> list[tuple[str, bytes]]:
    """(archive name, bytes) of every engine module, in a stable order."""
    files = [root / "kit" / "__init__.py", *sorted((root / "kit" / "engine").glob("*.py"))]
    return [(f.relative_to(root).as_posix(), f.read_bytes()) for f in files]


def _version(root: Path) -> str:
    from kit import __version__

    digest = hashlib.sha256()
    for name, data in engine_sources(root):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


def wheel_file_name(version: str) -> str:
    """The engine wheel's file name for a version from _version."""
    return f"{DIST}-{version}-py3-none-any.whl"


def _quiet(*args) -> None:
    pass


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _zip_time() -> tuple[int, int, int, int, int, int]:
    import time

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01
    return time.gmtime(max(epoch, 315532800))[:6]


# The last wheel made, by what it is made from: a build asks twice (runtime.js
# names it, then it is copied into the site).
_made: dict[tuple, tuple[str, bytes]] = {}


def wheel_bytes(root: Path = ROOT) -> tuple[str, bytes]:
    """The engine wheel's file name and contents (the same bytes on every call)."""
    version = _version(root)
    key = (str(root), version, _zip_time())
    if key not in _made:
        _made.clear()
        _made[key] = _make_wheel(root, version)
    return _made[key]


def _make_wheel(root: Path, version: str) -> tuple[str, bytes]:
    info = f"{DIST}-{version}.dist-info"
    from . import ensure_runtime
    from .stdlib import compile_modules

    entries = engine_sources(root)
    compiled = compile_modules(
        ensure_runtime(log=_quiet), [e for e in entries if e[0].endswith(".py")]
    )
    entries = [
        e for name, data in entries for e in ((name, data), (name + "c", compiled[name + "c"]))
    ]
    entries.append(
        (
            f"{info}/METADATA",
            f"Metadata-Version: 2.1\nName: {DIST_NAME}\nVersion: {version}\n"
            "Summary: Scoring engine of the customer-centric leadership kit\n".encode(),
        )
    )
    entries.append(
        (
            f"{info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: cx-kit build_scripts\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in entries)
    record += f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode()))

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, _zip_time())
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, data)
    return wheel_file_name(version), buf.getvalue()


def integrity(data: bytes) -> str:
    """Subresource Integrity metadata (what fetch(url, {integrity}) checks)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def build_wheel(out_dir: Path, root: Path = ROOT) -> Path:
    """Write the engine wheel into out_dir and return its path."""
    name, data = wheel_bytes(root)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    for old in out_dir.glob(f"{DIST}-*.whl"):
        if old != path:
            old.unlink()
    if not (path.is_file() and path.read_bytes() == data):
        path.write_bytes(data)
    return path


def pyodide_cli() -> str:
    """pyodide-build's `pyodide` command, beside this Python (the venv's) or on PATH."""
    here = Path(sys.executable).parent / "pyodide"
    found = str(here) if here.is_file() else shutil.which("pyodide")
    if not found:
        raise RuntimeError(
            "pyodide-build's `pyodide` command is not installed: run `make setup` "
            "(pip install -e .) to install the build's dependencies"
        )
    return found


def add_wheel(runtime_lock: Path, wheel: Path, out: Path) -> None:
    """`pyodide lockfile add-wheels`: the runtime's lockfile plus the wheel's entry
    (name, version, imports, sha256), from pyodide-build's own command. It works
    offline; it needs pkginfo (a dependency it does not declare, pinned here)."""
    cmd = [pyodide_cli(), "lockfile", "add-wheels", "--input", str(runtime_lock)]
    cmd += ["--output", str(out), "--base-path", str(wheel.parent), str(wheel)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(
            f"`pyodide lockfile add-wheels` failed (exit {proc.returncode}):\n"
            f"{(proc.stderr or proc.stdout).strip()[-2000:]}"
        )


def write_lockfile(runtime_lock: Path, wheel: Path, out: Path) -> dict:
    """A pyodide-lock.json listing only the engine wheel, with its sha256.

    pyodide-build writes the entry (add_wheel); pyodide-lock, for which
    pyodide-build has no command, keeps only ours: the upstream lock names 358
    packages whose wheels live on a CDN the kit must never use, so a stray
    loadPackage fails here, on this origin, instead of reaching out. The result
    is cached by what it is made from (the command takes about a second).
    """
    digest = hashlib.sha256(runtime_lock.read_bytes())
    digest.update(wheel.name.encode() + b"\0" + wheel.read_bytes())
    key = digest.hexdigest()
    data = build_cache.load(LOCK_KIND, key)
    if data is None:
        with tempfile.TemporaryDirectory() as tmp:
            full = Path(tmp) / "pyodide-lock.json"
            add_wheel(runtime_lock, wheel, full)
            spec = PyodideLockSpec.from_json(full)
        spec.packages = {k: v for k, v in spec.packages.items() if k == DIST_NAME}
        if not spec.packages:
            raise RuntimeError(f"`pyodide lockfile add-wheels` wrote no entry for {wheel.name}")
        with tempfile.TemporaryDirectory() as tmp:
            spec.to_json(Path(tmp) / "lock.json", indent=1)
            data = (Path(tmp) / "lock.json").read_bytes()
        build_cache.store(LOCK_KIND, key, data)
    if not (out.is_file() and out.read_bytes() == data):
        out.write_bytes(data)
    return json.loads(data)
