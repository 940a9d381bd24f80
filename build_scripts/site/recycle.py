"""Write a build's files over the previous build's, instead of into a cleaned site/.

MkDocs empties site/ before each build, and the kit writes about 900 files
into it again (pages and their .gz and .br copies). On ext4, creating files
just after deleting as many is slow: the allocator skips inodes freed in the
last minute, and checks each one; back-to-back builds of 200 questionnaires
spent about half a second of kernel time on it. So before MkDocs
cleans, the previous build's files go into a hidden folder (MkDocs leaves
hidden entries alone); a file the build is about to write is moved from there
to its place first, and written over (same inode); what is left is deleted
when the build ends, so the site holds exactly what this build wrote.

Only files that are certainly written next are taken back: pages (MkDocs
writes each right after on_post_page), the files MkDocs copies right after
on_env, and the precompressed copies (written, or removed when they save
nothing); and never over a file this build has written already.
"""

import os
import shutil
import stat
from pathlib import Path

PREVIOUS = ".kit-previous"


class Recycler:
    def __init__(self):
        self.site: Path | None = None

    # Before MkDocs cleans site/: the previous build's entries move aside.
    def start(self, site: Path) -> None:
        self.site = None
        previous = site / PREVIOUS
        shutil.rmtree(previous, ignore_errors=True)  # left by a build that was killed
        entries = [e for e in os.listdir(site) if not e.startswith(".")] if site.is_dir() else []
        if not entries:
            return
        previous.mkdir()
        for entry in entries:
            os.rename(site / entry, previous / entry)
        self.site = site

    # dest is about to be written: the previous build's file there, if any,
    # goes back in place to be written over.
    def take(self, dest: Path) -> None:
        if self.site is None or os.path.lexists(dest):  # written already by this build
            return
        try:
            old = self.site / PREVIOUS / dest.relative_to(self.site)
            if not stat.S_ISREG(old.lstat().st_mode):
                return
        except (ValueError, OSError):
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(old, dest)
        except OSError:
            pass  # written afresh

    # The end of a build (or its failure): what was not taken back goes.
    def finish(self) -> None:
        if self.site is not None:
            shutil.rmtree(self.site / PREVIOUS, ignore_errors=True)
        self.site = None
