// Story builder: a template's fields go to the engine, the engine's story
// comes back into the page. Nothing is composed or checked here, and every
// word shown comes from the page (data-msg-* texts).
import { engine } from "./engine.js";
import { bindStatus, fill, store } from "./util.js";

const STORAGE_PREFIX = "cx-kit/story/";
const CHOICE_KEY = "cx-kit/story-choice";
const FORMAT = 1;
const DEBOUNCE_MS = 150;

const fieldInputs = (form) => form.querySelectorAll("input[name], textarea[name]");
const fieldInput = (form, name) => form.querySelector(`:is(input, textarea)[name="${CSS.escape(name)}"]`);

// Saved text is untrusted input: anything malformed is set aside, not used.
function readSaved(key, form) {
  const raw = store.get(key);
  if (raw === null) return { fields: null, dropped: false };
  try {
    const data = JSON.parse(raw);
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error("format");
    if (typeof data.fields !== "object" || data.fields === null || Array.isArray(data.fields))
      throw new Error("fields");
    const fields = {};
    let dropped = 0;
    for (const [name, value] of Object.entries(data.fields)) {
      if (typeof value === "string" && fieldInput(form, name)) fields[name] = value;
      else dropped += 1;
    }
    return { fields, dropped: dropped > 0 };
  } catch {
    store.setAside(key, raw);
    return { fields: null, dropped: true };
  }
}

// The browser's local date; the engine turns it into the file name.
function today() {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
}

export function init(root, { signal } = {}) {
  const definitions = JSON.parse(document.querySelector("script.kit-story-definitions").textContent);
  const picker = root.querySelector(".kit-story-picker");
  const status = root.querySelector(".kit-status");
  const notice = root.querySelector(".kit-notice");
  const retry = root.querySelector(".kit-retry");
  const output = root.querySelector(".kit-story-text");
  const empty = root.querySelector(".kit-story-empty");
  const missing = root.querySelector(".kit-story-missing");
  const feedback = root.querySelector(".kit-story-feedback");
  const clearButton = root.querySelector(".kit-story-clear");
  const forms = new Map([...root.querySelectorAll("form.kit-story-form")].map((f) => [f.dataset.story, f]));
  let latest = 0;
  let timer = 0;

  const showNotice = (name) => {
    notice.textContent = notice.dataset[name];
    notice.hidden = false;
  };
  const say = (name, values = {}) => {
    feedback.textContent = fill(feedback.dataset[name], values);
  };

  const current = () => picker.querySelector('input[name="kit-story"]:checked')?.value;
  const keyOf = (id) => `${STORAGE_PREFIX}${id}`;

  const readFields = (id) => {
    const fields = {};
    for (const input of fieldInputs(forms.get(id))) fields[input.name] = input.value;
    return fields;
  };

  const save = (id) => {
    const state = { format: FORMAT, fields: readFields(id), saved: new Date().toISOString() };
    if (!store.set(keyOf(id), JSON.stringify(state))) showNotice("msgUnsaved");
  };

  const show = (id) => {
    picker.querySelector(`input[name="kit-story"][value="${CSS.escape(id)}"]`).checked = true;
    for (const section of root.querySelectorAll("section[data-story]")) section.hidden = section.dataset.story !== id;
    store.set(CHOICE_KEY, id);
  };

  const render = (result, seq) => {
    output.textContent = result.markdown;
    output.hidden = false;
    empty.hidden = true;
    const form = forms.get(result.id);
    const labels = result.missing.map((name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`).dataset.label);
    missing.textContent = labels.length
      ? fill(missing.dataset.template, { fields: labels.join(missing.dataset.separator) })
      : missing.dataset.msgComplete;
    root.dataset.kitStory = `${result.id}/${seq}`;
  };

  // The story for the fields as they are now; the page shows only the newest.
  const refresh = async () => {
    clearTimeout(timer);
    const id = current();
    const mine = ++latest;
    const reply = await engine.request({ op: "story", template: definitions[id], fields: readFields(id), date: today() });
    if (mine === latest) {
      if (reply.ok) render(reply.result, mine);
      else if (reply.kind !== "engine") {
        status.dataset.state = "failed";
        status.textContent = fill(status.dataset.msgFailed, { error: reply.error });
      }
    }
    return reply;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  };

  // Buttons act on a story made from the fields as they are at the click.
  const withStory = (action) => async () => {
    feedback.textContent = "";
    const reply = await refresh();
    if (reply.ok) await action(reply.result);
    else say("msgUnavailable", { error: reply.error });
  };

  const selectOutput = () => {
    const range = document.createRange();
    range.selectNodeContents(output);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    output.focus();
  };

  const copy = async (result) => {
    try {
      await navigator.clipboard.writeText(result.markdown);
      say("msgCopied");
      return;
    } catch {
      // No clipboard API here (not a secure context) or no permission: select instead.
    }
    selectOutput();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    say(copied ? "msgCopied" : "msgSelected");
  };

  const download = (result) => {
    const url = URL.createObjectURL(new Blob([result.markdown], { type: "text/markdown;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = result.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say("msgDownloaded", { filename: result.filename });
  };

  const clear = () => {
    if (!window.confirm(clearButton.dataset.msgConfirm)) return;
    const id = current();
    forms.get(id).reset();
    store.remove(keyOf(id));
    say("msgCleared");
    refresh();
  };

  // Restore every template's saved text, then the chosen template: a link to
  // #story-<id> wins over the one remembered from last time.
  let restored = false;
  let dropped = false;
  for (const [id, form] of forms) {
    const saved = readSaved(keyOf(id), form);
    dropped ||= saved.dropped;
    if (!saved.fields) continue;
    for (const [name, value] of Object.entries(saved.fields)) {
      fieldInput(form, name).value = value;
      restored ||= value !== "";
    }
  }
  if (dropped) showNotice("msgDiscarded");
  else if (restored) showNotice("msgRestored");

  const fromHash = () => {
    const id = decodeURIComponent(location.hash.replace(/^#story-/, ""));
    return location.hash.startsWith("#story-") && forms.has(id) ? id : null;
  };
  const remembered = store.get(CHOICE_KEY);
  const linked = fromHash();
  if (linked) {
    show(linked);
    root.querySelector(`section[data-story="${CSS.escape(linked)}"]`).scrollIntoView();
  } else if (remembered && forms.has(remembered)) show(remembered);
  else if (current()) show(current());

  for (const [id, form] of forms) {
    form.addEventListener("input", () => {
      save(id);
      schedule();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
  }
  picker.addEventListener("change", () => {
    const id = current();
    show(id);
    if (location.hash.startsWith("#story-")) history.replaceState(null, "", `#story-${id}`);
    feedback.textContent = "";
    refresh();
  });
  // Tied to this page: instant navigation to another page aborts the signal.
  window.addEventListener(
    "hashchange",
    () => {
      const id = fromHash();
      if (id && root.isConnected && id !== current()) {
        show(id);
        refresh();
      }
    },
    { signal },
  );
  root.querySelector(".kit-story-copy").addEventListener("click", withStory(copy));
  root.querySelector(".kit-story-download").addEventListener("click", withStory(download));
  root.querySelector(".kit-story-print").addEventListener("click", withStory(() => window.print()));
  clearButton.addEventListener("click", clear);
  retry.addEventListener("click", () => {
    engine.restart();
    refresh();
  });

  bindStatus(engine, status, retry);
  refresh();
}
