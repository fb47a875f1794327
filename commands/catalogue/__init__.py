"""The message catalogue: every sentence a professional reads comes from here.

Messages are grouped per feature in `nl/<feature>.py` (a `MESSAGES` dict each) and merged into one catalogue,
so a translation only has to mirror the same keys. Templates use `str.format` placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from string import Formatter

LANGUAGE = "nl"


@cache
def catalogue(language: str = LANGUAGE) -> dict[str, str]:
    package = importlib.import_module(f"{__name__}.{language}")
    merged: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, template in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice (in {info.name})")
            merged[key] = template
    return merged


def t(key: str, /, **values: object) -> str:
    """The catalogue text for `key`, filled in with `values`."""
    template = catalogue()[key]
    return template.format(**values) if values else template


def placeholders(key: str) -> set[str]:
    """Names a template expects; used by tests to check every template is filled correctly."""
    return {name for _, name, _, _ in Formatter().parse(catalogue()[key]) if name}
