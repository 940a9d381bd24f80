"""`kit round`: team rounds from the command line, as the team view runs them.

key: a key holder's key pair; new: a round file and one link per team and
role; seal: what a respondent's browser sends (for parity tests and scripted
rounds); open: a key holder's share-sum; combine: the team view of the sums.
The engine (kit.engine.rounds) splits, releases and combines; kit.round_crypto
seals and opens. Mistakes print one line and exit 1.

A key holder's earlier releases are kept next to their key file
(NAME.cxkey.releases.json) so that a second release that differs from an
earlier one by fewer than the minimum is refused (differencing).
"""

import argparse
import base64
import datetime
import json
import os
import re
import sys
from pathlib import Path

from . import round_crypto as rc
from .cli_errors import messages_exit, write_output
from .engine.aggregate import summary_csv
from .engine.errors import AnswerError, DefinitionError, InputError
from .engine.rounds import check_round, release, shares
from .engine.rounds_combine import combine

ROUND_SUFFIX = ".cxround.json"
KEY_SUFFIX = ".cxkey.json"
STATE_SUFFIX = ".releases.json"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `round` and its subcommands on the `kit` command's subparsers."""
    p = subparsers.add_parser(
        "round",
        help="team rounds: results sealed and split between key holders",
        description="Run a team round whose answers no single person can read: each "
        "response is split into two shares, each sealed for one key holder (HPKE); "
        "the key holders release sums only for groups of at least the minimum.",
    )
    sub = p.add_subparsers(dest="round_command", required=True)

    s = sub.add_parser("key", help="make a key holder's key pair (keep the file private)")
    s.add_argument("name", help="the key holder's name, as respondents will see it")
    s.add_argument("-o", "--output", help=f"the key file (default: NAME{KEY_SUFFIX})")
    s.set_defaults(func=run_key)

    s = sub.add_parser("new", help="make a round file and print one link per team and role")
    s.add_argument("--questionnaire", required=True, help="a bundled id or a definition file")
    s.add_argument("--name", help="the round's name (default: the questionnaire's title)")
    s.add_argument(
        "--team",
        action="append",
        required=True,
        metavar="ID=LABEL",
        help="a team: its id and label, e.g. sales=Sales team (repeat for each team)",
    )
    s.add_argument(
        "--key-holder",
        action="append",
        required=True,
        metavar="FILE_OR_KEY",
        help="a key holder's key file, or NAME=PUBLIC_KEY (once or twice)",
    )
    s.add_argument("--role", action="append", help="a role compared (default: the first two)")
    s.add_argument("--minimum", default="5", help="smallest group released (default 5, least 3)")
    s.add_argument("--dropbox", help="the drop box path on the site, e.g. /cx-kit-dropbox/")
    s.add_argument("--site", required=True, help="the site's address, e.g. https://kit.example")
    s.add_argument("-o", "--output", help=f"the round file (default: NAME{ROUND_SUFFIX})")
    s.set_defaults(func=run_new)

    s = sub.add_parser("seal", help="seal answers for a round, as the browser does")
    s.add_argument("round", help=f"the round file ({ROUND_SUFFIX})")
    s.add_argument("answers", help='answers JSON ({"question": value} or {"role", "answers"})')
    s.add_argument("--team", required=True, help="the team id")
    s.add_argument("--role", help="the role (default: the answers file's)")
    s.add_argument("-o", "--output", help="the sealed file (default: cx-kit-sealed-ID.json)")
    s.add_argument("--code", action="store_true", help="print the sealed code instead")
    s.set_defaults(func=run_seal)

    s = sub.add_parser("open", help="open sealed results with a key: the key holder's sum")
    s.add_argument("round", help=f"the round file ({ROUND_SUFFIX})")
    s.add_argument("--key", required=True, help=f"your key file ({KEY_SUFFIX})")
    s.add_argument("sealed", nargs="+", metavar="SEALED", help="sealed files, codes or folders")
    s.add_argument("-o", "--output", help="the share-sum file (default: ROUND-holderN.cxsum.json)")
    s.set_defaults(func=run_open)

    s = sub.add_parser("combine", help="combine the key holders' sums into the team view")
    s.add_argument("round", help=f"the round file ({ROUND_SUFFIX})")
    s.add_argument("sums", nargs="+", metavar="SUM", help="each key holder's .cxsum.json")
    s.add_argument(
        "--manager-result",
        action="append",
        default=[],
        metavar="TEAM=FILE",
        help="a manager's own result shared with consent, shown beside their team",
    )
    fmt = s.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the full result as JSON")
    fmt.add_argument("--csv", action="store_true", help="print a CSV summary")
    s.set_defaults(func=run_combine)
    return p


# --- reading ---------------------------------------------------------------------------


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"{path}: cannot read: {e.strerror}") from None
    except UnicodeDecodeError:
        raise SystemExit(f"{path}: not UTF-8 text") from None


def _read_json(path: str):
    try:
        return json.loads(_read_text(path))
    except ValueError as e:
        raise SystemExit(f"{path}: invalid JSON: {e}") from None


def _model(spec: str):
    from .cli import _definition
    from .loader import LoadFailed

    try:
        return _definition(spec)
    except LoadFailed as e:
        raise SystemExit(str(e.errors[0])) from None


def _round(path: str):
    """(validated round, its questionnaire's model)."""
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("questionnaire"), str):
        raise SystemExit(f"{path}: not a round file (kind cx-kit-round)")
    model = _model(data["questionnaire"])
    try:
        return check_round(data, model), model
    except InputError as e:
        raise SystemExit(f"{path}: {e}") from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "round"


