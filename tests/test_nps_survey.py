"""The NPS call list with real survey exports: columns found by header and content,
contacts carried, the passives sample, owners as leaders, the CLI on the same file.

The sample export (docs/tools/nps-sample-survey.csv, shipped on the site) has 90
responses: 25 detractors, 24 passives (11 sevens, 13 eights), 40 promoters and one
row without a score (line 30, Dovetail Furniture). Expected values are counted from
the file by hand and written as literals.
"""

import csv
import io
from pathlib import Path

import pytest

from kit import nps_cli
from kit.engine.errors import InputError
from kit.engine.nps import PASSIVES_DEFAULT, build, calls_csv, parse_passives

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "docs" / "tools" / "nps-sample-survey.csv"
QUESTION = (
    "How likely are you to recommend us to a friend or colleague? "
    "(0 = not at all likely, 10 = extremely likely)"
)


def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


# --- the sample export --------------------------------------------------------------


def test_sample_export_columns_are_found_by_header():
    r = build(sample())
    assert r["columns"] == {
        "score": QUESTION,
        "customer": "Company",
        "comment": "What is the main reason for your score?",
        "owner": "Account Manager",
        "contacts": ["Contact Name", "Email", "Phone"],
    }
    assert r["column_how"] == {
        "score": "header",
        "customer": "header",
        "comment": "header",
        "owner": "header",
        "contacts": "header",
    }
    assert r["contact_kinds"] == ["name", "email", "phone"]
    assert r["column_index"] == {
        "score": 6,
        "customer": 2,
        "comment": 7,
        "owner": 8,
        "contacts": [3, 4, 5],
    }


def test_sample_export_counts_and_score():
    r = build(sample())
    assert r["counts"] == {"detractor": 25, "passive": 24, "promoter": 40}
    assert (r["rows"], r["total"]) == (90, 89)
    # 100 * (40 - 25) / 89 = 16.85 -> 16.9
    assert r["nps"] == 16.9
    # p_P = 0.44944, p_D = 0.28090: 1.96 * sqrt((0.73034 - 0.16854**2) / 89) * 100 = 17.41
    assert r["margin"] == 17.4
    assert [(b["line"], b["code"], b["customer"]) for b in r["invalid"]] == [
        (30, "missing", "Dovetail Furniture")
    ]


def test_sample_export_calls_carry_comment_and_contacts():
    r = build(sample())
    first = r["calls"][0]
    # The only 0 in the file: line 25.
    assert first == {
        "rank": 1,
        "line": 25,
        "customer": "Yarrow Textiles",
        "contacts": ["Emma Neumann", "emma.neumann@yarrow.example", "+44 1732 630307"],
        "score": 0,
        "category": "detractor",
        "comment": "We get passed between departments every time we call.",
        "owner": "Priya Nair",
        "talk_track": "detractor-call",
        "leader": "Priya Nair",
    }
    # Every row with a reason in the file has it on its call.
    # (4 of the 68 called rows have no reason in the file.)
    assert sum(bool(c["comment"]) for c in r["calls"]) == 64
    assert all(c["contacts"][1].endswith(".example") for c in r["calls"])


def test_sample_export_passives_sample_is_the_first_sevens():
    r = build(sample())
    # 10% of 24 passives = 2.4, rounded up: 3. Lowest first: the first three 7s
    # in file order (lines 2, 14, 15); they come last, after the promoters.
    assert r["passives"] == {"share": 10, "called": 3, "of": 24}
    tail = [(c["line"], c["customer"], c["score"]) for c in r["calls"][-3:]]
    assert tail == [
        (2, "Alder Logistics", 7),
        (14, "Meridian Pharma", 7),
        (15, "Northgate Schools", 7),
    ]
    assert r["calls_total"] == 25 + 40 + 3


