"""Consults (MDO): weekly slots, registering cases, agendas for the chair, decisions and action items."""
