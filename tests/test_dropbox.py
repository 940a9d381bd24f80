"""The optional drop box for sealed team-round results, behind real nginx with
the configuration the hosting guide publishes: a PUT of one well-named file is
stored; reading, listing, overwriting, other names, other methods and
oversized bodies are refused; nothing of it reaches the access log."""

import secrets
import urllib.error
import urllib.request

import pytest

from tests.test_nginx import nginx, nginx_logs_on_failure  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def call(url: str, method: str, body: bytes | None = None) -> int:
    req = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def test_put_is_stored_and_nothing_else_is_allowed(nginx_logs_on_failure):  # noqa: F811
    server = nginx_logs_on_failure
    box = server.root_url.rstrip("/") + server.dropbox.path
    folder = server.dir / "dropbox"
    name = f"{secrets.token_hex(16)}.json"
    sealed = b'{"kind": "cx-kit-sealed", "format": 1, "round": "0123456789abcdef", "sealed": []}'
    access_before = (server.dir / "access.log").read_text()

    assert call(box + name, "PUT", sealed) in (201, 204)
    assert (folder / name).read_bytes() == sealed
    # Write once: the same name again is refused, the first file stays.
    assert call(box + name, "PUT", b"{}") == 409
    assert (folder / name).read_bytes() == sealed
    # Nothing comes back out, and the folder is not listed.
    assert call(box + name, "GET") == 403
    assert call(box + name, "DELETE") == 403
    assert call(box, "GET") == 404
    assert call(box.rstrip("/"), "GET") in (301, 404)  # the site's own location, no listing
    # Other names: not stored.
    for bad in ("../evil.json", "ABCDEF0123456789abcdef0123456789.json", "short.json",
                f"{secrets.token_hex(16)}.html", f"sub/{secrets.token_hex(16)}.json"):  # fmt: skip
        assert call(box + bad, "PUT", sealed) in (403, 404, 405), bad
    # Oversized: refused before it is written.
    big = f"{secrets.token_hex(16)}.json"
    limit = server.dropbox.max_kb * 1024
    assert call(box + big, "PUT", b"x" * (limit + 1)) == 413
    assert not (folder / big).exists()
    assert sorted(p.name for p in folder.iterdir()) == [name]
    # No access log line for any request the drop box handled (a path that
    # leaves it, like ../evil.json, is the site's and logged as such).
    logged = (server.dir / "access.log").read_text()[len(access_before) :]
    for handled in (name, big, "ABCDEF0123456789", "short.json", "sub/"):
        assert handled not in logged
