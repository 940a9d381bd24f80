"""Top-down Net Promoter: survey responses in, each leader's call list out.

The classification decides whom leaders call; the score is reported only so a
team can see how much (or how little) one survey says.

Request: {"op": "nps", "csv": TEXT, "leaders": [names] | "A, B", "cap": int |
"3" | null, "format": "json" (default) | "csv"}.

Reading the CSV
  - UTF-8 text with or without a byte-order mark; a U+FFFD in the text (what a
    browser or `kit nps` puts in place of bytes that were not UTF-8) sets
    `encoding_suspect`, so the page can suggest saving as "CSV UTF-8".
  - The header is the first non-blank line. Its delimiter is sniffed from that
    line: whichever of tab, semicolon and comma occurs most often outside
    quotes (ties in that order; none at all means a one-column comma file).
  - Header names are trimmed and compared case-insensitively, with `_`, `-`
    and `.` read as spaces: see SCORE_NAMES, CUSTOMER_NAMES, COMMENT_NAMES and
    OWNER_NAMES (earlier names win when several columns match). A header that
    asks the survey question itself ("How likely are you to recommend us...")
    is also taken as the score column when no listed name matches.
  - Quoted fields may hold delimiters, doubled quotes and line breaks. Line
    numbers are physical lines of the file, so a row after a quoted
    multi-line field has the number an editor shows; a row is reported at the
    line where it starts.
  - Blank lines, and rows whose every cell is blank (",,,"), are ignored.
  - A score is a whole number from 0 to 10, surrounding spaces allowed.
    "7.0" and "7,0" are accepted (spreadsheets write whole numbers that
    way); "7.5" is not (the 0-10 question has no halves: such a value comes
    from another scale or an average). Every other row is listed in
    `invalid` with its line, a `code` (missing, number, fraction, range), an
    English `reason` and the `raw` cell; it is never silently dropped.

Classifying and scoring (n = valid responses, P promoters, D detractors)
  detractor 0-6, passive 7-8, promoter 9-10.
  NPS = 100 * (P - D) / n, rounded half away from zero to one decimal.
  95% margin of error (normal approximation; each response is +1, 0 or -1):
      MoE = 1.96 * sqrt((p_P + p_D - (p_P - p_D)**2) / n) * 100,
      p_P = P / n, p_D = D / n; one decimal.
  n = 0: nps and margin are null. n = 1: margin is null (one answer shows no
  spread). When every response is in one category the formula gives 0.0:
  that is the formula, not certainty; treat small n with care.

The call list
  Detractors first, from the lowest score up (0 before 6); then promoters from
  10 down; ties keep file order. Passives are not called. `rank` is the
  position in this order. Each call names its talk track: "detractor-call"
  or "promoter-call".

Assigning calls to leaders
  Leader names are trimmed (inner runs of spaces collapsed), empties dropped
  and duplicates removed ignoring case, first spelling kept; a string is
  split at commas and line breaks. `cap` is the most calls per leader (null
  or "" for no limit). Calls are dealt in rank order, round-robin over the
  leaders in the order typed, skipping leaders at their cap. When the CSV has
  an owner column and a call's owner is one of the leaders (ignoring case and
  extra spaces) with room under the cap, the call goes to that owner instead
  and the round-robin turn does not move. Calls that find no leader with room
  (or when no leader is named) stay in the list with leader null and are
  counted in `unassigned`: nothing is dropped.

Showing part of the list: "limit" (a whole number, or null for all) cuts
`calls` and `invalid` to their first `limit` entries, so a page showing 50,000
responses need not lay out every row; `calls_total` and `invalid_total` always
count all of them, and the export always has every call.

Export (format "csv"): the call list as CSV text with a byte-order mark (so
spreadsheet programs read it as UTF-8) and CRLF line ends; text cells that
would start a spreadsheet formula (= + - @, tab, CR) get a leading apostrophe.
"""

import csv
import io
import math
from typing import Any

from .errors import InputError

