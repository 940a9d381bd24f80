"""A trimmed python_stdlib.zip: only what Pyodide's start-up and the kit engine import.

Pyodide's python_stdlib.zip holds the whole standard library (614 entries,
2.5 MB compressed); a kit page needs about a quarter of it. The site gets a
copy that keeps

- TRACED: every module found in `sys.modules` after a real run in Node of what
  the browser worker does (loadPyodide, loadPackage of the engine wheel with
  its hash checked, import of kit.engine.api) followed by every engine op
  (score over all test vectors, validate, nps, story, every result action,
  aggregate) including their error paths, and a Python exception carried to
  JavaScript;
- MARGIN: a safety margin of small pure modules an engine change is likely to
  reach for (statistics, fractions, decimal, textwrap, string, difflib, ...),
  with whatever those import themselves (the trace imports them too).

Entries keep upstream's order, timestamps and attributes and are deflated at
zlib's default level like upstream's, so the zip is byte-identical from build
to build. Re-derive TRACED after a Pyodide upgrade or a new engine import:

    python -m build_scripts.stdlib trace   # prints TRACED as Python, needs node
    python -m build_scripts.stdlib check   # runs the same trace on the trimmed zip
    python -m build_scripts.stdlib sizes   # upstream vs trimmed
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

STDLIB_ZIP = "python_stdlib.zip"

# sys.modules entries loaded from python314.zip in a full trace (see `trace`).
TRACED = frozenset(
    """
    __future__ _collections_abc _colorize _frozen_importlib _frozen_importlib_external
    _markupbase _opcode_metadata _py_warnings _pyodide _pyodide._base _pyodide._core_docs
    _pyodide._future_helper _pyodide._importhook _pyodide.docs_argspec _pyodide.docstring
    _pyodide.jsbind _sitebuiltins _ssl _sysconfigdata__emscripten_wasm32-emscripten
    _weakrefset abc annotationlib ast asyncio asyncio.base_events asyncio.base_futures
    asyncio.base_subprocess asyncio.base_tasks asyncio.constants asyncio.coroutines
    asyncio.events asyncio.exceptions asyncio.format_helpers asyncio.futures asyncio.graph
    asyncio.locks asyncio.log asyncio.mixins asyncio.protocols asyncio.queues
    asyncio.runners asyncio.selector_events asyncio.sslproto asyncio.staggered
    asyncio.streams asyncio.subprocess asyncio.taskgroups asyncio.tasks asyncio.threads
    asyncio.timeouts asyncio.transports asyncio.trsock asyncio.unix_events base64 bisect bz2
    calendar codecs codeop collections collections.abc colorsys compression
    compression._common compression._common._streams compression.zstd
    compression.zstd._zstdfile concurrent concurrent.futures concurrent.futures._base
    contextlib contextvars copy copyreg csv dataclasses datetime decimal difflib dis email
    encodings encodings.aliases encodings.ascii encodings.charmap encodings.cp1252
    encodings.cp437 encodings.latin_1 encodings.raw_unicode_escape encodings.unicode_escape
    encodings.utf_16 encodings.utf_16_be encodings.utf_16_le encodings.utf_32
    encodings.utf_8 encodings.utf_8_sig enum fnmatch fractions functools genericpath glob
    graphlib hashlib heapq hmac html html.entities html.parser importlib importlib._abc
    importlib._bootstrap importlib._bootstrap_external importlib.abc importlib.machinery
    importlib.metadata importlib.metadata._collections importlib.metadata._functools
    importlib.metadata._itertools importlib.metadata._meta importlib.util inspect io json
    json.decoder json.encoder json.scanner keyword linecache locale logging lzma ntpath
    numbers opcode operator os os.path pathlib pathlib._os posixpath pprint pyodide
    pyodide._package_loader pyodide._state pyodide.code pyodide.common pyodide.ffi
    pyodide.webloop random re re._casefix re._compiler re._constants re._parser reprlib
    secrets selectors shlex shutil signal site socket ssl stat statistics string struct
    subprocess sysconfig tarfile tempfile textwrap threading token tokenize traceback types
    typing uuid warnings weakref zipfile zipfile._path zipfile._path.glob zipimport zoneinfo
    zoneinfo._common zoneinfo._tzpath
    """.split()
)

# Small pure modules kept although no traced run imports them: cheap insurance
# for the next engine change (the trace imports these too, so whatever they
# import is in TRACED). Big packages stay out: asyncio's extras, email's
# generators, xml, http, unittest, multiprocessing, tkinter, the codecs.
MARGIN = frozenset(
    """
    abc bisect calendar collections.abc colorsys copy csv dataclasses datetime decimal
    difflib encodings.ascii encodings.latin_1 encodings.utf_16 encodings.utf_16_be
    encodings.utf_16_le encodings.utf_32 encodings.utf_8_sig encodings.cp1252
    encodings.charmap encodings.unicode_escape encodings.raw_unicode_escape
    enum fractions functools graphlib hashlib heapq hmac html.parser _markupbase
    itertools json keyword locale math numbers operator pprint random reprlib
    secrets shlex statistics string struct textwrap types typing unicodedata uuid
    weakref zoneinfo
    """.split()
)
KEEP = TRACED | MARGIN


def module_of(entry: str) -> str | None:
    """The dotted module an archive entry defines ('json/__init__.py' -> 'json')."""
    if entry.endswith("/__init__.py"):
        return entry[: -len("/__init__.py")].replace("/", ".")
    if entry.endswith(".py"):
        return entry[: -len(".py")].replace("/", ".")
    return None


def _kept_packages(keep: frozenset[str]) -> set[str]:
    """Every package a kept module lives in (their __init__ runs on import)."""
    out = set()
    for name in keep:
        parts = name.split(".")
        for i in range(1, len(parts)):
            out.add(".".join(parts[:i]))
    return out


def wanted(entry: str, keep: frozenset[str] = KEEP) -> bool:
    packages = _kept_packages(keep)
    if entry.endswith("/"):  # a directory entry: kept with its package
        return entry[:-1].replace("/", ".") in keep | packages
    mod = module_of(entry)
    return mod is not None and (mod in keep or mod in packages)


def trim(source: bytes, keep: frozenset[str] = KEEP) -> bytes:
    """A zip of the kept entries of upstream's stdlib zip, deterministic."""
    packages = _kept_packages(keep)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            entry = info.filename
            if entry.endswith("/"):
                if entry[:-1].replace("/", ".") not in keep | packages:
                    continue
            else:
                mod = module_of(entry)
                if mod is None or (mod not in keep and mod not in packages):
                    continue
            out = zipfile.ZipInfo(entry, info.date_time)
            out.compress_type = info.compress_type
            out.external_attr = info.external_attr
            out.create_system = info.create_system
            zout.writestr(out, zin.read(info))
    return buf.getvalue()


