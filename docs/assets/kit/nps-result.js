// NPS call list page, the result: the engine's reply (kit.engine.nps) shown
// in the page's tables, column choices and printable call sheets. Every word
// comes from the page's HTML; data from the file is only ever set as text.
import { fill, formatScore } from "./util.js";

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  if (text !== undefined && text !== null) el.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

// The page's result area; returns render(res), which shows one engine reply.
// columnsBox and contactBoxes are nps.js's too: it reads the user's choices there.
export function resultView(root, { columnsBox, contactBoxes }) {
  const $ = (selector) => root.querySelector(selector);
  const columnGrid = $(".kit-nps-column-grid");
  const sheets = $(".kit-nps-sheets");
  const result = $(".kit-nps-result");
  const callsTable = $(".kit-nps-calls table");
  const invalidBox = $(".kit-nps-invalid");
  const leadersBox = $(".kit-nps-leaders-summary");
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

  return render;
}
