"""Which Chromium the browser tests drive: Debian's, else Playwright's own.

`python -m build_scripts.devtools.browser_path` prints it, or exits 1 when there is none.
"""

import os
import shutil
import sys
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """An executable path, or None to let Playwright use its own browser."""
    env = os.environ.get("KIT_CHROMIUM")
    if env:
        return env
    for path in CANDIDATES:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def playwright_has_own_browser() -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        return Path(p.chromium.executable_path).is_file()


if __name__ == "__main__":
    path = chromium_path()
    if path:
        print(path)
        sys.exit(0)
    sys.exit(0 if playwright_has_own_browser() else 1)
