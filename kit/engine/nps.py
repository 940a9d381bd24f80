"""Top-down Net Promoter: survey responses in, each leader's call list out.

The classification decides whom leaders call; the score is reported only so a
team can see how much (or how little) one survey says.

Request: {"op": "nps", "csv": TEXT, "leaders": [names] | "A, B", "cap": int |
"3" | null, "passives": percent | "10%" | null, "columns": {role: column} |
null, "format": "json" (default) | "csv", "limit": int | null}.

Reading the CSV is kit.engine.nps_read; which column holds the score, the
customer, the comment, the owner and the contacts is kit.engine.nps_columns
(by header, else by content; "columns" overrides). A row whose score cell is
not a whole number 0-10 is listed in `invalid` with its line, a `code`
(missing, number, fraction, range), an English `reason` and the `raw` cell;
it is never silently dropped. A U+FFFD in the text sets `encoding_suspect`,
so the page can suggest saving as "CSV UTF-8". The result names the columns
used (`columns`: headers; `column_index`: 0-based; `column_how`: "header",
"content" or "chosen" per role; `contact_kinds`: name, email or phone) and
all `headers`, so a page can show the choice and offer the others.

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
  10 down; then a sample of the passives: `passives` percent of them (default
  PASSIVES_DEFAULT, 0 for none), rounded up, so any share above 0 calls at
  least one. The sample is the lowest passives first (7s before 8s: closest
  to turning detractor), then file order: the same file always gives the same
  list. Ties keep file order. `rank` is the position in this order. Each call
  names its talk track: "detractor-call" (detractors and passives: what would
  make it better) or "promoter-call". Each call carries the customer, the
  comment, the owner and the contact cells (`contacts`, in the order of
  `columns.contacts`).

Assigning calls to leaders
  Leader names are trimmed (inner runs of spaces collapsed), empties dropped
  and duplicates removed ignoring case, first spelling kept; a string is
  split at commas and line breaks. When no leader is named and the file has
  an owner column, the leaders are the owners as they first appear in the
  file (`leaders_from` "owner"; "typed" for named leaders, null for none).
  `cap` is the most calls per leader (null or "" for no limit). Calls are
  dealt in rank order, round-robin over the leaders in order, skipping
  leaders at their cap. When a call's owner is one of the leaders (ignoring
  case and extra spaces) with room under the cap, the call goes to that owner
  instead and the round-robin turn does not move. Calls that find no leader
  with room (or when there is no leader) stay in the list with leader null
  and are counted in `unassigned`: nothing is dropped. `sheets` lists each
  leader's call ranks (leaders in order, then null for the unassigned): one
  printable call sheet each.

Showing part of the list: "limit" (a whole number, or null for all) cuts
`calls` and `invalid` to their first `limit` entries, so a page showing 50,000
responses need not lay out every row; `calls_total` and `invalid_total` always
count all of them, and the export always has every call.

Export (format "csv"): the call list as CSV text, kit.engine.nps_export.
"""

import math
from typing import Any

from .errors import InputError
from .nps_columns import detect
from .nps_export import EXPORT_FILENAME, calls_csv
from .nps_read import SCORES, cell, parse_score, read_rows, survey_header

DETRACTOR = "detractor"
PASSIVE = "passive"
PROMOTER = "promoter"
CATEGORIES = (DETRACTOR, PASSIVE, PROMOTER)
TALK_TRACKS = {DETRACTOR: "detractor-call", PASSIVE: "detractor-call", PROMOTER: "promoter-call"}
# Percent of the passives put on the list when the request names no share.
PASSIVES_DEFAULT = 10

_RAW_MAX = 60


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


def parse_passives(value: Any) -> int:
    """The percent of passives to call: 0-100, "15" or "15%"; empty for the default."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return PASSIVES_DEFAULT
    problem = InputError(
        "passives to call must be a whole percent from 0 to 100, such as 10%, "
        f"or empty for the default {PASSIVES_DEFAULT}% (got {value!r})"
    )
    if isinstance(value, bool):
        raise problem
    if isinstance(value, str):
        s = value.strip().removesuffix("%").strip()
        if not (s.isascii() and s.isdigit()):
            raise problem
        value = int(s)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= 100:
        raise problem
    return value


def _owners(rows, index: int | None) -> list[str]:
    """The owner column's names as leaders: first appearance, de-duplicated."""
    if index is None:
        return []
    # Distinct cells first: a survey has thousands of rows and a handful of owners.
    return parse_leaders(list(dict.fromkeys(cell(row, index) for _, row in rows)))


def _assign(calls: list[dict], leaders: list[str], cap: int | None) -> None:
    load = [0] * len(leaders)
    by_key = {name.casefold(): i for i, name in enumerate(leaders)}
    room = 0 if not leaders else math.inf if cap is None else cap * len(leaders)
    turn = 0
    for call in calls:
        call["leader"] = None
        if room <= 0:
            continue
        chosen = None
        if call["owner"]:
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


