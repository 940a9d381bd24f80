"""Generate the site's questionnaire pages from validated models.

A plain function from models to {path: Markdown text}: the MkDocs hook only
hands these to MkDocs as virtual files, so another generator could use them.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kit.engine import Questionnaire, team_stats
from kit.engine.records import asdict
from kit.engine.scoring import visible_questions

from . import plans as starting_plans
from .hosting import Dropbox
from .ui import LANGUAGE_NAMES, UI_EN, ui_for

TEMPLATES = Path(__file__).parent / "templates"
SECTION = "assessments"

# A Markdown link target that is relative to the docs root: no scheme, no
# leading slash, not a bare #anchor.
_LINK = re.compile(r"(\]\()(?![a-z][a-z0-9+.-]*:|/|#)([^)\s]+)(\))", re.IGNORECASE)


def md_links(text: str, depth: int) -> str:
    """Rewrite docs-root-relative links in definition texts for a page `depth` folders down."""
    prefix = "../" * depth
    return _LINK.sub(lambda m: f"{m[1]}{prefix}{m[2]}{m[3]}", text)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    # Escape first, then rewrite links: the link syntax has no HTML specials.
    env.filters["md_links"] = lambda text, depth: Markup(md_links(str(Markup.escape(text)), depth))
    return env


def embed_json(data) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_path(model: Questionnaire, lang: str = "en") -> str:
    """assessments/<id>.md, or <lang>/assessments/<id>.md for a translation."""
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{prefix}{SECTION}/{model.id}.md"


def _relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one docs page to another (both docs-root relative)."""
    return "../" * from_page.count("/") + to_page


def _checklist_options(model: Questionnaire) -> list:
    """A checklist's scored answers other than yes, in scale order, named in its count."""
    if model.checklist_yes is None:
        return []
    seen: dict[int, object] = {}
    for q in model.questions:
        for option in model.scales[q.scale].options if q.scored else ():
            if option.scored and option.value != model.checklist_yes:
                seen.setdefault(option.value, option)
    return list(seen.values())


def render_questionnaire(
    model: Questionnaire,
    env: Environment | None = None,
    lang: str = "en",
    ui: dict | None = None,
    other_languages: tuple[str, ...] = (),
    benchmark: dict | None = None,
    plans: list[dict] | None = None,
) -> str:
    env = env or _environment()
    # What shows before any answer comes from the engine, as it will in the browser.
    shown = {q.id for q in visible_questions(model, {})}
    hidden_dims = {
        d.id
        for d in model.dimensions
        if not any(q.dimension == d.id and q.id in shown for q in model.questions)
    }
    ui = ui or UI_EN
    here = page_path(model, lang)
    # Each link is worded in the language it leads to.
    alternates = [
        (ui_for(other)[0]["other_language"].replace("{language}", LANGUAGE_NAMES[other]),
         _relative(here, page_path(model, other)), other)
        for other in other_languages
    ]  # fmt: skip
    return env.get_template("questionnaire.md.j2").render(
        q=model,
        hidden={q.id for q in model.questions if q.id not in shown},
        hidden_dims=hidden_dims,
        outcomes=[*model.rules, *model.bands],
        checklist=_checklist_options(model),
        depth=here.count("/"),
        definition_json=embed_json(model.definition),
        benchmark_json=embed_json(benchmark) if benchmark else None,
        # The starting plans for this questionnaire's action plan (plan_panel.html.j2).
        plans=starting_plans.definitions_for(model.id) if plans is None else plans,
        language=lang,
        alternates=alternates,
        # A namespace, not a dict: Jinja would resolve ui.clear to dict.clear.
        ui=SimpleNamespace(**ui),
    )


def render_index(
    models: list[Questionnaire],
    env: Environment | None = None,
    lang: str = "en",
    ui: dict | None = None,
) -> str:
    env = env or _environment()
    return env.get_template("assessments_index.md.j2").render(
        models=models,
        source=lambda m: asdict(m.source),
        language=lang,
        ui=SimpleNamespace(**(ui or UI_EN)),
    )


