"""A team view as CSV (the op "aggregate" with "format": "csv", `kit aggregate --csv`)."""

import csv
import io
import re
from typing import Any

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _cell(value: Any) -> str:
    """One CSV cell: whitespace collapsed, spreadsheet formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float):
        text = f"{value:.1f}"
    else:
        text = " ".join(str(value).split())
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    return text


def summary_csv(result: dict) -> str:
    """An aggregate result as CSV: one row for the respondents, overall, each dimension
    and each question, with n and mean per role and the gap.

    A withheld figure is written as "withheld" in its mean column with an empty
    n. UTF-8 with a byte-order mark and CRLF line ends, like the result CSV.
    """
    quest = result["questionnaire"]
    role_ids = [r["id"] for r in result["roles"]]
    pair = result["compare"]["roles"] if result["compare"] else None
    gap_head = f"gap ({pair[0]} - {pair[1]})" if pair else "gap"
    head = ["questionnaire", "version", "kind", "id", "dimension", "title"]
    for r in role_ids:
        head += [f"{r} n", f"{r} mean"]
    head.append(gap_head)

    def cells(stats: dict) -> list:
        out = []
        for r in role_ids:
            s = stats[r]
            out += ["", "withheld"] if s["withheld"] else [s["n"], s.get("mean")]
        return out

    rows = []
    respondents = []
    for r in result["roles"]:
        respondents += [r["n"], ""]
    rows.append(["respondents", "respondents", "", "Respondents", *respondents, ""])
    o = result["overall"]
    rows.append(["overall", "overall", "", "Overall", *cells(o["roles"]), o["gap"]])
    for d in result["dimensions"]:
        rows.append(["dimension", d["id"], d["id"], d["title"], *cells(d["roles"]), d["gap"]])
    first_role = pair[0] if pair else role_ids[0]
    for i in result["items"]:
        title = i["short"] or i["texts"].get(first_role, "")
        kind = "item" if i["scored"] else "route"
        rows.append([kind, i["id"], i["dimension"], title, *cells(i["roles"]), i["gap"]])

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    for row in rows:
        writer.writerow([_cell(v) for v in [quest["id"], quest["version"], *row]])
    return "\ufeff" + out.getvalue()
