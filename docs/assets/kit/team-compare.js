// Team view: a baseline round and a later round of the same assessment,
// compared by the engine ("change" op, action "groups") per group, dimension
// and question, with the gap between the groups in each round. Files and
// codes are read in this browser and uploaded nowhere; nothing is computed here.
import { changeStrings, changeTable, methodNote } from "./change-table.js";
import { engine, LARGE_INPUT } from "./engine.js";
import { fill, markField, store } from "./util.js";

const STORE_KEY = "cx-kit/team-compare";
const SIDES = ["before", "after"];

export function init(root) {
  const definitions = JSON.parse(document.querySelector("script.kit-team-definitions").textContent);
  const s = changeStrings(root);
  const form = root.querySelector(".kit-change-form");
  const picker = form.querySelector(".kit-change-questionnaire");
  const message = form.querySelector(".kit-change-message");
  const result = root.querySelector(".kit-change-result");
  const minGroup = Number(root.dataset.minGroup);
  const maxBytes = Number(root.dataset.maxBytes);
  const side = Object.fromEntries(
    SIDES.map((name) => {
      const box = form.querySelector(`[data-round="${name}"]`);
      return [name, { box, files: box.querySelector(".kit-change-files"), codes: box.querySelector(".kit-change-codes"), legend: box.querySelector("legend").textContent, dropped: [] }];
    }),
  );
  engine.start();

  // What was typed survives a reload (files cannot be kept).
  try {
    const saved = JSON.parse(store.get(STORE_KEY) || "null");
    if (saved && definitions[saved.questionnaire]) picker.value = saved.questionnaire;
    for (const name of SIDES) if (saved && typeof saved[name] === "string") side[name].codes.value = saved[name];
  } catch {
    store.setAside(STORE_KEY, store.get(STORE_KEY));
  }
  const save = () => store.set(STORE_KEY, JSON.stringify({ questionnaire: picker.value, before: side.before.codes.value, after: side.after.codes.value }));
  picker.addEventListener("change", save);

  for (const name of SIDES) {
    const { box, files, codes } = side[name];
    codes.addEventListener("input", () => {
      save();
      markField(codes, message, false);
    });
    files.addEventListener("change", () => markField(files, message, false));
    box.addEventListener("dragover", (event) => {
      event.preventDefault();
      box.classList.add("kit-drop-over");
    });
    box.addEventListener("dragleave", () => box.classList.remove("kit-drop-over"));
    box.addEventListener("drop", (event) => {
      event.preventDefault();
      box.classList.remove("kit-drop-over");
      side[name].dropped = [...event.dataTransfer.files];
      markField(files, message, false);
    });
  }

  const say = (key, values = {}, state = "busy") => {
    message.textContent = fill(message.dataset[key], values);
    message.dataset.state = state;
  };
  const given = (name) => side[name].files.files.length + side[name].dropped.length > 0 || side[name].codes.value.trim() !== "";

  const gather = async (name) => {
    const { files, codes, dropped, legend } = side[name];
    const items = [];
    const tooBig = [];
    for (const file of [...files.files, ...dropped]) {
      if (file.size > maxBytes) tooBig.push({ name: file.name, reason: message.dataset.msgTooBig });
      else items.push({ name: file.name, kind: "text", data: await file.text() });
    }
    if (codes.value.trim()) items.push({ name: `${legend}: ${codes.labels[0].textContent}`, kind: "text", data: codes.value });
    return { items, tooBig };
  };

  form.addEventListener("click", async (event) => {
    if (event.target.closest("[data-action]")?.dataset.action !== "compare-rounds") return;
    const missing = SIDES.filter((name) => !given(name));
    for (const name of SIDES) {
      markField(side[name].files, message, missing.includes(name));
      markField(side[name].codes, message, missing.includes(name));
    }
    if (missing.length) return say("msgNothing", {}, "error");
    say("msgReading");
    const [before, after] = await Promise.all(SIDES.map(gather));
    const request = { op: "change", action: "groups", definition: definitions[picker.value], before: before.items, after: after.items, min_group: minGroup };
    const reply = await engine.request(request, LARGE_INPUT);
    if (!reply.ok) return say("msgFailed", { error: reply.error }, "error");
    render(reply.result, { before: before.tooBig, after: after.tooBig });
    say("msgDone", { before: reply.result.rounds.before.results, after: reply.result.rounds.after.results }, "done");
  });

  const render = (out, tooBig) => {
    result.hidden = false;
    const roleLabel = Object.fromEntries(out.roles.map((r) => [r.role, r.label]));
    const roles = result.querySelector(".kit-change-roles");
    roles.replaceChildren();
    for (const r of out.roles) {
      if (!r.n_before && !r.n_after) continue;
      const part = document.createElement("section");
      part.className = "kit-change-role";
      part.dataset.role = r.role;
      const h = document.createElement("h3");
      h.textContent = fill(message.dataset.msgGroup, { group: r.label, before: r.n_before, after: r.n_after });
      part.append(h);
      if (r.withheld) {
        const p = document.createElement("p");
        p.textContent = r.reason;
        part.append(p);
      } else {
        const rows = [r.overall];
        for (const d of r.dimensions) {
          rows.push({ ...d, level: 1 });
          for (const q of r.items) if (q.dimension === d.id) rows.push({ ...q, level: 2 });
        }
        part.append(changeTable({ caption: message.dataset.msgDimensions, rows, s }));
      }
      roles.append(part);
    }

    const gaps = result.querySelector(".kit-change-gaps");
    gaps.replaceChildren();
    for (const name of SIDES) {
      const g = out.gap[name];
      if (!g.shown) {
        const p = document.createElement("p");
        p.dataset.round = name;
        p.textContent = fill(message.dataset.msgGapNone, { round: side[name].legend, reason: g.reason || "" });
        gaps.append(p);
        continue;
      }
      const [first, second] = g.roles.map((id) => roleLabel[id] || id);
      const rows = [g.overall, ...g.dimensions.map((d) => ({ ...d, level: 1 }))];
      const table = changeTable({ caption: fill(message.dataset.msgGapCaption, { round: side[name].legend, first, second }), rows, s, gap: [first, second] });
      table.dataset.round = name;
      gaps.append(table);
    }
    result.querySelector(".kit-change-method").replaceWith(methodNote(fill(s.methodGroups, { minimum: out.minimum }), s));

    const rejected = result.querySelector(".kit-change-rejected");
    const list = rejected.querySelector("ul");
    list.replaceChildren();
    for (const name of SIDES) {
      for (const item of [...out.rounds[name].rejected, ...tooBig[name]]) {
        const li = document.createElement("li");
        li.textContent = fill(message.dataset.msgRejected, { round: side[name].legend, name: item.name, reason: item.reason });
        list.append(li);
      }
    }
    rejected.hidden = list.children.length === 0;
  };
  root.dataset.started = "1"; // inputs restored, listeners bound
}
