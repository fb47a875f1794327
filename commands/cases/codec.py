"""Card values to JSON-ready dicts and back, driven by the dataclasses' type hints.

Decoding is lenient on purpose: a field missing from an old version takes its default and an unknown key is
ignored, so the card schema can grow without rewriting the append-only history.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from commands.cases.card import Change, SafetyCard

SCHEMA = 1
T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


def from_json(tp: Any, raw: Any) -> Any:
    return _decoder(tp)(raw)


def _identity(raw: Any) -> Any:
    return raw


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A decoding function per type, built once: reading 1,000 cards must not walk type hints each time."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        decode = _decoder(inner)
        return lambda raw: None if raw is None else decode(raw)
    if origin is tuple:
        decode = _decoder(typing.get_args(tp)[0])
        if decode is _identity:
            return tuple
        return lambda raw: tuple(map(decode, raw))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp._value2member_map_.__getitem__
    if tp is datetime:
        return datetime.fromisoformat
    if tp is date:
        return date.fromisoformat
    return _identity


def _dataclass_decoder(tp: type) -> Callable[[Any], Any]:
    hints = _hints(tp)
    fields = dataclasses.fields(tp)
    plain = frozenset(f.name for f in fields if _decoder(hints[f.name]) is _identity)
    typed = {f.name: _decoder(hints[f.name]) for f in fields if f.name not in plain}
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}
    required = frozenset(f.name for f in fields) - defaults.keys() - factories.keys()
    new = object.__new__

    def decode(raw: dict[str, Any]) -> Any:
        values = dict(defaults)
        for k, v in raw.items():
            if k in plain:
                values[k] = v
            elif k in typed:
                values[k] = typed[k](v)
        for k, factory in factories.items():
            if k not in values:
                values[k] = factory()
        if not required <= values.keys():
            raise ValueError(f"{tp.__name__}: missing {sorted(required - values.keys())}")
        # Frozen dataclasses set each field through object.__setattr__; filling __dict__ at once is the
        # same result several times faster, which matters when a consult agenda loads many cards.
        instance: Any = new(tp)
        instance.__dict__.update(values)
        return instance

    return decode


def card_to_json(card: SafetyCard) -> dict[str, Any]:
    data: dict[str, Any] = to_json(card)
    data["schema"] = SCHEMA
    return data


def card_from_json(raw: dict[str, Any]) -> SafetyCard:
    card: SafetyCard = from_json(SafetyCard, raw)
    return card


def changes_to_json(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [to_json(c) for c in changes]


def changes_from_json(raw: list[dict[str, Any]]) -> tuple[Change, ...]:
    return tuple(from_json(Change, c) for c in raw)
