"""raw_html as a Python-Markdown extension, for generators without hooks (Zensical).

The same stash and restore as the MkDocs adapter's hooks (raw_html.py): runs
of plain HTML elements skip Python-Markdown's HTML parsing, which is most of a
questionnaire page's conversion (67 ms a page without, 16 ms with). The
stash runs after whitespace is normalised and before Markdown looks for raw
HTML blocks; the runs go back after Markdown has put its own raw HTML back.
Listed in the generated config's markdown_extensions by the Zensical adapter.
"""

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from build_scripts.site import raw_html

KEY = "page"


class _Stash(Preprocessor):
    def run(self, lines):
        text, self.md.kit_raw_html = raw_html.stash("\n".join(lines), KEY)
        return text.split("\n")


class _Restore(Postprocessor):
    # The toc extension runs every postprocessor on each heading's text too:
    # only the page itself holds the placeholders.
    def run(self, text):
        blocks = getattr(self.md, "kit_raw_html", None)
        if not blocks or raw_html.PLACEHOLDER.split("{")[0] not in text:
            return text
        return raw_html.restore(text, KEY, blocks)


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        # normalize_whitespace is 30, html_block 20; raw_html (postprocessor) 30.
        md.preprocessors.register(_Stash(md), "kit_raw_html", 25)
        md.postprocessors.register(_Restore(md), "kit_raw_html", 25)

    def reset(self):
        pass


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's name
    return RawHtmlExtension(**kwargs)
