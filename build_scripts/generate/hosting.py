"""Web server configurations for the kit, from one template each.

The hosting guide shows them, and the tests run the built site behind the
nginx one, so the published example is the tested one.
"""

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..security import SECURITY_HEADERS, security_headers

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Dropbox:
    """The optional write-only location for sealed team-round results.

    `path` is the URL path a round names ("dropbox" in the round file), `dir`
    the server folder the files land in. A file's name is the response id the
    engine draws (32 hex digits) and ".json"; a sealed file of the largest
    bundled questionnaire is under 10 kB, so 64 kB leaves room."""

    path: str = "/cx-kit-dropbox/"
    dir: str = "/var/lib/cx-kit/dropbox"
    max_kb: int = 64
    name: str = r"[0-9a-f]{32}\.json"

    def __post_init__(self):
        if not (self.path.startswith("/") and self.path.endswith("/")):
            raise ValueError(f"dropbox path must start and end with '/', got {self.path!r}")


def _env() -> Environment:
    # Plain-text configs: no HTML autoescaping, but undefined names still fail.
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def nginx_server(
    docroot: str = "/srv/www",
    prefix: str = "/cx-kit/",
    listen: str = "80",
    server_name: str = "kit.example.internal",
    mime_types: bool = True,
    brotli_include: str = "/etc/nginx/cx-kit-brotli*.conf",
    dropbox: Dropbox | None = None,
    headers: dict | None = None,
) -> str:
    """brotli_include: a file pattern with a `*`; the file `brotli_static on;` goes
    in (the pattern without the `*`) is read only if it exists. dropbox: the
    team rounds' drop box location, off (None) by default."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/', got {prefix!r}")
    if brotli_include.count("*") != 1:
        raise ValueError(f"brotli_include must hold one '*', got {brotli_include!r}")
    return (
        _env()
        .get_template("nginx-server.conf.j2")
        .render(
            docroot=docroot.rstrip("/"),
            prefix=prefix,
            listen=listen,
            server_name=server_name,
            headers=headers or SECURITY_HEADERS,
            mime_types=mime_types,
            brotli_include=brotli_include,
            dropbox=dropbox,
        )
    )


def nginx_dropbox(dropbox: Dropbox | None = None, headers: dict | None = None) -> str:
    """The drop box location alone, to add inside the server block."""
    return (
        _env()
        .get_template("nginx-dropbox.conf.j2")
        .render(dropbox=dropbox or Dropbox(), headers=headers or SECURITY_HEADERS)
    )


def apache_site(
    docroot: str = "/srv/www", prefix: str = "/cx-kit/", headers: dict | None = None
) -> str:
    return (
        _env()
        .get_template("apache-site.conf.j2")
        .render(docroot=docroot.rstrip("/"), prefix=prefix, headers=headers or SECURITY_HEADERS)
    )


def apache_dropbox(dropbox: Dropbox | None = None) -> str:
    return _env().get_template("apache-dropbox.conf.j2").render(dropbox=dropbox or Dropbox())


def guide_page(style_hashes: tuple[str, ...] = ()) -> str:
    """The hosting guide, with the configurations the tests use (the policy
    allowing the site generator's inline stylesheets, if any)."""
    from ..runtime import PYODIDE_VERSION

    headers = security_headers(style_hashes)
    return (
        _env()
        .get_template("hosting.md.j2")
        .render(
            nginx=nginx_server(headers=headers),
            apache=apache_site(headers=headers),
            nginx_dropbox=nginx_dropbox(headers=headers),
            apache_dropbox=apache_dropbox(),
            dropbox=Dropbox(),
            headers=headers,
            pyodide_version=PYODIDE_VERSION,
        )
    )


def generate(style_hashes: tuple[str, ...] = ()) -> dict[str, str]:
    return {"reference/hosting.md": guide_page(style_hashes)}
