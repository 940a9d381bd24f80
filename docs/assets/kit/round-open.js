// Team view, for a team round: a key holder opens their half (HPKE, in this
// browser) and the engine adds it up per group (round_release); then the
// key holders' share-sums combine into the team report (round_combine).
// Earlier releases of a round stay in this browser, so the engine can refuse
// a release that differs from one of them by fewer than the minimum.
import { engine, LARGE_INPUT } from "./engine.js";
import { open } from "./round-crypto.js";
import { fileSlug, offerFile, readSealed, splitCodes, withdrawFile } from "./round-files.js";
import { cell, formatGap, mean } from "./team-report.js";
import { chartWords, fill, formatScore, store } from "./util.js";

const RELEASES = "cx-kit/round-releases/";
const MAX_FILE = 1024 * 1024;

async function readJson(input, box, what) {
  const file = input.files[0];
  if (!file) throw new Error(fill(box.dataset.msgMissing, { what }));
  if (file.size > MAX_FILE) throw new Error(`${file.name}: larger than 1 MB`);
  try {
    return { name: file.name, data: JSON.parse(await file.text()) };
  } catch {
    throw new Error(`${file.name}: not JSON`);
  }
}

async function checkRound(input, box, definition) {
  const label = input.labels[0].textContent;
  const { name, data } = await readJson(input, box, label);
  const reply = await engine.request({ op: "round_check", round: data, ...(definition && { definition }) });
  if (!reply.ok) throw new Error(fill(box.dataset.msgRoundFile, { name, error: reply.error }));
  return reply.result;
}

