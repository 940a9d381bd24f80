"""build_scripts.raw_html: generated pages' raw HTML skips Markdown, and the
page comes out as Markdown would have made it.

Each generated page of the bundled kit is converted with the site's Markdown
extensions twice, as is and stashed-then-restored; the two must be the same
document (elements, attributes and text; Markdown's own serialization writes
`hidden="hidden"` and reorders attributes, which the browser does not see).
"""

from html.parser import HTMLParser

import markdown
import pytest
import yaml

from build_scripts.config import ROOT
from build_scripts.generate import pages, stories
from build_scripts.generate.ui import ui_for
from build_scripts.site import raw_html
from kit import loader


def _markdown_config():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        exts = yaml.load(f, Loader=yaml.Loader)["markdown_extensions"]
    names, configs = [], {}
    for ext in exts:
        if isinstance(ext, dict):
            ((name, conf),) = ext.items()
            names.append(name)
            configs[name] = {
                **(conf or {}),
                **({"base_path": [str(ROOT / "docs")]} if name == "pymdownx.snippets" else {}),
            }
        else:
            names.append(ext)
    return names, configs


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Dom(HTMLParser):
    """A document as a list of events: tags with sorted attributes, text with
    collapsed whitespace; `hidden` and `hidden="hidden"` are the same, and an
    end tag that closes nothing open is dropped, as a browser drops it (md_in_html
    writes a stray </p> into the team view's <select>)."""

    def __init__(self):
        super().__init__()
        self.events = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        norm = sorted((k, "" if v is None or v == k else v) for k, v in attrs)
        self.events.append(("start", tag, tuple(norm)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
            self.events.append(("end", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if self.events and self.events[-1][0] == "text":
            text = f"{self.events.pop()[1]} {text}"
        self.events.append(("text", text))


def dom(text: str) -> list:
    parser = _Dom()
    parser.feed(text)
    parser.close()
    return parser.events


def _generated_pages() -> dict[str, str]:
    models = loader.load_all()
    translated = [
        loader.load_translation(path, m)[0]
        for m in models
        if (path := loader.translation_file([loader.QUESTIONNAIRE_DIR], m.id, "de"))
    ]
    return {
        **pages.generate(
            models, translations={"de": translated}, ui_by_lang={"de": ui_for("de")[0]}
        ),
        **stories.generate(languages=("de",)),
    }


PAGES = _generated_pages()
NAMES, CONFIGS = _markdown_config()


def convert(text: str) -> str:
    return markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(text)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_stashed_page_is_the_same_document(path):
    source = PAGES[path]
    stashed, blocks = raw_html.stash(source, path)
    restored = raw_html.restore(convert(stashed), path, blocks)
    assert dom(restored) == dom(convert(source))


def test_questionnaire_form_is_stashed_whole():
    path = "assessments/leadership-vision.md"
    stashed, blocks = raw_html.stash(PAGES[path], path)
    # The form goes past Markdown as one block; the result around it keeps its
    # Markdown (per-role band and advice texts), so the page is stashed in parts.
    assert any(b.startswith('<form class="kit-form"') and 'name="q-' in b for b in blocks)
    assert 'name="q-' not in stashed
    assert len(stashed) < len(PAGES[path]) / 2
    # Ids in stashed HTML stay known to MkDocs as link targets.
    assert "kit-code-leadership-vision" in raw_html.anchor_ids(blocks)


@pytest.mark.parametrize(
    "text",
    [
        '<div class="a" markdown>\n\n*x*\n\n</div>\n',  # asks for Markdown
        '<div><a href="guide/index.md">guide</a></div>\n',  # a link MkDocs checks
        '<div><img src="x.png"></div>\n',
        "<div><h2>Heading</h2></div>\n",  # the table of contents lists it
        "<div>x</div>\nsome text\n",  # a paragraph follows on the next line
        "<span>inline</span>\n",  # not a block
        "text\n<div>x</div>\n",  # not at the start of a block
        "```html\n\n<div>x</div>\n\n```\n",  # in a code block
        "<div>x<!-- note --></div>\n",
        "<div><div>x</div>\n",  # unbalanced
    ],
)
def test_ambiguous_html_stays_in_the_markdown(text):
    assert raw_html.stash(text, "p.md") == (text, [])


def test_runs_inside_markdown_sections_are_stashed():
    run = '<p class="x" hidden>a</p>\n<table><tr><td>b</td></tr></table>'
    text = f"<section markdown>\n\n## H\n\n{run}\n\n</section>\n"
    stashed, blocks = raw_html.stash(text, "p.md")
    assert blocks == [run]
    assert "## H" in stashed
    assert dom(raw_html.restore(convert(stashed), "p.md", blocks)) == dom(convert(text))


def test_restore_puts_back_only_its_own_page_and_fails_on_a_lost_block():
    stashed, blocks = raw_html.stash("<div>x</div>\n\n<div>y</div>\n", "a.md")
    assert len(blocks) == 2
    other = raw_html.PLACEHOLDER.format(key="b.md", n=0)
    out = raw_html.restore(f"{stashed}\n{other}", "a.md", blocks)
    assert out == f"<div>x</div>\n\n<div>y</div>\n\n{other}"
    with pytest.raises(RuntimeError, match="lost"):
        raw_html.restore(stashed.split("\n\n")[0], "a.md", blocks)


def test_the_markdown_extension_gives_the_hooks_result():
    """raw_html_markdown (Zensical has no hooks) stashes and restores inside
    Python-Markdown: the same HTML as the MkDocs hooks' stash around it."""
    from markdown import Markdown

    from build_scripts.site import raw_html_markdown

    names, configs = _markdown_config()
    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")
    text = pages.render_questionnaire(model).split("---\n", 2)[2]
    stashed, blocks = raw_html.stash(text, "page")
    assert blocks
    by_hooks = raw_html.restore(
        Markdown(extensions=names, extension_configs=configs).convert(stashed), "page", blocks
    )
    extended = [*names, raw_html_markdown.makeExtension()]
    by_extension = Markdown(extensions=extended, extension_configs=configs).convert(text)
    assert by_extension == by_hooks
    assert "kit-raw-html" not in by_extension
