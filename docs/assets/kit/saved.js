// A questionnaire's saved answers in this browser: read back as untrusted input.
import { isResponseId, newResponseId } from "./keep.js";
import { store } from "./util.js";

export const STORAGE_PREFIX = "cx-kit/answers/";
export const FORMAT = 1;
const MAX_SAVED = 256 * 1024;

// Saved answers are untrusted input: anything malformed is set aside, not used.
export function readSaved(key, form) {
  const raw = store.get(key);
  if (raw === null) return { state: null };
  // Answers to a questionnaire are a few hundred bytes: a huge entry is not ours.
  if (raw.length > MAX_SAVED) {
    store.setAside(key, raw.slice(0, MAX_SAVED));
    return { state: null, dropped: true };
  }
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
    // Whatever is left out is kept aside, so nothing saved is ever lost.
    if (dropped || !roleOk) store.set(`${key}/set-aside`, raw);
    const responseId = isResponseId(data.response_id) ? data.response_id : newResponseId();
    return { state: { role: roleOk ? data.role : null, answers, responseId }, dropped: dropped || !roleOk };
  } catch {
    store.setAside(key, raw);
    return { state: null, dropped: true };
  }
}
