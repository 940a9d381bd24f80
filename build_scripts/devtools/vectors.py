"""Scoring vectors for every bundled questionnaire: answer sets that reach
every band, rule and branch, used to compare CPython with Pyodide."""

import itertools
import random

from kit import loader
from kit.engine.scoring import visible_questions


def _values(model, q):
    return [o.value for o in model.scales[q.scale].options]


def vectors_for(model, per_role: int = 12, seed: int = 7):
    """Deterministic answer sets: extremes, partial, random, and each route choice."""
    rng = random.Random(f"{model.id}-{seed}")
    out = []
    routes = [q for q in model.questions if q.type == "route"]
    route_choices = list(itertools.product(*[_values(model, q) for q in routes])) or [()]
    for role in model.roles:
        for choice in route_choices:
            base = {q.id: v for q, v in zip(routes, choice, strict=True)}
            shown = [q for q in visible_questions(model, base) if q.type != "route"]
            for pick in (min, max):
                out.append((role.id, base | {q.id: pick(_values(model, q)) for q in shown}))
            for _ in range(per_role):
                answers = dict(base)
                for q in shown:
                    if rng.random() < 0.9:
                        answers[q.id] = rng.choice(_values(model, q))
                out.append((role.id, answers))
        out.append((role.id, {}))
    return out


def all_requests():
    """Score every vector; for complete ones also record, encode, decode and chart."""
    from kit.engine import score
    from kit.engine.results import encode

    requests = []
    for model in loader.load_all():
        d = model.definition
        for i, (role, answers) in enumerate(vectors_for(model)):
            requests.append({"op": "score", "definition": d, "role": role, "answers": answers})
            if i % 4 or not score(model, role, answers)["band"]:
                continue
            rid = f"vector{i:04d}abcdefghij"
            keep = {"definition": d, "role": role, "answers": answers, "date": "2026-11-23"}
            requests += [
                {"op": "result", "action": "keep", "response_id": rid, **keep},
                {"op": "result", "action": "decode", "definition": d,
                 "code": encode(model, role, answers)},
            ]  # fmt: skip
    return requests
