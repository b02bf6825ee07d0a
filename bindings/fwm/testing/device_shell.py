"""Parses a device shell command line the way Android's /system/bin/sh (mksh) does, or refuses loudly."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Optional, Tuple, Union

BLANKS = " \t"
NAME_CHARS = string.ascii_letters + string.digits + "_"
SPECIAL_PARAMETERS = "@*#-$!"
GLOB_CHARS = "*?["
COMPOUND_OPENERS = frozenset(["!", "{", "[[", "case", "for", "function", "if", "select", "time", "until", "while"])
MISPLACED_RESERVED = frozenset(["}", "do", "done", "elif", "else", "esac", "fi", "in", "then"])
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


class ShellError(Exception):
    """A command line the device shell rejects; `message` is what follows `/system/bin/sh: ` on stderr."""

    exit_status = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ShellSyntaxError(ShellError):
    """A command line mksh itself rejects, with mksh's wording; mksh exits 1."""


class ShellUnsupportedError(ShellError):
    """A construct mksh accepts but the emulated shell does not emulate; exits 2 so it never passes silently."""

    exit_status = 2

    def __init__(self, construct: str, offset: Optional[int] = None) -> None:
        where = "" if offset is None else f" at offset {offset}"
        super().__init__(f"unsupported by the emulated shell: {construct}{where}")


class _Status:
    """The `$?` expansion inside a word."""

    def __repr__(self) -> str:
        return "$?"


STATUS = _Status()


@dataclass(frozen=True)
class Literal:
    """Literal text of a word; `quoted` when quotes or a backslash protected it from globbing."""

    text: str
    quoted: bool


Part = Union[Literal, _Status]


@dataclass(frozen=True)
class Word:
    """One shell word as parsed: literal runs and `$?` expansions, before expansion."""

    parts: Tuple[Part, ...]

    def unquoted_text(self) -> Optional[str]:
        """Return the word's text if nothing in it was quoted or expanded, else None."""
        texts = [part.text for part in self.parts if isinstance(part, Literal) and not part.quoted]
        return "".join(texts) if len(texts) == len(self.parts) else None

    def expand(self, status: int = 0, paths: Iterable[str] = ()) -> List[str]:
        """Return the fields of this word: `$?` replaced by `status`, then pathname expansion against
        `paths` (absolute file paths; the shell's working directory is `/`). A pattern that matches
        nothing stays literal, as POSIX says."""
        text = "".join(part.text if isinstance(part, Literal) else str(status) for part in self.parts)
        pattern = _glob_regex(self.parts, status)
        if pattern is None:
            return [text]
        absolute = text.startswith("/")
        matches = sorted(
            name for name in (path if absolute else path[1:] for path in _candidates(paths))
            if name.endswith("/") == text.endswith("/") and pattern.fullmatch(name)
        )
        return matches or [text]


@dataclass(frozen=True)
class SimpleCommand:
    """One simple command and the operator after it: `;` (also for a newline), `&&`, `||`, `|`, or ""
    when nothing follows."""

    words: Tuple[Word, ...]
    operator: str

    def argv(self, status: int = 0, paths: Iterable[str] = ()) -> List[str]:
        """Return the argument vector after expansion (see Word.expand)."""
        paths = list(paths)
        return [field for word in self.words for field in word.expand(status, paths)]


def parse(script: str) -> List[SimpleCommand]:
    """Parse a whole `sh -c` script into simple commands in order; raise ShellSyntaxError where mksh
    reports a syntax error and ShellUnsupportedError for anything this emulation cannot reproduce
    (substitutions, parameters other than `$?`, redirections, `&`, subshells, compound commands,
    assignments, tilde, brace expansion, `$'...'`)."""
    return [command for line in parse_lines(script) for command in line]


def parse_lines(script: str) -> Iterator[List[SimpleCommand]]:
    """Yield the script's complete lines one at a time, as mksh reads them: a line ends at a newline
    outside quotes and not after `&&`, `||` or `|`. An error is raised only when its line is reached,
    so a shell that runs each line as it is yielded runs the lines before a syntax error, like mksh."""
    return _Parser(script).lines()


