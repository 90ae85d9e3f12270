"""A stand-in for Flywire on loopback for the fan-out benchmark (bench section 10): answers
every GET with a small recipient after HOLD milliseconds (Flywire's own latency from a
merchant's server is of that order), over keep-alive HTTP/1.1, with any number of connections
open at once. Prints "listening on PORT" and serves until killed.

    python3 server.py HOLD_MS
"""
from __future__ import annotations

import asyncio
import resource
import sys

BODY = b'{"id": "FWU", "name": "Flywire University", "country": "US", "currency": "USD"}'
ANSWER = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: req_standin\r\n"
          b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY)


class Exchange(asyncio.Protocol):
    hold = 0.2

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while b"\r\n\r\n" in self.buffer:  # requests without bodies (GETs)
            _, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            loop.call_later(self.hold, self.answer)

    def answer(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(ANSWER)  # type: ignore[attr-defined]


async def main() -> None:
    Exchange.hold = int(sys.argv[1]) / 1000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = await asyncio.get_running_loop().create_server(Exchange, "127.0.0.1", 0, backlog=16384)
    print("listening on", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
