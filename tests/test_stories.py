"""Story templates: filling, what stays literal, validation messages, the bundled files."""

import json
import re
from pathlib import Path

import pytest

from build_scripts.generate import stories as story_build
from kit.engine import api
from kit.engine.errors import DefinitionError, InputError
from kit.engine.stories import clean_text, fill, handle, validate_story
from kit.loader import LoadFailed

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ["day-in-the-life", "detractor-to-promoter", "employee-success", "leader-customer-call"]

SAMPLE = {
    "id": "sample",
    "title": "Sample story",
    "summary": "A small story.",
    "fields": [
        {"id": "who", "label": "Who", "prompt": "Who did it?", "required": True},
        {"id": "what", "label": "What they did", "multiline": True, "required": True},
        {"id": "quote", "label": "Quote", "multiline": True},
        {"id": "where", "label": "Where"},
    ],
    "template": (
        "**{who}** did this:\n"
        "{what}\n"
        "\n"
        'They said: "{quote}"\n'
        "\n"
        "\n"
        "Thank you, {who}. Braces: {{ and }}.\n"
        "\n"
        "(Place: {where})\n"
    ),
    "sources": [{"author": "Someone", "article": "Something"}],
}


def story(**changes):
    return validate_story({**SAMPLE, **changes})


def problems(definition) -> list[str]:
    with pytest.raises(DefinitionError) as e:
        validate_story(definition)
    return [str(p) for p in e.value.problems]


# --- filling -----------------------------------------------------------------


def test_fill_every_field():
    result = fill(
        story(),
        {
            "who": "  Priya Shah ",
            "what": "took ownership,\r\n  and fixed the cause.   \n\n",
            "quote": "Finally!",
            "where": "Denver",
        },
    )
    assert result == {
        "id": "sample",
        "title": "Sample story",
        "markdown": (
            "**Priya Shah** did this:\n"
            "took ownership,\n"
            "  and fixed the cause.\n"
            "\n"
            'They said: "Finally!"\n'
            "\n"
            "Thank you, Priya Shah. Braces: { and }.\n"
            "\n"
            "(Place: Denver)\n"
        ),
        "missing": [],
    }


def test_empty_fields_required_show_label_optional_leave_paragraph_out():
    result = fill(story(), {"who": "", "what": "   \n ", "quote": "", "where": ""})
    assert result["markdown"] == (
        "**[Who]** did this:\n[What they did]\n\nThank you, [Who]. Braces: { and }.\n"
    )
    assert result["missing"] == ["who", "what"]


def test_missing_lists_only_required_fields_still_empty_in_field_order():
    result = fill(story(), {"what": "fixed it", "where": "Leeds"})
    assert result["missing"] == ["who"]
    assert "(Place: Leeds)" in result["markdown"]
    assert "They said" not in result["markdown"]


def test_user_braces_and_placeholders_stay_literal():
    typed = {
        "who": "{what}",
        "what": "a { b } {{c}} {0} {who!r:>10} %s {__class__}",
        "quote": "{quote}",
        "where": "}{",
    }
    md = fill(story(), typed)["markdown"]
    assert md == (
        "**{what}** did this:\n"
        "a { b } {{c}} {0} {who!r:>10} %s {__class__}\n"
        "\n"
        'They said: "{quote}"\n'
        "\n"
        "Thank you, {what}. Braces: { and }.\n"
        "\n"
        "(Place: }{)\n"
    )


def test_single_line_field_joins_lines_multiline_keeps_them():
    assert clean_text("a \n\n b\r\nc", multiline=False) == "a b c"
    assert clean_text("\n  a \n\n b\r\nc\t\n\n", multiline=True) == "a\n\n b\nc"


def test_markup_is_inserted_as_typed():
    md = fill(story(), {"who": "<script>alert(1)</script>", "what": "**x**"})["markdown"]
    assert md.startswith("**<script>alert(1)</script>** did this:\n**x**\n")


def test_handle_through_the_api_with_file_name():
    request = {
        "op": "story",
        "template": SAMPLE,
        "fields": {"who": "Sam", "what": "called"},
        "date": [2025, 3, 7],
    }
    reply = json.loads(api.handle(json.dumps(request)))
    assert reply["ok"] is True
    assert reply["result"]["filename"] == "sample-2025-03-07.md"
    assert reply["result"]["missing"] == []
    assert reply["result"]["markdown"].startswith("**Sam** did this:\ncalled\n")
    assert handle({"template": SAMPLE})["filename"] == "sample.md"


