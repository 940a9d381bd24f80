// NPS call list page: the responses go to the engine (kit.engine.nps), its
// call list comes back into the page. Nothing is parsed, counted, sorted or
// assigned here; every word shown comes from the page's HTML. Data from the
// file is only ever set as text, never as HTML.
import { engine, LARGE_INPUT } from "./engine.js";
import { resultView } from "./nps-result.js";
import { bindStatus, fill, markField, store } from "./util.js";

const STORAGE_KEY = "cx-kit/nps/v1";
const FORMAT = 1;
// Pasted text longer than this is not put in storage (quotas are ~5 MB).
const MAX_SAVED = 1000000;
const SAVE_DELAY_MS = 400;

// Saved entries are untrusted input: anything malformed is set aside, not used.
function readSaved() {
  const raw = store.get(STORAGE_KEY);
  if (raw === null) return null;
  try {
    const data = JSON.parse(raw);
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error("format");
    const text = (value) => (typeof value === "string" ? value : "");
    const chosen = data.columns && typeof data.columns === "object" && !Array.isArray(data.columns) ? data.columns : null;
    return { leaders: text(data.leaders), cap: text(data.cap), passives: text(data.passives), paste: text(data.paste), columns: chosen };
  } catch {
    store.setAside(STORAGE_KEY, raw);
    return null;
  }
}

