"""Result charts as SVG text, drawn here without a chart library.

`chart_svg(model, result, title)` draws the shown dimensions' scores (0-100):
a radar chart for three or more dimensions, horizontal bars otherwise. The SVG
is meant to be placed inline in the page: text and grid lines use
`currentColor`, so they follow the page's light or dark scheme, and the data
use one accent color that keeps a 3:1 contrast on both white and the dark
scheme's background. It is an accessible image (role="img", a <title> and a
<desc> that lists every score in words), has no scripts, no styles, no event
handlers and no external references, and is byte-identical for equal input.

The words and the decimal separator of the text come from `chart_words`
(the request field of the same name): a page in another language passes its
own; a key it leaves out is the English default of WORDS.
"""

import math
import re
from html import escape
from typing import Any

from .errors import InputError
from .model import Questionnaire

ACCENT = "#3a80c9"  # contrast 4.1:1 on white, 3.9:1 on #1e2129
WIDTH = 640
FONT = 'font-family="system-ui, sans-serif" font-size="14" fill="currentColor"'
LINE = 17  # text line height
WRAP_SIDE = 20  # characters per line of a radar label left or right of the chart
WRAP_MIDDLE = 34  # above or below it
WRAP_BARS = 60
CHART_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")

# The English words of every chart; `{name}` marks where a value goes.
WORDS = {
    "decimal": ".",
    "no_score_yet": "no score yet",
    "out_of_100": "{score} out of 100",
    "no_score": "no score",
    "radar": "Radar chart of scores from 0 to 100 by dimension.",
    "bars": "Bar chart of scores from 0 to 100 by dimension.",
    "gap": "gap {gap}",
    "gap_desc": "Bar chart of mean scores from 0 to 100 by dimension and group.",
    "groups_title": "{title}: how the two groups see it",
}
_PLACES = {"out_of_100": "{score}", "gap": "{gap}", "groups_title": "{title}"}


def chart_words(value: Any = None) -> dict[str, str]:
    """WORDS with a page's own words over them, checked (InputError names the key)."""
    if value is None:
        return dict(WORDS)
    if not isinstance(value, dict):
        raise InputError("'chart_words' must be an object of texts")
    for key, text in value.items():
        if key not in WORDS:
            known = ", ".join(WORDS)
            raise InputError(f"'chart_words.{key}' is not a chart word (known: {known})")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"'chart_words.{key}' must be non-empty text")
        place = _PLACES.get(key)
        if place and place not in text:
            raise InputError(f"'chart_words.{key}' must contain {place}")
    return {**WORDS, **value}


def _put(template: str, place: str, value: str) -> str:
    # str.replace, not format: braces in a page's words or titles stay text.
    return template.replace("{" + place + "}", value)


def _dec(number: float, words: dict[str, str], sign: bool = False) -> str:
    """A number shown as text: one decimal, the page's decimal separator."""
    return (f"{number:+.1f}" if sign else f"{number:.1f}").replace(".", words["decimal"])


