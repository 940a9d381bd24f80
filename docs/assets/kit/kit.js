// Page side of the kit: moves answers from the form to the scoring worker and
// the engine's result back into the page. It computes nothing itself: every
// score, band and recommendation comes from the Python engine.

const STORAGE_PREFIX = "cx-kit/answers/";
const FORMAT = 1;
// A runtime that has not started after this long is treated as failed, so
// the page offers a retry instead of waiting for ever.
const BOOT_TIMEOUT_MS = 120000;

// One engine per tab, shared by every assessment page of the tab.
const engine = {
  worker: null,
  watchdog: 0,
  stage: "idle",
  error: "",
  seq: 0,
  pending: new Map(),
  listeners: new Set(),

  start() {
    if (this.worker) return;
    this.setStage("runtime");
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "status") this.setStage(msg.stage, msg.error);
      else if (msg.type === "reply") {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (resolve) resolve(msg.reply);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the worker stopped");
    };
    this.worker = worker;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.worker === worker && this.stage !== "ready" && this.stage !== "error") {
        worker.terminate();
        this.worker = null;
        this.fail(`not ready after ${BOOT_TIMEOUT_MS / 1000} seconds`);
      }
    }, BOOT_TIMEOUT_MS);
  },

  fail(error) {
    this.setStage("error", error);
    for (const resolve of this.pending.values()) resolve({ ok: false, kind: "engine", error });
    this.pending.clear();
  },

  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.fail("restarting");
    this.start();
  },

  setStage(stage, error = "") {
    this.stage = stage;
    this.error = error || "";
    for (const fn of this.listeners) fn(stage, this.error);
  },

  request(request) {
    this.start();
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, request });
    });
  },
};

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
}

function formatScore(value) {
  return value === null || value === undefined ? "–" : value.toFixed(1);
}

// Saved answers are untrusted input: anything malformed is set aside, not used.
function readSaved(key, form) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return { state: null };
  }
  if (raw === null) return { state: null };
  try {
    const data = JSON.parse(raw);
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error("format");
    if (typeof data.answers !== "object" || data.answers === null || Array.isArray(data.answers))
      throw new Error("answers");
    const answers = {};
    let dropped = 0;
    for (const [qid, value] of Object.entries(data.answers)) {
      const input = form.querySelector(`input[name="q-${CSS.escape(qid)}"][value="${CSS.escape(String(value))}"]`);
      if (Number.isInteger(value) && input) answers[qid] = value;
      else dropped += 1;
    }
    const roleOk = typeof data.role === "string" && form.querySelector(`input[name="kit-role"][value="${CSS.escape(data.role)}"]`);
    return { state: { role: roleOk ? data.role : null, answers }, dropped: dropped || !roleOk };
  } catch {
    try {
      localStorage.setItem(key + "/set-aside", raw);
      localStorage.removeItem(key);
    } catch {
      /* storage unavailable: nothing more to keep */
    }
    return { state: null, dropped: true };
  }
}

