"""`kit compare`: two results of one person, or two rounds (folders or saved team views)."""

import json

import pytest

from kit import cli, loader
from kit.engine.aggregate import aggregate
from kit.engine.results import encode, record

QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
BEFORE = [[1, 1, 2, 2, 1, 1], [1, 1, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1],
          [1, 1, 2, 2, 1, 1]]  # fmt: skip
AFTER = [[3, 3, 2, 2, 1, 1], [2, 2, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1], [3, 3, 2, 2, 1, 1],
         [2, 2, 2, 2, 1, 1]]  # fmt: skip


@pytest.fixture(scope="module")
def vision():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")


def write_round(vision, folder, rows, offset):
    folder.mkdir()
    for i, values in enumerate(rows):
        rec = record(vision, "employee", dict(zip(QUESTIONS, values, strict=True)),
                     f"resp-employee-{offset + i:08d}", "2026-03-01")  # fmt: skip
        (folder / f"e{i}.json").write_text(json.dumps(rec), encoding="utf-8")


def lines_of(out: str, start: str) -> str:
    return next(line for line in out.splitlines() if line.strip().startswith(start))


def test_two_results_of_one_person(vision, tmp_path, capsys):
    for name, values, date in (("a", [1, 1, 2, 2, 1, 1], "2026-01-15"),
                               ("b", [3, 3, 2, 3, 1, 1], "2026-07-15")):  # fmt: skip
        rec = record(vision, "manager", dict(zip(QUESTIONS, values, strict=True)),
                     f"resp-manager-0000000{name}", date)  # fmt: skip
        (tmp_path / f"{name}.json").write_text(json.dumps(rec), encoding="utf-8")
    assert cli.main(["compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "2026-01-15 -> 2026-07-15" in out
    line = lines_of(out, "Understanding customers")
    assert line.split()[2:6] == ["25.0", "75.0", "+50.0", "24.5"]
    assert line.endswith("reliable change (better)")
    assert lines_of(out, "Sharing customer feedback").endswith("within answer noise")
    # A result code works as the after side too.
    code = encode(vision, "manager", dict(zip(QUESTIONS, [3, 3, 2, 3, 1, 1], strict=True)))
    assert cli.main(["compare", str(tmp_path / "a.json"), code]) == 0
    assert "+50.0" in lines_of(capsys.readouterr().out, "Understanding customers")


def test_two_rounds_from_folders_and_from_saved_views(vision, tmp_path, capsys):
    write_round(vision, tmp_path / "r1", BEFORE, 0)
    write_round(vision, tmp_path / "r2", AFTER, 100)
    assert cli.main(["compare", str(tmp_path / "r1"), str(tmp_path / "r2")]) == 0
    out = capsys.readouterr().out
    line = lines_of(out, "Understanding customers")
    assert line.split()[2:6] == ["35.0", "65.0", "+30.0", "17.0"]
    assert "reliable change (better)" in line
    assert "Gap, before: no gaps" in out  # no managers answered
    # The same rounds as saved team views (kit aggregate --json / kit round combine --json).
    for name in ("r1", "r2"):
        items = [{"name": p.name, "kind": "text", "data": p.read_text(encoding="utf-8")}
                 for p in sorted((tmp_path / name).iterdir())]  # fmt: skip
        view = aggregate(vision, items)
        (tmp_path / f"{name}-view.json").write_text(json.dumps(view), encoding="utf-8")
    args = ["compare", str(tmp_path / "r1-view.json"), str(tmp_path / "r2-view.json"), "--json"]
    assert cli.main(args) == 0
    out = json.loads(capsys.readouterr().out)
    employees = next(r for r in out["roles"] if r["role"] == "employee")
    row = next(d for d in employees["dimensions"] if d["id"] == "understanding")
    assert (row["change"], row["threshold"], row["reliable"]) == (30.0, 17.0, True)


def test_mistakes_name_the_file(vision, tmp_path, capsys):
    write_round(vision, tmp_path / "r1", BEFORE[:1], 0)
    rec = record(vision, "manager", dict(zip(QUESTIONS, AFTER[0], strict=True)),
                 "resp-manager-00000001", "2026-03-01")  # fmt: skip
    (tmp_path / "m.json").write_text(json.dumps(rec), encoding="utf-8")
    missing = tmp_path / "nothing.json"
    assert cli.main(["compare", str(tmp_path / "r1" / "e0.json"), str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"{missing}: no such file or folder"
    assert cli.main(["compare", str(tmp_path / "r1" / "e0.json"), str(tmp_path / "m.json")]) == 1
    assert "different roles" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "cx-kit-result", "questionnaire": 3}', encoding="utf-8")
    assert cli.main(["compare", str(tmp_path / "r1" / "e0.json"), str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}: ") and "format_version" in err
