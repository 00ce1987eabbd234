#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`guidepost --host` and what it is given: usage errors, a flow from the library, the
agent's answer to a knock, malformed and refused commands on stdin, a new code, and
SIGTERM, after which the peer sees the host end.  Prints TAP.

Usage: cobrowse-host-command.py GUIDEPOST FLOW.json
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from child_output import read_line

WATCHDOG_S = 60
N_CHECKS = 16

results = []


def check(ok, name):
    results.append((bool(ok), name))
    print(("ok" if ok else "not ok"), len(results), "-", name.replace("\n", " "), flush=True)
    return ok


def read_message(process, deadline):
    """The next JSON line of a child's stdout, or fail once the watchdog expires."""
    return json.loads(read_line(process, f"{process.args[:2]}", deadline))


def read_until(process, deadline, predicate):
    lines = []
    while True:
        lines.append(read_message(process, deadline))
        if predicate(lines[-1]):
            return lines


def send(process, text):
    process.stdin.write(text.encode("utf-8") + b"\n")
    process.stdin.flush()


def result_of(process, deadline, request_id):
    return read_until(process, deadline,
                      lambda m: "result" in m and m["result"]["id"] == request_id)[-1]["result"]


def usage_errors(guidepost_bin, flow, env, deadline):
    def run(*args):
        return subprocess.run([guidepost_bin, *args], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=max(1, deadline - time.monotonic()))

    done = run("--host", "no-such-flow")
    check(done.returncode == 2 and "no-such-flow" in done.stderr and not done.stdout,
          f"an unknown flow: exit {done.returncode}, {done.stderr.strip()}")
    done = run("--host", flow, "--port", "70000")
    check(done.returncode == 2 and "70000" in done.stderr and not done.stdout,
          f"a port out of range: exit {done.returncode}, {done.stderr.strip()}")
    done = run("--host", flow, "--port", "eighty")
    check(done.returncode == 2 and "eighty" in done.stderr and not done.stdout,
          f"a port that is no number: exit {done.returncode}, {done.stderr.strip()}")
    done = run("--host", flow, "--relay", "http://127.0.0.1:1")
    check(done.returncode == 2 and "http://127.0.0.1:1" in done.stderr and not done.stdout,
          f"a relay that is no ws:// address: exit {done.returncode}, {done.stderr.strip()}")
    done = run("--host", flow, "--code", "ABCDEFGH")
    check(done.returncode == 2 and "--host" in done.stderr and not done.stdout,
          f"an option of --join with --host: exit {done.returncode}, {done.stderr.strip()}")
    done = run("--admit-all")
    check(done.returncode == 2 and "--host" in done.stderr,
          f"--admit-all without --host: exit {done.returncode}, {done.stderr.strip()}")


def main():
    guidepost_bin, flow = sys.argv[1:3]
    deadline = time.monotonic() + WATCHDOG_S
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    children = []
    print(f"1..{N_CHECKS}", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="gp-host-") as tmp:
            # No flows of the user's: the library is the bundled one.
            env["XDG_DATA_HOME"] = tmp
            usage_errors(guidepost_bin, flow, env, deadline)
            session(guidepost_bin, env, children, deadline)
    except Exception as error:  # a watchdog or a child that died: fail, with why
        check(False, f"{type(error).__name__}: {error}")
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.kill()
                child.wait()
    failed = [name for ok, name in results if not ok]
    while len(results) < N_CHECKS:
        check(False, "not reached")
    return 1 if failed or len(results) > N_CHECKS else 0


def session(guidepost_bin, env, children, deadline):
    # A bundled flow by its id, and no --admit-all: the agent answers the knock.
    host = subprocess.Popen([guidepost_bin, "--host", "redirect-parcel", "--goal", "Redirect a parcel"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    children.append(host)
    lines = read_until(host, deadline, lambda m: "event" in m and m["event"]["type"] == "step-entered")
    offer = next(m for m in lines if "uri" in m)
    events = [m["event"] for m in lines if "event" in m]
    check(offer["uri"].startswith("ws://127.0.0.1:") and [e["seq"] for e in events] == [1, 2, 3] and
          events[0]["payload"]["flow"] == "redirect-parcel" and
          events[1]["payload"]["goal"] == "Redirect a parcel",
          "the library's flow is hosted on 127.0.0.1, its events printed from seq 1")

    send(host, '{"id": 1, "action": "pass-check", "args": {"check": 0} trailing')
    result = result_of(host, deadline, None)
    check(not result["ok"] and "malformed JSON" in result["error"],
          f"a malformed line: {result}")
    send(host, '{"id": 2, "action": "launch"}')
    result = result_of(host, deadline, 2)
    check(not result["ok"] and "launch" in result["error"], f"an unknown action: {result}")
    send(host, '{"id": 3, "action": "choose", "args": {"choice": 0}}')
    result = result_of(host, deadline, 3)
    check(not result["ok"] and result["error"], f"an action the session refuses: {result}")
    send(host, '{"id": 4, "action": "pass-check", "args": {"check": 0}}')
    lines = read_until(host, deadline, lambda m: "result" in m)
    check(lines[-1]["result"] == {"id": 4, "ok": True} and
          [m["event"]["type"] for m in lines if "event" in m] == ["identity-check-passed"],
          "after all that, a command is still carried out, its event printed before its result")

    send(host, '{"new-code": true}')
    renewed = read_message(host, deadline)
    check(renewed.get("uri") == offer["uri"] and renewed["code"] != offer["code"],
          "a new code on request, the old one replaced")

    customer = subprocess.Popen([guidepost_bin, "--join", offer["uri"], "--code", renewed["code"],
                                 "--role", "customer", "--name", "Sam"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    children.append(customer)
    knock = read_until(host, deadline, lambda m: "knock" in m)[-1]
    check(knock["knock"] == {"name": "Sam", "role": "customer"}, f"the knock is shown: {knock}")
    send(host, '{"admit": true}')
    read_until(host, deadline, lambda m: m.get("peer") == "Sam" and m["connected"] is True)
    joined = read_until(customer, deadline, lambda e: e["seq"] == 4)
    check([e["seq"] for e in joined] == [1, 2, 3, 4], "admitted, the customer has every event")

    # SIGTERM: the host says goodbye, the customer sees the end of co-browsing.
    host.send_signal(signal.SIGTERM)
    status = host.wait(timeout=max(1, deadline - time.monotonic()))
    check(status == 0, f"guidepost --host exited {status} on SIGTERM")
    customer.wait(timeout=max(1, deadline - time.monotonic()))
    err = customer.stderr.read().decode("utf-8")
    check(customer.returncode == 1 and "ended co-browsing" in err,
          f"the customer saw the host end: exit {customer.returncode}, {err.strip()}")


if __name__ == "__main__":
    sys.exit(main())
