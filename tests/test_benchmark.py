"""Organisation benchmarks: medians made from results, checked, published in the
site at build time, and shown beside a respondent's scores in the browser.

leadership-vision has no reverse-scored or unscored answers, so a respondent
who answers every question v (0-4) scores 25 * v on every dimension and
overall: the medians below are computed by hand from that.
"""

import contextlib
import io
import json
import re

import pytest

from build_scripts.generate import benchmarks as site_benchmarks
from kit import cli, loader
from kit.engine import api, benchmark, results
from kit.engine.errors import InputError
from tests.assessment_page import ENGINE_READY, answer, wait_for_progress
from tests.conftest import LiveServer, build_site
from tests.test_settings import org_config

QID = "leadership-vision"
DIMS = ("understanding", "sharing", "acting")
QUESTIONS = ("needs", "visits", "reviews", "agenda", "urgency", "involvement")
MANAGERS = (4, 3, 1)  # scores 100, 75, 25: median 75
EMPLOYEES = (0, 1, 2, 2)  # scores 0, 25, 50, 50: median (25 + 50) / 2 = 37.5
EVERYONE = 50.0  # 0, 25, 25, 50, 50, 75, 100


@pytest.fixture(scope="module")
def model():
    return loader.load_file(loader.QUESTIONNAIRE_DIR / f"{QID}.yaml")


def codes(model, role: str, values) -> list[str]:
    return [results.encode(model, role, dict.fromkeys(QUESTIONS, v)) for v in values]


def all_codes(model) -> str:
    return "\n".join(codes(model, "manager", MANAGERS) + codes(model, "employee", EMPLOYEES))


def group(n: int, median: float) -> dict:
    return {"n": n, "overall": median, "dimensions": dict.fromkeys(DIMS, median)}


def test_medians_by_hand(model):
    items = [{"name": "codes.txt", "kind": "text", "data": all_codes(model)}]
    bench, summary = benchmark.make(model, items, "Acme Ltd, spring survey", "2026-05")
    assert bench == {
        "format": "cx-kit-benchmark",
        "format_version": 1,
        "questionnaire": {"id": QID, "version": 1},
        "label": "Acme Ltd, spring survey",
        "collected": "2026-05",
        "min_group": 3,
        "groups": {
            "everyone": group(7, EVERYONE),
            "manager": group(3, 75.0),
            "employee": group(4, 37.5),
        },
    }
    assert summary["rejected"] == []
    # No individual answer or score is in the file: only these numbers.
    assert "answers" not in json.dumps(bench)


def test_small_groups_are_left_out_of_the_file(model):
    items = [{"name": "codes.txt", "kind": "text", "data": all_codes(model)}]
    bench, _ = benchmark.make(model, items, "Acme", "2026", min_group=4)
    assert set(bench["groups"]) == {"everyone", "employee"}  # 3 managers < 4
    with pytest.raises(InputError, match="fewer than 8 complete results"):
        benchmark.make(model, items, "Acme", "2026", min_group=8)


def test_incomplete_results_count_for_nothing(model):
    partial = [results.encode(model, "manager", {"needs": 4})] * 5
    items = [
        {
            "name": "c.txt",
            "kind": "text",
            "data": "\n".join(partial + codes(model, "manager", MANAGERS)),
        }
    ]
    bench, _ = benchmark.make(model, items, "Acme", "2026")
    assert bench["groups"]["manager"] == group(3, 75.0)


@pytest.fixture
def bench(model):
    items = [{"name": "codes.txt", "kind": "text", "data": all_codes(model)}]
    return benchmark.make(model, items, "Acme Ltd, spring survey", "2026-05")[0]


def test_a_respondent_beside_their_roles_medians(model, bench):
    answers = {"needs": 4, "visits": 4, "reviews": 2, "agenda": 2, "urgency": 0, "involvement": 0}
    reply = api.handle_request(
        {
            "op": "score",
            "definition": model.definition,
            "role": "employee",
            "answers": answers,
            "benchmark": bench,
        }
    )
    cmp = reply["result"]["benchmark"]
    assert cmp == {
        "shown": True,
        "label": "Acme Ltd, spring survey",
        "collected": "2026-05",
        "group": "employee",
        "n": 4,
        "overall": {"you": 50.0, "median": 37.5, "difference": 12.5},
        "dimensions": [
            {"id": "understanding", "you": 100.0, "median": 37.5, "difference": 62.5},
            {"id": "sharing", "you": 50.0, "median": 37.5, "difference": 12.5},
            {"id": "acting", "you": 0.0, "median": 37.5, "difference": -37.5},
        ],
    }


def test_without_their_roles_group_everyone_is_the_comparison(model, bench):
    del bench["groups"]["manager"]
    result = api.handle_request(
        {"op": "score", "definition": model.definition, "role": "manager",
         "answers": dict.fromkeys(QUESTIONS, 3), "benchmark": bench}
    )["result"]  # fmt: skip
    assert result["benchmark"]["group"] == "everyone"
    assert result["benchmark"]["overall"] == {"you": 75.0, "median": 50.0, "difference": 25.0}


