"""The built site behind real nginx, with the hosting guide's own configuration,
at the root of a server and under a subpath: MIME types, precompressed files,
security headers, and an assessment that scores under the header CSP.

The root server has Brotli on (Debian's brotli_static module loaded and the
guide's one-line file in place, when the module is installed; .ci/run installs
it); the subpath server has the guide's configuration without that file, so it
shows the same configuration sending gzip where Brotli is not set up. The root
server also has the optional drop box for team rounds switched on
(tests/test_dropbox.py)."""

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import brotli
import pytest

from build_scripts.generate.hosting import Dropbox, nginx_server
from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
from build_scripts.security import SECURITY_HEADERS
from kit.engine import score
from tests.assessment_page import answer, expected_view, model, read_result, wait_for_progress

pytestmark = pytest.mark.browser
# Debian's libnginx-mod-http-brotli-static.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIXED = {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None
    )


class Nginx:
    def __init__(self, workdir: Path, site: Path):
        self.dir = workdir
        www = workdir / "www"
        www.mkdir()
        (www / "cx-kit").symlink_to(site, target_is_directory=True)
        self.root_port, self.sub_port = free_port(), free_port()
        temp = " ".join(
            f"{k}_temp_path {workdir}/{k};"
            for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # The guide's steps for Brotli: the module loaded, the one-line file written.
        self.brotli = BROTLI_MODULE.is_file()
        load = f"load_module {BROTLI_MODULE};\n" if self.brotli else ""
        if self.brotli:
            (workdir / "cx-kit-brotli.conf").write_text("brotli_static on;\n")
        self.dropbox = Dropbox(dir=str(workdir / "dropbox"))
        (workdir / "dropbox").mkdir()
        servers = nginx_server(
            str(site),
            "/",
            f"127.0.0.1:{self.root_port}",
            "localhost",
            brotli_include=f"{workdir}/cx-kit-brotli*.conf",
            dropbox=self.dropbox,
        )
        servers += nginx_server(
            str(www),
            "/cx-kit/",
            f"127.0.0.1:{self.sub_port}",
            "localhost",
            mime_types=False,
            brotli_include=f"{workdir}/no-brotli-here*.conf",
        )
        self.conf = workdir / "nginx.conf"
        self.conf.write_text(
            f"{load}daemon off;\nmaster_process off;\nworker_processes 1;\n"
            f"pid {workdir}/nginx.pid;\nerror_log {workdir}/error.log warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
            f"access_log {workdir}/access.log;\n{temp}\n{servers}\n}}\n"
        )
        self.proc = subprocess.Popen(
            [nginx_binary(), "-c", str(self.conf), "-p", str(workdir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.root_url = f"http://127.0.0.1:{self.root_port}/"
        self.sub_url = f"http://127.0.0.1:{self.sub_port}/cx-kit/"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{self.proc.stdout.read().decode()}")
            try:
                urllib.request.urlopen(self.root_url, timeout=1).close()
                urllib.request.urlopen(self.sub_url, timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not answer:\n{self.logs()}")

    def logs(self) -> str:
        parts = []
        for name in ("error.log", "access.log"):
            path = self.dir / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text()[-4000:]}")
        return "\n".join(parts)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def nginx(built_site, tmp_path_factory):
    if nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light; .ci/run does this)")
    server = Nginx(tmp_path_factory.mktemp("nginx"), built_site)
    yield server
    server.stop()


@pytest.fixture
def nginx_logs_on_failure(nginx, request):
    yield nginx
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        print(nginx.logs())


def head(url: str, gzip: bool = False, accept: str | None = None) -> dict:
    return get(url, gzip, accept)[0]


def get(url: str, gzip: bool = False, accept: str | None = None) -> tuple[dict, bytes]:
    req = urllib.request.Request(url, method="GET")
    if gzip or accept:
        req.add_header("Accept-Encoding", accept or "gzip")
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = resp.read()
        return {k.lower(): v for k, v in resp.headers.items()}, body


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_mime_types_compression_and_headers(nginx_logs_on_failure, where):
    base = nginx_logs_on_failure.root_url if where == "root" else nginx_logs_on_failure.sub_url
    runtime = base + RUNTIME_URL_DIR + "/"
    wasm = head(runtime + "pyodide.asm.wasm", gzip=True)
    assert wasm["content-type"] == "application/wasm"
    assert wasm.get("content-encoding") == "gzip"  # the build's .gz copy
    assert wasm.get("vary") == "Accept-Encoding"
    assert "immutable" in wasm["cache-control"]
    mjs = head(runtime + "pyodide.mjs")
    assert mjs["content-type"].startswith("text/javascript")
    page = head(base + "assessments/leadership-vision/")
    assert page["content-type"].startswith("text/html")
    assert page["cache-control"] == "no-cache"
    for name, value in SECURITY_HEADERS.items():
        assert page[name.lower()] == value


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_assessment_scores_behind_nginx(nginx_logs_on_failure, page, where):
    base = nginx_logs_on_failure.root_url if where == "root" else nginx_logs_on_failure.sub_url
    page.goto(base + "assessments/leadership-vision/")
    answer(page, MIXED)
    wait_for_progress(page, 6, 6)
    page.wait_for_function(
        "() => document.querySelector('.kit-result').dataset.state === 'complete'"
    )
    view = read_result(page)
    want = expected_view(score(model("leadership-vision"), "manager", MIXED))
    assert {k: view[k] for k in want} == want
    # The navigation works under the subpath too: every link stays inside it.
    page.goto(base)
    hrefs = page.eval_on_selector_all("a.md-nav__link[href]", "els => els.map((e) => e.href)")
    assert hrefs and all(h.startswith(base) for h in hrefs)


def test_brotli_where_set_up_and_gzip_elsewhere(nginx_logs_on_failure, built_site):
    """Chromium's Accept-Encoding: the root server (brotli_static on) sends the
    build's .br copies, the subpath server (no brotli file) the .gz ones."""
    server = nginx_logs_on_failure
    if not server.brotli:
        pytest.skip(f"{BROTLI_MODULE} is not installed (.ci/run installs it)")
    chromium = "gzip, deflate, br, zstd"
    for rel, ctype in (
        (f"{RUNTIME_URL_DIR}/pyodide.asm.wasm", "application/wasm"),
        (f"{RUNTIME_URL_DIR}/python_stdlib.zip", "application/zip"),
        ("index.html", "text/html"),
    ):
        headers, body = get(server.root_url + rel, accept=chromium)
        assert headers.get("content-encoding") == "br", rel
        assert headers["content-type"].startswith(ctype)
        assert headers.get("vary") == "Accept-Encoding"
        assert brotli.decompress(body) == (built_site / rel).read_bytes()
        headers, body = get(server.sub_url + rel, accept=chromium)
        assert headers.get("content-encoding") == "gzip", rel
        # The root server without br in the request: gzip.
        headers, _ = get(server.root_url + rel, accept="gzip, deflate")
        assert headers.get("content-encoding") == "gzip", rel
    headers = head(server.root_url + f"{RUNTIME_URL_DIR}/pyodide.asm.wasm", accept=chromium)
    assert "immutable" in headers["cache-control"]
    page = head(server.root_url + "assessments/leadership-vision/", accept=chromium)
    assert page.get("content-encoding") == "br"
    assert page["cache-control"] == "no-cache"
    for name, value in SECURITY_HEADERS.items():
        assert page[name.lower()] == value
