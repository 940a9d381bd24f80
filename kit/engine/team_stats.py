"""Statistics of a team view, shared by the team view (kit.engine.aggregate) and
team rounds (kit.engine.rounds), and the one owner of the anonymity minimum.

A group's answers arrive as tables: per question {option value: count}; per
dimension and overall either {score in tenths: count} (the team view, which
has every score) or ScoreSums (a round, which has only sums and band counts,
so its medians are None). Every figure based on fewer than k answers is
withheld with its reason.
"""

from fractions import Fraction

from .model import Question, Questionnaire

# The anonymity minimum: smallest group shown unless the user sets another, and
# the least a round accepts (360 and engagement tools default to 5, floor 3).
DEFAULT_MINIMUM = 5
MINIMUM_FLOOR = 3

BAND_WIDTH = 20  # histogram bands of 20 points for dimensions and overall
BANDS = tuple((lo, lo + BAND_WIDTH) for lo in range(0, 100, BAND_WIDTH))

NO_RESULTS = "no results from this group"


def group_reason(k: int) -> str:
    return (
        f"fewer than {k} respondents in this group; results are shown for groups of {k} "
        "or more to protect anonymity"
    )


def item_reason(k: int) -> str:
    return (
        f"fewer than {k} answers to this question in this group; results are shown for "
        f"{k} or more answers to protect anonymity"
    )


def score_reason(k: int) -> str:
    return (
        f"fewer than {k} complete results in this group; results are shown for {k} or "
        "more to protect anonymity"
    )


def tenths(score_value: float) -> int:
    """A one-decimal score as a whole number of tenths, so sums are exact."""
    return round(score_value * 10)


def band_index(score_tenths: int) -> int:
    """The 20-point band of a score in tenths (100 belongs to the top band)."""
    return min(score_tenths // (BAND_WIDTH * 10), len(BANDS) - 1)


class ScoreSums:
    """Scores known only by their number, sum (in tenths) and band counts."""

    __slots__ = ("n", "total", "bands")

    def __init__(self, n: int = 0, total: int = 0, bands: list[int] | None = None):
        self.n = n
        self.total = total
        self.bands = list(bands) if bands is not None else [0] * len(BANDS)


def withheld(reason: str) -> dict:
    return {"withheld": True, "reason": reason}


def round1(x: Fraction | float) -> float:
    return round(float(x), 1)


def item_stat(model: Questionnaire, q: Question, counts: dict[int, int], k: int) -> dict:
    n = sum(counts.values())
    if n < k:
        return withheld(item_reason(k))
    scale = model.scales[q.scale]
    total = Fraction(0)
    n_scored = 0
    span = scale.high - scale.low
    for option in scale.options:
        c = counts.get(option.value, 0)
        if c and q.scored and option.scored:
            pts = Fraction(option.value - scale.low, span)
            total += c * (1 - pts if q.reverse else pts)
            n_scored += c
    return {
        "withheld": False,
        "n": n,
        "n_scored": n_scored,
        "mean": round1(100 * total / n_scored) if n_scored else None,
        "distribution": [
            {
                "value": o.value,
                "label": o.label,
                "scored": o.scored,
                "count": counts.get(o.value, 0),
            }
            for o in scale.options
        ],
    }


def median(hist: dict[int, int], n: int) -> float:
    """The median of n scores given as {score in tenths: count}: the middle one,
    or halfway between the two middle ones."""
    middle = ((n - 1) // 2, n // 2)  # 0-based ranks of the middle score(s)
    found = []
    seen = 0
    for t in sorted(hist):
        c = hist[t]
        found += [t for rank in middle if seen <= rank < seen + c]
        seen += c
        if len(found) == 2:
            break
    return round1(Fraction(found[0] + found[1], 20))


def score_stat(scores: dict[int, int] | ScoreSums, k: int) -> dict:
    if isinstance(scores, ScoreSums):
        n, total, bands, mid = scores.n, scores.total, scores.bands, None
    else:
        n = sum(scores.values())
        bands = [0] * len(BANDS)
        total = 0
        for t, c in scores.items():
            total += t * c
            bands[band_index(t)] += c
        mid = None
    if n < k:
        return withheld(score_reason(k))
    if mid is None and not isinstance(scores, ScoreSums):
        mid = median(scores, n)
    return {
        "withheld": False,
        "n": n,
        "mean": round1(Fraction(total, 10 * n)),
        "median": mid,
        "distribution": [
            {"from": lo, "to": hi, "count": c} for (lo, hi), c in zip(BANDS, bands, strict=True)
        ],
    }


def merged(tables):
    """Score tables added up: histograms into one histogram, ScoreSums into one."""
    tables = list(tables)
    if any(isinstance(t, ScoreSums) for t in tables):
        out = ScoreSums()
        for t in tables:
            out.n += t.n
            out.total += t.total
            out.bands = [a + b for a, b in zip(out.bands, t.bands, strict=True)]
        return out
    hist: dict[int, int] = {}
    for h in tables:
        for t, c in h.items():
            hist[t] = hist.get(t, 0) + c
    return hist


def gap(stats: dict[str, dict], compare: tuple[str, str] | None) -> float | None:
    if compare is None:
        return None
    a, b = (stats.get(r) for r in compare)
    if not a or not b or a["withheld"] or b["withheld"]:
        return None
    if a.get("mean") is None or b.get("mean") is None:
        return None
    return round(a["mean"] - b["mean"], 1)
