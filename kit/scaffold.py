"""`kit new`: a new questionnaire definition to start from, explained field by field.

The text is valid as written (two roles, one scale, two dimensions with a
recommendation each, four questions of which one is reversed, three bands
covering 0-100), so `kit validate` passes and the site builds before anyone
edits it. Line 1 points editors at the JSON schema (kit/questionnaire.schema.json)
for autocompletion.
"""

import datetime
import json
import os
import re
import unicodedata
from pathlib import Path

from .engine.model import ID_HINT, ID_RE
from .loader import QUESTIONNAIRE_DIR
from .schema import SCHEMA_FILE


class ScaffoldError(ValueError):
    """A `kit new` request that cannot be done; the message says why and what to do."""


TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A questionnaire of the customer-centric leadership kit, made by `kit new`.
# Each field has a comment above it: what it is, what it may hold, an example.
# Edit the texts, then check the file (every problem as file:line: message):
#
#   kit validate {file}
#
# The site's "Make the kit your own" page explains the rest. Your editor can
# complete and check fields with the JSON schema named on the first line.

# The questionnaire's id: lowercase letters, digits, '-' or '_', starting with
# a letter or digit. Keep it equal to the file name without .yaml; it is also
# the page's address (assessments/<id>/). Example: leadership-vision
id: {id}

# A whole number, at least 1. Raise it when you change the questions: saved
# answers are kept per version, so old answers never mix with new questions.
# Example: 2
version: 1

# The page title, also shown in the assessments index (text).
# Example: Does our leadership live the customer-centric vision?
title: {title}

# One or two sentences for the assessments index (text). ">-" folds the
# indented lines below into one line.
summary: >-
  Four questions on how close our leaders stay to customers and how they act
  on what they hear.

# Optional: shown above the questions. Markdown: *emphasis*, **bold**,
# [links](guide/index.md) relative to the docs/ folder, blank lines between
# paragraphs. "|" keeps the line breaks as written.
intro: |
  This short assessment asks what leaders *do* for customers, not what they
  say. Answer it for yourself as a leader, or about your manager as a member
  of a team, and compare the two views.

# Credit for the framework the questions come from, shown on the page.
# Required: author and article (text). Optional: publisher (text), year (a
# whole number), url (text). For your own questions, name your own team.
# Example: {{author: MyCustomer, article: "CEM maturity model pt 3",
# publisher: MyCustomer, year: 2019}}
source:
  author: Our customer experience team
  article: Our own questions on customer-centric leadership
  year: {year}

# Who answers: a list of at least one role, each with an id (lowercase, used
# for per-role question texts) and a label (what the respondent picks).
roles:
  - id: manager
    label: I lead people and am rating myself
  - id: employee
    label: I am rating my manager

# Answer scales by name (a lowercase id, here agreement), defined once and
# named by the questions' `scale`.
# Each has options: at least two, shown in this order, each with a value (a
# whole number, unique in the scale) and a label (text). The lowest scored
# value counts as 0, the highest as 100. Add `scored: false` to an option such
# as {{value: 0, label: "Don't know"}} to count it without scoring it.
scales:
  agreement:
    options:
      - {{value: 1, label: Strongly disagree}}
      - {{value: 2, label: Disagree}}
      - {{value: 3, label: Neither agree nor disagree}}
      - {{value: 4, label: Agree}}
      - {{value: 5, label: Strongly agree}}