def _today() -> str:
    return datetime.date.today().isoformat()


def _write_new(path: str, text: str) -> None:
    if Path(path).exists():
        raise SystemExit(f"{path}: already exists: choose another name with -o")
    write_output(path, text)


def _write_private(path: str, text: str) -> None:
    """A new file only its owner can read, created so (never readable for a moment)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SystemExit(f"{path}: already exists: choose another name with -o") from None
    except OSError as e:
        raise SystemExit(f"{path}: cannot write: {e.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


# --- key, new, seal ---------------------------------------------------------------------


@messages_exit
def run_key(args) -> int:
    name = " ".join(args.name.split())
    if not name:
        raise SystemExit("key: give the key holder's name")
    path = args.output or f"{_slug(name)}{KEY_SUFFIX}"
    key = rc.new_key(name, _today())
    _write_private(path, json.dumps(key, indent=2) + "\n")
    print(f"wrote {path}: keep it private and backed up; without it your shares cannot be opened")
    print(f"public key of {name}: {key['public_key']}")
    return 0


def _key_holder(spec: str) -> dict:
    if Path(spec).is_file():
        data = _read_json(spec)
        if not isinstance(data, dict) or not data.get("public_key") or not data.get("name"):
            raise SystemExit(f"{spec}: not a key file (kit round key makes one)")
        return {"name": data["name"], "public_key": data["public_key"]}
    name, sep, key = spec.rpartition("=")
    if not sep or not name.strip():
        raise SystemExit(f"--key-holder {spec}: expected a key file or NAME=PUBLIC_KEY")
    try:
        rc.public_key(key)
    except rc.SealError as e:
        raise SystemExit(f"--key-holder {name}: {e}") from None
    return {"name": name.strip(), "public_key": key}


def round_links(rnd: dict, site: str) -> list[tuple[str, str, str]]:
    """(team, role, link) for each team and role: the round in the URL fragment."""
    blob = json.dumps(rnd, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    fragment = base64.urlsafe_b64encode(blob).rstrip(b"=").decode("ascii")
    page = f"{site.rstrip('/')}/assessments/{rnd['questionnaire']}/"
    return [
        (t["id"], role, f"{page}#round={fragment}&team={t['id']}&role={role}")
        for t in rnd["teams"]
        for role in rnd["roles"]
    ]


@messages_exit
def run_new(args) -> int:
    model = _model(args.questionnaire)
    teams = []
    for spec in args.team:
        tid, sep, label = spec.partition("=")
        if not sep or not label.strip():
            raise SystemExit(f"--team {spec}: expected ID=LABEL, e.g. sales=Sales team")
        teams.append({"id": tid.strip(), "label": label.strip()})
    try:
        minimum = int(args.minimum)
    except ValueError:
        raise SystemExit(f"--minimum: expected a whole number, not {args.minimum!r}") from None
    if not re.match(r"^https?://[^/\s]+", args.site):
        raise SystemExit(f"--site: expected the site's address (https://...), not {args.site!r}")
    data = {
        "name": args.name or model.title,
        "questionnaire": model.id,
        "version": model.version,
        "roles": args.role,
        "teams": teams,
        "minimum": minimum,
        "key_holders": [_key_holder(k) for k in args.key_holder],
        "dropbox": args.dropbox,
        "created": _today(),
    }
    try:
        rnd = check_round(data, model)
    except InputError as e:
        raise SystemExit(str(e).replace("round.", "", 1)) from None
    path = args.output or f"{_slug(rnd['name'])}{ROUND_SUFFIX}"
    _write_new(path, json.dumps(rnd, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path} (round {rnd['id']}, minimum {rnd['minimum']})")
    if len(rnd["key_holders"]) == 1:
        print(
            f"one key holder: {rnd['key_holders'][0]['name']} can read individual answers; "
            "say so to the respondents"
        )
    for team, role, link in round_links(rnd, args.site):
        print(f"{team} {role}: {link}")
    return 0


@messages_exit
def run_seal(args) -> int:
    from .cli import _read_answers

    rnd, model = _round(args.round)
    file_role, answers = _read_answers(args.answers)
    role = args.role or file_role
    if role is None:
        raise SystemExit(f"{args.answers}: no role: give --role ({', '.join(rnd['roles'])})")
    try:
        out = shares(model, rnd, args.team, role, answers)
    except (AnswerError, InputError) as e:
        raise SystemExit(f"{args.answers}: {e}") from None
    sealed = rc.seal_payloads(rnd, out["payloads"])
    if args.code:
        print(rc.sealed_code(sealed))
        return 0
    path = args.output or f"cx-kit-sealed-{out['response']}.json"
    write_output(path, json.dumps(sealed) + "\n")
    print(f"wrote {path}")
    return 0


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
            text = _read_text(str(f))
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
    data = _read_json(str(path))
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list):
        raise SystemExit(f"{path}: not a file of earlier releases: repair or remove it")
    return data["releases"]


@messages_exit
def run_open(args) -> int:
    rnd, model = _round(args.round)
    key_data = _read_json(args.key)
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
    path = args.output or f"{_slug(rnd['name'])}-holder{holder}.cxsum.json"
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
        text = _read_text(path).strip()
        if text.startswith("CX"):
            out.append({"team": team, "name": path, "kind": "code", "data": text})
        else:
            out.append({"team": team, "name": path, "kind": "record", "data": _read_json(path)})
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
    rnd, model = _round(args.round)
    sums = [_read_json(p) for p in args.sums]
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
