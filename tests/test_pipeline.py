"""Each step of the build pipeline alone (build_scripts/build.py): generate,
runtime and finish, and the configuration they share."""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from build_scripts import config as build_config
from build_scripts import security
from build_scripts.generate import build_folder
from build_scripts.runtime import RuntimeFetchError, ensure_runtime, site_assets
from build_scripts.runtime.engine_wheel import DIST_NAME, add_wheel
from tests.conftest import ROOT


def _config(tmp_path, **kw):
    return build_config.load(site_dir=tmp_path / "site", build_dir=tmp_path / "build", **kw)


def test_generate_alone_writes_pages_nav_and_config(tmp_path):
    config = _config(tmp_path)
    gen = build_folder.run(config)
    docs = config.generated_docs
    page = (docs / "assessments" / "leadership-vision.md").read_text(encoding="utf-8")
    assert page.startswith("---\nkit_tool: true\n")  # the theme starts the engine early
    assert (docs / "de" / "assessments" / "leadership-vision.md").is_file()
    # Hand-written pages come along; the NPS tool is one, and is marked too.
    assert (docs / "guide" / "index.md").read_bytes() == (ROOT / "docs/guide/index.md").read_bytes()
    assert (docs / "tools" / "nps-call-list.md").read_text().startswith("---\nkit_tool: true\n")
    assert "kit_tool" not in (docs / "guide" / "index.md").read_text()
    runtime_js = (docs / "assets" / "kit" / "runtime.js").read_text()
    assert json.loads(runtime_js.removeprefix("export default ").rstrip().rstrip(";"))["wheel"]
    site = yaml.safe_load(config.generated_config.read_text(encoding="utf-8"))
    assert "hooks" not in site and site["docs_dir"] == "docs"
    assert site["extra"]["kit_csp"] == security.csp()
    assert site["extra"]["kit_worker"].startswith("worker.js?")
    assessments = next(i for i in site["nav"] if "Assessments" in i)["Assessments"]
    assert assessments[0] == "assessments/index.md"
    assert "assessments/leadership-vision.md" in assessments
    assert (config.build_dir / site["theme"]["custom_dir"]).resolve() == (
        ROOT / "build_scripts" / "site" / "theme"
    )
    manifest = json.loads(config.manifest.read_text())
    assert set(manifest["generated"]) == set(gen.pages) and manifest["languages"] == ["de"]
    # A second run changes nothing; a file no run makes any more goes.
    stale = docs / "guide" / "gone.md"
    stale.write_text("# Gone\n")
    again = build_folder.run(config)
    assert again.written == 0 and not stale.exists()


def test_generate_for_a_dev_server_leaves_the_policy_out(tmp_path):
    config = _config(tmp_path, serve=True)
    build_folder.run(config)
    site = yaml.safe_load(config.generated_config.read_text(encoding="utf-8"))
    assert site["extra"]["kit_csp"] == ""


def test_generate_stops_on_a_bad_definition_with_its_line(tmp_path, monkeypatch):
    qdir = tmp_path / "q"
    qdir.mkdir()
    (qdir / "broken.yaml").write_text("id: broken\nversion: 1\n", encoding="utf-8")
    monkeypatch.setenv("KIT_QUESTIONNAIRES", str(qdir))
    with pytest.raises(build_folder.GenerateError, match=r"problem\(s\) in definitions:\n"):
        build_folder.run(_config(tmp_path))
    assert not (tmp_path / "build" / "docs").exists()


def test_runtime_alone_installs_the_runtime_with_a_lockfile_from_pyodide_build(tmp_path):
    target = site_assets.install_runtime(tmp_path / "docs", log=lambda *a: None)
    assert target == tmp_path / "docs" / site_assets.RUNTIME_URL_DIR
    wheel = target / site_assets.wheel_name()
    lock = json.loads((target / "pyodide-lock.json").read_text())
    (entry,) = lock["packages"].values()
    assert entry["name"] == DIST_NAME and entry["file_name"] == wheel.name
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["kit"]
    mtimes = {p.name: p.stat().st_mtime_ns for p in target.iterdir()}
    site_assets.install_runtime(tmp_path / "docs", log=lambda *a: None)
    assert {p.name: p.stat().st_mtime_ns for p in target.iterdir()} == mtimes  # nothing rewritten


