// Team view, for a team round: a key holder's "Make my key", and the
// facilitator's "New round" (the round file and one link per team and role).
// The engine checks the round (round_check); this module gathers the form.
import { engine } from "./engine.js";
import { isPublicKey, makeKeyPair } from "./round-crypto.js";
import { fileSlug, offerFile, randomHex, roundLink, today, withdrawFile } from "./round-files.js";
import { fill, markField, store } from "./util.js";

const FORM_KEY = "cx-kit/round-new";

async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return false;
  }
}

function copyButton(label, text, field) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = label;
  button.addEventListener("click", () => copyText(text, field));
  return button;
}

export function attachMakeKey(part, box) {
  const name = part.querySelector(".kit-rt-key-name");
  const message = part.querySelector(".kit-rt-message");
  const publicLine = part.querySelector(".kit-rt-public");
  const publicField = part.querySelector(".kit-rt-public-key");
  part.querySelector('[data-action="make-key"]').addEventListener("click", async () => {
    if (!name.value.trim()) {
      message.textContent = fill(box.dataset.msgMissing, { what: name.labels[0].textContent });
      markField(name, message, true);
      return;
    }
    markField(name, message, false);
    const keys = await makeKeyPair();
    const file = `${fileSlug(name.value)}.cxkey.json`;
    const data = { kind: "cx-kit-key", format: 1, name: name.value.trim(), public_key: keys.publicKey, private_key: keys.privateKey, created: today() };
    message.textContent = fill(message.dataset.msgMade, { file });
    offerFile(message, file, JSON.stringify(data, null, 1), box.dataset.msgAgain);
    publicField.value = keys.publicKey;
    publicLine.hidden = false;
  });
  part.querySelector('[data-action="copy-public"]').addEventListener("click", () => copyText(publicField.value, publicField));
}

// Team labels, one per line -> [{id, label}] with ids unique and safe.
function teamsFrom(text) {
  const teams = [];
  const used = new Set();
  for (const label of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    let id = fileSlug(label).slice(0, 40);
    if (!/^[a-z]/.test(id)) id = `team-${id}`;
    let unique = id;
    for (let n = 2; used.has(unique); n += 1) unique = `${id}-${n}`;
    used.add(unique);
    teams.push({ id: unique, label });
  }
  return teams;
}

