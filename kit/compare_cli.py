"""`kit compare BEFORE AFTER`: did it change, and by more than answer noise?

BEFORE and AFTER are each one result (a result file or a result code: the two
results of one person are compared), or a round: a folder or bundle of results
(as `kit aggregate` reads them) or an opened team round saved with
`kit round combine --json` (two rounds of a team are compared per role,
dimension and question, with the manager-team gap of each round). The engine
(kit.engine.change) decides; this module reads files and prints a table.
"""

import argparse
import json
import sys
from pathlib import Path

from . import loader
from .aggregate_cli import collect, min_group_arg
from .cli_errors import messages_exit
from .engine.aggregate import DEFAULT_MIN_GROUP, identify
from .engine.api import handle_request
from .engine.results import FORMAT

LABEL_WIDTH = 34
VERDICTS = {
    "reliable": "reliable change",
    "noise": "within answer noise",
    "too_few": "too few answers to tell",
    "missing": "no score on one side",
    "withheld": "withheld (anonymity)",
}
GAP_VERDICTS = {**VERDICTS, "reliable": "large enough to act on"}


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `compare` on the `kit` command's subparsers."""
    p = subparsers.add_parser(
        "compare",
        help="compare two results or two rounds: the change and whether it exceeds answer noise",
        description="Compare two results of one person (two result files or codes), or two "
        "rounds of a team (folders or bundles of results, or opened rounds saved with "
        "`kit round combine --json`), per dimension (and per question for rounds). A change "
        "is called reliable only when it is larger than answer noise alone would produce "
        "(see guide/reading-change.md).",
    )
    p.add_argument("before", metavar="BEFORE", help="the earlier result, code, file or folder")
    p.add_argument("after", metavar="AFTER", help="the later result, code, file or folder")
    p.add_argument(
        "--questionnaire",
        metavar="ID",
        help="a bundled questionnaire id or a definition file (default: that of the results)",
    )
    p.add_argument(
        "--min-group",
        default=str(DEFAULT_MIN_GROUP),
        metavar="N",
        help=f"rounds: smallest group shown, as in the team view (default {DEFAULT_MIN_GROUP})",
    )
    p.add_argument("--role", help="rounds: compare this role only (default: every role)")
    p.add_argument("--json", action="store_true", help="print the engine's answer as JSON")
    p.set_defaults(func=run)
    return p


# --- reading ---------------------------------------------------------------------------


def _side(arg: str) -> tuple[str, object]:
    """("record" | "code" | "view" | "items", data) for one side."""
    items, problems = collect([arg])
    if problems:
        raise SystemExit(f"{problems[0]['name']}: {problems[0]['reason']}")
    if len(items) == 1 and items[0]["kind"] == "code":
        return "code", items[0]["data"]
    if len(items) == 1 and not Path(arg).is_dir():
        try:
            data = json.loads(items[0]["data"])
        except ValueError:
            return "items", items
        if isinstance(data, dict) and data.get("format") == FORMAT:
            return "record", data
        if isinstance(data, dict) and "dimensions" in data and "roles" in data:
            return "view", data
    return "items", items


def _claimed(kind: str, data) -> list[dict]:
    if kind == "items":
        return data
    if kind == "view":
        quest = data.get("questionnaire") or {}
        fake = {"format": FORMAT, "questionnaire": quest}
        return [{"name": "view", "kind": "record", "data": fake}]
    return [{"name": "result", "kind": "code" if kind == "code" else "record", "data": data}]


def _model(spec: str | None, sides: list[tuple[str, object]]):
    try:
        if spec:
            path = Path(spec)
            if not path.is_file() and (loader.QUESTIONNAIRE_DIR / f"{spec}.yaml").is_file():
                path = loader.QUESTIONNAIRE_DIR / f"{spec}.yaml"
            if not path.is_file():
                raise SystemExit(f"{spec}: no such definition file or bundled questionnaire id")
            return loader.load_file(path)
        models = {m.id: m for m in loader.load_all()}
    except loader.LoadFailed as e:
        raise SystemExit(str(e)) from None
    for kind, data in sides:
        if kind == "view":
            qid = (data.get("questionnaire") or {}).get("id")
            if qid in models:
                return models[qid]
        found = identify(_claimed(kind, data), models)
        if found:
            return models[found]
    raise SystemExit(
        "no valid result of a bundled questionnaire in BEFORE or AFTER: give the definition "
        "with --questionnaire FILE"
    )


def _as_round(kind: str, data, name: str):
    if kind in ("items", "view"):
        return data
    return [{"name": name, "kind": "code" if kind == "code" else "record", "data": data}]


# --- printing ---------------------------------------------------------------------------


