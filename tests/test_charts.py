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


# cw19: a page's chart words (German words and decimal comma in the SVG text).
GERMAN = {
    "decimal": ",",
    "no_score_yet": "noch kein Wert",
    "out_of_100": "{score} von 100",
    "no_score": "kein Wert",
    "radar": "Netzdiagramm der Werte.",
    "bars": "Balkendiagramm der Werte.",
    "gap": "Differenz {gap}",
    "gap_desc": "Balkendiagramm der Mittelwerte.",
    "groups_title": "{title}: wie die beiden Gruppen es sehen",
}


def visible_texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter() if t.tag in (f"{SVG}text", f"{SVG}tspan") and t.text]


def test_german_words_and_decimal_comma():
    model = MODELS["walk-the-talk"]
    answers = full_answers(model, 4) | {"asks-first": 1, "cut-first": 0, "transactional": 3}
    result = score(model, "employee", answers)
    shown = [d for d in result["dimensions"] if d["shown"]]
    root = parse(chart_svg(model, result, "Ergebnis", words=GERMAN))
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("Netzdiagramm der Werte." if len(shown) >= 3 else "Balkendiagramm")
    texts = visible_texts(root)
    for d in shown:
        german = f"{d['score']:.1f}".replace(".", ",")
        assert f"{d['title']}: {german} von 100" in desc
        assert german in texts
    assert "out of 100" not in desc and not any("." in t for t in texts if t[0].isdigit())
    # Data and coordinates stay machine-readable.
    assert data_points(root) == {d["id"]: f"{d['score']:.1f}" for d in shown}
    assert "," not in root.get("viewBox")


def test_german_words_for_missing_scores():
    model = MODELS["walk-the-talk"]
    root = parse(chart_svg(model, score(model, "employee", {}), "t", words=GERMAN))
    assert "noch kein Wert" in root.find(f"{SVG}desc").text
    assert "kein Wert" in visible_texts(root)
    assert "no score" not in ET.tostring(root, encoding="unicode")


def test_missing_words_fall_back_to_english():
    model = MODELS["walk-the-talk"]
    result = score(model, "employee", full_answers(model, 4))
    english = chart_svg(model, result, "t")
    assert chart_svg(model, result, "t", words={}) == english
    assert chart_svg(model, result, "t", words={"decimal": "."}) == english
    partial = chart_svg(model, result, "t", words={"decimal": ","})
    assert "out of 100" in partial and "100,0 out of 100" in partial


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ({"colour": "rot"}, "chart_words.colour"),
        ({"decimal": 1}, "chart_words.decimal"),
        ({"no_score": ""}, "chart_words.no_score"),
        ({"gap": "Differenz"}, "chart_words.gap"),
        ("de", "chart_words"),
    ],
)
def test_bad_chart_words_name_the_field(words, named):
    model = MODELS["walk-the-talk"]
    result = score(model, "employee", full_answers(model, 4))
    with pytest.raises(InputError, match=named.replace(".", r"\.")):
        chart_svg(model, result, "t", words=words)


def team_request(words=None):
    from pathlib import Path

    team = Path(__file__).parent / "fixtures" / "aggregate" / "team"
    items = [
        {"name": n, "kind": "text", "data": (team / n).read_text(encoding="utf-8")}
        for n in ("m1.json", "m2.json", "managers.jsonl", "employees.txt")
    ]
    model = MODELS["leadership-vision"]
    request = {"op": "aggregate", "definition": model.definition, "items": items}
    return request if words is None else request | {"chart_words": words}


def test_gap_chart_in_german():
    from kit.engine.api import handle_request

    english = handle_request(team_request())["result"]
    assert "how the two groups see it" in english["chart"] and "gap " in english["chart"]
    reply = handle_request(team_request(GERMAN))
    assert reply["ok"] is True
    r = reply["result"]
    root = parse(r["chart"])
    title = MODELS["leadership-vision"].title
    assert root.find(f"{SVG}title").text == f"{title}: wie die beiden Gruppen es sehen"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("Balkendiagramm der Mittelwerte. ")
    gap = next(d["gap"] for d in r["dimensions"] if d["gap"] is not None)
    spelled = f"Differenz {gap:+.1f}".replace(".", ",")
    assert spelled in desc and spelled in visible_texts(root)
    for el in root.iter():
        if "data-gap" in el.attrib and el.get("data-gap"):
            assert "," not in el.get("data-gap")
    assert "gap " not in r["chart"] and "Bar chart" not in r["chart"]


def test_bad_chart_words_are_an_input_error_even_without_a_chart():
    from kit.engine.api import handle_request

    reply = handle_request(team_request({"gap": 3}))
    error = "'chart_words.gap' must be non-empty text"
    assert reply == {"ok": False, "kind": "input", "error": error}


def test_english_ui_strings_are_the_engine_defaults():
    """The English words in ui_strings/en.yaml are charts.WORDS (one spelling)."""
    from build_scripts.generate.ui import UI_EN
    from kit.engine.charts import WORDS

    for key, text in WORDS.items():
        if key != "decimal":  # the page's decimal comes from its language (util.js)
            assert UI_EN[f"chart_{key}"] == text