def _num(x: float) -> str:
    """Fixed coordinate formatting: one decimal, no negative zero."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _score_words(score: float | None, words: dict[str, str]) -> str:
    if score is None:
        return words["no_score_yet"]
    return _put(words["out_of_100"], "score", _dec(score, words))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _shown_scores(model: Questionnaire, result: Any) -> list[tuple[str, str, float | None]]:
    """(id, title, score) of each shown dimension, in definition order.

    `result` is either the engine's score result (dimensions: a list with
    "shown") or a record's result (dimensions: {id: score} of shown ones).
    """
    dims = result.get("dimensions") if isinstance(result, dict) else None
    if isinstance(dims, list):
        scores = {}
        for d in dims:
            if not isinstance(d, dict) or not isinstance(d.get("id"), str):
                raise InputError("the result to chart has a malformed dimension entry")
            if d.get("shown", True):
                scores[d["id"]] = d.get("score")
    elif isinstance(dims, dict):
        scores = dict(dims)
    else:
        raise InputError("the result to chart has no dimension scores")
    out = []
    for did, value in scores.items():
        dim = model.dimension(did)
        if dim is None:
            raise InputError(f"the result to chart has an unknown dimension '{did}'")
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100
        ):
            raise InputError(f"the score of '{did}' is not a number from 0 to 100")
        out.append((did, dim.title, None if value is None else round(float(value), 1)))
    order = [d.id for d in model.dimensions]
    return sorted(out, key=lambda item: order.index(item[0]))


def _text(x: float, y: float, lines: list[str], anchor: str, first_dy: float = 0) -> str:
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(y + first_dy + i * LINE)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" {FONT}>{spans}</text>'


def _radar(items: list[tuple[str, str, float | None]], words: dict) -> tuple[str, list[str]]:
    cx, cy, radius = WIDTH / 2, 0.0, 130
    n = len(items)

    def point(i: int, r: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def ring(r: float) -> str:
        return " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, r) for i in range(n)))

    parts = ['<g fill="none" stroke="currentColor" stroke-opacity="0.3" stroke-width="1">']
    for level in (25, 50, 75, 100):
        parts.append(f'<polygon points="{ring(radius * level / 100)}"/>')
    for i in range(n):
        x, y = point(i, radius)
        parts.append(f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}"/>')
    parts.append("</g>")
    shape = " ".join(
        f"{_num(x)},{_num(y)}"
        for x, y in (point(i, radius * (s or 0) / 100) for i, (_, _, s) in enumerate(items))
    )
    parts.append(
        f'<polygon points="{shape}" fill="{ACCENT}" fill-opacity="0.25" '
        f'stroke="{ACCENT}" stroke-width="2.5" stroke-linejoin="round"/>'
    )
    top = min(point(i, radius)[1] for i in range(n))
    bottom = max(point(i, radius)[1] for i in range(n))
    for i, (did, title, s) in enumerate(items):
        parts.append(f'<g data-dimension="{_attr(did)}" data-score="{_score_attr(s)}">')
        if s is not None:
            x, y = point(i, radius * s / 100)
            parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" fill="{ACCENT}"/>')
        lx, ly = point(i, radius + 14)
        dx = (lx - cx) / (radius + 14)
        dy = (ly - cy) / (radius + 14)
        anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
        lines = _wrap(title, WRAP_MIDDLE if anchor == "middle" else WRAP_SIDE)
        lines.append(_score_label(s, words))
        block = (len(lines) - 1) * LINE
        if dy < -0.3:  # above the chart: the block ends just above the point
            first = -block - 2
        elif dy > 0.3:  # below: it starts just under the point
            first = 14
        else:
            first = 5 - block / 2
        top = min(top, ly + first - 14)
        bottom = max(bottom, ly + first + block + 5)
        parts.append(_text(lx, ly, lines, anchor, first))
        parts.append("</g>")
    top, bottom = math.floor(top) - 6, math.ceil(bottom) + 6
    return f"0 {top} {WIDTH} {bottom - top}", parts


def _bars(items: list[tuple[str, str, float | None]], words: dict) -> tuple[str, list[str]]:
    parts = []
    y = 4.0
    for did, title, s in items:
        lines = _wrap(title, WRAP_BARS)
        parts.append(f'<g data-dimension="{_attr(did)}" data-score="{_score_attr(s)}">')
        parts.append(_text(0, y, lines, "start", 14))
        parts.append(
            f'<text x="{WIDTH}" y="{_num(y + 14)}" text-anchor="end" {FONT}>'
            f"{escape(_score_label(s, words))}</text>"
        )
        bar_y = y + len(lines) * LINE + 4
        parts.append(
            f'<rect x="0" y="{_num(bar_y)}" width="{WIDTH}" height="16" rx="3" '
            f'fill="currentColor" fill-opacity="0.12"/>'
        )
        if s is not None:
            parts.append(
                f'<rect x="0" y="{_num(bar_y)}" width="{_num(WIDTH * s / 100)}" height="16" '
                f'rx="3" fill="{ACCENT}"/>'
            )
        parts.append("</g>")
        y = bar_y + 16 + 18
    return f"0 0 {WIDTH} {round(y - 14)}", parts


def _score_attr(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def _score_label(score: float | None, words: dict[str, str]) -> str:
    return words["no_score"] if score is None else _dec(score, words)


def chart_svg(
    model: Questionnaire,
    result: Any,
    title: str,
    *,
    chart_id: str | None = None,
    words: Any = None,
) -> str:
    """An SVG chart of the shown dimensions' scores.

    `result` is the engine's score result or a record's result. `chart_id`
    (default "cx-chart-<questionnaire id>") prefixes the ids of <title> and
    <desc>; pass distinct ones when a page shows several charts. `words` is
    a request's `chart_words` (see chart_words).
    """
    words = chart_words(words)
    if not isinstance(title, str):
        raise InputError("the chart title must be text")
    chart_id = chart_id if chart_id is not None else f"cx-chart-{model.id}"
    if not isinstance(chart_id, str) or not CHART_ID_RE.fullmatch(chart_id):
        raise InputError("the chart id must be a letter followed by letters, digits, '-' or '_'")
    items = _shown_scores(model, result)
    if not items:
        raise InputError("the result to chart has no shown dimension")
    kind = "radar" if len(items) >= 3 else "bars"
    view_box, parts = _radar(items, words) if kind == "radar" else _bars(items, words)
    listed = "; ".join(f"{t}: {_score_words(s, words)}" for _, t, s in items)
    desc = f"{words[kind]} {listed}."
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" '
        f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'data-chart="{kind}">'
    )
    return "".join(
        [
            head,
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
            *parts,
            "</svg>",
        ]
    )


SECOND = "#b3541e"  # the second group: 4.9:1 on white, 3.4:1 on the dark scheme
# The gap chart is drawn narrow so its 14-unit text stays >= 12 px when a
# 390 px phone shrinks it to the column's width (the page caps its width).
GAP_WIDTH = 400
WRAP_GAP = 38


def gap_svg(aggregate: dict, title: str, *, chart_id: str = "cx-gap", words: Any = None) -> str:
    """Two bars per dimension, one per compared role, with the gap in words.

    `aggregate` is kit.engine.aggregate's result; dimensions where either
    group is withheld (too few respondents) are left out. `title` is the
    questionnaire's: the chart's title is `words["groups_title"]` with it.
    `words` is a request's `chart_words` (see chart_words).
    """
    words = chart_words(words)
    title = _put(words["groups_title"], "title", title)
    if not CHART_ID_RE.fullmatch(chart_id):
        raise InputError("the chart id must be a letter followed by letters, digits, '-' or '_'")
    compare = aggregate.get("compare") or {}
    if not compare.get("shown"):
        raise InputError("no gap to chart: the two groups are not both shown")
    a, b = compare["roles"]
    labels = {r["id"]: r.get("short") or r["label"] for r in aggregate["roles"]}
    rows = []
    for dim in aggregate["dimensions"]:
        sa, sb = dim["roles"].get(a, {}), dim["roles"].get(b, {})
        if sa.get("withheld", True) or sb.get("withheld", True):
            continue
        rows.append((dim["id"], dim["title"], sa["mean"], sb["mean"], dim["gap"]))
    if not rows:
        raise InputError("no dimension has enough answers in both groups to chart")
    # The legend: one line per group, so a long group name is never cut off.
    parts = [
        f'<rect x="0" y="4" width="14" height="14" fill="{ACCENT}"/>',
        _text(20, 4, [labels.get(a, a)], "start", 14),
        f'<rect x="0" y="{4 + LINE + 4}" width="14" height="14" fill="{SECOND}"/>',
        _text(20, 4 + LINE + 4, [labels.get(b, b)], "start", 14),
    ]
    y = 4.0 + 2 * (LINE + 4) + 14
    listed = []
    scale = GAP_WIDTH * 0.8 / 100
    for did, dtitle, ma, mb, gap in rows:
        lines = _wrap(dtitle, WRAP_GAP)
        gap_text = _put(words["gap"], "gap", "–" if gap is None else _dec(gap, words, sign=True))
        parts.append(f'<g data-dimension="{_attr(did)}" data-gap="{_score_attr(gap)}">')
        parts.append(_text(0, y, lines, "start", 14))
        parts.append(
            f'<text x="{GAP_WIDTH}" y="{_num(y + 14)}" text-anchor="end" {FONT}>'
            f"{escape(gap_text)}</text>"
        )
        bar_y = y + len(lines) * LINE + 4
        for mean, color, role in ((ma, ACCENT, a), (mb, SECOND, b)):
            parts.append(
                f'<rect x="0" y="{_num(bar_y)}" width="{_num(scale * mean)}" '
                f'height="14" rx="2" fill="{color}" data-role="{_attr(role)}" '
                f'data-score="{_score_attr(mean)}"/>'
            )
            parts.append(
                f'<text x="{_num(scale * mean + 6)}" y="{_num(bar_y + 12)}" '
                f"{FONT}>{_dec(mean, words)}</text>"
            )
            bar_y += 18
        parts.append("</g>")
        listed.append(
            f"{dtitle}: {labels.get(a, a)} {_dec(ma, words)}, "
            f"{labels.get(b, b)} {_dec(mb, words)}, {gap_text}"
        )
        y = bar_y + 14
    desc = f"{words['gap_desc']} {'; '.join(listed)}."
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GAP_WIDTH} {round(y)}" '
        f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'data-chart="gap" data-width="{GAP_WIDTH}">'
    )
    return "".join(
        [
            head,
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
            *parts,
            "</svg>",
        ]
    )
