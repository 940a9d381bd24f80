"""Result records, CSV export and result codes (kit.engine.results)."""

import base64
import binascii
import copy
import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.devtools.vectors import vectors_for
from kit import loader
from kit.engine import api, score, validate
from kit.engine.errors import AnswerError, InputError
from kit.engine.results import decode, encode, handle, read_record, record, record_csv
from kit.engine.scoring import visible_questions

MODELS = loader.load_all()
BY_ID = {m.id: m for m in MODELS}
RID = "q3V9x0LmT7bK2pWd"
DATE = "2025-03-14"
CODE_ALPHABET = string.ascii_letters + string.digits + "-_."

# A small inline instrument, so the literal CSV below does not depend on the
# wording of the bundled questionnaires.
TINY = {
    "id": "tiny",
    "version": 3,
    "title": "Tiny check",
    "summary": "A tiny instrument for tests.",
    "source": {"author": "Tests", "article": "Inline"},
    "roles": [{"id": "self", "label": "Me"}, {"id": "team", "label": "My team"}],
    "scales": {
        "ynd": {
            "options": [
                {"value": 2, "label": "Yes"},
                {"value": 1, "label": "Partly"},
                {"value": 0, "label": "No"},
                {"value": -1, "label": "Don't know", "scored": False},
            ]
        }
    },
    "dimensions": [
        {"id": "habits", "title": "Habits", "description": "What the leader does."},
        {"id": "words", "title": 'Words, and "quotes"'},
    ],
    "questions": [
        {
            "id": "calls",
            "dimension": "habits",
            "scale": "ynd",
            "short": "Calls customers",
            "text": {"self": "I call customers.", "team": "My manager calls customers."},
        },
        {
            "id": "visits",
            "dimension": "habits",
            "scale": "ynd",
            "text": "Customer visits happen,\n monthly.",
        },
        {
            "id": "talk",
            "dimension": "words",
            "scale": "ynd",
            "reverse": True,
            "short": "@talks about volume",
            "text": '=HYPERLINK("http://example.invalid")',
        },
    ],
    "bands": [
        {"id": "early", "min": 0, "max": 50, "label": "Early days", "text": "."},
        {"id": "on-the-way", "min": 50, "max": 100, "label": "+ On the way", "text": "."},
    ],
}
TINY_MODEL = validate(TINY)


def shown_answers(model, answers):
    """What a record or a code keeps: answered questions that are shown."""
    clean = {k: v for k, v in answers.items() if v is not None}
    return {q.id: clean[q.id] for q in visible_questions(model, clean) if q.id in clean}


def vision():
    model = BY_ID["leadership-vision"]
    answers = dict(zip([q.id for q in model.questions], [3, 4, 2, 3, 1, 4], strict=True))
    return model, answers


# --- records -----------------------------------------------------------------


def test_record_fields():
    model, answers = vision()
    rec = record(model, "manager", answers, RID, DATE)
    assert rec == {
        "format": "cx-kit-result",
        "format_version": 1,
        "questionnaire": {
            "id": "leadership-vision",
            "version": 1,
            "title": model.title,
        },
        "role": "manager",
        "answers": answers,
        "result": {
            "overall": 70.8,
            # Not "living": sharing and acting miss its floor of 75 (issue 16).
            "band": "partly",
            "dimensions": {"understanding": 87.5, "sharing": 62.5, "acting": 62.5},
            "complete": True,
        },
        "response_id": RID,
        "date": DATE,
    }
    assert list(rec) == [
        "format", "format_version", "questionnaire", "role", "answers", "result",
        "response_id", "date",
    ]  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_record_round_trip_through_json(model):
    for role, answers in vectors_for(model, per_role=3):
        rec = record(model, role, answers, RID, DATE)
        back = read_record(json.loads(json.dumps(rec)), model)
        assert back == rec
        assert rec["answers"] == shown_answers(model, answers)
        reply = handle({"action": "read", "definition": model.definition, "record": rec})
        assert reply["result"] == score(model, role, answers)
        assert reply["stored_result_matches"] is True