# Groups of questions, each scored 0-100: a list of at least one.
#   id: lowercase, named by the questions' `dimension`. Example: listening
#   title: its name in results (text). description: optional, one sentence.
#   recommendations: optional list shown when the dimension scores low, the
#     weakest dimension first. Each has an id (lowercase), `below` (shown when
#     the dimension scores below this, above 0 and at most 100; without it
#     always shown) and text (Markdown; links are relative to the docs/ folder,
#     e.g. guide/top-down-nps.md): one text, or one per role, so each reader
#     gets advice they can act on. Optional: roles: [manager] shows it only to
#     those roles; unknown: true shows it when a question of the dimension was
#     answered with an unscored option such as "don't know".
dimensions:
  - id: listening
    title: Listening to customers
    description: Leaders hear first hand what customers need.
    recommendations:
      - id: listening-calls
        below: 70
        text:
          manager: >-
            Put a few customer conversations in your own diary every month: see
            [whom to call](guide/top-down-nps.md#whom-to-call).
          employee: >-
            Ask your manager to join a customer call with you, and share one
            thing a customer told you at your next team meeting.
  - id: acting
    title: Acting on what customers say
    description: Leaders make sure customer problems get solved.
    recommendations:
      - id: acting-own-it
        below: 70
        text: >-
          Stay with a customer issue that reaches you until the customer says it
          is solved: [walking the talk](guide/walking-the-talk.md) explains why.

# The questions, in the order shown: a list of at least one.
#   id: lowercase, the key of the answer. Example: visits
#   dimension: the id of the dimension it counts towards.
#   scale: the name of its answer scale.
#   text: one text for every role, or one per role id (manager: ..., employee: ...).
#   short: optional, a short name used in result lists.
#   help: optional, an explanation shown under the question.
#   reverse: optional, true when agreeing is bad (the scale is flipped).
#   weight: optional, a number above 0 (default 1) for the question's weight.
questions:
  - id: visits
    dimension: listening
    scale: agreement
    short: Talks to customers
    text:
      manager: I talk to customers myself at least once a month.
      employee: My manager talks to customers at least once a month.
  - id: feedback
    dimension: listening
    scale: agreement
    short: Shares feedback
    text:
      manager: I share what customers tell us with my team.
      employee: My manager shares with us what customers tell us.
  - id: too-busy
    dimension: acting
    scale: agreement
    short: Too busy for customers
    reverse: true
    help: Agreeing lowers the score. Answer for the last three months.
    text:
      manager: I am usually too busy with internal matters to deal with customer issues.
      employee: My manager is usually too busy with internal matters to deal with customer issues.
  - id: follow-through
    dimension: acting
    scale: agreement
    short: Sees issues solved
    text: Customer issues that reach our leadership get solved.

# Results by overall score: a list of ranges [min, max) (min included, max
# excluded, except 100 in the top band) that cover 0-100 with no gap and no
# overlap. Each has an id (lowercase), min and max (numbers 0-100), a label
# (the result's name) and a text (what it means and what to do next; one
# text, or one per role). weakest_at_least: optional floor: the band is given
# only when every shown dimension scores at least this, else the result moves
# down to the highest band whose floor is met, so one weak area is never
# hidden by a good average (not on the lowest band; floors rise with the bands).
bands:
  - id: starting
    min: 0
    max: 40
    label: Starting out
    text: >-
      Customers are rarely visible in what leaders do. Pick one habit from the
      recommendations below and keep it up for a quarter.
  - id: growing
    min: 40
    max: 70
    label: Growing
    text: >-
      Some habits are in place but not consistently. Make the weakest area
      below a routine people can count on.
  - id: leading
    min: 70
    max: 100
    weakest_at_least: 50
    label: Leading by example
    text: >-
      Leaders visibly put customers first. Keep it up, and compare this view
      with your team's: the gap between the two is where to look next.

# More you can use (see the bundled questionnaires in kit/questionnaires/):
#   rules: named results checked before the bands, the first that holds wins,
#     e.g. - {{id: all-yes, label: ..., text: ..., when: {{all_items: 5}}}}
#     (when, all must hold: all_items, any_item, dimension_below,
#     any_dimension_below, any_item_at_most, overall_below, overall_at_least,
#     unknown_at_least, count: {{values: [1, 2], at_least: 2}} or fewer_than: N).
#     The result says what decided it: a dimension, questions or the score.
#   checklist: {{"yes": 5}}: an all-or-nothing checklist in which only that
#     answer is a yes; the result is headlined by the number of yeses.
#   report: result sections with their headings: gaps, unknown, weakest.
#   show_if on a question or dimension: {{question: ID, equals: VALUE}} or
#     {{question: ID, in: [VALUES]}}, naming an earlier question.
#   type: route on a question: not scored, its answer only decides what is shown.
"""


def check_id(qid: str) -> None:
    """Raise ScaffoldError saying what is wrong with an id, and a valid one to use."""
    if ID_RE.match(qid) and "\n" not in qid:
        return
    if not qid.strip():
        raise ScaffoldError(f"the id is empty: give one ({ID_HINT}), e.g. acme-pulse")
    stem = qid
    if qid.endswith((".yaml", ".yml")):
        stem = qid.rsplit(".", 1)[0]
        why = "give the id without .yaml"
    else:
        reasons = []
        if any(c.isupper() for c in qid):
            reasons.append("it has capital letters")
        others = sorted({c for c in qid if not re.match(r"[A-Za-z0-9_-]", c)})
        if others:
            reasons.append("it contains " + ", ".join(repr(c) for c in others))
        if qid[0] in "-_":
            reasons.append(f"it starts with '{qid[0]}'")
        why = "; ".join(reasons)
    plain = unicodedata.normalize("NFKD", stem.lower()).encode("ascii", "ignore").decode()
    suggestion = re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")
    hint = f"; try '{suggestion}'" if ID_RE.match(suggestion) else ""
    raise ScaffoldError(f"'{qid}' is not a valid id: {why} ({ID_HINT}){hint}")


def schema_ref(folder: Path) -> str:
    """The schema's path relative to `folder` (where the new file goes), with '/'."""
    try:
        return Path(os.path.relpath(SCHEMA_FILE, folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return SCHEMA_FILE.as_uri()


def default_title(qid: str) -> str:
    """'acme-pulse' -> 'Acme pulse'."""
    return re.sub(r"[-_]+", " ", qid).strip().capitalize()


def render(qid: str, title: str | None = None, folder: Path = QUESTIONNAIRE_DIR) -> str:
    """The definition text for a new questionnaire `qid` to be written into `folder`."""
    check_id(qid)
    title = default_title(qid) if title is None else title
    if not title.strip():
        raise ScaffoldError("--title: expected non-empty text")
    path = folder / f"{qid}.yaml"
    return TEMPLATE.format(
        schema=schema_ref(folder),
        id=qid,
        # A JSON string is a valid YAML double-quoted one: any title is safe.
        title=json.dumps(title.strip(), ensure_ascii=False),
        year=datetime.date.today().year,
        file=_shown(path),
    )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def write(
    qid: str, folder: Path | None = None, title: str | None = None, force: bool = False
) -> Path:
    """Write folder/qid.yaml; refuse to overwrite unless `force`. Returns the path."""
    folder = QUESTIONNAIRE_DIR if folder is None else Path(folder)
    text = render(qid, title, folder)
    path = folder / f"{qid}.yaml"
    bundled = QUESTIONNAIRE_DIR / f"{qid}.yaml"
    if bundled.is_file() and bundled.resolve() != path.resolve():
        raise ScaffoldError(
            f"'{qid}' is already the id of a bundled questionnaire ({bundled.name}); "
            "the build refuses two questionnaires with one id: choose another id"
        )
    if path.exists() and not force:
        raise ScaffoldError(f"{_shown(path)} already exists; use --force to overwrite it")
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{_shown(folder)} is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
