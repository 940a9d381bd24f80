"""The site's python_stdlib.zip: only what the kit runs, precompiled by Pyodide itself.

Pyodide's python_stdlib.zip holds the whole standard library as source (614
entries, 2.5 MB compressed), and a browser compiles every module it imports
from source on every page load: with the upstream zip that compilation is
well over half of Pyodide's start-up in a browser. The site gets a zip that

- keeps only KEEP: every module a real run imports (TRACED, see `trace`)
  plus a safety margin of small pure modules (MARGIN), less the modules
  Python runs frozen from the WebAssembly binary (FROZEN: their source in the
  zip is never read);
- holds them as bytecode (.pyc) compiled by the pinned Pyodide's own Python in
  Node (the host Python's bytecode would not load), with docstrings and
  asserts left out and no column tables (`-OO`, PYTHONNODEBUGRANGES), under
  the file names they have upstream, so tracebacks name the same files;
- stores its entries uncompressed: the finish step writes python_stdlib.zip.gz
  beside it and the server sends that (one gzip stream compresses better than
  entries deflated one by one).

The result is byte-identical from build to build (upstream's entry order and
timestamps, PYTHONHASHSEED=0) and cached in .cache/, so Node runs once per
change of the runtime, the keep list or this file.

TRACED comes from running in Node what the browser worker does (loadPyodide,
the engine wheel on sys.path, import of kit.engine.api), then every engine op
(score over all test vectors, validate, nps, story, every result action,
aggregate) including their error paths, a Python exception carried to
JavaScript, and the import of every MARGIN module; every module then in
`sys.modules` that came from the zip is kept. The trace is a developer tool
(build_scripts/devtools/stdlib_trace.py), never run by the build:

    python -m build_scripts.devtools.stdlib_trace trace   # prints TRACED again (needs node)
    python -m build_scripts.devtools.stdlib_trace check   # the built zip: nothing lost
    python -m build_scripts.devtools.stdlib_trace sizes   # upstream vs trimmed vs compiled
"""

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..build_cache import write_atomic
from . import RuntimeFetchError

STDLIB_ZIP = "python_stdlib.zip"
# Where Pyodide mounts the zip: the compiled code names its files there.
ZIP_MOUNT = "/lib/python314.zip"

# Modules a full trace found in sys.modules, loaded from the zip (`trace`).
TRACED = frozenset(
    """
    __future__ _colorize _opcode_metadata _py_warnings _pyodide _pyodide._base
    _pyodide._core_docs _pyodide._future_helper _pyodide._importhook _pyodide.docs_argspec
    _pyodide.docstring _pyodide.jsbind _ssl _strptime _weakrefset annotationlib ast asyncio
    asyncio.base_events asyncio.base_futures asyncio.base_subprocess asyncio.base_tasks
    asyncio.constants asyncio.coroutines asyncio.events asyncio.exceptions
    asyncio.format_helpers asyncio.futures asyncio.graph asyncio.locks asyncio.log
    asyncio.mixins asyncio.protocols asyncio.queues asyncio.runners asyncio.selector_events
    asyncio.sslproto asyncio.staggered asyncio.streams asyncio.subprocess asyncio.taskgroups
    asyncio.tasks asyncio.threads asyncio.timeouts asyncio.transports asyncio.trsock
    asyncio.unix_events base64 bisect bz2 calendar codeop collections colorsys compression
    compression._common compression._common._streams compression.zstd
    compression.zstd._zstdfile concurrent concurrent.futures concurrent.futures._base
    contextlib contextvars copy copyreg csv dataclasses datetime decimal dis encodings
    encodings.aliases encodings.ascii encodings.charmap encodings.cp1252 encodings.latin_1
    encodings.raw_unicode_escape encodings.unicode_escape encodings.utf_16
    encodings.utf_16_be encodings.utf_16_le encodings.utf_32 encodings.utf_8
    encodings.utf_8_sig enum fnmatch fractions functools glob graphlib hashlib heapq hmac
    html html.entities importlib importlib._abc importlib.abc inspect json json.decoder
    json.encoder json.scanner keyword linecache locale logging lzma numbers opcode operator
    pathlib pathlib._os pprint pyodide pyodide._package_loader pyodide._state pyodide.code
    pyodide.common pyodide.ffi pyodide.webloop random re re._casefix re._compiler
    re._constants re._parser reprlib secrets selectors shlex shutil signal socket ssl
    statistics string struct subprocess tempfile textwrap threading token tokenize traceback
    types typing warnings weakref zipfile zipfile._path zipfile._path.glob
    """.split()
)

