#!/usr/bin/env python3
"""Loopback TCP proxy that delays every chunk by a fixed time in each direction.

Used by scripts/bench.sh to put a network between cargo-doctor and PostgreSQL: with --delay-ms 40
a request/answer exchange costs 80 ms, like a warehouse in another region. The delay is latency,
not bandwidth: each chunk is forwarded DELAY after it arrived, in order, while later chunks are
already being read, so a streamed result set is not slowed down chunk by chunk.

It also counts, per connection, the client's turns: a run of client bytes that follows server
bytes (or opens the connection) is one round trip the client waited for. The sum over all
connections is written to --stats on SIGTERM/SIGINT/SIGUSR1, so the benchmark can compare the wall time
with (round trips x 2 x delay). Loopback only: it listens on and connects to 127.0.0.1.

usage: delay-proxy.py --listen-port P --target-port Q [--delay-ms 40] [--stats FILE] [--port-file F]
"""

import argparse
import asyncio
import json
import os
import signal
import time


class Stats:
    def __init__(self):
        self.connections = 0
        self.client_turns = 0
        self.bytes_up = 0
        self.bytes_down = 0

    def as_dict(self):
        return {
            "connections": self.connections,
            "clientTurns": self.client_turns,
            "bytesToServer": self.bytes_up,
            "bytesToClient": self.bytes_down,
        }


async def pump(reader, writer, delay, on_chunk):
    """Reads chunks as they come and writes each one `delay` seconds after it arrived."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read_side():
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                return
            on_chunk(len(data))

    async def write_side():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    reading = asyncio.ensure_future(read_side())
    try:
        await write_side()
    finally:
        reading.cancel()


async def handle(client_reader, client_writer, args, stats):
    stats.connections += 1
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", args.target_port)
    except OSError:
        client_writer.close()
        return
    delay = args.delay_ms / 1000.0
    last = {"side": "server"}  # the first client bytes open a turn

    def up(n):
        stats.bytes_up += n
        if last["side"] != "client":
            stats.client_turns += 1
            last["side"] = "client"

    def down(n):
        stats.bytes_down += n
        last["side"] = "server"

    tasks = [
        asyncio.ensure_future(pump(client_reader, server_writer, delay, up)),
        asyncio.ensure_future(pump(server_reader, client_writer, delay, down)),
    ]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    except (Exception, asyncio.CancelledError):  # a reset connection ends this pair only; shutdown cancels it quietly
        pass
    finally:
        for t in tasks:
            t.cancel()
        for w in (client_writer, server_writer):
            try:
                w.close()
            except Exception:
                pass


async def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--listen-port", type=int, default=0)
    p.add_argument("--target-port", type=int, required=True)
    p.add_argument("--delay-ms", type=float, default=40.0)
    p.add_argument("--stats", help="write the counters here as JSON on exit, and on SIGUSR1 (which then zeroes them)")
    p.add_argument("--port-file", help="write the port actually listened on here once ready")
    args = p.parse_args()

    stats = Stats()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args, stats), "127.0.0.1", args.listen_port)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write(f"{port}\n")

    def dump():
        if args.stats:  # written whole, then renamed: a reader never sees half a file
            with open(args.stats + ".tmp", "w") as f:
                json.dump(stats.as_dict() | {"delayMs": args.delay_ms, "at": time.time()}, f)
            os.replace(args.stats + ".tmp", args.stats)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    # SIGUSR1: write the counters and zero them, so one proxy serves several measured runs.
    def reset():
        dump()
        stats.__init__()
    loop.add_signal_handler(signal.SIGUSR1, reset)
    async with server:
        await stop.wait()
    dump()


if __name__ == "__main__":
    asyncio.run(main())
