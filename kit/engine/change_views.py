"""Change and gap on team views: two rounds (kit.engine.aggregate outputs, from
result files and codes or from opened team rounds) compared per role, dimension
and question, and the gap between a view's two roles.

A view keeps no single person's scores (anonymity), so the spread is taken from
what it does keep:

- a question: its distribution of answers gives the exact mean and sample sd
  of the scored answers ("don't know" left out);
- a dimension (or overall): its respondents' mean, and as sd the weighted mean
  of its questions' sds. A score averages its questions, and the spread of an
  average is never larger than the average of the spreads, so this is the
  largest spread the answers allow: the threshold errs on the side of "within
  answer noise", never of "reliable".

A figure withheld for anonymity on either side is withheld here too
(status "withheld", with the reason), so a comparison never shows more than
the team view does. The rest follows kit.engine.change (same rows, minimum and
threshold).
"""

import math

from . import change as ch
from .errors import InputError
from .model import Questionnaire

WITHHELD = "withheld"


def _item_sd(model: Questionnaire, q, stat: dict) -> float | None:
    """The sample sd (0-100 points) of a question's scored answers, from its distribution."""
    scale = model.scales[q.scale]
    span = scale.high - scale.low
    if not q.scored or not span:
        return None
    values = []
    for d in stat.get("distribution", ()):
        if d["scored"] and d["count"]:
            x = 100 * (d["value"] - scale.low) / span
            values.append((100 - x if q.reverse else x, d["count"]))
    n = sum(c for _, c in values)
    if n < 2:
        return None
    mean = sum(x * c for x, c in values) / n
    return math.sqrt(sum(c * (x - mean) ** 2 for x, c in values) / (n - 1))


def _shown(stat: dict | None) -> bool:
    return bool(stat) and not stat.get("withheld") and stat.get("mean") is not None


def _item_stat(model: Questionnaire, q, stat: dict) -> ch.Stat:
    n = stat.get("n_scored", stat.get("n", 0))
    return ch.Stat(n, stat["mean"], _item_sd(model, q, stat), ch.item_noise(model, q))


def _score_stat(model: Questionnaire, view: dict, role: str, stat: dict, did) -> ch.Stat:
    """A dimension's (None: overall) Stat, its sd bounded by its questions' sds."""
    questions = [q for q in model.questions if q.scored and (did is None or q.dimension == did)]
    items = {i["id"]: i["roles"].get(role) for i in view.get("items", ())}
    spread, weight = 0.0, 0.0
    for q in questions:
        s = items.get(q.id)
        sd = _item_sd(model, q, s) if _shown(s) else None
        if sd is not None:
            spread += q.weight * sd
            weight += q.weight
    sd = spread / weight if weight else None
    return ch.Stat(stat["n"], stat["mean"], sd, ch.mean_noise(model, questions))


def _label(q, role: str) -> str:
    """A question's short name, else its text as the role reads it."""
    return q.short or q.texts.get(role) or next(iter(q.texts.values()), q.id)


def _withheld_row(id_, label, reason: str, **extra) -> dict:
    return {"id": id_, "label": label, "status": WITHHELD, "reliable": False,
            "matters": False, "note": reason, **extra}  # fmt: skip


def _reason(a: dict | None, b: dict | None) -> str:
    for s in (a, b):
        if s and s.get("withheld"):
            return s.get("reason") or WITHHELD
    return ch.MISSING


def _check_view(model: Questionnaire, view, what: str) -> dict:
    if not isinstance(view, dict) or not isinstance(view.get("dimensions"), list):
        raise InputError(f"'{what}' must be a team view (the output of the op 'aggregate')")
    quest = view.get("questionnaire") or {}
    if quest.get("id") != model.id or quest.get("version") != model.version:
        raise InputError(
            f"'{what}' is a team view of {quest.get('id')!r} version {quest.get('version')!r},"
            f" not of '{model.id}' version {model.version}"
        )
    return view


def _role_ids(view: dict) -> dict:
    return {r["id"]: r for r in view.get("roles", ())}


