"""A server process for the HTTP benchmark: Erbij's real app,
or a bare FastAPI app returning constant JSON.
"""

from __future__ import annotations

import argparse

import uvicorn
from fastapi import FastAPI
from fastapi.responses import JSONResponse

BENCH_TOKEN = "benchtoken0000000000000000"


def bare_app() -> FastAPI:
    app = FastAPI()

    @app.post("/mattermost/command")
    async def command() -> JSONResponse:
        return JSONResponse({"response_type": "ephemeral", "text": "ok"})

    return app


BENCH_SECRET = "bench-secret-long-enough"


def erbij_app(database_url: str, at: str | None = None) -> FastAPI:
    from datetime import datetime

    from bot.composition import build_runtime
    from bot.settings import Settings
    from commands.clock import ManualClock

    settings = Settings(
        database_url=database_url,
        mattermost_url="http://127.0.0.1:9",  # type: ignore[arg-type]  # never contacted by these commands
        mattermost_token="unused",  # type: ignore[arg-type]
        mattermost_team="bench",
        public_url="http://127.0.0.1:1",  # type: ignore[arg-type]
        secret=BENCH_SECRET,  # type: ignore[arg-type]
        command_tokens=[BENCH_TOKEN],
    )
    # A fixed instant lets a benchmark run "on a Tuesday morning" whatever the wall clock says.
    runtime = build_runtime(settings, clock=ManualClock(datetime.fromisoformat(at)) if at else None)
    assert runtime.app is not None
    return runtime.app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["erbij", "bare"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", default="sqlite:///bench.db")
    parser.add_argument("--at", default=None, help="ISO instant for the bot's clock (default: wall clock)")
    args = parser.parse_args()
    app = erbij_app(args.database, args.at) if args.kind == "erbij" else bare_app()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
