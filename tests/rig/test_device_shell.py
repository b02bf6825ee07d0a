"""The emulated device's shell parser: quoting, operators, expansions, and loud refusals."""

from __future__ import annotations

import random
from typing import Iterable, List, Tuple

import pytest

from fwm.testing.device_shell import (
    ShellError, ShellSyntaxError, ShellUnsupportedError, parse, parse_lines,
)


def argvs(script: str, status: int = 0, paths: Iterable[str] = ()) -> List[Tuple[List[str], str]]:
    return [(command.argv(status, paths), command.operator) for command in parse(script)]


def single(script: str, status: int = 0, paths: Iterable[str] = ()) -> List[str]:
    result = argvs(script, status, paths)
    assert len(result) == 1, result
    return result[0][0]


@pytest.mark.parametrize("script, expected", [
    ("echo hi", ["echo", "hi"]),
    ("  echo \t hi  ", ["echo", "hi"]),
    ("echo 'a b'", ["echo", "a b"]),
    ("echo 'a'\\''b'", ["echo", "a'b"]),
    ("echo 'it'\\''s' 'x'", ["echo", "it's", "x"]),
    ('echo "a b"', ["echo", "a b"]),
    ('echo "a\\\\b\\"c\\$d\\`e"', ["echo", 'a\\b"c$d`e']),
    ('echo "\\n\\q\\\'"', ["echo", "\\n\\q\\'"]),
    ("echo a\\ b \\' \\\" \\\\ \\$", ["echo", "a b", "'", '"', "\\", "$"]),
    ("echo a\\", ["echo", "a"]),
    ("echo a\\\nb", ["echo", "ab"]),
    ('echo "a\\\nb"', ["echo", "ab"]),
    ("echo 'a\\\nb'", ["echo", "a\\\nb"]),
    ("echo '' \"\" x''y", ["echo", "", "", "xy"]),
    ("echo 'a\"b' \"a'b\"", ["echo", 'a"b', "a'b"]),
    ("echo a#b #c", ["echo", "a#b"]),
    ("echo '#' \\#x", ["echo", "#", "#x"]),
    ("echo $ a$ $/x \"$\" \"a$\" $% $:", ["echo", "$", "a$", "$/x", "$", "a$", "$%", "$:"]),
    ("echo '$(id)' \"\\$(id)\" \\$HOME '`id`' \"\\`id\\`\"", ["echo", "$(id)", "$(id)", "$HOME", "`id`", "`id`"]),
    ("echo 'a > b' \"<\" \\& '|' ';' \"&&\"", ["echo", "a > b", "<", "&", "|", ";", "&&"]),
    ("echo a=b x=1", ["echo", "a=b", "x=1"]),
    ("'A=1' x", ["A=1", "x"]),
    ("echo {a} { } a{b}c {a..c} '{a,b}' \\{a,b}", ["echo", "{a}", "{", "}", "a{b}c", "{a..c}", "{a,b}", "{a,b}"]),
    ("echo '~' \\~ a~ a==~ a:~ a\\=~ 'a='~", ["echo", "~", "~", "a~", "a==~", "a:~", "a=~", "a=~"]),
    ("echo \r", ["echo", "\r"]),
    ("echo é 日本 \U0001F600", ["echo", "é", "日本", "\U0001F600"]),
    ("echo !x x! '!'", ["echo", "!x", "x!", "!"]),
    ("echo * ? [a [ ] a]b", ["echo", "*", "?", "[a", "[", "]", "a]b"]),
    ('echo "*" \'?\' \\[', ["echo", "*", "?", "["]),
    ("cmd jobscheduler run -f com.example.app 42", ["cmd", "jobscheduler", "run", "-f", "com.example.app", "42"]),
])
def test_words(script: str, expected: List[str]) -> None:
    assert single(script) == expected


def test_operators_and_their_order() -> None:
    assert argvs("a;b&&c||d|e") == [(["a"], ";"), (["b"], "&&"), (["c"], "||"), (["d"], "|"), (["e"], "")]
    assert argvs("a ; b") == [(["a"], ";"), (["b"], "")]
    assert argvs("a;") == [(["a"], ";")]


def test_newlines_separate_commands_and_are_reported_as_semicolons() -> None:
    assert argvs("a\nb") == [(["a"], ";"), (["b"], "")]
    assert argvs("\n\na 1\n\n\nb 2\n") == [(["a", "1"], ";"), (["b", "2"], ";")]
    assert argvs("a &&\n\nb ||\nc |\nd") == [(["a"], "&&"), (["b"], "||"), (["c"], "|"), (["d"], "")]
    assert argvs("echo 'x\ny' z") == [(["echo", "x\ny", "z"], "")]


