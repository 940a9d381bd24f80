"""Score bands: their record and validation.

Bands tile 0-100 as half-open ranges and may each carry a floor on the weakest
dimension (`weakest_at_least`): validation rejects gaps, overlaps and floors
that contradict each other (a better band asking less than one below it, or a
floor on the lowest band, which must always be possible). Evaluation is in
kit.engine.verdict.
"""

from .checker import _Checker, _role_texts
from .errors import Path
from .records import Record

BAND_FIELDS = {"id", "min", "max", "label", "text", "weakest_at_least"}


class Band(Record):
    id: str
    min: float | None
    max: float | None
    label: str
    texts: dict[str, str]
    # Given only when every shown, scored dimension is at least this (None: no floor).
    weakest_at_least: float | None = None

    @property
    def text(self) -> str:
        """The first role's text (all roles' texts are the same unless written per role)."""
        return next(iter(self.texts.values()), "")


def _bands(c: _Checker, data: dict, role_ids: list[str]) -> list[Band]:
    bands = []
    for i, raw in enumerate(c.seq(data, "bands", ())):
        path: Path = ("bands", i)
        item = c.mapping(raw, path)
        if item is None:
            continue
        c.unknown_keys(item, BAND_FIELDS, path)
        ends = {}
        for key in ("min", "max"):
            value = c.number(item, key, path, None)
            if value is None and key not in item:
                c.add(path + (key,), "required number is missing")
            elif value is not None and not 0 <= value <= 100:
                c.add(path + (key,), f"expected a score from 0 to 100, got {value:g}")
                value = None
            ends[key] = value
        floor = c.number(item, "weakest_at_least", path, None)
        if floor is not None and not 0 < floor <= 100:
            c.add(
                path + ("weakest_at_least",),
                f"expected a score above 0 and at most 100, got {floor:g}",
            )
            floor = None
        bands.append(
            Band(
                c.ident(item, "id", path),
                ends["min"],
                ends["max"],
                c.text(item, "label", path),
                _role_texts(c, item.get("text"), path + ("text",), role_ids),
                floor,
            )
        )
    c.unique([(b.id, ("bands", i, "id")) for i, b in enumerate(bands)], "band id")
    if _check_band_cover(c, bands):
        _check_floors(c, bands)
    return bands


def _check_band_cover(c: _Checker, bands: list[Band]) -> bool:
    """Bands are half-open ranges [min, max) that must tile 0-100 exactly."""
    if not bands or any(b.min is None or b.max is None for b in bands):
        return False  # already reported
    order = sorted(range(len(bands)), key=lambda i: bands[i].min)
    expect = 0.0
    ok = True
    for i in order:
        b = bands[i]
        if b.max <= b.min:
            c.add(("bands", i, "max"), f"max {b.max:g} must be above min {b.min:g}")
            return False
        if b.min > expect:
            c.add(("bands", i, "min"), f"gap: no band covers scores from {expect:g} to {b.min:g}")
            ok = False
        elif b.min < expect:
            c.add(
                ("bands", i, "min"),
                f"overlap: scores from {b.min:g} to {expect:g} are in two bands",
            )
            ok = False
        expect = b.max
    if expect != 100:
        last = order[-1]
        c.add(("bands", last, "max"), f"the highest band must end at 100, not {expect:g}")
        ok = False
    return ok


def _check_floors(c: _Checker, bands: list[Band]) -> None:
    """Floors rise with the bands: a better result never asks less of the weakest dimension."""
    order = sorted(range(len(bands)), key=lambda i: bands[i].min)
    lowest = order[0]
    if bands[lowest].weakest_at_least is not None:
        c.add(
            ("bands", lowest, "weakest_at_least"),
            "the lowest band cannot have a floor: a result whose floors all fail moves down "
            "to it, so it must always be possible; remove weakest_at_least here",
        )
    highest: tuple[float, int] | None = None  # (floor, band index) of the bands below
    for i in order[1:]:
        b = bands[i]
        floor = b.weakest_at_least or 0.0
        if highest is not None and floor < highest[0]:
            below = bands[highest[1]]
            here = "has no weakest_at_least" if b.weakest_at_least is None else f"asks {floor:g}"
            c.add(
                ("bands", i, "weakest_at_least"),
                f"this band {here}, but '{below.id}' below it (bands[{highest[1]}]) asks "
                f"{highest[0]:g}: a better result would ask less of the weakest dimension; "
                f"set weakest_at_least: {highest[0]:g} or higher",
            )
        if highest is None or floor > highest[0]:
            highest = (floor, i)
