// Starts the engine first thing on a page with a kit tool: the theme loads
// this from <head> (async), so the worker and Pyodide's downloads begin while
// the page itself is still arriving, instead of after the theme's scripts and
// the kit's module graph. engine.js is the same module kit.js imports (one
// engine per tab); kit.js's own engine.start() then finds it running.
import { engine } from "./engine.js";

engine.start();