def _num(x) -> str:
    return "-" if x is None else f"{x:.1f}"


def _signed(x) -> str:
    return "-" if x is None else f"{x:+.1f}"


def _fit(text: str, indent: str = "") -> str:
    text = indent + " ".join(str(text).split())
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "\u2026"


def _header(cols: list[str]) -> None:
    print(f"{'':<{LABEL_WIDTH}}  " + "  ".join(f"{c:>9}" for c in cols) + "  verdict")


def _change_line(row: dict, indent: str = "") -> None:
    cells = [_num(row.get("before")), _num(row.get("after")), _signed(row.get("change")),
             _num(row.get("threshold"))]  # fmt: skip
    verdict = VERDICTS[row["status"]]
    if row["status"] == "reliable":
        verdict += f" ({row['direction']})"
    label = _fit(row.get("label") or "", indent)
    print(f"{label:<{LABEL_WIDTH}}  " + "  ".join(f"{c:>9}" for c in cells) + f"  {verdict}")


def _gap_line(row: dict) -> None:
    cells = [_num(row.get("self")), _num(row.get("team")), _signed(row.get("gap")),
             _num(row.get("threshold"))]  # fmt: skip
    label = _fit(row.get("label") or "")
    print(f"{label:<{LABEL_WIDTH}}  " + "  ".join(f"{c:>9}" for c in cells)
          + f"  {GAP_VERDICTS[row['status']]}")  # fmt: skip


def print_people(model, out: dict) -> None:
    dates = ""
    if out.get("before_date") and out.get("after_date"):
        dates = f", {out['before_date']} -> {out['after_date']}"
    print(f"{model.title} (role: {out['role']}{dates})")
    print()
    _header(["before", "after", "change", "threshold"])
    _change_line(out["overall"])
    for row in out["dimensions"]:
        _change_line(row, "  ")
    print()
    print(out["method"])


def print_groups(model, out: dict) -> None:
    print(f"{model.title}: two rounds compared")
    for side in ("before", "after"):
        print(f"  {side}: {out['rounds'][side]['results']} result(s)")
    for role in out["roles"]:
        print()
        print(f"{role['label']} ({role['role']}): {role['n_before']} -> {role['n_after']}")
        if role["withheld"]:
            print(f"  {role['reason']}")
            continue
        _header(["before", "after", "change", "threshold"])
        _change_line(role["overall"])
        for row in role["dimensions"]:
            _change_line(row, "  ")
            for item in role["items"]:
                if item.get("dimension") == row["id"]:
                    _change_line(item, "    ")
    for side in ("before", "after"):
        g = out["gap"][side]
        print()
        if not g["shown"]:
            print(f"Gap, {side}: {g['reason']}")
            continue
        first, second = g["roles"]
        print(f"Gap, {side} ({first} minus {second})")
        _header([first[:9], second[:9], "gap", "threshold"])
        _gap_line(g["overall"])
        for row in g["dimensions"]:
            _gap_line(row)
    print()
    print(out["method"])


def _report(out: dict) -> None:
    for side in ("before", "after"):
        info = out["rounds"][side]
        for p in info["rejected"]:
            print(f"{side}: {p['name']}: {p['reason']}", file=sys.stderr)
        for w in info["warnings"]:
            print(f"{side}: {w['name']}: warning: {w['message']}", file=sys.stderr)


@messages_exit
def run(args) -> int:
    """Run `kit compare` for parsed arguments; the exit status."""
    sides = [_side(args.before), _side(args.after)]
    model = _model(args.questionnaire, sides)
    people = all(kind in ("record", "code") for kind, _ in sides)
    request = {"op": "change", "definition": model.definition}
    if people:
        request.update(action="people", before=sides[0][1], after=sides[1][1])
    else:
        request.update(
            action="groups",
            before=_as_round(*sides[0], args.before),
            after=_as_round(*sides[1], args.after),
            min_group=min_group_arg(args.min_group),
        )
        if args.role:
            request["role"] = args.role
    reply = handle_request(request)
    if not reply["ok"]:
        error = reply["error"]
        for side, arg in (("before", args.before), ("after", args.after)):
            for prefix in (f"{side}: ", f"'{side}' "):  # name the file the user gave
                if error.startswith(prefix):
                    error = f"{arg}: {error[len(prefix) :]}"
        raise SystemExit(error)
    out = reply["result"]
    if not people:
        _report(out)
        for side, arg in (("before", args.before), ("after", args.after)):
            if not out["rounds"][side]["results"]:
                raise SystemExit(f"{arg}: no valid result of '{model.id}' in this round")
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif people:
        print_people(model, out)
    else:
        print_groups(model, out)
    return 0
