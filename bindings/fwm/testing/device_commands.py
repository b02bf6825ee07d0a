"""The commands the emulated device's shell can run, as a table of name -> handler(argv, ctx)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple, Union

SHELL_PATH = "/system/bin/sh"

CommandResult = Tuple[bytes, bytes, int]
CommandHandler = Callable[[List[str], "CommandContext"], CommandResult]

ID_OUTPUT = (
    "uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),"
    "1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),"
    "3006(net_bw_stats),3009(readproc),3011(uhid),3012(readtracefs) context=u:r:shell:s0\n"
)


@dataclass
class CommandContext:
    """What a command handler may use: the device's files and properties, its standard input
    (read_stdin() blocks until the host closes stdin and returns all of it), sleep(seconds), which
    returns early when the stream closes (device stopped or offline, host gone; a stalled device
    holds back the output that follows anyway), `run_script(script, stdin) -> (stdout, stderr,
    status)` for commands that start a nested shell, and `status`, the value of `$?` when called.
    `sleep` returns True once the stream has closed (None when it cannot tell, e.g. outside a stream).
    `write_stdout`, when set (the last command of a pipeline), sends output at once, for commands that
    keep running (logcat without -d); what the handler returns is written after it."""

    files: Dict[str, bytes]
    properties: Dict[str, str]
    read_stdin: Callable[[], bytes]
    sleep: Callable[[float], Optional[bool]]
    run_script: Callable[[str, bytes], CommandResult]
    status: int
    write_stdout: Optional[Callable[[bytes], None]] = None


class ShellExit(Exception):
    """Raised by a handler to end the whole shell with `status` (what the `exit` builtin does)."""

    def __init__(self, status: int, stderr: bytes = b"") -> None:
        super().__init__(status)
        self.status = status & 0xFF
        self.stderr = stderr


def encode(text: str) -> bytes:
    """Encode shell text to bytes; undecodable input bytes (surrogate escapes) come back unchanged."""
    return text.encode("utf-8", "surrogateescape")


def _true(argv: List[str], ctx: CommandContext) -> CommandResult:
    return b"", b"", 0


def _false(argv: List[str], ctx: CommandContext) -> CommandResult:
    return b"", b"", 1


_ECHO_ESCAPES = {"a": b"\a", "b": b"\b", "e": b"\x1b", "E": b"\x1b", "f": b"\f", "n": b"\n", "r": b"\r",
                 "t": b"\t", "v": b"\v", "\\": b"\\"}
_ECHO_NUMERIC = re.compile(r"0([0-7]{0,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})")


def _echo_unescape(text: str) -> Tuple[bytes, bool]:
    """Interpret mksh echo escapes; return the bytes and whether `\\c` asked to drop the newline."""
    out = bytearray()
    keep_newline = True
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 == len(text):
            out += encode(c)
            i += 1
            continue
        following = text[i + 1]
        numeric = _ECHO_NUMERIC.match(text, i + 1)
        if following in _ECHO_ESCAPES:
            out += _ECHO_ESCAPES[following]
        elif following == "c":
            keep_newline = False
        elif numeric:
            octal, hexa, bmp, wide = numeric.groups()
            if octal is not None:
                out.append(int(octal or "0", 8) & 0xFF)
            elif hexa is not None:
                out.append(int(hexa, 16))
            else:
                point = int(bmp or wide, 16)
                out += (chr(point) if point <= 0xFFFF else "\ufffd").encode("utf-8", "surrogatepass")
            i = numeric.end()
            continue
        else:
            out += encode(c + following)
        i += 2
    return bytes(out), keep_newline


def _echo(argv: List[str], ctx: CommandContext) -> CommandResult:
    """mksh's builtin echo (what `sh -c` on a device runs): options -n -e -E, escapes on by default."""
    args = argv[1:]
    newline, escapes = True, True
    while args and re.fullmatch(r"-[neE]+", args[0]):
        for flag in args.pop(0)[1:]:
            if flag == "n":
                newline = False
            else:
                escapes = flag == "e"
    text = " ".join(args)
    if escapes:
        out, keep_newline = _echo_unescape(text)
        newline = newline and keep_newline
    else:
        out = encode(text)
    return out + (b"\n" if newline else b""), b"", 0


_PRINTF_ESCAPES = {"a": b"\a", "b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v",
                   "\\": b"\\"}
