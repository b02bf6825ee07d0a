"""The emulated device's commands and shell runner, checked against mksh and toybox when installed."""

from __future__ import annotations

import shutil
import subprocess
import time
from typing import Dict, List, Tuple

import pytest

from fwm.testing.device_commands import default_commands
from fwm.testing.device_profiles import ANDROID_14
from fwm.testing.shell_runner import ShellEnvironment

MKSH = shutil.which("mksh")
TOYBOX = shutil.which("toybox")


def make_env(files: Dict[str, bytes] = None) -> Tuple[ShellEnvironment, List[List[str]]]:
    recorded: List[List[str]] = []
    env = ShellEnvironment(default_commands(), dict(files or {}), ANDROID_14.system_properties(),
                           time.sleep, recorded.append)
    return env, recorded


def run(script: str, stdin: bytes = b"", files: Dict[str, bytes] = None) -> Tuple[bytes, bytes, int]:
    return make_env(files)[0].run_captured(script, stdin)


ECHO_CASES = [
    ["echo", "a", "b"], ["echo"], ["echo", "-n", "x"], ["echo", "-e", "y\\tz"], ["echo", "-E", "q\\tr"],
    ["echo", "--", "a"], ["echo", "-n", "-e", "k\\n"], ["echo", "-nE", "a\\tb"], ["echo", "-x"], ["echo", "-", "x"],
    ["echo", "X\\cY"], ["echo", "c\\czz"], ["echo", "\\0101\\x41\\u00e9\\101\\q\\\\"], ["echo", "a\\eb\\E"],
    ["echo", "\\x", "\\x4", "\\08"], ["echo", "-n"], ["echo", "-n", "-n", "a"], ["echo", "-nx", "a"],
]


@pytest.mark.parametrize("argv", ECHO_CASES)
def test_echo_is_mksh_builtin_echo(argv: List[str]) -> None:
    out, err, status = default_commands()["echo"](argv, None)
    if MKSH is None:
        pytest.skip("mksh is not installed")
    expected = subprocess.run([MKSH, "-c", 'echo "$@"', "sh", *argv[1:]], capture_output=True).stdout
    assert (out, err, status) == (expected, b"", 0)


def test_echo_without_mksh() -> None:
    echo = default_commands()["echo"]
    assert echo(["echo", "-n", "a", "b"], None) == (b"a b", b"", 0)
    assert echo(["echo", "a\\tb"], None) == (b"a\tb\n", b"", 0)
    assert echo(["echo", "--", "x"], None) == (b"-- x\n", b"", 0)


PRINTF_CASES = [
    ["%s|%d|%b|%5.2s|%-4d|%x|%o|%c|%%", "abc", "42", "a\\tb\\c", "hello", "7", "255", "8", "xyz"],
    ["%s\\n", "a", "b", "c"], ["%d\\n", "abc"], ["a\\101\\x41\\n"], ["%b\\n", "\\0101\\101"], ["%5s|%-5s|\\n", "ab", "cd"],
    ["%i %u\\n", "3", "4"], ["%d %s\\n", "1"], ["%q", "a"], ["\\c abc"], ["%d", "0x10", "010", "'A"],
    ["%#o %#x\\n", "8", "255"], ["%s"], ["x\\q\\\"\\n"], ["%b", "a\\qb\\n"], ["%e %f %g\\n", "1", "2", "3"],
    ["%x %X %5.3d|%-3c|\\n", "255", "255", "7", "z"], ["%d\\n", "-5", "+3", " 4"], ["no newline"], ["%s %s\\n", "a"],
]


@pytest.mark.parametrize("argv", PRINTF_CASES)
def test_printf_is_toybox_printf(argv: List[str]) -> None:
    result = default_commands()["printf"](["printf", *argv], None)
    if TOYBOX is None:
        pytest.skip("toybox is not installed")
    expected = subprocess.run([TOYBOX, "printf", *argv], capture_output=True)
    assert result == (expected.stdout, expected.stderr, expected.returncode)


def test_printf_without_toybox() -> None:
    printf = default_commands()["printf"]
    assert printf(["printf", "%s=%d\\n", "a", "1", "b", "2"], None) == (b"a=1\nb=2\n", b"", 0)
    assert printf(["printf"], None)[2] == 1


@pytest.mark.parametrize("argv", [["sleep", "x"], ["sleep"], ["sleep", "0.01s", "0.01"]])
def test_sleep_messages_match_toybox(argv: List[str]) -> None:
    result = run(" ".join(argv))
    if TOYBOX is None:
        pytest.skip("toybox is not installed")
    expected = subprocess.run([TOYBOX, *argv], capture_output=True)
    assert result == (expected.stdout, expected.stderr.replace(b"toybox: ", b""), expected.returncode)


