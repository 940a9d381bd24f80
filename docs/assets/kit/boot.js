// Starts the engine's worker as soon as a tool page opens: the first script
// of its <head>, classic and async, so it runs the moment it arrives, before
// any module graph, stylesheet or the page's own HTML is done. Pyodide's
// start-up is the long pole of the first score. engine.js takes the worker
// over (one engine per tab) with whatever it said in the meantime; if
// engine.js started first (both scripts are async), it set __kitWorker to null.
(() => {
  if (globalThis.__kitWorker !== undefined) return;
  const script = document.currentScript;
  const worker = new Worker(new URL(script.dataset.worker, script.src), { type: "module" });
  const early = { worker, start: performance.now(), events: [] };
  worker.onmessage = (event) => early.events.push(event);
  worker.onerror = (event) => {
    event.preventDefault(); // reported by engine.js, which offers a retry
    early.events.push(event);
  };
  globalThis.__kitWorker = early;
})();
