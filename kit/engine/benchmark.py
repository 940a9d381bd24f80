"""Organisation benchmarks: medians published into the site, never anyone's answers.

An organisation collects results (files or codes, as for the team view), runs
`kit benchmark` over them and puts the file it writes into the folder named
by `extra.kit.benchmarks`. The build checks it against the questionnaire and
the site's anonymity minimum; each assessment page then shows a respondent's
scores beside the organisation's medians.

A benchmark holds, per group ("everyone" and each role with enough results),
the number of complete results and the median overall and dimension scores:

    {"format": "cx-kit-benchmark", "format_version": 1,
     "questionnaire": {"id": "leadership-vision", "version": 1},
     "label": "Acme Ltd, spring survey", "collected": "2026-05",
     "min_group": 3,
     "groups": {"everyone": {"n": 42, "overall": 61.3,
                             "dimensions": {"vision": 58.0, ...}},
                "manager": {...}}}

A group, or a dimension of a group, with fewer than min_group results is left
out of the file altogether. Nothing else may be in it: read() refuses
unknown fields, so a file carrying individual answers is not published.
"""

import re
from typing import Any

from .errors import InputError
from .model import Questionnaire

FORMAT = "cx-kit-benchmark"
FORMAT_VERSION = 1
EVERYONE = "everyone"
MAX_LABEL = 120
FIELDS = ("format", "format_version", "questionnaire", "label", "collected", "min_group", "groups")
GROUP_FIELDS = ("n", "overall", "dimensions")
_COLLECTED = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def _label(value: Any, field: str = "label") -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{field}: expected text, e.g. 'Acme Ltd, spring survey', got {value!r}")
    if len(value) > MAX_LABEL or "\n" in value:
        raise InputError(f"{field}: expected one line of at most {MAX_LABEL} characters")
    return value.strip()


def _collected(value: Any, field: str = "collected") -> str:
    if not isinstance(value, str) or not _COLLECTED.fullmatch(value):
        raise InputError(
            f"{field}: expected when the results were collected as YYYY, YYYY-MM or "
            f"YYYY-MM-DD, got {value!r}"
        )
    return value


def _min_group(value: Any, field: str = "min_group") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{field}: expected a whole number of at least 1, got {value!r}")
    return value


def make(
    model: Questionnaire,
    items: Any,
    label: str,
    collected: str,
    min_group: int | None = None,
    max_bytes: int | None = None,
) -> tuple[dict, dict]:
    """(benchmark, the aggregate it came from) for result items as aggregate() takes them.

    The aggregate lists rejected inputs and warnings for the caller to report.
    Raises InputError when no group has min_group complete results (default:
    the team view's).
    """
    # Imported here: pages that only compare need not load the aggregator.
    from .aggregate import DEFAULT_MIN_GROUP, aggregate

    label = _label(label)
    collected = _collected(collected)
    k = _min_group(DEFAULT_MIN_GROUP if min_group is None else min_group)
    summary = aggregate(model, items, k, max_bytes=max_bytes)
    groups: dict[str, dict] = {}
    candidates = [(EVERYONE, summary["everyone"])] + [
        (
            r.id,
            {
                "overall": summary["overall"]["roles"][r.id],
                "dimensions": {d["id"]: d["roles"][r.id] for d in summary["dimensions"]},
            },
        )
        for r in model.roles
    ]
    for gid, stats in candidates:
        if stats["overall"]["withheld"]:
            continue
        groups[gid] = {
            "n": stats["overall"]["n"],
            "overall": stats["overall"]["median"],
            "dimensions": {
                did: s["median"] for did, s in stats["dimensions"].items() if not s["withheld"]
            },
        }
    if not groups:
        raise InputError(
            f"no benchmark: fewer than {k} complete results "
            f"({summary['results']} result(s) read, {len(summary['rejected'])} rejected)"
        )
    return _document(model, label, collected, k, groups), summary


def _document(model: Questionnaire, label: str, collected: str, k: int, groups: dict) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "questionnaire": {"id": model.id, "version": model.version},
        "label": label,
        "collected": collected,
        "min_group": k,
        "groups": groups,
    }


def _unknown(data: dict, known: tuple, where: str) -> None:
    extra = sorted(str(k) for k in data if k not in known)
    if extra:
        raise InputError(
            f"{where}{extra[0]}: not a benchmark field (a benchmark holds only "
            f"{', '.join(known)}: never individual answers)"
        )