# Small pure modules kept although no traced run needs them: cheap insurance
# for the next engine change (the trace imports them, so what they import is
# in TRACED). Left out on purpose: the big ones (difflib 23 kB, uuid, email's
# parsers, xml, http, unittest, multiprocessing, zoneinfo without tzdata) and
# the codecs nobody decodes with.
MARGIN = frozenset(
    """
    _strptime bisect calendar colorsys copy csv dataclasses datetime decimal
    encodings.ascii encodings.latin_1 encodings.utf_16 encodings.utf_16_be
    encodings.utf_16_le encodings.utf_32 encodings.utf_8_sig encodings.cp1252
    encodings.charmap encodings.unicode_escape encodings.raw_unicode_escape
    enum fractions functools graphlib hashlib heapq hmac json keyword locale
    numbers operator pprint random reprlib secrets shlex statistics string
    struct textwrap types typing weakref
    """.split()
)

# Frozen into pyodide.asm.wasm and imported from there, never from the zip.
FROZEN = frozenset(
    """
    _collections_abc _sitebuiltins abc codecs genericpath importlib._bootstrap
    importlib._bootstrap_external importlib.machinery importlib.util io ntpath os
    posixpath site stat zipimport
    """.split()
)
KEEP = (TRACED | MARGIN) - FROZEN

# sys.builtin_module_names of the pinned runtime: compiled into the binary.
PYODIDE_BUILTINS = frozenset(
    """
    _abc _ast _asyncio _bisect _blake2 _bz2 _codecs _codecs_cn _codecs_hk _codecs_iso2022
    _codecs_jp _codecs_kr _codecs_tw _collections _contextvars _csv _ctypes _datetime _decimal
    _elementtree _functools _heapq _hmac _imp _io _json _locale _lsprof _lzma _md5
    _multibytecodec _opcode _operator _pickle _posixsubprocess _pyodide_core _queue _random
    _remote_debugging _sha1 _sha2 _sha3 _signal _socket _sqlite3 _sre _stat _statistics _string
    _struct _suggestions _symtable _sysconfig _testbuffer _testcapi _testclinic
    _testclinic_limited _testinternalcapi _testlimitedcapi _thread _tokenize _tracemalloc
    _types _typing _warnings _weakref _xxtestfuzz _zoneinfo _zstd array atexit binascii
    builtins cmath errno faulthandler fcntl gc itertools marshal math mmap posix pyexpat
    select sys termios time unicodedata xxsubtype zlib
    """.split()
)


def module_of(entry: str) -> str | None:
    """The dotted module an archive entry defines ('json/__init__.py' -> 'json')."""
    for suffix in ("/__init__.py", "/__init__.pyc", ".py", ".pyc"):
        if entry.endswith(suffix):
            return entry[: -len(suffix)].replace("/", ".")
    return None


def _packages(keep: frozenset[str]) -> set[str]:
    """The packages kept modules live in (their __init__ runs on import)."""
    return {".".join(n.split(".")[:i]) for n in keep for i in range(1, n.count(".") + 1)}


def trim(source: bytes, keep: frozenset[str] = KEEP) -> bytes:
    """The kept entries of upstream's zip, in upstream's order, deflated like upstream's."""
    wanted = set(keep) | _packages(keep)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            name = info.filename
            mod = name[:-1].replace("/", ".") if name.endswith("/") else module_of(name)
            if mod not in wanted:
                continue
            out = zipfile.ZipInfo(name, info.date_time)
            out.compress_type = info.compress_type
            out.external_attr = info.external_attr
            out.create_system = info.create_system
            zout.writestr(out, zin.read(info))
    return buf.getvalue()


# --- compiling with the runtime's own Python, in Node --------------------------------

COMPILE_PY = r"""
import importlib._bootstrap_external as bootstrap
import importlib.util
import sys
import zipfile

mount = MOUNT
assert mount in sys.path, sys.path
with zipfile.ZipFile("/tmp/in.zip") as zin, zipfile.ZipFile("/tmp/out.zip", "w") as zout:
    for info in zin.infolist():
        name, data = info.filename, zin.read(info)
        if name.endswith(".py"):
            code = compile(data, f"{mount}/{name}", "exec", dont_inherit=True, optimize=2)
            pyc = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            name, data = name + "c", bytes(pyc)
        out = zipfile.ZipInfo(name, info.date_time)
        out.compress_type = zipfile.ZIP_STORED
        out.external_attr = info.external_attr
        out.create_system = info.create_system
        zout.writestr(out, data)
"""