def test_record_keeps_only_shown_answers():
    model = BY_ID["sponsor-readiness"]
    infancy = [q.id for q in model.questions if q.dimension == "infancy"]
    design = [q.id for q in model.questions if q.dimension == "design"]
    rec = record(model, "sponsor", {"phase": 0, infancy[0]: 3, design[0]: 4}, RID, DATE)
    assert rec["answers"] == {"phase": 0, infancy[0]: 3}
    assert set(rec["result"]["dimensions"]) == {"qualities", "infancy"}


def test_partial_record_has_no_band():
    model, _ = vision()
    rec = record(model, "employee", {"needs": 4}, RID, DATE)
    assert rec["result"] == {
        "overall": 100.0,
        "band": None,
        "dimensions": {"understanding": 100.0, "sharing": None, "acting": None},
        "complete": False,
    }


def test_tampered_stored_score_is_ignored():
    model, answers = vision()
    rec = record(model, "manager", answers, RID, DATE)
    forged = copy.deepcopy(rec)
    forged["result"] = {
        "overall": 100.0,
        "band": "living",
        "dimensions": {"understanding": 100.0, "sharing": 100.0, "acting": 100.0},
        "complete": True,
    }
    assert read_record(forged, model) == rec
    reply = handle({"action": "read", "definition": model.definition, "record": forged})
    assert reply["record"]["result"]["overall"] == 70.8
    assert reply["result"]["overall"] == 70.8
    assert reply["stored_result_matches"] is False


def test_read_drops_answers_to_hidden_questions():
    model = BY_ID["sponsor-readiness"]
    design = next(q.id for q in model.questions if q.dimension == "design")
    rec = record(model, "sponsor", {"phase": 0}, RID, DATE)
    rec["answers"][design] = 4
    assert read_record(rec, model)["answers"] == {"phase": 0}


def test_read_without_model_checks_structure_only():
    model, answers = vision()
    rec = record(model, "manager", answers, RID, DATE)
    rec["result"]["overall"] = 12.5
    assert read_record(rec) == rec