export function init(root, { signal } = {}) {
  const $ = (selector) => root.querySelector(selector);
  const form = $(".kit-nps-form");
  const status = $(".kit-status");
  const notice = $(".kit-notice");
  const retry = $(".kit-retry");
  const fileInput = $(".kit-nps-file");
  const fileInfo = $(".kit-nps-file-info");
  const paste = $(".kit-nps-paste");
  const leaders = $(".kit-nps-leaders");
  const cap = $(".kit-nps-cap");
  const passives = $(".kit-nps-passives");
  const columnsBox = $(".kit-nps-columns");
  const contactBoxes = $(".kit-nps-contact-boxes");
  const message = $(".kit-nps-message");
  const pageSize = Number(root.dataset.kitPageSize) || 500;
  let limit = pageSize; // rows of each list the engine sends back to show
  let latest = 0;
  let shownInput = null; // the input of the result on screen, for "more" and the export
  let saveTimer = 0;
  // Columns the user chose for the pasted text ({role: index | null,
  // contacts: [index]}): sent to the engine, forgotten when the input changes.
  let chosen = null;
  let lastResult = null;

  const showNotice = (name) => {
    notice.textContent = notice.dataset[name];
    notice.hidden = false;
  };
  const say = (name, values = {}) => {
    message.dataset.state = name;
    message.textContent = fill(message.dataset[name], values);
  };
  // A failed build's message is tied to the field it is about (aria-invalid,
  // aria-describedby) until that field changes or a build succeeds.
  const fields = [fileInput, paste, leaders, cap, passives, columnsBox];
  const markInvalid = (field) => {
    for (const f of fields) markField(f, message, f === field);
  };
  // Which field a failure is about is the engine's judgement too: the same
  // request again with the settings left at their defaults, then keeping one
  // more of them each time (leaders, limit, passives, columns); the first
  // that fails with the same message names the field.
  const faultyField = async (input, error) => {
    const defaults = { leaders: "", cap: "", passives: "", columns: null };
    const order = [
      ["leaders", leaders],
      ["cap", cap],
      ["passives", passives],
    ];
    const same = async (values) => (await engine.request({ op: "nps", ...input, ...values, limit: 1 })).error === error;
    const reset = { ...defaults };
    if (await same(reset)) return fileInput.files[0] ? fileInput : paste;
    for (const [name, field] of order) {
      delete reset[name];
      if (await same(reset)) return field;
    }
    return columnsBox;
  };

  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const tooLarge = paste.value.length > MAX_SAVED;
    const fromPaste = !fileInput.files[0] && !tooLarge;
    const data = {
      format: FORMAT,
      leaders: leaders.value,
      cap: cap.value,
      passives: passives.value,
      paste: tooLarge ? "" : paste.value,
      columns: fromPaste ? chosen : null,
    };
    if (!store.set(STORAGE_KEY, JSON.stringify(data))) showNotice("msgUnsaved");
    else if (tooLarge) showNotice("msgLarge");
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  };
  const flush = () => {
    if (saveTimer) save();
  };

  const render = resultView(root, { columnsBox, contactBoxes });

  const showFile = () => {
    const file = fileInput.files[0];
    fileInfo.hidden = !file;
    if (file) fileInfo.querySelector(".kit-nps-file-text").textContent = fill(fileInfo.dataset.template, { name: file.name });
  };

  const currentInput = async () => {
    const file = fileInput.files[0];
    const csv = file ? await file.text() : paste.value;
    return { csv, leaders: leaders.value, cap: cap.value, passives: passives.value, columns: chosen };
  };

  // input: the form's entries, or those of the result shown (for "more").
  const buildList = async (input = null) => {
    const mine = ++latest;
    say("msgBuilding");
    if (!input) {
      limit = pageSize;
      try {
        input = await currentInput();
      } catch (err) {
        if (mine !== latest) return;
        say("msgFailed", { error: String((err && err.message) || err) });
        markInvalid(fileInput); // the chosen file could not be read
        return;
      }
    }
    const reply = await engine.request({ op: "nps", ...input, limit }, LARGE_INPUT);
    if (mine !== latest) return; // a newer build is on its way
    if (reply.ok) {
      shownInput = input;
      lastResult = reply.result;
      render(reply.result);
      root.dataset.kitBuilt = String(mine);
      markInvalid(null);
      say("msgDone", { calls: reply.result.calls_total, total: reply.result.total });
    } else {
      say("msgFailed", { error: reply.error });
      if (reply.kind !== "input") return markInvalid(null);
      const field = await faultyField(input, reply.error);
      if (mine === latest) markInvalid(field);
    }
  };

  const exportList = async () => {
    if (!shownInput) return;
    const reply = await engine.request({ op: "nps", ...shownInput, format: "csv" }, LARGE_INPUT);
    if (!reply.ok) {
      say("msgExportFailed", { error: reply.error });
      return;
    }
    const url = URL.createObjectURL(new Blob([reply.result.csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = reply.result.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  // Printing: every call on the sheets, so a list shown in part is fetched whole first.
  const printSheets = async () => {
    if (lastResult && lastResult.calls.length < lastResult.calls_total && shownInput) {
      limit = lastResult.calls_total;
      await buildList(shownInput);
    }
    window.print();
  };

  // Restore first, so a reload shows what was typed.
  const saved = readSaved();
  if (saved) {
    leaders.value = saved.leaders;
    cap.value = saved.cap;
    passives.value = saved.passives;
    paste.value = saved.paste;
    chosen = saved.columns;
    if (saved.leaders || saved.cap || saved.passives || saved.paste) showNotice("msgRestored");
  }

  for (const input of [paste, leaders, cap, passives]) input.addEventListener("input", saveSoon);
  // Other responses have other columns: a choice made for the old ones is dropped.
  const forgetColumns = () => {
    chosen = null;
    columnsBox.hidden = true;
  };
  paste.addEventListener("input", forgetColumns);
  fileInput.addEventListener("change", forgetColumns);
  columnsBox.addEventListener("change", (event) => {
    const target = event.target;
    if (!lastResult || !(target instanceof HTMLSelectElement || target instanceof HTMLInputElement)) return;
    chosen = chosen || {};
    if (target instanceof HTMLSelectElement) {
      chosen[target.dataset.role] = target.value === "" ? null : Number(target.value);
    } else {
      chosen.contacts = [...contactBoxes.querySelectorAll("input:checked")].map((box) => Number(box.value));
    }
    saveSoon();
    buildList();
  });
  for (const field of fields) {
    field.addEventListener(field.type === "file" ? "change" : "input", () => markField(field, message, false));
  }
  // Unsaved typing is written when the page goes: a reload or tab close
  // (pagehide), or Material's instant navigation to another page (signal).
  window.addEventListener("pagehide", flush, { signal });
  signal?.addEventListener("abort", flush, { once: true });
  fileInput.addEventListener("change", showFile);
  $(".kit-nps-forget").addEventListener("click", () => {
    fileInput.value = "";
    markField(fileInput, message, false);
    showFile();
    paste.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    flush();
    buildList();
  });
  $(".kit-nps-more-button").addEventListener("click", () => {
    if (!shownInput) return;
    limit += pageSize;
    buildList(shownInput);
  });
  $(".kit-nps-export").addEventListener("click", exportList);
  $(".kit-nps-print").addEventListener("click", printSheets);
  retry.addEventListener("click", () => engine.restart());

  showFile(); // a browser may keep the chosen file across a soft reload
  bindStatus(engine, status, retry);
  engine.start();
}
