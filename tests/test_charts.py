"""Result charts (kit.engine.charts): accessible, escaped, deterministic SVG."""

import copy
import xml.etree.ElementTree as ET

import pytest

from kit import loader
from kit.engine import score, validate
from kit.engine.charts import ACCENT, chart_svg
from kit.engine.errors import InputError
from kit.engine.results import record

SVG = "{http://www.w3.org/2000/svg}"
MODELS = {m.id: m for m in loader.load_all()}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def data_points(root: ET.Element) -> dict[str, str]:
    return {
        el.get("data-dimension"): el.get("data-score")
        for el in root.iter()
        if "data-dimension" in el.attrib
    }


def full_answers(model, value_index=0, **overrides):
    answers = {q.id: model.scales[q.scale].options[value_index].value for q in model.questions}
    return answers | overrides


@pytest.mark.parametrize("model", list(MODELS.values()), ids=lambda m: m.id)
def test_chart_for_every_questionnaire(model):
    role = model.roles[0].id
    result = score(model, role, full_answers(model, 1))
    svg = chart_svg(model, result, model.title)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") == f"cx-chart-{model.id}-title"
    assert root.get("aria-describedby") == desc.get("id") == f"cx-chart-{model.id}-desc"
    assert title.text == model.title
    shown = [d for d in result["dimensions"] if d["shown"]]
    assert data_points(root) == {d["id"]: f"{d['score']:.1f}" for d in shown}
    for d in shown:
        assert f"{d['title']}: {d['score']:.1f} out of 100" in desc.text
    assert root.get("data-chart") == ("radar" if len(shown) >= 3 else "bars")


def test_scores_read_back_exactly():
    model = MODELS["walk-the-talk"]
    answers = full_answers(model, 4) | {"asks-first": 1, "cut-first": 0, "transactional": 3}
    result = score(model, "employee", answers)
    root = parse(chart_svg(model, result, "Team view"))
    scores = {d: float(s) for d, s in data_points(root).items()}
    assert scores == {d["id"]: d["score"] for d in result["dimensions"]}
    assert root.get("data-chart") == "radar"
    assert len(root.findall(f".//{SVG}circle")) == 4


def test_radar_for_three_or_more_bars_for_fewer():
    assert (
        parse(chart_svg(MODELS["resistance"], score(MODELS["resistance"], "sponsor", {}), "t")).get(
            "data-chart"
        )
        == "bars"
    )
    vision = MODELS["leadership-vision"]
    assert parse(chart_svg(vision, score(vision, "manager", {}), "t")).get("data-chart") == "radar"
    # sponsor-readiness shows two of its four dimensions: bars, only those two
    sponsor = MODELS["sponsor-readiness"]
    result = score(sponsor, "sponsor", {"phase": 2})
    root = parse(chart_svg(sponsor, result, "t"))
    assert root.get("data-chart") == "bars"
    assert set(data_points(root)) == {"qualities", "implementation"}


def test_missing_scores():
    model = MODELS["leadership-vision"]
    result = score(model, "manager", {"needs": 4})
    root = parse(chart_svg(model, result, "Partial"))
    assert data_points(root) == {"understanding": "100.0", "sharing": "", "acting": ""}
    desc = root.find(f"{SVG}desc").text
    assert desc == (
        "Radar chart of scores from 0 to 100 by dimension. Understanding customers: 100.0 out "
        "of 100; Sharing customer feedback: no score yet; Acting on customer issues: no score yet."
    )


def test_record_result_is_accepted():
    model = MODELS["walk-the-talk"]
    answers = full_answers(model, 3)
    rec = record(model, "leader", answers, "abcdefghijklmnop", "2025-01-02")
    from_record = chart_svg(model, rec["result"], "x")
    from_score = chart_svg(model, score(model, "leader", answers), "x")
    assert from_record == from_score


def test_text_is_escaped():
    definition = copy.deepcopy(MODELS["resistance"].definition)
    evil = "<script>alert(\"x\")</script> & 'quoted'"
    definition["dimensions"][0]["title"] = evil
    model = validate(definition)
    result = score(model, "sponsor", full_answers(model, 2))
    svg = chart_svg(model, result, f"Title {evil}", chart_id="c1")
    assert "<script" not in svg
    root = parse(svg)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert root.find(f"{SVG}title").text == f"Title {evil}"
    assert evil in root.find(f"{SVG}desc").text
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    assert any(evil in t for t in texts)
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "javascript:" not in value
            assert not name.endswith("href"), name


def test_safe_content():
    model = MODELS["root-causes"]
    svg = chart_svg(model, score(model, "leader", full_answers(model, 2)), "t")
    for needle in (
        "<script",
        "<style",
        "<image",
        "<foreignObject",
        "href",
        "url(",
        "@import",
        "on",
    ):
        if needle == "on":
            assert not any(a.startswith("on") for el in parse(svg).iter() for a in el.attrib)
        else:
            assert needle not in svg
    assert "currentColor" in svg
    assert ACCENT in svg


def test_deterministic():
    model = MODELS["root-causes"]
    answers = full_answers(model, 2) | {model.questions[0].id: 4}
    first = chart_svg(model, score(model, "leader", answers), "Same")
    second = chart_svg(model, score(model, "leader", dict(answers)), "Same")
    assert first == second
    assert "-0.0" not in first


def test_chart_id_and_title_checked():
    model = MODELS["leadership-vision"]
    result = score(model, "manager", {})
    root = parse(chart_svg(model, result, "t", chart_id="mine-2"))
    assert root.get("aria-labelledby") == "mine-2-title"
    with pytest.raises(InputError, match="chart id"):
        chart_svg(model, result, "t", chart_id='x" onload="alert(1)')
    with pytest.raises(InputError, match="title"):
        chart_svg(model, result, None)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (None, "the result to chart has no dimension scores"),
        ({"dimensions": 3}, "the result to chart has no dimension scores"),
        ({"dimensions": {"nope": 50}}, "the result to chart has an unknown dimension 'nope'"),
        ({"dimensions": {"sharing": 150}}, "the score of 'sharing' is not a number from 0 to 100"),
        ({"dimensions": {"sharing": "50"}}, "the score of 'sharing' is not a number from 0 to 100"),
        ({"dimensions": {}}, "the result to chart has no shown dimension"),
        ({"dimensions": [5]}, "the result to chart has a malformed dimension entry"),
    ],
)
def test_bad_results(result, message):
    with pytest.raises(InputError) as e:
        chart_svg(MODELS["leadership-vision"], result, "t")
    assert str(e.value) == message
