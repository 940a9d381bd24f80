// Undo for what replaces a user's answers (Clear, keeping a shared result):
// a status line with its message and an Undo button, and a copy of the
// cleared answers that outlives a reload for a while.

// How long cleared answers can be brought back, also after a reload. The copy
// is in sessionStorage, so it goes when the tab is closed.
const UNDO_MS = 10 * 60 * 1000;

// line: a .kit-undo-line (message span and Undo button). Returns
// offer(message, undo): shows the message, and the button while undo is set.
export function undoLine(line) {
  const text = line.querySelector(".kit-undo-text");
  const button = line.querySelector("button");
  let action = null;
  const offer = (message, undo = null) => {
    text.textContent = message || "";
    action = undo;
    button.hidden = !undo;
  };
  button.addEventListener("click", async () => {
    const undo = action;
    offer("");
    if (undo) await undo();
  });
  return offer;
}

// The cleared answers of one questionnaire, kept for UNDO_MS in this tab.
export function clearedStash(key) {
  const name = `${key}/cleared`;
  return {
    put(state) {
      try {
        sessionStorage.setItem(name, JSON.stringify({ at: Date.now(), state }));
      } catch {
        /* no session storage: Undo works until the page is left */
      }
    },
    // The kept answers, if still within the window; untrusted like any storage.
    take() {
      let data = null;
      try {
        data = JSON.parse(sessionStorage.getItem(name));
      } catch {
        data = null;
      }
      const ok = data && typeof data.at === "number" && Date.now() - data.at < UNDO_MS && data.state && typeof data.state.answers === "object" && data.state.answers !== null;
      if (!ok) this.drop();
      return ok ? data.state : null;
    },
    drop() {
      try {
        sessionStorage.removeItem(name);
      } catch {
        /* nothing kept */
      }
    },
  };
}