_PRINTF_TOKEN = re.compile(r"%([-+ #0]*)([0-9]*)(\.[0-9]*)?([a-zA-Z%])|\\(c|x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)?",
                           re.DOTALL)
_PRINTF_B_ESCAPE = re.compile(r"\\(c|x[0-9A-Fa-f]{1,2}|0?[0-7]{1,3}|.)?", re.DOTALL)
_C_INTEGER = re.compile(r"\s*([-+]?)(0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9][0-9]*)")
_C_FLOAT = re.compile(r"\s*[-+]?(0x[0-9a-f]+(\.[0-9a-f]*)?(p[-+]?[0-9]+)?|([0-9]+\.?[0-9]*|\.[0-9]+)(e[-+]?[0-9]+)?"
                      r"|inf(inity)?|nan)", re.IGNORECASE)
_UNSIGNED_MASK = 0xFFFFFFFFFFFFFFFF


class _StopOutput(Exception):
    """`\\c` in printf: stop all output here."""


def _printf_escape(sequence: Optional[str]) -> bytes:
    """Expand one backslash escape of printf (`sequence` follows the backslash; None: a lone one)."""
    if sequence is None:
        return b"\\"
    if sequence == "c":
        raise _StopOutput
    if sequence[:1] == "x":
        return bytes([int(sequence[1:], 16)])
    if sequence[:1].isdigit():
        return bytes([int(sequence, 8) & 0xFF])
    return _PRINTF_ESCAPES.get(sequence, encode("\\" + sequence))


def _printf_b(text: str) -> Tuple[bytes, bool]:
    """Expand a `%b` argument: printf's escapes, octal also written \\0NNN. Return the bytes and
    whether a `\\c` ended all output there."""
    out = bytearray()
    position = 0
    for match in _PRINTF_B_ESCAPE.finditer(text):
        out += encode(text[position:match.start()])
        if match.group(1) == "c":
            return bytes(out), True
        out += _printf_escape(match.group(1))
        position = match.end()
    return bytes(out + encode(text[position:])), False


def _printf_number(text: str, conversion: str) -> Tuple[Union[int, float], bool]:
    """Parse an argument as C's strtoll/strtod do (0x hex, 0 octal, 'c for a character code with
    integers); return the value of the longest valid prefix and whether it was the whole text."""
    if conversion in "diouxX" and text[:1] in ("'", '"'):
        return (ord(text[1]) if len(text) > 1 else 0), True
    pattern = _C_INTEGER if conversion in "diouxX" else _C_FLOAT
    match = pattern.match(text)
    if not match:
        return 0, not text
    number = match.group(0).strip()
    if conversion in "diouxX":
        sign, digits = match.group(1), match.group(2)
        base = 16 if digits[:2] in ("0x", "0X") else 8 if digits.startswith("0") and len(digits) > 1 else 10
        value: Union[int, float] = int(sign + digits, base)
    else:
        value = float.fromhex(number) if "x" in number.lower() else float(number)
    return value, match.end() == len(text)


def _printf(argv: List[str], ctx: CommandContext) -> CommandResult:
    """toybox printf: escapes, %% and %s %b %c %d %i %u %o %x %X %e %E %f %g %G with flags, width and
    precision counted in bytes; the format is reused while arguments remain."""
    if len(argv) < 2:
        return b"", b'printf: Needs 1 argument (see "printf --help")\n', 1
    fmt, args = argv[1], argv[2:]
    out, err, status = bytearray(), bytearray(), 0
    try:
        while True:
            consumed = 0
            position = 0
            for match in _PRINTF_TOKEN.finditer(fmt):
                out += encode(fmt[position:match.start()])
                position = match.end()
                flags, width, precision, conversion, escape = match.groups()
                if match.group(0).startswith("\\"):
                    out += _printf_escape(escape)
                    continue
                if conversion == "%":
                    out += b"%"
                    continue
                if conversion not in "bscdiouxXeEfgG":
                    return bytes(out), encode(f"printf: bad %{conversion}@{match.end()}\n"), 1
                arg = args[consumed] if consumed < len(args) else ""
                consumed += 1
                spec = "%" + flags.replace("#", "") + width + (precision or "")
                if conversion == "b":
                    expanded, stop = _printf_b(arg)
                    out += expanded
                    if stop:
                        raise _StopOutput
                elif conversion == "s":
                    out += (spec + "s").encode() % encode(arg)
                elif conversion == "c":
                    out += (spec + "s").encode() % (encode(arg)[:1] or b"\0")
                else:
                    number, complete = _printf_number(arg, conversion)
                    if not complete:
                        err += encode(f"printf: bad %{conversion} {arg}\n")
                        status = 1
                    if conversion in "ouxX":
                        number = int(number) & _UNSIGNED_MASK
                    prefix = {"o": "0", "x": "0x", "X": "0X"}.get(conversion, "") if "#" in flags and number else ""
                    out += encode(prefix + (spec + conversion) % number)
            out += encode(fmt[position:])
            args = args[consumed:]
            if not args or consumed == 0:
                break
    except _StopOutput:
        pass
    return bytes(out), bytes(err), status


