"""`kit benchmark`: an organisation's medians, ready to publish in the site.

Reads results as `kit aggregate` does and writes the benchmark file
(kit.engine.benchmark) that `extra.kit.benchmarks` publishes: medians per
group, no individual answers. Unusable inputs are listed on stderr.
"""

import argparse
import json
import sys

from .aggregate_cli import _model, _report_problems, collect, min_group_arg
from .cli_errors import messages_exit, write_output
from .engine import benchmark
from .engine.aggregate import DEFAULT_MIN_GROUP
from .engine.errors import InputError


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `benchmark` on the `kit` command's subparsers."""
    p = subparsers.add_parser(
        "benchmark",
        help="the organisation's medians from many results, to publish in the site",
        description="Read result files (.json), bundles (.jsonl) and files of codes (.txt) "
        "for one questionnaire and write a benchmark: the median overall and dimension "
        "scores of everyone and of each role with at least --min-group complete results. "
        "It holds no individual answers. Put it in the folder named by extra.kit.benchmarks "
        "in mkdocs.yml as <questionnaire id>.json and build the site.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="as for kit aggregate")
    p.add_argument(
        "--label",
        required=True,
        help="whose results and when, shown on the page, e.g. 'Acme Ltd, spring survey'",
    )
    p.add_argument(
        "--collected",
        required=True,
        metavar="DATE",
        help="when the results were collected: YYYY, YYYY-MM or YYYY-MM-DD",
    )
    p.add_argument(
        "--min-group",
        default=str(DEFAULT_MIN_GROUP),
        metavar="N",
        help=f"smallest group published (default {DEFAULT_MIN_GROUP}; the site refuses a "
        "benchmark made with a smaller one than its anonymity minimum)",
    )
    p.add_argument("--questionnaire", metavar="ID", help="as for kit aggregate")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the benchmark here (default: print it)",
    )
    p.set_defaults(func=run)
    return p


@messages_exit
def run(args) -> int:
    min_group = min_group_arg(args.min_group)
    items, problems = collect(args.inputs)
    model, note, _guessed = _model(args.questionnaire, items)
    try:
        bench, summary = benchmark.make(
            model, items, args.label, args.collected, min_group, max_bytes=None
        )
    except InputError as e:
        _report_problems(problems, None)
        if note:
            print(note, file=sys.stderr)
        raise SystemExit(f"{model.id}: {e}") from None
    _report_problems(problems, summary)
    text = json.dumps(bench, indent=2, ensure_ascii=False) + "\n"
    groups = ", ".join(f"{g} ({v['n']})" for g, v in bench["groups"].items())
    if args.output:
        write_output(args.output, text)
        print(f"Wrote {args.output}: {model.id} version {model.version}, groups {groups}")
        withheld = [r["id"] for r in summary["roles"] if r["id"] not in bench["groups"]]
        if withheld:
            print(f"Not published (fewer than {min_group} complete results): {', '.join(withheld)}")
    else:
        sys.stdout.write(text)
    return 0