# Both Node scripts below: an uncaught error prints its message and stack only
# (Node would also echo the offending line of the minified runtime, hundreds of
# kilobytes, and the caller keeps only the end of stderr).
NODE_ERRORS_JS = r"""
process.on("uncaughtException", (err) => {
  process.stderr.write(`${(err && err.stack) || err}\n`);
  process.exit(1);
});
"""

COMPILE_JS = (
    r"""
// node compile.mjs RUNTIME_DIR IN.zip OUT.zip COMPILE.py
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
"""
    + NODE_ERRORS_JS
    + r"""
const [dir, input, output, script] = process.argv.slice(2);
const runtime = path.resolve(dir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const py = await loadPyodide({
  indexURL: runtime,
  env: { PYTHONHASHSEED: "0", PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});
py.FS.writeFile("/tmp/in.zip", readFileSync(input));
py.runPython(readFileSync(script, "utf8"));
writeFileSync(output, py.FS.readFile("/tmp/out.zip"));
"""
)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeFetchError(
            "node is not installed: the build compiles the trimmed Python standard library "
            "with the Pyodide runtime in Node (install Node.js, e.g. `apt-get install nodejs`)"
        )
    return node


def compile_zip(runtime: Path, source_zip: bytes, script: str | None = None) -> bytes:
    """source_zip with every .py replaced by its .pyc, compiled by the runtime in Node
    (or what `script` makes of /tmp/in.zip in /tmp/out.zip)."""
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        (tmp / "compile.mjs").write_text(COMPILE_JS, encoding="utf-8")
        script = script or COMPILE_PY.replace("MOUNT", json.dumps(ZIP_MOUNT))
        (tmp / "compile.py").write_text(script, encoding="utf-8")
        (tmp / "in.zip").write_bytes(source_zip)
        proc = subprocess.run(
            [
                _node(),
                str(tmp / "compile.mjs"),
                str(runtime),
                str(tmp / "in.zip"),
                str(tmp / "out.zip"),
                str(tmp / "compile.py"),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeFetchError(
                f"compiling the standard library in Node failed:\n{proc.stderr[-3000:]}"
            )
        return (tmp / "out.zip").read_bytes()


COMPILE_MODULES_PY = r"""
import importlib._bootstrap_external as bootstrap
import importlib.util
import zipfile

with zipfile.ZipFile("/tmp/in.zip") as zin, zipfile.ZipFile("/tmp/out.zip", "w") as zout:
    for info in zin.infolist():
        data = zin.read(info)
        # optimize=0: asserts and docstrings stay, as when Python compiles the source.
        code = compile(data, info.filename, "exec", dont_inherit=True, optimize=0)
        pyc = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
        zout.writestr(zipfile.ZipInfo(info.filename + "c", info.date_time), bytes(pyc))
"""


def compile_modules(runtime: Path, sources: list[tuple[str, bytes]], log=print) -> dict[str, bytes]:
    """{name + "c": bytecode} for each (name.py, source), compiled by the runtime's
    own Python in Node like the standard library (unchecked hash-based .pyc, no
    column tables; asserts and docstrings kept), cached in the runtime folder by
    the sources' hash."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name, data in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    key = digest.hexdigest()[:16]
    cached = runtime / f"kit-pyc-{key}.zip"
    if not cached.is_file():
        log("Compiling the engine with Pyodide in Node (once per change of the engine)…")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in sources:
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
        data = compile_zip(runtime, buf.getvalue(), COMPILE_MODULES_PY)
        for old in runtime.glob("kit-pyc-*.zip"):
            old.unlink(missing_ok=True)
        write_atomic(cached, data)
    with zipfile.ZipFile(cached) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def cache_key(upstream: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(upstream).digest())
    digest.update(Path(__file__).read_bytes())  # the lists and the compile step
    return digest.hexdigest()[:16]


def site_stdlib(runtime: Path, log=print) -> bytes:
    """The site's python_stdlib.zip for the checked runtime folder, from cache if built."""
    upstream = (runtime / STDLIB_ZIP).read_bytes()
    cached = runtime / f"kit-stdlib-{cache_key(upstream)}.zip"
    if cached.is_file():
        return cached.read_bytes()
    log("Compiling the trimmed Python standard library with Pyodide in Node (once)…")
    data = compile_zip(runtime, trim(upstream))
    for old in runtime.glob("kit-stdlib-*.zip"):
        old.unlink(missing_ok=True)
    write_atomic(cached, data)
    return data
