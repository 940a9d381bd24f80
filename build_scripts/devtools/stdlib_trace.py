"""Deriving the stdlib keep list (TRACED in build_scripts/runtime/stdlib.py): the
engine's real run under Pyodide in Node. A developer tool; the build never runs it.

    python -m build_scripts.devtools.stdlib_trace trace   # prints TRACED again (needs node)
    python -m build_scripts.devtools.stdlib_trace check   # the built zip: nothing lost
    python -m build_scripts.devtools.stdlib_trace sizes   # upstream vs trimmed vs compiled
"""

import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from build_scripts.runtime.stdlib import (
    FROZEN,
    KEEP,
    MARGIN,
    NODE_ERRORS_JS,
    PYODIDE_BUILTINS,
    STDLIB_ZIP,
    _node,
    site_stdlib,
    trim,
)

# --- deriving TRACED: the engine's real run under Pyodide in Node ---------------------

TRACE_JS = (
    r"""
// node trace.mjs RUNTIME_DIR REQUESTS.json MARGIN.json WHEEL ENGINE_MODULES.json > trace.json
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
"""
    + NODE_ERRORS_JS
    + r"""
const [dir, requestsPath, marginPath, wheel, modulesPath] = process.argv.slice(2);
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
    if "python314.zip" in str(getattr(getattr(m, "__spec__", None), "origin", None) or "")
))`),
  );
const stages = { boot: fromZip() };
// As worker.js does: the wheel on sys.path, imported from the zip.
py.FS.writeFile(`/lib/${wheel}`, readFileSync(runtime + wheel));
py.pyimport("sys").path.insert(0, `/lib/${wheel}`);
stages.package = fromZip();
const api = py.pyimport("kit.engine.api");
const kinds = {};
for (const r of JSON.parse(readFileSync(requestsPath, "utf8"))) {
  const reply = JSON.parse(api.handle(typeof r === "string" ? r : JSON.stringify(r)));
  const key = `${r.op}${r.action ? "." + r.action : ""}:${reply.ok ? "ok" : reply.kind}`;
  kinds[key] = (kinds[key] || 0) + 1;
}
for (const name of JSON.parse(readFileSync(modulesPath, "utf8"))) py.pyimport(name);
try {
  py.runPython("raise ValueError('an error carried to JavaScript')");
} catch {
  /* the traceback's formatting is what is traced */
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
const frozen = JSON.parse(py.runPython(`
import json, sys
json.dumps(sorted(n for n, m in list(sys.modules.items())
                  if getattr(getattr(m, "__spec__", None), "origin", None) == "frozen"))`));
const builtins = JSON.parse(
  py.runPython("import json, sys; json.dumps(sorted(sys.builtin_module_names))"),
);
process.stdout.write(JSON.stringify({ stages, kinds, missing, frozen, builtins }));
"""
)


def trace_requests() -> list:
    """At least one request per engine op and result action, with error paths."""
    import yaml

    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from build_scripts.devtools.vectors import all_requests
    from kit import loader
    from kit.engine import results
    from kit.engine.scoring import score

    requests: list = list(all_requests())
    models = loader.load_all()
    model = models[0]
    definition = model.definition
    role = model.roles[0].id
    full = next((r["answers"] for r in requests if r.get("definition") == definition), {})
    requests += [{"op": "validate", "definition": m.definition} for m in models]
    requests += [
        {"op": "validate", "definition": {"id": "x"}},
        {"op": "score", "definition": definition, "role": "nobody", "answers": {}},
        {"op": "nope"},
        "not json",
        "[1, 2]",
        "[" * 2000,  # deeper nesting crashes the runtime's C stack (see the report)
    ]
    for csv_file in sorted((root / "tests" / "fixtures" / "nps").glob("*")):
        text = csv_file.read_text(encoding="utf-8", errors="replace")
        requests.append({"op": "nps", "csv": text, "leaders": ["Ann", "Bo"], "cap": 2})
        requests.append({"op": "nps", "csv": text, "format": "csv"})
    requests.append({"op": "nps", "csv": 42})
    for story_file in sorted((root / "kit" / "stories").glob("*.yaml")):
        template = yaml.safe_load(story_file.read_text(encoding="utf-8"))
        fields = {f["id"]: "Text with *markdown* & <html>" for f in template.get("fields", [])}
        requests.append(
            {"op": "story", "template": template, "fields": fields, "date": [2025, 3, 14]}
        )
        requests.append({"op": "story", "template": template, "fields": {}, "date": "x"})
    requests.append({"op": "story", "template": {"id": ""}})
    rec = results.record(model, role, full, "A" * 22, "2025-03-14")
    code = results.encode(model, role, full)
    for action, extra in {
        "record": {"role": role, "answers": full, "response_id": "A" * 22, "date": "2025-03-14"},
        "read": {"record": rec},
        "encode": {"role": role, "answers": full},
        "decode": {"definitions": [definition], "code": code},
        "csv": {"record": rec},
        "chart": {"result": score(model, role, full), "title": "A title", "chart_id": "c1"},
        "keep": {"role": role, "answers": full, "previous": rec},
        "history": {"records": [rec, rec]},
        "fly": {},
    }.items():
        requests.append({"op": "result", "action": action, "definition": definition, **extra})
    requests.append({"op": "result", "action": "decode", "definitions": [definition], "code": "x"})
    items = [
        {"name": "one.json", "kind": "record", "data": rec},
        {"name": "c", "kind": "code", "data": code},
        {"name": "bad.json", "kind": "text", "data": "{not json"},
    ]
    try:
        from build_scripts.devtools.benchmark_data import generate

        text = "\n".join(json.dumps(r) for r in generate(model, 60, seed=3))
        items.append({"name": "team.jsonl", "kind": "text", "data": text})
    except ImportError:
        pass
    for fmt in ("json", "csv"):
        requests.append(
            {
                "op": "aggregate",
                "definition": definition,
                "items": items,
                "format": fmt,
                "min_group": 1,
            }
        )
    requests.append({"op": "aggregate", "definition": definition, "items": "x"})
    return requests


