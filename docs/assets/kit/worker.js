// Web Worker: boots Pyodide from this site, imports the kit engine from its
// wheel and passes JSON requests to kit.engine.api.handle. No scoring happens
// here: Python does all of it.
//
// The page passes runtime.js's settings in this script's URL (engine.js has
// them already), which saves the worker a round trip before Pyodide starts.
//
// Warm starts: the first start in a browser makes a memory snapshot of Python
// with the engine imported and keeps it in Cache Storage under the build's
// snapshot key; later starts restore it (a fraction of a full start). A
// snapshot that is missing, stale, damaged or refused means a normal start.
import { packSnapshot, packedLength, startPython, unpackSnapshot } from "./python-start.js";

const KEYS = ["runtime", "wheel", "integrity", "snapshot", "snapshot_cache"];
const params = new URL(import.meta.url).searchParams;
const config = params.has("runtime")
  ? Object.fromEntries(KEYS.map((k) => [k, params.get(k)]))
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
// loadPyodide() then never settles: turn that warning into a failure of the
// start under way.
let wasmFailed = null;
const warn = console.warn;
console.warn = (...args) => {
  if (args[0] === "wasm instantiation failed!" && wasmFailed) wasmFailed();
  else warn(...args);
};
function wasmFailure() {
  return new Promise((_, reject) => {
    wasmFailed = () => reject(new Error("the WebAssembly runtime could not be fetched"));
  });
}

// What happened to the snapshot, for diagnostics and tests: "restored",
// "made", "stored", or why not ("none", "stale", "damaged", "refused",
// "unavailable", "not stored").
function snapshotState(state, detail = "") {
  postMessage({ type: "snapshot", state, detail, at: performance.timeOrigin + performance.now() });
}

// The snapshot store: one entry in its own cache, named by the build's key
// and carrying its sha256 (a damaged snapshot would run damaged memory).
const snapshots = {
  url: config.snapshot && new URL(`kit-snapshot/${config.snapshot}`, runtimeURL).href,

  async open() {
    if (!this.url || !self.caches || !crypto.subtle) return null;
    return caches.open(config.snapshot_cache);
  },

  // The stored snapshot as startPython takes it, { length, fill(memory) },
  // or null. Its bytes are read from now on, while Python starts.
  async find() {
    // Not caches.open: that would make an empty cache on every first visit.
    if (!this.url || !self.caches || !(await caches.has(config.snapshot_cache))) return null;
    const cache = await this.open();
    const hit = cache && (await cache.match(this.url));
    if (!hit) return null;
    // The length its header names (the bytes say it again: fill checks).
    const length = Number(hit.headers.get("x-kit-length"));
    if (!(Number.isSafeInteger(length) && length > 0)) return { damaged: "damaged: its length is missing" };
    const sha256 = hit.headers.get("x-kit-sha256");
    const read = hit.arrayBuffer();
    read.catch(() => {}); // fill() awaits it: not an unhandled rejection
    const fill = async (memory) => {
      const packed = new Uint8Array(await read);
      mark("snapshot read");
      // Hashed on another thread while this one unpacks.
      const digest = sha256Hex(packed);
      unpackSnapshot(packed, memory);
      if ((await digest) !== sha256) throw new Error("damaged: its sha256 differs");
      mark("snapshot checked");
    };
    return { length, fill };
  },

  async drop() {
    const cache = await this.open();
    if (cache) await cache.delete(this.url);
  },

  // Keeps the snapshot, packed, as the only entry: entries under other keys are stale.
  async store(snapshot) {
    const cache = await this.open();
    if (!cache) return snapshotState("unavailable");
    const stale = (await cache.keys()).filter((request) => request.url !== this.url);
    for (const request of stale) await cache.delete(request);
    if (stale.length) snapshotState("stale", `${stale.length} removed`);
    const bytes = packSnapshot(snapshot);
    const headers = {
      "content-type": "application/octet-stream",
      "x-kit-sha256": await sha256Hex(bytes),
      "x-kit-length": String(packedLength(bytes)),
    };
    await cache.put(this.url, new Response(bytes, { headers }));
    snapshotState("stored", `${bytes.length} bytes`);
  },
};

async function sha256Hex(data) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function boot() {
  status("runtime");
  // Read while Pyodide's own files load and its runtime starts.
  const found = snapshots.find().catch(() => null);
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
  const start = (options) =>
    Promise.race([
      startPython(loadPyodide, {
        indexURL: runtimeURL,
        lockFileURL: new URL("pyodide-lock.json", runtimeURL).href,
        wheelName: config.wheel,
        wheel,
        progress: (name) => (name === "engine" ? status("engine") : mark(name)),
        ...options,
      }),
      wasmFailure(),
    ]);
  const stored = await found;
  if (stored) {
    try {
      if (stored.damaged) throw new Error(stored.damaged);
      api = (await start({ snapshot: stored })).api;
      snapshotState("restored");
      status("ready");
      return;
    } catch (err) {
      // Not the snapshot's fault: a normal start would fail the same way.
      if (await wheel.then(() => false, () => true)) throw err;
      // Damaged, or refused (another build's, or memory this browser will
      // not give): a normal start. A network failure fails that one too.
      const reason = String((err && err.message) || err).split("\n")[0];
      snapshotState(reason.startsWith("damaged") ? "damaged" : "refused", reason);
      await snapshots.drop().catch(() => {});
      status("runtime");
    }
  } else snapshotState("none");
  const canStore = Boolean(await snapshots.open().catch(() => null));
  const started = await start({ makeSnapshot: canStore });
  api = started.api;
  if (started.snapshot) snapshotState("made");
  status("ready");
  // After the requests already waiting have been answered.
  if (started.snapshot) {
    setTimeout(() => snapshots.store(started.snapshot).catch((err) => snapshotState("not stored", String(err))));
  }
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