def test_sample_export_owners_make_the_calls_when_no_leader_is_named():
    r = build(sample())
    assert r["leaders_from"] == "owner"
    assert r["leaders"] == ["Marcus Reid", "Tom Becker", "Lena Vogel", "Priya Nair"]
    # Each call goes to its owner; the 5 calls without an owner go round the four.
    assert r["per_leader"] == [
        {"leader": "Marcus Reid", "calls": 18, "detractor": 6, "passive": 2, "promoter": 10},
        {"leader": "Tom Becker", "calls": 20, "detractor": 10, "passive": 0, "promoter": 10},
        {"leader": "Lena Vogel", "calls": 14, "detractor": 4, "passive": 0, "promoter": 10},
        {"leader": "Priya Nair", "calls": 16, "detractor": 5, "passive": 1, "promoter": 10},
    ]
    assert r["unassigned"] == 0
    assert [len(s["ranks"]) for s in r["sheets"]] == [18, 20, 14, 16]


def test_named_leaders_win_over_the_owner_column():
    r = build(sample(), "Dana Lee", 2)
    assert r["leaders_from"] == "typed"
    assert r["leaders"] == ["Dana Lee"]
    assert (r["assigned"], r["unassigned"]) == (2, 66)
    assert r["sheets"][-1]["leader"] is None


def test_sample_export_csv_has_contact_columns_and_an_outcome_column():
    rows = list(csv.reader(io.StringIO(calls_csv(build(sample()))[1:], newline="")))
    assert rows[0] == [
        "rank",
        "customer",
        "Contact Name",
        "Email",
        "Phone",
        "score",
        "category",
        "leader",
        "talk_track",
        "comment",
        "owner",
        "line",
        "outcome",
    ]
    assert rows[1][:5] == [
        "1",
        "Yarrow Textiles",
        "Emma Neumann",
        "emma.neumann@yarrow.example",
        # A phone number starting with + would be a formula in a spreadsheet.
        "'+44 1732 630307",
    ]
    assert rows[1][-1] == ""
    assert len(rows) == 1 + 68


# --- headers in other words ------------------------------------------------------------


def test_german_survey_export_headers():
    text = (
        "Antwort-ID;Firma;Ansprechpartner;E-Mail-Adresse;Telefonnummer;"
        "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?;Was ist der Hauptgrund "
        "für Ihre Bewertung?;Kundenbetreuerin\n"
        "1;Bergmann Bau;Eva Roth;eva@bergmann.example;+49 30 1234567;3;Zu teuer;Anna Berg\n"
    )
    r = build(text)
    assert r["columns"] == {
        "score": "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
        "customer": "Firma",
        "comment": "Was ist der Hauptgrund für Ihre Bewertung?",
        "owner": "Kundenbetreuerin",
        "contacts": ["Ansprechpartner", "E-Mail-Adresse", "Telefonnummer"],
    }
    assert r["calls"][0]["leader"] == "Anna Berg"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Why did you give this score?", "comment"),
        ("Anything else you'd like to tell us?", "comment"),
        ("Customer Success Manager", "owner"),
        ("Key Account Manager", "owner"),
        ("Recipient Email", "contacts"),
        ("Mobile", "contacts"),
        ("Begründung", "comment"),
        ("Kommentar zur Bewertung", "comment"),
        ("Zuständig", "owner"),
    ],
)
def test_usual_headers(header, role):
    text = f"Company,Score,{header}\nAcme,3,Great people at Acme Ltd\n"
    if role == "contacts":
        text = f"Company,Score,{header}\nAcme,3,+44 20 7946 0000\n"
    columns = build(text)["columns"]
    assert (columns[role] == [header]) if role == "contacts" else (columns[role] == header)


def test_score_word_in_the_comment_question_does_not_make_it_the_score():
    r = build("What is the main reason for your score?,NPS\nSlow delivery,3\n")
    assert r["columns"]["score"] == "NPS"
    assert r["columns"]["comment"] == "What is the main reason for your score?"


# --- content, when headers say nothing ---------------------------------------------------


