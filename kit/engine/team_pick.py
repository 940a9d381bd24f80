"""Which questionnaire a drop of results is for: codes and files name it.

The team view sends every questionnaire it offers; the one most items name
wins (the selected one on a tie), so a code is never rejected only because
another questionnaire happened to be selected. Items for the others are
counted so the page can say which were set aside.
"""

from typing import Any

from .aggregate import _CODE_START, _entries


def claimed_counts(items: Any) -> dict[str, int]:
    """Questionnaire id -> how many entries name it, in order of first mention."""
    counts: dict[str, int] = {}
    if not isinstance(items, list):
        return counts
    for index, item in enumerate(items, 1):
        for _name, kind, payload in _entries(item, index, None):
            qid = None
            if kind == "record" and isinstance(payload, dict):
                quest = payload.get("questionnaire")
                if isinstance(quest, dict) and isinstance(quest.get("id"), str):
                    qid = quest["id"]
            elif kind == "code":
                parts = "".join(payload).split(".")
                if len(parts) > 1 and parts[0].startswith(_CODE_START):
                    qid = parts[1]
            if qid is not None:
                counts[qid] = counts.get(qid, 0) + 1
    return counts


def choose(items: Any, offered: dict[str, str], selected: str) -> dict:
    """The questionnaire to aggregate and what was set aside.

    `offered` maps questionnaire id -> title (the page's options), `selected`
    is the one the page had selected. Returns {"id", "title", "switched":
    bool, "set_aside": [{"id", "title", "count"}]}; ids the page does not
    offer are left to aggregate's rejections.
    """
    counts = {q: n for q, n in claimed_counts(items).items() if q in offered}
    best = selected if selected in offered else next(iter(offered))
    if counts:
        top = max(counts.values())
        if counts.get(best, 0) < top:
            best = next(q for q, n in counts.items() if n == top)
    aside = [{"id": q, "title": offered[q], "count": n} for q, n in counts.items() if q != best]
    return {
        "id": best,
        "title": offered[best],
        "switched": best != selected,
        "set_aside": aside,
    }