def _mutations():
    """(change to a valid record, the exact message)."""

    def set_(path, value):
        def apply(rec):
            target = rec
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value

        return apply

    def delete(key):
        return lambda rec: rec.pop(key)

    bad = "this result's {} is not valid: expected {}, got {}"
    return [
        (
            set_(("format",), "other"),
            "this file is not a kit result (no 'format': 'cx-kit-result')",
        ),
        (delete("format"), "this file is not a kit result (no 'format': 'cx-kit-result')"),
        (
            set_(("format_version",), 2),
            "this result was made by a newer version of the kit (format 2); "
            "this site reads format 1",
        ),
        (
            set_(("format_version",), "1"),
            bad.format("format_version", "a whole number", "text '1'"),
        ),
        (set_(("format_version",), 0), bad.format("format_version", "a whole number", "number 0")),
        (set_(("name",), "Ann"), "this result has an unknown field 'name'"),
        (delete("date"), "this result is missing the field 'date'"),
        (
            set_(("questionnaire", "version"), 2),
            "this result is for 'leadership-vision' version 2; this page is version 1",
        ),
        (
            set_(("questionnaire", "id"), "walk-the-talk"),
            "this result is for 'walk-the-talk'; this page is 'leadership-vision'",
        ),
        (
            set_(("questionnaire",), "leadership-vision"),
            bad.format(
                "questionnaire", "a mapping of id, version and title", "text 'leadership-vision'"
            ),
        ),
        (
            set_(("questionnaire", "id"), "Bad Id"),
            bad.format("questionnaire id", "a questionnaire id", "text 'Bad Id'"),
        ),
        (
            set_(("questionnaire", "version"), True),
            bad.format("questionnaire version", "a whole number of at least 1", "true/false"),
        ),
        (
            set_(("questionnaire", "title"), None),
            bad.format("questionnaire title", "text", "nothing"),
        ),
        (set_(("role",), 3), bad.format("role", "a role id", "number 3")),
        (
            set_(("role",), "boss"),
            "this result's answers do not fit 'leadership-vision' version 1: "
            "unknown role 'boss' (roles: manager, employee)",
        ),
        (
            set_(("answers",), [3, 4]),
            bad.format("answers", "a mapping of question id to option value", "a list"),
        ),
        (
            set_(("answers", "needs"), "3"),
            bad.format("answer to 'needs'", "an option value (a whole number)", "text '3'"),
        ),
        (
            set_(("answers", "needs"), 9),
            "this result's answers do not fit 'leadership-vision' version 1: question 'needs': "
            "9 is not an option of scale 'frequency' (options: 0, 1, 2, 3, 4)",
        ),
        (
            set_(("answers", "nope"), 1),
            "this result's answers do not fit 'leadership-vision' version 1: "
            "unknown question 'nope' in answers",
        ),
        (
            set_(("result",), None),
            bad.format("result", "a mapping of overall, band, dimensions, complete", "nothing"),
        ),
        (
            set_(("result", "overall"), 101),
            bad.format("overall score", "a score from 0 to 100 or null", "number 101"),
        ),
        (
            set_(("result", "band"), 1),
            bad.format("result band", "a result id or null", "number 1"),
        ),
        (
            set_(("result", "dimensions"), []),
            bad.format("dimension scores", "a mapping of dimension id to score", "a list"),
        ),
        (
            set_(("result", "dimensions", "acting"), "high"),
            bad.format("score of 'acting'", "a score from 0 to 100 or null", "text 'high'"),
        ),
        (
            set_(("result", "complete"), "yes"),
            bad.format("result complete", "true or false", "text 'yes'"),
        ),
        (
            set_(("response_id",), "short"),
            bad.format("response_id", "16 to 32 letters, digits, '-' or '_'", "text 'short'"),
        ),
        (
            set_(("response_id",), "ann@example.com-000000"),
            bad.format(
                "response_id",
                "16 to 32 letters, digits, '-' or '_'",
                "text 'ann@example.com-000000'",
            ),
        ),
        (
            set_(("date",), "14/03/2025"),
            bad.format("date", "a date written YYYY-MM-DD", "text '14/03/2025'"),
        ),
        (
            set_(("date",), "2025-02-30"),
            bad.format("date", "a date written YYYY-MM-DD", "text '2025-02-30'"),
        ),
    ]


@pytest.mark.parametrize(("mutate", "message"), _mutations())
def test_read_errors(mutate, message):
    model, answers = vision()
    rec = record(model, "manager", answers, RID, DATE)
    mutate(rec)
    with pytest.raises(InputError) as e:
        read_record(rec, model)
    assert str(e.value) == message


@pytest.mark.parametrize("data", [None, [], "text", 3])
def test_read_non_mapping(data):
    with pytest.raises(InputError, match=r"^this file is not a kit result"):
        read_record(data)


def test_record_validates_id_date_and_answers():
    model, answers = vision()
    with pytest.raises(InputError, match="response_id"):
        record(model, "manager", answers, "x" * 33, DATE)
    with pytest.raises(InputError, match="date"):
        record(model, "manager", answers, RID, "2025-3-14")
    with pytest.raises(AnswerError, match="unknown role"):
        record(model, "boss", answers, RID, DATE)


# --- CSV -----------------------------------------------------------------------


