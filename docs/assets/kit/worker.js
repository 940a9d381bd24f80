// Web Worker: boots Pyodide from this site, imports the kit engine from its
// wheel and passes JSON requests to kit.engine.api.handle. No scoring happens
// here: Python does all of it.
//
// The page passes runtime.js's settings in this script's URL (engine.js has
// them already), which saves the worker a round trip before Pyodide starts.
const params = new URL(import.meta.url).searchParams;
const config = params.has("runtime")
  ? Object.fromEntries(["runtime", "wheel", "integrity"].map((k) => [k, params.get(k)]))
  : (await import("./runtime.js")).default;
const runtimeURL = new URL(config.runtime, import.meta.url).href;
let api = null;

// The engine wheel is fetched now, while Pyodide starts, with its sha256 as
// Subresource Integrity: the browser rejects any other bytes. Python then
// imports the engine straight from the wheel (a zip on sys.path), which saves
// loadPackage's lockfile lookup, second hash and unpacking.
const wheel = config.integrity
  ? fetch(new URL(config.wheel, runtimeURL), { integrity: config.integrity }).then((r) => {
      if (!r.ok) throw new Error(`the engine could not be fetched (HTTP ${r.status})`);
      return r.arrayBuffer();
    })
  : Promise.reject(new Error("the engine's hash is missing from runtime.js: rebuild the site"));
wheel.catch(() => {}); // reported when boot() awaits it

function mark(name) {
  postMessage({ type: "mark", name, at: performance.timeOrigin + performance.now() });
}

// Each status carries when it happened (ms since the epoch) for the benchmark.
function status(stage, extra = {}) {
  postMessage({ type: "status", stage, at: performance.timeOrigin + performance.now(), ...extra });
}

// Once per worker: the page counts boots (one per tab is the goal).
postMessage({ type: "boot" });

// Pyodide only warns when the .wasm cannot be fetched or compiled, and its
// loadPyodide() then never settles: turn that warning into a failure.
function wasmFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn;
    console.warn = (...args) => {
      if (args[0] === "wasm instantiation failed!") reject(new Error("the WebAssembly runtime could not be fetched"));
      else warn(...args);
    };
  });
}

async function boot() {
  status("runtime");
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL: runtimeURL,
      lockFileURL: new URL("pyodide-lock.json", runtimeURL).href,
      stdout: () => {},
      stderr: () => {},
    }),
    wasmFailure(),
  ]);
  status("engine");
  const path = `/lib/${config.wheel}`;
  pyodide.FS.writeFile(path, new Uint8Array(await wheel));
  pyodide.pyimport("sys").path.insert(0, path);
  mark("package");
  api = pyodide.pyimport("kit.engine.api");
  status("ready");
}

const booted = boot().catch((err) => {
  status("error", { error: String((err && err.message) || err).split("\n")[0] });
});

self.onmessage = async (event) => {
  const { id, request } = event.data;
  await booted;
  if (!api) {
    postMessage({ type: "reply", id, reply: { ok: false, kind: "engine", error: "engine not loaded" } });
    return;
  }
  let reply;
  try {
    reply = JSON.parse(api.handle(JSON.stringify(request)));
  } catch (err) {
    reply = { ok: false, kind: "engine", error: String((err && err.message) || err) };
    // A fatal error (e.g. JSON nested so deep that the WebAssembly stack runs
    // out) leaves Pyodide unusable: say so, and the page offers a restart.
    if (err && err.pyodide_fatal_error) {
      api = null;
      status("error", { error: "the Python runtime stopped" });
    }
  }
  postMessage({ type: "reply", id, reply });
};
