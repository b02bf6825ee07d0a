"""The subset of NSPredicate that `log --predicate` takes and the fake understands; anything else is refused."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Tuple

Record = Dict[str, Any]
Test = Callable[[Record], bool]

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')|(?P<num>-?\d+)|(?P<op>==|!=|=|\(|\))'
                    r'|(?P<word>[A-Za-z_][A-Za-z0-9_\[\]]*))')
_FIELDS = {"process", "processImagePath", "senderImagePath", "subsystem", "category", "eventMessage", "eventType",
           "messageType", "processID", "processIdentifier", "composedMessage"}
_ALIASES = {"processIdentifier": "processID", "composedMessage": "eventMessage"}


class PredicateError(ValueError):
    """The predicate uses syntax or a key the fake does not model."""


def _tokens(text: str) -> List[Tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise PredicateError(f"cannot read the predicate at {text[pos:]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _value(record: Record, field: str) -> Any:
    key = _ALIASES.get(field, field)
    if key == "process":
        return record.get("processImagePath", "").rsplit("/", 1)[-1]
    return record.get(key, "")


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> Tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self) -> Tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def parse(self) -> Test:
        test = self.disjunction()
        if self.peek()[0] != "end":
            raise PredicateError(f"unexpected {self.peek()[1]!r} in the predicate")
        return test

    def disjunction(self) -> Test:
        parts = [self.conjunction()]
        while self.peek()[1].upper() in ("OR", "||"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else (lambda r: any(p(r) for p in parts))

    def conjunction(self) -> Test:
        parts = [self.negation()]
        while self.peek()[1].upper() in ("AND", "&&"):
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else (lambda r: all(p(r) for p in parts))

    def negation(self) -> Test:
        if self.peek()[1].upper() == "NOT":
            self.take()
            inner = self.negation()
            return lambda r: not inner(r)
        if self.peek()[1] == "(":
            self.take()
            inner = self.disjunction()
            if self.take()[1] != ")":
                raise PredicateError("a '(' in the predicate is not closed")
            return inner
        return self.comparison()

    def comparison(self) -> Test:
        kind, field = self.take()
        if kind != "word" or field not in _FIELDS:
            raise PredicateError(f"the fake does not model the predicate key {field!r}")
        _, op = self.take()
        op_upper = op.upper()
        case_insensitive = False
        if op_upper.endswith("[C]") or op_upper.endswith("[CD]"):
            case_insensitive = True
            op_upper = op_upper.split("[", 1)[0]
        vkind, raw = self.take()
        if vkind == "str":
            value: Any = bytes(raw[1:-1], "utf-8").decode("unicode_escape")
        elif vkind == "num":
            value = int(raw)
        elif vkind == "word" and field == "eventType":
            value = raw
        else:
            raise PredicateError(f"the predicate compares {field} with {raw!r}, which the fake does not model")
        return _compare(field, op_upper, value, case_insensitive)


def _compare(field: str, op: str, value: Any, fold: bool) -> Test:
    def norm(v: Any) -> Any:
        return v.lower() if fold and isinstance(v, str) else v

    if op in ("==", "="):
        return lambda r: norm(_value(r, field)) == norm(value)
    if op == "!=":
        return lambda r: norm(_value(r, field)) != norm(value)
    if op == "CONTAINS":
        return lambda r: norm(value) in norm(str(_value(r, field)))
    if op == "BEGINSWITH":
        return lambda r: norm(str(_value(r, field))).startswith(norm(value))
    if op == "ENDSWITH":
        return lambda r: norm(str(_value(r, field))).endswith(norm(value))
    raise PredicateError(f"the fake does not model the predicate operator {op!r}")


def compile_predicate(text: str) -> Test:
    """A test of one log record (json-style keys) for `text`: comparisons (==, =, !=, CONTAINS,
    BEGINSWITH, ENDSWITH, optionally [c]) of the keys process, processImagePath, senderImagePath,
    subsystem, category, eventMessage, eventType, messageType, processID with strings or numbers,
    joined by AND, OR, NOT and parentheses. Raises PredicateError for anything else."""
    return _Parser(text).parse()