def test_csv_literal():
    rec = record(TINY_MODEL, "team", {"calls": 1, "visits": -1, "talk": 1}, RID, DATE)
    context = f"tiny,3,team,{RID},{DATE}"
    expected = (
        "\ufeffquestionnaire,version,role,response_id,date,kind,id,dimension,short,text,value,label\r\n"
        f"{context},answer,calls,habits,Calls customers,My manager calls customers.,1,Partly\r\n"
        f'{context},answer,visits,habits,,"Customer visits happen, monthly.",-1,Don\'t know\r\n'
        f"{context},answer,talk,words,'@talks about volume,"
        '"\'=HYPERLINK(""http://example.invalid"")",1,Partly\r\n'
        f"{context},dimension,habits,habits,Habits,What the leader does.,50.0,\r\n"
        f'{context},dimension,words,words,"Words, and ""quotes""",,50.0,\r\n'
        f"{context},overall,overall,,Overall,Tiny check,50.0,'+ On the way\r\n"
    )
    assert record_csv(rec, TINY_MODEL) == expected


def test_csv_partial_and_rescored():
    rec = record(TINY_MODEL, "self", {"calls": 2}, "-rm-rf-0123456789", DATE)
    rec["result"]["overall"] = 0.0  # tampered: the CSV is scored again
    rows = record_csv(rec, TINY_MODEL).splitlines()
    assert rows[1] == (
        "tiny,3,self,'-rm-rf-0123456789,2025-03-14,answer,calls,habits,Calls customers,"
        "I call customers.,2,Yes"
    )
    assert rows[2].endswith(',answer,visits,habits,,"Customer visits happen, monthly.",,')
    assert rows[-1].endswith(
        ",overall,overall,,Overall,Tiny check,100.0,incomplete (1 of 3 answered)"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_formula_guard(start):
    definition = copy.deepcopy(TINY)
    definition["title"] = f"{start}1+2"
    definition["dimensions"][0]["title"] = f"{start}cmd|' /C calc'!A0"
    model = validate(definition)
    rec = record(model, "self", {"calls": 2, "visits": 2, "talk": 0}, RID, DATE)
    text = record_csv(rec, model)
    for row in text.lstrip("\ufeff").splitlines()[1:]:
        for cell in row.split(","):
            cell = cell.strip('"')
            assert not cell.startswith(("=", "+", "@")), row
            assert not cell.startswith("-") or cell.lstrip("-").isdigit(), row
    assert f"'{start}1+2" in text
    assert f"'{start}cmd|' /C calc'!A0" in text


def test_csv_keeps_negative_numbers_as_numbers():
    rec = record(TINY_MODEL, "self", {"calls": -1}, RID, DATE)
    assert ",answer,calls,habits,Calls customers,I call customers.,-1,Don't know" in record_csv(
        rec, TINY_MODEL
    )


# --- result codes --------------------------------------------------------------


def test_code_shape_and_example():
    model, answers = vision()
    code = encode(model, "manager", answers)
    assert code == "CX1.leadership-vision.1.AJX5.7p3qoA"
    assert set(code) <= set(CODE_ALPHABET)
    assert decode(code, BY_ID) == {
        "questionnaire": "leadership-vision",
        "version": 1,
        "role": "manager",
        "answers": answers,
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_code_round_trip_vectors(model):
    for role, answers in vectors_for(model, per_role=6):
        code = encode(model, role, answers)
        assert set(code) <= set(CODE_ALPHABET)
        got = decode(code, BY_ID)
        assert got == {
            "questionnaire": model.id,
            "version": model.version,
            "role": role,
            "answers": shown_answers(model, answers),
        }
        assert score(model, role, got["answers"]) == score(model, role, answers)


@st.composite
def model_role_answers(draw):
    model = draw(st.sampled_from(MODELS))
    role = draw(st.sampled_from([r.id for r in model.roles]))
    answers = {}
    for q in model.questions:
        choice = draw(st.sampled_from([None, *[o.value for o in model.scales[q.scale].options]]))
        if choice is not None or draw(st.booleans()):
            answers[q.id] = choice
    return model, role, answers


@settings(max_examples=150, deadline=None)
@given(model_role_answers())
def test_code_round_trip_any_answers(case):
    model, role, answers = case
    got = decode(encode(model, role, answers), BY_ID)
    assert got["role"] == role
    assert got["answers"] == shown_answers(model, answers)


def test_code_round_trip_inline_branching():
    """Question-level show_if: a hidden follow-up is not carried in the code."""
    definition = copy.deepcopy(TINY)
    definition["questions"][1]["show_if"] = {"question": "calls", "in": [1, 2]}
    model = validate(definition)
    models = {model.id: model}
    code = encode(model, "self", {"calls": 0, "visits": 2, "talk": 1})
    assert decode(code, models)["answers"] == {"calls": 0, "talk": 1}
    code = encode(model, "self", {"calls": 2, "visits": 2})
    assert decode(code, models)["answers"] == {"calls": 2, "visits": 2}


def test_encode_rejects_answers_that_do_not_fit():
    model, _ = vision()
    with pytest.raises(AnswerError, match="not an option"):
        encode(model, "manager", {"needs": 7})
    with pytest.raises(AnswerError, match="unknown role"):
        encode(model, "boss", {})


def _codes():
    vision_model, answers = vision()
    sponsor = BY_ID["sponsor-readiness"]
    sponsor_answers = {q.id: 2 for q in sponsor.questions} | {"phase": 1}
    return [
        encode(vision_model, "employee", answers),
        encode(vision_model, "manager", {}),
        encode(sponsor, "team", sponsor_answers),
    ]


@pytest.mark.parametrize("code", _codes())
def test_every_single_character_change_is_rejected(code):
    decode(code, BY_ID)
    for i, old in enumerate(code):
        for new in CODE_ALPHABET:
            if new == old:
                continue
            changed = code[:i] + new + code[i + 1 :]
            with pytest.raises(InputError):
                decode(changed, BY_ID)


@pytest.mark.parametrize("code", _codes())
def test_truncated_codes_are_rejected(code):
    for n in range(len(code)):
        with pytest.raises(InputError) as e:
            decode(code[:n], BY_ID)
        if n >= 2:
            assert str(e.value) == (
                "this result code is damaged or incomplete: copy the whole code again"
            )


def test_changed_character_says_damaged():
    code = _codes()[0]
    i = code.index(".", 4) + 2  # inside the id-version-answers body
    changed = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1 :]
    with pytest.raises(InputError) as e:
        decode(changed, BY_ID)
    assert str(e.value) == "this result code is damaged or incomplete: copy the whole code again"


def test_whitespace_in_pasted_code_is_ignored():
    code = _codes()[2]
    pasted = "  " + code[:10] + "\n" + code[10:20] + " \t" + code[20:] + "\r\n"
    assert decode(pasted, BY_ID) == decode(code, BY_ID)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "https://example.com/#CX1.x",
        "cx1.leadership-vision.1.AJX5.7p3qoA",
        "CX01.a",
        "CXa.b",
        None,
        5,
    ],
)
def test_not_a_code(text):
    with pytest.raises(InputError) as e:
        decode(text, BY_ID)
    assert str(e.value) == "this is not a kit result code (a result code starts with 'CX1.')"


