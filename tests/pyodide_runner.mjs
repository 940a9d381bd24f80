// Runs engine requests under the real Pyodide runtime in Node, loading the
// engine wheel exactly as the browser worker does: by name, from the
// pyodide-lock.json of a built site, with its sha256 checked.
// Usage: node pyodide_runner.mjs RUNTIME_DIR REQUESTS.json [RAW.json] > replies.json
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = path.resolve(process.argv[2]) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: path.join(runtimeDir, "pyodide-lock.json"),
  stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n"),
});
const lock = JSON.parse(readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
const names = Object.keys(lock.packages);
await pyodide.loadPackage(names, { checkIntegrity: true, messageCallback: () => {} });
const api = pyodide.pyimport("kit.engine.api");
const version = pyodide.runPython("import sys; sys.version.split()[0]");
// A file, not stdin: large piped input makes readFileSync(0) fail with EAGAIN.
const requests = JSON.parse(readFileSync(process.argv[3], "utf8"));
const replies = requests.map((r) => JSON.parse(api.handle(JSON.stringify(r))));
// Optional RAW.json: a list of request texts handed to the engine as they are.
const raw = process.argv[4] ? JSON.parse(readFileSync(process.argv[4], "utf8")).map((t) => JSON.parse(api.handle(t))) : undefined;
process.stdout.write(JSON.stringify({ python: version, replies, raw }));
