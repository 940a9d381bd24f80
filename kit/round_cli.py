"""`kit round`: team rounds from the command line, as the team view runs them.

key: a key holder's key pair; new: a round file and one link per team and
role; seal: what a respondent's browser sends (for parity tests and scripted
rounds); open: a key holder's share-sum; combine: the team view of the sums.
The engine (kit.engine.rounds) splits, releases and combines; kit.round_crypto
seals and opens. Mistakes print one line and exit 1.

open and combine live in kit.round_open_cli, the files' reading and writing in
kit.round_files.
"""

import argparse
import base64
import json
import re
from pathlib import Path

from . import round_crypto as rc
from . import round_files as rf
from .cli_errors import messages_exit, write_output
from .engine.errors import AnswerError, InputError
from .engine.rounds import shares
from .engine.rounds_check import check_round
from .round_files import KEY_SUFFIX, ROUND_SUFFIX
from .round_open_cli import run_combine, run_open

DEFINITION_HELP = "the questionnaire's definition file, when it is not a bundled one"


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
    s.add_argument("--definition", metavar="FILE", help=DEFINITION_HELP)
    s.add_argument("answers", help='answers JSON ({"question": value} or {"role", "answers"})')
    s.add_argument("--team", required=True, help="the team id")
    s.add_argument("--role", help="the role (default: the answers file's)")
    s.add_argument("-o", "--output", help="the sealed file (default: cx-kit-sealed-ID.json)")
    s.add_argument("--code", action="store_true", help="print the sealed code instead")
    s.set_defaults(func=run_seal)

    s = sub.add_parser("open", help="open sealed results with a key: the key holder's sum")
    s.add_argument("round", help=f"the round file ({ROUND_SUFFIX})")
    s.add_argument("--definition", metavar="FILE", help=DEFINITION_HELP)
    s.add_argument("--key", required=True, help=f"your key file ({KEY_SUFFIX})")
    s.add_argument("sealed", nargs="+", metavar="SEALED", help="sealed files, codes or folders")
    s.add_argument("-o", "--output", help="the share-sum file (default: ROUND-holderN.cxsum.json)")
    s.set_defaults(func=run_open)

    s = sub.add_parser("combine", help="combine the key holders' sums into the team view")
    s.add_argument("round", help=f"the round file ({ROUND_SUFFIX})")
    s.add_argument("--definition", metavar="FILE", help=DEFINITION_HELP)
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


# --- key, new, seal ---------------------------------------------------------------------


@messages_exit
def run_key(args) -> int:
    name = " ".join(args.name.split())
    if not name:
        raise SystemExit("key: give the key holder's name")
    path = args.output or f"{rf.slug(name)}{KEY_SUFFIX}"
    key = rc.new_key(name, rf.today())
    rf.write_private(path, json.dumps(key, indent=2) + "\n")
    print(f"wrote {path}: keep it private and backed up; without it your shares cannot be opened")
    print(f"public key of {name}: {key['public_key']}")
    return 0


def _key_holder(spec: str) -> dict:
    if Path(spec).is_file():
        data = rf.read_json(spec)
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
    model = rf.questionnaire(args.questionnaire)
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
        "created": rf.today(),
    }
    try:
        rnd = check_round(data, model)
    except InputError as e:
        raise SystemExit(str(e).replace("round.", "", 1)) from None
    path = args.output or f"{rf.slug(rnd['name'])}{ROUND_SUFFIX}"
    rf.write_new(path, json.dumps(rnd, indent=2, ensure_ascii=False) + "\n")
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

    rnd, model = rf.read_round(args.round, args.definition)
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
