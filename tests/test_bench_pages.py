"""The benchmark's same-page baseline: the real assessment page with a bare
loadPyodide() in place of the kit, so the cold-score ratio bills the kit only
for what it adds to the page."""

import re

import pytest

from build_scripts.devtools import bench

TAG = re.compile(r"<script\b[^>]*>|<link\b[^>]*>")


def test_same_page_baseline_keeps_the_page_and_swaps_the_scripts(built_site):
    html = (built_site / "assessments" / bench.QID / "index.html").read_text(encoding="utf-8")
    out = bench.same_page_baseline(html, "../../runtime/")
    before, after = TAG.findall(html), TAG.findall(out)
    # The kit's scripts and preloads were there, and none is left.
    assert any("boot.js" in t for t in before) and any("kit.js" in t for t in before)
    assert [t for t in after if " src=" in t] == [
        '<script async src="../baseline-page.js" data-runtime="../../runtime/">'
    ]
    assert not [t for t in after if "modulepreload" in t]
    # The stylesheets, the inert JSON and the page's body are the same.
    assert [t for t in before if "stylesheet" in t] == [t for t in after if "stylesheet" in t]
    assert [t for t in before if "application/json" in t] == [
        t for t in after if "application/json" in t
    ]
    body = lambda s: bench.SCRIPT_WITH_SRC.sub("", s[s.index("<body") :])  # noqa: E731
    assert "kit-form" in body(out)
    assert body(html) == body(out)
    # It starts the worker where boot.js did: ahead of every stylesheet.
    assert out.index("baseline-page.js") < out.index('rel="stylesheet"')


def test_same_page_baseline_refuses_a_page_that_no_longer_boots_first():
    with pytest.raises(SystemExit, match="boot.js"):
        bench.same_page_baseline('<head><script src="kit.js"></script></head>', "r/")