def _call_order(by_score: list[list], share: int) -> list[tuple[int, list]]:
    """(score, [(line, row)]) groups in call order, passives cut to their sample."""
    passives = len(by_score[7]) + len(by_score[8])
    sample = -(-passives * share // 100)  # rounded up
    groups = [(v, by_score[v]) for v in (*range(0, 7), 10, 9)]
    for value in (7, 8):
        taken = by_score[value][:sample]
        sample -= len(taken)
        groups.append((value, taken))
    return groups


def build(
    text: Any,
    leaders: Any = None,
    cap: Any = None,
    limit: Any = None,
    passives: Any = None,
    columns: Any = None,
) -> dict:
    """The whole result for CSV text; see the module docstring."""
    if not isinstance(text, str):
        raise InputError("csv must be the text of a CSV file")
    leader_names = parse_leaders(leaders)
    cap_value = parse_cap(cap)
    shown = parse_cap(limit, "limit")
    share = parse_passives(passives)
    header, delimiter, rows = read_rows(text)
    header, rows = survey_header(header, rows)
    cols = detect(header, rows, columns)
    si, ci, mi, oi, contact_cols = (
        cols["score"], cols["customer"], cols["comment"], cols["owner"], cols["contacts"]
    )  # fmt: skip

    counts = dict.fromkeys(CATEGORIES, 0)
    invalid = []
    by_score: list[list] = [[] for _ in range(11)]
    for line, row in rows:
        raw = row[si] if si < len(row) else ""
        value = SCORES.get(raw)
        code = ""
        if value is None:
            value, code = parse_score(raw)
        if code:
            invalid.append(
                {
                    "line": line,
                    "code": code,
                    "reason": _reason(code, raw),
                    "raw": raw.strip()[:_RAW_MAX],
                    "customer": cell(row, ci),
                }
            )
            continue
        counts[_category(value)] += 1
        by_score[value].append((line, row))

    calls = []
    for value, group in _call_order(by_score, share):
        category = _category(value)
        for line, row in group:
            calls.append(
                {
                    "rank": len(calls) + 1,
                    "line": line,
                    "customer": cell(row, ci),
                    "contacts": [cell(row, i) for i in contact_cols],
                    "score": value,
                    "category": category,
                    "comment": cell(row, mi),
                    "owner": cell(row, oi),
                    "talk_track": TALK_TRACKS[category],
                }
            )
    leaders_from = "typed" if leader_names else None
    if not leader_names:
        leader_names = _owners(rows, oi)
        leaders_from = "owner" if leader_names else None
    _assign(calls, leader_names, cap_value)

    per_leader = [
        {"leader": name, "calls": 0, **dict.fromkeys(CATEGORIES, 0)} for name in leader_names
    ]
    slot = {name: entry for name, entry in zip(leader_names, per_leader, strict=True)}
    ranks: dict = {name: [] for name in leader_names}
    ranks[None] = []
    for call in calls:
        ranks[call["leader"]].append(call["rank"])
        if call["leader"] is not None:
            entry = slot[call["leader"]]
            entry["calls"] += 1
            entry[call["category"]] += 1
    unassigned = len(ranks[None])

    n = sum(counts.values())
    named = {role: (None if cols[role] is None else header[cols[role]].strip()) for role in
             ("score", "customer", "comment", "owner")}  # fmt: skip
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
        "passives": {
            "share": share,
            "called": sum(c["category"] == PASSIVE for c in calls),
            "of": counts[PASSIVE],
        },
        "per_leader": per_leader,
        "sheets": [{"leader": name, "ranks": r} for name, r in ranks.items() if r],
        "assigned": len(calls) - unassigned,
        "unassigned": unassigned,
        "leaders": leader_names,
        "leaders_from": leaders_from,
        "cap": cap_value,
        "columns": {**named, "contacts": [header[i].strip() for i in contact_cols]},
        "column_index": {
            **{role: cols[role] for role in ("score", "customer", "comment", "owner")},
            "contacts": contact_cols,
        },
        "column_how": cols["how"],
        "contact_kinds": [cols["kinds"][i] for i in contact_cols],
        "headers": [h.strip() for h in header],
        "delimiter": delimiter,
        "encoding_suspect": "\ufffd" in text,
    }


def handle(request: dict) -> dict:
    """The api op "nps": the result, or with format "csv" the call list as CSV text."""
    fmt = request.get("format") or "json"
    if fmt not in ("json", "csv"):
        raise InputError(f"format must be 'json' or 'csv', not {fmt!r}")
    limit = None if fmt == "csv" else request.get("limit")
    result = build(
        request.get("csv"),
        request.get("leaders"),
        request.get("cap"),
        limit,
        request.get("passives"),
        request.get("columns"),
    )
    if fmt == "csv":
        return {
            "csv": calls_csv(result),
            "filename": EXPORT_FILENAME,
            "calls": len(result["calls"]),
        }
    return result
