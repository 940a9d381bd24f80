"""The built site: pages, runtime files, and nothing loaded from another origin."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from build_scripts import finish
from build_scripts.runtime import PYODIDE_VERSION
from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
from build_scripts.runtime.vendor_js import VENDOR_URL_DIR
from kit import loader
from tests.conftest import GENERATORS

# Hosts that appear in third-party JavaScript the site ships (Material, lunr,
# Pyodide) as comments, licence notes or code paths the kit never takes. A new
# host here fails the test, so an upgrade that adds one gets reviewed.
THIRD_PARTY_JS_HOSTS = {
    "www.w3.org": "XML namespace names, not requests",
    "www.mozilla.org": "licence comments",
    "people.mozilla.org": "comments",
    "developer.mozilla.org": "comments",
    "github.com": "comments and Material's repository link code (no repo_url set)",
    "api.github.com": "Material's repository facts (no repo_url set, never called)",
    "snowball.tartarus.org": "lunr stemmer comments",
    "tartarus.org": "lunr stemmer comments",
    "code.google.com": "comments",
    "unpkg.com": "Material's Mermaid loader (no diagrams in the site, never called)",
    "fontawesome.com": "icon licence comments",
    "en.wikipedia.org": "comments",
    # The vendored @hpke/core and @hpke/common (assets/kit/vendor/hpke/): comments only.
    "jsr.io": "HPKE API-doc comments",
    "caniuse.com": "comment",
    "bugzil.la": "comment",
    "issues.chromium.org": "comment",
    "crypto.stackexchange.com": "comment",
    "cr.yp.to": "comment",
    "keccak.team": "comment",
    "nvlpubs.nist.gov": "comment",
    "www.rfc-editor.org": "comments",
    "clipboardjs.com": "licence comment",
    "cdn.jsdelivr.net": "Pyodide's default package CDN; the kit's lockfile lists only the "
    "local engine wheel, so it is never used (the browser tests check every request)",
    "bit.ly": "comment",
    "wiki.ecmascript.org": "comment",
    "wiki.commonjs.org": "comment",
    "underscorejs.org": "comment",
    "narwhaljs.org": "comment",
    "msdn.microsoft.com": "comment",
    "lunrjs.com": "comment",
    "docs.python.org": "comment",
    "chasen.org": "comment",
}
URL = re.compile(r"https?://[A-Za-z0-9.-]+")
LOADING_ATTRS = {"src", "srcset", "data", "poster", "action", "formaction"}


class ResourceRefs(HTMLParser):
    """URLs the browser would load by itself: everything but plain <a href>."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in LOADING_ATTRS or (name == "href" and tag != "a"):
                self.refs.append((tag, name, value))
            if name == "style" and "url(" in value:
                self.refs.append((tag, name, value))


def external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme in ("http", "https") or url.strip().startswith("//"))


def test_every_questionnaire_has_a_page_with_its_definition(any_built_site):
    built_site = any_built_site
    models = loader.load_all()
    assert models
    for model in models:
        html = (built_site / "assessments" / model.id / "index.html").read_text()
        embedded = re.search(
            r'<script type="application/json" class="kit-definition">(.*?)</script>', html, re.S
        )
        assert embedded, model.id
        assert json.loads(embedded.group(1)) == json.loads(json.dumps(model.definition))
        assert f'data-kit-id="{model.id}"' in html
        assert model.source.article.split(":")[0] in html  # attribution on the page
        for q in model.questions:
            assert f'name="q-{q.id}"' in html
    index = (built_site / "assessments" / "index.html").read_text()
    for model in models:
        assert f'href="{model.id}/"' in index


def test_runtime_is_vendored_without_extras(any_built_site):
    built_site = any_built_site
    runtime = built_site / RUNTIME_URL_DIR
    names = sorted(p.name for p in runtime.iterdir() if p.suffix not in (".gz", ".br"))
    wheel = [n for n in names if n.endswith(".whl")]
    assert len(wheel) == 1 and wheel[0].startswith("cx_leadership_kit-")
    assert set(names) == {
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
        wheel[0],
    }
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["cx-leadership-kit"]
    assert lock["packages"]["cx-leadership-kit"]["file_name"] == wheel[0]
    assert f"pyodide-{PYODIDE_VERSION}" in RUNTIME_URL_DIR
    # No source maps, typings or consoles anywhere in the site.
    extras = [
        p
        for p in built_site.rglob("*")
        if p.suffix in (".map", ".ts") or p.name.startswith("console")
    ]
    assert extras == []
    maps = [p for p in built_site.rglob("*.*s") if b"sourceMappingURL" in p.read_bytes()]
    assert maps == []


