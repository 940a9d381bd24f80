"""Starting plans (kit/plans/*.yaml): read, check, and hand each questionnaire page its own.

Each file defines one starting plan (kit.engine.plan_model). They are read
with kit.loader's YAML reader, so every problem is reported as
`file:line: field: message`, all files at once, and the build stops. A plan
must name questionnaires and roles that exist, and exactly one plan is the
fallback for any other questionnaire. A questionnaire page embeds the plans
for its questionnaire and the fallback; the engine picks one per role and
answers (the op "plan").
"""

import functools
from pathlib import Path

from kit.engine.errors import DefinitionError, format_path
from kit.engine.plan_model import StartingPlan, check_targets, validate_plan
from kit.loader import LoadError, LoadFailed, display_name, line_for, parse_yaml, read_file

ROOT = Path(__file__).resolve().parents[2]
PLAN_DIR = ROOT / "kit" / "plans"


class Loaded:
    """A checked plan with its raw definition (what the page embeds) and where it came from."""

    def __init__(self, plan: StartingPlan, definition: dict, name: str, lines: dict):
        self.plan, self.definition, self.name, self.lines = plan, definition, name, lines


def load_text(text: str, name: str) -> Loaded:
    data, lines = parse_yaml(text, name)
    try:
        plan = validate_plan(data)
    except DefinitionError as e:
        raise LoadFailed(
            [
                LoadError(name, line_for(lines, p.path), f"{format_path(p.path)}: {p.message}")
                for p in e.problems
            ]
        ) from None
    stem = Path(name).stem
    if plan.id != stem:
        raise LoadFailed(
            [
                LoadError(
                    name,
                    line_for(lines, ("id",)),
                    f"id: '{plan.id}' must match the file name '{stem}.yaml'",
                )
            ]
        )
    return Loaded(plan, data, name, lines)


def load_all(directory: Path = PLAN_DIR, roles: dict[str, list[str]] | None = None) -> list[Loaded]:
    """Every plan in the folder; with `roles` (questionnaire id -> role ids) also its targets."""
    errors: list[LoadError] = []
    loaded: list[Loaded] = []
    for path in sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_")):
        try:
            text, name = read_file(path)
            loaded.append(load_text(text, name))
        except LoadFailed as e:
            errors.extend(e.errors)
    if roles is not None:
        for n, path, message in check_targets([x.plan for x in loaded], roles):
            item = loaded[n]
            errors.append(
                LoadError(item.name, line_for(item.lines, path), f"{format_path(path)}: {message}")
            )
    fallbacks = [x for x in loaded if any(t.fallback for t in x.plan.targets)]
    if loaded and len(fallbacks) != 1:
        found = ", ".join(x.name for x in fallbacks) or "none"
        errors.append(
            LoadError(
                display_name(directory),
                None,
                f"for: exactly one plan needs `- {{fallback: true}}` (found: {found})",
            )
        )
    if not loaded and not errors:
        errors.append(LoadError(display_name(directory), None, "no starting plans (*.yaml)"))
    if errors:
        raise LoadFailed(errors)
    return sorted(loaded, key=lambda x: (x.plan.order, x.plan.id))


@functools.cache
def _bundled() -> tuple[Loaded, ...]:
    return tuple(load_all())


def definitions_for(
    qid: str, loaded: list[Loaded] | tuple[Loaded, ...] | None = None
) -> list[dict]:
    """The plan definitions a questionnaire's page carries: its own and the fallback."""
    loaded = _bundled() if loaded is None else loaded
    return [
        x.definition
        for x in loaded
        if any(t.fallback or t.questionnaire == qid for t in x.plan.targets)
    ]
