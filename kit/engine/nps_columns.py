"""Which column of a survey export holds what: by its header, else by its content.

Roles: `score` (the 0-10 answer), `customer` (company or account), `comment`
(the free-text reason), `owner` (who looks after the customer: the leaders
when none are named) and `contacts` (email, phone and contact-person columns,
carried through to the list; several allowed).

By header. Headers are compared with case, spaces and `_ - .` ignored and a
trailing "?" or ":" dropped, at three strengths, strongest first:
  3  the whole header is one of NAMES[role] (what English and German survey
     tools usually call the column: "Company", "E-Mail", "Kundenbetreuer");
  2  the header holds one of WORDS[role] as whole words (a survey question as
     the header: "What is the main reason for your score?");
  1  the header holds one of STEMS[role] inside a word (German compounds:
     "Kundenbetreuerin", "Telefonnummer").
Within a strength the roles are tried in ORDER and the columns left to
right (for whole names: the earlier name in NAMES first); a column plays
one role. Below strength 3 a header match must also fit the column's
content (_fits): a "score" column must hold 0-10 scores in at least half of
its filled cells, so "What is the main reason for your score?" is not taken
for the score.

By content, for a role no header claimed (the first SAMPLE data rows; a
column with fewer than MIN_EVIDENCE filled cells there is never chosen so):
  score    the column with the largest share (at least 90%) of 0-10 whole
           numbers; ties: more distinct values, then the leftmost;
  comment  the text column with the most words per filled cell (at least 3);
  owner    people's names ("Dana Lee") repeated: at most half as many
           different names as filled cells;
  customer short, mostly different texts, in a column whose header does not
           say id, date or number;
  contacts columns of email addresses, phone numbers or different people's
           names.
No customer column: a contact column found stands in for it (a full name,
else an email address, else part of a name or a phone number).

A choice in the request wins over both: {"score": COLUMN, "customer": COLUMN
| null, "comment": ..., "owner": ..., "contacts": [COLUMN, ...]}, COLUMN a
0-based index or a header; null or "" means "no such column"; a role left out
is found as above.
"""

import re
from typing import Any

from .errors import InputError
from .nps_headers import COMPANY_SUFFIXES, NAMES, STEMS, WORDS
from .nps_read import cell, parse_score

ROLES = ("score", "customer", "comment", "owner")
# What a contact column holds.
CONTACT_KINDS = ("name", "email", "phone")
# Roles tried within one header strength: the most specific first, so that
# "Account Manager" is the owner before "account" could make it the customer.
ORDER = ("score", "owner", "email", "phone", "name", "comment", "customer")
SAMPLE = 200
# Fewer filled cells than this say too little about what a column holds.
MIN_EVIDENCE = 3
MAX_CONTACTS = 4

# Headers that never name a customer, however their cells look.
NOT_CUSTOMER = frozenset(("id", "date", "time", "number", "nr", "no", "datum", "zeit", "nummer"))

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s()./-]+$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d|^\d\d?[./]\d\d?[./]\d{2,4}")


def norm(name: str) -> str:
    """Header or person name for comparison: case, spaces, _ - . ignored."""
    for ch in "_-.":
        name = name.replace(ch, " ")
    return " ".join(name.split()).casefold().rstrip("?:").strip()


def _words(name: str) -> str:
    """The header's words only, space-separated and padded for whole-word search."""
    return " " + " ".join(re.findall(r"\w+", norm(name))) + " "


def _strength(role: str, header: str) -> int:
    if norm(header) in NAMES[role]:
        return 3
    words = _words(header)
    if any(f" {w} " in words for w in WORDS[role]):
        return 2
    if any(s in words for s in STEMS[role]):
        return 1
    return 0


def _is_phone(value: str) -> bool:
    if not _PHONE.match(value) or _DATE.match(value):
        return False
    digits = sum(ch.isdigit() for ch in value)
    return digits >= 7 and (value[0] in "+0(" or any(ch in value for ch in " -/"))


def _is_person(value: str) -> bool:
    """ "Dana Lee", "Anna-Lena von Berg": capitalised words, no digits, not a company."""
    parts = value.split()
    if parts and parts[-1].casefold().rstrip(".") in COMPANY_SUFFIXES:
        return False
    return 2 <= len(parts) <= 4 and all(
        p[0].isupper() and all(ch.isalpha() or ch in "-'." for ch in p) for p in parts
    )


class _Profile:
    """What a column's first SAMPLE filled cells look like, as shares of them."""

    def __init__(self, values: list[str]):
        n = len(values) or 1
        self.filled = len(values)
        self.score = sum(not parse_score(v)[1] for v in values) / n
        self.email = sum(bool(_EMAIL.match(v)) for v in values) / n
        self.phone = sum(_is_phone(v) for v in values) / n
        self.text = sum(any(ch.isalpha() for ch in v) for v in values) / n
        self.words = sum(len(v.split()) for v in values) / n
        self.person = sum(_is_person(v) for v in values) / n
        self.distinct = len({v.casefold() for v in values})
        self.digits = sum(any(ch.isdigit() for ch in v) for v in values) / n


def _fits(role: str, p: _Profile) -> bool:
    """A header match below strength 3 also has content that suits the role."""
    if role == "score":
        return p.score >= 0.5
    if role == "email":
        return p.email >= 0.5
    if role == "phone":
        return p.phone >= 0.5
    return p.text >= 0.5 and p.email < 0.5


