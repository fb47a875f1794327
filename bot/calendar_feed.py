"""`GET /kalender/overleg.ics?token=…`: the consults as a calendar feed professionals subscribe to.

Calendar apps fetch a feed without logging in, so the URL itself is the credential: the token is our HMAC
signature (the same key as buttons and dialogs) over the professional's user id, valid for a year. The feed
is served only while that person is active in the roster, so someone who leaves loses it at once; rotating
`ERBIJ_SECRET` revokes every link. A feed holds consult times, channel, chair and video link: never a case.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.scheduler import CronConsultDates
from bot.signing import BadSignature, Signer
from commands.consults.service import ConsultSettings
from commands.consults.views import Views

if TYPE_CHECKING:
    from bot.http import Edge

FEED_PATH = "/kalender/overleg.ics"
FEED_KIND = "overleg-kalender"
FEED_LIFETIME = timedelta(days=366)


def feed_token(signer: Signer, user_id: str, now: datetime) -> str:
    return signer.sign({"k": FEED_KIND, "u": user_id}, now + FEED_LIFETIME)


def feed_url(public_base: str, signer: Signer, user_id: str, now: datetime) -> str:
    return f"{public_base}{FEED_PATH}?token={feed_token(signer, user_id, now)}"


def mount(app: FastAPI, edge: Edge) -> None:
    views = Views(ConsultSettings(dates=CronConsultDates()))

    @app.get(FEED_PATH)
    async def consult_feed(token: str = "") -> Response:
        try:
            payload = edge.signer.verify(token, edge.clock.now())
            if payload.get("k") != FEED_KIND:
                raise BadSignature("not a feed token")
            user_id = str(payload["u"])
        except (BadSignature, KeyError, TypeError, ValueError):
            return Response(status_code=403)
        document = await run_in_threadpool(views.feed, edge.erbij.context, user_id)
        if document is None:
            return Response(status_code=403)
        return Response(
            document,
            media_type="text/calendar; charset=utf-8",
            headers={
                "Cache-Control": "private, max-age=300",
                "Content-Disposition": "inline; filename=overleg.ics",
            },
        )
