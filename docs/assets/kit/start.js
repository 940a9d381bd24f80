// Starts the engine first thing on a page with a kit tool: the theme loads
// this from <head> (async), so the worker and Pyodide's downloads begin while
// the page itself is still arriving, instead of after the theme's scripts and
// the kit's module graph. engine.js is the same module kit.js imports (one
// engine per tab); kit.js's own engine.start() then finds it running.
import { engine } from "./engine.js";

engine.start();

// Material's search worker builds its index as the page opens; on two cores
// that slowed Pyodide's start by about 150 ms (make bench). On a tool page it
// starts once the engine is ready or has failed, when the search box is used,
// or after a few seconds, whichever comes first; until then what Material
// sends it waits in a queue. Other workers are created as usual.
const SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
const MAX_DELAY_MS = 4000;
const NativeWorker = globalThis.Worker;
const waiting = [];
let released = false;

class DeferredWorker extends EventTarget {
  constructor(url, options) {
    super();
    this.args = [url, options];
    this.queue = [];
    this.worker = null;
    this.onmessage = null;
    this.onerror = null;
    waiting.push(this);
  }

  start() {
    if (this.worker || !this.args) return;
    const worker = new NativeWorker(...this.args);
    for (const type of ["message", "messageerror", "error"]) {
      worker.addEventListener(type, (event) => {
        const copy = type === "error" ? new ErrorEvent("error", event) : new MessageEvent(type, { data: event.data });
        this.dispatchEvent(copy);
        this[`on${type}`]?.(copy);
      });
    }
    for (const message of this.queue) worker.postMessage(message);
    this.queue = [];
    this.worker = worker;
  }

  postMessage(message) {
    if (this.worker) this.worker.postMessage(message);
    else this.queue.push(message);
  }

  terminate() {
    this.worker?.terminate();
    this.args = null;
    this.queue = [];
  }
}

function release() {
  if (released) return;
  released = true;
  globalThis.Worker = NativeWorker;
  for (const worker of waiting.splice(0)) worker.start();
}

if (NativeWorker && !window.document$) {
  // A constructor that hands Material a DeferredWorker for its search worker.
  globalThis.Worker = function Worker(url, options) {
    if (!released && SEARCH_WORKER.test(String(url))) return new DeferredWorker(url, options);
    return new NativeWorker(url, options);
  };
  globalThis.Worker.prototype = NativeWorker.prototype;
  engine.listeners.add((stage) => (stage === "ready" || stage === "error") && release(), { signal: null });
  setTimeout(release, MAX_DELAY_MS);
  document.addEventListener("focusin", (event) => event.target.closest?.(".md-search") && release());
} else {
  released = true; // Material is already running: its search worker exists
}
