// Small helpers shared by the kit's pages: text templates, numbers, and
// localStorage that never throws and never trusts what it reads.

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
}

// Every score and difference the pages show, with one decimal in the page's
// language (45.8 in English, 45,8 in German): the one place numbers are spelled.
const scoreFormats = new Map();
function scoreFormat() {
  const lang = document.documentElement.lang || "en";
  if (!scoreFormats.has(lang)) {
    scoreFormats.set(lang, new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }));
  }
  return scoreFormats.get(lang);
}

export function formatScore(value) {
  return value === null || value === undefined ? "–" : scoreFormat().format(value);
}

// The words of the engine's SVG charts in the page's language (the request
// field chart_words): the page's data-chart-words, and the decimal separator
// of formatScore, so a chart spells 45,8 as the rest of a German page does.
export function chartWords() {
  let words = {};
  try {
    words = JSON.parse(document.querySelector("[data-chart-words]")?.dataset.chartWords || "{}");
  } catch {
    words = {};
  }
  const decimal = scoreFormat().formatToParts(0.5).find((part) => part.type === "decimal");
  return { ...words, decimal: decimal ? decimal.value : "." };
}

// A difference with its sign (+4.0, −2.5 with a true minus, 0.0), the one
// spelling of every gap and change the pages show.
export function formatSigned(value) {
  if (value === null || value === undefined) return "–";
  const text = formatScore(Math.abs(value));
  return text === formatScore(0) ? text : (value > 0 ? "+" : "−") + text;
}

// Storage that never throws: private modes and full quotas must not break a page.
export const store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      /* nothing stored */
    }
  },
  // Unreadable data is moved aside, never silently deleted.
  setAside(key, raw) {
    this.set(`${key}/set-aside`, raw);
    this.remove(key);
  },
};

// The engine's status, shown in a page's status line (data-msg-* texts).
export function bindStatus(engine, status, retry) {
  const render = (stage, error) => {
    status.dataset.state = stage;
    if (stage === "error") status.textContent = fill(status.dataset.msgError, { error });
    else if (stage === "ready") status.textContent = status.dataset.msgReady;
    else if (stage === "engine") status.textContent = status.dataset.msgEngine;
    else status.textContent = status.dataset.msgLoading;
    if (retry) retry.hidden = stage !== "error";
  };
  engine.listeners.add(render);
  render(engine.stage === "idle" ? "runtime" : engine.stage, engine.error);
  return render;
}

// A file the engine produced, saved through the browser's download.
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// An error is tied to the field it is about: aria-invalid, and the message
// among the field's descriptions (aria-describedby), until the field changes.
export function markField(field, message, invalid) {
  const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== message.id);
  if (invalid) {
    field.setAttribute("aria-invalid", "true");
    ids.push(message.id);
  } else {
    field.removeAttribute("aria-invalid");
  }
  if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
  else field.removeAttribute("aria-describedby");
}