def compare_views(model: Questionnaire, before: dict, after: dict, role: str) -> dict:
    """One role's change from the `before` view to the `after` view: overall, per
    dimension and per question, each row as in kit.engine.change (groups)."""
    before = _check_view(model, before, "before")
    after = _check_view(model, after, "after")
    rb, ra = _role_ids(before).get(role), _role_ids(after).get(role)
    if rb is None or ra is None:
        raise InputError(f"unknown role {role!r}")

    def row(id_, label, sb, sa, make_stat, **extra):
        if not (_shown(sb) and _shown(sa)):
            return _withheld_row(id_, label, _reason(sb, sa), **extra)
        out = ch.change_row(id_, label, make_stat(before, sb), make_stat(after, sa), people=False)
        return {**out, **extra}

    overall = row(None, "Overall", before["overall"]["roles"].get(role),
                  after["overall"]["roles"].get(role),
                  lambda v, s: _score_stat(model, v, role, s, None))  # fmt: skip
    dims_b = {d["id"]: d for d in before["dimensions"]}
    dims_a = {d["id"]: d for d in after["dimensions"]}
    dimensions = [
        row(
            d.id,
            d.title,
            dims_b[d.id]["roles"].get(role),
            dims_a[d.id]["roles"].get(role),
            lambda v, s, did=d.id: _score_stat(model, v, role, s, did),
        )  # fmt: skip
        for d in model.dimensions
        if d.id in dims_b and d.id in dims_a
    ]
    items_b = {i["id"]: i for i in before.get("items", ())}
    items_a = {i["id"]: i for i in after.get("items", ())}
    items = [
        row(
            q.id,
            _label(q, role),
            items_b[q.id]["roles"].get(role),
            items_a[q.id]["roles"].get(role),
            lambda v, s, q=q: _item_stat(model, q, s),
            dimension=q.dimension or None,
        )  # fmt: skip
        for q in model.questions
        if q.scored and q.id in items_b and q.id in items_a
    ]
    return {
        "method": ch.METHOD_GROUPS,
        "role": role,
        "label": rb["label"],
        "n_before": rb["n"],
        "n_after": ra["n"],
        "withheld": rb["withheld"] or ra["withheld"],
        "reason": rb["reason"] or ra["reason"],
        "overall": overall,
        "dimensions": dimensions,
        "items": items,
    }


def gap_view(model: Questionnaire, view: dict) -> dict:
    """The gap between a view's two compared roles (first minus second; in the
    kit's questionnaires the managers' self-view minus their people's view)."""
    view = _check_view(model, view, "view")
    pair = view.get("compare")
    if not pair:
        return {"shown": False, "reason": "this questionnaire has one role: no gap"}
    if not pair.get("shown"):
        return {"shown": False, "reason": pair.get("reason"), "roles": pair["roles"]}
    first, second = pair["roles"]

    def row(id_, label, stats, make_stat, **extra):
        s, t = stats.get(first), stats.get(second)
        if not (_shown(s) and _shown(t)):
            return _withheld_row(id_, label, _reason(s, t), **extra)
        return {**ch.gap_row(id_, label, make_stat(first, s), make_stat(second, t)), **extra}

    overall = row(None, "Overall", view["overall"]["roles"],
                  lambda r, s: _score_stat(model, view, r, s, None))  # fmt: skip
    dimensions = [
        row(
            d["id"],
            d["title"],
            d["roles"],
            lambda r, s, did=d["id"]: _score_stat(model, view, r, s, did),
        )  # fmt: skip
        for d in view["dimensions"]
    ]
    by_id = {q.id: q for q in model.questions}
    items = [
        row(i["id"], _label(by_id[i["id"]], second), i["roles"],
            lambda r, s, q=by_id[i["id"]]: _item_stat(model, q, s), dimension=i["dimension"])
        for i in view.get("items", ())
        if i["id"] in by_id and by_id[i["id"]].scored
    ]  # fmt: skip
    return {"shown": True, "roles": [first, second], "method": ch.METHOD_GAP,
            "minimum": ch.MIN_RESPONDENTS, "overall": overall, "dimensions": dimensions,
            "items": items}  # fmt: skip
