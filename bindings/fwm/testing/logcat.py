"""The emulated device's log buffer and its `logcat` command (dump, follow, `-T`, `-t`, filter specs).

Format `-v threadtime` (logprint.c): `MM-DD HH:MM:SS.mmm  PID  TID L TAG     : message`, i.e.
`"%s %5d %5d %c %-8s: %s"`; a message with newlines gives one line per `\\n`-separated part, each with
the full prefix, and no trailing part after a final newline; an empty part prints the prefix without
its trailing space (fixture logcat-diagnostics-threadtime.txt). liblog caps one entry's payload at
4068 bytes (LOGGER_ENTRY_MAX_PAYLOAD): longer messages are cut. Reading the default buffers prints
`--------- beginning of main` before the first entry (logcat.cpp printDividers for several buffers).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

LEVELS = "VDIWEFS"
LOGGER_ENTRY_MAX_PAYLOAD = 4068


@dataclass(frozen=True)
class LogEntry:
    """One log record: wall-clock time in ms (device clock), pid, tid, level letter, tag, message."""

    time_ms: int
    pid: int
    tid: int
    level: str
    tag: str
    message: str


def format_time(time_ms: int) -> str:
    """`MM-DD HH:MM:SS.mmm` in the device's time zone (UTC on the emulated devices)."""
    seconds, millis = divmod(int(time_ms), 1000)
    return time.strftime("%m-%d %H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}"


def format_threadtime(entry: LogEntry) -> str:
    """The entry as `logcat -v threadtime` prints it (one or more lines, each ending in a newline)."""
    prefix = f"{format_time(entry.time_ms)} {entry.pid:5d} {entry.tid:5d} {entry.level} {entry.tag:<8}:"
    message = entry.message
    if message.endswith("\n"):
        message = message[:-1]
    return "".join(f"{prefix} {part}\n" if part else f"{prefix}\n" for part in message.split("\n"))


class LogBuffer:
    """The device's `main` log buffer; append() wakes followers."""

    def __init__(self, clock: Callable[[], int]) -> None:
        self.clock = clock
        self._entries: List[LogEntry] = []
        self._condition = threading.Condition()

    def append(self, tag: str, level: str, message: str, *, pid: int, tid: Optional[int] = None,
               time_ms: Optional[int] = None) -> LogEntry:
        """Add one entry now (or at `time_ms`); the message is cut at liblog's payload limit."""
        if level not in LEVELS[:-1]:
            raise ValueError(f"level must be one of {LEVELS[:-1]}")
        room = LOGGER_ENTRY_MAX_PAYLOAD - len(tag.encode()) - 3
        encoded = message.encode("utf-8")
        if len(encoded) > room:
            message = encoded[:room].decode("utf-8", "ignore")
        entry = LogEntry(self.clock() if time_ms is None else time_ms, pid, pid if tid is None else tid, level, tag,
                         message)
        with self._condition:
            self._entries.append(entry)
            self._condition.notify_all()
        return entry

    def entries(self) -> List[LogEntry]:
        """A copy of every entry, oldest first."""
        with self._condition:
            return list(self._entries)

    def clear(self) -> None:
        with self._condition:
            self._entries.clear()

    def wait_beyond(self, count: int, timeout: float) -> List[LogEntry]:
        """Wait up to `timeout` s until there are more than `count` entries; return the new ones."""
        with self._condition:
            self._condition.wait_for(lambda: len(self._entries) > count, timeout)
            return list(self._entries[count:])

    def __len__(self) -> int:
        with self._condition:
            return len(self._entries)


class LogcatUsage(Exception):
    """A logcat command line logcat itself rejects."""


@dataclass
class LogcatOptions:
    dump: bool = False
    clear: bool = False
    since_ms: Optional[int] = None
    tail_count: Optional[int] = None
    filters: Optional[Dict[str, str]] = None
    default_level: str = "V"
    pid: Optional[int] = None


def _parse_time(text: str, now_ms: int) -> int:
    """`MM-DD HH:MM:SS.mmm` (current year) or `YYYY-MM-DD HH:MM:SS.mmm` or `SECONDS.mmm` (epoch) -> ms."""
    import calendar
    text = text.strip()
    try:
        if text.count("-") == 2:
            date, clock = text.split(" ", 1)
            year, month, day = (int(x) for x in date.split("-"))
        elif text.count("-") == 1:
            date, clock = text.split(" ", 1)
            month, day = (int(x) for x in date.split("-"))
            year = time.gmtime(now_ms / 1000).tm_year
        else:
            return int(float(text) * 1000)
        hms, _, frac = clock.partition(".")
        hour, minute, second = (int(x) for x in hms.split(":"))
        millis = int((frac + "000")[:3]) if frac else 0
        return calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0)) * 1000 + millis
    except ValueError:
        raise LogcatUsage(f"logcat: Invalid time format: \"{text}\"") from None


