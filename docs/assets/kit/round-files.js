// Round links, sealed files and codes, key files: their text forms, read and
// written here; what they mean is the engine's (kit/engine/rounds.py) and the
// format page's (docs/reference/round-format.md).
import { fromB64url, toB64url } from "./round-crypto.js";
import { download, fill } from "./util.js";

export const CODE_PREFIX = "CXS1.";
const utf8 = new TextEncoder();

export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function randomHex(bytes) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function jsonB64url(data) {
  return toB64url(utf8.encode(JSON.stringify(data)));
}

export function b64urlJson(value) {
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromB64url(value)));
}

// The link's fragment (never sent to the web server): #round=...&team=...&role=...
export function roundLink(pageUrl, round, team, role) {
  const params = new URLSearchParams({ team, role });
  return `${pageUrl}#round=${jsonB64url(round)}&${params}`;
}

export function readRoundLink(hash) {
  if (!hash.startsWith("#round=")) return null;
  const params = new URLSearchParams(hash.slice(1));
  return { round: b64urlJson(params.get("round") || ""), team: params.get("team") || "", role: params.get("role") || "" };
}

export function fileSlug(name) {
  return (
    String(name)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "round"
  );
}

export function sealedCode(sealedFile) {
  return CODE_PREFIX + jsonB64url(sealedFile);
}

// One sealed submission from a file's text or a pasted code; throws a short reason.
export function readSealed(textValue) {
  const t = textValue.trim();
  let data;
  if (t.startsWith(CODE_PREFIX)) {
    try {
      data = b64urlJson(t.slice(CODE_PREFIX.length));
    } catch {
      throw new Error("damaged");
    }
  } else {
    try {
      data = JSON.parse(t);
    } catch {
      throw new Error("damaged");
    }
  }
  if (!data || data.kind !== "cx-kit-sealed" || data.format !== 1 || !Array.isArray(data.sealed)) throw new Error("not-sealed");
  return data;
}

// Pasted codes: one per line (blank lines and spaces ignored).
export function splitCodes(textValue) {
  return textValue
    .split(/\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// A file the page made, behind a button: a download that no click started
// (after sealing or the engine's work) is one browsers may hold back.
export function offerFile(after, filename, text, label) {
  let button = after.nextElementSibling;
  if (!button || !button.matches("button[data-again]")) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.dataset.again = "";
    after.after(button);
  }
  button.textContent = fill(label, { file: filename });
  button.onclick = () => download(filename, text, "application/json");
  button.hidden = false;
  button.focus();
  return button;
}

// A failed step leaves no button for an earlier step's file.
export function withdrawFile(after) {
  const button = after.nextElementSibling;
  if (button && button.matches("button[data-again]")) button.hidden = true;
}