def _getprop(argv: List[str], ctx: CommandContext) -> CommandResult:
    """toybox getprop: all as `[key]: [value]` sorted; one key; or a key and a default for unset/empty."""
    if len(argv) == 1:
        lines = "".join(f"[{key}]: [{value}]\n" for key, value in sorted(ctx.properties.items()))
        return encode(lines), b"", 0
    value = ctx.properties.get(argv[1], "")
    if not value and len(argv) > 2:
        value = argv[2]
    return encode(value + "\n"), b"", 0


_DURATION = re.compile(r"([0-9]*\.?[0-9]+)([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _sleep(argv: List[str], ctx: CommandContext) -> CommandResult:
    """toybox sleep: sum of durations (fractions and s/m/h/d suffixes), waited for real."""
    if len(argv) < 2:
        return b"", b'sleep: Needs 1 argument (see "sleep --help")\n', 1
    total = 0.0
    for arg in argv[1:]:
        match = _DURATION.fullmatch(arg)
        if not match:
            return b"", encode(f"sleep: Not a number '{arg}'\n"), 1
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    ctx.sleep(total)
    return b"", b"", 0


def _cat(argv: List[str], ctx: CommandContext) -> CommandResult:
    """toybox cat of files in the in-memory file system; `-` or no argument reads standard input."""
    out, err, status = bytearray(), bytearray(), 0
    for path in argv[1:] or ["-"]:
        if path == "-":
            out += ctx.read_stdin()
        elif path in ctx.files:
            out += ctx.files[path]
        elif any(name.startswith(path.rstrip("/") + "/") for name in ctx.files):
            err += encode(f"cat: {path}: Is a directory\n")
            status = 1
        else:
            err += encode(f"cat: {path}: No such file or directory\n")
            status = 1
    return bytes(out), bytes(err), status


def _exit(argv: List[str], ctx: CommandContext) -> CommandResult:
    """mksh builtin exit: ends the shell with N (mod 256), or with `$?` when N is absent."""
    if len(argv) > 2:
        raise ShellExit(1, encode(f"{SHELL_PATH}: exit: too many arguments\n"))
    if len(argv) == 1:
        raise ShellExit(ctx.status)
    if not re.fullmatch(r"[-+]?[0-9]+", argv[1]):
        raise ShellExit(1, encode(f"{SHELL_PATH}: exit: bad number: {argv[1]}\n"))
    raise ShellExit(int(argv[1]))


def _id(argv: List[str], ctx: CommandContext) -> CommandResult:
    return encode(ID_OUTPUT), b"", 0


def _sh(argv: List[str], ctx: CommandContext) -> CommandResult:
    """`sh -c SCRIPT` runs SCRIPT in a nested emulated shell; bare `sh` runs its standard input."""
    if len(argv) >= 3 and argv[1] == "-c":
        return ctx.run_script(argv[2], b"")
    if len(argv) == 1:
        return ctx.run_script(ctx.read_stdin().decode("utf-8", "surrogateescape"), b"")
    return b"", encode(f"{SHELL_PATH}: unsupported by the emulated shell: sh {' '.join(argv[1:])}\n"), 2


def default_commands() -> Dict[str, CommandHandler]:
    """Return a new command table with the built-in handlers; callers may add or replace entries."""
    return {
        "true": _true,
        "false": _false,
        "echo": _echo,
        "printf": _printf,
        "getprop": _getprop,
        "sleep": _sleep,
        "cat": _cat,
        "exit": _exit,
        "id": _id,
        "sh": _sh,
    }