def _guide_target(model: Questionnaire, did: str) -> str | None:
    """The first link of a dimension's first recommendation: where to read more."""
    dim = model.dimension(did)
    for rec in dim.recommendations:
        m = _LINK.search(rec.text)
        if m:
            return m[2]
    return None


def render_team_view(
    models: list[Questionnaire],
    min_group: int,
    env: Environment,
    language: str = "en",
    ui: dict | None = None,
) -> str:
    # The page is [<lang>/]tools/team-view.md: a language's guide mirrors the
    # English paths, so the same relative links reach the guide in its language.
    guides = {
        m.id: {d.id: (f"../{t}" if (t := _guide_target(m, d.id)) else None) for d in m.dimensions}
        for m in models
    }
    if language != "en":
        # A translated guide page has headings (so anchors) in its own language.
        guides = {q: {d: t and t.split("#")[0] for d, t in g.items()} for q, g in guides.items()}
    return env.get_template("team_view.md.j2").render(
        models=models,
        definitions_json=embed_json({m.id: m.definition for m in models}),
        min_group=min_group,
        max_bytes=5 * 1024 * 1024,
        guides=guides,
        round_minimum=team_stats.DEFAULT_MINIMUM,
        dropbox_path=Dropbox().path,
        language=language,
        ui=SimpleNamespace(**(ui or UI_EN)),
    )


def listed_models(
    models: list[Questionnaire], listed: tuple[str, ...] | None
) -> list[Questionnaire]:
    """The models an index lists: all, or those named, in the order named."""
    if listed is None:
        return list(models)
    by_id = {m.id: m for m in models}
    return [by_id[qid] for qid in listed if qid in by_id]


def generate(
    models: list[Questionnaire],
    min_group: int = 3,
    translations: dict[str, list[Questionnaire]] | None = None,
    ui_by_lang: dict[str, dict] | None = None,
    listed: tuple[str, ...] | None = None,
    benchmarks: dict[str, dict] | None = None,
) -> dict[str, str]:
    """Every generated page, by docs-relative path.

    `translations` maps a language to its translated models; each gets
    <lang>/assessments/<id>.md and a <lang>/assessments/index.md listing them
    (the language's home page, docs/<lang>/index.md, is written by hand).
    `listed` (extra.kit.instruments) names the questionnaires the indexes list,
    in their own order (None: all); every questionnaire's page is built anyway,
    so links from the guide keep working. `benchmarks` are checked organisation
    medians by questionnaire id (build_scripts.generate.benchmarks), shown on its pages.
    """
    benchmarks = benchmarks or {}
    translations = translations or {}
    ui_by_lang = ui_by_lang or {}
    env = _environment()
    pages = {
        f"{SECTION}/index.md": render_index(listed_models(models, listed), env),
        "tools/team-view.md": render_team_view(models, min_group, env),
    }
    translated_ids = {lang: {m.id for m in ms} for lang, ms in translations.items()}
    for model in models:
        others = tuple(lang for lang, ids in translated_ids.items() if model.id in ids)
        pages[page_path(model)] = render_questionnaire(
            model, env, other_languages=others, benchmark=benchmarks.get(model.id)
        )
    for lang, translated in translations.items():
        ui = ui_by_lang.get(lang, UI_EN)
        pages[f"{lang}/tools/team-view.md"] = render_team_view(translated, min_group, env, lang, ui)
        pages[f"{lang}/{SECTION}/index.md"] = render_index(
            listed_models(translated, listed), env, lang, ui
        )
        for model in translated:
            pages[page_path(model, lang)] = render_questionnaire(
                model, env, lang, ui, other_languages=("en",), benchmark=benchmarks.get(model.id)
            )
    return pages
