"""The site's Content-Security-Policy and security headers, defined once.

Used by the page template (as a meta tag), by the web server examples in the
hosting guide, and by the tests that run the site under them.
"""

# Pyodide compiles WebAssembly, which needs 'wasm-unsafe-eval' and nothing
# broader ('unsafe-eval' is not needed). Material's icons are data: images in
# its CSS.
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# frame-ancestors is ignored in a meta tag: only the server header can carry it.
HEADER_ONLY = {"frame-ancestors": "'none'"}


def csp(header: bool = False, style_hashes: tuple[str, ...] = ()) -> str:
    """The policy; `style_hashes` ('sha256-...') allow the site generator's own
    inline stylesheets, each by its hash (Zensical's search box has one)."""
    directives = {**CSP_DIRECTIVES, **(HEADER_ONLY if header else {})}
    if style_hashes:
        allowed = " ".join(f"'{h}'" for h in style_hashes)
        directives["style-src"] = f"{directives['style-src']} {allowed}"
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def security_headers(style_hashes: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp(header=True, style_hashes=style_hashes),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }


SECURITY_HEADERS = security_headers()
