// Keeping results: download, result code and link, opening a saved result,
// and the history kept in this browser. The engine makes every record, code,
// chart and change; this module only carries them between page and storage.
import { engine } from "./engine.js";
import runtime from "./runtime.js";
import { chartWords, download, fill, formatScore, formatSigned, markField, store } from "./util.js";

const HISTORY_FORMAT = 1;
const MAX_FILE = 5 * 1024 * 1024;
const MAX_HISTORY = 50;

// The engine's rule for a response id (kit.engine.results.RESPONSE_ID_RE, via runtime.js).
const RESPONSE_ID = new RegExp(`^(?:${runtime.response_id_pattern})$`);

export function isResponseId(value) {
  return typeof value === "string" && RESPONSE_ID.test(value);
}

export function newResponseId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (input) input.select();
    return false;
  }
}

// The SVG comes from the engine as text; parse it as SVG (never as HTML).
function showChart(figure, svgText) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  figure.querySelector("svg")?.remove();
  if (svg.nodeName.toLowerCase() !== "svg") return;
  figure.prepend(document.importNode(svg, true));
  figure.hidden = false;
}

// view(state, name): shows an opened result as someone's shared result
// (assessment.js), never as the user's own answers.
export function attachKeep({ root, definition, result, view, clear }) {
  const qid = root.dataset.kitId;
  const historyKey = `cx-kit/history/${qid}/v${root.dataset.kitVersion}`;
  const keepBox = result.querySelector(".kit-keep");
  const codeInput = keepBox.querySelector(".kit-code");
  const keepMessage = keepBox.querySelector(".kit-keep-message");
  const chart = result.querySelector(".kit-chart");
  const deltaLine = result.querySelector(".kit-delta");
  const changeBox = result.querySelector(".kit-history-change");
  const openBox = document.querySelector("[data-kit-open]");
  const openMessage = openBox.querySelector(".kit-open-message");
  const openFileInput = openBox.querySelector(".kit-open-file");
  const openCodeField = openBox.querySelector(".kit-open-code");
  const historyBox = document.querySelector("[data-kit-history]");
  const historyMessage = historyBox.querySelector(".kit-history-message");
  const roleNames = Object.fromEntries([...historyBox.querySelectorAll("[data-role]")].map((li) => [li.dataset.role, li.textContent]));
  const outcomeNames = Object.fromEntries([...historyBox.querySelectorAll("[data-outcome]")].map((li) => [li.dataset.outcome, li.textContent]));
  let kept = null;

  // History is untrusted storage: anything malformed is set aside, not used.
  const readHistory = () => {
    const raw = store.get(historyKey);
    if (raw === null) return [];
    try {
      const data = JSON.parse(raw);
      if (!data || data.format !== HISTORY_FORMAT || !Array.isArray(data.records)) throw new Error("format");
      return data.records.filter((r) => r && typeof r === "object" && typeof r.response_id === "string");
    } catch {
      store.setAside(historyKey, raw);
      return [];
    }
  };
  const writeHistory = (records) => {
    store.set(historyKey, JSON.stringify({ format: HISTORY_FORMAT, records: records.slice(-MAX_HISTORY) }));
  };

  const showHistory = async () => {
    const records = readHistory();
    const table = historyBox.querySelector(".kit-history-table");
    const body = table.querySelector("tbody");
    const rowTemplate = historyBox.querySelector("template.kit-history-row");
    body.replaceChildren();
    historyBox.querySelector(".kit-history-empty").hidden = records.length > 0;
    table.hidden = records.length === 0;
    if (!records.length) return;
    const reply = await engine.request({ op: "result", action: "history", definition, records });
    if (!reply.ok) return;
    reply.result.entries.forEach((entry, i) => {
      const row = rowTemplate.content.firstElementChild.cloneNode(true);
      const cell = (name) => row.querySelector(`[data-field="${name}"]`);
      if (entry.error) {
        cell("date").textContent = fill(historyMessage.dataset.msgUnreadable, { error: entry.error });
      } else {
        cell("date").textContent = entry.record.date;
        cell("role").textContent = roleNames[entry.record.role] || entry.record.role;
        cell("overall").textContent = formatScore(entry.result.overall);
        cell("result").textContent = entry.result.band ? outcomeNames[entry.result.band.id] || entry.result.band.label : "–";
      }
      const id = records[i].response_id;
      row.dataset.responseId = id;
      row.querySelector('[data-action="delete"]').addEventListener("click", () => {
        writeHistory(readHistory().filter((r) => r.response_id !== id));
        showHistory();
      });
      body.append(row);
    });
  };

  const forget = (id) => {
    writeHistory(readHistory().filter((r) => r.response_id !== id));
    showHistory();
  };

  // Called after every score: a complete result is recorded, shown and kept.
  // A shared result on view (viewing) gets its code and chart, but is not
  // recorded and not compared with this browser's results.
  const update = async (res, { role, answers, responseId, viewing, isLatest }) => {
    const complete = Boolean(res.band);
    keepBox.hidden = !complete;
    if (!complete) {
      chart.hidden = true;
      deltaLine.hidden = true;
      changeBox.hidden = true;
      kept = null;
      return;
    }
    const history = readHistory();
    // Change is one person's change in one role: never against another role's result.
    const previous = viewing ? null : history.filter((r) => r.response_id !== responseId && r.role === role).at(-1) || null;
    const request = { op: "result", action: "keep", definition, role, answers, response_id: responseId, date: today(), previous, chart_words: chartWords() };
    let reply = await engine.request(request);
    if (!reply.ok && previous) reply = await engine.request({ ...request, previous: null }); // an unreadable older entry
    if (!reply.ok || !isLatest()) return;
    kept = reply.result;
    showChart(chart, kept.svg);
    codeInput.value = kept.code;
    const d = kept.delta;
    deltaLine.hidden = !d || d.overall === null;
    if (d && d.overall !== null) {
      deltaLine.textContent = fill(deltaLine.dataset.template, { date: d.previous_date, overall: formatSigned(d.overall) });
    }
    // Rank the recommendations for the printed action sheet (top three).
    [...result.querySelectorAll(".kit-rec:not([hidden])")].forEach((el, i) => el.classList.toggle("kit-rec-extra", i >= 3));
    fillSheet(role);
    if (viewing) {
      changeBox.hidden = true;
      return;
    }
    const others = history.filter((r) => r.response_id !== responseId);
    writeHistory([...others, kept.record]);
    showHistory();
    await showChange(previous, kept.record);
  };

  // The printed action sheet names its date and role.
  const fillSheet = (role) => {
    const meta = result.querySelector(".kit-sheet-meta");
    if (!meta) return;
    const date = new Date().toLocaleDateString(document.documentElement.lang || "en", { dateStyle: "long" });
    meta.textContent = fill(meta.dataset.template, { date, role: roleNames[role] || role });
  };

  // The engine's reading of the change since the previous result of the same
  // role (ch20's history-compare.js), shown under the one-line change.
  const showChange = async (before, after) => {
    changeBox.hidden = true;
    if (!before) return;
    try {
      const { compareHistory } = await import("./history-compare.js");
      await compareHistory({ definition, before, after, into: changeBox });
    } catch (err) {
      console.error(err); // the one-line change stays
      changeBox.hidden = true;
    }
  };

  keepBox.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!action || !kept) return;
    keepMessage.textContent = "";
    if (action === "json") download(kept.filename, JSON.stringify(kept.record, null, 2) + "\n", "application/json");
    else if (action === "csv") {
      const reply = await engine.request({ op: "result", action: "csv", definition, record: kept.record });
      if (reply.ok) download(reply.result.filename, reply.result.csv, "text/csv;charset=utf-8");
    } else if (action === "print") window.print();
    else if (action === "copy-code" || action === "copy-link") {
      const text = action === "copy-code" ? kept.code : `${location.origin}${location.pathname}#r=${kept.code}`;
      const ok = await copyText(text, codeInput);
      keepMessage.textContent = ok ? keepMessage.dataset.msgCopied : keepMessage.dataset.msgCopyFailed;
    }
  });

  // An opened result is shown as someone's shared result (view): the user's
  // own answers and history stay as they are. A message about a file or a
  // code is tied to that field (fields: the ones it is about; none for a link).
  const openMessageFor = (name, values, fields = []) => {
    const error = name !== "msgOpened" && name !== "msgUndone";
    openMessage.textContent = fill(openMessage.dataset[name], values);
    openMessage.dataset.state = error ? "error" : "done";
    for (const field of [openFileInput, openCodeField]) markField(field, openMessage, error && fields.includes(field));
  };
  for (const field of [openFileInput, openCodeField]) {
    field.addEventListener(field.type === "file" ? "change" : "input", () => markField(field, openMessage, false));
  }
  const load = async (state, name) => {
    await view(state, name);
    openMessageFor("msgOpened", { name });
  };
  const openCode = async (code, name, field = null) => {
    const reply = await engine.request({ op: "result", action: "decode", definitions: [definition], code });
    if (!reply.ok) {
      openMessageFor("msgOpenFailed", { name, error: reply.error }, field ? [field] : []);
      return false;
    }
    await load({ role: reply.result.role, answers: reply.result.answers, responseId: null }, name);
    return true;
  };
  const openFile = async (file) => {
    const fields = [openFileInput];
    if (file.size > MAX_FILE) return openMessageFor("msgTooBig", { name: file.name }, fields);
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      return openMessageFor("msgBadJson", { name: file.name }, fields);
    }
    const reply = await engine.request({ op: "result", action: "read", definition, record: data });
    if (!reply.ok) return openMessageFor("msgOpenFailed", { name: file.name, error: reply.error }, fields);
    const rec = reply.result.record;
    await load({ role: rec.role, answers: rec.answers, responseId: rec.response_id }, file.name);
  };

  openBox.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "open") {
      if (openFileInput.files.length) await openFile(openFileInput.files[0]);
      else if (openCodeField.value.trim()) await openCode(openCodeField.value, openMessage.dataset.nameCode, openCodeField);
      else openMessageFor("msgNothing", {}, [openFileInput, openCodeField]);
    }
  });

  // A result link carries its answers in the fragment, which never reaches a server.
  const openFromLink = async () => {
    const match = location.hash.match(/^#r=(.+)$/);
    if (!match) return false;
    let code;
    try {
      code = decodeURIComponent(match[1]);
    } catch {
      code = match[1]; // a broken escape: the engine says what is wrong with it
    }
    const opened = await openCode(code, openMessage.dataset.nameLink);
    if (!opened) openBox.open = true; // the reason is shown where codes are opened
    return opened;
  };

  // Everything the kit keeps in this browser: answers, history, stories,
  // tool inputs, set-aside copies, offline caches and the service worker.
  historyBox.querySelector('[data-action="delete-all"]').addEventListener("click", async () => {
    const scope = window.__md_scope ? `${window.__md_scope.pathname}.` : null;
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    for (const k of keys) if (k.startsWith("cx-kit/") || (scope && k.startsWith(scope))) store.remove(k);
    try {
      for (const name of await caches.keys()) if (name.startsWith("cx-kit-")) await caches.delete(name);
      const registration = await navigator.serviceWorker?.getRegistration();
      if (registration) await registration.unregister();
    } catch {
      /* no caches in this browser */
    }
    clear({ undoable: false });
    kept = null;
    keepBox.hidden = true;
    await showHistory();
    historyMessage.textContent = historyMessage.dataset.msgDeletedAll;
  });

  return { update, showHistory, openFromLink, forget };
}