def _score(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise InputError(f"{field}: expected a median score from 0 to 100, got {value!r}")
    return float(value)


def read(data: Any, model: Questionnaire, min_group: int | None = None) -> dict:
    """A checked copy of a benchmark for `model`; InputError naming the field otherwise.

    `min_group` is the site's anonymity minimum: a benchmark made with smaller
    groups is refused.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"not a benchmark (no 'format': '{FORMAT}'): make one with kit benchmark")
    _unknown(data, FIELDS, "")
    if data.get("format_version") != FORMAT_VERSION:
        raise InputError(
            f"format_version: this kit reads version {FORMAT_VERSION}, got "
            f"{data.get('format_version')!r}: make the benchmark again with this kit"
        )
    quest = data.get("questionnaire")
    if not isinstance(quest, dict):
        raise InputError("questionnaire: expected {id, version}")
    _unknown(quest, ("id", "version"), "questionnaire.")
    if quest.get("id") != model.id:
        raise InputError(
            f"questionnaire.id: this benchmark is for {quest.get('id')!r}, not {model.id!r}: "
            f"name the file {quest.get('id')}.json, or make one from results of {model.id!r}"
        )
    if quest.get("version") != model.version:
        raise InputError(
            f"questionnaire.version: made from results of version {quest.get('version')!r}, "
            f"but {model.id!r} is now version {model.version}: scores of different versions "
            "do not compare, so make the benchmark again from results of this version"
        )
    k = _min_group(data.get("min_group"))
    if min_group is not None and k < min_group:
        raise InputError(
            f"min_group: made with groups of at least {k}, but this site's anonymity minimum "
            f"is {min_group}: make it again with --min-group {min_group}"
        )
    groups = data.get("groups")
    if not isinstance(groups, dict) or not groups:
        raise InputError("groups: expected at least one group of results")
    role_ids = [r.id for r in model.roles]
    dim_ids = [d.id for d in model.dimensions]
    out_groups = {}
    for gid, group in groups.items():
        where = f"groups.{gid}"
        if gid != EVERYONE and gid not in role_ids:
            raise InputError(
                f"{where}: no such role in {model.id!r} (groups: {EVERYONE}, {', '.join(role_ids)})"
            )
        if not isinstance(group, dict):
            raise InputError(f"{where}: expected {{n, overall, dimensions}}")
        _unknown(group, GROUP_FIELDS, f"{where}.")
        n = group.get("n")
        if isinstance(n, bool) or not isinstance(n, int) or n < k:
            raise InputError(f"{where}.n: expected the number of results, at least {k}, got {n!r}")
        overall = group.get("overall")
        dims = group.get("dimensions", {})
        if not isinstance(dims, dict):
            raise InputError(f"{where}.dimensions: expected {{dimension id: median}}")
        for did in dims:
            if did not in dim_ids:
                raise InputError(
                    f"{where}.dimensions.{did}: no such dimension in {model.id!r} "
                    f"(dimensions: {', '.join(dim_ids)})"
                )
        out_groups[gid] = {
            "n": n,
            "overall": None if overall is None else _score(overall, f"{where}.overall"),
            "dimensions": {
                did: _score(dims[did], f"{where}.dimensions.{did}")
                for did in dim_ids
                if did in dims
            },
        }
    return _document(
        model,
        _label(data.get("label")),
        _collected(data.get("collected")),
        k,
        out_groups,
    )


def _difference(you: float | None, median: float | None) -> float | None:
    return None if you is None or median is None else round(you - median, 1)


def compare(model: Questionnaire, bench: dict, role: str, result: dict) -> dict:
    """A respondent's scores (a score() result) beside a read() benchmark's medians.

    The respondent's own role's medians when the benchmark has that group,
    else everyone's. Only a complete result is compared: the medians are of
    complete results.
    """
    if not result["complete"] or result.get("insufficient"):
        return {"shown": False}
    gid = role if role in bench["groups"] else EVERYONE
    group = bench["groups"].get(gid)
    if group is None:
        return {"shown": False}
    medians = group["dimensions"]
    rows = []
    for d in result["dimensions"]:
        if not d["shown"]:
            continue
        median = medians.get(d["id"])
        rows.append(
            {
                "id": d["id"],
                "you": d["score"],
                "median": median,
                "difference": _difference(d["score"], median),
            }
        )
    return {
        "shown": True,
        "label": bench["label"],
        "collected": bench["collected"],
        "group": gid,
        "n": group["n"],
        "overall": {
            "you": result["overall"],
            "median": group["overall"],
            "difference": _difference(result["overall"], group["overall"]),
        },
        "dimensions": rows,
    }


def handle(request: dict) -> dict:
    """The `benchmark` op: action "make" (from result items) or "read" (check a file)."""
    from .cache import model as _model

    model = _model(request.get("definition"))
    action = request.get("action")
    if action == "make":
        from .aggregate import MAX_TEXT_BYTES

        bench, summary = make(
            model,
            request.get("items"),
            request.get("label"),
            request.get("collected"),
            request.get("min_group"),
            max_bytes=MAX_TEXT_BYTES,
        )
        return {
            "benchmark": bench,
            "rejected": summary["rejected"],
            "warnings": summary["warnings"],
        }
    if action == "read":
        return {"benchmark": read(request.get("benchmark"), model, request.get("min_group"))}
    raise InputError(f"unknown benchmark action {action!r} (actions: make, read)")