def test_a_partial_result_is_not_compared(model, bench):
    result = api.handle_request(
        {"op": "score", "definition": model.definition, "role": "manager",
         "answers": {"needs": 4}, "benchmark": bench}
    )["result"]  # fmt: skip
    assert result["benchmark"] == {"shown": False}
    assert result["overall"] == 100.0  # the score itself is unchanged


def test_a_broken_benchmark_does_not_stop_scoring(model, bench):
    bench["groups"]["manager"]["n"] = 1
    result = api.handle_request(
        {"op": "score", "definition": model.definition, "role": "manager",
         "answers": dict.fromkeys(QUESTIONS, 3), "benchmark": bench}
    )["result"]  # fmt: skip
    assert result["overall"] == 75.0
    assert result["benchmark"]["shown"] is False
    assert "groups.manager.n" in result["benchmark"]["error"]


def _changed(bench: dict, path: str, value):
    data = json.loads(json.dumps(bench))
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("format", "cx-kit-result", "not a benchmark (no 'format': 'cx-kit-benchmark')"),
        ("format_version", 2, "format_version: this kit reads version 1, got 2"),
        ("questionnaire.id", "resistance",
         "questionnaire.id: this benchmark is for 'resistance', not 'leadership-vision'"),
        ("questionnaire.version", 2,
         "questionnaire.version: made from results of version 2, but 'leadership-vision' is "
         "now version 1"),
        ("min_group", 2,
         "min_group: made with groups of at least 2, but this site's anonymity minimum is 3: "
         "make it again with --min-group 3"),
        ("groups.manager.n", 2,
         "groups.manager.n: expected the number of results, at least 3, got 2"),
        ("groups.manager.overall", 120,
         "groups.manager.overall: expected a median score from 0 to 100, got 120"),
        ("groups.manager.dimensions.vision", 50,
         "groups.manager.dimensions.vision: no such dimension in 'leadership-vision'"),
        ("groups.boss", group(3, 50.0),
         "groups.boss: no such role in 'leadership-vision' (groups: everyone, manager, employee)"),
        ("groups.manager.answers", [{"needs": 4}],
         "groups.manager.answers: not a benchmark field (a benchmark holds only n, overall, "
         "dimensions: never individual answers)"),
        ("responses", [], "responses: not a benchmark field"),
        ("label", "", "label: expected text"),
        ("collected", "May 2026",
         "collected: expected when the results were collected as YYYY, YYYY-MM or YYYY-MM-DD, "
         "got 'May 2026'"),
        ("groups", DELETE, "groups: expected at least one group of results"),
    ],
)  # fmt: skip
def test_every_problem_names_the_field(model, bench, path, value, message):
    with pytest.raises(InputError) as e:
        benchmark.read(_changed(bench, path, value), model, min_group=3)
    assert message in str(e.value)


