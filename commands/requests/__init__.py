"""Erbij halen: request, match, offer, accept, escalate, check out."""