def test_newer_format():
    with pytest.raises(InputError) as e:
        decode("CX2.leadership-vision.1.ZZZZ.abcdef", BY_ID)
    assert str(e.value) == (
        "this result code was made by a newer version of the kit (format 2); "
        "this site reads format 1"
    )


def test_unknown_questionnaire():
    model, answers = vision()
    code = encode(model, "manager", answers)
    others = {k: v for k, v in BY_ID.items() if k in ("walk-the-talk", "resistance")}
    with pytest.raises(InputError) as e:
        decode(code, others)
    assert str(e.value) == (
        "this result code is for the questionnaire 'leadership-vision', which this page "
        "does not have (it has: resistance, walk-the-talk)"
    )


def test_other_version():
    model, answers = vision()
    newer = validate({**model.definition, "version": 2})
    code = encode(newer, "manager", answers)
    assert code.startswith("CX1.leadership-vision.2.")
    with pytest.raises(InputError) as e:
        decode(code, BY_ID)
    assert str(e.value) == (
        "this result code is for 'leadership-vision' version 2; this page is version 1"
    )
    assert decode(code, {"leadership-vision": newer})["answers"] == answers


def _forge(body: str) -> str:
    """A code with a valid check, written independently of the engine."""
    check = base64.urlsafe_b64encode(binascii.crc32(body.encode()).to_bytes(4, "big"))
    return f"{body}.{check.decode().rstrip('=')}"


