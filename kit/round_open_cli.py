"""`kit round open` and `kit round combine`: what a key holder and the facilitator run.

open: a key holder's sealed files and key -> their share-sum, refused by name for a
damaged file and for differencing against the earlier releases kept next to the key
file (NAME.cxkey.json.releases.json). combine: the sums -> the team view.
"""

import json
import sys
from pathlib import Path

from . import round_crypto as rc
from . import round_files as rf
from .cli_errors import messages_exit, write_output
from .engine.aggregate import summary_csv
from .engine.errors import DefinitionError, InputError
from .engine.rounds import release
from .engine.rounds_combine import combine

STATE_SUFFIX = ".releases.json"


# --- open ----------------------------------------------------------------------------------


def _sealed_inputs(specs: list[str]) -> list[tuple[str, str]]:
    """(name, text) of every sealed file or code; a folder gives its *.json and *.txt."""
    out = []
    for spec in specs:
        if spec.startswith(rc.CODE_PREFIX):
            out.append((f"code {spec[:16]}...", spec))
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".txt"))
            if not files:
                raise SystemExit(f"{spec}: no .json or .txt files in this folder")
        else:
            files = [path]
        for f in files:
            text = rf.read_text(str(f))
            codes = text.split()
            if codes and all(c.startswith(rc.CODE_PREFIX) for c in codes) and len(codes) > 1:
                out += [(f"{f} code {i}", c) for i, c in enumerate(codes, 1)]
            else:
                out.append((str(f), text))
    return out


def _state(key_path: str) -> Path:
    return Path(key_path).with_name(Path(key_path).name + STATE_SUFFIX)


def _read_state(path: Path) -> list:
    if not path.exists():
        return []
    data = rf.read_json(str(path))
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list):
        raise SystemExit(f"{path}: not a file of earlier releases: repair or remove it")
    return data["releases"]


@messages_exit
def run_open(args) -> int:
    rnd, model = rf.read_round(args.round, args.definition)
    key_data = rf.read_json(args.key)
    try:
        key = rc.private_key(key_data)
    except rc.SealError as e:
        raise SystemExit(f"{args.key}: {e}") from None
    mine = [
        i for i, h in enumerate(rnd["key_holders"]) if h["public_key"] == key_data["public_key"]
    ]
    if not mine:
        raise SystemExit(f"{args.key}: this key is not one of the round's key holders")
    holder = mine[0]
    payloads, refused = [], []
    for name, text in _sealed_inputs(args.sealed):
        try:
            payloads.append(rc.open_sealed(rc.read_sealed(text), key, rnd, holder))
        except rc.SealError as e:
            refused.append(f"{name}: {e}")
    for line in refused:
        print(line, file=sys.stderr)
    if refused:
        raise SystemExit(
            f"{len(refused)} sealed file(s) refused: remove them or ask for them again, "
            "then open again (the other key holder must open the same files)"
        )
    state = _state(args.key)
    earlier = _read_state(state)
    try:
        result = release(model, rnd, holder, payloads, earlier)
    except InputError as e:
        raise SystemExit(str(e)) from None
    path = args.output or f"{rf.slug(rnd['name'])}-holder{holder}.cxsum.json"
    write_output(path, json.dumps(result) + "\n")
    kept = {k: result[k] for k in ("round", "released_ids")}
    kept["groups"] = {
        t: {r: {"ids": g["ids"]} for r, g in roles.items()} for t, roles in result["groups"].items()
    }
    write_output(str(state), json.dumps({"releases": [*earlier, kept]}) + "\n")
    for team, roles in result["groups"].items():
        for role, g in roles.items():
            print(f"{team} {role}: {g['responses']} response(s) released")
    for w in result["withheld"]:
        print(f"{w['team']} {w['role']}: {w['responses']} response(s) withheld: {w['reason']}")
    if result["duplicates"]:
        print(f"{result['duplicates']} repeated submission(s) counted once")
    print(f"wrote {path}: give it to the person combining the round")
    return 0


# --- combine -------------------------------------------------------------------------------


def _manager_results(specs: list[str]) -> list[dict]:
    out = []
    for spec in specs:
        team, sep, path = spec.partition("=")
        if not sep:
            raise SystemExit(f"--manager-result {spec}: expected TEAM=FILE")
        text = rf.read_text(path).strip()
        if text.startswith("CX"):
            out.append({"team": team, "name": path, "kind": "code", "data": text})
        else:
            out.append({"team": team, "name": path, "kind": "record", "data": rf.read_json(path)})
    return out


def print_round(result: dict) -> None:
    from .aggregate_cli import print_table

    r = result["round"]
    print(f"Round {r['name']} ({r['id']}), minimum {r['minimum']}")
    print_table(result, len(result["teams"]))
    for w in result["withheld"]:
        print(f"{w['team']} {w['role']}: {w['responses']} response(s) withheld: {w['reason']}")
    if result["duplicates"]:
        print(f"{result['duplicates']} repeated submission(s) counted once")
    print()
    print("Teams side by side (overall):")
    for t in result["teams"]:
        cells = []
        for role in t["roles"]:
            stat = t["overall"]["roles"][role["id"]]
            mean = "withheld" if stat["withheld"] else stat.get("mean")
            cells.append(f"{role['id']} n={role['n']} {mean}")
        gap = t["overall"]["gap"]
        gap_text = "" if gap is None else f"  gap {gap:+.1f}"
        print(f"  {t['label']}: " + ", ".join(cells) + gap_text)
        for own in t["own_results"]:
            own_gap = "" if own["overall_gap"] is None else f" (gap {own['overall_gap']:+.1f})"
            print(f"    own result {own['name']} ({own['role']}): {own['overall']}{own_gap}")


@messages_exit
def run_combine(args) -> int:
    rnd, model = rf.read_round(args.round, args.definition)
    sums = [rf.read_json(p) for p in args.sums]
    try:
        result = combine(model, rnd, sums, _manager_results(args.manager_result))
    except (InputError, DefinitionError) as e:
        raise SystemExit(str(e)) from None
    if args.json:
        result.pop("chart", None)
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(summary_csv(result))
    else:
        print_round(result)
    return 0
