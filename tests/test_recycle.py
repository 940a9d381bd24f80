"""build_scripts/site/recycle.py: a build over an old site writes the same site as a
build into an empty folder, reusing the old files' inodes."""

from build_scripts.site.recycle import PREVIOUS, Recycler
from tests.conftest import build_site


def test_taken_files_are_written_over_and_the_rest_goes(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("old page")
    (site / "stale.html").write_text("from a page that is gone")
    (site / ".keep").write_text("hidden: MkDocs leaves it, so does the recycler")
    inode = (site / "a" / "index.html").stat().st_ino
    recycler = Recycler()
    recycler.start(site)
    assert sorted(p.name for p in site.iterdir()) == [".keep", PREVIOUS]
    recycler.take(site / "a" / "index.html")
    recycler.take(site / "never-built.html")  # nothing to take: nothing happens
    (site / "a" / "index.html").write_text("new page")
    (site / "fresh.html").write_text("written this build")
    recycler.take(site / "fresh.html")  # written already: left as it is
    recycler.finish()
    assert (site / "a" / "index.html").read_text() == "new page"
    assert (site / "a" / "index.html").stat().st_ino == inode
    assert (site / "fresh.html").read_text() == "written this build"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        ".keep",
        "a",
        "a/index.html",
        "fresh.html",
    ]


def test_an_empty_or_missing_site_has_nothing_to_recycle(tmp_path):
    recycler = Recycler()
    recycler.start(tmp_path / "missing")
    recycler.take(tmp_path / "missing" / "index.html")
    recycler.finish()
    assert not (tmp_path / "missing").exists()


def test_a_build_over_an_old_site_is_the_site_a_fresh_build_writes(tmp_path):
    site = tmp_path / "site"
    first = build_site(site)
    assert first.returncode == 0, first.stderr
    page = site / "assessments" / "leadership-vision" / "index.html"
    inode = page.stat().st_ino
    # What an older build left that this one does not make.
    (site / "assessments" / "retired").mkdir()
    (site / "assessments" / "retired" / "index.html").write_text("a retired questionnaire")
    (site / "assessments" / "leadership-vision" / "index.html.gz").write_bytes(b"stale copy")
    again = build_site(site)
    assert again.returncode == 0, again.stderr
    fresh = build_site(tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert (site / "SHA256SUMS").read_text() == (tmp_path / "fresh" / "SHA256SUMS").read_text()
    assert not (site / "assessments" / "retired").exists()
    assert not (site / PREVIOUS).exists()
    assert page.stat().st_ino == inode  # written over, not deleted and made again