@pytest.mark.parametrize(
    ("request_changes", "message"),
    [
        ({"fields": ["who"]}, "fields must be a mapping of field id to text, got a list"),
        (
            {"fields": {"nobody": "x"}},
            "story 'sample' has no field 'nobody' (fields: who, what, quote, where)",
        ),
        ({"fields": {"who": 3}}, "field 'who' must be text, got number 3"),
        ({"date": "2025-03-07"}, "date must be [year, month, day], got text '2025-03-07'"),
        (
            {"date": [2025, 2, 30]},
            "date [2025, 2, 30] is not a calendar date: day is out of range for month",
        ),
    ],
)
def test_unusable_input_is_an_input_error(request_changes, message):
    with pytest.raises(InputError) as e:
        handle({"template": SAMPLE, "fields": {}, **request_changes})
    assert str(e.value) == message
    reply = api.handle_request({"op": "story", "template": SAMPLE, **request_changes})
    assert reply == {"ok": False, "kind": "input", "error": message}


def test_broken_definition_is_a_definition_error_through_the_api():
    reply = api.handle_request({"op": "story", "template": {**SAMPLE, "title": ""}})
    assert reply == {
        "ok": False,
        "kind": "definition",
        "error": "title: expected non-empty text, got text ''",
    }


# --- validation (engine, field paths) -----------------------------------------


def test_placeholder_problems_name_the_template_line():
    template = "{who} {what} {quote}\n\n{nobody} and {Bad-Name} and {}\n{ open\nclose }\n"
    assert problems({**SAMPLE, "template": template}) == [
        "template, line 3: '{Bad-Name}' is not a placeholder: write a field id in braces "
        "(lowercase letters, digits or '_', starting with a letter), or '{{' and '}}' for "
        "literal braces",
        "template, line 3: '{}' is not a placeholder: write a field id in braces "
        "(lowercase letters, digits or '_', starting with a letter), or '{{' and '}}' for "
        "literal braces",
        "template, line 4: '{' without a closing '}' (write '{{' for a literal brace)",
        "template, line 5: '}' without an opening '{' (write '}}' for a literal brace)",
        "template, line 1: optional field 'quote' must be the only placeholder in its "
        "paragraph, which is left out when the field is empty (make the field required or "
        "give it a paragraph of its own)",
        "template, line 3: '{nobody}' names no field (fields: who, what, quote, where)",
        "fields[3].id: field 'where' is not used in the template",
    ]


def test_definition_field_problems():
    definition = {
        **SAMPLE,
        "id": "Sample Story",
        "extra": 1,
        "guide": "https://example.com/page",
        "fields": [
            {"id": "who", "label": "Who", "required": "yes"},
            {"id": "who", "label": "Again"},
            {"id": "what-now", "label": ""},
            "quote",
        ],
        "template": "{who}\n\n{where}\n",
        "sources": [],
    }
    assert problems(definition) == [
        "extra: unknown field (allowed: fields, guide, id, language, order, sources, summary, "
        "template, "
        "title)",
        "id: 'Sample Story' is not a valid id (lowercase letters, digits, '-' or '_', "
        "starting with a letter or digit)",
        "guide: expected a page path relative to docs/ such as 'stories/Sample Story.md', "
        "got 'https://example.com/page'",
        "fields[0].required: expected true or false, got text 'yes'",
        "fields[2].id: 'what-now' is not a valid field id (lowercase letters, digits or '_', "
        "starting with a letter)",
        "fields[2].label: expected non-empty text, got text ''",
        "fields[3]: expected a mapping of fields, got text 'quote'",
        "fields[1].id: duplicate field id 'who'",
        "sources: expected at least 1 item(s), got 0",
        "template, line 3: '{where}' names no field (fields: who, what-now)",
        "fields[2].id: field 'what-now' is not used in the template",
    ]


# --- validation (YAML files, file:line) ---------------------------------------

