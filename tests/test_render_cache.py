"""build_scripts.render_cache: a generated page from the cache is the page a
fresh render gives, and a render that logged a problem is never reused."""

import json

import pytest

from kit import loader
from tests.conftest import build_site

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def test_cached_build_is_byte_identical_to_an_uncached_one(tmp_path):
    cache = tmp_path / "cache"
    env = {**EPOCH, "KIT_BUILD_CACHE_DIR": str(cache)}
    sums = []
    for name, extra in (("off", {"KIT_BUILD_CACHE": "off"}), ("fill", {}), ("hit", {})):
        proc = build_site(tmp_path / name, extra_env={**env, **extra})
        assert proc.returncode == 0, proc.stderr
        sums.append((tmp_path / name / "SHA256SUMS").read_text())
        if name == "off":
            assert not cache.exists()
    assert sums[0] == sums[1] == sums[2]
    renders = list((cache / "render").rglob("*"))
    renders = [p for p in renders if p.is_file()]
    pages = list((tmp_path / "off" / "assessments").glob("*/index.html"))
    assert len(renders) > len(pages) > 5
    # Pages written by hand are kept too.
    by_hand = "Every customer experience program eventually runs into"
    assert any(by_hand in json.loads(p.read_text())["html"] for p in renders)
    # The third build took the pages from the cache: a marked entry shows.
    entry, data = next(
        (p, d)
        for p in renders
        if 'data-kit-id="leadership-vision"' in (d := json.loads(p.read_text()))["html"]
    )
    data["html"] = data["html"].replace("kit-assessment", "kit-assessment from-the-cache", 1)
    entry.write_text(json.dumps(data))
    proc = build_site(tmp_path / "marked", extra_env=env)
    assert proc.returncode == 0, proc.stderr
    marked = [
        p for p in (tmp_path / "marked").rglob("index.html") if "from-the-cache" in p.read_text()
    ]
    assert len(marked) == 1


@pytest.mark.parametrize(
    "link, bad",
    [
        ("(guide/walking-the-talk.md)", "(guide/no-such-page.md)"),
        # Anchors are checked after every page is rendered: from the cache too.
        ("(guide/top-down-nps.md#whom-to-call)", "(guide/top-down-nps.md#no-such-anchor)"),
    ],
    ids=["page", "anchor"],
)
def test_a_broken_link_fails_every_strict_build(tmp_path, link, bad):
    qdir = tmp_path / "questionnaires"
    qdir.mkdir()
    good = (loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml").read_text()
    assert link in good
    broken = good.replace("id: leadership-vision", "id: broken-link", 1).replace(link, bad, 1)
    (qdir / "broken-link.yaml").write_text(broken)
    env = {"KIT_QUESTIONNAIRES": str(qdir), "KIT_BUILD_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("first", "second"):
        proc = build_site(tmp_path / name, extra_env=env)
        assert proc.returncode != 0, f"{name} build passed a broken link"
        assert bad.strip("()") in proc.stdout + proc.stderr


def test_generated_pages_meta_answers_nav_probes_as_a_dict_would():
    from build_scripts.site.mkdocs_adapter import NavMeta

    meta = NavMeta({"title": "T", "icon": "material/star"})
    assert meta == {"title": "T", "icon": "material/star"}
    assert (meta.icon, meta.subtitle, meta.status) == ("material/star", None, None)
    assert meta["title"] == "T" and meta.get("description") is None
