// Two results of one person from this browser's history, compared by the
// engine ("change" op, action "people") and shown as a small table.
import { changeStrings, changeTable, methodNote } from "./change-table.js";
import { engine } from "./engine.js";
import { fill } from "./util.js";

// definition: the questionnaire's definition (as keep.js has it); before and
// after: two history records (cx-kit-result records, same questionnaire and
// role), earlier first; into: the element to render into. Resolves to the
// engine's reply ({ok, result} or {ok: false, error}).
export async function compareHistory({ definition, before, after, into, strings = null }) {
  const s = strings || changeStrings(into);
  const reply = await engine.request({ op: "change", action: "people", definition, before, after });
  into.replaceChildren();
  into.hidden = false;
  into.classList.add("kit-change");
  if (!reply.ok) {
    const p = document.createElement("p");
    p.className = "kit-change-error";
    p.setAttribute("role", "alert");
    p.textContent = fill(s.historyFailed, { error: reply.error });
    into.append(p);
    return reply;
  }
  const r = reply.result;
  const rows = [r.overall, ...r.dimensions.filter((d) => d.before !== null || d.after !== null).map((d) => ({ ...d, level: 1 }))];
  const caption = fill(s.historyCaption, { before: r.before_date ?? "–", after: r.after_date ?? "–" });
  into.append(changeTable({ caption, rows, s }), methodNote(fill(s.methodPeople, { minimum: r.minimum }), s));
  return reply;
}
