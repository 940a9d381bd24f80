"""A small static server for a built site: loopback by default, right MIME types.

For trying `site/` as it will be deployed (`make serve-site`), for the tests
and for the benchmark; production hosting belongs on a real web server (see
the README). It behaves like the nginx configuration of the hosting guide
(build_scripts/generate/templates/nginx-server.conf.j2) where that changes what a
browser does: the build's precompressed `file.br` goes to browsers that accept
Brotli, else `file.gz` to browsers that accept gzip (with Content-Encoding, the
original file's Content-Type and Vary: Accept-Encoding); files whose
names carry a version or a content hash are cached as immutable, everything
else is revalidated (no-cache) with ETag and Last-Modified, answered by 304.
Connections are kept alive (HTTP/1.1) and closed with the server. Unlike
nginx, a .br or .gz older than its file is not used (someone edited the file).
"""

import argparse
import email.utils
import functools
import http.server
import os
import re
import socket
import sys
import threading
from pathlib import Path

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}
# nginx's `charset utf-8` (text/html by default, plus charset_types).
CHARSET_TYPES = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/json",
    "image/svg+xml",
    "text/plain",  # the slide outlines to download
}
# The same pattern as the nginx and Apache configurations and the service worker.
IMMUTABLE = re.compile(
    r"(/assets/pyodide-[^/]+/.+\.(wasm|zip|mjs|whl)|\.[0-9a-f]{8}\.min\.(js|css))$", re.I
)
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE_CACHE = "no-cache"


def accepts(header: str | None, coding: str) -> bool:
    """Whether an Accept-Encoding header allows coding (q=0 refuses it; `*` stands
    for any coding the header does not name)."""
    named = star = None
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if name not in (coding, "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name == coding:
            named = q
        else:
            star = q
    allowed = named if named is not None else star
    return allowed is not None and allowed > 0


# The precompressed copies, best first: (suffix, Content-Encoding).
ENCODINGS = ((".br", "br"), (".gz", "gzip"))


def etag_of(stat: os.stat_result) -> str:
    """nginx's strong ETag: last modification time and size, in hex."""
    return f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'


def _fresh(path: str, suffix: str) -> bool:
    """A precompressed copy that is not older than its file (an edited file wins over it)."""
    try:
        return os.stat(path + suffix).st_mtime >= os.stat(path).st_mtime
    except OSError:
        return False


class _CountingWriter:
    """Wraps the response stream to count the bytes sent (headers and body)."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    # Keep-alive, as a real server does (every response carries a length);
    # without TCP_NODELAY each response's body would wait for the ACK of its
    # headers (Nagle against delayed ACKs: 40 ms a request on Linux).
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self):
        self.wfile.count = 0
        super().handle_one_request()
        sent = getattr(self.server, "sent", None)
        if sent is not None and getattr(self, "path", None) and self.wfile.count:
            sent.append((self.path, getattr(self, "_status", 0), self.wfile.count))

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    # Quiet by default: the tests capture the log themselves.
    def log_message(self, format, *args):
        if self.server.log is not None:
            self.server.log.append(f"{self.address_string()} {format % args}")

    def guess_type(self, path):
        ctype = super().guess_type(path)
        return f"{ctype}; charset=utf-8" if ctype in CHARSET_TYPES else ctype

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            # Directories: the base class redirects to "dir/" or serves index.html.
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/") or not os.path.isfile(
                index
            ):
                return super().send_head()
            path = index
        if path.endswith("/") or not os.path.isfile(path):
            return super().send_head()  # the 404 page
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if url_path.endswith("/"):
            url_path += "index.html"
        send, encoding = path, None
        accept = self.headers.get("Accept-Encoding")
        for suffix, coding in ENCODINGS:
            if accepts(accept, coding) and _fresh(path, suffix):
                send, encoding = path + suffix, coding
                break
        try:
            f = open(send, "rb")
        except OSError:
            self.send_error(http.HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            stat = os.fstat(f.fileno())
            etag = etag_of(stat)
            cache = IMMUTABLE_CACHE if IMMUTABLE.search(url_path) else REVALIDATE_CACHE
            if self._not_modified(etag, stat):
                f.close()
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self._common_headers(etag, stat, cache)
                self.end_headers()
                return None
            self.send_response(http.HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(path))
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(stat.st_size))
            self._common_headers(etag, stat, cache)
            self.end_headers()
            return f
        except Exception:
            f.close()
            raise

    def _common_headers(self, etag, stat, cache):
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.send_header("Cache-Control", cache)
        self.send_header("Vary", "Accept-Encoding")

    def _not_modified(self, etag: str, stat: os.stat_result) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or f"W/{etag}" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            if since is not None and since.tzinfo is not None:
                return int(stat.st_mtime) <= since.timestamp()
        return False


class SiteServer(http.server.ThreadingHTTPServer):
    """Closing the server also closes its kept-alive connections: it is gone."""

    # A page opens its stylesheets, scripts and the worker's files at once;
    # socketserver's backlog of 5 drops connections a loaded machine accepts late.
    request_queue_size = 128

    def __init__(self, *args, **kwargs):
        self.connections = set()
        self._lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        with self._lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    # A browser that drops a connection (or a server closing) is not an error.
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    def server_close(self):
        super().server_close()
        with self._lock:
            open_ones = list(self.connections)
            self.connections.clear()
        for sock in open_ones:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def make_server(root: Path, host: str = "127.0.0.1", port: int = 0, log=None):
    handler = functools.partial(SiteHandler, directory=str(root))
    server = SiteServer((host, port), handler)
    server.daemon_threads = True
    server.log = log
    # (path, status, bytes sent) per response, when a caller sets it to a list.
    server.sent = None
    return server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the built site folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.root / "index.html").is_file():
        print(f"error: {args.root}/index.html not found; run `make build` first", file=sys.stderr)
        return 1
    try:
        server = make_server(args.root, args.host, args.port, log=None)
    except OSError as e:
        print(
            f"error: cannot listen on {args.host}:{args.port}: {e.strerror} "
            "(set PORT=... to use another port)",
            file=sys.stderr,
        )
        return 1
    print(f"Serving {args.root} on http://{args.host}:{server.server_port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
