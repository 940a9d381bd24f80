// Web Worker: boots Pyodide from this site, loads the kit engine wheel by name
// (its sha256 checked against pyodide-lock.json) and passes JSON requests to
// kit.engine.api.handle. No scoring happens here: Python does all of it.
import config from "./runtime.js";

const runtimeURL = new URL(config.runtime, import.meta.url).href;
let api = null;

function status(stage, extra = {}) {
  postMessage({ type: "status", stage, ...extra });
}

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
  await pyodide.loadPackage(config.package, { checkIntegrity: true, messageCallback: () => {} });
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
  }
  postMessage({ type: "reply", id, reply });
};