// Previous releases (without their vectors): what the differencing check needs.
function previousReleases(roundId, holder) {
  const key = `${RELEASES}${roundId}/${holder}`;
  try {
    const list = JSON.parse(store.get(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    store.setAside(key, store.get(key));
    return [];
  }
}

function remember(sum) {
  const key = `${RELEASES}${sum.round}/${sum.holder}`;
  const groups = {};
  for (const [team, roles] of Object.entries(sum.groups)) {
    groups[team] = Object.fromEntries(Object.entries(roles).map(([role, g]) => [role, { ids: g.ids }]));
  }
  const kept = { kind: sum.kind, round: sum.round, holder: sum.holder, released_ids: sum.released_ids, groups };
  store.set(key, JSON.stringify([...previousReleases(sum.round, sum.holder), kept].slice(-20)));
}

export function attachOpen(part, box, definitions) {
  const message = part.querySelector(".kit-rt-message");
  const refused = part.querySelector(".kit-rt-refused");
  const withheldList = part.querySelector(".kit-rt-withheld");
  const filesInput = part.querySelector(".kit-rt-open-files");
  const codes = part.querySelector(".kit-rt-open-codes");
  let dropped = [];
  const drop = part.querySelector("[data-drop-sealed]");
  drop.addEventListener("dragover", (event) => event.preventDefault());
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    dropped = [...event.dataTransfer.files];
  });

  const showRefused = (items) => {
    const list = refused.querySelector("ul");
    list.replaceChildren();
    for (const r of items) {
      const li = document.createElement("li");
      const strong = document.createElement("strong");
      strong.textContent = r.name;
      li.append(strong, `: ${r.reason}`);
      list.append(li);
    }
    refused.hidden = items.length === 0;
  };

  part.querySelector('[data-action="open-round"]').addEventListener("click", async () => {
    withheldList.replaceChildren();
    showRefused([]);
    withdrawFile(message);
    message.textContent = box.dataset.msgWorking;
    message.dataset.state = "busy";
    try {
      const round = await checkRound(part.querySelector(".kit-rt-open-round"), box);
      const definition = definitions[round.questionnaire];
      if (!definition) throw new Error(`round.questionnaire: ${round.questionnaire} is not on this site`);
      const keyInput = part.querySelector(".kit-rt-open-key");
      const { name: keyName, data: key } = await readJson(keyInput, box, keyInput.labels[0].textContent);
      if (!key || key.kind !== "cx-kit-key" || typeof key.private_key !== "string") throw new Error(fill(box.dataset.msgKeyFile, { name: keyName }));
      const holder = round.key_holders.findIndex((h) => h.public_key === key.public_key);
      if (holder < 0) throw new Error(fill(box.dataset.msgNotHolder, { name: keyName }));

      const inputs = [];
      for (const file of [...filesInput.files, ...dropped]) {
        inputs.push({ name: file.name, text: file.size > MAX_FILE ? "" : await file.text() });
      }
      splitCodes(codes.value).forEach((code, i) => inputs.push({ name: `${codes.labels[0].textContent.split("(")[0].trim()} ${i + 1}`, text: code }));
      if (!inputs.length) throw new Error(fill(box.dataset.msgMissing, { what: filesInput.labels[0].textContent }));

      const payloads = [];
      const bad = [];
      for (const item of inputs) {
        let sealed;
        try {
          sealed = readSealed(item.text);
        } catch (err) {
          bad.push({ name: item.name, reason: err.message === "not-sealed" ? box.dataset.msgNotSealed : box.dataset.msgDamaged });
          continue;
        }
        if (sealed.round !== round.id) {
          bad.push({ name: item.name, reason: box.dataset.msgOtherRound });
          continue;
        }
        const part = sealed.sealed.find((s) => s && s.holder === holder);
        if (!part || typeof part.ct !== "string") {
          bad.push({ name: item.name, reason: box.dataset.msgNoPart });
          continue;
        }
        try {
          payloads.push(JSON.parse(await open(key.private_key, round.id, holder, part.ct)));
        } catch {
          bad.push({ name: item.name, reason: box.dataset.msgOpen });
        }
      }
      showRefused(bad);
      if (!payloads.length) throw new Error(bad.length ? bad[0].reason : fill(box.dataset.msgMissing, { what: filesInput.labels[0].textContent }));
      const reply = await engine.request({ op: "round_release", definition, round, holder, payloads, previous: previousReleases(round.id, holder) }, LARGE_INPUT);
      if (!reply.ok) throw new Error(reply.error);
      const sum = reply.result;
      remember(sum);
      const file = `${fileSlug(round.name)}-holder-${holder + 1}.cxsum.json`;
      message.textContent = fill(message.dataset.msgDone, { responses: sum.released_ids.length + sum.withheld.reduce((n, w) => n + w.responses, 0), duplicates: sum.duplicates, file });
      offerFile(message, file, JSON.stringify(sum), box.dataset.msgAgain);
      message.dataset.state = "done";
      // Responses per team and role so far: released groups, then withheld ones with their reason.
      const teamLabel = Object.fromEntries(round.teams.map((t) => [t.id, t.label]));
      for (const [team, roles] of Object.entries(sum.groups)) {
        for (const [role, g] of Object.entries(roles)) {
          const li = document.createElement("li");
          li.textContent = fill(box.dataset.msgCount, { team: teamLabel[team] || team, role, responses: g.responses });
          withheldList.append(li);
        }
      }
      for (const w of sum.withheld) {
        const li = document.createElement("li");
        li.textContent = fill(box.dataset.msgWithheld, { team: teamLabel[w.team] || w.team, role: w.role, responses: w.responses, reason: w.reason });
        withheldList.append(li);
      }
    } catch (err) {
      message.textContent = fill(message.dataset.msgFailed, { error: err.message || String(err) });
      message.dataset.state = "error";
    }
  });
}