def _non_canonical():
    """A walk-the-talk code's answers (5 bytes, 7 characters) with unused low bits set."""
    model = BY_ID["walk-the-talk"]
    data = encode(model, "leader", {q.id: 4 for q in model.questions}).split(".")[3]
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
    last = alphabet.index(data[-1])
    assert len(data) == 7 and last % 4 == 0
    return data[:-1] + alphabet[last + 1]


@pytest.mark.parametrize(
    ("qid", "data"),
    [
        ("leadership-vision", "____"),  # a number larger than any answer set
        ("leadership-vision", "AJX"),  # too short for this questionnaire
        ("leadership-vision", "AJX5A"),  # too long
        ("leadership-vision", "A"),  # not base64 at all
        ("walk-the-talk", _non_canonical()),  # same bytes, written another way
    ],
)
def test_answers_that_do_not_fit(qid, data):
    version = BY_ID[qid].version
    code = _forge(f"CX1.{qid}.{version}.{data}")
    with pytest.raises(InputError) as e:
        decode(code, BY_ID)
    assert str(e.value) == (
        f"this result code does not fit '{qid}' version {version}: it was probably made "
        "from a changed copy of the questionnaire"
    )


def test_forged_code_matches_engine():
    assert _forge("CX1.leadership-vision.1.AJX5") == encode(*vision()[:1], "manager", vision()[1])


def test_code_from_changed_definition_does_not_fit():
    """Same id and version, one more question: the answers no longer fit."""
    model, answers = vision()
    definition = copy.deepcopy(model.definition)
    extra = copy.deepcopy(definition["questions"][0])
    extra["id"] = "extra"
    definition["questions"].append(extra)
    changed = validate(definition)
    code = encode(changed, "manager", {**answers, "extra": 4})
    with pytest.raises(InputError, match="does not fit 'leadership-vision' version 1"):
        decode(code, BY_ID)


def test_code_lengths():
    lengths = {}
    for model in MODELS:
        full = {q.id: model.scales[q.scale].options[0].value for q in model.questions}
        lengths[model.id] = len(encode(model, model.roles[-1].id, full))
    assert lengths["leadership-vision"] == 35
    assert max(lengths.values()) <= 45


# --- the op ----------------------------------------------------------------------


def test_handle_actions():
    model, answers = vision()
    d = model.definition
    reply = handle(
        {
            "action": "record",
            "definition": d,
            "role": "manager",
            "answers": answers,
            "response_id": RID,
            "date": DATE,
        }
    )
    assert set(reply) == {"record", "result", "filename"}
    assert reply["filename"] == "leadership-vision-2025-03-14.json"
    assert reply["result"] == score(model, "manager", answers)
    rec = reply["record"]

    reply = handle({"action": "read", "definition": d, "record": rec})
    assert reply == {
        "record": rec,
        "result": score(model, "manager", answers),
        "stored_result_matches": True,
    }

    code = handle({"action": "encode", "definition": d, "role": "manager", "answers": answers})
    assert code == {"code": "CX1.leadership-vision.1.AJX5.7p3qoA"}

    defs = [m.definition for m in MODELS]
    reply = handle({"action": "decode", "definitions": defs, "code": code["code"]})
    assert reply == {
        "questionnaire": "leadership-vision",
        "version": 1,
        "role": "manager",
        "answers": answers,
        "result": score(model, "manager", answers),
    }
    assert handle({"action": "decode", "definitions": d, "code": code["code"]}) == reply

    reply = handle({"action": "csv", "definition": d, "record": rec})
    assert reply == {"csv": record_csv(rec, model), "filename": "leadership-vision-2025-03-14.csv"}

    reply = handle({"action": "chart", "definition": d, "result": score(model, "manager", answers)})
    assert reply["svg"].startswith("<svg ")


