"""Web server configurations for the kit, from one template each.

The hosting guide shows them, and the tests run the built site behind the
nginx one, so the published example is the tested one.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..security import SECURITY_HEADERS, security_headers

TEMPLATES = Path(__file__).parent / "templates"


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
    headers: dict | None = None,
) -> str:
    """brotli_include: a file pattern with a `*`; the file `brotli_static on;` goes
    in (the pattern without the `*`) is read only if it exists."""
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
        )
    )


def apache_site(
    docroot: str = "/srv/www", prefix: str = "/cx-kit/", headers: dict | None = None
) -> str:
    return (
        _env()
        .get_template("apache-site.conf.j2")
        .render(docroot=docroot.rstrip("/"), prefix=prefix, headers=headers or SECURITY_HEADERS)
    )


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
            headers=headers,
            pyodide_version=PYODIDE_VERSION,
        )
    )


def generate(style_hashes: tuple[str, ...] = ()) -> dict[str, str]:
    return {"reference/hosting.md": guide_page(style_hashes)}
