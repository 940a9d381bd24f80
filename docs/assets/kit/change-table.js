// Tables of the engine's "change" op (kit.engine.change): before, after, the
// change, the change needed to be reliable and the verdict. Nothing is computed
// here: every figure and every verdict comes from the engine.
import { formatScore, formatSigned } from "./util.js";

// The UI strings of change_strings.html.j2 (data-* of [data-kit-change-strings]).
export function changeStrings(near) {
  const el = near?.querySelector?.("[data-kit-change-strings]") || document.querySelector("[data-kit-change-strings]");
  if (!el) throw new Error("no [data-kit-change-strings] on this page: include change_strings.html.j2");
  return el.dataset;
}

const STATUS = { noise: "noise", too_few: "tooFew", withheld: "withheld", missing: "missing" };

export function verdict(row, s, gap = false) {
  if (row.status === "reliable") return gap ? s.gapMatters : row.direction === "worse" ? s.worse : s.better;
  return s[STATUS[row.status]] || row.status;
}

function headCell(tr, text, scope = "col") {
  const th = document.createElement("th");
  th.scope = scope;
  th.textContent = text;
  tr.append(th);
  return th;
}

// rows: engine rows, each with an optional `level` (0 overall, 1 dimension,
// 2 question); gap: rows of a gap (self, team, gap) with `heads` naming the two sides.
export function changeTable({ caption, rows, s, gap = null }) {
  const table = document.createElement("table");
  table.className = "kit-change-table";
  table.createCaption().textContent = caption;
  const heads = gap
    ? [s.colItem, gap[0], gap[1], s.colGap, s.colThreshold, s.colVerdict]
    : [s.colItem, s.colBefore, s.colAfter, s.colChange, s.colThreshold, s.colVerdict];
  const head = table.createTHead().insertRow();
  heads.forEach((text) => headCell(head, text));
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.id = row.id ?? "overall";
    tr.dataset.status = row.status;
    tr.dataset.level = String(row.level ?? 0);
    headCell(tr, row.id === null ? s.overall : row.label, "row");
    const values = gap
      ? [formatScore(row.self), formatScore(row.team), formatSigned(row.gap)]
      : [formatScore(row.before), formatScore(row.after), formatSigned(row.change)];
    values.push(row.threshold === null || row.threshold === undefined ? "–" : `±${formatScore(row.threshold)}`);
    values.forEach((text, i) => {
      const td = tr.insertCell();
      td.textContent = row.status === "withheld" ? "–" : text;
      td.dataset.label = heads[i + 1];
    });
    const td = tr.insertCell();
    td.className = "kit-change-verdict";
    td.dataset.label = heads[5];
    td.textContent = verdict(row, s, Boolean(gap));
    if (row.status === "reliable") td.dataset.direction = gap ? "matters" : row.direction;
  }
  return table;
}

// The method in one paragraph, with the link to the guide page.
export function methodNote(text, s) {
  const p = document.createElement("p");
  p.className = "kit-change-method";
  p.append(`${text} `);
  const a = document.createElement("a");
  a.href = new URL(s.guide, location.href).href;
  a.textContent = s.guideLink;
  p.append(a);
  return p;
}
