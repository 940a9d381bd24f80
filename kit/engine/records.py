"""Immutable records: the engine's model classes, as @dataclass(frozen=True) made them.

dataclasses writes each class's __init__, __eq__, __repr__ and the rest as
source and compiles it with exec() when the module is imported. Under Pyodide
that was about 30 ms of the engine's 45 ms import in the browser, on the way
to a page's first score. A Record's methods are written once, here, and read
the fields from the class's annotations: the same constructor (positional or
by name, defaults, field(default_factory=...)), equality and hash over the
compared fields, repr, and no assignment after construction.
"""

from operator import attrgetter
from typing import Any

_MISSING = object()


class Field:
    __slots__ = ("name", "default", "default_factory", "compare", "repr")

    def __init__(self, default=_MISSING, default_factory=None, compare=True, repr=True):
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(*, default=_MISSING, default_factory=None, compare=True, repr=True) -> Any:
    """A field with a default_factory, or left out of equality or repr (as dataclasses.field)."""
    return Field(default, default_factory, compare, repr)


class Record:
    """Subclasses name their fields with annotations, in order, as a dataclass does."""

    _fields: tuple[Field, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = {f.name: f for f in cls._fields}
        for name in cls.__annotations__:  # this class's own, in order
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, Field):
                delattr(cls, name)
                f = value
            else:
                f = Field(value)
            f.name = name
            fields[name] = f
        required = False
        for f in reversed(fields.values()):
            if f.default is _MISSING and f.default_factory is None:
                required = True
            elif required:
                raise TypeError(f"{cls.__name__}: field {f.name!r} has a default, one after it not")
        cls._fields = tuple(fields.values())
        cls.__match_args__ = tuple(fields)
        compared = [f.name for f in cls._fields if f.compare]
        get = attrgetter(*compared) if compared else (lambda record: ())
        cls._compared = staticmethod((lambda record: (get(record),)) if len(compared) == 1 else get)

    def __init__(self, *args, **kwargs):
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments")
        values = self.__dict__
        for f, value in zip(fields, args, strict=False):
            values[f.name] = value
        for f in fields[len(args) :]:
            if f.name in kwargs:
                values[f.name] = kwargs.pop(f.name)
            elif f.default_factory is not None:
                values[f.name] = f.default_factory()
            elif f.default is not _MISSING:
                values[f.name] = f.default
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {f.name!r}")
        if kwargs:
            name = next(iter(kwargs))
            what = "got two values for" if name in values else "got an unexpected argument"
            raise TypeError(f"{type(self).__name__}() {what} {name!r}")

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared(self) == other._compared(other)

    def __hash__(self):
        return hash(self._compared(self))

    def __repr__(self):
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in self._fields if f.repr)
        return f"{type(self).__qualname__}({', '.join(shown)})"


def field_names(record: Record) -> tuple[str, ...]:
    return tuple(f.name for f in record._fields)


def asdict(value: Any) -> Any:
    """A record as a dict, recursively through records, lists, tuples and dicts
    (as dataclasses.asdict)."""
    if isinstance(value, Record):
        return {f.name: asdict(getattr(value, f.name)) for f in value._fields}
    if isinstance(value, list | tuple):
        return type(value)(asdict(v) for v in value)
    if isinstance(value, dict):
        return {asdict(k): asdict(v) for k, v in value.items()}
    return value
