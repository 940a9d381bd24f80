// Takes over the engine that boot.js started (the theme loads this module
// async from a tool page's <head>) and puts off Material's bundle until the
// engine has given its first answers. engine.js is the same module kit.js
// imports (one engine per tab); kit.js's own engine.start() finds it running.
import { engine } from "./engine.js";
import { holdPageLinks, load, material } from "./material.js";

engine.start();

// The page is styled as Material styles it once it runs: its search box
// shows, and using it runs Material at once.
document.documentElement.classList.replace("no-js", "js");

// Material runs once the engine is ready (or has failed) and has answered what
// the page asked, after the next frame so the first score is painted first; or
// at once when the respondent turns to anything but the tool (the header,
// search, navigation, a link); or after a few seconds on a slow machine.
const MAX_DELAY_MS = 4000;
engine.idle().then(() => requestAnimationFrame(() => setTimeout(load)));
setTimeout(load, MAX_DELAY_MS);
holdPageLinks();
const away = (event) => event.target instanceof Element && !event.target.closest("[data-kit-tool]") && load();
const ran = new AbortController();
for (const type of ["focusin", "pointerdown"]) {
  document.addEventListener(type, away, { capture: true, signal: ran.signal });
}
material.then(() => ran.abort());
