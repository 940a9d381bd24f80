"""Advice that fits the reader (issue 16): each role gets its own band, rule and advice
texts in the bundled instruments, in English and in German."""

import pytest

from kit.engine import score
from tests.test_instrument_verdicts import BUNDLED, MODELS


def _texts(model):
    """(where, role -> text) for every band, rule and recommendation."""
    yield from ((f"bands.{b.id}", b.texts) for b in model.bands)
    yield from ((f"rules.{r.id}", r.texts) for r in model.rules)
    for d in model.dimensions:
        yield from ((f"{d.id}.{rec.id}", rec.texts) for rec in d.recommendations)


@pytest.mark.parametrize("qid", sorted({qid for qid, _ in BUNDLED}))
def test_every_verdict_and_band_is_worded_for_each_role(qid):
    """The roles differ in what they can do, so no band or rule says the same to both."""
    model = MODELS[qid, "en"]
    for where, texts in _texts(model):
        if not where.startswith(("bands.", "rules.")):
            continue
        assert len(set(texts.values())) == len(model.roles), where


@pytest.mark.parametrize("qid", sorted({qid for qid, _ in BUNDLED}))
def test_every_role_text_has_its_own_german_wording(qid):
    english = dict(_texts(MODELS[qid, "en"]))
    for where, texts in _texts(MODELS[qid, "de"]):
        for role, text in texts.items():
            assert text.strip() and text != english[where][role], (where, role)


def test_someone_rating_their_manager_is_not_told_to_fix_their_own_diary():
    """The issue's example: an employee got the manager's advice."""
    model = MODELS["leadership-vision", "en"]
    answers = dict.fromkeys([q.id for q in model.questions], 1)
    r = score(model, "employee", answers)
    shown = {rec["id"] for rec in r["recommendations"]}
    assert shown == {"understanding-calls", "sharing-agenda", "acting-own-it"}
    calls = model.dimension("understanding").recommendations[0].texts
    assert "your own diary" in calls["manager"] and "diary" not in calls["employee"]
    assert "your manager" in calls["employee"].lower()
