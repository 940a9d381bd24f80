// Team view: reads result files and codes in this browser, hands them to the
// engine's "aggregate" op and shows what it returns. Nothing is uploaded and
// nothing is computed here.
import { engine, LARGE_INPUT } from "./engine.js";
import { renderReport } from "./team-report.js";
import { bindStatus, chartWords, download, fill, markField, store } from "./util.js";

const STORE_KEY = "cx-kit/team";

export function init(root) {
  const definitions = JSON.parse(document.querySelector("script.kit-team-definitions").textContent);
  const form = root.querySelector(".kit-team-form");
  const picker = form.querySelector(".kit-team-questionnaire");
  const fileInput = form.querySelector(".kit-team-files");
  const codes = form.querySelector(".kit-team-codes");
  const message = form.querySelector(".kit-team-message");
  const section = root.querySelector(".kit-team-result");
  const csvButton = form.querySelector('[data-action="csv"]');
  const printButton = form.querySelector('[data-action="print"]');
  const minGroup = Number(root.dataset.minGroup);
  const maxBytes = Number(root.dataset.maxBytes);
  let dropped = [];
  let lastItems = null;

  // A stopped or hung engine: a fresh one, with the inputs as they are.
  const retry = form.querySelector(".kit-retry");
  retry.addEventListener("click", () => engine.restart());
  bindStatus(engine, root.querySelector(".kit-status"), retry);
  engine.start();

  // Inputs survive a reload (files cannot be kept; their names are not stored).
  try {
    const saved = JSON.parse(store.get(STORE_KEY) || "null");
    if (saved && typeof saved.questionnaire === "string" && definitions[saved.questionnaire]) picker.value = saved.questionnaire;
    if (saved && typeof saved.codes === "string") codes.value = saved.codes;
  } catch {
    store.setAside(STORE_KEY, store.get(STORE_KEY));
  }
  const save = () => store.set(STORE_KEY, JSON.stringify({ questionnaire: picker.value, codes: codes.value }));
  picker.addEventListener("change", save);
  codes.addEventListener("input", save);

  const drop = form.querySelector("[data-drop]");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("kit-drop-over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("kit-drop-over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("kit-drop-over");
    dropped = [...event.dataTransfer.files];
    markField(fileInput, message, false);
  });

  // Nothing to compare, or a comparison that failed, is about the inputs: the
  // message is tied to them (aria-invalid, aria-describedby) until they change.
  const ERRORS = new Set(["msgNothing", "msgFailed", "msgEmpty"]);
  const say = (name, values = {}) => {
    message.textContent = fill(message.dataset[name], values);
    message.dataset.state = ERRORS.has(name) ? "error" : name === "msgDone" ? "done" : "busy";
    if (name === "msgReading") return;
    // A failure is about the inputs that were given; "nothing" about both.
    const given = (field) => (field === codes ? codes.value.trim() !== "" : fileInput.files.length + dropped.length > 0);
    for (const field of [fileInput, codes]) {
      markField(field, message, name === "msgNothing" || (name === "msgFailed" && given(field)));
    }
  };
  fileInput.addEventListener("change", () => markField(fileInput, message, false));
  codes.addEventListener("input", () => markField(codes, message, false));

  const gather = async () => {
    const files = [...fileInput.files, ...dropped];
    const items = [];
    const tooBig = [];
    for (const file of files) {
      if (file.size > maxBytes) tooBig.push({ name: file.name, reason: message.dataset.msgTooBig });
      else items.push({ name: file.name, kind: "text", data: await file.text() });
    }
    if (codes.value.trim()) items.push({ name: codes.getAttribute("aria-label") || codes.labels[0].textContent, kind: "text", data: codes.value });
    return { items, tooBig };
  };

  const render = (agg, tooBig) => {
    section.querySelector(".kit-rt-report").hidden = true;
    renderReport(root, section, agg, tooBig);
  };

  // Codes and files name their questionnaire: the engine picked it; say so.
  const notes = form.querySelector(".kit-team-notes");
  const note = (picked) => {
    notes.replaceChildren();
    if (picked?.switched) {
      picker.value = picked.id;
      save();
    }
    const lines = [];
    if (picked?.switched) lines.push(fill(notes.dataset.switched, picked));
    for (const aside of picked?.set_aside || []) lines.push(fill(notes.dataset.setAside, aside));
    for (const text of lines) {
      const li = document.createElement("li");
      li.textContent = text;
      notes.append(li);
    }
    notes.hidden = lines.length === 0;
  };

  // Team rounds: loaded apart (they bring the vendored HPKE), so the comparison works without them.
  const rounds = root.querySelector("[data-kit-rounds]");
  Promise.all([import("./round-new.js"), import("./round-open.js")]).then(([made, opened]) => {
    const part = (name) => rounds.querySelector(`[data-part="${name}"]`);
    made.attachMakeKey(part("key"), rounds);
    made.attachNewRound(part("new"), rounds, definitions, new URL(rounds.dataset.assessments, location.href));
    opened.attachOpen(part("open"), rounds, definitions);
    opened.attachCombine(part("combine"), rounds, definitions, root, section, (view) => {
      lastItems = null;
      csvButton.disabled = true;
      printButton.disabled = false;
      renderReport(root, section, view);
    });
    rounds.dataset.ready = "1";
  });

  form.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!action) return;
    if (action === "print") {
      // The workshop handout carries the day it was printed.
      const handout = section.querySelector(".kit-team-handout");
      const date = new Date().toLocaleDateString(document.documentElement.lang || undefined, { dateStyle: "long" });
      handout.querySelector(".kit-team-handout-date").textContent = `${handout.dataset.dateLabel} ${date}`;
      return window.print();
    }
    const definition = definitions[picker.value];
    if (action === "csv" && lastItems) {
      const reply = await engine.request({ op: "aggregate", definition, items: lastItems, min_group: minGroup, format: "csv" }, LARGE_INPUT);
      if (reply.ok) download(reply.result.filename, reply.result.csv, "text/csv;charset=utf-8");
      else say("msgFailed", { error: reply.error });
      return;
    }
    if (action !== "compare") return;
    const count = fileInput.files.length + dropped.length + (codes.value.trim() ? 1 : 0);
    if (!count) return say("msgNothing");
    say("msgReading", { count });
    const { items, tooBig } = await gather();
    const reply = await engine.request({ op: "aggregate", definitions, selected: picker.value, items, min_group: minGroup, chart_words: chartWords() }, LARGE_INPUT);
    if (!reply.ok) return say("msgFailed", { error: reply.error });
    note(reply.result.picked);
    lastItems = items;
    csvButton.disabled = false;
    printButton.disabled = false;
    render(reply.result, tooBig);
    // An empty comparison is not shown: only why nothing could be used.
    if (!reply.result.results) {
      csvButton.disabled = true;
      printButton.disabled = true;
      return say("msgEmpty");
    }
    say("msgDone", { results: reply.result.results, rejected: reply.result.rejected.length + tooBig.length });
  });
}
