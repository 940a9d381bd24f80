"""Which page is which in each language: what the theme's nav, language switch
and chrome read from `extra` (the generator-neutral way to hand the theme facts).

A translated page mirrors its English twin under its language's folder:
guide/x.md <-> de/guide/x.md. The build writes

- `kit_twins`: {page URL: {language: URL of its twin}} for every page that has
  a twin, computed here once; the language switch goes to the twin, else to
  the other language's home (`extra.alternate`);
- `kit_nav_sections`: {language: index of its top-level nav section}: a page in
  that language shows only that section's children as its nav, an English page
  every top-level entry but those sections (`kit_nav_translated`, their indexes);
- `kit_chrome`: {language: {site_name, made_with}}: the theme's own words.
"""

from .ui import ui_for

ENGLISH = "en"


def language_of(path: str, languages) -> str:
    """A docs path's language: its first folder when that is a translation's code."""
    first, sep, _ = path.partition("/")
    return first if sep and first in languages else ENGLISH


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL a generator gives a Markdown page (relative to the site root, as page.url)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def twins(paths, languages, directory_urls: bool = True) -> dict[str, dict[str, str]]:
    """{page URL: {language: twin URL}} for every Markdown page with a twin in
    another language (its own language included, so the switch marks it)."""
    by_base: dict[str, dict[str, str]] = {}
    for path in paths:
        if not path.endswith(".md"):
            continue
        lang = language_of(path, languages)
        base = path if lang == ENGLISH else path.removeprefix(f"{lang}/")
        by_base.setdefault(base, {})[lang] = page_url(path, directory_urls)
    out = {}
    for group in by_base.values():
        if len(group) > 1:
            # Keys as page.url gives them (the home page's is ""); targets for
            # the `url` filter, which reads "" as the page itself.
            targets = {lang: url or "./" for lang, url in sorted(group.items())}
            for url in group.values():
                out[url] = targets
    return dict(sorted(out.items()))


def _pages(value):
    """Every page path a nav entry's value names."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _pages(item)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _pages(v)


def nav_sections(nav, languages) -> dict[str, int]:
    """{language: index of the top-level nav entry that holds only its pages}."""
    out = {}
    for index, item in enumerate(nav or []):
        found = {language_of(p, languages) for p in _pages(item) if ":" not in p}
        if len(found) == 1 and (lang := found.pop()) != ENGLISH and isinstance(item, dict):
            out.setdefault(lang, index)
    return out


def chrome(languages, site_name: str, site_names: dict[str, str]) -> dict[str, dict[str, str]]:
    """The theme's words per language: the site's name and the footer's credit."""
    out = {}
    for lang in (ENGLISH, *languages):
        ui = ui_for(lang)[0]
        name = site_name if lang == ENGLISH else site_names.get(lang, ui["site_name"])
        out[lang] = {"site_name": name, "made_with": ui["made_with"]}
    return out


def theme_facts(raw: dict, doc_paths, languages, site_names: dict[str, str]) -> dict:
    """What site_config adds to `extra` for the theme."""
    directory_urls = raw.get("use_directory_urls", True)
    sections = nav_sections(raw.get("nav"), languages)
    return {
        "kit_twins": twins(doc_paths, languages, directory_urls),
        "kit_nav_sections": sections,
        "kit_nav_translated": sorted(sections.values()),
        "kit_chrome": chrome(languages, raw.get("site_name", ""), site_names),
    }
