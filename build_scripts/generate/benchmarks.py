"""Published benchmarks: the files of `kit benchmark`, checked before they reach a page.

A plain step (no MkDocs): read every <questionnaire id>.json in the folder
named by extra.kit.benchmarks, check it with the engine against its
questionnaire and the site's anonymity minimum, and return them by id. Any
problem stops the build with the file, the field and the fix: a page must
never show figures that are wrong or too revealing.
"""

from pathlib import Path

from kit.engine import Questionnaire
from kit.engine import benchmark as engine_benchmark
from kit.engine.errors import InputError
from kit.engine.jsontext import loads
from kit.loader import display_name


class BenchmarkError(Exception):
    """One or more benchmark files cannot be published; str() lists each problem."""


def load(folder: Path | None, models: list[Questionnaire], min_group: int) -> dict[str, dict]:
    """{questionnaire id: checked benchmark} for every file in `folder`."""
    if folder is None:
        return {}
    by_id = {m.id: m for m in models}
    out: dict[str, dict] = {}
    problems: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        name = display_name(path)
        if path.suffix != ".json":
            problems.append(f"{name}: not a benchmark (expected <questionnaire id>.json)")
            continue
        model = by_id.get(path.stem)
        if model is None:
            problems.append(
                f"{name}: no questionnaire '{path.stem}' in this site (the file name is the "
                f"questionnaire id; known: {', '.join(sorted(by_id))})"
            )
            continue
        try:
            data = loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            problems.append(f"{name}: cannot read it as JSON: {e}")
            continue
        try:
            out[model.id] = engine_benchmark.read(data, model, min_group)
        except InputError as e:
            problems.append(f"{name}: {e}")
    if problems:
        raise BenchmarkError("\n".join(problems))
    return out