class _Parser:
    """Single-pass tokenizer and list grammar; see parse_lines()."""

    def __init__(self, script: str) -> None:
        self.s = _join_continued_lines(script)
        self.commands: List[SimpleCommand] = []
        self.words: List[Word] = []
        self.word_offsets: List[int] = []
        self.parts: List[Part] = []
        self.in_word = False
        self.word_start = 0
        self.pending_operator = False

    def lines(self) -> Iterator[List[SimpleCommand]]:
        s, i = self.s, 0
        while i < len(s):
            c = s[i]
            if c in BLANKS:
                self._end_word()
                i += 1
            elif c == "\n":
                self._end_word()
                if self.words:
                    self._finish(";")
                if self.commands and not self.pending_operator:
                    yield self.commands
                    self.commands = []
                i += 1
            elif c == "#" and not self.in_word:
                end = s.find("\n", i)
                i = len(s) if end < 0 else end
            elif c == "'":
                end = s.find("'", i + 1)
                if end < 0:
                    raise ShellSyntaxError("no closing quote")
                self._add(s[i + 1:end], True, i)
                i = end + 1
            elif c == '"':
                i = self._double_quoted(i)
            elif c == "\\":
                if i + 1 < len(s):
                    self._add(s[i + 1], True, i)
                    i += 2
                else:
                    i += 1
            elif c == "$":
                i = self._dollar(i, quoted=False)
            elif c == "`":
                raise ShellUnsupportedError("command substitution `...`", i)
            elif c in ";&|":
                i = self._operator(i)
            elif c in "<>":
                raise ShellUnsupportedError(f"redirection '{c}'", i)
            elif c == "[" and not self.words and self._name_so_far():
                raise ShellUnsupportedError("array subscript NAME[...]", self.word_start)
            elif c == "(":
                self._open_paren(i)
            elif c == ")":
                self._end_word()
                raise ShellSyntaxError("syntax error: unexpected ')'")
            else:
                self._add(c, False, i)
                i += 1
        self._end_word()
        if self.words:
            self._finish("")
        elif self.pending_operator:
            raise ShellSyntaxError("syntax error: unexpected EOF")
        if self.commands:
            yield self.commands

    def _add(self, text: str, quoted: bool, offset: int) -> None:
        if not self.in_word:
            self.in_word = True
            self.word_start = offset
        last = self.parts[-1] if self.parts else None
        if isinstance(last, Literal) and last.quoted == quoted:
            self.parts[-1] = Literal(last.text + text, quoted)
        else:
            self.parts.append(Literal(text, quoted))

    def _name_so_far(self) -> bool:
        """True if the word being read is, so far, an unquoted shell variable name."""
        literal = self.parts[0] if len(self.parts) == 1 else None
        return isinstance(literal, Literal) and not literal.quoted and bool(_NAME.fullmatch(literal.text))

    def _add_status(self, offset: int) -> None:
        self._add("", True, offset)
        self.parts.append(STATUS)

    def _double_quoted(self, i: int) -> int:
        s = self.s
        self._add("", True, i)
        i += 1
        while True:
            if i >= len(s):
                raise ShellSyntaxError("no closing quote")
            c = s[i]
            if c == '"':
                return i + 1
            if c == "\\":
                following = s[i + 1:i + 2]
                if following and following in '$`"\\':
                    self._add(following, True, i)
                    i += 2
                else:
                    self._add("\\", True, i)
                    i += 1
            elif c == "$":
                i = self._dollar(i, quoted=True)
            elif c == "`":
                raise ShellUnsupportedError("command substitution `...`", i)
            else:
                self._add(c, True, i)
                i += 1

    def _dollar(self, i: int, quoted: bool) -> int:
        s = self.s
        following = s[i + 1:i + 2]
        if following == "?":
            self._add_status(i)
            return i + 2
        if s.startswith("${?}", i):
            self._add_status(i)
            return i + 4
        if following == "(":
            raise ShellUnsupportedError("command substitution $(...)", i)
        if following == "{":
            raise ShellUnsupportedError("parameter expansion ${...}", i)
        if following and following in NAME_CHARS + SPECIAL_PARAMETERS:
            raise ShellUnsupportedError(f"parameter expansion ${following}", i)
        if not quoted and following and following in "'\"":
            raise ShellUnsupportedError(f"quoting ${following}...{following}", i)
        self._add("$", quoted, i)
        return i + 1

    def _operator(self, i: int) -> int:
        s = self.s
        pair = s[i:i + 2]
        if pair in (";;", ";&", ";|"):
            token = ";|" if s.startswith(";;&", i) else pair  # mksh reads `;;&` as its `;|`
            raise ShellSyntaxError(f"syntax error: unexpected '{token}'")
        if pair in ("&&", "||"):
            operator = pair
        elif pair == "|&":
            raise ShellUnsupportedError("co-process '|&'", i)
        elif s[i] == "&":
            raise ShellUnsupportedError("background '&'", i)
        else:
            operator = s[i]
        self._end_word()
        if not self.words:
            raise ShellSyntaxError(f"syntax error: unexpected '{operator}'")
        self._finish(operator)
        return i + len(operator)

    def _open_paren(self, i: int) -> None:
        if not self.in_word and not self.words:
            raise ShellUnsupportedError("subshell '('", i)
        last = self.parts[-1] if self.in_word else None
        if isinstance(last, Literal) and not last.quoted and last.text[-1:] in ("*", "?", "+", "@", "!"):
            raise ShellUnsupportedError("extended glob pattern", i)
        if len(self.words) + self.in_word == 1:
            raise ShellUnsupportedError("function definition NAME()", i)
        token = "((" if self.s.startswith("((", i) else "("
        raise ShellSyntaxError(f"syntax error: unexpected '{token}'")

    def _end_word(self) -> None:
        if not self.in_word:
            return
        word = Word(tuple(part for part in self.parts if not isinstance(part, Literal) or part.text)
                    or (Literal("", True),))
        if _has_tilde_expansion(word.parts):
            raise ShellUnsupportedError("tilde expansion", self.word_start)
        if _has_brace_expansion(word.parts):
            raise ShellUnsupportedError("brace expansion {a,b}", self.word_start)
        name = word.unquoted_text() if not self.words else None
        if name in COMPOUND_OPENERS:
            raise ShellUnsupportedError(f"reserved word '{name}'", self.word_start)
        if name in MISPLACED_RESERVED:
            raise ShellSyntaxError(f"syntax error: unexpected '{name}'")
        self.words.append(word)
        self.word_offsets.append(self.word_start)
        self.parts = []
        self.in_word = False

    def _finish(self, operator: str) -> None:
        head = self.words[0].parts[0]
        if isinstance(head, Literal) and not head.quoted and _ASSIGNMENT.match(head.text):
            raise ShellUnsupportedError("variable assignment", self.word_offsets[0])
        self.commands.append(SimpleCommand(tuple(self.words), operator))
        self.words = []
        self.word_offsets = []
        self.pending_operator = operator in ("&&", "||", "|")


