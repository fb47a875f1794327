"""HMAC-SHA256 signatures for button contexts and dialog states (Mattermost signs neither)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime
from typing import Any


class BadSignature(Exception):
    """Forged, tampered, malformed or expired: the caller answers 403 and does nothing else."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: str) -> None:
        if len(secret) < 16:
            raise ValueError("the signing secret must be at least 16 characters")
        self._key = hashlib.sha256(b"erbij-signing:" + secret.encode("utf-8")).digest()

    def sign(self, payload: dict[str, Any], expires_at: datetime) -> str:
        body = json.dumps(
            {"p": payload, "exp": int(expires_at.timestamp())}, separators=(",", ":"), sort_keys=True
        ).encode("utf-8")
        mac = hmac.new(self._key, body, hashlib.sha256).digest()
        return f"{_b64(body)}.{_b64(mac)}"

    def verify(self, token: object, now: datetime) -> dict[str, Any]:
        if not isinstance(token, str) or token.count(".") != 1:
            raise BadSignature("malformed")
        body_part, mac_part = token.split(".")
        try:
            body = _unb64(body_part)
            mac = _unb64(mac_part)
        except (ValueError, TypeError) as err:
            raise BadSignature("malformed") from err
        expected = hmac.new(self._key, body, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected):
            raise BadSignature("signature mismatch")
        decoded = json.loads(body)
        if int(decoded["exp"]) < now.timestamp():
            raise BadSignature("expired")
        payload = decoded["p"]
        if not isinstance(payload, dict):
            raise BadSignature("malformed")
        return payload
