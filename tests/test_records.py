"""kit.engine.records: what the model classes had from @dataclass(frozen=True)."""

import pytest

from kit.engine.records import Record, asdict, field, field_names


class Point(Record):
    x: int
    y: int = 0
    tags: dict = field(default_factory=dict, compare=False, repr=False)


class Labelled(Point):
    label: str = ""


def test_constructed_by_position_or_name_with_defaults():
    assert (Point(1).x, Point(1).y, Point(1).tags) == (1, 0, {})
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2)
    assert Point(1).tags is not Point(1).tags  # a fresh one each time
    assert field_names(Labelled(1)) == ("x", "y", "tags", "label")
    assert Labelled(1, 2, {}, "a").label == "a"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Point(), "missing argument 'x'"),
        (lambda: Point(1, x=2), "got two values for 'x'"),
        (lambda: Point(1, z=2), "got an unexpected argument 'z'"),
        (lambda: Point(1, 2, {}, 4), "takes 3 arguments"),
    ],
)
def test_wrong_arguments_are_refused(make, message):
    with pytest.raises(TypeError, match=message):
        make()


def test_immutable():
    p = Point(1)
    with pytest.raises(AttributeError):
        p.x = 2
    with pytest.raises(AttributeError):
        del p.x
    assert p.x == 1


def test_equality_hash_and_repr_leave_out_what_they_should():
    assert Point(1, 2, {"a": 1}) == Point(1, 2, {"b": 2})
    assert hash(Point(1, 2, {"a": 1})) == hash(Point(1, 2))
    assert Point(1) != Point(2)
    assert Point(1) != Labelled(1)  # another class, as with dataclasses
    assert repr(Labelled(1, label="a")) == "Labelled(x=1, y=0, label='a')"


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="has a default"):

        class Bad(Record):
            a: int = 0
            b: int


def test_asdict_goes_through_records_and_containers():
    assert asdict(Labelled(1, 2, {"p": Point(3)}, "a")) == {
        "x": 1,
        "y": 2,
        "tags": {"p": {"x": 3, "y": 0, "tags": {}}},
        "label": "a",
    }
    assert asdict([Point(1), (Point(2),)]) == [
        {"x": 1, "y": 0, "tags": {}},
        ({"x": 2, "y": 0, "tags": {}},),
    ]