def parse_logcat_args(args: List[str], now_ms: int) -> LogcatOptions:
    """Parse the options fwm and people use: -d -c -s -v FORMAT -T TIME|N -t TIME|N -b BUF --pid=N,
    and TAG:LEVEL filter specs."""
    options = LogcatOptions()
    specs: List[str] = []
    i = 0

    def value() -> str:
        nonlocal i
        i += 1
        if i >= len(args):
            raise LogcatUsage(f"logcat: option requires an argument -- '{args[i - 1].lstrip('-')}'")
        return args[i]

    while i < len(args):
        arg = args[i]
        if arg == "-d":
            options.dump = True
        elif arg == "-c":
            options.clear = True
        elif arg == "-s":
            options.default_level = "S"
        elif arg in ("-v", "-b"):
            chosen = value()
            if arg == "-v" and chosen not in ("threadtime", "long", "brief", "time"):
                raise LogcatUsage(f"logcat: Invalid parameter \"{chosen}\" to -v")
            if arg == "-v" and chosen != "threadtime":
                raise LogcatUsage(f"logcat: format {chosen} is not emulated (only threadtime)")
        elif arg.startswith("-v") and len(arg) > 2:
            if arg[2:] != "threadtime":
                raise LogcatUsage(f"logcat: format {arg[2:]} is not emulated (only threadtime)")
        elif arg in ("-T", "-t"):
            chosen = value()
            if arg == "-t":
                options.dump = True
            if chosen.isdigit():
                options.tail_count = int(chosen)
            else:
                options.since_ms = _parse_time(chosen, now_ms)
        elif arg.startswith("--pid="):
            options.pid = int(arg.split("=", 1)[1])
        elif arg.startswith("-"):
            raise LogcatUsage(f"logcat: invalid option -- '{arg.lstrip('-')}'")
        else:
            specs.append(arg)
        i += 1
    filters: Dict[str, str] = {}
    for spec in specs:
        tag, _, level = spec.rpartition(":") if ":" in spec else (spec, "", "V")
        level = (level or "V").upper()[:1]
        if level not in LEVELS:
            raise LogcatUsage(f"logcat: Invalid filter expression '{spec}'")
        if tag == "*":
            options.default_level = level
        else:
            filters[tag] = level
    options.filters = filters
    return options


def selected(entry: LogEntry, options: LogcatOptions) -> bool:
    """Whether the entry passes the filter specs, --pid and -T/-t TIME."""
    if options.pid is not None and entry.pid != options.pid:
        return False
    if options.since_ms is not None and entry.time_ms < options.since_ms:
        return False
    threshold = (options.filters or {}).get(entry.tag, options.default_level)
    return LEVELS.index(entry.level) >= LEVELS.index(threshold)


def run_logcat(buffer: LogBuffer, args: List[str], write: Optional[Callable[[bytes], None]],
               wait_closed: Callable[[float], Optional[bool]]) -> Tuple[bytes, bytes, int]:
    """The `logcat` command. With `-d` (or `-t`) print the matching entries and return; without it
    print them, then follow new entries through `write` until `wait_closed` reports the stream closed
    (when it cannot tell, returning None, the command behaves as with `-d`)."""
    try:
        options = parse_logcat_args(args, buffer.clock())
    except (LogcatUsage, ValueError) as error:
        return b"", (str(error) + "\n").encode(), 1
    if options.clear:
        buffer.clear()
        return b"", b"", 0
    entries = buffer.entries()
    seen = len(entries)
    chosen = [entry for entry in entries if selected(entry, options)]
    if options.tail_count is not None:
        chosen = chosen[-options.tail_count:] if options.tail_count else []
    text = "".join(format_threadtime(entry) for entry in chosen)
    started = bool(chosen)
    if started:
        text = "--------- beginning of main\n" + text
    output = text.encode("utf-8")
    if options.dump or write is None:
        return output, b"", 0
    write(output)
    while True:
        closed = wait_closed(0)
        if closed is None or closed:
            return b"", b"", 0
        fresh = buffer.wait_beyond(seen, 0.1)
        seen += len(fresh)
        lines = [format_threadtime(entry) for entry in fresh if selected(entry, options)]
        if lines and not started:
            lines.insert(0, "--------- beginning of main\n")
            started = True
        if lines:
            write("".join(lines).encode("utf-8"))
