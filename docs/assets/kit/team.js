// Team view: reads result files and codes in this browser, hands them to the
// engine's "aggregate" op and shows what it returns. Nothing is uploaded and
// nothing is computed here.
import { engine, LARGE_INPUT } from "./engine.js";
import { bindStatus, download, fill, formatScore, formatSigned, markField, store } from "./util.js";

const STORE_KEY = "cx-kit/team";

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
  return td;
}

function mean(score) {
  return !score || score.withheld ? "–" : formatScore(score.mean);
}

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
  const ERRORS = new Set(["msgNothing", "msgFailed"]);
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
    section.hidden = false;
    const roleLabel = Object.fromEntries(agg.roles.map((r) => [r.id, r.label]));
    const summary = section.querySelector(".kit-team-summary");
    summary.textContent = fill(summary.dataset.template, { results: agg.results, title: agg.questionnaire.title });

    const roles = section.querySelector(".kit-team-roles tbody");
    roles.replaceChildren();
    const reasons = [];
    for (const r of agg.roles) {
      const row = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = r.label;
      row.append(th);
      cell(row, String(r.n));
      cell(row, String(r.incomplete));
      roles.append(row);
      if (r.withheld) reasons.push(`${r.label}: ${r.reason}`);
    }
    if (agg.compare && !agg.compare.shown && agg.compare.reason) reasons.push(agg.compare.reason);
    const withheld = section.querySelector(".kit-team-withheld");
    withheld.hidden = reasons.length === 0;
    withheld.textContent = reasons.join(" ");

    // A checklist's team verdict per group, as the engine decided it (issue 16).
    const verdicts = section.querySelector(".kit-team-checklist");
    const verdictList = verdicts.querySelector("ul");
    verdictList.replaceChildren();
    for (const [rid, v] of Object.entries(agg.checklist || {})) {
      if (v.withheld || !v.band) continue;
      const li = document.createElement("li");
      li.dataset.group = rid;
      const tally = [fill(v.tally.yes === 1 ? verdicts.dataset.tallyOne : verdicts.dataset.tally, v.tally), ...(v.tally.unknown ? [fill(verdicts.dataset.tallyUnknown, { count: v.tally.unknown })] : [])].join("; ");
      li.textContent = fill(verdicts.dataset.template, { group: roleLabel[rid] || rid, result: v.band.label, tally });
      verdictList.append(li);
    }
    verdicts.hidden = verdictList.children.length === 0;

    const chart = section.querySelector(".kit-team-chart");
    chart.querySelector("svg")?.remove();
    chart.hidden = !agg.chart;
    if (agg.chart) {
      const svg = new DOMParser().parseFromString(agg.chart, "image/svg+xml").documentElement;
      if (svg.nodeName.toLowerCase() === "svg") chart.prepend(document.importNode(svg, true));
    }

    const [a, b] = agg.compare ? agg.compare.roles : [agg.roles[0]?.id, agg.roles[1]?.id];
    for (const th of section.querySelectorAll('th[data-col="a"]')) th.textContent = roleLabel[a] || "";
    for (const th of section.querySelectorAll('th[data-col="b"]')) th.textContent = roleLabel[b] || "";

    const dims = section.querySelector(".kit-team-dimensions tbody");
    dims.replaceChildren();
    const overallRow = document.createElement("tr");
    const overallTh = document.createElement("th");
    overallTh.scope = "row";
    overallTh.textContent = section.querySelector(".kit-team-dimensions caption").dataset.overall || "Overall";
    overallRow.append(overallTh);
    cell(overallRow, mean(agg.overall.roles[a]));
    cell(overallRow, mean(agg.overall.roles[b]));
    cell(overallRow, formatSigned(agg.overall.gap));
    dims.append(overallRow);
    for (const d of agg.dimensions) {
      const row = document.createElement("tr");
      row.dataset.dimension = d.id;
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = d.title;
      row.append(th);
      cell(row, mean(d.roles[a]));
      cell(row, mean(d.roles[b]));
      cell(row, formatSigned(d.gap)).dataset.gap = d.gap ?? "";
      dims.append(row);
    }

    const items = section.querySelector(".kit-team-items tbody");
    items.replaceChildren();
    for (const g of agg.largest_gaps) {
      const row = document.createElement("tr");
      row.dataset.item = g.id;
      cell(row, g.short || g.texts[a] || g.id);
      cell(row, formatScore(g.means[a]));
      cell(row, formatScore(g.means[b]));
      cell(row, formatSigned(g.gap)).dataset.gap = g.gap ?? "";
      const more = cell(row, "");
      const link = root.querySelector(`[data-guide="${CSS.escape(`${agg.questionnaire.id}/${g.dimension}`)}"] a`);
      if (link) more.append(link.cloneNode(true));
      items.append(row);
    }

    const rejectedBox = section.querySelector(".kit-team-rejected");
    const list = rejectedBox.querySelector("ul");
    list.replaceChildren();
    for (const r of [...tooBig, ...agg.rejected]) {
      const li = document.createElement("li");
      const strong = document.createElement("strong");
      strong.textContent = r.name;
      li.append(strong, `: ${r.reason}`);
      list.append(li);
    }
    rejectedBox.hidden = list.children.length === 0;
  };

  form.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!action) return;
    if (action === "print") return window.print();
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
    const reply = await engine.request({ op: "aggregate", definition, items, min_group: minGroup }, LARGE_INPUT);
    if (!reply.ok) return say("msgFailed", { error: reply.error });
    lastItems = items;
    csvButton.disabled = false;
    printButton.disabled = false;
    render(reply.result, tooBig);
    say("msgDone", { results: reply.result.results, rejected: reply.result.rejected.length + tooBig.length });
  });
}
