"""Reading a survey export for the NPS call list: CSV text in, header and rows out.

- UTF-8 text with or without a byte-order mark; a U+FFFD in the text (what a
  browser or `kit nps` puts in place of bytes that were not UTF-8) is the
  caller's sign that the file was not UTF-8.
- The header is the first non-blank line. Its delimiter is sniffed from that
  line: whichever of tab, semicolon and comma occurs most often outside
  quotes (ties in that order; none at all means a one-column comma file).
- Quoted fields may hold delimiters, doubled quotes and line breaks. Line
  numbers are physical lines of the file, so a row after a quoted
  multi-line field has the number an editor shows; a row is reported at the
  line where it starts.
- Blank lines, and rows whose every cell is blank (",,,"), are ignored.
- A score is a whole number from 0 to 10, surrounding spaces allowed.
  "7.0" and "7,0" are accepted (spreadsheets write whole numbers that
  way); "7.5" is not (the 0-10 question has no halves: such a value comes
  from another scale or an average).
"""

import csv
import io

from .errors import InputError

DELIMITERS = ("\t", ";", ",")
# Cell text -> score, for the common case without a parse.
SCORES = {str(i): i for i in range(11)}


def sniff(text: str) -> str:
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


def parse_score(cell: str) -> tuple[int | None, str]:
    """(score, "") or (None, problem code: missing, number, fraction, range)."""
    s = cell.strip()
    if s in SCORES:
        return SCORES[s], ""
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


def read_rows(text: str) -> tuple[list[str], str, list[tuple[int, list[str]]]]:
    """Header, delimiter and (line, row) of each non-blank data row."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("no responses: the CSV is empty (choose a file or paste the responses)")
    delimiter = sniff(text)
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


def _is_import_ids(row: list[str]) -> bool:
    """Qualtrics' third header row: {"ImportId": ...} in (nearly) every filled cell."""
    filled = [c.strip() for c in row if c.strip()]
    return bool(filled) and sum(c.startswith('{"ImportId"') for c in filled) * 2 > len(filled)


def survey_header(header: list[str], rows: list) -> tuple[list[str], list]:
    """Header and data rows with a survey tool's extra header rows taken off.

    Qualtrics exports three header rows: column ids (Q1, RecipientEmail), then
    the labels and question texts, then {"ImportId": ...} cells. When the
    ImportId row is there, the label row becomes the header (an empty label
    keeps the id) and neither row is read as a response.
    """
    if len(rows) >= 2 and _is_import_ids(rows[1][1]):
        labels = rows[0][1]
        named = [
            labels[i].strip() if i < len(labels) and labels[i].strip() else h
            for i, h in enumerate(header)
        ]
        return named, rows[2:]
    if rows and _is_import_ids(rows[0][1]):
        return header, rows[1:]
    return header, rows


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


def cell(row: list[str], index: int | None) -> str:
    """The trimmed cell, "" for no column or a short row."""
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
