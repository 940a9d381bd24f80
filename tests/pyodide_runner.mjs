// Runs engine requests under the real Pyodide runtime in Node, loading the
// engine exactly as the browser worker does: the built site's wheel, its
// sha256 checked (the browser checks it as Subresource Integrity), written
// into Pyodide's file system and put on sys.path.
// Usage: node pyodide_runner.mjs RUNTIME_DIR REQUESTS.json [RAW.json] > replies.json
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

const runtimeDir = path.resolve(process.argv[2]) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: path.join(runtimeDir, "pyodide-lock.json"),
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});
// The lock names the one wheel the build wrote, with its sha256.
const lock = JSON.parse(readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
const [wheel] = Object.values(lock.packages);
const bytes = readFileSync(path.join(runtimeDir, wheel.file_name));
if (createHash("sha256").update(bytes).digest("hex") !== wheel.sha256) {
  throw new Error(`${wheel.file_name}: not the bytes the build hashed`);
}
pyodide.FS.writeFile(`/lib/${wheel.file_name}`, bytes);
pyodide.pyimport("sys").path.insert(0, `/lib/${wheel.file_name}`);
const api = pyodide.pyimport("kit.engine.api");
const version = pyodide.runPython("import sys; sys.version.split()[0]");
// A file, not stdin: large piped input makes readFileSync(0) fail with EAGAIN.
const requests = JSON.parse(readFileSync(process.argv[3], "utf8"));
const replies = requests.map((r) => JSON.parse(api.handle(JSON.stringify(r))));
// Optional RAW.json: a list of request texts handed to the engine as they are.
const raw = process.argv[4] ? JSON.parse(readFileSync(process.argv[4], "utf8")).map((t) => JSON.parse(api.handle(t))) : undefined;
process.stdout.write(JSON.stringify({ python: version, replies, raw }));
