// Entry point on every page: starts the kit tool that a page carries
// (data-kit-tool), once per page, also after Material's instant navigation.
//
// Under instant navigation this module runs once per tab: Material fetches
// the next page, swaps its content in and emits document$, and initPage runs
// for the new content. The engine (one Web Worker with Pyodide) stays up
// across page changes; what a page registers is tied to an AbortSignal that
// aborts when the next page starts (engine.listeners, and the tool's
// init(root, { signal }) for its own window listeners).
import { init as initAssessment } from "./assessment.js";
import { engine } from "./engine.js";
import { material } from "./material.js";

const TOOLS = {
  assessment: async () => initAssessment,
  story: async () => (await import("./story.js")).init,
  nps: async () => (await import("./nps.js")).init,
  team: async () => (await import("./team.js")).init,
  "team-compare": async () => (await import("./team-compare.js")).init,
  plan: async () => (await import("./plan.js")).init,
};

// A tool page fetches its tool's script and starts the engine now, while the
// page is still loading: Pyodide's start-up is the long pole of the first score.
const tools = [...document.querySelectorAll("[data-kit-tool]")];
for (const root of tools) TOOLS[root.dataset.kitTool]?.().catch(() => {}); // reported by initPage
if (tools.length) engine.start();

// Offline use: once the engine has loaded (so its files are in the HTTP
// cache), a service worker keeps them and every page the tab shows. The page
// works without it.
let registration = null;
async function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  const url = location.href.split("#")[0];
  try {
    registration ??= navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url));
    await registration;
    const ready = await navigator.serviceWorker.ready;
    ready.active.postMessage({ keep: url });
  } catch {
    /* no service worker (file://, private mode, mkdocs serve): online only */
  }
}
// Not before the engine has answered the page: the service worker's start
// and its copies of the runtime would slow the first score.
engine.listeners.add((stage) => stage === "ready" && engine.idle().then(keepOffline), { signal: null });

// --- Material's instant navigation ---------------------------------------------

const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
// Once Material has run (on a tool page that is after the engine's first
// answers: material.js).
const instant = () =>
  (config.features || []).includes("navigation.instant") && typeof window.location$?.next === "function";
// The site's root, as Material resolves it once per tab.
const siteRoot = new URL(config.base || ".", location.href);

// Material re-creates every <script> of a fetched page's content as an
// inline script with only its text: a JSON data block (the questionnaire's
// <script type="application/json" class="kit-definition">) would lose its
// type and class and run as JavaScript, which the Content-Security-Policy
// refuses. So data blocks in fetched pages wait in inert <template>s and are
// put back, as they were, before the page's tools start.
//
// A page in another language (its <html lang> differs) is not swapped in:
// Material keeps <html lang>, the header and its own words from the first
// page. Failing the parse makes Material load the page normally, which is its
// own fallback when a fetched page cannot be used.
const DATA_BLOCKS = 'script[type="application/json"]';
function parkDataBlocks() {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const doc = parse.call(this, text, type);
    if (type === "text/html" && doc.querySelector('[data-md-component="container"]')) {
      const lang = doc.documentElement.lang;
      if (lang && lang !== document.documentElement.lang) {
        throw new Error(`a page in another language (${lang}) loads in full`);
      }
      for (const script of doc.querySelectorAll(DATA_BLOCKS)) {
        const parked = doc.createElement("template");
        parked.dataset.kitDataBlock = "";
        script.before(parked);
        parked.content.append(script);
      }
    }
    return doc;
  };
}
function restoreDataBlocks() {
  for (const parked of document.querySelectorAll("template[data-kit-data-block]")) {
    parked.replaceWith(document.importNode(parked.content, true));
  }
}

// Material follows only links listed in sitemap.xml, whose absolute URLs are
// right only where site_url names the real host and port; the kit is hosted
// wherever an administrator puts it. So a link to another page of this site
// that Material left alone is handed to the same navigation (location$), as
// Material does with the links it takes.
function followInstantly(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  // As Material does: a link with a target (even _self) is the browser's, and
  // so is a download or a link to another language (hreflang: its own <html lang>).
  if (!link || link.target || link.hasAttribute("download") || link.hreflang) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(siteRoot.pathname)) return;
  if (!/(\/|\.html)$/.test(url.pathname) || url.pathname === location.pathname) return;
  event.preventDefault();
  history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
  history.pushState(null, "", url);
  window.location$.next(url);
}

// --- one page ----------------------------------------------------------------------

let page = null; // the current page's AbortController
async function initPage() {
  if (page) page.abort();
  page = new AbortController();
  const { signal } = page;
  engine.listeners.signal = signal;
  restoreDataBlocks();
  if (engine.stage === "ready") keepOffline();
  for (const root of document.querySelectorAll("[data-kit-tool]")) {
    if (root.dataset.kitReady) continue;
    root.dataset.kitReady = "1";
    const load = TOOLS[root.dataset.kitTool];
    if (!load) continue;
    try {
      const init = await load();
      if (signal.aborted) return; // the tab moved on while the tool's script loaded
      init(root, { signal });
    } catch (err) {
      console.error(err);
    }
  }
}

// On a tool page Material runs later (material.js): its tool starts now.
const early = !window.document$;
if (early) initPage();
material.then(() => {
  if (instant()) {
    parkDataBlocks();
    document.addEventListener("click", followInstantly);
  }
  // Each page Material shows; document$ replays the one it started on,
  // which started above if Material ran late.
  let skip = early;
  window.document$?.subscribe?.(() => (skip ? (skip = false) : initPage()));
});