DETRACTOR = "detractor"
PASSIVE = "passive"
PROMOTER = "promoter"
CATEGORIES = (DETRACTOR, PASSIVE, PROMOTER)
TALK_TRACKS = {DETRACTOR: "detractor-call", PROMOTER: "promoter-call"}

SCORE_NAMES = (
    "score",
    "nps",
    "nps score",
    "nps rating",
    "rating",
    "likelihood to recommend",
    "likely to recommend",
    "likelihood",
    "recommend",
    "would recommend",
    "recommendation score",
    "ltr",
    "net promoter score",
)
CUSTOMER_NAMES = (
    "customer",
    "customer name",
    "account",
    "account name",
    "company",
    "company name",
    "client",
    "client name",
    "organisation",
    "organization",
    "name",
    "contact",
    "contact name",
    "respondent",
    "email",
    "e mail",
    "email address",
)
COMMENT_NAMES = (
    "comment",
    "comments",
    "feedback",
    "verbatim",
    "reason",
    "reason for score",
    "why",
    "remarks",
    "notes",
    "note",
    "open answer",
    "text",
)
OWNER_NAMES = (
    "owner",
    "account owner",
    "account manager",
    "relationship owner",
    "customer owner",
    "manager",
    "csm",
    "customer success manager",
    "assigned to",
    "leader",
)
# A header holding the survey question itself counts as the score column.
SCORE_PHRASES = ("likely to recommend", "likelihood to recommend", "how likely")

DELIMITERS = ("\t", ";", ",")
# Cell text -> score, for the common case without a parse.
_SCORES = {str(i): i for i in range(11)}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RAW_MAX = 60
EXPORT_FILENAME = "nps-call-list.csv"


def _norm(name: str) -> str:
    """Header or person name for comparison: case, spaces, _ - . ignored."""
    for ch in "_-.":
        name = name.replace(ch, " ")
    return " ".join(name.split()).casefold().rstrip("?:").strip()


def _sniff(text: str) -> str:
    """The delimiter of the header line: most frequent outside quotes."""
    first = ""
    for line in text.splitlines():
        if line.strip():
            first = line
            break
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # first of a tie wins
    return best if counts[best] else ","


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    normed = [_norm(h) for h in headers]
    for name in names:
        if name in normed:
            return normed.index(name)
    return None


def _map_columns(headers: list[str]) -> dict[str, int | None]:
    score = _find(headers, SCORE_NAMES)
    if score is None:
        for i, h in enumerate(headers):
            if any(p in _norm(h) for p in SCORE_PHRASES):
                score = i
                break
    if score is None:
        found = ", ".join(repr(h.strip()) for h in headers if h.strip()) or "none"
        raise InputError(
            f"no score column: the header (first line) has {found}; name the 0-10 score "
            f"column one of: {', '.join(SCORE_NAMES)}"
        )
    cols = {"score": score}
    for role, names in (("customer", CUSTOMER_NAMES), ("comment", COMMENT_NAMES)):
        cols[role] = _find(headers, names)
    cols["owner"] = _find(headers, OWNER_NAMES)
    # One column plays one role: the score wins, then customer, comment, owner.
    taken = {score}
    for role in ("customer", "comment", "owner"):
        if cols[role] in taken:
            cols[role] = None
        elif cols[role] is not None:
            taken.add(cols[role])
    return cols


def _parse_score(cell: str) -> tuple[int | None, str]:
    """(score, "") or (None, problem code)."""
    s = cell.strip()
    if s in _SCORES:
        return _SCORES[s], ""
    if not s:
        return None, "missing"
    body = s[1:] if s[0] in "+-" else s
    whole, sep, frac = body.partition(".")
    if not sep:
        whole, sep, frac = body.partition(",")
    if not (whole.isascii() and whole.isdigit()) or (
        sep and not (frac.isascii() and frac.isdigit())
    ):
        return None, "number"
    if frac.strip("0"):
        return None, "fraction"
    value = -int(whole) if s[0] == "-" else int(whole)
    if not 0 <= value <= 10:
        return None, "range"
    return value, ""


