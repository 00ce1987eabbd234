#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Host, customer and relay as three processes of their own (issue 5, point 8).

The real guidepost-relay listens on 127.0.0.1; a host process (test-cobrowse-host-helper)
opens a room in it and walks a whole flow as the agent once the customer is in; the real
`guidepost --join` joins through the relay as the customer and prints every event it
receives. Both event logs are compared event by event.

Then a customer's process dies (issue 5, point 6): `guidepost --join ... --state FILE` is
SIGKILLed when the host has paused mid-flow, the host goes on while it is dead (and shows
it as not connected), and a new `guidepost --join ... --state FILE` comes back from FILE:
the outputs of both runs together are the host's events, each exactly once, in order.
Broken and unreadable state files are refused.  Prints TAP.

Usage: cobrowse-processes.py RELAY HOST_HELPER GUIDEPOST FLOW.json
"""
import json
import os
import re
import select
import signal
import stat
import subprocess
import sys
import tempfile
import time

WATCHDOG_S = 90
N_CHECKS = 13
# Where the host pauses: the customer is killed at the first pause and comes back at the
# second, so it misses the events in between and receives the rest live.
KILL_AT = 5
BACK_AT = 9

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
    print(f"1..{N_CHECKS}", flush=True)
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

        with tempfile.TemporaryDirectory(prefix="gp-resume-") as tmp:
            resume(relay_uri, host_bin, guidepost_bin, flow, env, children, deadline, tmp)
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
    while len(results) < N_CHECKS:
        check(False, "not reached")
    return 1 if failed or len(results) > N_CHECKS else 0


def wait_for(condition, what, deadline):
    while not condition():
        if time.monotonic() >= deadline:
            raise RuntimeError(f"{what}: not within {WATCHDOG_S} s")
        time.sleep(0.02)


def read_until(process, what, deadline, predicate):
    """Lines of a child's stdout (as JSON) up to and including the first that matches."""
    lines = []
    while True:
        message = json.loads(read_line(process, what, deadline))
        lines.append(message)
        if predicate(message):
            return lines


def saved_events(path):
    try:
        with open(path, encoding="utf-8") as f:
            return len(json.load(f)["events"])
    except (OSError, ValueError, KeyError):
        return -1


def rest_of_output(process, deadline):
    """What a child printed after the lines already read, up to its end."""
    fd = process.stdout.fileno()
    data = _pending.pop(fd, b"")
    while True:
        if time.monotonic() >= deadline:
            raise RuntimeError(f"output of {process.args[0]}: no end within {WATCHDOG_S} s")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def resume(relay_uri, host_bin, guidepost_bin, flow, env, children, deadline, tmp):
    state = os.path.join(tmp, "peer-state.json")
    host = subprocess.Popen([host_bin, flow, "--relay", relay_uri, "--drive",
                             "--pause-at", str(KILL_AT), "--pause-at", str(BACK_AT)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    children.append(host)
    offer = json.loads(read_line(host, "host", deadline))
    join = [guidepost_bin, "--join", offer["uri"], "--role", "customer", "--name", "Kim", "--state", state]

    first = subprocess.Popen(join + ["--code", offer["code"]], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    children.append(first)
    killed_at = read_until(host, "host", deadline, lambda m: "paused" in m)[-1]["paused"]
    # Killed once it has printed and saved everything so far: a known point.
    first_events = read_until(first, "first guidepost --join", deadline, lambda e: e["seq"] == killed_at)
    wait_for(lambda: saved_events(state) == killed_at, "the state file", deadline)
    mode = stat.S_IMODE(os.stat(state).st_mode)
    first.send_signal(signal.SIGKILL)
    first_events += rest_of_output(first, deadline)
    first.wait()
    check(mode == 0o600 and first.returncode == -signal.SIGKILL,
          f"the customer saved its state (mode {mode:o}) and was killed at seq {killed_at}")
    read_until(host, "host", deadline, lambda m: m.get("peer") == "Kim" and m.get("connected") is False)
    check(True, "the host shows the killed customer as not connected")

    # The agent goes on while the customer is gone; then it comes back from its state
    # (no code), and the agent goes on to the end with the customer following live.
    host.stdin.write(b"go\n")
    host.stdin.flush()
    back_at = read_until(host, "host", deadline, lambda m: "paused" in m)[-1]["paused"]
    second = subprocess.Popen(join, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    children.append(second)
    second_events = read_until(second, "resumed guidepost --join", deadline, lambda e: e["seq"] == back_at)
    check(second_events[0]["seq"] == killed_at + 1,
          f"the resumed customer began at seq {second_events[0]['seq']}: the first it had not printed")
    host.stdin.write(b"go\n")
    host.stdin.flush()
    host_events = [m["event"] for m in read_until(host, "host", deadline, lambda m: m.get("done")) if "event" in m]
    second_events += rest_of_output(second, deadline)
    err = second.stderr.read().decode("utf-8")
    second.wait(timeout=max(1, deadline - time.monotonic()))
    check(second.returncode == 0 and not os.path.exists(state),
          f"the resumed run exited {second.returncode} and removed its state file {err.strip()}")
    both = first_events + second_events
    same = len(both) == len(host_events) and all(
        (c["seq"], c["type"], c["actor"], c["payload"]) == (h["seq"], h["type"], h["actor"], h["payload"])
        for c, h in zip(both, host_events))
    check(same and host_events[-1]["type"] == "ended",
          f"both runs together printed the host's {len(host_events)} events once each, in order "
          f"({len(first_events)} + {len(second_events)})")
    host.stdin.close()
    host.wait(timeout=max(1, deadline - time.monotonic()))

    # A state file that is broken names the file and the member; one unreadable is a usage error.
    broken = os.path.join(tmp, "broken.json")
    with open(broken, "w", encoding="utf-8") as f:
        json.dump({"format": "guidepost-peer-state/1", "uri": offer["uri"], "role": "customer",
                   "name": None, "session": host_events[0]["session"], "flow": {}, "events": []}, f)
    run = subprocess.run([guidepost_bin, "--join", offer["uri"], "--state", broken],
                         capture_output=True, text=True, env=env, timeout=max(1, deadline - time.monotonic()))
    check(run.returncode == 1 and broken in run.stderr and "/token" in run.stderr,
          f"a state without its token: exit {run.returncode}, {run.stderr.strip()}")
    run = subprocess.run([guidepost_bin, "--join", offer["uri"], "--state", tmp],
                         capture_output=True, text=True, env=env, timeout=max(1, deadline - time.monotonic()))
    check(run.returncode == 2 and tmp in run.stderr,
          f"an unreadable state: exit {run.returncode}, {run.stderr.strip()}")


if __name__ == "__main__":
    sys.exit(main())
