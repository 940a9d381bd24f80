// Material's bundle, later on a tool page. Its start-up (about 150 ms of the
// main thread on two cores, with the search index and the sitemaps it fetches)
// slowed Pyodide's start by as much (make bench), and the page does not need
// it to be used: the form is plain HTML, the header's drawer and search open
// without it. So on a tool page the theme leaves Material's <script> inert
// (type="text/plain", data-kit-material) and start.js runs it with load()
// once the engine has scored, or when the respondent turns to anything but
// the tool. Elsewhere Material runs as usual and `material` is settled at once.
const inert = () => document.querySelector("script[data-kit-material]");
let wanted = false;
let started = false;
let done;

// Settles once Material's bundle has run (or could not be loaded).
export const material = new Promise((resolve) => {
  done = resolve;
});

// Runs Material now, or as soon as the page is parsed (its inert <script>
// is at the end of <body>).
export function load() {
  wanted = true;
  if (document.readyState !== "loading") run();
  return material;
}

function parsed() {
  if (wanted) run();
  else if (!inert()) done(); // Material ran as usual
}
if (document.readyState !== "loading") parsed();
else document.addEventListener("DOMContentLoaded", parsed, { once: true });

// Material starts on DOMContentLoaded (its document$), which has long fired
// when it runs here: the listeners it adds for that event are called once it
// has run, as the browser would have.
function run() {
  const tag = inert();
  if (started || !tag) return;
  started = true;
  const script = document.createElement("script");
  script.src = tag.src;
  const held = [];
  const add = document.addEventListener;
  document.addEventListener = function (type, listener, options) {
    if (type === "DOMContentLoaded") held.push(listener);
    else add.call(this, type, listener, options);
  };
  const ran = () => {
    delete document.addEventListener;
    const event = new Event("DOMContentLoaded");
    for (const listener of held) {
      if (typeof listener === "function") listener.call(document, event);
      else listener.handleEvent(event);
    }
    done();
  };
  script.onload = ran;
  script.onerror = ran;
  tag.replaceWith(script);
}

// A click on a link to another page of the site before Material runs waits
// for it and is then made again, so Material's instant navigation takes it
// (and the tab keeps its engine) as it would have.
export function holdPageLinks() {
  const hold = (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname === location.pathname) return;
    event.preventDefault();
    load().then(() => link.click());
  };
  document.addEventListener("click", hold, true);
  material.then(() => document.removeEventListener("click", hold, true));
}
