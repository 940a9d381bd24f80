// The colour scheme Material picks by prefers-color-scheme when no choice is
// stored (md/palette.js restores a stored one), as its bundle would on start.
// A tool page runs the bundle after the engine's first answers
// (kit/material.js): without this the page would switch schemes then.
(() => {
  if (__md_get("__palette")) return;
  const inputs = [...document.querySelectorAll("input[data-md-color-media]")];
  let input = inputs.find((el) => matchMedia(el.dataset.mdColorMedia).matches) || inputs[0];
  if (input?.dataset.mdColorMedia === "(prefers-color-scheme)") {
    const light = matchMedia("(prefers-color-scheme: light)").matches;
    input = document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${light ? "light" : "dark"})']`);
  }
  for (const key of ["scheme", "primary", "accent"]) {
    const value = input?.getAttribute(`data-md-color-${key}`);
    if (value) document.body.setAttribute(`data-md-color-${key}`, value);
  }
})();