def write_trimmed(source: Path, target: Path) -> Path:
    target.write_bytes(trim(source.read_bytes()))
    return target


def listing(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as z:
        return [i.filename for i in z.infolist()]


# --- deriving TRACED: the engine's real run under Pyodide in Node -------------------

TRACE_JS = r"""
// node trace.mjs RUNTIME_DIR REQUESTS.json MARGIN.json > modules.json
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, requestsPath, marginPath] = process.argv.slice(2);
const runtime = path.resolve(dir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const py = await loadPyodide({
  indexURL: runtime,
  lockFileURL: runtime + "pyodide-lock.json",
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});
const fromZip = () =>
  JSON.parse(
    py.runPython(`
import json, sys
json.dumps(sorted(
    name for name, m in list(sys.modules.items())
    if "python314.zip" in str(getattr(m, "__file__", None) or "")
))`),
  );
const stages = { boot: fromZip() };
const lock = JSON.parse(readFileSync(runtime + "pyodide-lock.json", "utf8"));
await py.loadPackage(Object.keys(lock.packages), { checkIntegrity: true, messageCallback: () => {} });
stages.package = fromZip();
const api = py.pyimport("kit.engine.api");
const requests = JSON.parse(readFileSync(requestsPath, "utf8"));
const kinds = {};
for (const r of requests) {
  const reply = JSON.parse(api.handle(typeof r === "string" ? r : JSON.stringify(r)));
  const key = `${r.op}${r.action ? "." + r.action : ""}:${reply.ok ? "ok" : reply.kind}`;
  kinds[key] = (kinds[key] || 0) + 1;
}
py.runPython(`
import os, kit.engine
for name in sorted(os.listdir(kit.engine.__path__[0])):
    if name.endswith(".py"):
        __import__("kit.engine." + name[:-3])
`);
try {
  py.runPython("raise ValueError('an error carried to JavaScript')");
} catch {
  /* the traceback formatting is what is traced */
}
stages.engine = fromZip();
const missing = [];
for (const name of JSON.parse(readFileSync(marginPath, "utf8"))) {
  try {
    py.pyimport(name);
  } catch {
    missing.push(name);
  }
}
stages.margin = fromZip();
const builtins = py.runPython("import sys, json; json.dumps(sorted(sys.builtin_module_names))");
process.stdout.write(JSON.stringify({ stages, kinds, missing, builtins: JSON.parse(builtins) }));
"""


def trace_requests() -> list:
    """At least one request per engine op and result action, with error paths."""
    import yaml

    from kit import loader
    from kit.engine import results
    from kit.engine.scoring import score

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.vectors import all_requests

    requests: list = list(all_requests())
    models = loader.load_all()
    model = models[0]
    definition = model.definition
    full = requests[0]["answers"] if requests else {}
    role = model.roles[0].id
    for m in models:
        requests.append({"op": "validate", "definition": m.definition})
    requests += [
        {"op": "validate", "definition": {"id": "x"}},
        {"op": "score", "definition": definition, "role": "nobody", "answers": {}},
        {"op": "nope"},
        "not json",
        "[1, 2]",
        "[" * 2000,
    ]
    for csv_file in sorted((root / "tests" / "fixtures" / "nps").glob("*")):
        text = csv_file.read_text(encoding="utf-8", errors="replace")
        requests.append({"op": "nps", "csv": text, "leaders": ["Ann", "Bo"], "cap": 2})
        requests.append({"op": "nps", "csv": text, "format": "csv"})
    requests.append({"op": "nps", "csv": 42})
    for story_file in sorted((root / "kit" / "stories").glob("*.yaml")):
        template = yaml.safe_load(story_file.read_text(encoding="utf-8"))
        fields = {f["id"]: "Text with *markdown* & <html>" for f in template.get("fields", [])}
        requests.append({"op": "story", "template": template, "fields": fields, "date": [2025, 3, 14]})
        requests.append({"op": "story", "template": template, "fields": {}, "date": "x"})
    requests.append({"op": "story", "template": {"id": ""}})
    rec = results.record(model, role, full, "A" * 22, "2025-03-14")
    code = results.encode(model, role, full)
    result = score(model, role, full)
    for action, extra in {
        "record": {"role": role, "answers": full, "response_id": "A" * 22, "date": "2025-03-14"},
        "read": {"record": rec},
        "encode": {"role": role, "answers": full},
        "decode": {"definitions": [definition], "code": code},
        "csv": {"record": rec},
        "chart": {"result": result, "title": "A title", "chart_id": "c1"},
        "keep": {"role": role, "answers": full, "previous": rec},
        "history": {"records": [rec, rec]},
        "fly": {},
    }.items():
        requests.append({"op": "result", "action": action, "definition": definition, **extra})
    requests.append({"op": "result", "action": "decode", "definitions": [definition], "code": "x"})
    items = [{"name": "one.json", "kind": "record", "data": rec}, {"name": "c", "kind": "code", "data": code}]
    try:
        from build_scripts.benchmark_data import generate

        many = generate(model, 60, seed=3)
        text = "\n".join(json.dumps(r) for r in many)
        items.append({"name": "team.jsonl", "kind": "text", "data": text})
    except ImportError:
        pass
    items.append({"name": "bad.json", "kind": "text", "data": "{not json"})
    for fmt in ("json", "csv"):
        requests.append({"op": "aggregate", "definition": definition, "items": items, "format": fmt, "min_group": 1})
    requests.append({"op": "aggregate", "definition": definition, "items": "x"})
    return requests


def _trace_runtime(tmp: Path, stdlib_zip: Path | None = None) -> Path:
    """A runtime folder like the site's: upstream files, our wheel and lockfile."""
    from .engine_wheel import build_wheel, write_lockfile
    from .runtime import RUNTIME_FILES, ensure_runtime

    source = ensure_runtime(log=lambda *a: print(*a, file=sys.stderr))
    runtime = tmp / "runtime"
    runtime.mkdir()
    for name in RUNTIME_FILES:
        if name != "pyodide-lock.json":
            (runtime / name).symlink_to(source / name)
    if stdlib_zip is not None:
        (runtime / STDLIB_ZIP).unlink()
        shutil.copyfile(stdlib_zip, runtime / STDLIB_ZIP)
    wheel = build_wheel(runtime)
    write_lockfile(source / "pyodide-lock.json", wheel, runtime / "pyodide-lock.json")
    return runtime


def run_trace(stdlib_zip: Path | None = None) -> dict:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("error: node is not installed: the trace runs Pyodide in Node")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        runtime = _trace_runtime(tmp, stdlib_zip)
        (tmp / "trace.mjs").write_text(TRACE_JS, encoding="utf-8")
        (tmp / "requests.json").write_text(json.dumps(trace_requests()), encoding="utf-8")
        (tmp / "margin.json").write_text(json.dumps(sorted(MARGIN)), encoding="utf-8")
        proc = subprocess.run(
            [node, str(tmp / "trace.mjs"), str(runtime), str(tmp / "requests.json"), str(tmp / "margin.json")],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if proc.returncode != 0:
        raise SystemExit(f"error: the trace failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def _format_names(names) -> str:
    lines, line = [], "   "
    for name in sorted(names):
        if len(line) + len(name) + 1 > 92:
            lines.append(line)
            line = "   "
        line += " " + name
    lines.append(line)
    return "\n".join(lines)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "sizes"
    from .runtime import ensure_runtime

    upstream = ensure_runtime(log=lambda *a: print(*a, file=sys.stderr)) / STDLIB_ZIP
    if command == "trace":
        out = run_trace()
        traced = set(out["stages"]["margin"])
        print(f"# {len(traced)} modules; op replies: {json.dumps(out['kinds'], sort_keys=True)}")
        print(f"# margin modules not importable: {out['missing']}")
        print(f"# by stage: " + ", ".join(f"{k} {len(v)}" for k, v in out["stages"].items()))
        print('TRACED = frozenset(\n    """\n' + _format_names(traced) + '\n    """.split()\n)')
        return 0
    if command == "check":
        with tempfile.TemporaryDirectory() as t:
            trimmed = write_trimmed(upstream, Path(t) / STDLIB_ZIP)
            full = run_trace()
            cut = run_trace(trimmed)
        lost = sorted(set(full["stages"]["margin"]) - set(cut["stages"]["margin"]))
        changed = {
            k: (full["kinds"].get(k), cut["kinds"].get(k))
            for k in set(full["kinds"]) | set(cut["kinds"])
            if full["kinds"].get(k) != cut["kinds"].get(k)
        }
        untraced = sorted(set(full["stages"]["margin"]) - KEEP)
        print(f"modules imported with the full zip but not the trimmed one: {lost or 'none'}")
        print(f"op replies that differ: {changed or 'none'}")
        print(f"traced modules missing from KEEP: {untraced or 'none'}")
        return 1 if lost or changed or untraced else 0
    if command == "sizes":
        data = trim(upstream.read_bytes())
        with zipfile.ZipFile(upstream) as z:
            n_up = len(z.infolist())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            n_cut = len(z.infolist())
        print(f"upstream {upstream.stat().st_size:>9} bytes, {n_up} entries")
        print(f"trimmed  {len(data):>9} bytes, {n_cut} entries, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
