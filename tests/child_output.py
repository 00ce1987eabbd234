# SPDX-License-Identifier: GPL-3.0-or-later
"""A child process's standard output read line by line against a deadline, for the tests
that run the real programs (cobrowse-processes.py, cobrowse-host-command.py).

The descriptor is read directly: a buffered reader would hide lines from select().
What was read past the last whole line waits here for the next call."""
import os
import select
import time

_pending = {}


def _read_chunk(fd):
    """Up to 64 KiB once the descriptor is readable within 0.2 s; b"" at its end; None
    when nothing came yet."""
    ready, _, _ = select.select([fd], [], [], 0.2)
    return os.read(fd, 65536) if ready else None


def read_line(process, what, deadline):
    """The next line @process printed, as text; fails the run once @deadline passes."""
    fd = process.stdout.fileno()
    buffer = _pending.setdefault(fd, b"")
    while b"\n" not in buffer:
        if time.monotonic() >= deadline:
            raise RuntimeError(f"{what}: nothing before the watchdog's deadline")
        chunk = _read_chunk(fd)
        if chunk == b"":
            raise RuntimeError(f"{what} closed its output (exit {process.poll()})")
        if chunk:
            buffer += chunk
    line, _, rest = buffer.partition(b"\n")
    _pending[fd] = rest
    return line.decode("utf-8")


def read_rest(process, what, deadline):
    """Everything @process printed after the lines already read, up to its end, as text."""
    fd = process.stdout.fileno()
    data = _pending.pop(fd, b"")
    while True:
        if time.monotonic() >= deadline:
            raise RuntimeError(f"{what}: no end before the watchdog's deadline")
        chunk = _read_chunk(fd)
        if chunk == b"":
            return data.decode("utf-8")
        if chunk:
            data += chunk
