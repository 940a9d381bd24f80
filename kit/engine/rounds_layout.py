"""The count vector of one response in a team round, its text form, and back.

A response becomes a vector of whole numbers that can be added up across
responses and split into additive shares modulo the prime P. The layout
follows the questionnaire's definition order:

- [0]: 1 (the response itself);
- per question: one count per option of its scale (in the scale's order), then
  one for "not answered" (hidden by a branch, or left out);
- per dimension, then overall: the score in tenths (0-1000), 1 if there is a
  score (0 when every answer was "don't know"), and one count per 20-point band;
- per outcome, the questionnaire's rules in order then its bands: 1 for the
  response's result.

Sums of these vectors are what a key holder releases; team_stats turns them
into the team view. Medians cannot be computed from sums and are not given.
"""

import base64
import binascii

from . import team_stats as ts
from .errors import InputError
from .model import Questionnaire

P = 2**61 - 1  # the field of the shares: a Mersenne prime, far above any count
HALF = P // 2  # a combined value above this is a negative number: inconsistent
SCORE_SLOTS = 2 + len(ts.BANDS)  # sum in tenths, count, band counts
MAX_TENTHS = 1000


class Layout:
    """Where each count of a response sits in its vector, for one questionnaire."""

    def __init__(self, model: Questionnaire):
        self.model = model
        pos = 1
        self.questions = []  # (question, first slot, option values)
        for q in model.questions:
            values = [o.value for o in model.scales[q.scale].options]
            self.questions.append((q, pos, values))
            pos += len(values) + 1
        self.dims = []  # (dimension id, first slot)
        for d in model.dimensions:
            self.dims.append((d.id, pos))
            pos += SCORE_SLOTS
        self.overall = pos
        pos += SCORE_SLOTS
        self.outcomes = [("rule", r.id, r.label) for r in model.rules]
        self.outcomes += [("band", b.id, b.label) for b in model.bands]
        self.first_outcome = pos
        self.size = pos + len(self.outcomes)

    def vector(self, result: dict, answers: dict[str, int]) -> list[int]:
        """The vector of one complete scored response (a kit.engine.scoring result)."""
        x = [0] * self.size
        x[0] = 1
        hidden = set(result["hidden"])
        for q, start, values in self.questions:
            value = answers.get(q.id)
            shown = q.id not in hidden and value is not None
            x[start + (values.index(value) if shown else len(values))] = 1
        for (_, start), dim in zip(self.dims, result["dimensions"], strict=True):
            _put_score(x, start, dim["score"])
        _put_score(x, self.overall, result["overall"])
        if result["band"]:
            kinds = [(kind, oid) for kind, oid, _ in self.outcomes]
            x[self.first_outcome + kinds.index((result["band"]["kind"], result["band"]["id"]))] = 1
        return x

    def tables(self, x: list[int]) -> dict:
        """The team view's tables of one group's (or role's) summed vector."""
        items = {}
        for q, start, values in self.questions:
            items[q.id] = {v: x[start + i] for i, v in enumerate(values) if x[start + i]}
        return {
            "n": x[0],
            "items": items,
            "dims": {did: _score_sums(x, start) for did, start in self.dims},
            "overall": _score_sums(x, self.overall),
        }

    def outcome_counts(self, x: list[int]) -> list[dict]:
        return [
            {"kind": kind, "id": oid, "label": label, "count": x[self.first_outcome + i]}
            for i, (kind, oid, label) in enumerate(self.outcomes)
        ]

    def problems(self, x: list[int], responses: int) -> list[str]:
        """Why a combined vector cannot be the sum of `responses` real responses."""
        if len(x) != self.size:
            return [f"{len(x)} numbers instead of {self.size}"]
        out = []
        negative = sum(1 for v in x if v > HALF)
        if negative:
            out.append(f"{negative} count(s) are negative")
            return out
        if x[0] != responses:
            out.append(f"it counts {x[0]} responses, not {responses}")
        for q, start, values in self.questions:
            total = sum(x[start : start + len(values) + 1])
            if total != responses:
                out.append(
                    f"question '{q.id}': its counts add up to {total}, not {responses} responses"
                )
        scored = [(f"dimension '{did}'", start) for did, start in self.dims]
        for where, start in [*scored, ("overall", self.overall)]:
            out += [f"{where}: {p}" for p in _score_problems(x, start, responses)]
        results = sum(x[self.first_outcome :])
        if results != x[self.overall + 1]:
            out.append(f"{results} results for {x[self.overall + 1]} overall scores")
        return out


def _put_score(x: list[int], start: int, score: float | None) -> None:
    if score is None:
        return
    t = ts.tenths(score)
    x[start] = t
    x[start + 1] = 1
    x[start + 2 + ts.band_index(t)] = 1


def _score_sums(x: list[int], start: int) -> ts.ScoreSums:
    return ts.ScoreSums(x[start + 1], x[start], x[start + 2 : start + SCORE_SLOTS])


def _score_problems(x: list[int], start: int, responses: int) -> list[str]:
    total, n, bands = x[start], x[start + 1], x[start + 2 : start + SCORE_SLOTS]
    out = []
    if n > responses:
        out.append(f"{n} scores from {responses} responses")
    if sum(bands) != n:
        out.append(f"its score bands hold {sum(bands)} scores, not {n}")
    low = sum(c * lo * 10 for (lo, _), c in zip(ts.BANDS, bands, strict=True))
    high = sum(c * min(hi * 10, MAX_TENTHS) for (_, hi), c in zip(ts.BANDS, bands, strict=True))
    if not low <= total <= high:
        out.append(f"its score sum {total / 10} does not fit its score bands")
    return out


# --- text form: 8 bytes per number, base64url: half the size of decimal JSON, and
# exact in JavaScript, whose JSON numbers lose whole numbers above 2**53 ----------------


def pack(x: list[int]) -> str:
    raw = b"".join(v.to_bytes(8, "big") for v in x)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def unpack(text: object, size: int) -> list[int]:
    """A packed vector of `size` numbers below P; InputError otherwise."""
    if not isinstance(text, str):
        raise InputError("vector: expected the packed text of the share")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InputError("vector: not base64url text") from None
    if len(raw) != 8 * size:
        raise InputError(f"vector: {len(raw) // 8} numbers, expected {size}")
    x = [int.from_bytes(raw[i : i + 8], "big") for i in range(0, len(raw), 8)]
    if any(v >= P for v in x):
        raise InputError("vector: a number is out of range")
    return x