def test_pyodide_builds_own_command_writes_the_wheel_entry(tmp_path):
    """The entry comes from `pyodide lockfile add-wheels` (pyodide-build's CLI)."""
    runtime = ensure_runtime(log=lambda *a: None)
    target = site_assets.install_runtime(tmp_path / "docs", log=lambda *a: None)
    out = tmp_path / "full-lock.json"
    add_wheel(runtime / "pyodide-lock.json", target / site_assets.wheel_name(), out)
    packages = json.loads(out.read_text())["packages"]
    upstream = json.loads((runtime / "pyodide-lock.json").read_text())["packages"]
    assert set(packages) == set(upstream) | {DIST_NAME}


def test_finish_alone_over_a_built_site_gives_the_same_files(built_site, tmp_path):
    """The finish step run by itself (as after any generator) on the MkDocs build's
    site without its finishing: the same service worker, copies and SHA256SUMS."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for path in site.rglob("*"):
        # (sitemap.xml.gz is MkDocs' own file, not a copy the finish step writes.)
        copy = path.suffix in (".gz", ".br") and not path.name.startswith("sitemap.xml")
        if copy or path.name in ("sw.js", "SHA256SUMS"):
            path.unlink()
    build_dir = built_site.parent / f"{built_site.name}.build"
    cmd = [sys.executable, "-m", "build_scripts.finish.step", str(site)]
    env = {**os.environ, "KIT_BUILD_DIR": str(build_dir)}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (site / "SHA256SUMS").read_text() == (built_site / "SHA256SUMS").read_text()


def test_an_unknown_generator_is_one_line_and_exit_1(tmp_path):
    env = {**os.environ, "SITE_GENERATOR": "hugo"}
    cmd = [sys.executable, "-m", "build_scripts.build", "-d", str(tmp_path / "site")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "error: SITE_GENERATOR: unknown generator 'hugo' (known: mkdocs, zensical)"
    )


def test_config_reads_inherit_and_env_as_mkdocs_does(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text("site_name: Base\nextra: {a: 1, b: 2}\n")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [KIT_TEST_URL, 'http://default/']\nextra: {b: 3}\n"
    )
    monkeypatch.delenv("KIT_TEST_URL", raising=False)
    raw = build_config.read_yaml(tmp_path / "mkdocs.yml")
    assert raw == {"site_name": "Base", "extra": {"a": 1, "b": 3}, "site_url": "http://default/"}
    monkeypatch.setenv("KIT_TEST_URL", "https://kit.example/")
    assert build_config.read_yaml(tmp_path / "mkdocs.yml")["site_url"] == "https://kit.example/"


def test_a_missing_runtime_fetch_names_npm(monkeypatch, tmp_path):
    """The runtime step's errors are the fetch's messages (RuntimeFetchError)."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm
    with pytest.raises(RuntimeFetchError, match="npm is not installed"):
        ensure_runtime(tmp_path / "cache", log=lambda *a: None)


def test_an_organisations_own_mkdocs_hook_still_runs(tmp_path):
    from tests.conftest import build_site
    from tests.test_settings import org_config

    (tmp_path / "acme_hook.py").write_text(
        "from pathlib import Path\n\n\ndef on_post_build(config):\n"
        "    (Path(config.site_dir) / 'acme.txt').write_text('ran')\n",
        encoding="utf-8",
    )
    config = org_config(tmp_path, {"languages": []}, hooks=["acme_hook.py"])
    proc = build_site(tmp_path / "site", config=config)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "acme.txt").read_text() == "ran"
    assert (tmp_path / "site" / "assessments" / "leadership-vision" / "index.html").is_file()