def test_precompressed_copies_and_checksums(any_built_site):
    built_site = any_built_site
    import gzip
    import hashlib

    wasm = built_site / RUNTIME_URL_DIR / "pyodide.asm.wasm"
    packed = wasm.with_name(wasm.name + ".gz")
    assert gzip.decompress(packed.read_bytes()) == wasm.read_bytes()
    assert len(packed.read_bytes()) < 0.5 * len(wasm.read_bytes())
    # Wheels are already deflated; the trimmed stdlib zip is stored, so it is gzipped.
    assert not list((built_site / RUNTIME_URL_DIR).glob("*.whl.gz"))
    stdlib_zip = built_site / RUNTIME_URL_DIR / "python_stdlib.zip"
    packed_zip = stdlib_zip.with_name("python_stdlib.zip.gz")
    assert gzip.decompress(packed_zip.read_bytes()) == stdlib_zip.read_bytes()
    # Brotli copies beside the gzip ones: for the runtime, the pages and the theme.
    import brotli

    for path in (wasm, stdlib_zip, built_site / "index.html"):
        br = path.with_name(path.name + ".br").read_bytes()
        assert brotli.decompress(br) == path.read_bytes()
    # Every page's copies (written while the build renders the next pages).
    for page in built_site.rglob("*.html"):
        data = page.read_bytes()
        if len(data) >= finish.MIN_SIZE:
            assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == data
            assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == data
    assert not list((built_site / RUNTIME_URL_DIR).glob("*.whl.br"))
    assert not list(built_site.rglob("*.gz.br")) and not list(built_site.rglob("*.br.gz"))
    sums = (built_site / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert set(listed) == files - {"SHA256SUMS"}
    for rel in ("index.html", "sw.js", f"{RUNTIME_URL_DIR}/pyodide.asm.wasm"):
        assert listed[rel] == hashlib.sha256((built_site / rel).read_bytes()).hexdigest()


def test_no_resource_from_another_origin(any_built_site):
    built_site = any_built_site
    problems = []
    for page in built_site.rglob("*.html"):
        parser = ResourceRefs()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attr, value in parser.refs:
            if external(value) or ("url(" in value and "http" in value):
                problems.append(f"{page.relative_to(built_site)}: <{tag} {attr}={value!r}>")
    for css in built_site.rglob("*.css"):
        for m in re.finditer(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(built_site)}: {m.group(0)}")
    assert problems == []


def test_kit_scripts_name_no_other_origin(any_built_site):
    built_site = any_built_site
    own = [
        p
        for p in (built_site / "assets" / "kit").rglob("*")
        if p.suffix in (".js", ".css") and VENDOR_URL_DIR not in p.as_posix()
    ]
    assert {p.name for p in own} >= {"kit.js", "worker.js", "runtime.js", "kit.css"}
    for path in own:
        assert URL.findall(path.read_text(encoding="utf-8")) == [], path.name


def test_third_party_scripts_name_only_reviewed_hosts(any_built_site):
    built_site = any_built_site
    hosts: dict[str, set[str]] = {}
    for path in built_site.rglob("*"):
        rel = path.as_posix()
        if path.suffix in (".js", ".mjs") and ("assets/kit/" not in rel or VENDOR_URL_DIR in rel):
            for url in URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                hosts.setdefault(urlsplit(url).hostname, set()).add(path.name)
    unreviewed = {h: sorted(files) for h, files in hosts.items() if h not in THIRD_PARTY_JS_HOSTS}
    assert unreviewed == {}


def test_no_google_fonts(any_built_site):
    built_site = any_built_site
    html = (built_site / "index.html").read_text()
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_invalid_definition_fails_the_build_with_file_line_messages(tmp_path):
    """A bad definition stops mkdocs with the loader's messages, not a traceback."""
    from tests.conftest import build_site

    qdir = tmp_path / "questionnaires"
    qdir.mkdir()
    good = (loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml").read_text()
    (qdir / "broken.yaml").write_text(
        good.replace("id: leadership-vision", "id: broken").replace(
            "scale: frequency\n", "scale: freq5\n", 1
        )
    )
    proc = build_site(tmp_path / "site", extra_env={"KIT_QUESTIONNAIRES": str(qdir)})
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out
    line = next(i for i, t in enumerate(good.splitlines(), 1) if "scale: frequency" in t)
    assert (
        f"broken.yaml:{line}: questions[0].scale: unknown scale 'freq5' (defined: frequency)" in out
    )


@pytest.mark.parametrize("generator", GENERATORS)
def test_two_builds_are_byte_identical(tmp_path, generator):
    """With SOURCE_DATE_EPOCH set (the Makefile sets it from the last commit)."""
    from tests.conftest import build_site

    if generator == "zensical":
        pytest.importorskip("zensical")
    sums = []
    for name in ("a", "b"):
        env = {"SOURCE_DATE_EPOCH": "1700000000"}
        proc = build_site(tmp_path / name, extra_env=env, generator=generator)
        assert proc.returncode == 0, proc.stderr
        sums.append((tmp_path / name / "SHA256SUMS").read_text())
    assert sums[0] == sums[1]