def run_kit(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_writes_the_benchmark_and_lists_bad_inputs(model, tmp_path, bench):
    (tmp_path / "codes.txt").write_text(all_codes(model), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    out_file = tmp_path / f"{QID}.json"
    code, out, err = run_kit(
        ["benchmark", str(tmp_path), "--label", "Acme Ltd, spring survey",
         "--collected", "2026-05", "-o", str(out_file)]
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out_file.read_text()) == bench
    assert "groups everyone (7), manager (3), employee (4)" in out
    assert re.search(r"notes\.json: malformed JSON", err)


def test_cli_says_when_it_cannot_write_the_file(model, tmp_path):
    (tmp_path / "codes.txt").write_text(all_codes(model), encoding="utf-8")
    target = tmp_path / "no-such-folder" / f"{QID}.json"
    code, out, err = run_kit(
        ["benchmark", str(tmp_path / "codes.txt"), "--label", "Acme", "--collected", "2026",
         "-o", str(target)]
    )  # fmt: skip
    assert code == 1
    assert err.splitlines()[-1] == f"{target}: cannot write: No such file or directory"


def test_cli_says_why_there_is_no_benchmark(model, tmp_path):
    (tmp_path / "codes.txt").write_text("\n".join(codes(model, "manager", (1, 2))), "utf-8")
    code, out, err = run_kit(
        ["benchmark", str(tmp_path / "codes.txt"), "--label", "Acme", "--collected", "2026"]
    )
    assert code == 1
    assert f"{QID}: no benchmark: fewer than 3 complete results (2 result(s) read" in err


def test_build_step_refuses_files_it_cannot_publish(model, bench, tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    (folder / f"{QID}.json").write_text(json.dumps(_changed(bench, "min_group", 2)), "utf-8")
    (folder / "nosuch.json").write_text(json.dumps(bench), "utf-8")
    (folder / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(site_benchmarks.BenchmarkError) as e:
        site_benchmarks.load(folder, loader.load_all(), 3)
    lines = str(e.value).splitlines()
    assert len(lines) == 3
    assert lines[0].endswith(
        f"{QID}.json: min_group: made with groups of at least 2, but this site's anonymity "
        "minimum is 3: make it again with --min-group 3"
    )
    assert "nosuch.json: no questionnaire 'nosuch' in this site" in lines[1]
    assert "notes.txt: not a benchmark (expected <questionnaire id>.json)" in lines[2]


def test_a_bad_benchmark_stops_the_build(model, bench, tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    (folder / f"{QID}.json").write_text(json.dumps(_changed(bench, "groups.manager.n", 2)))
    config = org_config(tmp_path, {"benchmarks": "benchmarks"})
    proc = build_site(tmp_path / "site", config=config)
    assert proc.returncode != 0
    assert (
        f"extra.kit.benchmarks: cannot publish:\n{folder / QID}.json: groups.manager.n: "
        "expected the number of results, at least 3, got 2"
    ) in proc.stdout + proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- in the browser, on a site built with a benchmark --------------------------------------


@pytest.fixture(scope="module")
def bench_site(tmp_path_factory):
    home = tmp_path_factory.mktemp("bench-site")
    (home / "benchmarks").mkdir()
    m = loader.load_file(loader.QUESTIONNAIRE_DIR / f"{QID}.yaml")
    (home / "codes.txt").write_text(all_codes(m), encoding="utf-8")
    code, _, err = run_kit(
        ["benchmark", str(home / "codes.txt"), "--label", "Acme Ltd, spring survey",
         "--collected", "2026-05", "-o", str(home / "benchmarks" / f"{QID}.json")]
    )  # fmt: skip
    assert code == 0, err
    config = org_config(home, {"benchmarks": "benchmarks", "languages": []})
    proc = build_site(home / "site", config=config)
    if proc.returncode != 0:
        pytest.fail(f"build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    server = LiveServer(home / "site")
    yield server.url
    server.stop()


def read_benchmark(page) -> dict:
    return page.evaluate(
        """() => {
        const box = document.querySelector('.kit-benchmark');
        const cells = (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
        return {
          shown: !box.hidden && !box.querySelector('.kit-benchmark-table').hidden,
          about: box.querySelector('.kit-benchmark-about').textContent,
          overall: cells(box.querySelector('tr.kit-benchmark-overall')),
          rows: Object.fromEntries([...box.querySelectorAll('tr[data-benchmark-row]')]
            .filter((tr) => !tr.hidden).map((tr) => [tr.dataset.benchmarkRow, cells(tr)])),
        };
    }"""
    )


@pytest.mark.browser
def test_the_result_page_shows_scores_beside_the_medians(page, bench_site):
    page.goto(f"{bench_site}assessments/{QID}/")
    page.wait_for_selector(ENGINE_READY)
    answer(page, {"needs": 4, "visits": 4, "reviews": 2}, role="employee")
    wait_for_progress(page, 3, 6)
    # Partial: no comparison yet, and the page says what to do.
    assert page.is_visible(".kit-benchmark-pending")
    assert not read_benchmark(page)["shown"]
    answer(page, {"agenda": 2, "urgency": 0, "involvement": 0})
    wait_for_progress(page, 6, 6)
    page.wait_for_function("() => !document.querySelector('.kit-benchmark-table').hidden")
    shown = read_benchmark(page)
    assert shown["overall"] == ["50.0", "37.5", "+12.5"]
    assert shown["rows"] == {
        "understanding": ["100.0", "37.5", "+62.5"],
        "sharing": ["50.0", "37.5", "+12.5"],
        "acting": ["0.0", "37.5", "\u221237.5"],
    }
    assert shown["about"] == (
        "Medians of 4 complete results from people who answered as “I am rating my "
        "manager and our leadership”: Acme Ltd, spring survey (2026-05)."
    )
    # As a manager, the managers' medians.
    page.check('input[name="kit-role"][value="manager"]')
    page.wait_for_function(
        "() => document.querySelector('tr.kit-benchmark-overall .kit-median')"
        ".textContent === '75.0'"
    )
    assert read_benchmark(page)["overall"] == ["50.0", "75.0", "\u221225.0"]


@pytest.mark.browser
def test_the_comparison_is_accessible(browser, bench_site):
    from tests.test_accessibility import AXE, run_axe

    if AXE is None:
        pytest.skip("axe-core not installed (npm ci)")
    # As in test_accessibility: no service worker, so axe's script can be routed.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{bench_site}assessments/{QID}/")
    page.wait_for_selector(ENGINE_READY)
    answer(page, dict.fromkeys(QUESTIONS, 3), role="manager")
    page.wait_for_function("() => !document.querySelector('.kit-benchmark-table').hidden")
    try:
        run_axe(page, "default", "assessment with a benchmark")
    finally:
        context.close()
