// A link into another language's pages loads that page in full: the theme's
// instant navigation would swap only the content and keep <html lang>, the
// header and the nav of the language left behind. Such a link gets
// target="_self" (which Material's and the kit's instant navigation leave to
// the browser) and its hreflang, as it is clicked. The languages' home pages
// come from the page's <meta name="kit-language-home"> tags (theme: main.html),
// resolved once against the fully loaded page they belong to.
const homes = [...document.querySelectorAll('meta[name="kit-language-home"]')]
  .map((meta) => {
    const [lang, href] = meta.content.split(" ");
    return { lang, path: new URL(href, location.href).pathname };
  })
  // The longest path first: de/ lies inside the English root.
  .sort((a, b) => b.path.length - a.path.length);

function languageOf(url) {
  const home = homes.find((h) => url.pathname.startsWith(h.path));
  return home ? home.lang : null;
}

function markCrossLanguage(event) {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || link.target || !homes.length) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  const lang = languageOf(url);
  if (lang && lang !== document.documentElement.lang) {
    link.target = "_self";
    link.hreflang = lang;
  }
}

// Capture: before the instant navigation's own click handlers see the link.
document.addEventListener("click", markCrossLanguage, true);
