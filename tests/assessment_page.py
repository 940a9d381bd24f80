"""Driving an assessment page the way a respondent does, and reading it back."""

from kit import loader

ENGINE_READY = '.kit-status[data-state="ready"]'


def model(qid: str):
    return loader.load_file(loader.QUESTIONNAIRE_DIR / f"{qid}.yaml")


def open_assessment(page, base_url: str, qid: str):
    page.goto(f"{base_url}assessments/{qid}/")
    return page


def answer(page, answers: dict[str, int], role: str | None = None):
    if role:
        page.check(f'input[name="kit-role"][value="{role}"]')
    for qid, value in answers.items():
        page.check(f'input[name="q-{qid}"][value="{value}"]')


def wait_for_progress(page, answered: int, total: int):
    page.wait_for_function(
        "([a, t]) => document.querySelector('.kit-progress').textContent.trim()"
        " === `${a} of ${t} answered`",
        arg=[answered, total],
    )


def read_result(page) -> dict:
    """The result as the page shows it, in the engine's terms."""
    return page.evaluate(
        """() => {
        const r = document.querySelector('.kit-result');
        const band = [...r.querySelectorAll('[data-band]')].find((el) => !el.hidden);
        // German pages write a decimal comma (45,8).
        const num = (t) => (t.trim() === '–' ? null : Number(t.trim().replace(',', '.')));
        return {
          shown: !r.hidden,
          complete: r.dataset.state === 'complete',
          overall: num(r.querySelector('.kit-overall').textContent),
          band: band ? band.dataset.band : null,
          dimensions: Object.fromEntries([...r.querySelectorAll('tr[data-dimension]')].map(
            (tr) => [tr.dataset.dimension, num(tr.querySelector('.kit-dim-score').textContent)])),
          recommendations: [...r.querySelectorAll('[data-rec]')]
            .filter((el) => !el.hidden).map((el) => el.dataset.rec),
          progress: document.querySelector('.kit-progress').textContent.trim(),
        };
    }"""
    )


def expected_view(result: dict) -> dict:
    """The engine's result reduced to what the page shows."""
    return {
        "overall": result["overall"],
        "band": result["band"]["id"] if result["band"] else None,
        "dimensions": {d["id"]: d["score"] for d in result["dimensions"]},
        "recommendations": [r["id"] for r in result["recommendations"]],
        "complete": result["complete"],
    }


def show_more(page, *names: str):
    """Unfold the result page's folded sections as a user does, by clicking
    their summaries: keep, open, history, about (all shown ones if none named)."""
    wanted = names or ("keep", "open", "history", "about")
    for name in wanted:
        summary = page.locator(f"details.kit-more.kit-{name} > summary")
        if summary.is_visible() and not summary.evaluate("(s) => s.parentElement.open"):
            summary.click()
