// A round link on an assessment page (#round=...&team=...&role=...): says
// what will be sent, where, and who can read it; then seals the engine's
// shares of the complete result for each key holder and delivers them (drop
// box PUT, or a code and file to send). The engine makes the shares
// (round_shares); this module only seals and carries them.
import { engine } from "./engine.js";
import { seal } from "./round-crypto.js";
import { readRoundLink, sealedCode } from "./round-files.js";
import { download, fill, store } from "./util.js";

const SENT_PREFIX = "cx-kit/round-sent/";

async function copy(text, field) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    field.select();
  }
}

// Seal each payload for its key holder: the sealed file a respondent sends.
export async function sealPayloads(round, payloads) {
  const sealed = [];
  for (const payload of payloads) {
    const holder = round.key_holders[payload.holder];
    sealed.push({ holder: payload.holder, ct: await seal(holder.public_key, round.id, payload.holder, JSON.stringify(payload)) });
  }
  return { kind: "cx-kit-sealed", format: 1, round: round.id, sealed };
}

// PUT to the round's drop box (same origin only; the CSP allows nothing else).
async function deliver(round, response, text) {
  const url = new URL(`${round.dropbox.replace(/\/?$/, "/")}${response}.json`, location.origin);
  if (url.origin !== location.origin) throw new Error("the drop box is not on this site");
  const reply = await fetch(url, { method: "PUT", body: text, headers: { "Content-Type": "application/json" }, cache: "no-store" });
  if (reply.status === 409) return "already";
  if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
  return "sent";
}

export async function attachRound({ root, form, definition, getState }) {
  const panel = root.querySelector("[data-kit-round]");
  const submitBox = panel.querySelector(".kit-round-submit");
  const message = panel.querySelector(".kit-round-message");
  const button = panel.querySelector('[data-action="round-submit"]');
  const sealedBox = panel.querySelector(".kit-round-sealed");
  const codeField = panel.querySelector(".kit-round-code");
  const result = document.querySelector(".kit-result");
  const say = (name, values = {}) => {
    message.textContent = fill(message.dataset[name], values);
    message.dataset.state = name;
  };
  panel.hidden = false;

  let link;
  try {
    link = readRoundLink(location.hash);
    const reply = await engine.request({ op: "round_check", round: link.round, definition });
    if (!reply.ok) throw new Error(reply.error);
    link.round = reply.result;
    const { round, team, role } = link;
    if (round.questionnaire !== definition.id) throw new Error(`the link is for ${round.questionnaire}`);
    if (!round.teams.some((t) => t.id === team)) throw new Error(`no team ${team}`);
    if (!round.roles.includes(role)) throw new Error(`no role ${role}`);
  } catch (err) {
    for (const el of panel.children) el.hidden = true;
    const error = panel.querySelector(".kit-round-title");
    error.hidden = false;
    error.textContent = fill(panel.dataset.msgBadLink, { error: err.message || String(err) });
    return;
  }
  const { round, team, role } = link;

  // On this page answers do leave the browser, sealed: the status line and the about text say so.
  const status = root.querySelector(".kit-status");
  status.dataset.msgReady = panel.dataset.msgReady;
  if (status.dataset.state === "ready") status.textContent = panel.dataset.msgReady;
  const about = document.querySelector(".kit-about-text");
  if (about) about.textContent = about.dataset.roundText;

  // The role comes from the link: preset and fixed, so nobody answers in the wrong role.
  for (const input of form.querySelectorAll('input[name="kit-role"]')) {
    input.checked = input.value === role;
    input.disabled = input.value !== role;
  }
  const roleInput = form.querySelector(`input[name="kit-role"][value="${CSS.escape(role)}"]`);
  roleInput.closest("fieldset").title = panel.dataset.msgRoleLocked;
  roleInput.dispatchEvent(new Event("change", { bubbles: true }));

  const roleName = document.querySelector(`.kit-role-names [data-role="${CSS.escape(role)}"]`)?.textContent || role;
  const teamLabel = round.teams.find((t) => t.id === team).label;
  const holders = round.key_holders.map((h) => h.name);
  const title = panel.querySelector(".kit-round-title");
  title.textContent = fill(title.dataset.template, { name: round.name });
  const who = panel.querySelector(".kit-round-who");
  who.textContent = fill(who.dataset.template, { team: teamLabel, role: roleName, holders: holders.join(", ") });
  const readers = holders.length === 2 ? panel.dataset.msgTwo : panel.dataset.msgOne;
  panel.querySelector(".kit-round-readers").textContent = fill(readers, { a: holders[0], b: holders[1] || "", minimum: round.minimum });
  const where = round.dropbox ? panel.dataset.msgDropbox : panel.dataset.msgNoDropbox;
  panel.querySelector(".kit-round-where").textContent = fill(where, { dropbox: round.dropbox || "" });
  // The submit box sits after the questions.
  form.after(submitBox);

  const sentKey = `${SENT_PREFIX}${round.id}/${team}/${role}`;
  let current = null; // { file, text, response }
  const showSealed = (entry) => {
    current = entry;
    codeField.value = sealedCode(entry.file);
    sealedBox.hidden = false;
  };
  try {
    const earlier = JSON.parse(store.get(sentKey) || "null");
    if (earlier && earlier.file && earlier.file.kind === "cx-kit-sealed") {
      showSealed(earlier);
      say("msgEarlier", { date: earlier.date });
    }
  } catch {
    store.setAside(sentKey, store.get(sentKey));
  }

  const sync = () => {
    button.disabled = result.dataset.state !== "complete" || result.hidden;
  };
  new MutationObserver(sync).observe(result, { attributes: true, attributeFilter: ["data-state", "hidden"] });
  sync();

  button.addEventListener("click", async () => {
    const { answers } = getState();
    say("msgSealing");
    button.disabled = true;
    try {
      const reply = await engine.request({ op: "round_shares", definition, round, team, role, answers });
      if (!reply.ok) {
        say(reply.kind === "answers" ? "msgIncomplete" : "msgFailed", { error: reply.error });
        return;
      }
      const file = await sealPayloads(round, reply.result.payloads);
      const response = reply.result.response;
      const text = JSON.stringify(file);
      const entry = { file, response, date: new Date().toISOString().slice(0, 10) };
      // Kept before it is sent: a failed upload loses nothing.
      store.set(sentKey, JSON.stringify(entry));
      showSealed(entry);
      if (!round.dropbox) return say("msgSealed");
      try {
        say((await deliver(round, response, text)) === "already" ? "msgAlready" : "msgSent");
      } catch (err) {
        say("msgPutFailed", { error: err.message || String(err) });
      }
    } catch (err) {
      say("msgFailed", { error: err.message || String(err) });
    } finally {
      sync();
    }
  });
  submitBox.querySelector('[data-action="round-copy"]').addEventListener("click", () => copy(codeField.value, codeField));
  submitBox.querySelector('[data-action="round-download"]').addEventListener("click", () => {
    if (current) download(`cx-kit-sealed-${current.response}.json`, JSON.stringify(current.file), "application/json");
  });
}
