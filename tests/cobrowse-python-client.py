#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A co-browse client that is not ours, written from docs/protocol.md alone.

Starts `guidepost --host FLOW --admit-all` (argv[1] is guidepost, argv[2] the flow), joins
as a customer with Python's `websockets`, drives a few steps and checks the events it
receives.  TAP output."""

import asyncio
import json
import subprocess
import sys

try:
    import websockets
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")  # Debian's python3-websockets
    try:
        import websockets
    except ImportError:
        print("1..0 # SKIP python3-websockets is not installed")
        sys.exit(0)

results = []


def check(ok, what):
    results.append(ok)
    print(("ok" if ok else "not ok") + f" {len(results)} - {what}", flush=True)


def msg(type_, **members):
    return json.dumps({"v": 1, "type": type_, **members})


async def receive(ws, wanted):
    """Next message of type `wanted`; events seen on the way are collected."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        assert message["v"] == 1
        if message["type"] == "event":
            events.append(message["event"])
            assert message["seq"] == message["event"]["seq"]
        if message["type"] == wanted:
            return message


events = []


async def main(uri, code):
    async with websockets.connect(uri, compression=None) as ws:
        await ws.send(msg("hello", role="customer", code=code, name="Python"))
        waiting = await receive(ws, "waiting")
        check(waiting["type"] == "waiting", "the code is accepted and the agent is asked")

        welcome = await receive(ws, "welcome")
        check(welcome["role"] == "customer" and welcome["flow"]["format"] == "guidepost-flow/1",
              "welcome carries the role and the flow document")
        events.extend(welcome["events"])
        seqs = [e["seq"] for e in events]
        check(seqs == list(range(1, len(seqs) + 1)) and seqs[-1] == welcome["last_seq"],
              "the session so far arrives in seq order without gaps")
        check(events[0]["type"] == "started", "the first event is started")

        await ws.send(msg("request", id="p1", action="next"))
        result = await receive(ws, "result")
        check(result == {"v": 1, "type": "result", "id": "p1", "ok": True}, "next is accepted")
        check([e["type"] for e in events[-2:]] == ["step-completed", "step-entered"],
              "its events arrive before the result")

        await ws.send(msg("request", id="p2", action="note", args={"text": "not mine"}))
        result = await receive(ws, "result")
        check(result["ok"] is False and result["error"]["code"] == "forbidden"
              and result["error"]["domain"] == "cobrowse", "a forbidden request is answered with an error")

        await ws.send(msg("request", id="p3", action="choose", args={"choice": 0}))
        result = await receive(ws, "result")
        check(result["ok"] is False and result["error"]["domain"] == "session",
              "the session's own rules answer too")

        await ws.send(msg("ping"))
        pong = await receive(ws, "pong")
        check(pong["type"] == "pong", "ping is answered")

        token, last_seq = welcome["token"], events[-1]["seq"]
        await ws.send(msg("bye"))

    # Reconnect with the token and the last seq: nothing is sent twice.
    async with websockets.connect(uri, compression=None) as ws:
        await ws.send(msg("hello", role="customer", token=token, session=welcome["session"], last_seq=last_seq))
        again = await receive(ws, "welcome")
        check(again["since"] == last_seq and again["events"] == [], "a resume sends only what was missed")
        await ws.send(msg("request", id="p4", action="hint"))
        before = len(events)
        result = await receive(ws, "result")
        check(result["ok"] and events[before]["seq"] == last_seq + 1 and events[before]["type"] == "hint-revealed",
              "events continue from the last seq")

    # Hostile input closes with a reason.
    async with websockets.connect(uri, compression=None) as ws:
        await ws.send(json.dumps({"v": 2, "type": "hello"}))
        try:
            await asyncio.wait_for(ws.recv(), timeout=10)
        except websockets.ConnectionClosed as closed:
            check(closed.code == 1003 and "version" in closed.reason, "a wrong version closes with 1003")


def run():
    host = subprocess.Popen([sys.argv[1], "--host", sys.argv[2], "--admit-all"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = json.loads(host.stdout.readline())
        asyncio.run(asyncio.wait_for(main(first["uri"], first["code"]), timeout=60))
    finally:
        host.stdin.close()
        host.wait(timeout=10)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(run())