def test_sleep_really_sleeps() -> None:
    started = time.monotonic()
    assert run("sleep 0.2") == (b"", b"", 0)
    assert time.monotonic() - started >= 0.2


def test_getprop() -> None:
    out, _, status = run("getprop")
    lines = out.decode().splitlines()
    assert status == 0 and lines == sorted(lines)
    assert "[ro.build.version.sdk]: [34]" in lines
    assert run("getprop ro.product.model") == (b"sdk_gphone64_x86_64\n", b"", 0)
    assert run("getprop nope; getprop nope dflt; getprop ro.build.version.sdk dflt") == (b"\ndflt\n34\n", b"", 0)


def test_cat_files_stdin_and_errors() -> None:
    files = {"/data/a": b"A\x00\xff", "/data/dir/b": b"B"}
    assert run("cat /data/a /data/dir/b", files=files) == (b"A\x00\xffB", b"", 0)
    assert run("cat", stdin=b"in") == (b"in", b"", 0)
    assert run("cat - /data/a", stdin=b"in", files=files) == (b"inA\x00\xff", b"", 0)
    assert run("cat /data/dir /nope /data/a", files=files) == (
        b"A\x00\xff", b"cat: /data/dir: Is a directory\ncat: /nope: No such file or directory\n", 1)


def test_id() -> None:
    out, _, status = run("id")
    assert status == 0 and out.startswith(b"uid=2000(shell) gid=2000(shell) groups=2000(shell),")


@pytest.mark.parametrize("script, expected", [
    ("exit 3; echo no", (b"", b"", 3)),
    ("exit 300", (b"", b"", 44)),
    ("exit -1", (b"", b"", 255)),
    ("false; exit", (b"", b"", 1)),
    ("exit abc; echo no", (b"", b"/system/bin/sh: exit: bad number: abc\n", 1)),
    ("exit 1 2; echo no", (b"", b"/system/bin/sh: exit: too many arguments\n", 1)),
    ("echo a | exit 3; echo b $?", (b"b 3\n", b"", 0)),
])
def test_exit(script: str, expected: Tuple[bytes, bytes, int]) -> None:
    assert run(script) == expected


@pytest.mark.parametrize("script, expected", [
    ("true && echo a || echo b", (b"a\n", b"", 0)),
    ("false && echo a || echo b", (b"b\n", b"", 0)),
    ("false && echo a", (b"", b"", 1)),
    ("true || echo a && echo b", (b"b\n", b"", 0)),
    ("false; echo $?; true; echo $?", (b"1\n0\n", b"", 0)),
    ("echo piped | cat | cat", (b"piped\n", b"", 0)),
    ("false | true", (b"", b"", 0)),
    ("true | false", (b"", b"", 1)),
    ("nosuch | echo x", (b"x\n", b"/system/bin/sh: nosuch: inaccessible or not found\n", 0)),
    ("sh -c 'echo inner $?; exit 4'; echo outer $?", (b"inner 0\nouter 4\n", b"", 0)),
    ("echo 'echo from stdin' | sh", (b"from stdin\n", b"", 0)),
    ("echo a\necho b )", (b"a\n", b"/system/bin/sh: syntax error: unexpected ')'\n", 1)),
    ("echo a; echo b $(x)", (b"", b"/system/bin/sh: unsupported by the emulated shell: command substitution "
                                  b"$(...) at offset 15\n", 2)),
    ("", (b"", b"", 0)),
])
def test_runner(script: str, expected: Tuple[bytes, bytes, int]) -> None:
    assert run(script) == expected


def test_runner_records_each_argv_that_ran_after_expansion() -> None:
    env, recorded = make_env({"/d/x.db": b""})
    env.run_captured("false; echo $? /d/*.db && nosuch 'a b' || echo skipped", b"")
    assert recorded == [["false"], ["echo", "1", "/d/x.db"], ["nosuch", "a b"], ["echo", "skipped"]]


def test_a_broken_handler_is_reported_not_swallowed() -> None:
    env, _ = make_env()
    env.commands["boom"] = lambda argv, ctx: 1 / 0
    out, err, status = env.run_captured("boom; echo after", b"")
    assert (out, status) == (b"after\n", 0)
    assert err.startswith(b"/system/bin/sh: boom: emulated command failed:\n") and b"ZeroDivisionError" in err


def test_custom_command_gets_argv_and_context() -> None:
    env, _ = make_env({"/f": b"file"})
    env.commands["pm"] = lambda argv, ctx: (repr(argv).encode() + ctx.files["/f"] + ctx.read_stdin(), b"", 7)
    assert env.run_captured("echo in | pm list 'a b'", b"") == (b"['pm', 'list', 'a b']filein\n", b"", 7)
