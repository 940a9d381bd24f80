// The action plan under a result (plan_panel.html.j2): the engine picks the
// starting plan, drafts the 30-60-90-day plan and writes every export (op
// "plan", kit.engine.plan); this script moves data between the page, the
// engine and localStorage, and hands the engine's files to the browser.
import { engine } from "./engine.js";
import { download, fill, store } from "./util.js";

const STORAGE_PREFIX = "cx-kit/plan/";
const FORMAT = 1;
const MAX_SAVED = 512 * 1024;
const FIELDS = ["focus", "action", "owner", "due", "checkin", "evidence"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// A saved plan is untrusted input: anything that does not look like one is set aside.
function readSaved(key) {
  const raw = store.get(key);
  if (raw === null) return { doc: null };
  try {
    if (raw.length > MAX_SAVED) throw new Error("size");
    const doc = JSON.parse(raw);
    if (!doc || doc.format !== FORMAT || !Array.isArray(doc.items)) throw new Error("format");
    for (const item of doc.items) {
      if (!item || typeof item !== "object") throw new Error("item");
      for (const f of FIELDS) if (typeof item[f] !== "string") throw new Error(f);
    }
    return { doc };
  } catch {
    store.setAside(key, raw);
    return { doc: null, setAside: true };
  }
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

const newUid = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);

export function init(root, { signal } = {}) {
  const section = root.querySelector("#kit-plan");
  const plans = JSON.parse(root.querySelector("script.kit-plan-data").textContent);
  const labels = JSON.parse(root.querySelector("script.kit-plan-labels").textContent);
  const definition = JSON.parse(document.querySelector("script.kit-definition").textContent);
  const assessment = document.querySelector(".kit-assessment");
  const form = assessment?.querySelector("form.kit-form");
  const language = root.dataset.kitLanguage || document.documentElement.lang || "en";
  const key = `${STORAGE_PREFIX}${root.dataset.kitId}`;
  const message = section.querySelector(".kit-plan-message");
  const undo = section.querySelector(".kit-plan-undo");
  const pick = section.querySelector(".kit-plan-pick");
  const recList = pick.querySelector(".kit-plan-rec-list");
  const startInput = pick.querySelector(".kit-plan-start-date");
  const draftButton = pick.querySelector(".kit-plan-draft");
  const editor = section.querySelector(".kit-plan-editor");
  const list = editor.querySelector(".kit-plan-items");
  const itemTemplate = section.querySelector(".kit-plan-item-template");
  const commitments = editor.querySelector(".kit-plan-commitments");
  const saved = editor.querySelector(".kit-plan-saved");
  const opener = root.querySelector(".kit-plan-start");
  let doc = null;
  let previous = null;
  let latest = 0;

  const say = (name, values = {}) => {
    message.textContent = name ? fill(message.dataset[name], values) : "";
  };

  // --- the plan document, kept in this browser ---------------------------------

  const save = () => {
    if (!doc) return;
    if (store.set(key, JSON.stringify(doc))) {
      saved.textContent = fill(saved.dataset.msgSaved, { time: new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" }) });
    } else {
      say("msgUnsaved");
    }
  };

  // --- the editor: one fieldset per action ------------------------------------------

  const renderEditor = () => {
    editor.hidden = !doc;
    renderSheet();
    if (!doc) return;
    editor.querySelector(".kit-plan-title").textContent = doc.title;
    editor.querySelector(".kit-plan-summary").textContent = doc.summary || "";
    editor.querySelector(".kit-plan-role").textContent = `${labels.role}: ${doc.role_label}`;
    editor.querySelector(".kit-plan-when").textContent = `${labels.start}: ${doc.start}`;
    list.replaceChildren();
    doc.items.forEach((item, n) => {
      const li = itemTemplate.content.firstElementChild.cloneNode(true);
      li.dataset.index = String(n);
      li.querySelector(".kit-plan-item-legend").textContent = fill(labels.item, { n: n + 1 });
      for (const input of li.querySelectorAll("[data-field]")) {
        const field = input.dataset.field;
        if (field === "done") input.checked = Boolean(item.done);
        else input.value = item[field] ?? "";
      }
      list.append(li);
    });
    commitments.value = doc.commitments || "";
    section.querySelector(".kit-plan-credit").textContent = (doc.sources || []).map((s) => `${labels.source}: ${s}`).join(" · ");
    draftButton.textContent = draftButton.dataset.labelAgain;
  };

  list.addEventListener("input", (event) => {
    const li = event.target.closest("[data-index]");
    const field = event.target.dataset.field;
    if (!doc || !li || !field) return;
    const item = doc.items[Number(li.dataset.index)];
    if (field === "done") item.done = event.target.checked;
    else if ((field === "due" || field === "checkin") && !DATE.test(event.target.value)) return; // half-typed date: keep the last whole one
    else item[field] = event.target.value;
    save();
    renderSheet();
  });
  list.addEventListener("click", (event) => {
    const li = event.target.closest(".kit-plan-remove") && event.target.closest("[data-index]");
    if (!doc || !li) return;
    keepPrevious();
    doc.items.splice(Number(li.dataset.index), 1);
    save();
    renderEditor();
    say("msgReplaced");
  });
  commitments.addEventListener("input", () => {
    if (!doc) return;
    doc.commitments = commitments.value;
    save();
    renderSheet();
  });
  editor.querySelector(".kit-plan-add").addEventListener("click", () => {
    if (!doc) return;
    const last = doc.items[doc.items.length - 1];
    const date = last ? last.checkin : doc.start;
    doc.items.push({ id: `a${doc.items.length + 1}-${Date.now().toString(36)}`, focus: last ? last.focus : "", action: "", owner: last ? last.owner : "", evidence: "", phase: 90, due: date, checkin: date, done: false });
    save();
    renderEditor();
    list.lastElementChild?.querySelector('[data-field="action"]')?.focus();
  });

  // One step back after anything that replaces or removes what the user wrote.
  const keepPrevious = () => {
    previous = doc ? JSON.parse(JSON.stringify(doc)) : null;
    if (previous) store.set(`${key}/previous`, JSON.stringify(previous));
    undo.hidden = !previous;
  };
  undo.addEventListener("click", () => {
    if (!previous) return;
    doc = previous;
    previous = null;
    undo.hidden = true;
    save();
    renderEditor();
    say("msgUndone");
  });

  // --- picking recommendations and drafting ----------------------------------------

  const currentAnswers = () => {
    const answers = {};
    for (const input of form?.querySelectorAll('input[type="radio"]:checked') || []) {
      if (input.name.startsWith("q-")) answers[input.name.slice(2)] = Number(input.value);
    }
    return answers;
  };
  const currentRole = () => form?.querySelector('input[name="kit-role"]:checked')?.value;
  const request = (extra) => engine.request({ op: "plan", definition, plans, language, role: currentRole(), answers: currentAnswers(), ...extra });
  const complete = () => document.querySelector(".kit-result")?.dataset.state === "complete";

  const refreshOptions = async () => {
    if (section.hidden) return;
    const mine = ++latest;
    if (!complete()) {
      pick.hidden = true;
      // A message about the user's own plan (restored, set aside) stays until they act.
      if (!doc && !message.textContent) say("msgIncomplete");
      return;
    }
    if (!message.textContent || message.textContent === message.dataset.msgIncomplete) say("msgWaiting");
    const reply = await request({ action: "options" });
    if (mine !== latest || signal?.aborted) return;
    if (!reply.ok) {
      say("msgFailed", { error: reply.error });
      return;
    }
    const { plan, recommendations } = reply.result;
    pick.querySelector(".kit-plan-for").textContent = fill(pick.dataset.for || "{title}", { title: plan.title, role: plan.role });
    const chosen = new Set(doc && doc.questionnaire === definition.id ? doc.picked || [] : recommendations.map((r) => r.id));
    recList.replaceChildren(
      ...recommendations.map((rec) => {
        const label = document.createElement("label");
        label.className = "kit-option kit-plan-rec";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = rec.id;
        box.checked = chosen.has(rec.id) || !doc;
        const text = document.createElement("span");
        const strong = document.createElement("strong");
        strong.textContent = rec.focus;
        text.append(strong, `: ${rec.text}`);
        label.append(box, " ", text);
        return label;
      }),
    );
    pick.querySelector(".kit-plan-recs").hidden = recommendations.length === 0;
    if (!startInput.value) startInput.value = today();
    pick.hidden = false;
    if ([message.dataset.msgWaiting, message.dataset.msgIncomplete].includes(message.textContent)) say(recommendations.length ? "" : "msgNoRecs");
  };

  pick.addEventListener("submit", async (event) => {
    event.preventDefault();
    const picked = [...recList.querySelectorAll("input:checked")].map((box) => box.value);
    const start = DATE.test(startInput.value) ? startInput.value : today();
    say("msgDrafting");
    draftButton.disabled = true;
    const reply = await request({ action: "draft", picked, start, uid: doc?.uid || newUid() });
    draftButton.disabled = false;
    if (signal?.aborted) return;
    if (!reply.ok) {
      say("msgFailed", { error: reply.error });
      return; // the plan below, if any, is untouched
    }
    const replacing = Boolean(doc);
    if (replacing) keepPrevious();
    doc = reply.result;
    save();
    renderEditor();
    say(replacing ? "msgReplaced" : "");
    editor.querySelector(".kit-plan-title").scrollIntoView({ block: "nearest" });
  });

  // --- exports: the engine writes each file, the browser saves it ---------------------

  for (const button of editor.querySelectorAll("[data-plan-export]")) {
    button.addEventListener("click", async () => {
      if (!doc) return;
      const reply = await engine.request({ op: "plan", action: "export", format: button.dataset.planExport, plan: doc, labels, stamp: new Date().toISOString() });
      if (!reply.ok) {
        say("msgFailed", { error: reply.error });
        return;
      }
      download(reply.result.filename, reply.result.text, reply.result.mime);
      say("msgExported", { file: reply.result.filename });
    });
  }

  // --- the printed action sheet ------------------------------------------------------
  // A child of <body>, shown only in print while the plan is open (kit.css): the
  // date, the role, every action with its dates, and lines to write commitments on.
  const sheet = document.createElement("div");
  sheet.className = "kit-plan-sheet";
  sheet.setAttribute("aria-hidden", "true");
  document.body.append(sheet);
  signal?.addEventListener("abort", () => sheet.remove(), { once: true });

  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  function renderSheet() {
    const title = doc ? doc.title : section.querySelector("#kit-plan-heading").textContent;
    const meta = el("p", undefined, "kit-plan-sheet-meta");
    const role = doc ? doc.role_label : document.querySelector('form.kit-form input[name="kit-role"]:checked')?.closest("label")?.textContent.trim() || "";
    meta.append(el("span", `${labels.printed}: ${today()}`), el("span", `${labels.role}: ${role}`));
    if (doc) meta.append(el("span", `${labels.start}: ${doc.start}`));
    const parts = [el("h2", title, "kit-plan-sheet-title"), el("p", document.querySelector("h1")?.textContent || "", "kit-plan-sheet-about"), meta];
    if (doc) {
      const table = el("table");
      const head = el("tr");
      for (const k of ["done", "action", "owner", "due", "evidence", "checkin"]) head.append(el("th", labels[k]));
      table.append(el("thead"), el("tbody"));
      table.tHead.append(head);
      let focus = null;
      for (const item of doc.items) {
        if (item.focus !== focus) {
          focus = item.focus;
          const row = el("tr", undefined, "kit-plan-sheet-focus");
          const cell = el("th", focus || "–");
          cell.colSpan = 6;
          row.append(cell);
          table.tBodies[0].append(row);
        }
        const row = el("tr");
        row.append(el("td", item.done ? "☑" : "☐"), el("td", item.action), el("td", item.owner), el("td", item.due), el("td", item.evidence), el("td", item.checkin));
        table.tBodies[0].append(row);
      }
      parts.push(table);
    }
    parts.push(el("h2", labels.commitments));
    if (doc?.commitments?.trim()) parts.push(el("p", doc.commitments.trim(), "kit-plan-sheet-commitments"));
    const lines = el("div", undefined, "kit-plan-sheet-lines");
    for (let i = 0; i < 6; i++) lines.append(el("div", "", "kit-plan-sheet-line"));
    parts.push(lines);
    const sign = el("p", undefined, "kit-plan-sheet-sign");
    sign.append(el("span", labels.signature), el("span", labels.date));
    parts.push(sign);
    if (doc) parts.push(el("p", (doc.sources || []).map((s) => `${labels.source}: ${s}`).join(" · "), "kit-plan-sheet-credit"));
    sheet.replaceChildren(...parts);
  }
  editor.querySelector("[data-plan-print]").addEventListener("click", () => {
    renderSheet();
    window.print();
  });

  // --- opening the panel -------------------------------------------------------------

  const open = () => {
    section.hidden = false;
    section.querySelector("#kit-plan-heading").focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
  };
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target instanceof Element && event.target.closest("[data-kit-plan-open]");
      if (button) open();
    },
    { signal },
  );
  // The result page's own "Make a plan" button, when it has one, replaces this one.
  const others = () => [...document.querySelectorAll("[data-kit-plan-open]")].some((b) => !b.hasAttribute("data-kit-plan-own"));
  const showOpener = () => {
    opener.hidden = !complete() || !section.hidden || others();
  };
  const watch = new MutationObserver(() => {
    showOpener();
    refreshOptions();
  });
  watch.observe(section, { attributes: true, attributeFilter: ["hidden"] });
  // assessment.js marks each score it has rendered (data-kit-scored).
  if (assessment) watch.observe(assessment, { attributes: true, attributeFilter: ["data-kit-scored"] });
  const result = document.querySelector(".kit-result");
  if (result) watch.observe(result, { attributes: true, attributeFilter: ["data-state", "hidden"] });
  signal?.addEventListener("abort", () => watch.disconnect(), { once: true });

  // --- start: a saved plan shows at once, before the engine is up --------------------

  const restored = readSaved(key);
  doc = restored.doc;
  if (doc) {
    renderEditor();
    say("msgRestored");
    section.hidden = false; // the user's own plan is never tucked away
  } else {
    renderSheet();
    if (restored.setAside) {
      say("msgSetAside");
      section.hidden = false;
    }
  }
  showOpener();
  refreshOptions();
}