NO_NAMES = (
    "Q1,Q2,Q3,Q4,Q5,Q6\n"
    "R1,Acme Ltd,9,Great support and quick answers,Dana Lee,ann@acme.example\n"
    "R2,Birch Co,3,Invoices were wrong twice this year,Sam Ortiz,bo@birch.example\n"
    "R3,Cobalt AG,7,Fine overall but slow onboarding,Dana Lee,cy@cobalt.example\n"
    "R4,Delta plc,10,They solved an outage over the weekend,Sam Ortiz,di@delta.example\n"
)


def test_columns_found_by_content():
    r = build(NO_NAMES)
    assert r["columns"] == {
        "score": "Q3",  # whole numbers 0-10
        "customer": "Q2",  # short different texts (Q1's hold digits: ids)
        "comment": "Q4",  # the most words per cell
        "owner": "Q5",  # two people's names, each twice
        "contacts": ["Q6"],  # email addresses
    }
    assert set(r["column_how"].values()) == {"content"}


def test_content_needs_three_filled_cells():
    with pytest.raises(InputError, match="^no score column"):
        build("Name,Grade\nA,9\nB,3\n")
    assert build("Name,Grade\nA,9\nB,3\nC,10\n")["columns"]["score"] == "Grade"


# --- choosing columns -------------------------------------------------------------------


def test_chosen_columns_win():
    r = build(sample(), columns={"owner": None, "comment": "Company", "contacts": [4]})
    assert r["columns"]["owner"] is None
    assert r["columns"]["comment"] == "Company"
    assert r["columns"]["contacts"] == ["Email"]
    # Company is the comment now: the customer is found by content among the rest
    # (short, different texts; Response ID and Recorded Date are ruled out by name).
    assert r["columns"]["customer"] is None
    assert r["column_how"]["owner"] == "chosen"
    assert (r["leaders_from"], r["unassigned"]) == (None, 68)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"score": "Nope"}, "score column 'Nope' is not in the header (it has 'Response ID'"),
        ({"score": 99}, "score column 99 is not in the header"),
        ({"score": 6, "comment": 6}, f"comment column {QUESTION!r} is already the score"),
        ({"colour": 1}, "columns: unknown role 'colour'"),
        ({"contacts": "Email"}, "columns: contacts must be a list of columns"),
        ("Email", "columns must be a mapping of role to column"),
    ],
)
def test_bad_column_choices_are_explained(columns, message):
    with pytest.raises(InputError) as e:
        build(sample(), columns=columns)
    assert str(e.value).startswith(message)


# --- the passives share ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, PASSIVES_DEFAULT), ("", PASSIVES_DEFAULT), ("25%", 25), (" 0 ", 0), (100, 100)],
)
def test_passives_values(value, expected):
    assert parse_passives(value) == expected


@pytest.mark.parametrize("value", ["-5%", "101", "ten", "2.5%", True, 2.5])
def test_bad_passives_share(value):
    with pytest.raises(InputError, match="^passives to call must be a whole percent"):
        parse_passives(value)


@pytest.mark.parametrize(
    ("share", "called", "scores"),
    [
        (0, 0, []),
        # 24 * 25% = 6: six of the eleven 7s.
        (25, 6, [7] * 6),
        # 24 * 50% = 12: all eleven 7s, then the first 8.
        (50, 12, [7] * 11 + [8]),
        (100, 24, [7] * 11 + [8] * 13),
        # 24 * 1% = 0.24, rounded up: 1.
        (1, 1, [7]),
    ],
)
def test_passives_share(share, called, scores):
    r = build(sample(), passives=share)
    assert r["passives"] == {"share": share, "called": called, "of": 24}
    assert [c["score"] for c in r["calls"] if c["category"] == "passive"] == scores


def test_default_share_is_the_one_the_tool_page_states():
    page = (ROOT / "docs" / "tools" / "nps-call-list.md").read_text(encoding="utf-8")
    assert f"**Then a few passives**, {PASSIVES_DEFAULT}% of them" in page
    # The guide says it in words: change it with the default.
    guide = (ROOT / "docs" / "guide" / "top-down-nps.md").read_text(encoding="utf-8")
    assert PASSIVES_DEFAULT == 10
    assert "then a tenth of the passives (lowest first" in guide


