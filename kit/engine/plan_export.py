"""A checked plan document (kit.engine.plan_doc) as Markdown, CSV and iCalendar text.

The calendar file follows RFC 5545: one all-day VEVENT per check-in date
listing the actions checked then, CRLF line ends, content lines folded at 75
octets (never inside a UTF-8 character), TEXT values escaped (backslash,
semicolon, comma, line break), a UID per plan and date (so importing an
updated plan again updates the events) and the DTSTAMP the page sends.
"""

import csv
import datetime
import io
import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SLUG = re.compile(r"[^a-z0-9]+")


def filename(doc: dict, ext: str) -> str:
    slug = _SLUG.sub("-", f"{doc['questionnaire']} plan {doc['start']}".lower()).strip("-")
    return f"{slug}.{ext}"


def _checkins(doc: dict) -> list[tuple[str, list[dict]]]:
    dates: dict[str, list[dict]] = {}
    for item in doc["items"]:
        dates.setdefault(item["checkin"], []).append(item)
    return sorted(dates.items())


# --- Markdown ------------------------------------------------------------------


def _md_line(text: str) -> str:
    """User text on one Markdown line: no line breaks, no accidental heading or list."""
    return " ".join(text.split()).replace("<", "&lt;")


def markdown(doc: dict, labels: dict) -> str:
    out = [f"# {_md_line(doc['title'])}", ""]
    out.append(f"- **{labels['role']}:** {_md_line(doc['role_label'])}")
    out.append(f"- **{labels['start']}:** {doc['start']}")
    out.append("")
    areas: dict[str, list[dict]] = {}
    for item in doc["items"]:
        areas.setdefault(item["focus"], []).append(item)
    for focus, items in areas.items():
        out += [f"## {_md_line(focus) or '–'}", ""]
        for item in items:
            box = "x" if item["done"] else " "
            out.append(f"- [{box}] {_md_line(item['action'])}")
            out.append(f"  - {labels['owner']}: {_md_line(item['owner'])}")
            out.append(f"  - {labels['due']}: {item['due']}")
            out.append(f"  - {labels['evidence']}: {_md_line(item['evidence'])}")
            out.append(f"  - {labels['checkin']}: {item['checkin']}")
        out.append("")
    out += [f"## {labels['checkin']}", ""]
    for date, items in _checkins(doc):
        out.append(f"- {date}: {len(items)} × {labels['action']}")
    out += ["", f"## {labels['commitments']}", ""]
    commitments = [line.rstrip() for line in doc["commitments"].strip().splitlines()]
    out += [*(commitments or ["…"]), ""]
    for source in doc["sources"]:
        out.append(f"*{labels['source']}: {_md_line(source)}*")
    return "\n".join(out).rstrip("\n") + "\n"


# --- CSV ----------------------------------------------------------------------


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_text(doc: dict, labels: dict) -> str:
    """One row per action; BOM and CRLF so spreadsheet programs read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    keys = ("focus", "action", "owner", "due", "evidence", "checkin", "done")
    writer.writerow([labels[k] for k in keys])
    for item in doc["items"]:
        writer.writerow(
            [_safe(item[k]) for k in ("focus", "action", "owner")]
            + [item["due"], _safe(item["evidence"]), item["checkin"], "x" if item["done"] else ""]
        )
    return "\ufeff" + out.getvalue()


# --- iCalendar (RFC 5545) ---------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and line breaks escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        # Back off to the start of a character: UTF-8 continuation bytes are 10xxxxxx.
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with one space
    return "\r\n ".join(parts)


def _day(date: str) -> str:
    return date.replace("-", "")


def ics(doc: dict, labels: dict, stamp: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cx-kit//action plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(doc['title'])}",
    ]
    summary = labels["checkin_event"].replace("{title}", doc["title"])
    for date, items in _checkins(doc):
        following = (datetime.date.fromisoformat(date) + datetime.timedelta(days=1)).isoformat()
        body = [f"{labels['role']}: {doc['role_label']}", ""]
        for item in items:
            owner, due = f"{labels['owner']}: {item['owner']}", f"{labels['due']}: {item['due']}"
            body.append(f"- {item['action']} ({owner}; {due})")
            body.append(f"  {labels['evidence']}: {item['evidence']}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{doc['uid']}-{_day(date)}@cx-kit",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(date)}",
            f"DTEND;VALUE=DATE:{_day(following)}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(chr(10).join(body))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
