"""The `kit` command line: the same engine as the browser, for files on disk.

User mistakes print one line each (file:line: field path: message) and exit
1; tracebacks are reserved for bugs.
"""

import argparse
import json
import sys
from pathlib import Path

from . import loader
from .aggregate_cli import add_parser as add_aggregate_parser
from .benchmark_cli import add_parser as add_benchmark_parser
from .compare_cli import add_parser as add_compare_parser
from .engine import AnswerError, score
from .nps_cli import add_parser as add_nps_parser
from .round_cli import add_parser as add_round_parser


def _print_errors(errors) -> None:
    for e in errors:
        print(str(e), file=sys.stderr)


def _paths(args_paths: list[str]) -> list[Path]:
    return [Path(p) for p in args_paths] if args_paths else [loader.QUESTIONNAIRE_DIR]


def cmd_validate(args) -> int:
    paths = _paths(args.paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            print(f"{p}: no such file or folder", file=sys.stderr)
        return 1
    files = loader.definition_files(paths)
    if not files:
        print(f"no *.yaml definitions found in {', '.join(map(str, paths))}", file=sys.stderr)
        return 1
    try:
        models = loader.load_all(paths)
    except loader.LoadFailed as e:
        _print_errors(e.errors)
        print(f"{len(e.errors)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(models)} definition(s) valid")
    return 0


def cmd_list(args) -> int:
    try:
        models = loader.load_all(_paths(args.paths))
    except loader.LoadFailed as e:
        _print_errors(e.errors)
        return 1
    rows = [("ID", "VERSION", "ITEMS", "TITLE")]
    rows += [(m.id, str(m.version), str(len(m.questions)), m.title) for m in models]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3])
    return 0


def _read_answers(path: str):
    """Answers JSON: {"q": 3, ...} or {"role": "...", "answers": {...}}."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as e:
        raise SystemExit(f"{path}: cannot read: {e.strerror}") from None
    except ValueError as e:
        raise SystemExit(f"{path}: invalid JSON: {e}") from None
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        return data.get("role"), data["answers"]
    return None, data


def _definition(spec: str):
    """A definition file path, or the id of a bundled questionnaire."""
    path = Path(spec)
    if not path.exists() and (loader.QUESTIONNAIRE_DIR / f"{spec}.yaml").is_file():
        path = loader.QUESTIONNAIRE_DIR / f"{spec}.yaml"
    if not path.is_file():
        raise SystemExit(f"{spec}: no such definition file or bundled questionnaire id")
    return loader.load_file(path)


def cmd_score(args) -> int:
    try:
        model = _definition(args.definition)
    except loader.LoadFailed as e:
        _print_errors(e.errors)
        return 1
    file_role, answers = _read_answers(args.answers)
    role = args.role or file_role or model.roles[0].id
    try:
        result = score(model, role, answers)
    except AnswerError as e:
        name = "<stdin>" if args.answers == "-" else args.answers
        print(f"{name}: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    print(f"{model.title} (role: {role})")
    print(f"answered {result['answered']} of {result['total']}")
    overall = "-" if result["overall"] is None else f"{result['overall']:.1f}"
    print(f"overall  {overall} / 100")
    if result["tally"]:
        print(f"yes      {_tally_line(model, result['tally'])}")
    if result["band"]:
        print(f"result   {result['band']['label']}")
        print(f"decided  by {_decided_line(model, result['decided_by'])}")
    elif result["insufficient"]:
        print("result   none: every answer was unscored (don't know)")
    else:
        print(f"result   none yet: unanswered {', '.join(result['missing'])}")
    for d in result["dimensions"]:
        if d["shown"]:
            s = "-" if d["score"] is None else f"{d['score']:.1f}"
            print(f"  {d['title']:<40} {s:>5}")
    for rec in result["recommendations"]:
        print(f"recommendation: {rec['id']}")
    return 0


def _tally_line(model, tally: dict) -> str:
    """A checklist's count, e.g. "7 of 8 are a clear yes; 1 cannot be confirmed; Partly: 1"."""
    parts = [f"{tally['yes']} of {tally['total']} are a clear yes"]
    if tally["unknown"]:
        parts.append(f"{tally['unknown']} cannot be confirmed")
    labels = {}
    for q in model.questions:
        for o in model.scales[q.scale].options if q.scored else ():
            if o.scored and o.value != model.checklist_yes:
                labels.setdefault(o.value, o.label)
    parts += [f"{label}: {tally['by_value'][str(v)]}" for v, label in labels.items()
              if str(v) in tally["by_value"]]  # fmt: skip
    if tally["unanswered"]:
        parts.append(f"{tally['unanswered']} unanswered")
    return "; ".join(parts)


def _decided_line(model, decided: dict) -> str:
    if decided["kind"] == "dimension":
        return f"{decided['title']}, {decided['score']:.1f} / 100"
    if decided["kind"] == "items":
        names = [model.question(q).short or q for q in decided["questions"]]
        return ", ".join(names)
    return f"the overall score, {decided['score']:.1f} / 100"


def cmd_new(args) -> int:
    from . import scaffold

    try:
        path = scaffold.write(args.id, args.dir, title=args.title, force=args.force)
    except scaffold.ScaffoldError as e:
        print(f"kit new: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"kit new: cannot write {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    shown = loader.display_name(path)
    print(f"wrote {shown}")
    print(f"next: edit it, then check it with `kit validate {shown}`")
    return 0


def cmd_schema(args) -> int:
    from .schema import render

    text = render()
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"kit schema: cannot write {args.output}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kit",
        description="Customer-centric leadership kit: validate, list, score, new, schema.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check definitions; every problem, exit 1 if any")
    p.add_argument("paths", nargs="*", help="files or folders (default: the bundled ones)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("list", help="id, version, number of items and title of each definition")
    p.add_argument("paths", nargs="*")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("score", help="score an answers file as the browser does")
    p.add_argument("definition", help="a definition file, or a bundled questionnaire id")
    p.add_argument("answers", help='answers JSON file ({"question": value} or - for stdin)')
    p.add_argument("--role", help="the respondent role (default: the file's, else the first)")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("new", help="write a new questionnaire definition to start from")
    p.add_argument("id", help="its id, also the file name: e.g. acme-pulse writes acme-pulse.yaml")
    p.add_argument(
        "--dir",
        type=Path,
        help="the folder to write it into (default: the bundled kit/questionnaires/)",
    )
    p.add_argument("--title", help="its title (default: from the id)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("schema", help="the JSON Schema of definitions, for editors")
    p.add_argument("--output", "-o", help="write it to this file (default: print it)")
    p.set_defaults(func=cmd_schema)
    add_nps_parser(sub)
    add_aggregate_parser(sub)
    add_benchmark_parser(sub)
    add_round_parser(sub)
    add_compare_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
