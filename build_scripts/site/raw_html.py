"""Keep the raw HTML of generated pages out of Python-Markdown's way.

A questionnaire page is mostly HTML (the form, the result sections) around a
little Markdown (headings, band and recommendation texts). Python-Markdown
leaves the HTML's text alone, but parses all of it with the pure-Python
html.parser, twice (md_in_html, and MkDocs looking for ids), and rebuilds the
elements inside `markdown` sections as a tree: most of the page's build time.

`stash` swaps each run of plain HTML elements of a generated page for a
one-line HTML comment before Markdown runs; `restore` puts the runs back, byte
for byte, into the page's HTML. A run is stashed only when it is unambiguous:
it starts a Markdown block (at the start or after a blank line), is one or
more complete elements on consecutive lines whose start and end tags balance
with a simple scan, ends a line followed by a blank line, and nothing in it
asks for Markdown (a `markdown` attribute), has a link MkDocs would check or
rewrite (href, src) or a comment. Elements with a `markdown` attribute stay in
the Markdown; runs inside them are stashed in turn. The text inside a stashed
element is what Markdown would have kept: Markdown does not process the
content of HTML elements without a `markdown` attribute, nested or not; only
the serialization differs (`hidden`, not `hidden="hidden"`).
"""

import html
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

# A run is made of elements Python-Markdown treats as blocks (any other tag
# starts a paragraph), headings excepted: the table of contents lists them.
_BLOCK_LEVEL = set(BLOCK_LEVEL_ELEMENTS) - {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)
# Looked into only when they carry a `markdown` attribute.
_OPAQUE = {"pre", "script", "style", "textarea"}
_START = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*>", re.IGNORECASE)
_MARKDOWN_ATTR = re.compile(r"<[a-z][^>]*\smarkdown\b", re.IGNORECASE)
_LINKED = re.compile(r"\s(?:href|src)\s*=|<a\b|<!--", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
PLACEHOLDER = "<!--kit-raw-html:{key}:{n}-->"
_PLACEHOLDER = re.compile(r"<!--kit-raw-html:([\w./-]+):(\d+)-->")
_VOID = {"hr", "br", "img", "input", "meta", "link", "col", "area", "base", "source", "wbr"}


def _element_end(text: str, start: int, tag: str) -> int | None:
    """The index just past the end tag that closes the element opened at `start`."""
    if tag in _VOID:
        return text.index(">", start) + 1
    tokens = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 0
    for m in tokens.finditer(text, start):
        if m[0].endswith("/>"):
            continue
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.end()
    return None


def _run_end(text: str, start: int) -> int | None:
    """The end of the run of complete block-level elements starting at `start`,
    one per line, or None when the block holds anything else."""
    pos = start
    while True:
        m = _START.match(text, pos)
        if not m or m[1].lower() not in _BLOCK_LEVEL:
            return None
        end = _element_end(text, pos, m[1].lower())
        if end is None:
            return None
        if text.startswith("\n<", end) and not text.startswith("\n\n", end):
            pos = end + 1
            continue
        return end if text[end : end + 2] in ("", "\n", "\n\n") else None


def stash(markdown: str, key: str) -> tuple[str, list[str]]:
    """(markdown with placeholders, the runs taken out, in order).

    `key` names the page in the placeholders (a docs-relative path), so a run
    can only go back into the page it came from.
    """
    blocks: list[str] = []
    if re.search(r"^ {0,3}(```|~~~)", markdown, re.MULTILINE):
        return markdown, blocks  # a placeholder in a code block would be escaped
    out: list[str] = []
    pos = scan = 0
    while m := _START.search(markdown, scan):
        start, tag = m.start(), m[1].lower()
        scan = m.end()
        if tag not in _BLOCK_LEVEL or (start and markdown[start - 2 : start] != "\n\n"):
            continue
        end = _run_end(markdown, start)
        run = markdown[start:end] if end else ""
        if run and not (_MARKDOWN_ATTR.search(run) or _LINKED.search(run) or _HEADING.search(run)):
            out.append(markdown[pos:start])
            out.append(PLACEHOLDER.format(key=key, n=len(blocks)))
            blocks.append(run)
            pos = scan = end
        elif tag in _OPAQUE and not _MARKDOWN_ATTR.match(markdown, start):
            scan = _element_end(markdown, start, tag) or scan
    out.append(markdown[pos:])
    return "".join(out), blocks


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids in stashed runs: MkDocs would have recorded them as link targets."""
    return {
        html.unescape(next(v for v in m.groups() if v is not None))
        for block in blocks
        for m in _ID.finditer(block)
    }


def restore(page_html: str, key: str, blocks: list[str]) -> str:
    """The page's HTML with the stashed runs back in place of their placeholders."""
    if not blocks:
        return page_html
    found = set()

    def put_back(m: re.Match) -> str:
        if m[1] != key:
            return m[0]
        found.add(int(m[2]))
        return blocks[int(m[2])]

    out = _PLACEHOLDER.sub(put_back, page_html)
    if len(found) != len(blocks):
        missing = sorted(set(range(len(blocks))) - found)
        raise RuntimeError(f"{key}: raw HTML run(s) {missing} lost in the Markdown conversion")
    return out
