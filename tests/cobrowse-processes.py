#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Host, customer and relay as three processes of the real programs (issue 5, point 8).

The real guidepost-relay listens on 127.0.0.1; the real `guidepost --host FLOW --relay URI
--admit-all` opens a room in it; the real `guidepost --join` joins through the relay as the
customer and prints every event it receives.  Once the customer is in, this script walks
the flow to its end as the agent, sending the host one command at a time on its stdin
(identity checks passed, the first choice of each question, the end step's outcome),
reading the flow file to know each step.  Both event logs are compared event by event.

Then a customer's process dies (issue 5, point 6): `guidepost --join ... --state FILE` is
SIGKILLed when the agent has stopped at a known seq, the agent goes on while it is dead
(and the host shows it as not connected), and a new `guidepost --join ... --state FILE`
comes back from FILE: the outputs of both runs together are the host's events, each
exactly once, in order.  Broken and unreadable state files are refused.  Prints TAP.

Usage: cobrowse-processes.py RELAY GUIDEPOST FLOW.json
"""
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time

from child_output import read_line, read_rest

WATCHDOG_S = 90
N_CHECKS = 14
# Where the agent stops: the customer is killed once the host has this many events and
# comes back at the second, so it misses the events in between and receives the rest live.
KILL_AT = 5
BACK_AT = 9

results = []


def check(ok, name):
    results.append((bool(ok), name))
    print(("ok" if ok else "not ok"), len(results), "-", name, flush=True)
    return ok


class Host:
    """A `guidepost --host` process and the agent driving it through its stdin."""

    def __init__(self, guidepost_bin, flow, relay_uri, env, children, deadline):
        with open(flow, encoding="utf-8") as f:
            self.steps = {step["id"]: step for step in json.load(f)["steps"]}
        self.process = subprocess.Popen([guidepost_bin, "--host", flow, "--relay", relay_uri, "--admit-all"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        children.append(self.process)
        self.deadline = deadline
        self.events = []
        self.offers = []
        self.peers = {}
        self.next_id = 0
        self.visits = 0       # step-entered events so far
        self.checks_passed = 0  # identity checks passed in the current visit

    def read(self):
        message = json.loads(read_line(self.process, "guidepost --host", self.deadline))
        if "event" in message:
            self.events.append(message["event"])
            if message["event"]["type"] == "step-entered":
                self.visits += 1
                self.checks_passed = 0
        elif "uri" in message:
            self.offers.append(message)
        elif "peer" in message:
            self.peers[message["peer"]] = message["connected"]
        return message

    def until(self, predicate):
        while True:
            message = self.read()
            if predicate(message):
                return message

    def offer(self):
        while not self.offers:
            self.read()
        return self.offers.pop(0)

    def wait_peer(self, name, connected):
        while self.peers.get(name) is not connected:
            self.read()

    @property
    def last_seq(self):
        return self.events[-1]["seq"] if self.events else 0

    @property
    def ended(self):
        return bool(self.events) and self.events[-1]["type"] == "ended"

    def command(self, action, args=None):
        self.next_id += 1
        request = {"id": f"c{self.next_id}", "action": action}
        if args is not None:
            request["args"] = args
        self.process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
        self.process.stdin.flush()
        result = self.until(lambda m: "result" in m and m["result"]["id"] == request["id"])["result"]
        if not result["ok"]:
            raise RuntimeError(f"{action} {args}: refused: {result.get('error')}")

    def move(self):
        """One command of the agent, chosen by the kind of the current step."""
        entered = [e for e in self.events if e["type"] == "step-entered"]
        step = self.steps[entered[-1]["payload"]["step"]]
        if step["kind"] == "identity-check" and self.checks_passed < len(step["checks"]):
            self.command("pass-check", {"check": self.checks_passed})
            self.checks_passed += 1
        elif step["kind"] == "question":
            self.command("choose", {"choice": 0})
        elif step["kind"] == "end":
            self.command("end", {"outcome": step["outcome"]})
        else:
            self.command("next")

    def drive(self, until_seq=None):
        """Walks the flow until the session has ended, or has at least until_seq events."""
        while not self.ended and (until_seq is None or self.last_seq < until_seq):
            self.move()
        return self.last_seq

    def close(self):
        """Closes its stdin: the host says goodbye and exits."""
        self.process.stdin.close()
        return self.process.wait(timeout=max(1, self.deadline - time.monotonic()))


def main():
    relay_bin, guidepost_bin, flow = sys.argv[1:4]
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

        host = Host(guidepost_bin, flow, relay_uri, env, children, deadline)
        offer = host.offer()
        check(offer["uri"].startswith(relay_uri.rstrip("/")) and len(offer["code"]) >= 6,
              "guidepost --host opened a room in the relay and made a code")

        customer = subprocess.Popen([guidepost_bin, "--join", offer["uri"], "--code", offer["code"],
                                     "--role", "customer", "--name", "Alex"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        children.append(customer)

        # Once the customer is in, so that it sees the flow go by live.
        host.wait_peer("Alex", True)
        host.drive()
        host_events = host.events
        check(host.ended and [e["seq"] for e in host_events] == list(range(1, len(host_events) + 1)),
              f"the agent walked the flow through guidepost --host: {len(host_events)} events")

        out, err = customer.communicate(timeout=max(1, deadline - time.monotonic()))
        check(customer.returncode == 0, f"guidepost --join exited {customer.returncode} {err.strip()}")
        customer_events = [json.loads(line) for line in out.splitlines() if line.strip()]
        check([e["seq"] for e in customer_events] == list(range(1, len(customer_events) + 1)),
              "the customer received every event once, in order")
        same = len(customer_events) == len(host_events) and all(
            (c["seq"], c["type"], c["actor"], c["payload"]) == (h["seq"], h["type"], h["actor"], h["payload"])
            for c, h in zip(customer_events, host_events))
        check(same, "both logs are the same, event by event")
        status = host.close()
        check(status == 0, f"guidepost --host exited {status} when its stdin closed")

        with tempfile.TemporaryDirectory(prefix="gp-resume-") as tmp:
            resume(relay_uri, guidepost_bin, flow, env, children, deadline, tmp)
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
    text = read_rest(process, f"output of {process.args[0]}", deadline)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def resume(relay_uri, guidepost_bin, flow, env, children, deadline, tmp):
    state = os.path.join(tmp, "peer-state.json")
    host = Host(guidepost_bin, flow, relay_uri, env, children, deadline)
    offer = host.offer()
    join = [guidepost_bin, "--join", offer["uri"], "--role", "customer", "--name", "Kim", "--state", state]

    first = subprocess.Popen(join + ["--code", offer["code"]], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    children.append(first)
    host.wait_peer("Kim", True)
    # The agent stops sending commands at a known seq.
    killed_at = host.drive(until_seq=KILL_AT)
    # Killed once it has printed and saved everything so far: a known point.
    first_events = read_until(first, "first guidepost --join", deadline, lambda e: e["seq"] == killed_at)
    wait_for(lambda: saved_events(state) == killed_at, "the state file", deadline)
    mode = stat.S_IMODE(os.stat(state).st_mode)
    first.send_signal(signal.SIGKILL)
    first_events += rest_of_output(first, deadline)
    first.wait()
    check(mode == 0o600 and first.returncode == -signal.SIGKILL,
          f"the customer saved its state (mode {mode:o}) and was killed at seq {killed_at}")
    host.wait_peer("Kim", False)
    check(True, "the host shows the killed customer as not connected")

    # The agent goes on while the customer is gone; then it comes back from its state
    # (no code), and the agent goes on to the end with the customer following live.
    back_at = host.drive(until_seq=BACK_AT)
    second = subprocess.Popen(join, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    children.append(second)
    second_events = read_until(second, "resumed guidepost --join", deadline, lambda e: e["seq"] == back_at)
    check(second_events[0]["seq"] == killed_at + 1,
          f"the resumed customer began at seq {second_events[0]['seq']}: the first it had not printed")
    host.drive()
    host_events = host.events
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
    host.close()

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
