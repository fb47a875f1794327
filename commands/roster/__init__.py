"""Roster and availability: who can be brought in, and when."""
