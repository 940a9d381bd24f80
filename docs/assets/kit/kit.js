// Entry point on every page: starts the kit tool that a page carries
// (data-kit-tool), once per page, also after Material's instant navigation.
import { init as initAssessment } from "./assessment.js";
import { engine } from "./engine.js";

const TOOLS = {
  assessment: async () => initAssessment,
  story: async () => (await import("./story.js")).init,
  nps: async () => (await import("./nps.js")).init,
  team: async () => (await import("./team.js")).init,
};

// Offline use: once the engine has loaded (so its files are in the HTTP
// cache), a service worker keeps them and this page. The page works without it.
let offlineRequested = false;
async function registerOffline() {
  if (offlineRequested || !("serviceWorker" in navigator)) return;
  offlineRequested = true;
  try {
    await navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url));
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({ keep: location.href.split("#")[0] });
  } catch {
    /* no service worker (file://, private mode, mkdocs serve): online only */
  }
}
engine.listeners.add((stage) => {
  if (stage === "ready") registerOffline();
});

async function initPage() {
  for (const root of document.querySelectorAll("[data-kit-tool]")) {
    if (root.dataset.kitReady) continue;
    root.dataset.kitReady = "1";
    const load = TOOLS[root.dataset.kitTool];
    if (load) (await load())(root);
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(initPage);
else initPage();
