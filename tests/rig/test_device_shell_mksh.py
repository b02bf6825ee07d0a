"""The emulated shell against the real mksh (Android's /system/bin/sh), when mksh is installed."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from fwm.testing.device_commands import encode
from fwm.testing.device_shell import ShellSyntaxError, ShellUnsupportedError, parse
from fwm.testing.shell_runner import ShellEnvironment

MKSH = shutil.which("mksh")
pytestmark = pytest.mark.skipif(MKSH is None, reason="mksh is not installed (apt-get install mksh)")

# p prints each argument NUL-terminated and then \1; q fails with 3. Both shells run the same script.
PRELUDE = "p() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; printf '\\1'; }; q() { return 3; }\n"
FILES = ["a.db", "b.db", ".hidden", "c.txt", "d/x", "d/y.db"]

CASES = [
    "p hi", "p 'a b' c", "p 'a'\\''b'", 'p "a\\"b" "\\$x" "\\\\" "\\`" "\\q"', "p a\\ b \\'", "p a\\",
    "p a\\\nb", 'p "a\\\nb"', "p 'a\\\nb'", "p '' \"\" x''y", "p a#b #c", "p a;#x\np b", "p $? \"$?\" x${?}y",
    "q; p $?", "q || p $?", "q && p no; p $?", "p a && q || p b", "p $ a$ $/x \"$\" \"a$\"", "p '$(id)' \"\\$(id)\"",
    "p {a} { } a{b}c {a..c}", "p a=b", "'A=1'; p $?", "p a~ a==~ a:~ a\\=~ 'a='~", "p '~'", "p *.db", "p '*'.db", "p \\*.db",
    "p .*", "p d/*", "p */*.db", "p [ab].db", "p [!a].db", "p [a", "p ?.txt", "p nomatch*", "p \"*\"", "p \t a\t\tb ",
    "p a\r b", "p 'multi\nline' x\np y", "\n\np a\n\n", "# only a comment", "p a;p b;", "p a &&\np b", "p a ||\n\np b",
    "; p a", "p a;;", "p a &&", "p a ||", "p a |", "&& p a", "p a ; ; p b", "p 'open", 'p "open', "p a\np )",
    "p a(b)", "p )", "p a | | p b", "p ?/", "p */", "p d/", "p .*/",
]


def _mksh(script: str, cwd: Path) -> Tuple[bytes, str, int]:
    assert MKSH is not None
    result = subprocess.run([MKSH, "-c", PRELUDE + script], cwd=cwd, capture_output=True, timeout=10)
    stderr = re.sub(r"^(E: )?\S*mksh: ", "/system/bin/sh: ", result.stderr.decode(), flags=re.M)
    return result.stdout, stderr, result.returncode


def _p(argv: List[str], ctx: object) -> Tuple[bytes, bytes, int]:
    return b"".join(encode(arg) + b"\0" for arg in argv[1:]) + b"\1", b"", 0


def _emulated(script: str, names: Optional[List[str]] = None) -> Tuple[bytes, str, int]:
    """Run `script` in the emulated shell; append each command name that ran to `names`."""
    record = (lambda argv: names.append(argv[0])) if names is not None else (lambda argv: None)
    env = ShellEnvironment({"p": _p, "q": lambda argv, ctx: (b"", b"", 3)}, {"/" + name: b"" for name in FILES},
                           {}, lambda seconds: None, record)
    out, err, status = env.run_captured(script, b"")
    return out, err.decode(), status


@pytest.fixture(scope="module")
def cwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mksh")
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    return root


@pytest.mark.parametrize("script", CASES)
def test_same_as_mksh(script: str, cwd: Path) -> None:
    assert _emulated(script) == _mksh(script, cwd)


def _random_script(rng: random.Random) -> str:
    atoms = ["p ", "q ", " ", "\t", "\n", "'", '"', "\\", "$", "$?", ";", "&&", "||", "#", "*", "?", "[", "]",
             "a", "b", "=", "{", ",", "}", "~", "x y", "'\\''", "é", "\r"]
    return "p " + "".join(rng.choice(atoms) for _ in range(rng.randint(1, 12)))


def test_random_scripts_agree_with_mksh_or_are_refused(cwd: Path) -> None:
    rng = random.Random(20240611)
    compared = 0
    for _ in range(400):
        script = _random_script(rng)
        try:
            parse(script)
        except ShellUnsupportedError:
            continue
        except ShellSyntaxError:
            pass
        names: List[str] = []
        emulated = _emulated(script, names)
        if set(names) - {"p", "q"}:
            continue  # a name mksh may know (`[`, `test`, ...) and the emulated device does not
        compared += 1
        assert emulated == _mksh(script, cwd), script
    assert compared > 150