def _join_continued_lines(script: str) -> str:
    """Remove every backslash-newline outside single quotes and comments, as mksh's reader does
    before it tokenizes (so `$\\<newline>?` is `$?` and `&\\<newline>&` is `&&`)."""
    out = []
    state = ""
    i = 0
    while i < len(script):
        c = script[i]
        if state == "'":
            state = "" if c == "'" else state
        elif state == "#":
            state = "" if c == "\n" else state
        elif c == "\\":
            if script.startswith("\\\n", i):
                i += 2
                continue
            out.append(script[i:i + 2])
            i += 2
            continue
        elif state == '"':
            state = "" if c == '"' else state
        elif c in "'\"":
            state = c
        elif c == "#" and (not out or out[-1] in tuple(" \t\n;&|()<>")):
            state = "#"
        out.append(c)
        i += 1
    return "".join(out)


def _unquoted_chars(parts: Tuple[Part, ...], status: int = 0) -> List[Tuple[str, bool]]:
    """Return (char, is_unquoted) for every character of a word, `$?` expanded to `status` (quoted)."""
    chars: List[Tuple[str, bool]] = []
    for part in parts:
        if isinstance(part, Literal):
            chars.extend((c, not part.quoted) for c in part.text)
        else:
            chars.extend((c, False) for c in str(status))
    return chars