def _reason(code: str, raw: str) -> str:
    shown = raw.strip()
    if code == "missing":
        return "no score"
    if code == "number":
        return f"score {shown!r} is not a number"
    if code == "fraction":
        return f"score {shown!r} is not a whole number"
    return f"score {shown} is outside 0-10"


def _category(value: int) -> str:
    return DETRACTOR if value <= 6 else PASSIVE if value <= 8 else PROMOTER


def _tenths(numerator: int, denominator: int) -> float:
    """100 * numerator / denominator to one decimal, half away from zero, exactly."""
    q, r = divmod(abs(1000 * numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return (q if numerator >= 0 else -q) / 10


def margin_of_error(promoters: int, detractors: int, n: int) -> float | None:
    """95% margin of error of the NPS, in points; None when n < 2."""
    if n < 2:
        return None
    p_p, p_d = promoters / n, detractors / n
    variance = max(p_p + p_d - (p_p - p_d) ** 2, 0.0)
    return round(1.96 * math.sqrt(variance / n) * 100, 1)


def parse_leaders(value: Any) -> list[str]:
    """Trimmed, non-empty, de-duplicated (ignoring case) leader names, in order."""
    if value is None:
        parts: list = []
    elif isinstance(value, str):
        parts = value.replace("\n", ",").split(",")
    elif isinstance(value, list):
        parts = value
    else:
        raise InputError("leaders must be a list of names or comma-separated text")
    out, seen = [], set()
    for part in parts:
        if not isinstance(part, str):
            raise InputError(f"leader names must be text, not {part!r}")
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def parse_cap(value: Any, what: str = "calls per leader") -> int | None:
    """A whole number of at least 1 (calls per leader), or None for no limit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    problem = InputError(
        f"{what} must be a whole number of at least 1, or empty for no limit (got {value!r})"
    )
    if isinstance(value, bool):
        raise problem
    if isinstance(value, str):
        s = value.strip()
        if not (s.isascii() and s.isdigit()):
            raise problem
        value = int(s)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or value < 1:
        raise problem
    return value


def _read_rows(text: str):
    """Header, delimiter and (line, row) of each non-blank data row."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("no responses: the CSV is empty (choose a file or paste the responses)")
    delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = None
    rows = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
            else:
                rows.append((line, row))
    except csv.Error as e:
        raise InputError(f"line {reader.line_num}: the CSV cannot be read: {e}") from None
    if header is None:
        raise InputError("no responses: the CSV has no header line, only empty cells")
    if rows and rows[-1][0] < reader.line_num:
        _check_closed(text, rows[-1][0], delimiter)
    return header, delimiter, rows


def _check_closed(text: str, line: int, delimiter: str) -> None:
    """The last row spans several lines: fail if that is an unclosed quote."""
    tail = "".join(io.StringIO(text, newline="").readlines()[line - 1 :])
    try:
        list(csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as e:
        if "end of data" in str(e):
            raise InputError(
                f'line {line}: a quoted field is never closed (a " without its closing "), '
                "so the rest of the file would be one cell"
            ) from None


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _assign(calls: list[dict], leaders: list[str], cap: int | None, has_owner: bool) -> None:
    load = [0] * len(leaders)
    by_key = {name.casefold(): i for i, name in enumerate(leaders)}
    room = 0 if not leaders else math.inf if cap is None else cap * len(leaders)
    turn = 0
    for call in calls:
        call["leader"] = None
        if room <= 0:
            continue
        chosen = None
        if has_owner and call["owner"]:
            i = by_key.get(" ".join(call["owner"].split()).casefold())
            if i is not None and (cap is None or load[i] < cap):
                chosen = i
        if chosen is None:
            for step in range(len(leaders)):
                i = (turn + step) % len(leaders)
                if cap is None or load[i] < cap:
                    chosen = i
                    turn = i + 1
                    break
        load[chosen] += 1
        room -= 1
        call["leader"] = leaders[chosen]


def build(text: Any, leaders: Any = None, cap: Any = None, limit: Any = None) -> dict:
    """The whole result for CSV text; see the module docstring."""
    if not isinstance(text, str):
        raise InputError("csv must be the text of a CSV file")
    leader_names = parse_leaders(leaders)
    cap_value = parse_cap(cap)
    shown = parse_cap(limit, "limit")
    header, delimiter, rows = _read_rows(text)
    cols = _map_columns(header)
    si, ci, mi, oi = cols["score"], cols["customer"], cols["comment"], cols["owner"]

    counts = dict.fromkeys(CATEGORIES, 0)
    invalid = []
    by_score: list[list] = [[] for _ in range(11)]
    for line, row in rows:
        raw = row[si] if si < len(row) else ""
        value = _SCORES.get(raw)
        code = ""
        if value is None:
            value, code = _parse_score(raw)
        if code:
            invalid.append(
                {
                    "line": line,
                    "code": code,
                    "reason": _reason(code, raw),
                    "raw": raw.strip()[:_RAW_MAX],
                    "customer": _cell(row, ci),
                }
            )
            continue
        category = _category(value)
        counts[category] += 1
        if category != PASSIVE:
            by_score[value].append((line, row))

    calls = []
    order = [*range(0, 7), *range(10, 8, -1)]  # detractors 0 up, then promoters 10 down
    for value in order:
        category = _category(value)
        for line, row in by_score[value]:
            calls.append(
                {
                    "rank": len(calls) + 1,
                    "line": line,
                    "customer": _cell(row, ci),
                    "score": value,
                    "category": category,
                    "comment": _cell(row, mi),
                    "owner": _cell(row, oi),
                    "talk_track": TALK_TRACKS[category],
                }
            )
    _assign(calls, leader_names, cap_value, oi is not None)

    per_leader = [{"leader": name, "calls": 0, DETRACTOR: 0, PROMOTER: 0} for name in leader_names]
    slot = {name: entry for name, entry in zip(leader_names, per_leader, strict=True)}
    unassigned = 0
    for call in calls:
        if call["leader"] is None:
            unassigned += 1
        else:
            entry = slot[call["leader"]]
            entry["calls"] += 1
            entry[call["category"]] += 1

    n = sum(counts.values())
    return {
        "counts": counts,
        "percent": {k: (_tenths(v, n) if n else None) for k, v in counts.items()},
        "total": n,
        "rows": len(rows),
        "nps": _tenths(counts[PROMOTER] - counts[DETRACTOR], n) if n else None,
        "margin": margin_of_error(counts[PROMOTER], counts[DETRACTOR], n),
        "invalid": invalid[:shown],
        "invalid_total": len(invalid),
        "calls": calls[:shown],
        "calls_total": len(calls),
        "per_leader": per_leader,
        "assigned": len(calls) - unassigned,
        "unassigned": unassigned,
        "leaders": leader_names,
        "cap": cap_value,
        "columns": {role: (None if i is None else header[i].strip()) for role, i in cols.items()},
        "delimiter": delimiter,
        "encoding_suspect": "\ufffd" in text,
    }


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def calls_csv(result: dict) -> str:
    """The call list of a build() result as CSV text (BOM, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    has_owner = result["columns"].get("owner") is not None
    head = ["rank", "customer", "score", "category", "leader", "talk_track", "comment"]
    writer.writerow([*head, *(["owner"] if has_owner else []), "line"])
    for c in result["calls"]:
        row = [
            c["rank"],
            _safe(c["customer"]),
            c["score"],
            c["category"],
            _safe(c["leader"] or ""),
            c["talk_track"],
            _safe(c["comment"]),
        ]
        if has_owner:
            row.append(_safe(c["owner"]))
        row.append(c["line"])
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def handle(request: dict) -> dict:
    """The api op "nps": the result, or with format "csv" the call list as CSV text."""
    fmt = request.get("format") or "json"
    if fmt not in ("json", "csv"):
        raise InputError(f"format must be 'json' or 'csv', not {fmt!r}")
    limit = None if fmt == "csv" else request.get("limit")
    result = build(request.get("csv"), request.get("leaders"), request.get("cap"), limit)
    if fmt == "csv":
        return {
            "csv": calls_csv(result),
            "filename": EXPORT_FILENAME,
            "calls": len(result["calls"]),
        }
    return result
