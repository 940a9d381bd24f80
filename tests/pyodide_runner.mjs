// Runs engine requests under the real Pyodide runtime in Node, starting the
// engine with the site's own python-start.js, exactly as the browser worker
// does: the built site's wheel, its sha256 checked (the browser checks it as
// Subresource Integrity), written into Pyodide's file system, put on sys.path.
// With --restored, the engine runs restored from a memory snapshot, packed and
// unpacked as the worker stores it, as on a browser's second visit.
// Usage: node pyodide_runner.mjs [--restored] RUNTIME_DIR REQUESTS.json [RAW.json] > replies.json
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// An uncaught error: its message and stack only (Node would also print the
// offending line of the minified runtime, hundreds of kilobytes).
process.on("uncaughtException", (err) => {
  process.stderr.write(`${(err && err.stack) || err}\n`);
  process.exit(1);
});

const restored = process.argv.includes("--restored");
const args = process.argv.slice(2).filter((a) => a !== "--restored");
const runtimeDir = path.resolve(args[0]) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const kit = pathToFileURL(path.join(runtimeDir, "..", "kit", "python-start.js")).href;
const { packSnapshot, startPython, unpackSnapshot } = await import(kit);
// The lock names the one wheel the build wrote, with its sha256.
const lock = JSON.parse(readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
const [wheel] = Object.values(lock.packages);
const bytes = readFileSync(path.join(runtimeDir, wheel.file_name));
if (createHash("sha256").update(bytes).digest("hex") !== wheel.sha256) {
  throw new Error(`${wheel.file_name}: not the bytes the build hashed`);
}
const options = {
  indexURL: runtimeDir,
  lockFileURL: path.join(runtimeDir, "pyodide-lock.json"),
  wheelName: wheel.file_name,
  wheel: bytes,
};
let { pyodide, api, snapshot } = await startPython(loadPyodide, { ...options, makeSnapshot: restored });
// Two restores of one snapshot: their `random` draws and str hashes, and
// whether `random` was already imported when the snapshot was made.
let restores;
if (restored) {
  const python = (py, code) => py.runPython(`import random, sys\n${code}`);
  const packed = packSnapshot(snapshot);
  const imported = python(pyodide, "'random' in sys.modules");
  const made = python(pyodide, "random.random()");
  const twice = [];
  // As the worker passes a stored one: its length, then its bytes.
  const stored = { length: snapshot.length, fill: async (memory) => unpackSnapshot(packed, memory) };
  for (const _ of [1, 2]) twice.push(await startPython(loadPyodide, { ...options, snapshot: stored }));
  restores = {
    random_imported: imported,
    draws: [made, ...twice.map((r) => python(r.pyodide, "random.random()"))],
    hashes: twice.map((r) => python(r.pyodide, "hash('kit')")),
    hash_randomization: twice.map((r) => python(r.pyodide, "sys.flags.hash_randomization")),
  };
  ({ pyodide, api } = twice[1]);
}
const version = pyodide.runPython("import sys; sys.version.split()[0]");
// A file, not stdin: large piped input makes readFileSync(0) fail with EAGAIN.
const requests = JSON.parse(readFileSync(args[1], "utf8"));
const replies = requests.map((r) => JSON.parse(api.handle(JSON.stringify(r))));
// Optional RAW.json: a list of request texts handed to the engine as they are.
const raw = args[2] ? JSON.parse(readFileSync(args[2], "utf8")).map((t) => JSON.parse(api.handle(t))) : undefined;
const restoredHere = pyodide.runPython("import os; os.environ.get('KIT_RESTORED') == '1'");
process.stdout.write(JSON.stringify({ python: version, restored: restoredHere, restores, replies, raw }));