YAML = """\
id: x
title: X story
summary: A story.
fields:
  - id: who
    label: Who
    required: true
  - id: unused
    label: Never used
template: |
  {who} met us.

  {whom} and {who} {
sources:
  - article: Something
    author: Someone
"""


def test_yaml_problems_have_file_and_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(YAML)
    with pytest.raises(LoadFailed) as e:
        story_build.load_file(path)
    name = str(path)
    assert [str(err) for err in e.value.errors] == [
        f"{name}:13: template, line 3: '{{' without a closing '}}' (write '{{{{' for a "
        "literal brace)",
        f"{name}:13: template, line 3: '{{whom}}' names no field (fields: who, unused)",
        f"{name}:8: fields[1].id: field 'unused' is not used in the template",
    ]


def test_folded_or_quoted_template_points_at_its_key(tmp_path):
    text = YAML.replace("template: |", "template: >-").replace("  - id: unused\n", "  - id: x\n")
    text = text.replace("    label: Never used\n", "    label: X\n    required: true\n")
    text = text.replace("{whom} and {who} {", "{x}")
    (tmp_path / "x.yaml").write_text(text.replace("{who} met us.", "{who} met {nobody}."))
    with pytest.raises(LoadFailed) as e:
        story_build.load_file(tmp_path / "x.yaml")
    assert [str(err) for err in e.value.errors] == [
        f"{tmp_path / 'x.yaml'}:11: template, line 1: '{{nobody}}' names no field (fields: who, x)",
    ]


def test_file_name_must_match_id_and_every_file_is_checked(tmp_path):
    (tmp_path / "y.yaml").write_text(
        YAML.replace("  - id: unused\n    label: Never used\n", "").replace(
            "{whom} and {who} {", "Bye."
        )
    )
    (tmp_path / "z.yaml").write_text("id: [unclosed\n")
    with pytest.raises(LoadFailed) as e:
        story_build.load_all(tmp_path)
    messages = [str(err) for err in e.value.errors]
    assert messages[0] == f"{tmp_path / 'y.yaml'}:1: id: 'x' must match the file name 'y.yaml'"
    assert messages[1].startswith(f"{tmp_path / 'z.yaml'}:2: invalid YAML:")
    assert len(messages) == 2


def test_empty_folder_fails(tmp_path):
    with pytest.raises(LoadFailed, match="no story templates"):
        story_build.load_all(tmp_path)


# --- the bundled templates and the page ----------------------------------------


def test_bundled_templates_load_in_order():
    loaded = story_build.load_all()
    assert sorted(s.id for s in loaded) == BUNDLED
    assert loaded[0].id == "employee-success"
    for s in loaded:
        assert s.sources and s.guide == f"stories/{s.id}.md"
        assert (ROOT / "docs" / s.guide).is_file()
        empty = fill(s, {})
        assert empty["missing"] == [f.id for f in s.fields if f.required]
        assert "{" not in empty["markdown"]


@pytest.mark.parametrize("sid", BUNDLED)
def test_bundled_template_matches_its_guide_page(sid):
    """The guide page lists the same fields and its template has the same placeholders."""
    s = story_build.load_file(story_build.STORY_DIR / f"{sid}.yaml")
    page = (ROOT / "docs" / s.guide).read_text()
    # The form follows the story's order, which may differ from the page's list.
    listed = re.findall(r"^- `([a-z0-9_]+)`:", page, re.M)
    assert sorted(listed) == sorted(f.id for f in s.fields)
    block = re.search(r"```text\n(.*?)```", page, re.S).group(1)
    assert set(re.findall(r"\{(\w+)\}", block)) == {f.id for f in s.fields}
    assert "builder.md#story-" + sid in page


