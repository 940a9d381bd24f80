// The engine client: one Web Worker running Pyodide per tab, shared by every
// kit page of the tab. It carries JSON requests to kit.engine.api and back.

// A runtime that has not started after this long is treated as failed, so
// the page offers a retry instead of waiting for ever.
const BOOT_TIMEOUT_MS = 120000;

// One engine per tab, shared by every assessment page of the tab.
export const engine = {
  worker: null,
  watchdog: 0,
  stage: "idle",
  error: "",
  seq: 0,
  pending: new Map(),
  listeners: new Set(),

  start() {
    if (this.worker) return;
    this.setStage("runtime");
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "status") this.setStage(msg.stage, msg.error);
      else if (msg.type === "reply") {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (resolve) resolve(msg.reply);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the worker stopped");
    };
    this.worker = worker;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.worker === worker && this.stage !== "ready" && this.stage !== "error") {
        worker.terminate();
        this.worker = null;
        this.fail(`not ready after ${BOOT_TIMEOUT_MS / 1000} seconds`);
      }
    }, BOOT_TIMEOUT_MS);
  },

  fail(error) {
    this.setStage("error", error);
    for (const resolve of this.pending.values()) resolve({ ok: false, kind: "engine", error });
    this.pending.clear();
  },

  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.fail("restarting");
    this.start();
  },

  setStage(stage, error = "") {
    this.stage = stage;
    this.error = error || "";
    for (const fn of this.listeners) fn(stage, this.error);
  },

  request(request) {
    this.start();
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, request });
    });
  },
};
