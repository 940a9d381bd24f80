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


def csp(header: bool = False) -> str:
    directives = {**CSP_DIRECTIVES, **(HEADER_ONLY if header else {})}
    return "; ".join(f"{k} {v}" for k, v in directives.items())


SECURITY_HEADERS = {
    "Content-Security-Policy": csp(header=True),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
