"""Imports every model module so that `Base.metadata` is complete (for Alembic and `alembic check`)."""

from __future__ import annotations

import importlib

MODEL_MODULES = (
    "storage.models",
    "storage.roster_models",
    "storage.case_models",
    "storage.request_models",
    "storage.consult_models",
    "storage.monitor_models",
)


def import_all_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)
