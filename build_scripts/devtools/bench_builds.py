"""Build times: the kit's pipeline against a plain site of the same page count."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .bench_common import GENERATOR, QID, QUESTIONNAIRES, ROOT, stats


def _timed(cmd: list, cwd: Path, env: dict | None) -> float:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # The last build's writes are flushed first, so they do not bill this one
    # (a cold kit build writes about 60 MB).
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full_env, timeout=1800)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"error: {' '.join(cmd[:4])} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return took


def kit_build(dest: Path, env: dict | None = None) -> float:
    """Seconds for one kit build with GENERATOR (a fresh process, as `make build` runs it:
    every step of the pipeline, its generated folder beside dest)."""
    cmd = [sys.executable, "-m", "build_scripts.build", "-q", "-g", GENERATOR, "-d", str(dest)]
    cmd += ["--build-dir", str(dest.parent / f"{dest.name}.build")]
    return _timed(cmd, ROOT, env)


def plain_build(config: Path) -> float:
    """Seconds for one strict build of a plain site (no kit) with GENERATOR."""
    if GENERATOR == "zensical":
        cmd = [
            str(Path(sys.executable).parent / "zensical"),
            "build",
            "--strict",
            "-f",
            str(config),
        ]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
    return _timed(cmd, config.parent, None)


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


PLAIN_PAGE = """# Page {n}

A plain Markdown page of about the length of the kit's pages, for timing
MkDocs on its own. {words}

## Section one

{words}

- one item
- another item with `code` and a [link to the home page](../index.md)

## Section two

{words}

| a | b |
| --- | --- |
| 1 | 2 |
"""


def plain_site(folder: Path, pages: int) -> Path:
    """A plain site (Material's theme, search, no kit) with `pages` pages, built
    into folder/site."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    words = " ".join(["lorem ipsum dolor sit amet consectetur adipiscing elit"] * 12)
    (docs / "index.md").write_text("# Home\n\nA plain site.\n", encoding="utf-8")
    for n in range(1, pages):
        (docs / "pages" / f"page-{n:04d}.md").write_text(
            PLAIN_PAGE.format(n=n, words=words), encoding="utf-8"
        )
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\ndocs_dir: docs\nstrict: true\ntheme:\n  name: material\n"
        "  font: false\n  features: [navigation.instant, navigation.sections]\n"
        "plugins: [search]\nmarkdown_extensions: [admonition, attr_list, tables, toc]\n",
        encoding="utf-8",
    )
    return config


def questionnaire_copies(folder: Path, total: int) -> str:
    """KIT_QUESTIONNAIRES for `total` questionnaires: the bundled ones (the guide
    links to them) and copies of leadership-vision.yaml with new ids."""
    from build_scripts.generate.build_folder import questionnaire_dirs
    from kit import loader

    bundled = len(loader.load_all())
    source = (loader.QUESTIONNAIRE_DIR / f"{QID}.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(total - bundled):
        qid = f"bench-copy-{n:03d}"
        text = re.sub(rf"^id: *{QID}\s*$", f"id: {qid}", source, count=1, flags=re.M)
        (folder / f"{qid}.yaml").write_text(text, encoding="utf-8")
    # The hooks either add KIT_QUESTIONNAIRES to the bundled folder or replace it.
    saved = os.environ.get("KIT_QUESTIONNAIRES")
    os.environ["KIT_QUESTIONNAIRES"] = str(folder)
    try:
        adds = loader.QUESTIONNAIRE_DIR in (questionnaire_dirs(None) or [])
    finally:
        if saved is None:
            del os.environ["KIT_QUESTIONNAIRES"]
        else:
            os.environ["KIT_QUESTIONNAIRES"] = saved
    return str(folder) if adds else os.pathsep.join([str(loader.QUESTIONNAIRE_DIR), str(folder)])


def measure_builds(tmp: Path, runs: int) -> dict:
    """Kit and plain builds of the same page count, run by run one after the
    other (a busy machine slows both). The kit builds use the build cache in
    .cache/build/ as `make build` does, after one untimed build (which also
    gives the page count); the 200-questionnaire kit is also timed with
    KIT_BUILD_CACHE=off, as a first build."""
    out = {}
    kit_site = tmp / "kit-build"
    kit_build(kit_site)  # the page count for the plain site
    pages = page_count(kit_site)
    plain_cfg = plain_site(tmp / "plain", pages)
    kit, plain = [], []
    for _ in range(runs):
        kit.append(kit_build(kit_site))
        plain.append(plain_build(plain_cfg))
    out["kit"] = {"pages": pages, "kit_s": stats(kit), "plain_s": stats(plain)}
    env = {"KIT_QUESTIONNAIRES": questionnaire_copies(tmp / "questionnaires", QUESTIONNAIRES)}
    many_site = tmp / "kit-many"
    kit_build(many_site, env=env)
    pages_many = page_count(many_site)
    plain_many_cfg = plain_site(tmp / "plain-many", pages_many)
    many, plain_many, cold = [], [], []
    for _ in range(runs):
        many.append(kit_build(many_site, env=env))
        plain_many.append(plain_build(plain_many_cfg))
        cold.append(kit_build(many_site, env={**env, "KIT_BUILD_CACHE": "off"}))
    out["many"] = {
        "pages": pages_many,
        "kit_s": stats(many),
        "plain_s": stats(plain_many),
        "kit_cold_s": stats(cold),
    }
    return out


# --- the served site --------------------------------------------------------------------
