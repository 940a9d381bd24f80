"""A small static server for a built site: loopback by default, right MIME types.

For trying `site/` as it will be deployed (`make serve-site`) and for the
tests; production hosting belongs on a real web server (see the README).
"""

import argparse
import functools
import http.server
import sys
from pathlib import Path

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    # Quiet by default: the tests capture the log themselves.
    def log_message(self, format, *args):
        if self.server.log is not None:
            self.server.log.append(f"{self.address_string()} {format % args}")


def make_server(root: Path, host: str = "127.0.0.1", port: int = 0, log=None):
    handler = functools.partial(SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.log = log
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
