"""parse_am_broadcast: the fixture and the optional data and extras of the completion line."""

from __future__ import annotations

import json

import pytest

import fwm._core as core
from android_samples import sample, to_crlf

INTENT = "Broadcasting: Intent { act=androidx.work.diagnostics.REQUEST_DIAGNOSTICS flg=0x400000 pkg=com.example.app }\n"


def parse(text: str):
    return json.loads(core.parse_am_broadcast(text))


def test_fixture():
    text = sample("am-broadcast-diagnostics.txt")
    assert parse(text) == {"completed": True, "result": 0, "data": ""}
    assert parse(to_crlf(text)) == {"completed": True, "result": 0, "data": ""}


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Broadcast completed: result=-1", {"completed": True, "result": -1, "data": ""}),
        ('Broadcast completed: result=1, data="hello, world"', {"completed": True, "result": 1, "data": "hello, world"}),
        ('Broadcast completed: result=0, data="a \\"quoted\\" b", extras: Bundle[{k=v}]',
         {"completed": True, "result": 0, "data": 'a \\"quoted\\" b'}),
        ('Broadcast completed: result=0, extras: Bundle[{x=1, data="y"}]', {"completed": True, "result": 0, "data": ""}),
        ("Broadcast completed: result=", {"completed": True, "data": ""}),
    ],
)
def test_completion_lines(line, expected):
    assert parse(INTENT + line + "\r\n") == expected


@pytest.mark.parametrize("text", ["", INTENT, "Error: Activity not started, unable to resolve Intent\n"])
def test_not_completed(text):
    assert parse(text) == {"completed": False, "data": ""}
