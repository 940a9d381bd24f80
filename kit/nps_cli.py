"""`kit nps`: the top-down NPS call list for a CSV file, as the browser builds it.

The same engine (kit.engine.nps) reads, classifies and assigns; this module
only reads the file, prints the result and writes the export. Mistakes print
one line each and exit 1.
"""

import argparse
import sys
from pathlib import Path

from .cli_errors import messages_exit, write_output
from .engine.errors import InputError
from .engine.nps import PASSIVES_DEFAULT, build, calls_csv
from .engine.nps_columns import ROLES

SHOW_DEFAULT = 20


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `nps` on the `kit` command's subparsers."""
    p = subparsers.add_parser(
        "nps",
        help="classify NPS responses and build each leader's call list",
        description="Classify survey responses (0-10) into detractors, passives and "
        "promoters, and deal the calls to leaders: detractors first, then promoters.",
    )
    p.add_argument("file", help="responses as CSV (comma, semicolon or tab), or - for stdin")
    p.add_argument(
        "--leaders",
        default="",
        help="comma-separated names of the leaders who call (default: the people in the "
        "owner column, if there is one)",
    )
    p.add_argument("--cap", default=None, help="most calls per leader (default: no limit)")
    p.add_argument(
        "--passives",
        default=None,
        metavar="N%",
        help=f"share of the passives to call, lowest scores first (default {PASSIVES_DEFAULT}%%; "
        "0 for none)",
    )
    for role in ROLES:
        p.add_argument(
            f"--{role}-column",
            metavar="HEADER",
            help=f'the {role} column by its header, instead of the one found ("" for none)',
        )
    p.add_argument(
        "--contact-column",
        action="append",
        metavar="HEADER",
        help="a contact column to carry through (repeat for several; replaces those found)",
    )
    p.add_argument("--csv", metavar="OUT", help="write the call list as CSV to OUT (- for stdout)")
    p.add_argument(
        "--show",
        type=int,
        default=SHOW_DEFAULT,
        metavar="N",
        help=f"print the first N calls (default {SHOW_DEFAULT}; 0 for none)",
    )
    p.set_defaults(func=run)
    return p


def _read(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as e:
        raise SystemExit(f"{path}: cannot read: {e.strerror}") from None
    # As a browser's File.text() does: bytes that are not UTF-8 become U+FFFD.
    return data.decode("utf-8", errors="replace")


def _pct(value) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _columns(args) -> dict:
    """The columns chosen on the command line, by role."""
    chosen = {role: getattr(args, f"{role}_column") for role in ROLES}
    chosen = {role: col for role, col in chosen.items() if col is not None}
    if args.contact_column is not None:
        chosen["contacts"] = [c for c in args.contact_column if c]
    return chosen


def _print_result(name: str, r: dict, show: int) -> None:
    how = r["column_how"]
    cols = ", ".join(
        f"{role}={col!r}" + (f" (by {how[role]})" if how.get(role) == "content" else "")
        for role, col in r["columns"].items()
        if col
    )
    print(f"{name}: {r['rows']} row(s), columns {cols}")
    c, p = r["counts"], r["percent"]
    print(
        f"responses {r['total']}: detractors {c['detractor']} ({_pct(p['detractor'])}), "
        f"passives {c['passive']} ({_pct(p['passive'])}), "
        f"promoters {c['promoter']} ({_pct(p['promoter'])})"
    )
    if r["nps"] is None:
        print("NPS -: no valid responses")
    elif r["margin"] is None:
        print(f"NPS {r['nps']:+.1f} (one response: no margin of error)")
    else:
        print(f"NPS {r['nps']:+.1f} \u00b1 {r['margin']:.1f} (95% margin of error, n={r['total']})")
    if r["invalid"]:
        print(f"left out {len(r['invalid'])} row(s) without a usable score:")
        for bad in r["invalid"]:
            who = f" ({bad['customer']})" if bad["customer"] else ""
            print(f"  line {bad['line']}: {bad['reason']}{who}")
    pas = r["passives"]
    print(f"passives called: {pas['called']} of {pas['of']} ({pas['share']}%, lowest scores first)")
    print(f"calls {len(r['calls'])}: {r['assigned']} assigned, {r['unassigned']} unassigned")
    if r["leaders_from"] == "owner":
        print(f"leaders taken from the owner column {r['columns']['owner']!r} (none were named)")
    for entry in r["per_leader"]:
        print(
            f"  {entry['leader']}: {entry['calls']} ({entry['detractor']} detractor(s), "
            f"{entry['promoter']} promoter(s), {entry['passive']} passive(s))"
        )
    shown = r["calls"][: max(show, 0)]
    if shown:
        print(f"first {len(shown)} call(s):" if len(shown) < len(r["calls"]) else "call list:")
        for call in shown:
            who = call["customer"] or f"(line {call['line']})"
            contact = ", ".join(v for v in call["contacts"] if v)
            if contact:
                who += f" [{contact}]"
            leader = call["leader"] or "unassigned"
            comment = " ".join(call["comment"].split())
            if len(comment) > 60:
                comment = comment[:59] + "\u2026"
            print(
                f"  {call['rank']:>4}. {call['score']:>2} {call['category']:<9} "
                f"{leader:<16} {who}" + (f": {comment}" if comment else "")
            )


@messages_exit
def run(args) -> int:
    """Run `kit nps` for parsed arguments; the exit status."""
    name = "<stdin>" if args.file == "-" else args.file
    text = _read(args.file)
    try:
        result = build(text, args.leaders, args.cap, passives=args.passives, columns=_columns(args))
    except InputError as e:
        raise SystemExit(f"{name}: {e}") from None
    if result["encoding_suspect"]:
        print(
            f"{name}: warning: some bytes are not UTF-8 and show as \ufffd "
            "(save the file as CSV UTF-8)",
            file=sys.stderr,
        )
    if args.csv == "-":
        sys.stdout.write(calls_csv(result))
        return 0
    if args.csv:
        write_output(args.csv, calls_csv(result))
    _print_result(name, result, args.show)
    if args.csv:
        print(f"wrote {len(result['calls'])} call(s) to {args.csv}")
    return 0
