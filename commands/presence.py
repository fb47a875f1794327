"""What Mattermost says about people's presence, as last read: a soft signal for matching.

Mattermost sends status changes only to the user concerned, so Erbij reads the statuses of the roster's
experts in bulk on its scheduler tick, outside any transaction, and matching consults this copy without a
network call. A status not refreshed for a while is forgotten rather than trusted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

SOFT_STATUSES = frozenset({"ooo", "dnd"})
MAX_AGE = timedelta(minutes=15)


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._statuses: dict[str, tuple[str, datetime]] = {}

    def update(self, statuses: Mapping[str, str], now: datetime) -> None:
        with self._lock:
            for user_id, status in statuses.items():
                self._statuses[user_id] = (status, now)

    def soft_signals(self, user_ids: Iterable[str], now: datetime) -> dict[str, str]:
        """Users among `user_ids` whose recent status is out of office or do-not-disturb, with that status."""
        found = {}
        with self._lock:
            for user_id in user_ids:
                entry = self._statuses.get(user_id)
                if entry is not None and entry[0] in SOFT_STATUSES and now - entry[1] <= MAX_AGE:
                    found[user_id] = entry[0]
        return found
