"""Scoring vectors for every bundled questionnaire: answer sets that reach
every band, rule and branch, used to compare CPython with Pyodide."""

import itertools
import random
from pathlib import Path

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


# The verdict fixtures live with the tests (data, not code).
VERDICTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "verdicts"
# Answer sets that reach every kind of verdict of the issue-16 fixtures
# (each worked out by hand in tests/test_verdicts.py).
VERDICT_CASES = {
    "verdict-floor": [
        ("lead", (4, 4, 4, 0, 1)),  # floor: high -> mid, decided by gamma
        ("lead", (0, 1, 4, 0, 2)),  # floor: mid -> low, decided by alpha
        ("lead", (4, 4, 4, 0, 0)),  # any_dimension_below
        ("staff", (0, 4, 4, 0, 4)),  # any_item_at_most
        ("lead", (4, 4, 4, 4, 4)),  # any_item_at_most on a reversed question
        ("staff", (9, 4, 9, 0, 4)),  # unknown_at_least, unknown advice
        ("staff", (9, 4, 4, 0, 1)),  # role advice and unknown advice
    ],
    "verdict-checklist": [
        ("lead", (2, 2, 2, 2)),  # all_items
        ("lead", (2, 2, 2, -1)),  # count fewer_than
        ("lead", (0, 2, 2, 2)),  # count at_least
        ("staff", (2, -1, -1, -1)),  # unknown_at_least
        ("lead", (2, 2, 1, 1)),  # the band with its floor
    ],
}


def verdict_models():
    return [loader.load_file(VERDICTS / f"{qid}.yaml") for qid in VERDICT_CASES]


def verdict_vectors(model):
    ids = [q.id for q in model.questions]
    return [(role, dict(zip(ids, values, strict=True))) for role, values in VERDICT_CASES[model.id]]


def checklist_team_request(model) -> dict:
    """The team view of a checklist: its team verdict per group."""
    from kit.engine.results import encode

    codes = [encode(model, role, answers) for role, answers in verdict_vectors(model)]
    return {
        "op": "aggregate",
        "definition": model.definition,
        "min_group": 1,
        "items": [{"name": "codes.txt", "kind": "text", "data": "\n".join(codes)}],
    }


def german_chart_words() -> dict:
    """The chart words a German page sends (its UI strings, decimal comma)."""
    from build_scripts.generate.ui import load
    from kit.engine.charts import WORDS

    de = load("de")
    return {k: de[f"chart_{k}"] for k in WORDS if k != "decimal"} | {"decimal": ","}


def all_requests():
    """Score every vector; for complete ones also record, encode, decode and chart."""
    from kit.engine import score
    from kit.engine.results import encode

    requests = []
    for model in verdict_models():
        requests += [
            {"op": "score", "definition": model.definition, "role": role, "answers": answers}
            for role, answers in verdict_vectors(model)
        ]
        if model.checklist_yes is not None:
            requests.append(checklist_team_request(model))
    for model in [*loader.load_all(), *verdict_models()]:
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
            if i == 0:  # cw19: the chart as a German page asks for it
                keep_de = {**keep, "chart_words": german_chart_words()}
                requests.append({"op": "result", "action": "keep", "response_id": rid, **keep_de})
    from .change_vectors import change_requests  # ch20: the op "change"

    return requests + change_requests()


def round_requests():
    """A team round per questionnaire with fixed randomness ("rand"): check, shares,
    release per key holder (with a duplicate and a withheld group) and combine."""
    import hashlib

    from kit.engine.api import handle_request

    requests = []
    keys = [{"name": "Facilitator", "public_key": "A" * 43}, {"name": "HR", "public_key": "B" * 43}]
    for model in loader.load_all():
        d = model.definition
        rnd = {
            "id": hashlib.sha256(model.id.encode()).hexdigest()[:16],
            "name": f"{model.id} round",
            "questionnaire": model.id,
            "teams": [{"id": "north", "label": "North"}, {"id": "south", "label": "South"}],
            "minimum": 3,
            "key_holders": keys,
        }
        requests.append({"op": "round_check", "definition": d, "round": rnd})
        payloads: list[list] = [[], []]
        complete = [(role, completed(model, a)) for role, a in vectors_for(model, per_role=4)]
        for i, (role, answers) in enumerate(complete):
            rand = hashlib.sha256(f"{model.id}-{i}".encode()).digest() * 60
            team = "north" if i % 5 else "south"  # south's groups stay under 3
            request = {"op": "round_shares", "definition": d, "round": rnd, "team": team,
                       "role": role, "answers": answers, "rand": rand.hex()}  # fmt: skip
            requests.append(request)
            for p in handle_request(request)["result"]["payloads"]:
                payloads[p["holder"]].append(p)
        sums = []
        for holder in (0, 1):
            request = {"op": "round_release", "definition": d, "round": rnd, "holder": holder,
                       "payloads": payloads[holder] + payloads[holder][:1]}  # fmt: skip
            requests.append(request)
            sums.append(handle_request(request)["result"])
        requests.append({"op": "round_combine", "definition": d, "round": rnd, "sums": sums})
    return requests


def completed(model, answers):
    """The answers with every shown question left open answered (its middle option)."""
    answers = dict(answers)
    while True:
        open_ = [q for q in visible_questions(model, answers) if q.id not in answers]
        if not open_:
            return answers
        values = _values(model, open_[0])
        answers[open_[0].id] = values[len(values) // 2]