def test_lines_are_yielded_one_at_a_time_and_errors_only_when_reached() -> None:
    lines = parse_lines("a; b\nc &&\nd\ne )")
    assert [[c.argv() for c in line] for line in (next(lines), next(lines))] == [[["a"], ["b"]], [["c"], ["d"]]]
    with pytest.raises(ShellSyntaxError, match="unexpected '\\)'"):
        next(lines)


def test_comments() -> None:
    assert argvs("# nothing") == []
    assert argvs("a # b; c\nd") == [(["a"], ";"), (["d"], "")]
    assert argvs("a;#b\nc") == [(["a"], ";"), (["c"], "")]


def test_empty_scripts() -> None:
    assert argvs("") == []
    assert argvs(" \t\n\n") == []


def test_status_expansion() -> None:
    assert single("echo $? \"$?\" x$?y ${?} \"${?}\" '$?' \\$?", status=5) == \
        ["echo", "5", "5", "x5y", "5", "5", "$?", "$?"]
    assert single("echo $?", status=255) == ["echo", "255"]
    assert single("echo \"\"$?", status=0) == ["echo", "0"]


PATHS = ["/data/a.db", "/data/b.db", "/data/c.txt", "/data/.hidden.db", "/data/sub/x.db", "/top"]


@pytest.mark.parametrize("script, expected", [
    ("ls /data/*.db", ["ls", "/data/a.db", "/data/b.db"]),
    ("ls /data/?.txt", ["ls", "/data/c.txt"]),
    ("ls /data/[ab].db", ["ls", "/data/a.db", "/data/b.db"]),
    ("ls /data/[!a].db", ["ls", "/data/b.db"]),
    ("ls /data/.*.db", ["ls", "/data/.hidden.db"]),
    ("ls /data/*", ["ls", "/data/a.db", "/data/b.db", "/data/c.txt", "/data/sub"]),
    ("ls /data/*/*.db", ["ls", "/data/sub/x.db"]),
    ("ls *", ["ls", "data", "top"]),
    ("ls '/data/'*.db", ["ls", "/data/a.db", "/data/b.db"]),
    ("ls '/data/*.db' \"/data/*\" /data/\\*", ["ls", "/data/*.db", "/data/*", "/data/*"]),
    ("ls /data/*.none /nope/* [", ["ls", "/data/*.none", "/nope/*", "["]),
])
def test_pathname_expansion(script: str, expected: List[str]) -> None:
    assert single(script, paths=PATHS) == expected


def test_status_inside_a_pattern_is_its_value() -> None:
    assert single("ls /d/$?*", status=5, paths=["/d/5a", "/d/0a"]) == ["ls", "/d/5a"]


@pytest.mark.parametrize("script, message", [
    ("a &&", "syntax error: unexpected EOF"),
    ("a ||", "syntax error: unexpected EOF"),
    ("a |", "syntax error: unexpected EOF"),
    ("; a", "syntax error: unexpected ';'"),
    ("a; ; b", "syntax error: unexpected ';'"),
    ("a\n; b", "syntax error: unexpected ';'"),
    ("a ;;", "syntax error: unexpected ';;'"),
    ("a ;& b", "syntax error: unexpected ';&'"),
    ("a ;| b", "syntax error: unexpected ';|'"),
    ("&& a", "syntax error: unexpected '&&'"),
    ("|a", "syntax error: unexpected '|'"),
    ("a | | b", "syntax error: unexpected '|'"),
    ("a || && b", "syntax error: unexpected '&&'"),
    ("echo 'abc", "no closing quote"),
    ('echo "abc', "no closing quote"),
    ('echo "abc\\"', "no closing quote"),
    ("echo )", "syntax error: unexpected ')'"),
    ("echo a(b)", "syntax error: unexpected '('"),
    ("mv a b (1).txt", "syntax error: unexpected '('"),
    ("echo a ((b", "syntax error: unexpected '(('"),
    ("fi", "syntax error: unexpected 'fi'"),
    ("a; }", "syntax error: unexpected '}'"),
])
def test_syntax_errors_use_mksh_wording_and_exit_1(script: str, message: str) -> None:
    with pytest.raises(ShellSyntaxError) as caught:
        parse(script)
    assert caught.value.message == message
    assert caught.value.exit_status == 1