def _by_content(role: str, p: _Profile, header: str) -> float:
    """How well a column's content suits a role no header claimed: 0 for not at all."""
    if p.filled < MIN_EVIDENCE:
        return 0
    if role == "score":
        return p.score + p.distinct / 100 if p.score >= 0.9 else 0
    if role == "comment":
        return p.words if p.text >= 0.8 and p.words >= 3 and p.person < 0.5 else 0
    if role == "owner":
        repeated = p.distinct * 2 <= p.filled
        return 1 if p.person >= 0.8 and repeated else 0
    if role == "customer":
        if NOT_CUSTOMER & set(_words(header).split()) or p.digits > 0.2:
            return 0
        short = p.text >= 0.8 and p.words <= 5 and p.email < 0.5 and p.person < 0.5
        return 1 if short and p.distinct * 2 >= p.filled else 0
    if role == "email":
        return 1 if p.email >= 0.8 else 0
    if role == "phone":
        return 1 if p.phone >= 0.8 else 0
    # name: different people (a repeated name is more likely the owner)
    return 1 if p.person >= 0.8 and p.distinct * 2 > p.filled else 0


def _index(headers: list[str], value: Any, role: str) -> int | None:
    """A chosen column (index or header) as an index; None for "no such column"."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(headers):
            return value
    elif isinstance(value, str):
        wanted = norm(value)
        for i, h in enumerate(headers):
            if norm(h) == wanted:
                return i
    shown = ", ".join(repr(h.strip()) for h in headers)
    raise InputError(f"{role} column {value!r} is not in the header (it has {shown})")


def detect(headers: list[str], rows: list[tuple[int, list[str]]], chosen: Any = None) -> dict:
    """{role: index | None, "contacts": [index], "how": {...}, "kinds": {index: kind}}."""
    if chosen is None:
        chosen = {}
    if not isinstance(chosen, dict):
        raise InputError("columns must be a mapping of role to column")
    unknown = sorted(set(chosen) - {*ROLES, "contacts"})
    if unknown:
        raise InputError(
            f"columns: unknown role {unknown[0]!r} (use {', '.join(ROLES)} or contacts)"
        )
    sample = [row for _, row in rows[:SAMPLE]]
    profiles = [
        _Profile([v for v in (cell(r, i) for r in sample) if v]) for i in range(len(headers))
    ]
    found: dict = dict.fromkeys(ROLES)
    how: dict = {}
    kinds: dict[int, str] = {}
    contacts: list[int] = []
    taken: set[int] = set()

    for role in ROLES:
        if role in chosen:
            i = _index(headers, chosen[role], role)
            if i is not None and i in taken:
                other = next(r for r in ROLES if found[r] == i)
                raise InputError(
                    f"{role} column {headers[i].strip()!r} is already the {other} column: "
                    "choose another one, or none"
                )
            found[role] = i
            how[role] = "chosen"
            if i is not None:
                taken.add(i)
    if "contacts" in chosen:
        values = chosen["contacts"] or []
        if not isinstance(values, list):
            raise InputError("columns: contacts must be a list of columns")
        for value in values:
            i = _index(headers, value, "contact")
            if i is not None and i not in taken:
                contacts.append(i)
                taken.add(i)
                kinds[i] = _kind(profiles[i], headers[i])
        how["contacts"] = "chosen"

    def open_role(role: str) -> bool:
        if role in CONTACT_KINDS:
            return "contacts" not in chosen and len(contacts) < MAX_CONTACTS
        return role not in chosen and found[role] is None

    def place(role: str, i: int, source: str) -> None:
        taken.add(i)
        if role in CONTACT_KINDS:
            contacts.append(i)
            kinds[i] = role
            how.setdefault("contacts", source)
        else:
            found[role] = i
            how[role] = source

    for strength in (3, 2, 1):
        for role in ORDER:
            found_here = [i for i, h in enumerate(headers) if _strength(role, h) == strength]
            if strength == 3:  # the earlier name wins: "Company" before "Name"
                found_here.sort(key=lambda i: NAMES[role].index(norm(headers[i])))
            for i in found_here:
                if i in taken or not open_role(role):
                    continue
                if strength == 3 or _fits(role, profiles[i]):
                    place(role, i, "header")

    for role in ("score", "comment", "owner", *CONTACT_KINDS, "customer"):
        if not open_role(role):
            continue
        ranked = [
            (_by_content(role, profiles[i], headers[i]), -i)
            for i in range(len(headers))
            if i not in taken
        ]
        for fit, neg in sorted(ranked, reverse=True):
            if fit <= 0 or not open_role(role):
                break
            place(role, -neg, "content")
            if role not in CONTACT_KINDS:
                break

    if found["customer"] is None and not {"customer", "contacts"} & set(chosen) and contacts:

        def stand_in(i: int) -> tuple:
            # A full name ("Eva Lange"), else an email, then a part of a name, a phone.
            full = kinds[i] == "name" and profiles[i].person >= 0.5
            rank = 0 if full else {"email": 1, "name": 2, "phone": 3}[kinds[i]]
            return rank, i

        first = min(contacts, key=stand_in)
        contacts.remove(first)
        found["customer"] = first
        how["customer"] = how.get("contacts", "header")
    if found["score"] is None:
        names = ", ".join(repr(h.strip()) for h in headers if h.strip()) or "none"
        raise InputError(
            f"no score column: the header (first line) has {names}; no column holds 0-10 "
            f"scores either; name the 0-10 score column one of: {', '.join(NAMES['score'])} "
            "(or choose the column)"
        )
    contacts.sort()
    return {**found, "contacts": contacts, "how": how, "kinds": {i: kinds[i] for i in contacts}}


def _kind(p: _Profile, header: str) -> str:
    """email, phone or name: what a chosen contact column holds."""
    if p.email >= 0.5 or _strength("email", header):
        return "email"
    if p.phone >= 0.5 or _strength("phone", header):
        return "phone"
    return "name"
