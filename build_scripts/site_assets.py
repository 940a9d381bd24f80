"""Put the runtime, the engine wheel and its lockfile into a built site."""

import json
import shutil
from pathlib import Path

from .engine_wheel import DIST_NAME, build_wheel, write_lockfile
from .runtime import PYODIDE_VERSION, RUNTIME_FILES, ensure_runtime

RUNTIME_URL_DIR = f"assets/pyodide-{PYODIDE_VERSION}"


def runtime_config_js() -> str:
    """The one generated script: where the worker finds the runtime, as data."""
    config = {"runtime": f"../pyodide-{PYODIDE_VERSION}/", "package": DIST_NAME}
    return f"export default {json.dumps(config, sort_keys=True)};\n"


def install_runtime(site_dir: Path, cache: Path | None = None, log=print) -> Path:
    """Copy the checked runtime and a fresh engine wheel into site_dir; return the folder."""
    source = ensure_runtime(cache, log=log) if cache else ensure_runtime(log=log)
    target = site_dir / RUNTIME_URL_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in RUNTIME_FILES:
        if name != "pyodide-lock.json":
            shutil.copyfile(source / name, target / name)
    wheel = build_wheel(target)
    write_lockfile(source / "pyodide-lock.json", wheel, target / "pyodide-lock.json")
    return target
