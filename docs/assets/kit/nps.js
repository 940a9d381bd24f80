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
    const chosen = data.columns && typeof data.columns === "object" && !Array.isArray(data.columns) ? data.columns : null;
    return { leaders: text(data.leaders), cap: text(data.cap), passives: text(data.passives), paste: text(data.paste), columns: chosen };
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
  const passives = $(".kit-nps-passives");
  const columnsBox = $(".kit-nps-columns");
  const columnGrid = $(".kit-nps-column-grid");
  const contactBoxes = $(".kit-nps-contact-boxes");
  const sheets = $(".kit-nps-sheets");
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

  const showFile = () => {
    const file = fileInput.files[0];
    fileInfo.hidden = !file;
    if (file) fileInfo.querySelector(".kit-nps-file-text").textContent = fill(fileInfo.dataset.template, { name: file.name });
  };

  const words = callsTable.dataset;
  const tracks = $(".kit-nps-tracks");
  const trackLink = (name) => {
    const link = tracks.querySelector(`a[data-talk-track="${CSS.escape(name)}"]`);
    return link ? link.cloneNode(true) : null;
  };
  const categoryWord = (category) =>
    ({ detractor: words.msgDetractor, passive: words.msgPassive, promoter: words.msgPromoter })[category];
  const customerOf = (call) => call.customer || fill(words.msgNoCustomer, { line: call.line });
  const contactOf = (call) => call.contacts.filter((value) => value).join("\n");

  // The columns the engine took, as choices the user can change.
  const renderColumns = (res) => {
    const grid = columnGrid.dataset;
    for (const select of columnGrid.querySelectorAll("select")) {
      const role = select.dataset.role;
      const options = document.createDocumentFragment();
      if (role !== "score") options.append(new Option(grid.msgNone, ""));
      res.headers.forEach((header, i) => options.append(new Option(header || `#${i + 1}`, String(i))));
      select.replaceChildren(options);
      const index = res.column_index[role];
      select.value = index === null ? "" : String(index);
      const how = res.column_how[role];
      const note = root.querySelector(`#${select.getAttribute("aria-describedby")}`);
      note.textContent = how ? grid[`how${how.charAt(0).toUpperCase()}${how.slice(1)}`] : "";
    }
    const used = new Set(["score", "customer", "comment", "owner"].map((role) => res.column_index[role]));
    const boxes = document.createDocumentFragment();
    res.headers.forEach((header, i) => {
      if (used.has(i)) return;
      const label = document.createElement("label");
      label.className = "kit-nps-contact-box";
      const box = cell("input", null, { type: "checkbox", value: String(i) });
      box.checked = res.column_index.contacts.includes(i);
      label.append(box, document.createTextNode(` ${header || `#${i + 1}`}`));
      boxes.append(label);
    });
    contactBoxes.replaceChildren(boxes);
    contactBoxes.closest("fieldset").hidden = !contactBoxes.childElementCount;
    columnsBox.hidden = false;
  };

  // One printable sheet per leader (the engine's `sheets`), each call with
  // room to write what came of it; print CSS starts each on its own page.
  const renderSheets = (res) => {
    const text = sheets.dataset;
    const byRank = new Map(res.calls.map((call) => [call.rank, call]));
    const date = new Date().toLocaleDateString(document.documentElement.lang || undefined, {
      year: "numeric",
      month: "long",
      day: "numeric",
    });
    const out = document.createDocumentFragment();
    for (const sheet of res.sheets) {
      const section = cell("section", null, { class: "kit-nps-sheet" });
      const title = sheet.leader === null ? text.titleUnassigned : fill(text.title, { leader: sheet.leader });
      section.append(cell("h3", title), cell("p", fill(text.count, { calls: sheet.ranks.length, date }), { class: "kit-nps-sheet-meta" }));
      const shown = sheet.ranks.filter((rank) => byRank.has(rank));
      if (shown.length < sheet.ranks.length) {
        section.append(cell("p", fill(text.partial, { shown: shown.length, total: sheet.ranks.length }), { class: "kit-nps-sheet-partial" }));
      }
      const list = cell("ol", null, { class: "kit-nps-cards" });
      for (const rank of shown) {
        const call = byRank.get(rank);
        const card = cell("li", null, { class: "kit-nps-card", "data-category": call.category });
        const head = cell("p", null, { class: "kit-nps-card-head" });
        head.append(cell("strong", `${call.rank}. ${customerOf(call)}`), document.createTextNode(` · ${call.score} · ${categoryWord(call.category)}`));
        card.append(head);
        const contact = contactOf(call);
        if (contact) card.append(cell("p", contact.replaceAll("\n", " · "), { class: "kit-nps-card-contact" }));
        if (call.comment) {
          const said = cell("p", null, { class: "kit-nps-card-said" });
          said.append(cell("span", text.said), document.createTextNode(` ${call.comment}`));
          card.append(said);
        }
        const link = trackLink(call.talk_track);
        if (link) {
          const track = cell("p", null, { class: "kit-nps-card-track" });
          track.append(link);
          card.append(track);
        }
        const notes = cell("div", null, { class: "kit-nps-outcome" });
        notes.append(
          cell("p", text.called, { class: "kit-nps-write kit-nps-write-short" }),
          cell("p", text.followUp, { class: "kit-nps-write kit-nps-write-short" }),
          cell("p", text.outcome, { class: "kit-nps-write kit-nps-write-long" }),
        );
        card.append(notes);
        list.append(card);
      }
      section.append(list);
      out.append(section);
    }
    sheets.replaceChildren(out);
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

    const passivesLine = $(".kit-nps-passives-line");
    passivesLine.textContent = fill(passivesLine.dataset.template, res.passives);
    const ownerNote = $(".kit-nps-owner-note");
    ownerNote.hidden = res.leaders_from !== "owner";
    ownerNote.textContent = fill(ownerNote.dataset.template, { column: res.columns.owner || "" });

    const leaderRows = document.createDocumentFragment();
    for (const entry of res.per_leader) {
      const tr = document.createElement("tr");
      tr.append(
        cell("th", entry.leader, { scope: "row" }),
        cell("td", entry.calls),
        cell("td", entry.detractor),
        cell("td", entry.promoter),
        cell("td", entry.passive),
      );
      leaderRows.append(tr);
    }
    leadersBox.querySelector("tbody").replaceChildren(leaderRows);
    leadersBox.querySelector(".kit-nps-unassigned-row .kit-n").textContent = String(res.unassigned);
    leadersBox.hidden = res.leaders.length === 0;

    // Narrow screens show each row as a card: a cell's label is its column's header.
    const labels = [...callsTable.tHead.rows[0].cells].map((th) => th.textContent);
    const callRows = document.createDocumentFragment();
    for (const call of res.calls) {
      const tr = document.createElement("tr");
      tr.dataset.category = call.category;
      if (call.leader === null) tr.dataset.unassigned = "";
      const trackCell = document.createElement("td");
      const link = trackLink(call.talk_track);
      if (link) trackCell.append(link);
      // The contact details go under the customer's name: one column less to scroll.
      const customerCell = cell("td", customerOf(call));
      const contact = contactOf(call);
      if (contact) customerCell.append(cell("span", contact, { class: "kit-nps-contact" }));
      tr.append(
        cell("td", call.rank),
        customerCell,
        cell("td", call.score),
        cell("td", categoryWord(call.category)),
        cell("td", call.leader === null ? words.msgUnassigned : call.leader),
        cell("td", call.comment, { class: "kit-nps-comment" }),
        trackCell,
      );
      [...tr.cells].forEach((td, i) => td.setAttribute("data-label", labels[i]));
      callRows.append(tr);
    }
    callsTable.tBodies[0].replaceChildren(callRows);
    renderColumns(res);
    renderSheets(res);
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
