#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Host, customer and relay as three processes of their own (issue 5, point 8).

The real guidepost-relay listens on 127.0.0.1; a host process (test-cobrowse-host-helper)
opens a room in it and walks a whole flow as the agent once the customer is in; the real
`guidepost --join` joins through the relay as the customer and prints every event it
receives. Both event logs are compared event by event. Prints TAP.

Usage: cobrowse-processes.py RELAY HOST_HELPER GUIDEPOST FLOW.json
"""
import json
import os
import re
import select
import subprocess
import sys
import time

WATCHDOG_S = 60

results = []


def check(ok, name):
    results.append((bool(ok), name))
    print(("ok" if ok else "not ok"), len(results), "-", name, flush=True)
    return ok


_pending = {}


def read_line(process, what, deadline):
    """One line of a child's stdout, or fail the run once the watchdog expires.  Reads the
    descriptor directly: a buffered reader would hide lines from select()."""
    fd = process.stdout.fileno()
    buffer = _pending.setdefault(fd, b"")
    while b"\n" not in buffer:
        if time.monotonic() >= deadline:
            raise RuntimeError(f"{what}: nothing within {WATCHDOG_S} s")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError(f"{what} closed its output (exit {process.poll()})")
            buffer += chunk
    line, _, rest = buffer.partition(b"\n")
    _pending[fd] = rest
    return line.decode("utf-8")


def main():
    relay_bin, host_bin, guidepost_bin, flow = sys.argv[1:5]
    deadline = time.monotonic() + WATCHDOG_S
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    children = []
    print("1..6", flush=True)
    try:
        relay = subprocess.Popen([relay_bin, "--address", "127.0.0.1", "--port", "0"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        children.append(relay)
        relay_uri = None
        while relay_uri is None:
            match = re.search(r"listening on (ws://\S+)", read_line(relay, "guidepost-relay", deadline))
            if match:
                relay_uri = match.group(1)
        check(relay_uri.startswith("ws://127.0.0.1:"), f"relay listens on {relay_uri}")

        host = subprocess.Popen([host_bin, flow, "--relay", relay_uri, "--drive"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        children.append(host)
        offer = json.loads(read_line(host, "host", deadline))
        check(offer["uri"].startswith(relay_uri.rstrip("/")) and len(offer["code"]) >= 6,
              "host opened a room in the relay and made a code")

        customer = subprocess.Popen([guidepost_bin, "--join", offer["uri"], "--code", offer["code"],
                                     "--role", "customer", "--name", "Alex"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        children.append(customer)

        host_events = []
        while True:
            message = json.loads(read_line(host, "host", deadline))
            if "event" in message:
                host_events.append(message["event"])
            elif message.get("done"):
                break
        check(host_events and host_events[-1]["type"] == "ended", f"host walked the flow: {len(host_events)} events")

        out, err = customer.communicate(timeout=max(1, deadline - time.monotonic()))
        check(customer.returncode == 0, f"guidepost --join exited {customer.returncode} {err.strip()}")
        customer_events = [json.loads(line) for line in out.splitlines() if line.strip()]
        check([e["seq"] for e in customer_events] == list(range(1, len(customer_events) + 1)),
              "the customer received every event once, in order")
        same = len(customer_events) == len(host_events) and all(
            (c["seq"], c["type"], c["actor"], c["payload"]) == (h["seq"], h["type"], h["actor"], h["payload"])
            for c, h in zip(customer_events, host_events))
        check(same, "both logs are the same, event by event")
    except Exception as error:  # a watchdog or a child that died: fail, with why
        check(False, f"{type(error).__name__}: {error}")
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    child.kill()
    failed = [name for ok, name in results if not ok]
    while len(results) < 6:
        check(False, "not reached")
    return 1 if failed or len(results) > 6 else 0


if __name__ == "__main__":
    sys.exit(main())
