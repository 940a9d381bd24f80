"""The nav memo (build_scripts/site/nav_memo.py): the same site, byte for byte, built faster."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from build_scripts.site import nav_memo
from tests.conftest import ROOT, build_command, build_site
from tests.test_settings import org_config

BUILD_WITHOUT_MEMO = (
    "import sys; from build_scripts.site import nav_memo; nav_memo.enabled = False; "
    "from build_scripts.build import main; sys.exit(main())"
)


@pytest.mark.parametrize("template", sorted(nav_memo.CALLS))
def test_the_installed_material_templates_are_patched(template):
    """If Material's nav templates change, the memo stops applying (builds stay
    correct, only slower): this says so."""
    source = (nav_memo.MATERIAL_TEMPLATES / template).read_text(encoding="utf-8")
    patched = nav_memo.patch(template, source)
    assert patched is not None and patched != source
    call, memo_call = nav_memo.CALLS[template]
    assert patched.replace(memo_call, call) == source


def test_patch_leaves_an_unknown_template_alone():
    assert (
        nav_memo.patch("partials/nav-item.html", "{% macro render(nav_item) %}{% endmacro %}")
        is None
    )
    assert nav_memo.patch("partials/nav.html", "") is None


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix not in (".gz", ".br") and p.name != "SHA256SUMS"
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_a_build_with_the_memo_writes_the_same_site(tmp_path, directory_urls):
    config = org_config(tmp_path, {"anonymity_minimum": 3, "languages": ["de"]})
    if not directory_urls:
        text = config.read_text(encoding="utf-8")
        config.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    with_memo = build_site(tmp_path / "with", config)
    assert with_memo.returncode == 0, with_memo.stderr
    cmd = build_command(tmp_path / "without", config)
    without = subprocess.run(
        [sys.executable, "-c", BUILD_WITHOUT_MEMO, *cmd[3:]],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert without.returncode == 0, without.stderr
    a, b = _files(tmp_path / "with"), _files(tmp_path / "without")
    assert a.keys() == b.keys()
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:3]}"
    assert sum(name.endswith(".html") for name in a) > 40


# --- the memo on its own, with a stand-in for Material's macro --------------------------


def _page(url, active=False):
    return SimpleNamespace(url=url, is_page=True, active=active, children=None, title=url)


def _render(memo, page, item, counter):
    env = jinja2.Environment()
    env.globals["kit_nav_memo"] = memo
    env.filters["rel"] = lambda url: f"rel({url})"

    def render(nav_item, path, level):
        counter.append(nav_item.title)
        return nav_item.title

    env.globals["render"] = render
    template = env.from_string("{{ kit_nav_memo(render, item, '__nav_1', 1) }}")
    return template.render(page=page, item=item)


def test_sibling_pages_share_an_item_and_a_page_inside_it_does_not():
    memo, calls = nav_memo.NavMemo(), []
    guide = _page("guide/why/")
    section = SimpleNamespace(title="Guide", active=False, children=[guide])
    for url in ("assessments/a/", "assessments/b/", "assessments/c/"):
        assert _render(memo, _page(url), section, calls) == "Guide"
    assert calls == ["Guide"]  # rendered once for three sibling pages
    _render(memo, _page("other/a/"), section, calls)
    assert len(calls) == 2  # another parent folder: other relative links
    _render(memo, _page("guide/"), section, calls)
    _render(memo, _page("guide/"), section, calls)
    assert len(calls) == 4  # guide/why/ lies in guide/: never shared
    section.active = True
    _render(memo, _page("assessments/a/"), section, calls)
    assert len(calls) == 5  # the item holding the page: always rendered


def test_a_relative_link_that_is_not_a_page_is_never_shared():
    memo, calls = nav_memo.NavMemo(), []
    link = SimpleNamespace(url="../elsewhere/", is_page=False, title="Away", children=None)
    absolute = SimpleNamespace(
        url="https://example.org/", is_page=False, title="Out", children=None
    )
    for url in ("a/x/", "a/y/"):
        _render(memo, _page(url), link, calls)
        _render(memo, _page(url), absolute, calls)
    assert calls == ["Away", "Out", "Away"]