def test_api_reports_input_errors():
    model, _ = vision()
    reply = api.handle_request(
        {"op": "result", "action": "decode", "definitions": [model.definition], "code": "nope"}
    )
    assert reply == {
        "ok": False,
        "kind": "input",
        "error": "this is not a kit result code (a result code starts with 'CX1.')",
    }
    reply = api.handle_request({"op": "result", "action": "fly"})
    assert reply["kind"] == "input"
    assert reply["error"] == (
        "unknown result action 'fly' "
        "(actions: keep, history, record, read, encode, decode, csv, chart)"
    )
    reply = api.handle_request(
        {"op": "result", "action": "encode", "definition": model.definition, "role": "x"}
    )
    assert reply["kind"] == "answers"
    reply = api.handle_request({"op": "result", "action": "decode", "definitions": [], "code": "x"})
    assert reply == {
        "ok": False,
        "kind": "input",
        "error": "'definitions' must be a questionnaire definition or a list of them",
    }
    reply = json.loads(
        api.handle(json.dumps({"op": "result", "action": "encode", "definition": {"id": 1}}))
    )
    assert reply["kind"] == "definition"


def test_keep_returns_record_code_chart_and_change():
    """The page's one request for a complete result."""
    from kit import loader
    from kit.engine.api import handle_request

    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")
    first = {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4}
    base = {"op": "result", "action": "keep", "definition": model.definition, "role": "manager"}
    one = handle_request({**base, "answers": first, "response_id": "a" * 22, "date": "2026-11-20"})
    assert one["ok"] and one["result"]["delta"] is None
    assert one["result"]["code"] == encode(model, "manager", first)
    assert one["result"]["svg"].startswith("<svg")
    # sharing: (2+1)/8 -> (2+4)/8, 37.5 -> 75.0; overall 58.3 -> 70.8
    second = {**first, "agenda": 4}
    two = handle_request(
        {**base, "answers": second, "response_id": "b" * 22, "date": "2026-11-23",
         "previous": one["result"]["record"]}
    )  # fmt: skip
    assert two["result"]["delta"] == {
        "previous_date": "2026-11-20",
        "overall": 12.5,
        "dimensions": {"understanding": 0.0, "sharing": 37.5, "acting": 0.0},
    }
    history = handle_request(
        {"op": "result", "action": "history", "definition": model.definition,
         "records": [one["result"]["record"], {"format": "nope"}]}
    )  # fmt: skip
    entries = history["result"]["entries"]
    assert entries[0]["result"]["overall"] == 58.3
    assert "not a kit result" in entries[1]["error"]


def test_keep_never_compares_two_roles():
    """A manager's self-view and an employee's view of them are not one person's change."""
    from kit import loader
    from kit.engine.api import handle_request

    model = loader.load_file(loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml")
    answers = {"needs": 4, "visits": 3, "reviews": 2, "agenda": 1, "urgency": 0, "involvement": 4}
    base = {"op": "result", "action": "keep", "definition": model.definition, "answers": answers}
    roles = [r.id for r in model.roles]
    one = handle_request({**base, "role": roles[0], "response_id": "a" * 22, "date": "2026-11-20"})
    same = {**base, "response_id": "b" * 22, "date": "2026-11-23",
            "previous": one["result"]["record"]}  # fmt: skip
    assert handle_request({**same, "role": roles[0]})["result"]["delta"]["overall"] == 0.0
    assert handle_request({**same, "role": roles[1]})["result"]["delta"] is None
