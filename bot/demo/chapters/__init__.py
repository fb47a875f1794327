"""Demo chapters, one per feature, in story order (see bot/demo/__init__.py)."""
