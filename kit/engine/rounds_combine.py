"""Combining the key holders' share-sums of a team round into the team view.

The sums must be of the same round and the same responses; their total per
(team, role) group must be counts that real responses can add up to
(rounds_layout.Layout.problems), else the combination is refused and nothing
is shown. The result has the shape of kit.engine.aggregate's team view (all
teams of the round pooled per role), plus `teams` side by side, `withheld`
groups with their reason and `outcomes` per role. Medians are None: a round
carries sums and 20-point bands, not every score.
"""

from typing import Any

from . import team_stats as ts
from .aggregate import _Reader, summarise_tables
from .errors import InputError
from .model import Questionnaire
from .rounds import SUM_KIND, id_set, ids_digest
from .rounds_check import FORMAT, check_round
from .rounds_layout import Layout, P, unpack


def _check_sums(rnd: dict, sums: Any) -> list[dict]:
    count = len(rnd["key_holders"])
    if not isinstance(sums, list) or len(sums) != count:
        raise InputError(
            f"sums: this round has {count} key holder(s): give {count} share-sum file(s)"
        )
    for i, s in enumerate(sums):
        if not isinstance(s, dict) or s.get("kind") != SUM_KIND or s.get("format") != FORMAT:
            raise InputError(f"sums[{i}]: not a key holder's share-sum (a .cxsum.json file)")
        if s.get("round") != rnd["id"]:
            raise InputError(f"sums[{i}]: it is from another round ({s.get('round')!r})")
        groups, withheld = s.get("groups"), s.get("withheld")
        if (
            not isinstance(groups, dict)
            or not all(
                isinstance(roles, dict) and all(isinstance(g, dict) for g in roles.values())
                for roles in groups.values()
            )
            or not isinstance(withheld, list)
            or not all(
                isinstance(w, dict)
                and isinstance(w.get("team"), str)
                and isinstance(w.get("role"), str)
                and isinstance(w.get("responses"), int)
                for w in withheld
            )
        ):
            raise InputError(f"sums[{i}]: its groups or withheld groups are damaged")
        dup = s.get("duplicates", 0)
        if isinstance(dup, bool) or not isinstance(dup, int) or dup < 0:
            raise InputError(f"sums[{i}].duplicates: expected a count, got {dup!r}")
    holders = sorted(s.get("holder") for s in sums if isinstance(s.get("holder"), int))
    if holders != list(range(count)):
        raise InputError(
            "sums: expected one share-sum from each key holder "
            f"(holders {', '.join(map(str, range(count)))}), got holders {holders}"
        )
    return sorted(sums, key=lambda s: s["holder"])


def _group_vectors(rnd: dict, sums: list[dict], layout: Layout) -> dict[tuple, list[int]]:
    """{(team, role): the group's counts}, after checking that the sums agree."""
    shapes = [
        {
            (t, r): (g.get("responses"), g.get("ids_digest"))
            for t, rs in s["groups"].items()
            for r, g in rs.items()
        }
        for s in sums
    ]
    held = [sorted((w["team"], w["role"], w["responses"]) for w in s["withheld"]) for s in sums]
    if any(shape != shapes[0] for shape in shapes) or any(h != held[0] for h in held):
        raise InputError(
            "refused: the two share-sums are not over the same responses (their groups or "
            "response ids differ): each key holder must open the same sealed files"
        )
    out = {}
    teams = {t["id"] for t in rnd["teams"]}
    for (team, role), (responses, digest) in shapes[0].items():
        where = f"team {team}, role {role}"
        if team not in teams or role not in rnd["roles"]:
            raise InputError(f"sums: {where} is not a group of this round")
        if not isinstance(responses, int) or responses < rnd["minimum"]:
            raise InputError(f"refused: {where} has fewer than {rnd['minimum']} responses")
        for s in sums:
            ids = id_set(s["groups"][team][role].get("ids"), f"sums[{s['holder']}]: {where}")
            if len(ids) != responses or ids_digest(ids) != digest:
                raise InputError(f"sums: {where}: its response ids do not match its digest")
        total = [0] * layout.size
        for s in sums:
            try:
                vector = unpack(s["groups"][team][role].get("vector"), layout.size)
            except InputError as e:
                raise InputError(f"sums[{s['holder']}]: {where}: {e}") from None
            total = [(a + b) % P for a, b in zip(total, vector, strict=True)]
        problems = layout.problems(total, responses)
        if problems:
            raise InputError(
                f"refused: the combined counts of {where} are inconsistent ("
                + "; ".join(problems[:3])
                + "): a share-sum is damaged, from another round, or a submission was forged"
            )
        out[(team, role)] = total
    return out


def _tables(model: Questionnaire, layout: Layout, vectors: dict[str, list[int]]) -> dict:
    """summarise_tables' input from per-role summed vectors."""
    roles = [r.id for r in model.roles]
    empty = [0] * layout.size
    per = {r: layout.tables(vectors.get(r, empty)) for r in roles}
    return {
        "n": {r: per[r]["n"] for r in roles},
        "incomplete": dict.fromkeys(roles, 0),  # a round takes finished forms only
        "items": {r: per[r]["items"] for r in roles},
        "dims": {r: per[r]["dims"] for r in roles},
        "overall": {r: per[r]["overall"] for r in roles},
    }


