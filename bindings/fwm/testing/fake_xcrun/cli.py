"""The fake xcrun's command line: records the invocation, dispatches to simctl, devicectl or lldb, refuses the rest."""

from __future__ import annotations

import sys
from typing import List, Optional

from .common import Outcome, Refused
from .devicectl import devicectl
from .lldb import lldb
from .simctl import simctl
from .world import INVOCATIONS_FILE, append_line

TOOLS = {"simctl": simctl, "devicectl": devicectl, "lldb": lldb}


def main(args: List[str], root: str) -> int:
    """Runs `xcrun ARGS` against the world kept in the folder `root`; returns the exit status.
    Every invocation is appended to root/invocations.jsonl first (as the argv after `xcrun`)."""
    append_line(root, INVOCATIONS_FILE, list(args))
    outcome: Optional[Outcome] = None
    try:
        if not args or args[0] not in TOOLS:
            raise Refused(f"xcrun {args[0] if args else ''}: the fake runs only simctl, devicectl and lldb")
        outcome = TOOLS[args[0]](root, list(args[1:]))
    except Refused as refusal:
        sys.stderr.write(f"fake xcrun: REFUSED: {refusal}\nfake xcrun: argv was {['xcrun', *args]}\n")
        return 64
    sys.stdout.write(outcome.out)
    sys.stderr.write(outcome.err)
    sys.stdout.flush()
    return outcome.status