function initAssessment(root) {
  if (root.dataset.kitReady) return;
  root.dataset.kitReady = "1";
  const definitionEl = document.querySelector("script.kit-definition");
  const definition = JSON.parse(definitionEl.textContent);
  const form = root.querySelector("form.kit-form");
  const status = root.querySelector(".kit-status");
  const notice = root.querySelector(".kit-notice");
  const progress = root.querySelector(".kit-progress");
  const retry = root.querySelector(".kit-retry");
  const result = document.querySelector(".kit-result");
  const key = `${STORAGE_PREFIX}${root.dataset.kitId}/v${root.dataset.kitVersion}`;
  let latest = 0;

  const showNotice = (name) => {
    notice.textContent = notice.dataset[name];
    notice.hidden = false;
  };

  const currentRole = () => form.querySelector('input[name="kit-role"]:checked')?.value;

  const currentAnswers = () => {
    const answers = {};
    for (const input of form.querySelectorAll('input[type="radio"]:checked')) {
      if (input.name.startsWith("q-")) answers[input.name.slice(2)] = Number(input.value);
    }
    return answers;
  };

  const showRoleTexts = (role) => {
    for (const span of form.querySelectorAll("[data-role-text]")) span.hidden = span.dataset.roleText !== role;
  };

  const save = () => {
    const state = { format: FORMAT, role: currentRole(), answers: currentAnswers(), saved: new Date().toISOString() };
    try {
      localStorage.setItem(key, JSON.stringify(state));
    } catch {
      showNotice("msgUnsaved");
    }
  };

  const renderStatus = (stage, error) => {
    status.dataset.state = stage;
    if (stage === "error") status.textContent = fill(status.dataset.msgError, { error });
    else if (stage === "ready") status.textContent = status.dataset.msgReady;
    else if (stage === "engine") status.textContent = status.dataset.msgEngine;
    else status.textContent = status.dataset.msgLoading;
    retry.hidden = stage !== "error";
  };

  const render = (res) => {
    // Which questions show is the engine's decision (show_if); the page obeys.
    const hidden = new Set(res.hidden);
    for (const item of form.querySelectorAll("[data-question-item]")) item.hidden = hidden.has(item.dataset.questionItem);
    progress.textContent = fill(progress.dataset.template, res);
    result.hidden = res.answered === 0;
    result.dataset.state = res.complete ? "complete" : "partial";
    const incomplete = result.querySelector(".kit-incomplete");
    incomplete.hidden = res.complete;
    incomplete.textContent = fill(incomplete.dataset.template, res);
    result.querySelector(".kit-insufficient").hidden = !res.insufficient;
    result.querySelector(".kit-overall").textContent = formatScore(res.overall);
    for (const el of result.querySelectorAll("[data-band]")) el.hidden = !res.band || el.dataset.band !== res.band.id;
    for (const dim of res.dimensions) {
      const row = result.querySelector(`tr[data-dimension="${CSS.escape(dim.id)}"]`);
      row.hidden = !dim.shown;
      row.querySelector(".kit-dim-score").textContent = formatScore(dim.score);
      row.querySelector(".kit-dim-answered").textContent = `${dim.answered} / ${dim.total}`;
    }
    const weakest = result.querySelector(".kit-weakest");
    if (weakest) {
      weakest.hidden = !res.complete || !res.weakest;
      for (const el of weakest.querySelectorAll("[data-weakest]")) el.hidden = el.dataset.weakest !== res.weakest;
    }
    for (const section of result.querySelectorAll("[data-report]")) {
      const ids = new Set(res[section.dataset.report]);
      for (const li of section.querySelectorAll("[data-item]")) li.hidden = !ids.has(li.dataset.item);
      section.hidden = !res.complete || ids.size === 0;
    }
    const recs = result.querySelector(".kit-recommendations");
    for (const el of recs.querySelectorAll("[data-rec]")) el.hidden = true;
    const noRecs = recs.querySelector(".kit-no-recs");
    for (const rec of res.recommendations) {
      const el = recs.querySelector(`[data-rec="${CSS.escape(rec.id)}"]`);
      el.hidden = false;
      recs.insertBefore(el, noRecs); // engine order: weakest dimension first
    }
    noRecs.hidden = !res.band || res.recommendations.length > 0;
    recs.hidden = !res.band;
  };

  const rescore = async () => {
    const answers = currentAnswers();
    const mine = ++latest;
    const reply = await engine.request({ op: "score", definition, role: currentRole(), answers });
    if (mine !== latest) return; // a newer answer is on its way
    if (reply.ok) {
      root.dataset.kitScored = String(mine);
      render(reply.result);
    } else if (reply.kind !== "engine") {
      status.dataset.state = "failed";
      status.textContent = fill(status.dataset.msgFailed, { error: reply.error });
    }
  };

  const clear = () => {
    form.reset();
    const first = form.querySelector('input[name="kit-role"]');
    if (first) first.checked = true;
    showRoleTexts(currentRole());
    try {
      localStorage.removeItem(key);
    } catch {
      /* nothing stored */
    }
    notice.hidden = true;
    result.hidden = true;
    progress.textContent = fill(progress.dataset.template, { answered: 0, total: form.querySelectorAll("fieldset.kit-question").length });
    latest += 1;
  };

  // Restore first, so the first score already covers saved answers.
  const saved = readSaved(key, form);
  if (saved.state) {
    if (saved.state.role) form.querySelector(`input[name="kit-role"][value="${CSS.escape(saved.state.role)}"]`).checked = true;
    for (const [qid, value] of Object.entries(saved.state.answers)) {
      form.querySelector(`input[name="q-${CSS.escape(qid)}"][value="${value}"]`).checked = true;
    }
    if (Object.keys(saved.state.answers).length) showNotice(saved.dropped ? "msgDiscarded" : "msgRestored");
  } else if (saved.dropped) {
    showNotice("msgDiscarded");
  }
  showRoleTexts(currentRole());

  form.addEventListener("change", (event) => {
    if (event.target.name === "kit-role") showRoleTexts(currentRole());
    save();
    rescore();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector(".kit-clear").addEventListener("click", clear);
  retry.addEventListener("click", () => {
    engine.restart();
    rescore();
  });

  const listener = (stage, error) => renderStatus(stage, error);
  engine.listeners.add(listener);
  renderStatus(engine.stage === "idle" ? "runtime" : engine.stage, engine.error);
  if (Object.keys(currentAnswers()).length) rescore();
  else engine.start();
}

function initPage() {
  for (const root of document.querySelectorAll(".kit-assessment")) initAssessment(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(initPage);
else initPage();
