"""Persistence: SQLAlchemy models, repositories returning domain values, the unit of work, migrations.

Only this package imports SQLAlchemy.
"""