export function attachNewRound(part, box, definitions, assessmentsUrl) {
  const message = part.querySelector(".kit-rt-message");
  const picker = part.querySelector(".kit-rt-questionnaire");
  const rolesBox = part.querySelector(".kit-rt-roles");
  const oneHolder = part.querySelector(".kit-rt-one-holder");
  const holders = [...part.querySelectorAll(".kit-rt-holder")];
  const readers = part.querySelector(".kit-rt-readers");
  const links = part.querySelector(".kit-rt-links");
  const field = (cls) => part.querySelector(cls);

  const showRoles = () => {
    rolesBox.querySelectorAll("label").forEach((l) => l.remove());
    definitions[picker.value].roles.forEach((role, i) => {
      const label = document.createElement("label");
      label.className = "kit-option";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = role.id;
      input.checked = i < 2;
      label.append(input, " ", role.id);
      label.title = role.label;
      rolesBox.append(label);
    });
  };
  picker.addEventListener("change", showRoles);

  // What the facilitator typed survives a reload (public keys and names only: nothing secret).
  const fields = [".kit-rt-name", ".kit-rt-questionnaire", ".kit-rt-teams", ".kit-rt-minimum", ".kit-rt-dropbox", ".kit-rt-holder-name", ".kit-rt-holder-key"];
  const inputs = () => fields.flatMap((cls) => [...part.querySelectorAll(cls)]);
  try {
    const saved = JSON.parse(store.get(FORM_KEY) || "null");
    if (saved && Array.isArray(saved.values)) inputs().forEach((el, i) => typeof saved.values[i] === "string" && (el.value = saved.values[i]));
    oneHolder.checked = Boolean(saved && saved.oneHolder === true);
    holders[1].hidden = oneHolder.checked;
    if (!definitions[picker.value]) picker.selectedIndex = 0;
  } catch {
    store.setAside(FORM_KEY, store.get(FORM_KEY));
  }
  part.addEventListener("input", () => store.set(FORM_KEY, JSON.stringify({ values: inputs().map((el) => el.value), oneHolder: oneHolder.checked })));
  showRoles();
  oneHolder.addEventListener("change", () => (holders[1].hidden = oneHolder.checked));

  // A key file dropped on a key holder's box: its name and public key, never its private key.
  for (const holder of holders) {
    holder.addEventListener("dragover", (event) => event.preventDefault());
    holder.addEventListener("drop", async (event) => {
      event.preventDefault();
      const file = event.dataTransfer.files[0];
      if (!file) return;
      try {
        const data = JSON.parse(await file.text());
        if (typeof data.public_key !== "string") throw new Error("no public key");
        holder.querySelector(".kit-rt-holder-key").value = data.public_key;
        if (typeof data.name === "string") holder.querySelector(".kit-rt-holder-name").value = data.name;
        message.textContent = "private_key" in data ? fill(message.dataset.msgPrivate, { name: file.name }) : "";
      } catch {
        message.textContent = fill(box.dataset.msgKeyFile, { name: file.name });
      }
    });
  }

  part.querySelector('[data-action="create-round"]').addEventListener("click", async () => {
    const definition = definitions[picker.value];
    const active = oneHolder.checked ? holders.slice(0, 1) : holders;
    const keyHolders = active.map((h) => ({
      name: h.querySelector(".kit-rt-holder-name").value.trim(),
      public_key: h.querySelector(".kit-rt-holder-key").value.trim(),
    }));
    for (const [i, h] of keyHolders.entries()) {
      const keyField = active[i].querySelector(".kit-rt-holder-key");
      const bad = !isPublicKey(h.public_key);
      markField(keyField, message, bad);
      if (bad) return (message.textContent = fill(message.dataset.msgFailed, { error: `${active[i].querySelector("legend").textContent}: ${box.dataset.msgKey}` }));
    }
    const round = {
      kind: "cx-kit-round",
      format: 1,
      id: randomHex(8),
      name: field(".kit-rt-name").value.trim(),
      questionnaire: definition.id,
      version: definition.version,
      roles: [...rolesBox.querySelectorAll("input:checked")].map((i) => i.value),
      teams: teamsFrom(field(".kit-rt-teams").value),
      minimum: Number(field(".kit-rt-minimum").value),
      key_holders: keyHolders,
      dropbox: field(".kit-rt-dropbox").value.trim() || null,
      created: today(),
    };
    const reply = await engine.request({ op: "round_check", round, definition });
    if (!reply.ok) {
      message.textContent = fill(message.dataset.msgFailed, { error: reply.error });
      withdrawFile(message);
      readers.hidden = links.hidden = true;
      return;
    }
    const checked = reply.result;
    const file = `${fileSlug(checked.name)}.cxround.json`;
    message.textContent = fill(message.dataset.msgDone, { file });
    offerFile(message, file, JSON.stringify(checked, null, 1), box.dataset.msgAgain);
    const names = checked.key_holders.map((h) => h.name);
    readers.textContent = fill(names.length === 2 ? message.dataset.msgTwo : message.dataset.msgOne, { a: names[0], b: names[1] || "", minimum: checked.minimum });
    readers.hidden = false;
    const page = new URL(`${checked.questionnaire}/`, assessmentsUrl).href;
    const body = links.querySelector("tbody");
    body.replaceChildren();
    for (const team of checked.teams) {
      for (const role of checked.roles) {
        const row = document.createElement("tr");
        const url = roundLink(page, checked, team.id, role);
        row.dataset.team = team.id;
        row.dataset.role = role;
        const input = document.createElement("input");
        input.type = "text";
        input.readOnly = true;
        input.value = url;
        input.className = "kit-rt-link";
        input.setAttribute("aria-label", `${team.label}, ${role}`);
        for (const text of [team.label, definition.roles.find((r) => r.id === role)?.label || role]) {
          const td = document.createElement("td");
          td.textContent = text;
          row.append(td);
        }
        const linkCell = document.createElement("td");
        linkCell.append(input);
        const copyCell = document.createElement("td");
        copyCell.append(copyButton(box.querySelector('[data-action="copy-public"]').textContent, url, input));
        row.append(linkCell, copyCell);
        body.append(row);
      }
    }
    links.hidden = false;
  });
}
