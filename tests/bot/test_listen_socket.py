"""`erbij serve`'s listening socket: accepted connections send small answers at once (TCP_NODELAY).

Without it every answer's body waited for the client's delayed ACK of the headers: some 40 ms per request on
a kept-alive connection, whatever the handler did (the deployed benchmark's /erbij help at one client).
"""

from __future__ import annotations

import asyncio
import socket
from types import SimpleNamespace
from typing import cast

from bot.serve import listen
from bot.settings import Settings


def test_accepted_connections_have_nagle_switched_off() -> None:
    sock = listen(cast(Settings, SimpleNamespace(host="127.0.0.1", port=0)))
    sock.listen()
    port = sock.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted: socket.socket = writer.get_extra_info("socket")
            seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)  # as uvicorn serves it
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            while not seen:
                await asyncio.sleep(0.01)  # waiting for the server side to accept, not for domain time
            writer.close()

    asyncio.run(main())
    assert seen == [1]
