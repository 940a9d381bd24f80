"""Summarising a team view: per-role tables into the view's statistics, roles and gaps."""

import re
from typing import Any

from . import checklist
from . import team_stats as ts
from .aggregate_score import _Scored
from .model import Questionnaire

_LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _first_link(text: str) -> str | None:
    m = _LINK_RE.search(text)
    return m.group(1) if m else None


def _guide(model: Questionnaire, did: str) -> tuple[str | None, dict | None]:
    dim = model.dimension(did)
    if dim is None or not dim.recommendations:
        return None, None
    rec = dim.recommendations[0]
    return _first_link(rec.text), {"id": rec.id, "text": rec.text}


def _summarise(
    model: Questionnaire, tally: list[_Scored], k: int, pair, accepted, rejected, warnings
) -> dict[str, Any]:
    role_ids = [r.id for r in model.roles]
    n = dict.fromkeys(role_ids, 0)
    incomplete = dict.fromkeys(role_ids, 0)
    items = {r: {q.id: {} for q in model.questions} for r in role_ids}
    dims = {r: {d.id: {} for d in model.dimensions} for r in role_ids}
    overall = {r: {} for r in role_ids}
    for s in tally:
        c = s.count
        n[s.role] += c
        answers = items[s.role]
        for qid, value in zip(s.qids, s.values, strict=True):
            counts = answers[qid]
            counts[value] = counts.get(value, 0) + c
        if not s.complete:
            incomplete[s.role] += c
            continue
        for did, value in zip(s.dim_ids, s.scores, strict=True):
            if value is not None:
                counts = dims[s.role][did]
                t = ts.tenths(value)
                counts[t] = counts.get(t, 0) + c
        if s.overall is not None:
            t = ts.tenths(s.overall)
            overall[s.role][t] = overall[s.role].get(t, 0) + c
    tables = {"n": n, "incomplete": incomplete, "items": items, "dims": dims, "overall": overall}
    return summarise_tables(model, tables, k, pair, accepted, rejected, warnings)


def summarise_tables(
    model: Questionnaire, tables: dict, k: int, pair, accepted, rejected, warnings, reasons=None
) -> dict[str, Any]:
    """The team view of per-role tables {"n", "incomplete", "items", "dims", "overall"}
    (see kit.engine.team_stats); `reasons` may name why a role is withheld."""
    n, incomplete, items = tables["n"], tables["incomplete"], tables["items"]
    dims, overall = tables["dims"], tables["overall"]
    roles = []
    shown = {}
    for r in model.roles:
        if (reasons or {}).get(r.id):
            reason = reasons[r.id]
        elif n[r.id] == 0:
            reason = ts.NO_RESULTS
        else:
            reason = ts.group_reason(k) if n[r.id] < k else None
        shown[r.id] = reason is None
        roles.append(
            {
                "id": r.id,
                "label": r.label,
                "short": r.short or r.label,
                "n": n[r.id],
                "incomplete": incomplete[r.id],
                "withheld": reason is not None,
                "reason": reason,
            }
        )

    def per_role(make) -> dict[str, dict]:
        return {
            r.id: make(r.id) if shown[r.id] else ts.withheld(roles[i]["reason"])
            for i, r in enumerate(model.roles)
        }

    dim_out = []
    for d in model.dimensions:
        stats = per_role(lambda r, d=d: ts.score_stat(dims[r][d.id], k))
        guide, rec = _guide(model, d.id)
        dim_out.append(
            {
                "id": d.id,
                "title": d.title,
                "description": d.description,
                "roles": stats,
                "gap": ts.gap(stats, pair),
                "guide": guide,
                "recommendation": rec,
            }
        )
    dim_by_id = {d["id"]: d for d in dim_out}

    item_out = []
    for q in model.questions:
        stats = per_role(lambda r, q=q: ts.item_stat(model, q, items[r][q.id], k))
        item_out.append(
            {
                "id": q.id,
                "dimension": q.dimension or None,
                "short": q.short,
                "texts": dict(q.texts),
                "scored": q.scored,
                "reverse": q.reverse,
                "roles": stats,
                "gap": ts.gap(stats, pair) if q.scored else None,
            }
        )

    overall_stats = per_role(lambda r: ts.score_stat(overall[r], k))
    everyone = _everyone(model, dims, overall, k)
    ranked = sorted(
        (i for i in item_out if i["gap"] is not None), key=lambda i: -abs(i["gap"])
    )  # stable: ties keep definition order
    largest = []
    for i in ranked:
        dim = dim_by_id.get(i["dimension"]) or {}
        largest.append(
            {
                "id": i["id"],
                "short": i["short"],
                "texts": i["texts"],
                "dimension": i["dimension"],
                "dimension_title": dim.get("title"),
                "gap": i["gap"],
                "means": {r: i["roles"][r]["mean"] for r in pair},
                "guide": dim.get("guide"),
                "recommendation": (dim.get("recommendation") or {}).get("id"),
            }
        )

    if pair is None:
        gap_info = None
    else:
        blocked = [role for role in roles if role["id"] in pair and role["withheld"]]
        why = [
            f"{role['id']}: " + ("no results" if not role["n"] else f"fewer than {k} respondents")
            for role in blocked
        ]
        gap_info = {
            "roles": list(pair),
            "shown": not blocked,
            "reason": f"no gaps: {'; '.join(why)}" if blocked else None,
        }

    return {
        "questionnaire": {"id": model.id, "version": model.version, "title": model.title},
        "min_group": k,
        "compare": gap_info,
        "results": sum(n.values()),
        "roles": roles,
        "overall": {"roles": overall_stats, "gap": ts.gap(overall_stats, pair)},
        "dimensions": dim_out,
        "items": item_out,
        "largest_gaps": largest,
        "everyone": everyone,
        # A checklist's team verdict per role (issue 16; None for other instruments).
        "checklist": checklist.team_verdicts(model, items, per_role),
        "accepted": accepted,
        "rejected": rejected,
        "warnings": warnings,
    }


def _everyone(model: Questionnaire, dims: dict, overall: dict, k: int) -> dict:
    """Scores of all complete results together, whatever the role (for benchmarks).

    Each statistic is withheld below k results, as a role's is.
    """
    return {
        "overall": ts.score_stat(ts.merged(overall.values()), k),
        "dimensions": {
            d.id: ts.score_stat(ts.merged(by_dim[d.id] for by_dim in dims.values()), k)
            for d in model.dimensions
        },
    }
