// Entry point on every page: starts the kit tool that a page carries
// (data-kit-tool), once per page, also after Material's instant navigation.
import { init as initAssessment } from "./assessment.js";

const TOOLS = {
  assessment: async () => initAssessment,
  story: async () => (await import("./story.js")).init,
  nps: async () => (await import("./nps.js")).init,
  team: async () => (await import("./team.js")).init,
};

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
