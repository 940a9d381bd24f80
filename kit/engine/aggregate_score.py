"""Scoring a team view's entries: each distinct answer set scored once, lookups made fast.

Scoring itself is kit.engine.scoring.score; this module only caches and indexes.
"""

from typing import Any

from .errors import AnswerError, InputError
from .model import Questionnaire, Scale
from .records import field_names
from .results import decode, read_record
from .scoring import score


class _IndexedScale(Scale):
    """A Scale whose option lookups are dict lookups (the same answers)."""

    def option(self, value: int):
        return self._by_value.get(value)

    @property
    def low(self) -> int:
        return self._low

    @property
    def high(self) -> int:
        return self._high


class _IndexedQuestionnaire(Questionnaire):
    """A Questionnaire whose lookups by id are dict lookups (the same answers).

    Scoring 100,000 results calls these lookups millions of times; the model's
    own are linear scans. Scoring itself is still kit.engine.scoring.score.
    """

    def question(self, qid: str):
        return self._questions.get(qid)

    def dimension(self, did: str):
        return self._dimensions.get(did)

    def role(self, rid: str):
        return self._roles.get(rid)


def _copy(cls, obj, **changes):
    fields = {name: getattr(obj, name) for name in field_names(obj)}
    return cls(**{**fields, **changes})


def _indexed(model: Questionnaire) -> Questionnaire:
    try:
        scales = {}
        for key, scale in model.scales.items():
            fast = _copy(_IndexedScale, scale)
            object.__setattr__(fast, "_by_value", {o.value: o for o in scale.options})
            object.__setattr__(fast, "_low", scale.low)
            object.__setattr__(fast, "_high", scale.high)
            scales[key] = fast
        fast_model = _copy(_IndexedQuestionnaire, model, scales=scales)
        object.__setattr__(fast_model, "_questions", {q.id: q for q in model.questions})
        object.__setattr__(fast_model, "_dimensions", {d.id: d for d in model.dimensions})
        object.__setattr__(fast_model, "_roles", {r.id: r for r in model.roles})
        return fast_model
    except (TypeError, AttributeError, ValueError):  # the model changed shape: stay correct
        return model


class _Scored:
    """What one distinct answer set contributes, and how many responses gave it.

    Kept compact (slots, shared tuples): a large set has one of these per
    distinct answer set, i.e. up to one per response.
    """

    __slots__ = (
        "role",
        "qids",
        "values",
        "dim_ids",
        "scores",
        "overall",
        "band",
        "complete",
        "count",
    )

    def __init__(self, role, qids, values, dim_ids, scores, overall, band, complete):
        self.role = role
        self.qids = qids  # the shown questions answered ...
        self.values = values  # ... and their answers
        self.dim_ids = dim_ids  # the shown dimensions ...
        self.scores = scores  # ... and their scores (None: nothing scored)
        self.overall = overall
        self.band = band
        self.complete = complete
        self.count = 0

    def agrees(self, stored: dict) -> bool:
        """Whether a record's stored result is what its answers score."""
        return (
            stored["overall"] == self.overall
            and stored["band"] == self.band
            and stored["complete"] == self.complete
            and stored["dimensions"] == dict(zip(self.dim_ids, self.scores, strict=True))
        )


class _Reader:
    """Parses and scores entries for one model, caching by code and by answers."""

    def __init__(self, model: Questionnaire):
        self.model = model
        self.fast = _indexed(model)
        self.models = {model.id: model}
        self.by_answers: dict[tuple, _Scored] = {}
        self.by_code: dict[str, _Scored] = {}
        self._shared: dict[tuple, tuple] = {}  # one copy of each tuple of ids

    def _share(self, ids: tuple) -> tuple:
        return self._shared.setdefault(ids, ids)

    def _score(self, role: str, answers: dict) -> _Scored:
        qids = self._share(tuple(answers))
        values = tuple(answers.values())
        key = (role, qids, values)
        hit = self.by_answers.get(key)
        if hit is None:
            result = score(self.fast, role, answers)
            hidden = set(result["hidden"])
            if hidden or None in values:
                kept = [(q, v) for q, v in answers.items() if v is not None and q not in hidden]
                qids = self._share(tuple(q for q, _ in kept))
                values = tuple(v for _, v in kept)
            shown = [d for d in result["dimensions"] if d["shown"]]
            hit = _Scored(
                role=role,
                qids=qids,
                values=values,
                dim_ids=self._share(tuple(d["id"] for d in shown)),
                scores=tuple(d["score"] for d in shown),
                overall=result["overall"],
                band=result["band"]["id"] if result["band"] else None,
                complete=result["complete"],
            )
            self.by_answers[key] = hit
        return hit

    def record(self, data: Any) -> tuple[_Scored, str, bool]:
        """(scored, response id, stored result agrees); InputError with the reason."""
        stored = read_record(data)  # the structure only: every field checked
        quest = stored["questionnaire"]
        if quest["id"] != self.model.id or quest["version"] != self.model.version:
            read_record(data, self.model)  # raises the documented message
            raise InputError("this result is for another questionnaire")  # pragma: no cover
        try:
            scored = self._score(stored["role"], stored["answers"])
        except AnswerError:
            read_record(data, self.model)  # raises the documented message
            raise  # pragma: no cover
        return scored, stored["response_id"], scored.agrees(stored["result"])

    def code(self, tokens: list[str]) -> tuple[_Scored, str, list[str]]:
        """(scored, the code as read, tokens left over); InputError with the reason.

        The pieces of a code broken over lines are joined; text after a code
        (a note, a signature) is left over.
        """
        text = "".join(tokens)
        try:
            return self._code(text), text, []
        except InputError as e:
            problem = e
        for end in range(len(tokens) - 1, 0, -1):
            try:
                prefix = "".join(tokens[:end])
                return self._code(prefix), prefix, tokens[end:]
            except InputError:
                continue
        raise problem

    def _code(self, text: str) -> _Scored:
        text = "".join(text.split())
        hit = self.by_code.get(text)
        if hit is None:
            decoded = decode(text, self.models)
            hit = self._score(decoded["role"], decoded["answers"])
            self.by_code[text] = hit
        return hit
