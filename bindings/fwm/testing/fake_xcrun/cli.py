"""The fake xcrun's command line: records the invocation, dispatches to simctl, devicectl or lldb, refuses the rest."""

from __future__ import annotations

from typing import List

from .common import Outcome, Refused, serve
from .devicectl import devicectl
from .lldb import lldb
from .simctl import simctl
from .world import INVOCATIONS_FILE, append_line

TOOLS = {"simctl": simctl, "devicectl": devicectl, "lldb": lldb}


def main(args: List[str], root: str) -> int:
    """Runs `xcrun ARGS` against the world kept in the folder `root`; returns the exit status.
    Every invocation is appended to root/invocations.jsonl first (as the argv after `xcrun`)."""
    append_line(root, INVOCATIONS_FILE, list(args))

    def run() -> Outcome:
        if not args or args[0] not in TOOLS:
            raise Refused(f"xcrun {args[0] if args else ''}: the fake runs only simctl, devicectl and lldb")
        return TOOLS[args[0]](root, list(args[1:]))

    return serve("xcrun", args, run)
