// NPS call list page: the responses go to the engine (kit.engine.nps), its
// call list comes back into the page. Nothing is parsed, counted, sorted or
// assigned here; every word shown comes from the page's HTML. Data from the
// file is only ever set as text, never as HTML.
import { engine, LARGE_INPUT } from "./engine.js";
import { bindStatus, fill, formatScore, markField, store } from "./util.js";

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
    return { leaders: text(data.leaders), cap: text(data.cap), paste: text(data.paste) };
  } catch {
    store.setAside(STORAGE_KEY, raw);
    return null;
  }
}

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  if (text !== undefined && text !== null) el.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
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
  const message = $(".kit-nps-message");
  const result = $(".kit-nps-result");
  const callsTable = $(".kit-nps-calls table");
  const invalidBox = $(".kit-nps-invalid");
  const leadersBox = $(".kit-nps-leaders-summary");
  const pageSize = Number(root.dataset.kitPageSize) || 500;
  let limit = pageSize; // rows of each list the engine sends back to show
  let latest = 0;
  let shownInput = null; // the input of the result on screen, for "more" and the export
  let saveTimer = 0;

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
  const fields = [fileInput, paste, leaders, cap];
  const markInvalid = (field) => {
    for (const f of fields) markField(f, message, f === field);
  };
  // Which field a failure is about is the engine's judgement too: the same
  // request again with the leaders and the limit left empty, then with the
  // limit alone left empty; the first that fails with the same message
  // names the field (the responses, the leaders, else the limit).
  const faultyField = async (input, error) => {
    const same = async (values) => (await engine.request({ op: "nps", ...input, ...values, limit: 1 })).error === error;
    if (await same({ leaders: "", cap: "" })) return fileInput.files[0] ? fileInput : paste;
    if (await same({ cap: "" })) return leaders;
    return cap;
  };

  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const tooLarge = paste.value.length > MAX_SAVED;
    const data = { format: FORMAT, leaders: leaders.value, cap: cap.value, paste: tooLarge ? "" : paste.value };
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

  const showFile = () => {
    const file = fileInput.files[0];
    fileInfo.hidden = !file;
    if (file) fileInfo.querySelector(".kit-nps-file-text").textContent = fill(fileInfo.dataset.template, { name: file.name });
  };

  const render = (res) => {
    result.hidden = false;
    $(".kit-nps-encoding").hidden = !res.encoding_suspect;

    for (const row of $(".kit-nps-counts").querySelectorAll("tr[data-category]")) {
      const category = row.dataset.category;
      row.querySelector(".kit-n").textContent = String(category === "total" ? res.total : res.counts[category]);
      const pct = row.querySelector(".kit-pct");
      if (pct) pct.textContent = res.percent[category] === null ? "–" : `${formatScore(res.percent[category])}%`;
    }
    $(".kit-nps-score").textContent = formatScore(res.nps);
    const margin = $(".kit-nps-margin");
    if (res.nps === null) margin.textContent = "";
    else if (res.margin === null) margin.textContent = margin.dataset.msgNone;
    else margin.textContent = fill(margin.dataset.template, { margin: formatScore(res.margin) });

    const invalidTable = invalidBox.querySelector("table");
    const invalidRows = document.createDocumentFragment();
    for (const bad of res.invalid) {
      const key = `reason${bad.code.charAt(0).toUpperCase()}${bad.code.slice(1)}`;
      const template = invalidTable.dataset[key];
      const tr = document.createElement("tr");
      tr.append(cell("td", bad.line), cell("td", template ? fill(template, { raw: bad.raw }) : bad.reason), cell("td", bad.customer));
      invalidRows.append(tr);
    }
    invalidTable.tBodies[0].replaceChildren(invalidRows);
    invalidBox.hidden = res.invalid_total === 0;
    const invalidPartial = invalidBox.querySelector(".kit-nps-partial");
    invalidPartial.hidden = res.invalid.length === res.invalid_total;
    invalidPartial.textContent = fill(invalidPartial.dataset.template, { shown: res.invalid.length, total: res.invalid_total });

    const leaderRows = document.createDocumentFragment();
    for (const entry of res.per_leader) {
      const tr = document.createElement("tr");
      tr.append(cell("th", entry.leader, { scope: "row" }), cell("td", entry.calls), cell("td", entry.detractor), cell("td", entry.promoter));
      leaderRows.append(tr);
    }
    leadersBox.querySelector("tbody").replaceChildren(leaderRows);
    leadersBox.querySelector(".kit-nps-unassigned-row .kit-n").textContent = String(res.unassigned);
    leadersBox.hidden = res.leaders.length === 0;

    const words = callsTable.dataset;
    const tracks = $(".kit-nps-tracks");
    const callRows = document.createDocumentFragment();
    for (const call of res.calls) {
      const tr = document.createElement("tr");
      tr.dataset.category = call.category;
      if (call.leader === null) tr.dataset.unassigned = "";
      const link = tracks.querySelector(`a[data-talk-track="${CSS.escape(call.talk_track)}"]`);
      const trackCell = document.createElement("td");
      if (link) trackCell.append(link.cloneNode(true));
      tr.append(
        cell("td", call.rank),
        cell("td", call.customer || fill(words.msgNoCustomer, { line: call.line })),
        cell("td", call.score),
        cell("td", call.category === "detractor" ? words.msgDetractor : words.msgPromoter),
        cell("td", call.leader === null ? words.msgUnassigned : call.leader),
        cell("td", call.comment, { class: "kit-nps-comment" }),
        trackCell,
      );
      callRows.append(tr);
    }
    callsTable.tBodies[0].replaceChildren(callRows);
    $(".kit-nps-calls").hidden = res.calls_total === 0;
    $(".kit-nps-no-calls").hidden = res.calls_total > 0 || res.total === 0;
    const more = $(".kit-nps-more");
    const callsPartial = more.querySelector(".kit-nps-partial");
    more.hidden = res.calls.length === res.calls_total && res.invalid.length === res.invalid_total;
    callsPartial.hidden = res.calls.length === res.calls_total;
    callsPartial.textContent = fill(callsPartial.dataset.template, { shown: res.calls.length, total: res.calls_total });
  };

  const currentInput = async () => {
    const file = fileInput.files[0];
    const csv = file ? await file.text() : paste.value;
    return { csv, leaders: leaders.value, cap: cap.value };
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

  // Restore first, so a reload shows what was typed.
  const saved = readSaved();
  if (saved) {
    leaders.value = saved.leaders;
    cap.value = saved.cap;
    paste.value = saved.paste;
    if (saved.leaders || saved.cap || saved.paste) showNotice("msgRestored");
  }

  for (const input of [paste, leaders, cap]) input.addEventListener("input", saveSoon);
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
  $(".kit-nps-print").addEventListener("click", () => window.print());
  retry.addEventListener("click", () => engine.restart());

  showFile(); // a browser may keep the chosen file across a soft reload
  bindStatus(engine, status, retry);
  engine.start();
}
