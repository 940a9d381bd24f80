// Assessment pages: the form's answers go to the engine, the engine's result
// comes back into the page. Nothing is computed here.
import { engine } from "./engine.js";
import { attachKeep, isResponseId, newResponseId } from "./keep.js";
import { FORMAT, STORAGE_PREFIX, readSaved } from "./saved.js";
import { clearedStash, undoLine } from "./undo.js";
import { bindStatus, fill, formatScore, formatSigned, store } from "./util.js";

export async function init(root, { signal } = {}) {
  const definitionEl = document.querySelector("script.kit-definition");
  const definition = JSON.parse(definitionEl.textContent);
  // The organisation's medians, when the site publishes a benchmark (checked at build time).
  const benchmarkEl = document.querySelector("script.kit-benchmark-data");
  const benchmark = benchmarkEl ? JSON.parse(benchmarkEl.textContent) : null;
  const form = root.querySelector("form.kit-form");
  const status = root.querySelector(".kit-status");
  const notice = root.querySelector(".kit-notice");
  const progress = root.querySelector(".kit-progress");
  const retry = root.querySelector(".kit-retry");
  const result = document.querySelector(".kit-result");
  const live = root.querySelector(".kit-result-live");
  const key = `${STORAGE_PREFIX}${root.dataset.kitId}/v${root.dataset.kitVersion}`;
  const sharedBox = root.querySelector(".kit-shared");
  const sharedDone = root.querySelector(".kit-shared-done");
  const offerSharedUndo = undoLine(sharedDone);
  const clearedLine = root.querySelector(".kit-cleared");
  const offerClearUndo = undoLine(clearedLine);
  const stash = clearedStash(key);
  let latest = 0;
  // One response id per filled-in form: a new one after Clear or an import.
  let responseId = newResponseId();
  // Someone's shared result on view ({ state, name }): the form shows it
  // read-only; nothing is saved, nothing goes to history.
  let viewing = null;

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
    if (viewing) return; // the user's own draft stays as it was
    const state = { format: FORMAT, role: currentRole(), answers: currentAnswers(), response_id: responseId, saved: new Date().toISOString() };
    if (!store.set(key, JSON.stringify(state))) showNotice("msgUnsaved");
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
    // Texts written per role: the role the engine scored for.
    for (const el of result.querySelectorAll("[data-for-role]")) el.hidden = el.dataset.forRole !== res.role;
    renderTally(res.tally);
    // A checklist's count already says what the score would: no decimal score under it.
    renderDecided(res.tally && res.decided_by?.kind === "overall" ? null : res.decided_by);
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
    result.querySelector(".kit-next").hidden = !res.band;
    if (res.benchmark) renderBenchmark(res.benchmark);
    announce(res);
  };

  // A checklist's count of clear yeses, and what is short of yes, as the engine counted.
  const tallyText = (tally) => {
    const line = result.querySelector(".kit-tally");
    if (!line || !tally) return "";
    const parts = [fill(tally.yes === 1 ? line.dataset.templateOne : line.dataset.template, tally)];
    if (tally.unknown) parts.push(fill(line.dataset.templateUnknown, { count: tally.unknown }));
    for (const li of result.querySelectorAll(".kit-tally-labels [data-value]")) {
      const count = tally.by_value[li.dataset.value];
      if (count) parts.push(fill(line.dataset.templateValue, { label: li.textContent, count }));
    }
    if (tally.unanswered) parts.push(fill(line.dataset.templateUnanswered, { count: tally.unanswered }));
    return parts.join("; ");
  };
  const renderTally = (tally) => {
    const line = result.querySelector(".kit-tally");
    if (line) line.querySelector(".kit-tally-text").textContent = tallyText(tally);
  };

  // What decided the verdict: a dimension, the questions a rule counted, or the overall score.
  const renderDecided = (decided) => {
    const line = result.querySelector(".kit-decided");
    line.hidden = !decided;
    if (!decided) return;
    if (decided.kind === "dimension") {
      line.textContent = fill(line.dataset.templateDimension, { title: decided.title, score: formatScore(decided.score) });
    } else if (decided.kind === "items") {
      const name = (qid) => result.querySelector(`.kit-question-names [data-question-name="${CSS.escape(qid)}"]`)?.textContent || qid;
      line.textContent = fill(line.dataset.templateItems, { questions: decided.questions.map(name).join(", ") });
    } else {
      line.textContent = fill(line.dataset.templateOverall, { score: formatScore(decided.score) });
    }
  };

  // The engine's comparison with the organisation's medians; the page only fills it in.
  const renderBenchmark = (cmp) => {
    const box = result.querySelector(".kit-benchmark");
    box.hidden = Boolean(cmp.error);
    box.querySelector(".kit-benchmark-pending").hidden = cmp.shown;
    const about = box.querySelector(".kit-benchmark-about");
    const table = box.querySelector(".kit-benchmark-table");
    about.hidden = table.hidden = !cmp.shown;
    if (!cmp.shown) return;
    const roleName = document.querySelector(`.kit-role-names [data-role="${CSS.escape(cmp.group)}"]`);
    const template = cmp.group === "everyone" ? about.dataset.templateEveryone : about.dataset.templateRole;
    about.textContent = fill(template, { n: cmp.n, label: cmp.label, collected: cmp.collected, role: roleName ? roleName.textContent : cmp.group });
    const fillRow = (row, cells) => {
      row.querySelector(".kit-you").textContent = formatScore(cells.you);
      row.querySelector(".kit-median").textContent = formatScore(cells.median);
      row.querySelector(".kit-difference").textContent = formatSigned(cells.difference);
    };
    fillRow(table.querySelector("tr.kit-benchmark-overall"), cmp.overall);
    const shown = new Map(cmp.dimensions.map((d) => [d.id, d]));
    for (const row of table.querySelectorAll("tr[data-benchmark-row]")) {
      const dim = shown.get(row.dataset.benchmarkRow);
      row.hidden = !dim;
      if (dim) fillRow(row, dim);
    }
  };

  // A screen reader hears the result once it is complete, and again only when
  // it changes: the band's label as the page shows it, the engine's score.
  const announce = (res) => {
    let text = "";
    if (res.complete && res.band) {
      const label = result.querySelector(`[data-band="${CSS.escape(res.band.id)}"] .kit-band-label`);
      text = fill(live.dataset.template, { band: (label ? label.textContent : res.band.label).trim(), overall: formatScore(res.overall), tally: tallyText(res.tally) });
    } else if (res.complete && res.insufficient) {
      text = live.dataset.msgInsufficient;
    }
    if (live.textContent !== text) live.textContent = text;
  };

  const rescore = async () => {
    const answers = currentAnswers();
    const role = currentRole();
    const mine = ++latest;
    const reply = await engine.request({ op: "score", definition, role, answers, ...(benchmark && { benchmark }) });
    if (mine !== latest) return; // a newer answer is on its way
    if (reply.ok) {
      render(reply.result);
      await keep.update(reply.result, { role, answers, responseId, viewing: Boolean(viewing), isLatest: () => mine === latest });
      if (mine === latest) root.dataset.kitScored = String(mine);
    } else if (reply.kind !== "engine") {
      status.dataset.state = "failed";
      status.textContent = fill(status.dataset.msgFailed, { error: reply.error });
    }
  };

  // Clear keeps a copy for Undo (also after a reload, for a while); deleting
  // everything the kit stored (undoable: false) keeps none.
  const clear = ({ undoable = true } = {}) => {
    if (viewing) leaveView();
    const before = getState();
    if (undoable && Object.keys(before.answers).length) {
      stash.put(before);
      offerClearUndo(clearedLine.dataset.msgCleared, undoClear);
    } else {
      stash.drop();
      offerClearUndo("");
    }
    form.reset();
    const first = form.querySelector('input[name="kit-role"]');
    if (first) first.checked = true;
    showRoleTexts(currentRole());
    store.remove(key);
    notice.hidden = true;
    result.hidden = true;
    live.textContent = "";
    progress.textContent = fill(progress.dataset.template, { answered: 0, total: form.querySelectorAll("fieldset.kit-question").length });
    responseId = newResponseId();
    latest += 1;
  };

  const getState = () => ({ role: currentRole(), answers: currentAnswers(), responseId });

  const undoClear = async () => {
    const state = stash.take();
    stash.drop();
    if (!state) return;
    await setState(state);
    offerClearUndo(clearedLine.dataset.msgUndone);
  };

  // Put a whole answer set in the form (an opened result, or Undo).
  const putState = (state) => {
    form.reset();
    const roleInput = form.querySelector(`input[name="kit-role"][value="${CSS.escape(state.role || "")}"]`);
    (roleInput || form.querySelector('input[name="kit-role"]')).checked = true;
    for (const [qid, value] of Object.entries(state.answers)) {
      const input = form.querySelector(`input[name="q-${CSS.escape(qid)}"][value="${CSS.escape(String(value))}"]`);
      if (input) input.checked = true;
    }
    responseId = isResponseId(state.responseId) ? state.responseId : newResponseId();
    showRoleTexts(currentRole());
  };
  const setState = (state) => {
    putState(state);
    save();
    return rescore();
  };

  // --- someone's shared result (a link, a pasted code or an opened file) ---
  const lockForm = (locked) => {
    for (const el of form.elements) el.disabled = locked;
    root.dataset.kitViewing = locked ? "1" : "";
  };
  // The result link stays in the address bar only while it is on view.
  const dropLink = () => {
    if (location.hash.startsWith("#r=")) history.replaceState(history.state, "", location.pathname + location.search);
  };
  const ownState = () => readSaved(key, form).state || { role: null, answers: {}, responseId: null };
  const view = (state, name) => {
    viewing = { state, name };
    notice.hidden = true; // "your earlier answers were restored" is not about this result
    offerSharedUndo("");
    const text = sharedBox.querySelector(".kit-shared-text");
    text.textContent = fill(text.dataset.template, { name });
    sharedBox.hidden = false;
    putState(state);
    lockForm(true);
    return rescore();
  };
  const leaveView = () => {
    viewing = null;
    sharedBox.hidden = true;
    lockForm(false);
    dropLink();
  };
  const leaveShared = async () => {
    leaveView();
    putState(ownState());
    await rescore();
    offerSharedUndo(sharedDone.dataset.msgLeft);
  };
  // "This is mine": the shared answers become the form's and go to history;
  // Undo brings back the user's own answers and takes the entry out again.
  const keepShared = async () => {
    const shared = viewing.state;
    const previous = ownState();
    leaveView();
    await setState({ ...shared, responseId: shared.responseId || newResponseId() });
    const keptId = responseId;
    offerSharedUndo(sharedDone.dataset.msgKept, async () => {
      keep.forget(keptId);
      await setState(previous);
      offerSharedUndo(sharedDone.dataset.msgUndone);
    });
  };
  sharedBox.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!viewing) return;
    if (action === "keep-shared") keepShared();
    else if (action === "leave-shared") leaveShared();
  });

  const keep = attachKeep({
    root,
    definition,
    result,
    view,
    clear,
  });

  // Restore first, so the first score already covers saved answers.
  const saved = readSaved(key, form);
  if (saved.state) {
    if (saved.state.role) form.querySelector(`input[name="kit-role"][value="${CSS.escape(saved.state.role)}"]`).checked = true;
    for (const [qid, value] of Object.entries(saved.state.answers)) {
      form.querySelector(`input[name="q-${CSS.escape(qid)}"][value="${value}"]`).checked = true;
    }
    responseId = saved.state.responseId;
    const kept = Object.keys(saved.state.answers).length > 0;
    if (saved.dropped) showNotice(kept ? "msgPartial" : "msgDiscarded");
    else if (kept && !location.hash.startsWith("#r=")) showNotice("msgRestored");
  } else if (saved.dropped) {
    showNotice("msgDiscarded");
  }
  showRoleTexts(currentRole());
  // Answers cleared before a reload can still be brought back.
  if (!Object.keys(currentAnswers()).length && stash.take()) offerClearUndo(clearedLine.dataset.msgCleared, undoClear);

  form.addEventListener("change", (event) => {
    if (event.target.name === "kit-role") showRoleTexts(currentRole());
    // Answering again after Clear: the cleared answers are not coming back.
    stash.drop();
    offerClearUndo("");
    save();
    rescore();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector(".kit-clear").addEventListener("click", () => clear());
  retry.addEventListener("click", () => {
    engine.restart();
    rescore();
  });

  // The one next step: the button carries data-kit-plan-open, so plan.js opens,
  // focuses and scrolls to its panel (#kit-plan); here the button only says it is open.
  const planButton = result.querySelector(".kit-make-plan");
  planButton.addEventListener("click", () => {
    if (document.getElementById("kit-plan")) planButton.setAttribute("aria-expanded", "true");
  });

  bindStatus(engine, status, retry);
  // A team round's link: its panel (round-submit.js) presets the role and seals the result.
  if (location.hash.startsWith("#round=")) {
    import("./round-submit.js").then((m) => m.attachRound({ root, form, definition, getState: () => ({ answers: currentAnswers() }) }));
  }
  keep.showHistory();
  // Another result link opened in this tab changes only the fragment: no reload.
  window.addEventListener(
    "hashchange",
    () => {
      if (root.isConnected && location.hash.startsWith("#r=")) keep.openFromLink();
    },
    { signal },
  );
  // A result link shows that result on view; if it cannot be opened, the user's own answers.
  if (location.hash.startsWith("#r=") && (await keep.openFromLink())) return;
  if (Object.keys(currentAnswers()).length) rescore();
  else engine.start();
}