// Round-only parts of the report: counts per team and role, teams side by
// side (with managers' own results shared with consent), every hidden cell's reason.
function renderRoundReport(section, view) {
  const box = section.querySelector(".kit-rt-report");
  box.hidden = false;
  const roles = view.roles.map((r) => r.id);
  const label = Object.fromEntries(view.roles.map((r) => [r.id, r.label]));
  const head = (table, cols) => {
    const tr = document.createElement("tr");
    for (const c of cols) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      tr.append(th);
    }
    table.querySelector("thead").replaceChildren(tr);
    table.querySelector("tbody").replaceChildren();
    return table.querySelector("tbody");
  };
  const rowHead = (tr, text) => {
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = text;
    tr.append(th);
  };
  const teamWord = section.dataset.teamWord || "Team";
  const counts = head(box.querySelector(".kit-rt-counts"), [teamWord, ...roles.map((r) => label[r])]);
  const pair = view.compare ? view.compare.roles : roles.slice(0, 2);
  const teams = head(box.querySelector(".kit-rt-teams"), [teamWord, ...pair.map((r) => label[r]), section.querySelector(".kit-team-dimensions thead th:last-child").textContent]);
  for (const t of view.teams) {
    const tr = document.createElement("tr");
    tr.dataset.team = t.id;
    rowHead(tr, t.label);
    for (const r of t.roles) {
      const td = cell(tr, String(r.n));
      td.dataset.role = r.id;
      if (r.withheld) td.title = r.reason || "";
    }
    counts.append(tr);
    const side = document.createElement("tr");
    side.dataset.team = t.id;
    rowHead(side, t.label);
    for (const r of pair) cell(side, mean(t.overall.roles[r]));
    cell(side, formatGap(t.overall.gap)).dataset.gap = t.overall.gap ?? "";
    teams.append(side);
    for (const own of t.own_results || []) {
      const tr2 = document.createElement("tr");
      tr2.className = "kit-rt-own";
      rowHead(tr2, `${t.label}: ${own.name}`);
      for (const r of pair) cell(tr2, r === own.role ? formatScore(own.overall) : mean(t.overall.roles[r]));
      cell(tr2, formatGap(own.overall_gap));
      teams.append(tr2);
    }
  }
  // Every hidden cell with its reason, grouped by reason.
  const hidden = new Map();
  const add = (reason, where) => {
    if (!reason) return;
    if (!hidden.has(reason)) hidden.set(reason, []);
    hidden.get(reason).push(where);
  };
  const teamLabel = Object.fromEntries(view.teams.map((t) => [t.id, t.label]));
  for (const w of view.withheld || []) add(w.reason, `${teamLabel[w.team] || w.team}, ${label[w.role] || w.role} (${w.responses})`);
  for (const t of view.teams) {
    for (const d of t.dimensions) for (const r of roles) if (d.roles[r]?.withheld && !t.roles.find((x) => x.id === r)?.withheld) add(d.roles[r].reason, `${t.label}, ${d.title}, ${label[r]}`);
  }
  for (const item of view.items || []) for (const r of roles) if (item.roles?.[r]?.withheld && !view.roles.find((x) => x.id === r)?.withheld) add(item.roles[r].reason, `${item.short || item.id}, ${label[r]}`);
  for (const w of view.warnings || []) if (w.name === "duplicates") add(w.message, `${view.duplicates}`);
  const hiddenBox = box.querySelector(".kit-rt-hidden");
  const list = hiddenBox.querySelector("ul");
  list.replaceChildren();
  for (const [reason, where] of hidden) {
    const li = document.createElement("li");
    const strong = document.createElement("strong");
    strong.textContent = where.join("; ");
    li.append(strong, `: ${reason}`);
    list.append(li);
  }
  hiddenBox.hidden = hidden.size === 0;
}

// Managers' own results: "team code" per line (team by id or label).
function managerResults(text, round, label) {
  const out = [];
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const cut = line.lastIndexOf(" ");
    const teamText = line.slice(0, cut).trim().replace(/:$/, "");
    const team = round.teams.find((t) => t.id === teamText || t.label === teamText);
    out.push({ team: team ? team.id : teamText, name: fill(label, { n: out.length + 1 }), kind: "code", data: line.slice(cut + 1) });
  }
  return out;
}

export function attachCombine(part, box, definitions, root, section, onReport) {
  const message = part.querySelector(".kit-rt-message");
  part.querySelector('[data-action="combine-round"]').addEventListener("click", async () => {
    message.textContent = box.dataset.msgWorking;
    message.dataset.state = "busy";
    try {
      const round = await checkRound(part.querySelector(".kit-rt-combine-round"), box);
      const definition = definitions[round.questionnaire];
      if (!definition) throw new Error(`round.questionnaire: ${round.questionnaire} is not on this site`);
      const sumsInput = part.querySelector(".kit-rt-combine-sums");
      if (!sumsInput.files.length) throw new Error(fill(box.dataset.msgMissing, { what: sumsInput.labels[0].textContent }));
      const sums = [];
      for (const file of sumsInput.files) {
        try {
          sums.push(JSON.parse(await file.text()));
        } catch {
          throw new Error(`${file.name}: not JSON`);
        }
      }
      const managers = managerResults(part.querySelector(".kit-rt-combine-managers").value, round, box.dataset.msgOwn);
      const reply = await engine.request({ op: "round_combine", definition, round, sums, manager_results: managers, chart_words: chartWords() }, LARGE_INPUT);
      if (!reply.ok) throw new Error(reply.error);
      message.textContent = "";
      message.dataset.state = "done";
      onReport(reply.result);
      renderRoundReport(section, reply.result);
      section.scrollIntoView({ block: "start" });
    } catch (err) {
      message.textContent = fill(message.dataset.msgFailed, { error: err.message || String(err) });
      message.dataset.state = "error";
    }
  });
}
