"""Top-down NPS call lists: reading real-world CSV, scoring, ordering, assigning.

Expected numbers are worked out by hand (in the comments) and written as
literals, so a change in the engine's arithmetic shows up here.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import nps_cli
from kit.engine.api import handle_request
from kit.engine.errors import InputError
from kit.engine.nps import build, calls_csv, handle, margin_of_error, parse_cap, parse_leaders

FIXTURES = Path(__file__).parent / "fixtures" / "nps"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def csv_of(scores, header="customer,score") -> str:
    """A CSV with customers C1, C2, ... and the given score cells."""
    return header + "\n" + "".join(f"C{i},{s}\n" for i, s in enumerate(scores, 1))


def order(result) -> list[tuple]:
    return [(c["customer"], c["score"], c["leader"]) for c in result["calls"]]


# --- the hand-computed fixture ------------------------------------------------

LEADERS = "Dana Lee, Sam Ortiz, Kim Park"


def test_basic_fixture_counts_nps_and_margin():
    r = build(fixture("basic.csv"), LEADERS, 2)
    # Valid: 0 3 6 | 7 8 | 9 10 9 9 10 -> D=3, passives 2, P=5, n=10.
    assert r["counts"] == {"detractor": 3, "passive": 2, "promoter": 5}
    assert r["total"] == 10
    assert r["rows"] == 13
    assert r["percent"] == {"detractor": 30.0, "passive": 20.0, "promoter": 50.0}
    # NPS = 50% - 30% = 20.0
    assert r["nps"] == 20.0
    # MoE = 1.96 * sqrt((0.5 + 0.3 - 0.2**2) / 10) * 100 = 1.96 * sqrt(0.076) * 100 = 54.03
    assert r["margin"] == 54.0
    assert r["columns"] == {
        "score": "Score",
        "customer": "Customer",
        "comment": "Comment",
        "owner": "Account owner",
        "contacts": [],
    }
    assert r["delimiter"] == ","


def test_basic_fixture_invalid_rows_have_physical_line_numbers():
    r = build(fixture("basic.csv"), LEADERS, 2)
    # "Fjord AS" spans lines 7-8, so Helix is on line 10, not 9.
    assert [(b["line"], b["code"], b["raw"], b["customer"]) for b in r["invalid"]] == [
        (10, "range", "12", "Helix BV"),
        (12, "number", "abc", "Juniper"),
        (14, "missing", "", "Lumen"),
    ]
    assert [b["reason"] for b in r["invalid"]] == [
        "score 12 is outside 0-10",
        "score 'abc' is not a number",
        "no score",
    ]
    assert r["invalid_total"] == 3


def test_basic_fixture_call_order_and_assignment():
    r = build(fixture("basic.csv"), LEADERS, 2)
    # Detractors 0, 3, 6; promoters 10, 10 (file order), then 9, 9, 9.
    # Acme: owner Dana (under cap). Fjord: round-robin turn 1 -> Dana (now 2).
    # Delta: owner "dana LEE" is at cap -> round-robin -> Sam. Echo: owner Sam (2).
    # Maple: round-robin -> Kim. Birch: Dana and Sam full -> Kim. Then no room.
    # Passives 7 (Cobalt) and 8 (Gamma): 10% of 2 rounded up is 1, the 7, last.
    assert order(r) == [
        ("Acme Ltd", 0, "Dana Lee"),
        ("Fjord AS", 3, "Dana Lee"),
        ("Delta GmbH", 6, "Sam Ortiz"),
        ("Echo plc", 10, "Sam Ortiz"),
        ("Maple", 10, "Kim Park"),
        ("Birch & Co", 9, "Kim Park"),
        ("<b>Indigo</b>", 9, None),
        ("Kestrel", 9, None),
        ("Cobalt Inc", 7, None),
    ]
    assert [c["rank"] for c in r["calls"]] == list(range(1, 10))
    assert [c["line"] for c in r["calls"]] == [2, 7, 5, 6, 15, 3, 11, 13, 4]
    assert [c["talk_track"] for c in r["calls"]] == (
        ["detractor-call"] * 3 + ["promoter-call"] * 5 + ["detractor-call"]
    )
    assert r["calls"][1]["comment"] == "Onboarding took\nthree months"
    assert r["calls"][3]["comment"] == 'Love it, "best" vendor'
    assert r["per_leader"] == [
        {"leader": "Dana Lee", "calls": 2, "detractor": 2, "passive": 0, "promoter": 0},
        {"leader": "Sam Ortiz", "calls": 2, "detractor": 1, "passive": 0, "promoter": 1},
        {"leader": "Kim Park", "calls": 2, "detractor": 0, "passive": 0, "promoter": 2},
    ]
    assert (r["assigned"], r["unassigned"], r["calls_total"]) == (6, 3, 9)
    assert r["passives"] == {"share": 10, "called": 1, "of": 2}
    assert r["sheets"] == [
        {"leader": "Dana Lee", "ranks": [1, 2]},
        {"leader": "Sam Ortiz", "ranks": [3, 4]},
        {"leader": "Kim Park", "ranks": [5, 6]},
        {"leader": None, "ranks": [7, 8, 9]},
    ]


# --- arithmetic ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "nps", "margin"),
    [
        # D=1 (5), P=2 (9, 10), n=4: 50% - 25% = 25.0;
        # 1.96 * sqrt((0.5 + 0.25 - 0.25**2) / 4) * 100 = 1.96 * sqrt(0.171875) * 100 = 81.26
        ([5, 7, 9, 10], 25.0, 81.3),
        # D=2, P=1, n=3: 33.33% - 66.67% = -33.3;
        # 1.96 * sqrt((1/3 + 2/3 - 1/9) / 3) * 100 = 1.96 * sqrt(0.296296) * 100 = 106.69
        ([0, 6, 9], -33.3, 106.7),
        # All promoters: 100.0, and the formula's spread is 0.
        ([9, 10, 10], 100.0, 0.0),
        # One response: no margin. None: no score.
        ([10], 100.0, None),
        ([], None, None),
        # P=1 of 16: 6.25 rounds half away from zero to 6.3 (not to even 6.2);
        # 1.96 * sqrt((1/16 - 1/256) / 16) * 100 = 1.96 * sqrt(0.00366211) * 100 = 11.86
        ([9] + [8] * 15, 6.3, 11.9),
        ([0] + [8] * 15, -6.3, 11.9),
    ],
)
def test_nps_and_margin_by_hand(scores, nps, margin):
    r = build(csv_of(scores))
    assert (r["nps"], r["margin"]) == (nps, margin)


def test_margin_formula_directly():
    # 1.96 * sqrt((0.4 + 0.4 - 0) / 10) * 100 = 1.96 * sqrt(0.08) * 100 = 55.44
    assert margin_of_error(4, 4, 10) == 55.4
    assert margin_of_error(0, 0, 1) is None
    assert margin_of_error(0, 0, 0) is None


def test_percentages_round_half_away_from_zero():
    r = build(csv_of([9] + [8] * 15))
    # 1/16 = 6.25% -> 6.3; 15/16 = 93.75% -> 93.8
    assert r["percent"] == {"detractor": 0.0, "passive": 93.8, "promoter": 6.3}
    assert build(csv_of([]))["percent"] == {"detractor": None, "passive": None, "promoter": None}


@pytest.mark.parametrize(
    ("score", "category"),
    [
        (0, "detractor"),
        (6, "detractor"),
        (7, "passive"),
        (8, "passive"),
        (9, "promoter"),
        (10, "promoter"),
    ],
)
def test_classification_boundaries(score, category):
    r = build(csv_of([score]))
    assert r["counts"][category] == 1
    assert r["total"] == 1
    # A lone passive is called too: 10% of 1, rounded up, is 1.
    assert [c["category"] for c in r["calls"]] == [category]
    assert [c["category"] for c in build(csv_of([score]), passives=0)["calls"]] == (
        [] if category == "passive" else [category]
    )


# --- score cells -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("7", 7),
        (" 8 ", 8),
        ("07", 7),
        ("7.0", 7),
        ('"7,0"', 7),
        ("10.00", 10),
        ("+9", 9),
        ("-0", 0),
    ],
)
def test_accepted_score_spellings(cell, value):
    r = build(csv_of([cell]))
    assert r["invalid"] == []
    category = "detractor" if value <= 6 else "passive" if value <= 8 else "promoter"
    assert r["counts"][category] == r["total"] == 1
    assert [c["score"] for c in r["calls"]] == [value]


@pytest.mark.parametrize(
    ("cell", "code", "reason"),
    [
        ("11", "range", "score 11 is outside 0-10"),
        ("-1", "range", "score -1 is outside 0-10"),
        ("abc", "number", "score 'abc' is not a number"),
        ("", "missing", "no score"),
        ("   ", "missing", "no score"),
        ("7.5", "fraction", "score '7.5' is not a whole number"),
        ("1e1", "number", "score '1e1' is not a number"),
        ("\u0663", "number", "score '\u0663' is not a number"),  # Arabic-Indic three
        ("9/10", "number", "score '9/10' is not a number"),
    ],
)
def test_invalid_scores_are_listed_with_line_and_reason(cell, code, reason):
    r = build(csv_of([9, cell, 0]))
    assert r["invalid"] == [
        {"line": 3, "code": code, "reason": reason, "raw": cell.strip(), "customer": "C2"}
    ]
    assert r["total"] == 2
    assert r["rows"] == 3


def test_short_row_has_no_score():
    r = build("customer,comment,score\nA,hello\nB,x,9\n")
    assert [(b["line"], b["code"]) for b in r["invalid"]] == [(2, "missing")]
    assert r["total"] == 1


# --- CSV variants ------------------------------------------------------------------------


def test_semicolon_file_with_decimal_comma():
    r = build(fixture("semicolon.csv"))
    assert r["delimiter"] == ";"
    assert r["columns"] == {
        "score": "NPS",
        "customer": "Account",
        "comment": "Feedback",
        "owner": None,
        "contacts": [],
    }
    assert r["counts"] == {"detractor": 1, "passive": 1, "promoter": 1}
    assert order(r) == [("Ost KG", 4, None), ("North AG", 9, None), ("Sud SA", 7, None)]
    assert r["calls"][0]["comment"] == "Zu teuer; zu langsam"
    assert r["calls"][1]["comment"] == "Schnell, freundlich"
    assert [(b["line"], b["code"]) for b in r["invalid"]] == [(5, "fraction")]


def test_tab_separated_file():
    r = build(fixture("tab.tsv"), "kim park, Ann")
    assert r["delimiter"] == "\t"
    assert r["columns"] == {
        "score": "Likelihood to recommend",
        "customer": "Company",
        "comment": "Verbatim",
        "owner": "Owner",
        "contacts": [],
    }
    # Beta (2) first, round-robin -> "kim park" (the spelling typed); Alpha's owner
    # "Kim Park" matches "kim park" ignoring case; the passive Gamma's turn is Ann.
    assert order(r) == [("Beta", 2, "kim park"), ("Alpha", 10, "kim park"), ("Gamma", 8, "Ann")]
    assert r["calls"][0]["comment"] == "quoted\ttab"


def test_bom_and_header_aliases_in_other_case():
    r = build(fixture("bom.csv"))
    assert r["columns"] == {
        "score": "Rating",
        "customer": "NAME",
        "comment": "COMMENTS",
        "owner": None,
        "contacts": [],
    }
    assert order(r) == [("Zoe", 5, None), ("\u00c9lodie", 10, None)]
    assert r["encoding_suspect"] is False


def test_quoted_newlines_shift_later_line_numbers():
    r = build(fixture("multiline.csv"))
    # A1 spans lines 2-4, A3 spans 6-8 (with an empty line inside its quotes).
    assert [(b["line"], b["customer"], b["code"]) for b in r["invalid"]] == [
        (5, "A2", "range"),
        (9, "A4", "range"),
        (10, "A5", "number"),
        (11, "A6", "missing"),
    ]
    assert r["calls"][0]["comment"] == "first line\nsecond line\nthird line"
    assert r["counts"] == {"detractor": 1, "passive": 2, "promoter": 0}


def test_crlf_line_ends_count_the_same():
    text = fixture("multiline.csv").replace("\n", "\r\n")
    r = build(text)
    assert [b["line"] for b in r["invalid"]] == [5, 9, 10, 11]
    assert r["calls"][0]["comment"] == "first line\r\nsecond line\r\nthird line"


def test_blank_lines_and_empty_rows_are_ignored_but_counted_as_lines():
    r = build(fixture("blank-lines.csv"))
    assert r["rows"] == 2
    assert r["invalid"] == []
    assert [(c["customer"], c["line"]) for c in r["calls"]] == [("A", 5), ("B", 8)]


def test_missing_score_column_names_what_was_found_and_what_is_accepted():
    with pytest.raises(InputError) as e:
        build(fixture("missing-score.csv"))
    msg = str(e.value)
    assert "\n" not in msg
    assert msg.startswith(
        "no score column: the header (first line) has 'Customer', 'Grade', 'Comment';"
        " no column holds 0-10 scores either"
    )
    assert "score, nps," in msg and "likelihood to recommend" in msg


def test_survey_question_as_header_is_the_score_column():
    text = "Email,How likely are you to recommend Acme to a friend?,Why?\na@x.org,3,slow\n"
    r = build(text)
    assert r["columns"]["score"] == "How likely are you to recommend Acme to a friend?"
    assert r["columns"]["customer"] == "Email"
    assert r["columns"]["comment"] == "Why?"


@pytest.mark.parametrize(
    "header",
    ["Likelihood_To_Recommend", "  nps score ", "LTR", "likelihood-to-recommend", "Recommend"],
)
def test_score_aliases(header):
    assert build(f"x,{header}\na,9\n")["columns"]["score"] == header.strip()


def test_customer_column_preference_and_one_role_per_column():
    r = build("Name,Company,Score,Manager\nAnn,Acme,3,Bo\n")
    assert r["columns"] == {
        "score": "Score",
        "customer": "Company",
        "comment": None,
        "owner": "Manager",
        "contacts": ["Name"],
    }
    # Without a customer column the page shows the line instead.
    assert build("score\n3\n")["calls"][0]["customer"] == ""


def test_one_column_file_and_header_only():
    r = build("Score\n10\n")
    assert (r["delimiter"], r["total"], r["nps"]) == (",", 1, 100.0)
    r = build("customer,score\n")
    assert (r["total"], r["nps"], r["margin"], r["calls"]) == (0, None, None, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no responses: the CSV is empty"),
        ("\ufeff \n\n", "no responses: the CSV is empty"),
        (",,\n,,\n", "no responses: the CSV has no header line"),
        (
            'customer,score\nA,9\nB,3,"never closed\nC,10\n',
            "line 3: a quoted field is never closed",
        ),
    ],
)
def test_unusable_text(text, message):
    with pytest.raises(InputError) as e:
        build(text)
    assert str(e.value).startswith(message)


def test_not_utf8_is_flagged():
    text = b"customer,score\nM\xfcller,3\n".decode("utf-8", errors="replace")
    r = build(text)
    assert r["encoding_suspect"] is True
    assert r["calls"][0]["customer"] == "M\ufffdller"


# --- leaders, cap, assignment --------------------------------------------------------


def test_round_robin_without_cap():
    r = build(csv_of([0, 1, 2, 3, 4]), ["A", "B", "C"])
    assert [c["leader"] for c in r["calls"]] == ["A", "B", "C", "A", "B"]
    assert r["unassigned"] == 0


def test_cap_leaves_the_rest_unassigned_but_listed():
    r = build(csv_of([10, 0, 9, 1, 5]), "A, B", 1)
    # Order: 0 (C2), 1 (C4), 5 (C5), 10 (C1), 9 (C3).
    assert order(r) == [
        ("C2", 0, "A"),
        ("C4", 1, "B"),
        ("C5", 5, None),
        ("C1", 10, None),
        ("C3", 9, None),
    ]
    assert (r["assigned"], r["unassigned"]) == (2, 3)
    assert r["cap"] == 1


def test_no_leaders_means_everything_unassigned():
    r = build(csv_of([0, 10]))
    assert [c["leader"] for c in r["calls"]] == [None, None]
    assert (r["unassigned"], r["per_leader"]) == (2, [])


def test_owner_preference_does_not_move_the_round_robin_turn():
    text = "customer,score,owner\nC1,0,\nC2,1,B\nC3,2,\nC4,3,Zed\nC5,4,b\n"
    r = build(text, "A,B,C")
    # C1 -> A (turn), C2 -> B (owner), C3 -> B (turn), C4 -> C (Zed is not a
    # leader), C5 -> B (owner "b", no cap).
    assert [c["leader"] for c in r["calls"]] == ["A", "B", "B", "C", "B"]


def test_owner_at_cap_falls_back_to_round_robin():
    text = "customer,score,owner\nC1,0,B\nC2,1,B\nC3,2,B\n"
    r = build(text, "A,B", 1)
    assert [c["leader"] for c in r["calls"]] == ["B", "A", None]


def test_owner_ignored_without_owner_column():
    r = build("customer,score,comment\nC1,0,B\n", "A,B")
    assert r["calls"][0]["leader"] == "A"


def test_leader_names_are_trimmed_deduplicated_and_split():
    assert parse_leaders(" Ann ,, bob\nAnn, ANN ,Bob  Smith ,") == ["Ann", "bob", "Bob Smith"]
    assert parse_leaders(["Smith, Ann", " ", "smith, ann"]) == ["Smith, Ann"]
    assert parse_leaders(None) == []
    with pytest.raises(InputError):
        parse_leaders(3)
    with pytest.raises(InputError):
        parse_leaders(["A", 3])


@pytest.mark.parametrize(
    ("value", "expected"), [(None, None), ("", None), (" 3 ", 3), (2, 2), (2.0, 2)]
)
def test_cap_values(value, expected):
    assert parse_cap(value) == expected


@pytest.mark.parametrize("value", [0, -1, "0", "x", "2.5", True, 2.5, [3]])
def test_bad_cap_is_an_input_error(value):
    with pytest.raises(InputError) as e:
        parse_cap(value)
    assert str(e.value).startswith("calls per leader must be a whole number of at least 1")


@settings(max_examples=60, deadline=None)
@given(
    scores=st.lists(st.integers(0, 10), max_size=60),
    leaders=st.lists(st.sampled_from(["A", "B", "C", "D"]), max_size=4),
    cap=st.one_of(st.none(), st.integers(1, 5)),
)
def test_list_invariants(scores, leaders, cap):
    r = build(csv_of(scores), leaders, cap)
    c = r["counts"]
    assert sum(c.values()) == r["total"] == len(scores)
    sample = -(-c["passive"] // 10)  # 10% rounded up
    assert len(r["calls"]) == c["detractor"] + c["promoter"] + sample
    cats = [call["category"] for call in r["calls"]]
    rank = {"detractor": 0, "promoter": 1, "passive": 2}
    assert cats == sorted(cats, key=rank.get)  # detractors, promoters, then passives
    # 0..6 up, then 10 and 9, then 7 and 8: one increasing key.
    key = {**{v: v for v in range(7)}, 10: 7, 9: 8, 7: 9, 8: 10}
    keys = [key[call["score"]] for call in r["calls"]]
    assert keys == sorted(keys)
    loads = {name: 0 for name in r["leaders"]}
    for call in r["calls"]:
        if call["leader"] is not None:
            loads[call["leader"]] += 1
    assert all(cap is None or n <= cap for n in loads.values())
    assert [e["calls"] for e in r["per_leader"]] == list(loads.values())
    assert r["unassigned"] == len(r["calls"]) - sum(loads.values())
    if r["leaders"] and cap is None:
        assert r["unassigned"] == 0


# --- api, limit, export ------------------------------------------------------------------


def test_api_routes_nps_and_reports_input_errors():
    reply = handle_request(
        {"op": "nps", "csv": fixture("basic.csv"), "leaders": LEADERS, "cap": "2"}
    )
    assert reply["ok"] is True
    assert reply["result"]["nps"] == 20.0
    json.dumps(reply)  # JSON-safe
    bad = handle_request({"op": "nps", "csv": fixture("missing-score.csv")})
    assert bad["ok"] is False and bad["kind"] == "input"
    assert bad["error"].startswith("no score column")
    assert handle_request({"op": "nps", "csv": 3})["error"] == "csv must be the text of a CSV file"
    assert handle_request({"op": "nps", "csv": "score\n1\n", "format": "pdf"})["kind"] == "input"


def test_limit_cuts_lists_but_totals_count_everything():
    r = handle({"op": "nps", "csv": fixture("basic.csv"), "limit": 2})
    assert [c["customer"] for c in r["calls"]] == ["Acme Ltd", "Fjord AS"]
    assert [b["line"] for b in r["invalid"]] == [10, 12]
    # No leaders named: the owners Dana Lee and Sam Ortiz call (see the owner tests).
    assert (r["calls_total"], r["invalid_total"], r["unassigned"]) == (9, 3, 0)
    with pytest.raises(InputError, match="^limit must be"):
        handle({"op": "nps", "csv": "score\n1\n", "limit": 0})


def test_export_csv_round_trips_and_defuses_formulas():
    text = (
        "customer,score,comment,owner\n"
        '=HYPERLINK("http://x"),0,"-1 star\nreally",@me\n'
        "Plain,10,+fine,\n"
    )
    out = handle({"op": "nps", "csv": text, "leaders": "A", "format": "csv", "limit": 1})
    assert out["filename"] == "nps-call-list.csv"
    assert out["calls"] == 2  # the export ignores limit
    body = out["csv"]
    assert body.startswith(
        "\ufeffrank,customer,score,category,leader,talk_track,comment,owner,line,outcome\r\n"
    )
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))
    assert rows[1] == [
        "1",
        '\'=HYPERLINK("http://x")',
        "0",
        "detractor",
        "A",
        "detractor-call",
        "'-1 star\nreally",
        "'@me",
        "2",
        "",
    ]
    assert rows[2] == [
        "2", "Plain", "10", "promoter", "A", "promoter-call", "'+fine", "", "4", ""
    ]  # fmt: skip


def test_export_without_owner_column_and_unassigned_calls():
    r = build(fixture("basic.csv"), "Dana Lee", 1)
    rows = list(csv.reader(io.StringIO(calls_csv(r)[1:], newline="")))
    assert rows[0] == [
        "rank",
        "customer",
        "score",
        "category",
        "leader",
        "talk_track",
        "comment",
        "owner",
        "line",
        "outcome",
    ]
    assert len(rows) == 10
    assert rows[1][4] == "Dana Lee" and rows[2][4] == ""
    r = build(fixture("semicolon.csv"))
    assert (
        calls_csv(r).splitlines()[0]
        == "\ufeffrank,customer,score,category,leader,talk_track,comment,line,outcome"
    )


def test_fifty_thousand_rows():
    lines = ["Customer;Likelihood to recommend;Comment;Owner"]
    lines += [f'C{i};{i % 11};"a; b\nc";L{i % 4}' for i in range(50_000)]
    text = "\n".join(lines)
    r = build(text, ["L0", "L1", "L2"], 5, limit=500)
    # Scores i % 11: 0-4 occur 4546 times, 5-10 4545 times; calls are 0-6 and 9-10:
    # 5 * 4546 + 2 * 4545 + 2 * 4545 = 40910, and 10% of the 2 * 4545 passives: 909.
    # Each row spans two lines. (Speed is measured by `make bench`, not here.)
    assert r["total"] == 50_000 and r["calls_total"] == 40910 + 909
    assert r["assigned"] == 15 and len(r["calls"]) == 500
    assert r["invalid"] == []
    assert r["calls"][0]["line"] == 2 and r["calls"][1]["line"] == 24


# --- command line ---------------------------------------------------------------------------


def run_cli(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="kit")
    nps_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["nps", *argv])
    return args.func(args)


def test_cli_happy_path(capsys, tmp_path):
    out_file = tmp_path / "calls.csv"
    path = str(FIXTURES / "basic.csv")
    code = run_cli(
        [path, "--leaders", LEADERS, "--cap", "2", "--csv", str(out_file), "--show", "3"]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "responses 10: detractors 3 (30.0%), passives 2 (20.0%), promoters 5 (50.0%)" in lines
    assert "NPS +20.0 \u00b1 54.0 (95% margin of error, n=10)" in lines
    assert "  line 10: score 12 is outside 0-10 (Helix BV)" in lines
    assert "  line 14: no score (Lumen)" in lines
    assert "passives called: 1 of 2 (10%, lowest scores first)" in lines
    assert "calls 9: 6 assigned, 3 unassigned" in lines
    assert "  Dana Lee: 2 (2 detractor(s), 0 promoter(s), 0 passive(s))" in lines
    assert "first 3 call(s):" in lines
    assert lines[lines.index("first 3 call(s):") + 1].split() == [
        "1.",
        "0",
        "detractor",
        "Dana",
        "Lee",
        "Acme",
        "Ltd:",
        "Invoices",
        "wrong,",
        "twice",
    ]
    assert lines[-1] == f"wrote 9 call(s) to {out_file}"
    written = out_file.read_bytes()
    assert written.startswith(b"\xef\xbb\xbfrank,")
    assert written.decode("utf-8") == calls_csv(build(fixture("basic.csv"), LEADERS, 2))


def test_cli_csv_to_stdout(capsys):
    assert run_cli([str(FIXTURES / "tab.tsv"), "--csv", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffrank,customer") and out.count("\r\n") == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.csv"], "missing.csv: cannot read: No such file or directory"),
        ([str(FIXTURES / "missing-score.csv")], "missing-score.csv: no score column: the header"),
        ([str(FIXTURES / "basic.csv"), "--cap", "zero"], "basic.csv: calls per leader must be"),
        (
            [str(FIXTURES / "basic.csv"), "--csv", "/nonexistent/dir/x.csv"],
            "/nonexistent/dir/x.csv: cannot write",
        ),
    ],
)
def test_cli_errors_are_one_line_and_exit_1(capsys, argv, message):
    assert run_cli(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_cli_warns_about_bytes_that_are_not_utf8(capsys, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"customer,score\nM\xfcller,3\n")
    assert run_cli([str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning: some bytes are not UTF-8" in err
    assert "M\ufffdller" in out


# --- the same results under Pyodide -------------------------------------------------------


@pytest.mark.pyodide
def test_pyodide_gives_identical_results(built_site):
    from build_scripts.runtime.site_assets import RUNTIME_URL_DIR
    from tests.test_pyodide_parity import run_in_pyodide

    requests = [
        {"op": "nps", "csv": fixture(name), "leaders": LEADERS, "cap": 2}
        for name in ("basic.csv", "semicolon.csv", "tab.tsv", "bom.csv", "multiline.csv")
    ]
    requests.append({"op": "nps", "csv": fixture("basic.csv"), "format": "csv"})
    requests.append({"op": "nps", "csv": fixture("missing-score.csv")})
    # The sample survey export: columns by header, owners as leaders, a passives
    # share, a column choice, contacts by content, and the export.
    survey = (Path(__file__).parent.parent / "docs" / "tools" / "nps-sample-survey.csv").read_text(
        encoding="utf-8"
    )
    requests.append({"op": "nps", "csv": survey, "passives": "25%"})
    requests.append({"op": "nps", "csv": survey, "columns": {"owner": None, "contacts": [4]}})
    requests.append({"op": "nps", "csv": survey.replace("Email", "Q5"), "format": "csv"})
    out = run_in_pyodide(built_site / RUNTIME_URL_DIR, requests)
    assert out["replies"] == [json.loads(json.dumps(handle_request(r))) for r in requests]
