"""Parity vectors for the op "change" (kit.engine.change): a person's two results,
two rounds of a team (files, then an opened view) and a manager-team gap, per
bundled questionnaire, built from the scoring vectors."""

from kit import loader
from kit.engine.results import encode, record

from .vectors import completed, vectors_for


def change_requests() -> list[dict]:
    requests = []
    for model in loader.load_all():
        d = model.definition
        by_role: dict[str, list] = {}
        for role, answers in vectors_for(model, per_role=6):
            by_role.setdefault(role, []).append(completed(model, answers))
        recs = {
            role: [record(model, role, a, f"change{i:04d}{role[:4]:_<4}abcdefgh", "2026-11-23")
                   for i, a in enumerate(sets)]
            for role, sets in by_role.items()
        }  # fmt: skip
        role, sets = next(iter(recs.items()))
        requests.append({"op": "change", "action": "people", "definition": d,
                         "before": sets[0], "after": sets[-1]})  # fmt: skip
        requests.append({"op": "change", "action": "people", "definition": d, "before": sets[1],
                         "after": encode(model, role, by_role[role][2])})  # fmt: skip

        def items(part, recs=recs):
            return [{"name": r["response_id"], "kind": "record", "data": r}
                    for rs in recs.values() for r in part(rs)]  # fmt: skip

        half = {"op": "change", "definition": d, "min_group": 3}
        requests.append({**half, "action": "groups", "before": items(lambda rs: rs[::2]),
                         "after": items(lambda rs: rs[1::2])})  # fmt: skip
        requests.append({**half, "action": "gap", "items": items(lambda rs: rs)})
        if len(recs) > 1:
            first, second = list(recs.values())[:2]
            requests.append({"op": "change", "action": "gap", "definition": d,
                             "self": first[:1], "team": second})  # fmt: skip
    return requests