def _view(model, layout, rnd, vectors, withheld, k, pair) -> dict:
    """The team view of some groups' vectors ({role: vector}); a role whose groups were
    all withheld counts their responses and says why."""
    held = {r.id: [w for w in withheld if w["role"] == r.id] for r in model.roles}
    tables = _tables(model, layout, vectors)
    reasons = {}
    for role, groups in held.items():
        if role not in vectors and groups:
            reasons[role] = ts.group_reason(k)
            tables["n"][role] = sum(w["responses"] for w in groups)
    view = summarise_tables(model, tables, k, pair, [], [], [], reasons)
    for entry in view["roles"]:
        entry["withheld_responses"] = sum(w["responses"] for w in held[entry["id"]])
        shown = entry["id"] in vectors and not entry["withheld"]
        entry["outcomes"] = layout.outcome_counts(vectors[entry["id"]]) if shown else None
    return view


def _own_results(model: Questionnaire, items: Any, team_ids: set) -> dict[str, list]:
    """Manager results shared with consent: {team: [{name, role, overall, dimensions}]}."""
    if items is None:
        return {}
    if not isinstance(items, list):
        raise InputError("manager_results: expected a list of {team, name, kind, data}")
    reader = _Reader(model)
    out: dict[str, list] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("team") not in team_ids:
            raise InputError(f"manager_results[{i}]: expected {{team, name, kind, data}}")
        name = item.get("name") or f"manager_results[{i}]"
        try:
            if item.get("kind") == "code":
                scored = reader.code(str(item.get("data")).split())[0]
            else:
                scored = reader.record(item.get("data"))[0]
        except InputError as e:
            raise InputError(f"manager_results[{i}] ({name}): {e}") from None
        if not scored.complete:
            raise InputError(f"manager_results[{i}] ({name}): the result is not complete")
        out.setdefault(item["team"], []).append(
            {
                "name": name,
                "role": scored.role,
                "overall": scored.overall,
                "dimensions": dict(zip(scored.dim_ids, scored.scores, strict=True)),
            }
        )
    return out


def _beside(own: dict, view: dict, pair) -> dict:
    """An own result beside the team's other role: the gap per dimension and overall."""
    other = None
    if pair and own["role"] in pair:
        other = pair[1] if own["role"] == pair[0] else pair[0]
    sign = 1 if pair and own["role"] == pair[0] else -1

    def gap(mine, stats):
        s = stats.get(other) if other else None
        if mine is None or not s or s["withheld"] or s.get("mean") is None:
            return None
        return round(sign * (mine - s["mean"]), 1)

    return {
        **own,
        "compared_with": other,
        "overall_gap": gap(own["overall"], view["overall"]["roles"]),
        "dimension_gaps": {
            d["id"]: gap(own["dimensions"].get(d["id"]), d["roles"]) for d in view["dimensions"]
        },
    }


def combine(
    model: Questionnaire,
    rnd: Any,
    sums: Any,
    manager_results: Any = None,
    chart_words: Any = None,
) -> dict:
    rnd = check_round(rnd, model)
    sums = _check_sums(rnd, sums)
    layout = Layout(model)
    groups = _group_vectors(rnd, sums, layout)
    k = rnd["minimum"]
    pair = tuple(rnd["roles"][:2]) if len(rnd["roles"]) >= 2 else None
    # The reasons are the engine's own words, not the files'.
    withheld = [
        {
            "team": w["team"],
            "role": w["role"],
            "responses": w["responses"],
            "reason": ts.group_reason(k),
        }
        for w in sums[0]["withheld"]
    ]
    pooled: dict[str, list[int]] = {}
    for (_team, role), x in groups.items():
        pooled[role] = [a + b for a, b in zip(pooled.get(role, [0] * layout.size), x, strict=True)]
    view = _view(model, layout, rnd, pooled, withheld, k, pair)
    own = _own_results(model, manager_results, {t["id"] for t in rnd["teams"]})
    teams = []
    for t in rnd["teams"]:
        mine = {role: x for (team, role), x in groups.items() if team == t["id"]}
        held = [w for w in withheld if w.get("team") == t["id"]]
        tv = _view(model, layout, rnd, mine, held, k, pair)
        teams.append(
            {
                "id": t["id"],
                "label": t["label"],
                "roles": tv["roles"],
                "compare": tv["compare"],
                "overall": tv["overall"],
                "dimensions": [
                    {"id": d["id"], "title": d["title"], "roles": d["roles"], "gap": d["gap"]}
                    for d in tv["dimensions"]
                ],
                "largest_gaps": tv["largest_gaps"][:5],
                "own_results": [_beside(o, tv, pair) for o in own.get(t["id"], [])],
            }
        )
    duplicates = max(s.get("duplicates", 0) for s in sums)
    view["round"] = {
        "id": rnd["id"],
        "name": rnd["name"],
        "minimum": k,
        "key_holders": [h["name"] for h in rnd["key_holders"]],
    }
    view["teams"] = teams
    view["withheld"] = withheld
    view["duplicates"] = duplicates
    if duplicates:
        view["warnings"].append(
            {
                "name": "duplicates",
                "message": f"{duplicates} submission(s) repeated one already counted: "
                "each response is counted once",
            }
        )
    from .charts import gap_svg

    try:
        view["chart"] = gap_svg(view, model.title, words=chart_words)
    except InputError:
        view["chart"] = None
    return view