def test_employee_success_story_reads_like_the_worked_example():
    s = story_build.load_file(story_build.STORY_DIR / "employee-success.yaml")
    md = fill(
        s,
        {
            "employee_name": "Priya Shah",
            "employee_role": "billing specialist",
            "team": "our Denver billing team",
            # A capital where the field starts mid-sentence is the field's, not the story's.
            "customer": "A small bakery owner",
            "situation": "get the money back before the end of the month",
            "action": "Took ownership and got a same-day refund approved",
            "result_customer": "the bakery had its money back the same afternoon",
            "result_business": "40 customers who will never have to call us",
            "behavior": "acting fast on customer issues",
        },
    )["markdown"]
    assert md == (
        "Priya Shah, billing specialist in our Denver billing team, recently helped a small "
        "bakery owner.\n\n"
        "The customer needed to get the money back before the end of the month.\n\n"
        "Instead of following the usual route, Priya Shah took ownership and got a same-day "
        "refund approved.\n\n"
        "The result: the bakery had its money back the same afternoon. For us, it meant 40 "
        "customers who will never have to call us.\n\n"
        "This is what we mean by acting fast on customer issues. Thank you, Priya Shah.\n"
    )


def test_generated_page_embeds_definitions_safely():
    page = story_build.generate()[story_build.PAGE]
    assert page.startswith("---\ntitle: Story builder\n")
    embedded = re.search(
        r'<script type="application/json" class="kit-story-definitions">(.*?)</script>', page
    ).group(1)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    definitions = json.loads(embedded)
    assert sorted(definitions) == BUNDLED
    for s in story_build.load_all():
        assert definitions[s.id] == s.definition
        for f in s.fields:
            hint = f"story-{s.id}-{f.id}-hint"
            assert f'aria-describedby="{hint}"' in page and f'id="{hint}"' in page
    assert 'data-kit-tool="story"' in page


def test_page_escapes_definition_text(tmp_path):
    text = (story_build.STORY_DIR / "employee-success.yaml").read_text()
    text = text.replace("title: Employee success story", 'title: "</script><b>Bold & co</b>"')
    (tmp_path / "employee-success.yaml").write_text(text)
    page = story_build.generate(tmp_path)[story_build.PAGE]
    assert "<b>" not in page and "</script><b>" not in page
    assert "&lt;/script&gt;&lt;b&gt;Bold &amp; co&lt;/b&gt;" in page
    assert "\\u003c/script\\u003e\\u003cb\\u003eBold \\u0026 co" in page


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A mid-size logistics customer", "a mid-size logistics customer"),
        ("Took ownership", "took ownership"),
        ("Priya Shah", "Priya Shah"),  # a name: the next word is capitalised too
        ("Acme", "Acme"),  # one word: likely a name
        ("IBM procurement", "IBM procurement"),  # an acronym
        ("McKinsey alumni", "McKinsey alumni"),  # a capital inside the word
        ("Acme's largest account", "Acme's largest account"),  # a possessive
        ("I called them", "I called them"),
        ("already lower case", "already lower case"),
    ],
)
def test_a_field_mid_sentence_loses_only_a_sentence_capital(text, expected):
    story = validate_story(
        {
            "id": "t",
            "title": "T",
            "summary": "S",
            "fields": [{"id": "x", "label": "X", "required": True}],
            "template": "We helped {x}.\n\n{x} said so.\n\nThey said: {x}",
            "sources": [{"article": "A"}],
        }
    )
    md = fill(story, {"x": text})["markdown"]
    # Mid-sentence it reads as part of the sentence; where a sentence starts it is kept.
    assert md == f"We helped {expected}.\n\n{text} said so.\n\nThey said: {text}\n"


def test_the_employee_is_thanked_by_name_not_by_name_and_role():
    s = story_build.load_file(story_build.STORY_DIR / "employee-success.yaml")
    fields = {f.id for f in s.fields}
    assert {"employee_name", "employee_role"} <= fields
    md = fill(s, {"employee_name": "Priya Shah", "employee_role": "support engineer"})["markdown"]
    assert "Thank you, Priya Shah.\n" in md
    assert md.startswith("Priya Shah, support engineer in [Team or location], recently helped")


# --- translations (<id>.<lang>.yaml) ------------------------------------------