def _has_tilde_expansion(parts: Tuple[Part, ...]) -> bool:
    """True if mksh would expand a `~`: unquoted at the word's start, or unquoted right after the word's
    first unquoted `=` (mksh does this in every argument, e.g. `--dir=~`)."""
    chars = _unquoted_chars(parts)
    if chars[:1] == [("~", True)]:
        return True
    equals = next((i for i, (char, unquoted) in enumerate(chars) if char == "=" and unquoted), None)
    return equals is not None and chars[equals + 1:equals + 2] == [("~", True)]


def _has_brace_expansion(parts: Tuple[Part, ...]) -> bool:
    """True if an unquoted `{`, a later unquoted `,` and a later unquoted `}` occur in order."""
    stage = 0
    for char, unquoted in _unquoted_chars(parts):
        if unquoted and char == "{,}"[stage]:
            stage += 1
            if stage == 3:
                return True
    return False


def _glob_regex(parts: Tuple[Part, ...], status: int) -> Optional["re.Pattern[str]"]:
    """Return the regex of a word's pathname pattern, or None when it has no unquoted `*`, `?`, `[`."""
    if not any(isinstance(part, Literal) and not part.quoted and any(g in part.text for g in GLOB_CHARS)
               for part in parts):
        return None
    chars = _unquoted_chars(parts, status)
    out = []
    i = 0
    component_start = True
    while i < len(chars):
        char, unquoted = chars[i]
        piece = None
        if unquoted and char == "*":
            piece = "[^/]*"
        elif unquoted and char == "?":
            piece = "[^/]"
        elif unquoted and char == "[":
            piece, i = _bracket(chars, i)
        if piece is None:
            out.append(re.escape(char))
        else:
            out.append(("(?!\\.)" if component_start else "") + piece)
        component_start = char == "/"
        i += 1
    try:
        return re.compile("".join(out), re.DOTALL)
    except re.error:  # e.g. a reversed range [z-a]: mksh matches nothing, so the word stays literal
        return None


def _bracket(chars: List[Tuple[str, bool]], start: int) -> Tuple[Optional[str], int]:
    """Translate an unquoted bracket expression starting at `start`; return (regex, index of `]`), or
    (None, start) when it is not closed and `[` is literal."""
    i = start + 1
    negate = i < len(chars) and chars[i][1] and chars[i][0] in "!^"
    if negate:
        i += 1
    body_start = i
    while i < len(chars):
        char, unquoted = chars[i]
        if char == "/":
            return None, start
        if char == "[" and chars[i + 1:i + 2] and chars[i + 1][0] in ":=.":
            closer = chars[i + 1][0] + "]"
            if closer in "".join(c for c, _ in chars[i + 2:]):
                raise ShellUnsupportedError(f"[{chars[i + 1][0]}...{closer} in a bracket expression")
        if char == "]" and unquoted and i > body_start:
            body = "".join("\\" + c if c in "\\^[]" or (c == "-" and not u) else c for c, u in chars[body_start:i])
            return ("[^/" if negate else "[") + body + "]", i
        i += 1
    return None, start


def _candidates(paths: Iterable[str]) -> List[str]:
    """Return every file in `paths`, and every directory that contains one both with and without a
    trailing `/` (so `*/` matches directories only, as in sh), as absolute paths."""
    found = set()
    for path in paths:
        found.add(path)
        path = path.rsplit("/", 1)[0]
        while path and path + "/" not in found:
            found.update((path, path + "/"))
            path = path.rsplit("/", 1)[0]
    return sorted(found)
