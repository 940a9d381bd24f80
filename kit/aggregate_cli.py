"""`kit aggregate`: the team view of many results for one questionnaire, as the page shows it.

The engine (kit.engine.aggregate) reads, checks, scores and adds up; this
module only reads the files, picks the questionnaire and prints. Inputs that
cannot be used are listed on stderr, one line each with the reason; the exit
status is 0 when at least one result was aggregated, else 1.
"""

import argparse
import json
import sys
from pathlib import Path

from . import loader
from .cli_errors import messages_exit
from .engine.aggregate import (
    DEFAULT_MIN_GROUP,
    aggregate,
    claimed_ids,
    identify,
    summary_csv,
)
from .engine.errors import InputError

SUFFIXES = (".json", ".jsonl", ".txt")
LABEL_WIDTH = 36


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `aggregate` on the `kit` command's subparsers."""
    p = subparsers.add_parser(
        "aggregate",
        help="aggregate many results of one questionnaire: per role, and the gap",
        description="Add up result files (.json), JSON-lines bundles (.jsonl) and files of "
        "result codes (.txt) for one questionnaire: respondents, means and distributions "
        "per role, and the gap between two roles (e.g. manager minus employee). Groups "
        "smaller than --min-group are withheld to protect anonymity.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="result files, bundles, files of codes, or folders (every *.json, *.jsonl "
        "and *.txt in them); a result code can also be given as it is",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the full result as JSON")
    fmt.add_argument("--csv", action="store_true", help="print a CSV summary")
    p.add_argument(
        "--min-group",
        default=str(DEFAULT_MIN_GROUP),
        metavar="N",
        help=f"smallest group shown (default {DEFAULT_MIN_GROUP})",
    )
    p.add_argument(
        "--questionnaire",
        metavar="ID",
        help="a bundled questionnaire id or a definition file (default: the questionnaire "
        "of the first valid result)",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        metavar=("ROLE_A", "ROLE_B"),
        help="the gap is ROLE_A minus ROLE_B (default: the questionnaire's first two roles)",
    )
    p.set_defaults(func=run)
    return p


# --- reading ------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    # As a browser's File.text() does: bytes that are not UTF-8 become U+FFFD.
    return path.read_bytes().decode("utf-8", errors="replace")


def _looks_like_code(arg: str) -> bool:
    return arg.startswith("CX") and "." in arg and "/" not in arg


def collect(inputs: list[str]) -> tuple[list[dict], list[dict]]:
    """(engine items, inputs that could not be read as {"name", "reason"})."""
    items: list[dict] = []
    problems: list[dict] = []
    codes = 0

    def add_file(path: Path) -> None:
        name = str(path)
        try:
            items.append({"name": name, "kind": "text", "data": _read_text(path)})
        except OSError as e:
            problems.append({"name": name, "reason": f"cannot read: {e.strerror}"})

    for arg in inputs:
        path = Path(arg)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not files:
                problems.append(
                    {"name": arg, "reason": "no *.json, *.jsonl or *.txt files in this folder"}
                )
            for f in files:
                add_file(f)
        elif path.exists():
            add_file(path)
        elif _looks_like_code(arg):
            codes += 1
            items.append({"name": f"code {codes}", "kind": "code", "data": arg})
        else:
            problems.append({"name": arg, "reason": "no such file or folder"})
    return items, problems


def _bundled() -> dict:
    try:
        return {m.id: m for m in loader.load_all()}
    except loader.LoadFailed as e:
        raise SystemExit(str(e)) from None


def _model(spec: str | None, items: list[dict]):
    """(model, note, guessed): --questionnaire, else that of the first valid result.

    With no valid result, guessed is True and note may say why.
    """
    if spec:
        path = Path(spec)
        if not path.is_file() and (loader.QUESTIONNAIRE_DIR / f"{spec}.yaml").is_file():
            path = loader.QUESTIONNAIRE_DIR / f"{spec}.yaml"
        if not path.is_file():
            raise SystemExit(f"{spec}: no such definition file or bundled questionnaire id")
        try:
            return loader.load_file(path), None, False
        except loader.LoadFailed as e:
            raise SystemExit(str(e)) from None
    models = _bundled()
    found = identify(items, models)
    if found:
        return models[found], None, False
    # Nothing valid: still read everything against the most likely questionnaire,
    # so each input gets its reason.
    claimed = claimed_ids(items)
    known = [qid for qid in claimed if qid in models]
    note = None
    unknown = [qid for qid in claimed if qid not in models]
    if unknown:
        note = (
            f"questionnaire(s) {', '.join(repr(q) for q in unknown)} not bundled with this "
            "kit: give the definition file with --questionnaire FILE"
        )
    model = models[known[0]] if known else next(iter(models.values()))
    return model, note, True


# --- printing -----------------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    """One line of at most width characters (leading indentation kept)."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    text = indent + " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _num(stat: dict, k: int) -> str:
    if stat["withheld"]:
        return f"<{k}" if stat["reason"] and stat["reason"].startswith("fewer") else "-"
    return "-" if stat.get("mean") is None else f"{stat['mean']:.1f}"


def _gap(value) -> str:
    return "" if value is None else f"{value:+.1f}"


def print_table(result: dict, inputs: int) -> None:
    quest = result["questionnaire"]
    k = result["min_group"]
    roles = [r["id"] for r in result["roles"]]
    widths = [max(len(r), 7) for r in roles]
    print(quest["title"])
    print(
        f"{quest['id']} version {quest['version']}: {result['results']} result(s) from "
        f"{inputs} input(s), {len(result['rejected'])} rejected"
    )
    print()

    def row(label: str, cells: list[str], gap: str = "") -> None:
        body = "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))
        print(f"{_fit(label, LABEL_WIDTH):<{LABEL_WIDTH}}  {body}  {gap:>6}".rstrip())

    row("", roles, "gap" if result["compare"] else "")
    row("Respondents", [str(r["n"]) for r in result["roles"]])
    if any(r["incomplete"] for r in result["roles"]):
        row("  of which incomplete", [str(r["incomplete"]) for r in result["roles"]])
    o = result["overall"]
    row("Overall", [_num(o["roles"][r], k) for r in roles], _gap(o["gap"]))
    for d in result["dimensions"]:
        row(d["title"], [_num(d["roles"][r], k) for r in roles], _gap(d["gap"]))

    for r in result["roles"]:
        if r["withheld"]:
            print(f"{r['id']}: {r['reason']}")
    compare = result["compare"]
    if compare and not compare["shown"]:
        print(compare["reason"])
    if result["largest_gaps"]:
        a, b = compare["roles"]
        print()
        print(f"Largest gaps by question ({a} minus {b}):")
        for g in result["largest_gaps"][:10]:
            guide = f"  see {g['guide']}" if g["guide"] else ""
            name = _fit(g["short"] or g["id"], 28)
            where = _fit(g["dimension_title"] or "", 30)
            means = f"{g['means'][a]:.1f} vs {g['means'][b]:.1f}"
            print(f"  {g['gap']:+6.1f}  {name:<28}  {means:<14}  {where}{guide}".rstrip())


def _report_problems(problems: list[dict], result: dict | None) -> None:
    for p in problems:
        print(f"{p['name']}: {p['reason']}", file=sys.stderr)
    if result:
        for p in result["rejected"]:
            print(f"{p['name']}: {p['reason']}", file=sys.stderr)
        for w in result["warnings"]:
            print(f"{w['name']}: warning: {w['message']}", file=sys.stderr)


def min_group_arg(text: str) -> int:
    """--min-group as a number (the engine checks that it is at least 1)."""
    try:
        return int(text)
    except ValueError:
        raise SystemExit(
            f"--min-group must be a whole number of at least 1, not {text!r}"
        ) from None


@messages_exit
def run(args) -> int:
    """Run `kit aggregate` for parsed arguments; the exit status."""
    min_group = min_group_arg(args.min_group)
    items, problems = collect(args.inputs)
    model, note, guessed = _model(args.questionnaire, items)
    try:
        result = aggregate(model, items, min_group, args.compare, max_bytes=None)
    except InputError as e:
        raise SystemExit(str(e)) from None
    _report_problems(problems, result)
    if not result["results"]:
        if note:
            print(note, file=sys.stderr)
        if guessed:
            raise SystemExit("nothing to aggregate: no valid result in the input(s)")
        raise SystemExit(f"nothing to aggregate: no valid result of '{model.id}'")
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(summary_csv(result))
    else:
        print_table(result, len(items))
    return 0