@pytest.mark.parametrize("sid", BUNDLED)
def test_german_template_has_the_english_fields_and_its_own_guide(sid):
    english = story_build.load_all()
    (en,) = [s for s in english if s.id == sid]
    (de,) = [s for s in story_build.load_translations(english, "de") if s.id == sid]
    assert de.language == "de" and en.language == "en"
    assert [(f.id, f.required, f.multiline) for f in de.fields] == [
        (f.id, f.required, f.multiline) for f in en.fields
    ]
    assert de.title != en.title and all(f.label for f in de.fields)
    assert de.sources == en.sources and de.order == en.order
    page = (ROOT / "docs" / de.guide).read_text()
    assert de.guide == f"de/stories/{sid}.md" and "language: de" in page
    listed = re.findall(r"^- `([a-z0-9_]+)`:", page, re.M)
    assert sorted(listed) == sorted(f.id for f in de.fields)
    assert f"](builder.md#story-{sid})" in page
    empty = fill(de, {})
    assert empty["missing"] == [f.id for f in de.fields if f.required]
    assert "{" not in empty["markdown"]


def test_german_text_keeps_its_capitals_mid_sentence():
    english = story_build.load_all()
    (en,) = [s for s in english if s.id == "day-in-the-life"]
    (de,) = [s for s in story_build.load_translations(english, "de") if s.id == en.id]
    text = fill(de, {"customer_name": "Markus", "trigger": "Teile für einen Auftrag bestellen"})
    assert "Heute muss Markus Teile für einen Auftrag bestellen." in text["markdown"]
    english = fill(en, {"customer_name": "Markus", "trigger": "Order parts for a job"})
    assert "Markus needs to order parts for a job." in english["markdown"]


def _translation(tmp_path, sid="x", **replace):
    (tmp_path / f"{sid}.yaml").write_text(YAML_OK)
    text = YAML_OK.replace("id: x\n", "id: x\nlanguage: de\n", 1)
    for old, new in replace.items():
        text = text.replace(old, new)
    (tmp_path / f"{sid}.de.yaml").write_text(text)
    return story_build.load_all(tmp_path)


YAML_OK = (
    "id: x\ntitle: X\nsummary: S.\nfields:\n"
    "  - id: who\n    label: Who\n    required: true\n"
    "  - id: what\n    label: What\n"
    "template: |\n  Hello {who}.\n\n  {what}\n"
    "sources:\n  - article: A\n"
)


def test_translation_must_keep_the_fields_and_name_its_language(tmp_path):
    english = _translation(tmp_path, **{"    label: What\n": "    label: Was\n"})
    (de,) = story_build.load_translations(english, "de", tmp_path)
    assert de.get_field("what").label == "Was"
    name = tmp_path / "x.de.yaml"
    bad = YAML_OK.replace("id: x\n", "id: x\nlanguage: de\n", 1).replace(
        "    label: What\n", "    label: Was\n    required: true\n"
    )
    name.write_text(bad)
    with pytest.raises(LoadFailed) as e:
        story_build.load_translations(english, "de", tmp_path)
    assert [str(err) for err in e.value.errors] == [
        f"{name}:11: fields[1].required: must be false as in x.yaml"
    ]
    name.write_text(YAML_OK.replace("- id: what", "- id: was").replace("{what}", "{was}"))
    with pytest.raises(LoadFailed) as e:
        story_build.load_translations(english, "de", tmp_path)
    assert [str(err) for err in e.value.errors] == [
        f"{name}:1: language: the file name asks for 'language: de'",
        f"{name}:4: fields: expected the field ids of x.yaml in its order: who, what",
    ]
    (tmp_path / "y.de.yaml").write_text(YAML_OK)
    with pytest.raises(LoadFailed, match=r"y\.de\.yaml: no story template y\.yaml to translate"):
        story_build.generate(tmp_path, languages=("de",))


def test_german_builder_page_is_generated_in_german(tmp_path):
    pages = story_build.generate(languages=("de",))
    assert set(pages) == {"stories/builder.md", "de/stories/builder.md"}
    de = pages["de/stories/builder.md"]
    assert "\nlanguage: de\n" in de.split("---")[1]
    assert "# Geschichten-Baukasten" in de and "Welche Geschichte schreiben Sie?" in de
    assert "Story builder" not in de and "(Janet LeBlanc + Associates Inc., o. J.)" in de
    for sid in BUNDLED:
        assert f'id="story-{sid}"' in de
        assert f"](../../de/stories/{sid}.md)" in de
    assert "language:" not in pages["stories/builder.md"].split("---")[1]
    assert story_build.generate()  # English only when no language is asked for
    assert set(story_build.generate()) == {"stories/builder.md"}
