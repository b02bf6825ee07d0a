"""What the simctl, devicectl, lldb and log fakes share: refusals, results, option reading, log selection."""

from __future__ import annotations

import re
import sys
import time
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence

from . import apple_formats as fmt
from .predicate import PredicateError, compile_predicate


class Refused(Exception):
    """A command line the fake does not model: reported loudly on stderr with a non-zero exit."""


def serve(tool: str, args: List[str], run: Callable[[], "Outcome"]) -> int:
    """Runs one fake invocation: prints what `run` returns and gives its status; a Refused becomes a
    loud `fake TOOL: REFUSED` on stderr and status 64."""
    try:
        outcome = run()
    except Refused as refusal:
        sys.stderr.write(f"fake {tool}: REFUSED: {refusal}\nfake {tool}: argv was {[tool, *args]}\n")
        return 64
    sys.stdout.write(outcome.out)
    sys.stderr.write(outcome.err)
    sys.stdout.flush()
    return outcome.status


class Outcome:
    """What one invocation prints and its exit status."""

    def __init__(self, out: str = "", err: str = "", status: int = 0) -> None:
        self.out, self.err, self.status = out, err, status


def take_option(args: List[str], *names: str, flag: bool = False) -> Optional[str]:
    """Removes `--name VALUE` (or `--name=VALUE`, or the bare flag) from args; its value, "" for a
    present flag, None when absent. A value option without its value is refused."""
    for i, arg in enumerate(args):
        for name in names:
            if arg == name:
                if flag:
                    del args[i]
                    return ""
                if i + 1 >= len(args):
                    raise Refused(f"{name} needs a value")
                value = args[i + 1]
                del args[i:i + 2]
                return value
            if not flag and arg.startswith(name + "="):
                del args[i]
                return arg[len(name) + 1:]
    return None


def no_more(args: Sequence[str], what: str) -> None:
    """Refuses arguments left over after a command was read."""
    if args:
        raise Refused(f"{what}: unexpected arguments {list(args)}")


_DURATION = re.compile(r"^(\d+)([smhd]?)$")


def seconds_of(text: str) -> float:
    """`log show --last` durations: 30s, 10m, 2h, 1d (bare numbers are seconds)."""
    m = _DURATION.match(text)
    if not m:
        raise Refused(f"log --last {text!r}: the fake reads only N, Ns, Nm, Nh, Nd")
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


class LogOptions(NamedTuple):
    """What `log show|stream` was asked for."""

    style: str                                   # json | ndjson
    predicate: Optional[str]                     # as given
    test: Optional[Callable[[Dict[str, Any]], bool]]
    show_info: bool
    show_debug: bool
    cutoff: Optional[float]                      # unix time of --last or --start, None without them


def local_moment(text: str) -> float:
    """The unix time of `--start 'YYYY-MM-DD HH:MM:SS'` (local time); other forms are refused."""
    try:
        return time.mktime(time.strptime(text, "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        raise Refused(f"log --start {text!r}: the fake reads only 'YYYY-MM-DD HH:MM:SS'") from None


def since(args: List[str], what: str) -> Optional[float]:
    """Removes `--start 'YYYY-MM-DD HH:MM:SS'` or `--last T` from args; the unix time it names, None
    without either. Both at once are refused."""
    start = take_option(args, "--start")
    last = take_option(args, "--last")
    if start is not None and last is not None:
        raise Refused(f"{what}: --start and --last together")
    if start is not None:
        return local_moment(start)
    return time.time() - seconds_of(last) if last is not None else None


def log_selection(args: List[str], stream: bool) -> LogOptions:
    """Removes the `log show|stream` options from args (operands are left for the caller). Refuses a
    missing or other --style, a predicate the fake does not model, an unknown option, and --last or
    --start on a stream."""
    what = "log " + ("stream" if stream else "show")
    style = take_option(args, "--style")
    predicate_text = take_option(args, "--predicate")
    level = take_option(args, "--level")
    info = take_option(args, "--info", flag=True) is not None
    debug = take_option(args, "--debug", flag=True) is not None
    cutoff = None if stream else since(args, what)
    unknown = [a for a in args if a.startswith("-")]
    if unknown:
        raise Refused(f"{what}: unexpected options {unknown}")
    if style not in ("json", "ndjson"):
        raise Refused(f"log --style {style!r}: the fake prints only json and ndjson")
    if level not in (None, "default", "info", "debug"):
        raise Refused(f"log --level {level!r}")
    try:
        test = compile_predicate(predicate_text) if predicate_text is not None else None
    except PredicateError as e:
        raise Refused(f"log --predicate: {e}") from e
    show_info = info or debug or level in ("info", "debug")
    show_debug = debug or level == "debug"
    return LogOptions(style, predicate_text, test, show_info, show_debug, cutoff)


def select_records(records: List[Dict[str, Any]], options: LogOptions) -> List[Dict[str, Any]]:
    """The records `log` would print for these options."""
    out = []
    for r in records:
        if r["messageType"] == "Info" and not options.show_info:
            continue
        if r["messageType"] == "Debug" and not options.show_debug:
            continue
        if options.cutoff is not None and r.get("unixTime", 0) < options.cutoff:
            continue
        if options.test is not None and not options.test(r):
            continue
        out.append(r)
    return out


def log_header(options: LogOptions, stream: bool) -> str:
    """The lines `log` prints before the records: the predicate in use, and for `show` without
    --info/--debug the note that they are skipped."""
    header = ""
    if options.predicate is not None:
        header += f'Filtering the log data using "{options.predicate}"\n'
    if not stream and not (options.show_info or options.show_debug):
        header += "Skipping info and debug messages, pass --info and/or --debug to include.\n"
    return header


def log_show(records: List[Dict[str, Any]], options: LogOptions) -> str:
    """All `log show` prints for these records and options."""
    selected = select_records(records, options)
    body = fmt.log_json_array(selected) if options.style == "json" else fmt.log_ndjson(selected)
    return log_header(options, stream=False) + body
