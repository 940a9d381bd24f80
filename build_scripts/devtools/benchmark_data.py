"""Synthetic result sets for benchmarking and testing the team view (`kit aggregate`).

`generate(model, n, seed)` makes `n` result records as the kit saves them
(kit.engine.results.record), deterministic for a seed. The answers look like
real ones: each person has an overall level, each question is a little easier
or harder, and answers scatter around that; the questionnaire's first role
(e.g. manager) rates higher on average than the others (e.g. employee), as the
sources report. About one in five respondents has the first role; a few
answer "don't know" where a scale has it, and a few leave a question open.

    python -m build_scripts.devtools.benchmark_data leadership-vision -n 100000 -o results.jsonl
    time kit aggregate results.jsonl
"""

import argparse
import datetime
import json
import random
import sys
from pathlib import Path

from kit import loader
from kit.engine.model import Question, Questionnaire
from kit.engine.results import encode, record

ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
FIRST_ROLE_SHARE = 0.2
FIRST_ROLE_LEVEL = 0.70  # the mean level of the first role, 0-1
OTHER_ROLE_LEVEL = 0.52
PERSON_SPREAD = 0.15
ITEM_SPREAD = 0.08
ANSWER_NOISE = 0.15
UNKNOWN_RATE = 0.03
SKIP_RATE = 0.01  # per respondent: leaves one question unanswered
START_DATE = datetime.date(2025, 3, 1)
DAYS = 60


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _answer(model: Questionnaire, q: Question, level: float, rng: random.Random) -> int:
    scale = model.scales[q.scale]
    if q.type == "route":
        return rng.choice(scale.options).value
    unscored = [o.value for o in scale.options if not o.scored]
    if unscored and rng.random() < UNKNOWN_RATE:
        return rng.choice(unscored)
    scored = sorted(scale.scored_values)
    pts = _clip(rng.gauss(level, ANSWER_NOISE))
    if q.reverse:
        pts = 1.0 - pts
    return scored[round(pts * (len(scored) - 1))]


def generate(model: Questionnaire, n: int, seed: int = 1) -> list[dict]:
    """`n` synthetic result records for `model`, the same for the same seed."""
    rng = random.Random(f"{model.id}-{seed}")
    roles = [r.id for r in model.roles]
    weights = [FIRST_ROLE_SHARE] + [(1 - FIRST_ROLE_SHARE) / max(1, len(roles) - 1)] * (
        len(roles) - 1
    )
    offsets = {q.id: rng.gauss(0, ITEM_SPREAD) for q in model.questions}
    out = []
    for _ in range(n):
        role = rng.choices(roles, weights)[0]
        mean = FIRST_ROLE_LEVEL if role == roles[0] else OTHER_ROLE_LEVEL
        level = _clip(rng.gauss(mean, PERSON_SPREAD))
        answers = {
            q.id: _answer(model, q, _clip(level + offsets[q.id]), rng) for q in model.questions
        }
        if rng.random() < SKIP_RATE:
            del answers[rng.choice(list(answers))]
        response_id = "".join(rng.choice(ID_ALPHABET) for _ in range(22))
        date = START_DATE + datetime.timedelta(days=rng.randrange(DAYS))
        out.append(record(model, role, answers, response_id, date.isoformat()))
    return out


def write_jsonl(path: Path | str, records: list[dict]) -> None:
    """One compact JSON record per line (a JSON-lines bundle), UTF-8."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_codes(path: Path | str, model: Questionnaire, records: list[dict]) -> None:
    """The result code of each record, one per line."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(encode(model, rec["role"], rec["answers"]) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.devtools.benchmark_data",
        description="Write synthetic results for a questionnaire as a JSON-lines bundle.",
    )
    parser.add_argument("questionnaire", help="a bundled questionnaire id, or a definition file")
    parser.add_argument("-n", type=int, default=100_000, help="number of results (100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="output file (default: ID-N.jsonl)")
    parser.add_argument(
        "--codes", action="store_true", help="write result codes, one per line, instead"
    )
    args = parser.parse_args(argv)
    path = Path(args.questionnaire)
    if not path.is_file():
        path = loader.QUESTIONNAIRE_DIR / f"{args.questionnaire}.yaml"
    if not path.is_file():
        print(f"{args.questionnaire}: no such definition file or bundled id", file=sys.stderr)
        return 1
    try:
        model = loader.load_file(path)
    except loader.LoadFailed as e:
        print(e, file=sys.stderr)
        return 1
    records = generate(model, args.n, args.seed)
    out = args.output or f"{model.id}-{args.n}.{'txt' if args.codes else 'jsonl'}"
    if args.codes:
        write_codes(out, model, records)
    else:
        write_jsonl(out, records)
    print(f"wrote {len(records)} result(s) for {model.id} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