def run_trace(stdlib_zip: bytes | None = None) -> dict:
    """Trace a run on upstream's runtime, or with stdlib_zip in place of its zip."""
    from build_scripts.runtime import RUNTIME_FILES, ensure_runtime
    from build_scripts.runtime.engine_wheel import ROOT, build_wheel, write_lockfile

    source = ensure_runtime(log=lambda *a: print(*a, file=sys.stderr))
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        runtime = tmp / "runtime"
        runtime.mkdir()
        for name in RUNTIME_FILES:
            if name not in ("pyodide-lock.json", STDLIB_ZIP):
                (runtime / name).symlink_to(source / name)
        (runtime / STDLIB_ZIP).write_bytes(stdlib_zip or (source / STDLIB_ZIP).read_bytes())
        wheel = build_wheel(runtime)
        write_lockfile(source / "pyodide-lock.json", wheel, runtime / "pyodide-lock.json")
        (tmp / "trace.mjs").write_text(TRACE_JS, encoding="utf-8")
        (tmp / "requests.json").write_text(json.dumps(trace_requests()), encoding="utf-8")
        (tmp / "margin.json").write_text(json.dumps(sorted(MARGIN)), encoding="utf-8")
        # Every engine module, imported after the ops (the wheel is a zip: no listdir).
        files = sorted((ROOT / "kit" / "engine").glob("[!_]*.py"))
        engine = [f"kit.engine.{p.stem}" for p in files]
        (tmp / "modules.json").write_text(json.dumps(engine), encoding="utf-8")
        proc = subprocess.run(
            [
                _node(),
                str(tmp / "trace.mjs"),
                str(runtime),
                str(tmp / "requests.json"),
                str(tmp / "margin.json"),
                wheel.name,
                str(tmp / "modules.json"),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if proc.returncode != 0:
        raise SystemExit(f"error: the trace failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def _wrapped(names) -> str:
    lines, line = [], "   "
    for name in sorted(names):
        if len(line) + len(name) + 1 > 92:
            lines.append(line)
            line = "   "
        line += " " + name
    return "\n".join([*lines, line])


def _entries(data: bytes) -> tuple[int, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    return len(infos), sum(i.file_size for i in infos)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "sizes"
    from build_scripts.runtime import ensure_runtime

    runtime = ensure_runtime(log=lambda *a: print(*a, file=sys.stderr))
    if command == "trace":
        out = run_trace()
        kinds = json.dumps(out["kinds"], sort_keys=True)
        print(f"# {len(out['stages']['margin'])} modules; replies: {kinds}")
        print(f"# MARGIN modules that failed to import: {out['missing']}")
        print("# by stage: " + ", ".join(f"{k} {len(v)}" for k, v in out["stages"].items()))
        print(f"# frozen: {' '.join(out['frozen'])}")
        print(
            'TRACED = frozenset(\n    """\n'
            + _wrapped(out["stages"]["margin"])
            + '\n    """.split()\n)'
        )
        return 0
    if command == "check":
        full, cut = run_trace(), run_trace(site_stdlib(runtime))
        lost = sorted(set(full["stages"]["margin"]) - set(cut["stages"]["margin"]) - FROZEN)
        changed = {
            k: (full["kinds"].get(k), cut["kinds"].get(k))
            for k in set(full["kinds"]) | set(cut["kinds"])
            if full["kinds"].get(k) != cut["kinds"].get(k)
        }
        untraced = sorted(set(full["stages"]["margin"]) - KEEP - FROZEN)
        print(f"modules imported with upstream's zip but not with the site's: {lost or 'none'}")
        print(f"engine replies that differ: {changed or 'none'}")
        print(f"traced modules missing from KEEP: {untraced or 'none'}")
        print(f"frozen modules the trace saw: {' '.join(full['frozen'])}")
        builtins_differ = set(full["builtins"]) ^ PYODIDE_BUILTINS
        print(f"PYODIDE_BUILTINS differs from the runtime's in: {sorted(builtins_differ) or '-'}")
        return 1 if lost or changed or untraced or builtins_differ else 0
    if command == "sizes":
        upstream = (runtime / STDLIB_ZIP).read_bytes()
        trimmed, site = trim(upstream), site_stdlib(runtime)
        rows = [
            ("upstream (source, deflated)", upstream, len(upstream)),
            ("trimmed source, deflated", trimmed, len(trimmed)),
            ("site: trimmed .pyc, stored", site, len(gzip.compress(site, 9, mtime=0))),
        ]
        print(f"{'':32} {'entries':>7} {'unpacked':>10} {'file':>10} {'sent':>10}")
        for label, data, sent in rows:
            n, raw = _entries(data)
            print(f"{label:32} {n:>7} {raw:>10} {len(data):>10} {sent:>10}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