@pytest.mark.parametrize("script, construct", [
    ("echo $(id)", "command substitution $(...)"),
    ("echo $((1+1))", "command substitution $(...)"),
    ('echo "$(id)"', "command substitution $(...)"),
    ("echo `id`", "command substitution `...`"),
    ('echo "`id`"', "command substitution `...`"),
    ("echo $HOME", "parameter expansion $H"),
    ('echo "$HOME"', "parameter expansion $H"),
    ("echo ${HOME}", "parameter expansion ${...}"),
    ('echo "${x:-y}"', "parameter expansion ${...}"),
    ("echo $1", "parameter expansion $1"),
    ("echo $$ ", "parameter expansion $$"),
    ("echo $#", "parameter expansion $#"),
    ("echo $@", "parameter expansion $@"),
    ("echo $_x", "parameter expansion $_"),
    ("echo $'a\\tb'", "quoting $'...'"),
    ('echo $"a"', 'quoting $"..."'),
    ("echo a > /x", "redirection '>'"),
    ("echo a 2>&1", "redirection '>'"),
    ("cat < /x", "redirection '<'"),
    ("cat <<EOF", "redirection '<'"),
    ("a & b", "background '&'"),
    ("a &", "background '&'"),
    ("a |& b", "co-process '|&'"),
    ("(a)", "subshell '('"),
    ("a; (b)", "subshell '('"),
    ("f() { a; }", "function definition NAME()"),
    ("f (", "function definition NAME()"),
    ("echo *(x)", "extended glob pattern"),
    ("echo @(x|y)", "extended glob pattern"),
    ("if true; then a; fi", "reserved word 'if'"),
    ("for i in 1; do a; done", "reserved word 'for'"),
    ("while true; do a; done", "reserved word 'while'"),
    ("{ a; }", "reserved word '{'"),
    ("! a", "reserved word '!'"),
    ("[[ a ]]", "reserved word '[['"),
    ("time a", "reserved word 'time'"),
    ("FOO=1 a", "variable assignment"),
    ("FOO= a", "variable assignment"),
    ("a[1]=x", "array subscript NAME[...]"),
    ("echo ~", "tilde expansion"),
    ("echo ~/x", "tilde expansion"),
    ("echo --dir=~", "tilde expansion"),
    ("echo {a,b}", "brace expansion {a,b}"),
    ("echo x{a,b}y", "brace expansion {a,b}"),
    ("ls /data/[[:alpha:]]", None),
])
def test_unsupported_constructs_are_refused_with_exit_2(script: str, construct: str) -> None:
    if construct is None:
        with pytest.raises(ShellUnsupportedError) as caught:
            parse(script)[0].argv(paths=["/data/a"])
    else:
        with pytest.raises(ShellUnsupportedError) as caught:
            parse(script)
        assert f"unsupported by the emulated shell: {construct}" in caught.value.message
    assert caught.value.exit_status == 2


def test_quoted_lookalikes_of_unsupported_constructs_are_plain_text() -> None:
    assert single("echo 'FOO=1' '(a)' '{ a; }' 'if' \\! \"~\" '$x' \\$x '>' '&'") == \
        ["echo", "FOO=1", "(a)", "{ a; }", "if", "!", "~", "$x", "$x", ">", "&"]
    assert single("'if' x") == ["if", "x"]
    assert single("\\{ a") == ["{", "a"]


def single_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def double_quote(text: str) -> str:
    return '"' + "".join("\\" + c if c in '\\"$`' else c for c in text) + '"'


def backslash_quote(text: str) -> str:
    return "".join(("'\n'" if c == "\n" else "\\" + c) for c in text) or "''"


HOSTILE = [
    "", " ", "'", '"', "\\", "\\\\", "'\\''", "$(reboot)", "`reboot`", "$HOME", "${x}", "$?", "a;reboot",
    "a && b", "a || b", "a | b", "a & b", "> /x", "< /x", "#", " # ", "*", "?", "[a]", "~", "{a,b}", "\n", "\r\n",
    "\t", "a\nb", "'; rm -rf / #", '"; reboot; "', "\\'", "\\\"", "!", "!!", "$'x'", "%s%d", "日本語", "\x01\x7f",
    "ends with backslash\\", "--opt=~", "A=1", "(x)", "a)", "a((b",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("quote", [single_quote, double_quote, backslash_quote])
def test_hostile_strings_survive_correct_quoting_exactly(text: str, quote) -> None:
    assert single("am broadcast --es data " + quote(text) + " x") == ["am", "broadcast", "--es", "data", text, "x"]


def test_random_strings_survive_correct_quoting_exactly() -> None:
    rng = random.Random(7)
    alphabet = "'\"\\$`!#&|;<>()[]{}*?~=%^ \t\n\raé日\x01\x7f"
    for _ in range(2000):
        args = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 4))]
        for quote in (single_quote, double_quote, backslash_quote):
            assert single("p " + " ".join(quote(arg) for arg in args)) == ["p", *args]


@pytest.mark.parametrize("text", ["a b", "a;b", "$(x)", "it's", "a\nb", "a|b", "a&b", "x>y"])
def test_hostile_strings_without_quoting_never_pass_as_one_word(text: str) -> None:
    try:
        result = argvs("echo " + text)
    except ShellError:
        return
    assert result != [(["echo", text], "")]
