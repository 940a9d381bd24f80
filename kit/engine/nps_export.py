"""The NPS call list as a CSV file for a spreadsheet.

CSV text with a byte-order mark (so spreadsheet programs read it as UTF-8) and
CRLF line ends, with the contact columns under their own headers and an empty
"outcome" column for what came of the call; text cells that would start a
spreadsheet formula (= + - @, tab, CR) get a leading apostrophe.
"""

import csv
import io

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FILENAME = "nps-call-list.csv"


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def calls_csv(result: dict) -> str:
    """The call list of a build() result as CSV text (BOM, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    has_owner = result["columns"].get("owner") is not None
    contacts = result["columns"]["contacts"]
    head = ["rank", "customer", *contacts, "score", "category", "leader", "talk_track", "comment"]
    writer.writerow(
        [*(_safe(h) for h in head), *(["owner"] if has_owner else []), "line", "outcome"]
    )
    for c in result["calls"]:
        row = [
            c["rank"],
            _safe(c["customer"]),
            *(_safe(v) for v in c["contacts"]),
            c["score"],
            c["category"],
            _safe(c["leader"] or ""),
            c["talk_track"],
            _safe(c["comment"]),
        ]
        if has_owner:
            row.append(_safe(c["owner"]))
        row += [c["line"], ""]
        writer.writerow(row)
    return "\ufeff" + out.getvalue()