# --- the command line on the same file ----------------------------------------------------


def run_cli(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="kit")
    nps_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["nps", *argv])
    return args.func(args)


def test_cli_with_the_sample_export(capsys):
    assert run_cli([str(SAMPLE), "--show", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "passives called: 3 of 24 (10%, lowest scores first)" in lines
    assert "calls 68: 68 assigned, 0 unassigned" in lines
    assert "leaders taken from the owner column 'Account Manager' (none were named)" in lines
    assert "  Marcus Reid: 18 (6 detractor(s), 10 promoter(s), 2 passive(s))" in lines
    assert lines[-1].split()[:6] == ["1.", "0", "detractor", "Priya", "Nair", "Yarrow"]
    assert "[Emma Neumann, emma.neumann@yarrow.example, +44 1732 630307]" in lines[-1]


def test_cli_passives_and_column_choices(capsys):
    argv = [str(SAMPLE), "--show", "0", "--passives", "25%", "--owner-column", ""]
    assert run_cli([*argv, "--contact-column", "Email"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "passives called: 6 of 24 (25%, lowest scores first)" in lines
    assert "calls 71: 0 assigned, 71 unassigned" in lines
    assert "contacts=['Email']" in lines[0] and "owner=" not in lines[0]


def test_cli_bad_column_is_one_line(capsys):
    assert run_cli([str(SAMPLE), "--score-column", "Nope"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "score column 'Nope' is not in the header" in err


def test_page_words_are_the_ui_strings_in_both_languages():
    from build_scripts.generate.ui import UI_EN, load

    UI_DE = load("de")

    page = (ROOT / "docs" / "tools" / "nps-call-list.md").read_text(encoding="utf-8")
    keys = [k for k in UI_EN if k.startswith("nps_")]
    assert len(keys) == 33
    assert [k for k in keys if UI_EN[k] not in page] == []
    assert [k for k in keys if not UI_DE.get(k) or UI_DE[k] == UI_EN[k]] == []


def test_qualtrics_export_with_three_header_rows():
    text = (ROOT / "tests" / "fixtures" / "nps" / "qualtrics.csv").read_text(encoding="utf-8")
    r = build(text)
    # Row 2 (labels) names the columns, row 3 ({"ImportId": ...}) is no response.
    assert (r["rows"], r["invalid"]) == (4, [])
    assert r["columns"] == {
        "score": "How likely are you to recommend Northwind to a friend or colleague?",
        "customer": "Recipient Email",  # no company column: the email stands in
        "comment": "What is the main reason for your score?",
        "owner": "Account Manager",
        "contacts": ["Recipient Last Name", "Recipient First Name"],
    }
    # Detractor 2 (line 4), promoters 10 (line 7) and 9 (line 5), the passive 8 (line 6).
    assert [(c["line"], c["score"], c["customer"], c["leader"]) for c in r["calls"]] == [
        (4, 2, "eva.lange@kestrel.example", "Tom Becker"),
        (7, 10, "leo.gray@orchard.example", "Tom Becker"),
        (5, 9, "noah.price@alder.example", "Lena Vogel"),
        (6, 8, "ida.koch@vale.example", "Tom Becker"),
    ]
    assert r["calls"][0]["contacts"] == ["Lange", "Eva"]


def test_issue_example_headers():
    # The columns named in the issue, with a typographic ellipsis in the question.
    text = (
        "Response ID,Recorded Date,Company,Email,How likely are you to recommend us\u2026?,"
        "What is the main reason for your score?,Account Manager\n"
        "R_1,2026-10-01,Acme Ltd,ann@acme.example,4,Slow support,Dana Lee\n"
    )
    r = build(text)
    assert r["columns"] == {
        "score": "How likely are you to recommend us\u2026?",
        "customer": "Company",
        "comment": "What is the main reason for your score?",
        "owner": "Account Manager",
        "contacts": ["Email"],
    }
    assert r["calls"][0]["comment"] == "Slow support"
    assert r["calls"][0]["leader"] == "Dana Lee"
