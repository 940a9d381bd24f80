// The team report: the engine's aggregate (the "aggregate" op, or a team
// round's "round_combine") shown in the team view's result section. Nothing
// is computed here.
import { fill, formatScore, formatSigned } from "./util.js";

export function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
  return td;
}

export function mean(score) {
  return !score || score.withheld ? "–" : formatScore(score.mean);
}

// A gap is a signed difference: util.formatSigned is its one spelling.
export const formatGap = formatSigned;

export function renderReport(root, section, agg, tooBig = []) {
  section.hidden = false;
  // Nothing compared: the report is not rendered, only the rejected inputs.
  section.querySelector(".kit-team-report").hidden = !agg.results;
  // Groups go by their short names ("Managers (self)"), not the respondent's label.
  const roleLabel = Object.fromEntries(agg.roles.map((r) => [r.id, r.short || r.label]));
  const summary = section.querySelector(".kit-team-summary");
  summary.textContent = fill(summary.dataset.template, { results: agg.results, title: agg.questionnaire.title });

  const roles = section.querySelector(".kit-team-roles tbody");
  roles.replaceChildren();
  const reasons = [];
  for (const r of agg.roles) {
    const row = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = roleLabel[r.id];
    row.append(th);
    cell(row, String(r.n));
    cell(row, String(r.incomplete));
    roles.append(row);
    if (r.withheld) reasons.push(`${roleLabel[r.id]}: ${r.reason}`);
  }
  // The "no gaps" reason only repeats the groups' own messages when any is withheld.
  if (!reasons.length && agg.compare && !agg.compare.shown && agg.compare.reason) reasons.push(agg.compare.reason);
  const withheld = section.querySelector(".kit-team-withheld");
  // One message per withheld group, as a list.
  withheld.replaceChildren(
    ...reasons.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }),
  );
  withheld.hidden = reasons.length === 0;

  // A checklist's team verdict per group, as the engine decided it (issue 16).
  const verdicts = section.querySelector(".kit-team-checklist");
  const verdictList = verdicts.querySelector("ul");
  verdictList.replaceChildren();
  for (const [rid, v] of Object.entries(agg.checklist || {})) {
    if (v.withheld || !v.band) continue;
    const li = document.createElement("li");
    li.dataset.group = rid;
    const counts = [fill(v.tally.yes === 1 ? verdicts.dataset.tallyOne : verdicts.dataset.tally, v.tally)];
    if (v.tally.unknown) counts.push(fill(verdicts.dataset.tallyUnknown, { count: v.tally.unknown }));
    li.textContent = fill(verdicts.dataset.template, { group: roleLabel[rid] || rid, result: v.band.label, tally: counts.join("; ") });
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
  cell(overallRow, formatGap(agg.overall.gap));
  // Large enough to act on? kit.engine.change decided (gap_status); a round's view has none.
  const verdictHead = section.querySelector(".kit-team-dimensions .kit-team-verdict");
  const verdict = (row, d) => {
    const words = { reliable: "reliable", noise: "noise", too_few: "tooFew" }[d.gap_status];
    const td = cell(row, words ? fill(verdictHead.dataset[words], { threshold: formatScore(d.gap_threshold) }) : "–");
    td.dataset.status = d.gap_status || "";
  };
  verdict(overallRow, agg.overall);
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
    cell(row, formatGap(d.gap)).dataset.gap = d.gap ?? "";
    verdict(row, d);
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
    cell(row, formatGap(g.gap)).dataset.gap = g.gap ?? "";
    const more = cell(row, "");
    const link = root.querySelector(`[data-guide="${CSS.escape(`${agg.questionnaire.id}/${g.dimension}`)}"] a`);
    if (link) more.append(link.cloneNode(true));
    items.append(row);
  }

  const rejectedBox = section.querySelector(".kit-team-rejected");
  const list = rejectedBox.querySelector("ul");
  list.replaceChildren();
  for (const r of [...tooBig, ...(agg.rejected || [])]) {
    const li = document.createElement("li");
    const strong = document.createElement("strong");
    strong.textContent = r.name;
    li.append(strong, `: ${r.reason}`);
    list.append(li);
  }
  rejectedBox.hidden = list.children.length === 0;
}
